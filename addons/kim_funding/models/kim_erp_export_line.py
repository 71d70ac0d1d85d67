# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_repr

from odoo.addons.kim_case.tools import kim_lang_env

from .kim_erp_export import kim_check_export_fields


class KimErpExportLine(models.Model):
    """An instalment in a payment run; at the export its booking values are
    fixed here, so the file of the run never changes."""

    _name = "kim.erp.export.line"
    _description = "KIM ERP Payment Export Line"
    _order = "export_id, id"

    export_id = fields.Many2one(
        "kim.erp.export", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="export_id.company_id", store=True)
    currency_id = fields.Many2one(related="export_id.currency_id")
    # an exported instalment cannot be deleted (see the instalment); a draft
    # line goes with its instalment
    instalment_id = fields.Many2one(
        "kim.forwarding.instalment",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    contract_id = fields.Many2one(related="instalment_id.contract_id")
    exported = fields.Boolean(readonly=True)
    booking_type = fields.Selection(
        [("payment", "Payment")], default="payment", required=True, readonly=True
    )
    cash_reference = fields.Char("Cash reference", readonly=True)
    creditor_number = fields.Char(readonly=True)
    recipient_name = fields.Char("Recipient", readonly=True)
    iban = fields.Char("IBAN", readonly=True)
    product = fields.Char("NKF product", readonly=True)
    cost_centre = fields.Char(readonly=True)
    gl_account = fields.Char("G/L account", readonly=True)
    fiscal_year = fields.Integer("Budget year", readonly=True)
    due_date = fields.Date(readonly=True)
    amount = fields.Monetary(readonly=True)
    purpose = fields.Char(readonly=True)
    contract_name = fields.Char("Contract", readonly=True)
    instalment_sequence = fields.Integer("Instalment", readonly=True)

    def init(self):
        # an instalment is exported once: two runs exporting it at the same
        # time cannot both commit
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS kim_erp_export_line_once "
                "ON kim_erp_export_line (instalment_id) "
                "WHERE exported AND booking_type = 'payment'"
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        kim_check_export_fields(self.env, vals_list, self._kim_fixed_fields())
        lines = super().create(vals_list)
        lines._kim_check_draft_run()
        return lines

    def _kim_check_draft_run(self):
        if self.export_id.filtered(lambda run: run.state != "draft"):
            raise UserError(
                self.env._("An exported payment run cannot be changed any more.")
            )

    def _kim_fixed_fields(self):
        """The values fixed at the export (set by the export only)."""
        return {
            name
            for name, field in self._fields.items()
            if field.store
            and name not in ("export_id", "instalment_id", "company_id")
            and not field.automatic
        }

    def write(self, vals):
        kim_check_export_fields(self.env, [vals], self._kim_fixed_fields())
        self._kim_check_draft_run()
        if self.filtered("exported"):
            raise UserError(
                self.env._("An exported payment run cannot be changed any more.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_exported(self):
        if self.filtered("exported") or self.export_id.filtered(
            lambda run: run.state != "draft"
        ):
            raise UserError(
                self.env._("An exported payment run cannot be changed any more.")
            )

    def _kim_value(self, column, fmt):
        """The text of ``column`` for this line in format ``fmt``."""
        if column.source == "constant":
            return column.constant or ""
        if column.source == "booking_type":
            return dict(
                self._fields["booking_type"]._description_selection(kim_lang_env(self))
            )[self.booking_type]
        value = self[column.source]
        if column.source == "amount":
            text = float_repr(value, self.currency_id.decimal_places or 2)
            return text.replace(".", fmt.decimal_separator)
        if column.source == "due_date":
            return value.strftime(fmt.date_format) if value else ""
        if column.source in ("fiscal_year", "instalment_sequence"):
            return str(value)
        return value or ""
