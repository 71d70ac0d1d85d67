/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// C-1, C-10: a case manager turns an inquiry into a case, is refused at the
// Assessment stage without a data-protection agreement (part 1); after the
// agreement is recorded, the case moves on to help planning (part 2).
// Buttons are selected by their name, stages by the German names the test sets.
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// Click the statusbar button of the stage with exactly this name (":contains"
// would also match "Monitoring/Re-Assessment" for "Assessment").
function clickStage(name) {
    return {
        content: `Move the case to the stage ${name}`,
        trigger: `.o_form_view .o_statusbar_status button[data-value]:contains('${name}')`,
        run() {
            const button = [
                ...document.querySelectorAll(".o_form_view .o_statusbar_status button[data-value]"),
            ].find((el) => el.textContent.trim() === name);
            if (!button) {
                throw new Error(`No statusbar button named ${name}`);
            }
            button.click();
        },
    };
}

registry.category("web_tour.tours").add("kim_case_intake_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the KIM app",
            trigger: ".o_app[data-menu-xmlid='kim_case.kim_case_menu_root']",
            run: "click",
        },
        {
            content: "Open the inquiries",
            trigger: ".o_menu_sections [data-menu-xmlid='kim_case.kim_case_menu_inquiries']",
            run: "click",
        },
        {
            content: "Create an inquiry",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Subject of the inquiry",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Anfrage Familie Tourfeld",
        },
        {
            content: "Name of the person asking",
            trigger: ".o_form_view .o_field_widget[name=contact_name] input",
            run: "edit Samira Tourfeld",
        },
        {
            content: "Open a case from the inquiry",
            trigger: ".o_form_view button[name=action_kim_open_case]",
            run: "click",
        },
        {
            content: "The case form opens in its first stage",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Erstgespräch')",
        },
        {
            content: "The client was created from the inquiry",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run() {
                const value = this.anchor.value;
                if (value !== "Samira Tourfeld") {
                    throw new Error(`Unexpected client on the case: ${value}`);
                }
            },
        },
        clickStage("Assessment"),
        {
            content: "Refused: no data-protection agreement",
            trigger: ".o_error_dialog",
        },
        {
            content: "Close the message",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        ...stepUtils.discardForm(),
        {
            content: "The case stays in its first stage",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Erstgespräch')",
        },
    ],
});

registry.category("web_tour.tours").add("kim_case_intake_planning_tour", {
    // no url: the test starts it on the case (a tour url would redirect)
    steps: () => [
        {
            content: "The consents smart button counts the recorded agreement",
            trigger:
                ".o_form_view button[name=action_view_kim_consents] .o_stat_value:contains('1')",
        },
        {
            content: "The inquiry is linked from the case",
            trigger: ".o_form_view button[name=action_view_kim_leads]",
        },
        clickStage("Assessment"),
        {
            content: "The case is in the assessment",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Assessment')",
        },
        clickStage("Hilfeplanung"),
        {
            content: "The case is in help planning",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Hilfeplanung')",
        },
    ],
});
