# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..tools import kim_today

DISCLOSURE_KINDS = [
    ("referral", "Referral"),
    ("abh_request", "Request to the Foreigners' or Naturalisation Authority"),
    ("case_conference", "Case Conference with External Participants"),
    ("handover", "Handover"),
    ("document_sent", "Document Sent"),
    ("other", "Other"),
]


class KimDisclosure(models.Model):
    """C-10: sharing log (Weitergabeprotokoll). Every time data of a client
    leaves the case manager's organisation — referral, handover, request to
    the ABH/EBH, case conference with outside participants, a message sent —
    one record says when, to whom, which data categories and on what it
    rests: a release from confidentiality in force for that recipient and
    those categories, or a legal basis. A disclosure that can name neither is
    refused and nothing is shared.

    Written only by ``_kim_record`` in the transaction of the sharing itself;
    users read it (as they read the client's consents) and change nothing:
    only superuser processes (erasure, retention) touch it afterwards.
    """

    _name = "kim.disclosure"
    _description = "Disclosure"
    _order = "date desc, id desc"
    _rec_name = "recipient_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    case_id = fields.Many2one(
        "kim.case", index="btree_not_null", ondelete="set null", readonly=True
    )
    date = fields.Date(required=True, default=kim_today, readonly=True)
    recipient_id = fields.Many2one(
        "res.partner",
        string="Recipient Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    kind = fields.Selection(DISCLOSURE_KINDS, required=True, readonly=True)
    data_category_ids = fields.Many2many(
        "kim.data.category",
        "kim_disclosure_data_category_rel",
        "disclosure_id",
        "category_id",
        string="Data Categories",
        readonly=True,
    )
    consent_id = fields.Many2one(
        "kim.consent",
        string="Release",
        index="btree_not_null",
        # users cannot delete a release a disclosure rests on (kim.consent);
        # the erasure of a client (superuser) removes both
        ondelete="set null",
        readonly=True,
        help="The release from confidentiality the disclosure rests on.",
    )
    legal_basis_id = fields.Many2one(
        "kim.legal.basis",
        ondelete="restrict",
        readonly=True,
        help="The legal basis on which the data went without consent.",
    )
    note = fields.Text(readonly=True)
    res_model = fields.Char(string="Source Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Source Record", model_field="res_model", readonly=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Passed On By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    basis_text = fields.Char(string="Rests On", compute="_compute_basis_text")

    @api.depends("consent_id", "legal_basis_id")
    @api.depends_context("lang")
    def _compute_basis_text(self):
        for disclosure in self:
            disclosure.basis_text = disclosure._kim_basis_text()

    @api.constrains("consent_id", "legal_basis_id")
    def _check_basis(self):
        for disclosure in self:
            if bool(disclosure.consent_id) == bool(disclosure.legal_basis_id):
                raise ValidationError(
                    self.env._(
                        "A disclosure rests on exactly one release from "
                        "confidentiality or one legal basis."
                    )
                )

    def write(self, vals):
        if not self.env.su:
            raise AccessError(
                self.env._("The sharing log cannot be changed, only added to.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_superuser(self):
        if not self.env.su:
            raise AccessError(
                self.env._("The sharing log cannot be changed, only added to.")
            )

    # -------------------------------------------------------------- business
    def _kim_basis_text(self):
        """What the disclosure rests on, as the client reads it."""
        self.ensure_one()
        # sudo: the release's date and recipient are shown with the log entry
        consent = self.consent_id.sudo()
        if consent:
            return self.env._(
                "Release from confidentiality signed on %(date)s for %(recipient)s",
                date=format_date(self.env, consent.date_signed or consent.valid_from),
                recipient=consent.recipient_id.name or "",
            )
        if self.legal_basis_id:
            return self.env._(
                "No consent needed: legal basis %(basis)s",
                basis=self.legal_basis_id.name,
            )
        return ""

    @api.model
    def _kim_record(
        self,
        partner,
        recipient,
        kind,
        categories=None,
        *,
        case=None,
        source=None,
        legal_basis=None,
        consent=None,
        note=None,
        day=None,
    ):
        """C-10: log that data of ``partner`` (the client) in ``categories``
        go to the organisation of ``recipient`` now, and return the log entry.

        It rests on ``legal_basis`` (in force on the day) when given, else on
        ``consent`` or the release in force that covers the recipient and the
        categories (``kim.consent._kim_find_release``: the one answer to "may
        data go"); without categories, on the release for the recipient and
        the categories it names. A release without its signed document does
        not count. Raises before anything is written when there is neither.

        The caller has checked that the user may share (the source record is
        theirs to write); this method checks that they may read the case or
        the client, then writes the entry as superuser: users cannot create
        log entries themselves."""
        day = day or kim_today(self)
        recipient = recipient.commercial_partner_id
        categories = categories or self.env["kim.data.category"]
        if not self.env.su:
            (case or partner).with_env(self.env).check_access("read")
        if legal_basis:
            if not legal_basis._kim_in_force(day):
                raise UserError(
                    self.env._(
                        "The legal basis %(basis)s is not in force on %(date)s: "
                        "the data of the client must not be passed on.",
                        basis=legal_basis.name,
                        date=format_date(self.env, day),
                    )
                )
            consent = self.env["kim.consent"]
        else:
            consent = self._kim_release_for(
                partner, recipient, categories, day, consent
            )
            categories = categories or consent.data_category_ids
        # sudo: log entries are written by the sharing paths only (checked above)
        return self.sudo().create(
            {
                "partner_id": partner.id,
                "case_id": case.id if case else False,
                "date": day,
                "recipient_id": recipient.id,
                "kind": kind,
                "data_category_ids": [fields.Command.set(categories.ids)],
                "consent_id": consent.id,
                "legal_basis_id": legal_basis.id if legal_basis else False,
                "note": note or False,
                "res_model": source._name if source else False,
                "res_id": source.id if source else False,
                "user_id": self.env.user.id,
            }
        )

    @api.model
    def _kim_release_for(self, partner, recipient, categories, day, consent=None):
        """The release (with its signed document) a disclosure rests on, or a
        clear error naming recipient and categories."""
        Consent = self.env["kim.consent"]
        releases = Consent._kim_find_release(partner, recipient, categories, day)
        if consent:
            releases = releases.filtered(lambda r: r.id == consent.id)
        # sudo: the signed document's presence only, not its content
        releases = releases.sudo().filtered("document_ids")
        if not releases:
            names = ", ".join(categories.mapped("name"))
            raise UserError(
                self.env._(
                    "This disclosure is refused: no release from confidentiality "
                    "of the client with its signed document covers "
                    "%(recipient)s%(categories)s, and no legal basis is named. "
                    "Nothing was passed on.",
                    recipient=recipient.name,
                    categories=self.env._(" for: %s", names) if names else "",
                )
            )
        return releases[0]

    @api.model
    def _kim_log_rows(self, disclosures):
        """The entries as the client is shown them: dicts of date (a date),
        recipient, kind, categories and basis (texts in the env's language)."""
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        return [
            {
                "date": disclosure.date,
                "recipient": disclosure.recipient_id.name or "",
                "kind": kinds.get(disclosure.kind, ""),
                "categories": ", ".join(disclosure.data_category_ids.mapped("name")),
                "basis": disclosure._kim_basis_text(),
            }
            for disclosure in disclosures.sorted(lambda d: (d.date, d.id))
        ]
