/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("kim_case_menu_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "The KIM app is on the home screen",
            trigger: ".o_app[data-menu-xmlid='kim_case.kim_case_menu_root']",
            run: "click",
        },
        {
            content: "The KIM menu opens, with its German submenus",
            trigger: ".o_main_navbar .o_menu_brand:contains('KIM')",
        },
        {
            content: "The UI speaks German (the network menu reads 'Netzwerk')",
            trigger: ".o_menu_sections button:contains('Netzwerk'), .o_menu_sections a:contains('Netzwerk')",
        },
    ],
});
