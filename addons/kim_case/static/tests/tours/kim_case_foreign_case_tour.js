/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// C-12 / X-1: a case manager of a welfare association opens the address of a
// case of the KI: access is refused, and the case views show only their
// own case.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kim_case_foreign_case_tour", {
    // no url: the test starts it on the case (a tour url would redirect)
    steps: () => [
        {
            content: "Opening the KI's case is refused",
            trigger: ".o_error_dialog",
        },
        {
            content: "Close the message",
            trigger: ".o_error_dialog .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "None of the KI client's data is shown",
            trigger:
                "body:not(:has(.o_error_dialog)):not(:has(.o_form_view .o_field_widget[name=partner_id] input)):not(:contains('Amina Testperson'))",
        },
        {
            content: "Open the case section of the menu (no page reload)",
            trigger: ".o_main_navbar [data-menu-xmlid='kim_case.kim_case_menu_case_work']",
            run: "click",
        },
        {
            content: "Open the case list",
            trigger: "[data-menu-xmlid='kim_case.kim_case_menu_cases']",
            run: "click",
        },
        {
            content: "Own case in the kanban",
            trigger: ".o_kanban_view .o_kanban_record:contains('KIM-TOUR-WV')",
        },
        {
            content: "The KI's case is not in the kanban",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains('KIM-TOUR-KI')))",
        },
    ],
});
