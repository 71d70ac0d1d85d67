/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// the case manager sends a request from the case form; the authority
// staff answers it; the case manager reads the answer. The caller opens the
// records and logs in as the right user for each part.
registry.category("web_tour.tours").add("kim_abh_request_send_tour", {
    steps: () => [
        {
            content: "Ask the authority from the case",
            trigger: "button[name='action_kim_abh_request_new']",
            run: "click",
        },
        {
            content: "Choose the foreigners' authority",
            trigger: ".o_field_widget[name='authority_id'] input",
            run: "edit ABH Tourkreis",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains('ABH Tourkreis')",
            run: "click",
        },
        {
            content: "Choose the topic",
            trigger: ".o_field_widget[name='topic_id'] input",
            run: "edit Residence",
        },
        {
            content: "Pick the residence question",
            trigger: ".o-autocomplete--dropdown-item:contains('Residence Question')",
            run: "click",
        },
        {
            content: "Write the question",
            trigger: ".o_field_widget[name='question'] textarea",
            run: "edit Kann die Duldung verlängert werden?",
        },
        {
            content: "Send (save) the request",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The request is saved as new",
            trigger: ".o_form_saved .o_statusbar_status [data-value='new'].o_arrow_button_current",
        },
    ],
});

registry.category("web_tour.tours").add("kim_abh_request_answer_tour", {
    steps: () => [
        {
            content: "The authority sees the question",
            trigger: ".o_field_widget[name='question']:contains('Duldung verlängert')",
        },
        {
            content: "Write the answer",
            trigger: ".o_field_widget[name='answer'] .odoo-editor-editable",
            run: "editor Die Duldung wird um sechs Monate verlängert.",
        },
        {
            content: "Send the answer",
            trigger: "button[name='action_answer']",
            run: "click",
        },
        {
            content: "The request is answered",
            trigger: ".o_statusbar_status [data-value='answered'].o_arrow_button_current",
        },
    ],
});

registry.category("web_tour.tours").add("kim_abh_request_read_tour", {
    steps: () => [
        {
            content: "The case manager reads the answer",
            trigger: ".o_field_widget[name='answer']:contains('sechs Monate')",
        },
        {
            content: "and closes the request",
            trigger: "button[name='action_done']",
            run: "click",
        },
        {
            content: "The request is done",
            trigger: ".o_statusbar_status [data-value='done'].o_arrow_button_current",
        },
    ],
});
