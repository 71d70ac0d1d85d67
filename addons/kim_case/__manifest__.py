# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KIM Fallmanagement",
    "summary": "Kommunales Integrationsmanagement NRW: rechtskreisübergreifendes "
    "Fallmanagement (Baustein 2), Netzwerk, Kommunen, Einwilligungen",
    "version": "18.0.1.0.0",
    "category": "KIM",
    "website": "https://www.mkjfgfi.nrw/kommunales-integrationsmanagement",
    "author": "KIM NRW Projekt",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail", "contacts", "portal", "base_import"],
    "data": [
        "security/kim_case_groups.xml",
        "security/ir.model.access.csv",
        "security/kim_case_security.xml",
        "data/kim.language.csv",
        "data/kim.legal.domain.csv",
        "data/kim.life.domain.csv",
        "data/kim.partner.type.csv",
        "data/kim.target.group.csv",
        "data/kim.data.category.csv",
        "data/kim.residence.status.csv",
        "data/kim_case_data.xml",
        "views/kim_catalogue_views.xml",
        "views/kim_district_views.xml",
        "views/res_partner_views.xml",
        "views/res_users_views.xml",
        "views/kim_consent_views.xml",
        "views/kim_case_views.xml",
        "views/kim_case_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
        "demo/kim_district_demo.xml",
        "demo/res_partner_network_demo.xml",
        "demo/kim_case_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "kim_case/static/tests/tours/*.js",
        ],
    },
}
