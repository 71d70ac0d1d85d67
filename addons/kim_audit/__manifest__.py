# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KIM Protokollierung",
    "summary": "Audit-Protokoll (OCA auditlog) für KIM: alte und neue Werte, Einträge "
    "je Aufruf in einem Schub, Drucke und Downloads, unveränderbar, Löschung nach "
    "Art. 17 DSGVO",
    "version": "18.0.2.0.0",
    "category": "KIM",
    "website": "https://www.mkjfgfi.nrw/kommunales-integrationsmanagement",
    "author": "KIM NRW Projekt",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["auditlog", "mail"],
    "data": [
        # no rows: kim_audit extends auditlog's models and defines none; the
        # access to the log stays auditlog's (read-only rules beside it)
        "security/ir.model.access.csv",
        "security/kim_audit_security.xml",
    ],
    "pre_init_hook": "pre_init_hook",
}
