/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Issue #21 (C-12): a coordinator lands on My day, sets up holiday cover for
// a colleague (all open cases to one substitute, for a week) and sees the
// substitutions; the test then lets the week pass and checks it ended.
import {registry} from "@web/core/registry";

function inDays(days) {
    // the KIM day is counted in Europe/Berlin, whatever the browser's zone
    // (between 23:00 and 24:00 UTC the two days differ)
    const parts = Object.fromEntries(
        new Intl.DateTimeFormat("en-CA", {
            timeZone: "Europe/Berlin",
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
        })
            .formatToParts(new Date())
            .map((part) => [part.type, part.value])
    );
    const day = new Date(
        Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + days)
    );
    const dd = String(day.getUTCDate()).padStart(2, "0");
    const mm = String(day.getUTCMonth() + 1).padStart(2, "0");
    return `${dd}.${mm}.${day.getUTCFullYear()}`;
}

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
            run: `edit ${inDays(7)}`,
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
