/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kim_funding_portal_upload_tour", {
    url: "/my/kim-contracts",
    steps: () => [
        {
            content: "Open the own organisation's contract",
            trigger: "table.o_kim_contracts a:contains('Vertrag Portal Tour')",
            run: "click",
        },
        {
            content: "Choose the proof of use (PDF)",
            trigger: "#kim_upload",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4 Verwendungsnachweis"], "verwendungsnachweis.pdf", {
                        type: "application/pdf",
                    })
                );
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "Upload it",
            trigger: "button[name='kim_upload_submit']",
            run: "click",
        },
        {
            content: "The upload is confirmed",
            trigger: ".alert-success",
        },
    ],
});
