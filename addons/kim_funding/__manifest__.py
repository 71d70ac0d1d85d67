# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KIM Förderung",
    "summary": "Zuwendungen je Baustein, Stellen, Weiterleitungsverträge, "
    "Verwendungsnachweis und Trägerportal",
    "version": "18.0.2.1.0",
    "category": "KIM",
    "website": "https://www.mkjfgfi.nrw/kommunales-integrationsmanagement",
    "author": "KIM NRW Projekt",
    "license": "AGPL-3",
    "installable": True,
    "depends": [
        "kim_case",
        "account",
        "hr",
        "account_statement_import_camt",
        "account_reconcile_oca",
        "kim_audit",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/kim_funding_security.xml",
        "security/ir.model.access.csv",
        "data/kim_funding_data.xml",
        "data/kim_funding_rule_data.xml",
        "data/kim_funding_deadline_data.xml",
        "data/mail_activity_type_data.xml",
        "views/kim_funding_menus.xml",
        "views/kim_grant_views.xml",
        "views/kim_position_views.xml",
        "views/kim_forwarding_contract_views.xml",
        "views/kim_distribution_key_views.xml",
        "views/kim_proof_of_use_views.xml",
        "views/kim_funding_rule_views.xml",
        "views/kim_funding_portal_templates.xml",
        "views/hr_employee_views.xml",
        "report/kim_proof_of_use_report.xml",
        "report/kim_funding_letter_report.xml",
        "data/mail_template_data.xml",
        "views/kim_funding_bank_views.xml",
        "data/kim_funding_auditlog_data.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "kim_funding/static/tests/tours/*.js",
        ],
    },
}
