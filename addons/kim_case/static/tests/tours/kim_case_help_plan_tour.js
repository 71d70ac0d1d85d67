/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// A case manager without any project right records a goal and a measure of
// the help plan on the case form (C-6, C-7); the caller opens the case.
registry.category("web_tour.tours").add("kim_case_help_plan_tour", {
    steps: () => [
        {
            content: "Open the Goals tab",
            trigger: ".o_notebook_headers a[name='goals']",
            run: "click",
        },
        {
            content: "Add a goal",
            trigger: "div[name='goal_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Write the goal",
            trigger: "div[name='goal_ids'] .o_data_row [name='name'] input",
            run: "edit Deutschkurs B1 abschließen",
        },
        {
            content: "Open the Help Plan tab",
            trigger: ".o_notebook_headers a[name='help_plan']",
            run: "click",
        },
        {
            content: "Add a measure",
            trigger: "div[name='measure_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Describe the measure",
            trigger: "div[name='measure_ids'] .o_data_row [name='name'] input",
            run: "edit Anmeldung Integrationskurs begleiten",
        },
        {
            content: "Save the case",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The case is saved with its measure",
            trigger:
                ".o_form_saved div[name='measure_ids'] .o_data_row:contains('Anmeldung Integrationskurs begleiten')",
        },
    ],
});
