# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.http import request


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _get_stream_from(
        self,
        record,
        field_name="raw",
        filename=None,
        filename_field="name",
        mimetype=None,
        default_mimetype="application/octet-stream",
    ):
        """Audit trail: a file of records whose access is logged, streamed to
        a user over HTTP (``/web/content``, ``/web/image``), is logged."""
        stream = super()._get_stream_from(
            record, field_name, filename, filename_field, mimetype, default_mimetype
        )
        if request and record._name == "ir.attachment":
            self.env["auditlog.log"]._kim_log_download(record)
        return stream
