# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KIM Steuerung (Baustein 1)",
    "summary": "Lenkungsgruppe, Gremien, Beschlüsse, generative Themen, "
    "Kooperationsvereinbarungen und Monitoring",
    "version": "18.0.2.4.0",
    "category": "KIM",
    "website": "https://www.mkjfgfi.nrw/kommunales-integrationsmanagement",
    "author": "KIM NRW Projekt",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["kim_case"],
    "data": [
        "security/ir.model.access.csv",
        "security/kim_governance_security.xml",
        "data/kim_governance_data.xml",
        "views/kim_committee_views.xml",
        "views/kim_generative_theme_views.xml",
        "views/kim_agreement_views.xml",
        "views/kim_monitoring_views.xml",
        "views/kim_committee_report_views.xml",
        "views/res_partner_views.xml",
        "views/kim_integreat_sync_views.xml",
        "views/kim_case_analysis_views.xml",
        "views/project_milestone_views.xml",
        "views/kim_governance_menus.xml",
        "data/res_users_home_data.xml",
    ],
    "external_dependencies": {"python": ["xlsxwriter", "requests"]},
    "assets": {
        "web.assets_tests": [
            "kim_governance/static/tests/tours/*.js",
        ],
    },
}
