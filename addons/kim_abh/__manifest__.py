# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KIM Ausländer- und Einbürgerungsbehörde (Baustein 3)",
    "summary": "Einwilligungsgebundene Kooperationsanfragen an ABH/EBH, "
    "Bleiberechts- und Einbürgerungs-Checks, Kampagnen",
    "version": "18.0.1.0.0",
    "category": "KIM",
    "website": "https://www.mkjfgfi.nrw/kommunales-integrationsmanagement",
    "author": "KIM NRW Projekt",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["kim_case"],
    "data": [
        "security/ir.model.access.csv",
        "views/kim_abh_menus.xml",
    ],
}
