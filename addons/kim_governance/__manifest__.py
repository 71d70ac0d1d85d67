# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KIM Steuerung (Baustein 1)",
    "summary": "Lenkungsgruppe, Gremien, Beschlüsse, generative Themen, "
    "Kooperationsvereinbarungen und Monitoring",
    "version": "18.0.1.0.0",
    "category": "KIM",
    "website": "https://www.mkjfgfi.nrw/kommunales-integrationsmanagement",
    "author": "KIM NRW Projekt",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["kim_case"],
    "data": [
        "security/ir.model.access.csv",
        "views/kim_governance_menus.xml",
    ],
}
