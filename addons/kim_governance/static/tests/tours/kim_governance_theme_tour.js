/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// G-4 / C-13: coordination turns two system-gap observations into a
// generative theme and moves it through the pipeline to the Lenkungsgruppe.
import {registry} from "@web/core/registry";

const current = (stage) =>
    `.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=${stage}]`;

registry.category("web_tour.tours").add("kim_governance_theme_tour", {
    steps: () => [
        {
            content: "Select the first observation",
            trigger: ".o_data_row:contains('TOUR-GAP-1') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Select the second observation",
            trigger: ".o_data_row:contains('TOUR-GAP-2') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Group them into a theme",
            trigger: ".o_list_view button[name=action_kim_create_theme]",
            run: "click",
        },
        {
            content: "Name the theme",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Tour-Thema Wartezeiten",
        },
        {
            content: "The theme counts two cases",
            trigger: ".o_form_view .o_field_widget[name=case_count]:contains('2')",
        },
        ...["recorded", "similar_cases", "working_group", "project_group"].flatMap(
            (stage) => [
                {
                    content: `Theme is at stage ${stage}`,
                    trigger: current(stage),
                },
                {
                    content: `Move on from ${stage}`,
                    trigger: ".o_form_view button[name=action_next_stage]",
                    run: "click",
                },
            ]
        ),
        {
            content: "The theme reached the steering group",
            trigger: current("steering"),
        },
        {
            content: "Its decision was produced",
            trigger: ".o_form_view .o_field_widget[name=decision_id]:contains('Tour-Thema')",
        },
        {
            content: "No further stage button",
            trigger: ".o_form_view:not(:has(button[name=action_next_stage]))",
        },
    ],
});
