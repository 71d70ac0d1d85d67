# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KIM Demo Kreis Warendorf",
    "summary": "Deutsche Demodaten eines arbeitenden Kreises: Träger, Nutzer, "
    "Familien und Fälle in jeder Phase, Gremien, Zuwendungen, ABH-Anfragen",
    "version": "18.0.2.1.0",
    "category": "KIM",
    "website": "https://www.mkjfgfi.nrw/kommunales-integrationsmanagement",
    "author": "KIM NRW Projekt",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": False,
    "depends": ["kim_case", "kim_governance", "kim_funding", "kim_abh"],
    # the whole addon is demo: its records are data, installing it is the
    # decision to have the demo Kreis (never in production)
    "data": [
        # no rows: the only model is the abstract kim.demo.generator
        "security/ir.model.access.csv",
        "data/res_partner_demo.xml",
        "data/res_users_demo.xml",
        "data/kim_district_demo.xml",
        "data/res_partner_network_demo.xml",
        "data/kim_case_demo.xml",
        "data/kim_governance_demo.xml",
        "data/kim_funding_demo.xml",
        "data/kim_abh_demo.xml",
        "data/kim_demo_complete.xml",
    ],
}
