# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import ValidationError

from odoo.addons.kim_case.tools import kim_serialise


class AccountPaymentLine(models.Model):
    _inherit = "account.payment.line"

    @api.constrains("move_line_id")
    def _check_kim_paid_once(self):
        """F-5/F-7 (issue #19): the bill of a forwarding instalment is in one
        payment order at a time and in none once it is paid, however the line
        is made (the instalment's button, the order's "create lines from
        journal items", an import or RPC). Two orders at once: serialised on
        the instalment. Other bills (not KIM's) are left to OCA's own checks."""
        lines = self.filtered("move_line_id")
        if not lines:
            return
        instalments = (
            self.env["kim.forwarding.instalment"]
            .sudo()  # sudo: which bills are instalments; nothing leaves this check
            .search([("move_id", "in", lines.move_line_id.move_id.ids)])
        )
        if not instalments:
            return
        kim_serialise(instalments)
        by_move = {inst.move_id: inst for inst in instalments}
        # sudo: every order's lines count, also those the user cannot read
        PaymentLine = self.sudo().with_context(active_test=False)
        for line in lines:
            inst = by_move.get(line.move_line_id.move_id)
            if not inst:
                continue
            other = PaymentLine.search(
                [
                    ("move_line_id", "=", line.move_line_id.id),
                    ("id", "!=", line.id),
                    ("state", "!=", "cancel"),
                ],
                limit=1,
            )
            if other or line.move_line_id.reconciled:
                raise ValidationError(
                    self.env._(
                        "Instalment %(seq)s of %(contract)s is already paid or in "
                        "payment order %(order)s: it cannot be paid twice.",
                        seq=inst.sequence,
                        contract=inst.contract_id.name,
                        order=other.order_id.name or "–",
                    )
                )
