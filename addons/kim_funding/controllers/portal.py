# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

MAX_UPLOAD = 5 * 1024 * 1024


class KimFundingPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "kim_contract_count" in counters:
            Contract = request.env["kim.forwarding.contract"]
            values["kim_contract_count"] = (
                Contract.search_count([]) if Contract.has_access("read") else 0
            )
        return values

    def _kim_contract(self, contract_id, access_token=None):
        """F-10: a contract opens only for a logged-in user of the recipient
        organisation. Access tokens (share links, notification e-mails) are
        deliberately not honoured: a forwarded or leaked link must not show
        the contract to anybody else nor let another organisation upload."""
        if not 0 < contract_id < 2**31:
            raise MissingError(request.env._("This document does not exist."))
        contract = request.env["kim.forwarding.contract"].browse(contract_id)
        if not contract.exists():
            raise MissingError(request.env._("This document does not exist."))
        contract.check_access("read")
        return contract

    @http.route("/my/kim-contracts", type="http", auth="user", website=True)
    def kim_portal_contracts(self, **kw):
        Contract = request.env["kim.forwarding.contract"]
        if not Contract.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"contracts": Contract.search([]), "page_name": "kim_contracts"})
        return request.render("kim_funding.portal_my_kim_contracts", values)

    @http.route(
        "/my/kim-contracts/<int:contract_id>", type="http", auth="public", website=True
    )
    def kim_portal_contract(self, contract_id, access_token=None, **kw):
        try:
            contract = self._kim_contract(contract_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "contract": contract,
                "page_name": "kim_contract",
                "error": kw.get("error"),
                "uploaded": kw.get("uploaded"),
            }
        )
        return request.render("kim_funding.portal_my_kim_contract", values)

    @http.route(
        "/my/kim-contracts/<int:contract_id>/upload",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def kim_portal_upload(self, contract_id, access_token=None, upload=None, **kw):
        """Recipients upload proofs of use and activity reports (PDF only,
        size-checked) for the KI to review."""
        try:
            contract = self._kim_contract(contract_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        url = f"/my/kim-contracts/{contract.id}"
        if not upload or not getattr(upload, "filename", None):
            return request.redirect(f"{url}?error=missing")
        data = upload.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            return request.redirect(f"{url}?error=size")
        if not data.startswith(b"%PDF-") or not upload.filename.lower().endswith(
            ".pdf"
        ):
            return request.redirect(f"{url}?error=type")
        # justified: portal users may not create attachments on the contract;
        # access to this very contract was checked above
        request.env["ir.attachment"].sudo().create(
            {
                "name": upload.filename,
                "datas": base64.b64encode(data),
                "mimetype": "application/pdf",
                "res_model": contract._name,
                "res_id": contract.id,
                "description": "kim_portal_upload",
            }
        )
        contract.sudo().message_post(  # justified: same check as above
            body=request.env._(
                "Document uploaded in the portal: %(name)s", name=upload.filename
            )
        )
        return request.redirect(f"{url}?uploaded=1")
