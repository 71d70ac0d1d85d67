/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Issue #21 (C-8): a case manager logs in and lands on "Mein Tag"; the tile
// of cases that close automatically shows one case; from its list the case
// is kept open with a reason, and the list no longer holds it.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kim_case_my_day_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The first screen after login is My day, one tile counts one closing case",
            trigger: ".o_kim_day .o_kanban_record:contains('automatisch') .o_kim_day_count:contains('1')",
            run: "click",
        },
        {
            content: "The list of closing cases holds the case",
            trigger: ".o_list_view .o_data_row:contains('Tourfall')",
        },
        {
            content: "Keep the case open",
            trigger: ".o_list_view .o_data_row button[name=action_kim_keep_open]",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: "edit Klientin im Krankenhaus, Kontakt geplant",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The case has left the list of closing cases",
            trigger: "body:not(:has(.modal)) .o_list_view:not(:has(.o_data_row))",
        },
    ],
});
