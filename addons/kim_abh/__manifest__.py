# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KIM Ausländer- und Einbürgerungsbehörde (Baustein 3)",
    "summary": "Einwilligungsgebundene Kooperationsanfragen an ABH/EBH, "
    "Bleiberechts- und Einbürgerungs-Checks, Kampagnen",
    "version": "18.0.2.2.0",
    "category": "KIM",
    "website": "https://www.mkjfgfi.nrw/kommunales-integrationsmanagement",
    "author": "KIM NRW Projekt",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["kim_case", "kim_audit"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "security/kim_abh_security.xml",
        "data/kim_abh_data.xml",
        "data/mail_activity_type_data.xml",
        "data/kim_abh_topic_data.xml",
        "data/kim_abh_readiness_rule_data.xml",
        "views/kim_abh_request_views.xml",
        "views/kim_abh_config_views.xml",
        "views/kim_abh_campaign_views.xml",
        "views/kim_abh_menus.xml",
        "views/res_users_views.xml",
        "wizards/kim_abh_statistics_report_views.xml",
        "data/kim_abh_auditlog_data.xml",
        "data/res_users_home_data.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "kim_abh/static/tests/tours/*.js",
        ],
    },
}
