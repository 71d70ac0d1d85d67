# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Payment runs for the municipal ERP (issue #19, F-5, F-7).

Kreise in NRW book in NKF on municipal ERPs (SAP, Infoma newsystem, H&H
proDoppik) and the Kreiskasse pays from there. An export run takes the due
instalments, fixes each one's booking keys in a line at the moment of the
export and writes them as a CSV whose columns, separators and encoding are a
format the finance staff configure (data). The file is stored with the run:
a re-export gives the same bytes, and an exported instalment cannot change
any more (an amendment is refused) nor go into a second run."""

import base64
import csv
import io

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kim_case.tools import (
    kim_lang_env,
    kim_serialise,
    kim_today,
    records_changing,
)

from .kim_erp_export_format import SEPARATORS

# set by the export only, never by a form, an import or an RPC call
EXPORT_FIELDS = {"state", "exported_by_id", "exported_on", "file", "file_name"}


def kim_erp_exporting(env):
    """True inside :meth:`KimErpExport.action_export`: the context holds the
    run being exported, which no RPC or import call can pass."""
    run = env.context.get("kim_erp_exporting")
    return isinstance(run, models.BaseModel) and run._name == "kim.erp.export"


def kim_check_export_fields(env, vals_list, names):
    if kim_erp_exporting(env):
        return
    for vals in vals_list:
        given = set(vals) & names
        if given - {"state"} or vals.get("state", "draft") != "draft":
            raise UserError(
                env._("Only the export of a payment run sets these values.")
            )


class KimErpExport(models.Model):
    """One payment run for the municipal ERP and its stored file."""

    _name = "kim.erp.export"
    _description = "KIM ERP Payment Export"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    format_id = fields.Many2one(
        "kim.erp.export.format",
        required=True,
        default=lambda self: self.env.ref(
            "kim_funding.erp_export_format_generic", raise_if_not_found=False
        ),
    )
    grant_id = fields.Many2one(
        "kim.grant", help="Empty: the due instalments of every grant."
    )
    date_until = fields.Date(
        "Due up to", required=True, default=lambda self: kim_today(self)
    )
    state = fields.Selection(
        [("draft", "Draft"), ("exported", "Exported")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    line_ids = fields.One2many(
        "kim.erp.export.line", "export_id", readonly=True, copy=False
    )
    line_count = fields.Integer(compute="_compute_totals")
    amount_total = fields.Monetary(compute="_compute_totals")
    exported_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    exported_on = fields.Datetime(readonly=True, copy=False)
    file = fields.Binary(attachment=True, readonly=True, copy=False)
    file_name = fields.Char(readonly=True, copy=False)

    @api.depends("line_ids.amount")
    def _compute_totals(self):
        for run in self:
            run.line_count = len(run.line_ids)
            run.amount_total = sum(run.line_ids.mapped("amount"))

    @api.model_create_multi
    def create(self, vals_list):
        kim_check_export_fields(self.env, vals_list, EXPORT_FIELDS)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("kim.erp.export") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        kim_check_export_fields(self.env, [vals], EXPORT_FIELDS)
        if records_changing(
            self.filtered(lambda r: r.state == "exported"),
            vals,
            ("format_id", "date_until", "company_id", "grant_id"),
        ):
            raise UserError(
                self.env._("An exported payment run cannot be changed any more.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_exported(self):
        if self.filtered(lambda r: r.state == "exported") or self.line_ids.filtered(
            "exported"
        ):
            raise UserError(
                self.env._(
                    "An exported payment run cannot be deleted: the treasury "
                    "may have booked it."
                )
            )

    def _kim_open_instalments(self):
        """Instalments of active contracts of the run's company (and grant, if
        set), due up to the run's date, unpaid and in no exported run."""
        self.ensure_one()
        exported = self.env["kim.erp.export.line"].search(
            [("exported", "=", True), ("company_id", "=", self.company_id.id)]
        )
        grant = (
            [("contract_id.grant_id", "=", self.grant_id.id)] if self.grant_id else []
        )
        return self.env["kim.forwarding.instalment"].search(
            [
                *grant,
                ("company_id", "=", self.company_id.id),
                ("contract_id.state", "=", "active"),
                ("due_date", "<=", self.date_until),
                ("state", "!=", "paid"),
                ("id", "not in", exported.instalment_id.ids),
            ],
            order="due_date, contract_id, sequence",
        )

    def action_collect(self):
        """Fill the draft run with the due instalments (again: a re-run
        replaces the lines)."""
        for run in self:
            if run.state != "draft":
                raise UserError(
                    self.env._("An exported payment run cannot be changed any more.")
                )
            lines = run.with_context(kim_erp_exporting=run).line_ids
            lines.unlink()
            # the amounts and due dates for the review before the export
            lines.create(
                [
                    {
                        "export_id": run.id,
                        "instalment_id": inst.id,
                        "amount": inst.amount,
                        "due_date": inst.due_date,
                    }
                    for inst in run._kim_open_instalments()
                ]
            )
        return True

    def _kim_check_exportable(self):
        self.ensure_one()
        env = self.env
        if not self.line_ids:
            raise UserError(env._("The payment run has no instalments to export."))
        if not self.format_id.column_ids:
            raise UserError(env._("The export format has no columns."))
        problems = []
        Key = env["kim.booking.key"]
        exported = self.line_ids.instalment_id._kim_erp_export_lines()
        open_instalments = self._kim_open_instalments()
        for line in self.line_ids:
            inst = line.instalment_id
            label = env._(
                "%(contract)s, instalment %(seq)s",
                contract=inst.contract_id.name,
                seq=inst.sequence,
            )
            if inst.state == "paid" or inst.move_id.payment_state in (
                "partial",
                "in_payment",
            ):
                problems.append(env._("%(line)s: already paid.", line=label))
            elif order := inst._kim_sepa_order():
                problems.append(
                    env._(
                        "%(line)s: in SEPA payment order %(order)s.",
                        line=label,
                        order=order.name,
                    )
                )
            elif inst not in open_instalments and inst not in exported.instalment_id:
                problems.append(
                    env._(
                        "%(line)s: not a due instalment of an active contract of "
                        "this run.",
                        line=label,
                    )
                )
            other = exported.filtered(lambda e, i=inst: e.instalment_id == i)
            if other:
                problems.append(
                    env._(
                        "%(line)s: already exported in payment run %(run)s.",
                        line=label,
                        run=other[0].export_id.name,
                    )
                )
            if not inst.recipient_id.commercial_partner_id.ref:
                problems.append(
                    env._(
                        "%(line)s: %(partner)s has no creditor number (field "
                        "Reference on the contact's sales and purchase tab).",
                        line=label,
                        partner=inst.recipient_id.commercial_partner_id.name,
                    )
                )
            if not Key._kim_key_for(
                self.company_id,
                inst.contract_id.baustein,
                inst.contract_id.category,
                inst.due_date,
            ):
                problems.append(
                    env._(
                        "%(line)s: no booking key for this cost category on the "
                        "due date.",
                        line=label,
                    )
                )
        if problems:
            raise UserError(
                env._("The payment run was not exported:\n%(problems)s")
                % {"problems": "\n".join(problems)}
            )

    def action_export(self):
        """Fix the booking keys in the lines, give each instalment its cash
        reference, write and store the file. All or nothing."""
        self.ensure_one()
        if self.state != "draft":
            return self.action_download()
        if not self.line_ids:
            self.action_collect()
        return self.with_context(kim_erp_exporting=self)._kim_export()

    def _kim_export(self):
        instalments = self.line_ids.instalment_id
        kim_serialise(instalments)
        instalments.invalidate_recordset()
        self._kim_check_exportable()
        Key = self.env["kim.booking.key"]
        for line in self.line_ids:
            inst = line.instalment_id
            if not inst.cash_reference:
                inst.cash_reference = self.env["ir.sequence"].next_by_code(
                    "kim.cash.reference"
                )
            key = Key._kim_key_for(
                self.company_id,
                inst.contract_id.baustein,
                inst.contract_id.category,
                inst.due_date,
            )
            partner = inst.recipient_id.commercial_partner_id
            line.write(
                {
                    "exported": True,
                    "cash_reference": inst.cash_reference,
                    "creditor_number": partner.ref,
                    "recipient_name": partner.name,
                    "iban": partner.bank_ids.filtered("allow_out_payment")[
                        :1
                    ].acc_number
                    or "",
                    "product": key.product,
                    "cost_centre": key.cost_centre or "",
                    "gl_account": key.gl_account,
                    "fiscal_year": inst.due_date.year,
                    "due_date": inst.due_date,
                    "amount": inst.amount,
                    "purpose": kim_lang_env(self)._(
                        "%(contract)s: instalment %(seq)s",
                        contract=inst.contract_id.name,
                        seq=inst.sequence,
                    ),
                    "contract_name": inst.contract_id.name,
                    "instalment_sequence": inst.sequence,
                }
            )
        self.write(
            {
                "state": "exported",
                "exported_by_id": self.env.uid,
                "exported_on": fields.Datetime.now(),
                "file": base64.b64encode(self._kim_render()),
                "file_name": f"{self.name.replace('/', '-')}.csv",
            }
        )
        return self.action_download()

    def _kim_render(self):
        """The file from the lines' fixed values and the format: the same
        bytes every time for the same run."""
        self.ensure_one()
        fmt = self.format_id
        columns = fmt.column_ids.sorted(lambda c: (c.sequence, c.id))
        buffer = io.StringIO()
        writer = csv.writer(
            buffer,
            delimiter=SEPARATORS[fmt.separator],
            quoting=csv.QUOTE_MINIMAL,
            lineterminator="\r\n",
        )
        if fmt.header:
            writer.writerow(columns.mapped("header"))
        for line in self.line_ids.sorted(lambda line: line.id):
            writer.writerow([line._kim_value(col, fmt) for col in columns])
        return buffer.getvalue().encode(fmt.encoding, errors="replace")

    def action_download(self):
        self.ensure_one()
        if self.state != "exported":
            raise UserError(self.env._("Export the payment run first."))
        return {
            "type": "ir.actions.act_url",
            "url": (
                f"/web/content/{self._name}/{self.id}/file/"
                f"{self.file_name}?download=true"
            ),
            "target": "self",
        }
