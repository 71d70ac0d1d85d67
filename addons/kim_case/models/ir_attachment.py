# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools

from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _check_access(self, operation):
        """X-1 / C-10: reading an attachment needs read access to the record it
        belongs to. Odoo 18.0 checks this on search, write and unlink and in
        ``/web/content``, but not on ``read``/``fetch`` with a known id, so any
        internal user could read a signed consent or a case document of another
        organisation by RPC. Public attachments and attachments of binary
        fields (``res_field``) keep the standard behaviour."""
        result = super()._check_access(operation)
        if result or operation != "read" or self.env.su or not self._ids:
            return result
        self.flush_model(["res_model", "res_id", "public", "res_field", "create_uid"])
        self.env.cr.execute(
            "SELECT id, res_model, res_id, create_uid FROM ir_attachment"
            " WHERE id IN %s AND NOT COALESCE(public, FALSE) AND res_field IS NULL",
            [tuple(self._ids)],
        )
        by_model = {}
        forbidden_ids = []
        for att_id, res_model, res_id, create_uid in self.env.cr.fetchall():
            if res_model and res_id:
                by_model.setdefault(res_model, {}).setdefault(res_id, []).append(att_id)
            elif create_uid != self.env.uid and not self.env.is_system():
                # an attachment of no record: its uploader's (as in search)
                forbidden_ids.append(att_id)
        for res_model, targets in by_model.items():
            if res_model not in self.env:
                continue
            records = self.env[res_model].browse(list(targets)).exists()
            allowed = set(records._filtered_access("read").ids)
            for res_id, att_ids in targets.items():
                if res_id not in allowed and res_id in records.ids:
                    forbidden_ids += att_ids
        if not forbidden_ids:
            return None
        forbidden = self.browse(forbidden_ids)
        return forbidden, functools.partial(
            self.env["ir.rule"]._make_access_error, operation, forbidden
        )
