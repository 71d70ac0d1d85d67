# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# what a column of an export format can hold: the line's field of that name
COLUMN_SOURCES = [
    ("booking_type", "Booking type"),
    ("cash_reference", "Cash reference (Kassenzeichen)"),
    ("creditor_number", "Creditor number"),
    ("recipient_name", "Recipient"),
    ("iban", "IBAN"),
    ("product", "NKF product"),
    ("cost_centre", "Cost centre"),
    ("gl_account", "G/L account"),
    ("fiscal_year", "Budget year"),
    ("due_date", "Due date"),
    ("amount", "Amount"),
    ("purpose", "Purpose"),
    ("contract_name", "Contract"),
    ("instalment_sequence", "Instalment"),
    ("constant", "Fixed value"),
]
SEPARATORS = {"semicolon": ";", "comma": ",", "tab": "\t"}


class KimErpExportFormat(models.Model):
    """The column mapping of a municipal ERP's import: which value in which
    column, with which separators and encoding."""

    _name = "kim.erp.export.format"
    _description = "KIM ERP Export Format"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    separator = fields.Selection(
        [("semicolon", "Semicolon"), ("comma", "Comma"), ("tab", "Tab")],
        required=True,
        default="semicolon",
    )
    decimal_separator = fields.Selection(
        [(",", "Comma"), (".", "Point")], required=True, default=","
    )
    date_format = fields.Selection(
        [
            ("%d.%m.%Y", "DD.MM.YYYY"),
            ("%Y-%m-%d", "YYYY-MM-DD"),
            ("%Y%m%d", "YYYYMMDD"),
        ],
        required=True,
        default="%d.%m.%Y",
    )
    encoding = fields.Selection(
        [
            ("utf-8", "UTF-8"),
            ("utf-8-sig", "UTF-8 with byte order mark"),
            ("cp1252", "Windows-1252"),
        ],
        required=True,
        default="utf-8",
    )
    header = fields.Boolean("Header row", default=True)
    column_ids = fields.One2many("kim.erp.export.column", "format_id", copy=True)
