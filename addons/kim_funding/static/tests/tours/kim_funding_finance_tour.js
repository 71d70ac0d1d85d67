/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kim_funding_finance_tour", {
    steps: () => [
        {
            content: "Finance releases the contract approved by the KI",
            trigger: ".o_form_view button[name='action_release']",
            run: "click",
        },
        {
            content: "The contract is active",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current[data-value='active']",
        },
        {
            content: "Bill the first instalment",
            trigger:
                ".o_field_one2many[name='instalment_ids'] .o_data_row:first-child button[name='action_bill']",
            run: "click",
        },
        {
            content: "Pay the billed instalment",
            trigger:
                ".o_field_one2many[name='instalment_ids'] .o_data_row:first-child button[name='action_pay']",
            run: "click",
        },
        {
            content: "The instalment is paid and reconciled",
            trigger:
                ".o_field_one2many[name='instalment_ids'] .o_data_row:first-child td[name='state']:contains('Paid')",
        },
    ],
});
