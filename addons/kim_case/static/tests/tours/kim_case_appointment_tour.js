/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Issue #21 (C-5, C-8): a case manager opens a case, goes to its
// appointments, opens yesterday's appointment and marks it as held with one
// click; the appointment shows it is recorded and the case's contacts list
// holds the contact of that day with the appointment's duration.
import {registry} from "@web/core/registry";
import {berlinDay} from "@kim_case/../tests/tours/kim_tour_tools";

registry.category("web_tour.tours").add("kim_case_appointment_tour", {
    // no url: the test starts the tour on the case form (/odoo/kim-cases/<id>)
    steps: () => [
        {
            content: "The case form is open",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('Tourfall')",
        },
        {
            content: "Open the case's appointments",
            trigger: ".o_form_view button[name=action_kim_view_conferences]:contains('Konferenzen')",
            run: "click",
        },
        {
            content: "Show the appointments as a list",
            trigger: ".o_calendar_view .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open yesterday's appointment",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=name]:contains('Beratungstermin')",
            run: "click",
        },
        {
            content: "The appointment belongs to the case; mark it as held",
            trigger: ".o_form_view .o_kim_event_contact button[name=action_kim_contact_held]:contains('Stattgefunden')",
            run: "click",
        },
        {
            content: "The appointment shows it is recorded as held, the buttons are gone",
            trigger: ".o_form_view:not(:has(.o_kim_event_contact button)) .o_field_widget[name=kim_contact_outcome]:contains('Stattgefunden')",
        },
        {
            content: "Back to the case",
            trigger: ".o_breadcrumb .breadcrumb-item:contains('Tourfall') a",
            run: "click",
        },
        {
            content: "Open the contacts tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Kontakte')",
            run: "click",
        },
        {
            content: "The contact of yesterday is recorded, held, one hour long",
            trigger: `.o_field_widget[name=contact_ids] .o_data_row:contains('${berlinDay(-1)}'):contains('Stattgefunden'):contains('01:00')`,
        },
    ],
});
