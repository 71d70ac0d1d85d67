/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Issue #21 (C-12): a coordinator lands on My day, sets up holiday cover for
// a colleague (all open cases to one substitute, for a week) and sees the
// substitutions; the test then lets the week pass and checks it ended.
import {registry} from "@web/core/registry";
import {berlinDay} from "@kim_case/../tests/tours/kim_tour_tools";

registry.category("web_tour.tours").add("kim_case_cover_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The coordinator's first screen is My day with the team tiles",
            trigger: ".o_kim_day .o_kanban_record:contains('Team')",
        },
        {
            content: "Open the case section of the menu",
            trigger: ".o_menu_sections [data-menu-xmlid='kim_case.kim_case_menu_case_work']",
            run: "click",
        },
        {
            content: "Set up holiday cover",
            trigger: "[data-menu-xmlid='kim_case.kim_case_menu_cover_new']",
            run: "click",
        },
        {
            content: "Choose the absent case manager",
            trigger: ".modal .o_field_widget[name=user_id] input",
            run: "edit Tour Fallmanagerin",
        },
        {
            content: "Pick her",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Fallmanagerin')",
            run: "click",
        },
        {
            content: "Her open cases are offered",
            trigger: ".modal .o_field_widget[name=case_ids] .o_data_row:contains('Tourfall 2')",
        },
        {
            content: "Choose the substitute",
            trigger: ".modal .o_field_widget[name=substitute_ids] input",
            run: "edit Tour Vertretung",
        },
        {
            content: "Pick him",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Vertretung')",
            run: "click",
        },
        {
            content: "Until one week from today",
            trigger: ".modal .o_field_widget[name=date_to] input",
            run: `edit ${berlinDay(7)}`,
        },
        {
            content: "Leave the date field",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: "click",
        },
        {
            content: "Set up the cover",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The substitutions are listed, running today",
            trigger: "body:not(:has(.modal)) .o_list_view .o_data_row:contains('Tour Vertretung')",
        },
    ],
});
