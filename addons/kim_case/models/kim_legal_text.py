# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import kim_today

# the documents a client receives or signs (C-10, C-6, X-4)
CLIENT_DOCUMENTS = [
    ("info_art13", "Art. 13/14 GDPR Information"),
    ("dp_agreement", "Data-Protection Agreement"),
    ("release", "Release from Confidentiality"),
    ("goal_agreement", "Goal Agreement and Help Plan"),
    ("withdrawal", "Withdrawal of Consent"),
    ("art15", "Art. 15 GDPR Access Letter"),
    ("sharing_log", "Sharing Log"),
]
# the binding language of every client document
BINDING_LANG = "de_DE"


class KimLegalText(models.Model):
    """C-10 / X-4: the text of a client document as data, per document and
    version with its validity. The Kreis edits it without a module update;
    each language is a translation of the record (a Kreis adds a language by
    translating or importing a .po file). The German text is binding: once a
    consent names a version, its German text and validity start are frozen —
    a change is a new version from its first day."""

    _name = "kim.legal.text"
    _description = "Legal Text of a Client Document"
    _order = "document, valid_from desc, id desc"

    name = fields.Char(string="Title", required=True, translate=True)
    document = fields.Selection(CLIENT_DOCUMENTS, required=True, index=True)
    version = fields.Char(required=True, help="Shown on the document, e.g. 2026-01.")
    valid_from = fields.Date(required=True)
    valid_until = fields.Date()
    company_id = fields.Many2one(
        "res.company",
        help="Empty: for every Kreis (company) of this database without its own text.",
    )
    body = fields.Html(translate=True, sanitize_style=True)
    approved_by = fields.Char(
        help="Who approved this version (e.g. the Kreis' legal office).",
    )
    active = fields.Boolean(default=True)
    consent_count = fields.Integer(compute="_compute_consent_count")

    _sql_constraints = [
        (
            "version_unique",
            "unique(document, version, company_id)",
            "This version of the document already exists.",
        ),
    ]

    def _compute_consent_count(self):
        counts = dict(
            self.env["kim.consent"]._read_group(
                [("legal_text_id", "in", self.ids)], ["legal_text_id"], ["__count"]
            )
        )
        for text in self:
            text.consent_count = counts.get(text, 0)

    @api.depends("name", "version")
    def _compute_display_name(self):
        for text in self:
            text.display_name = f"{text.name or ''} ({text.version or ''})"

    @api.constrains("document", "company_id", "valid_from", "valid_until", "active")
    def _check_validity(self):
        for text in self:
            if text.valid_until and text.valid_until < text.valid_from:
                raise ValidationError(
                    self.env._("The end of validity lies before its start.")
                )
            if not text.active:
                continue
            overlap = self.search_count(
                [
                    ("id", "!=", text.id),
                    ("document", "=", text.document),
                    ("company_id", "=", text.company_id.id),
                    "|",
                    ("valid_until", "=", False),
                    ("valid_until", ">=", text.valid_from),
                ]
                + (
                    [("valid_from", "<=", text.valid_until)] if text.valid_until else []
                ),
                limit=1,
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "Another version of '%(document)s' is valid in the same "
                        "period. End the old version the day before the new one "
                        "starts.",
                        document=text._kim_document_label(),
                    )
                )

    def write(self, vals):
        if set(vals) & {"body", "name", "document", "valid_from", "company_id"}:
            lang = self.env.lang or "en_US"
            binding = lang in (BINDING_LANG, "en_US") or set(vals) - {"body", "name"}
            used = self.filtered("consent_count")
            if binding and used and not self.env.su:
                raise UserError(
                    self.env._(
                        "%(text)s was signed by clients: its German text and "
                        "start of validity cannot change. Create a new version "
                        "from the day the new text applies.",
                        text=used[0].display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.filtered("consent_count"):
            raise UserError(
                self.env._(
                    "A version that clients signed is kept as evidence; archive "
                    "it instead."
                )
            )

    def _kim_document_label(self):
        self.ensure_one()
        return dict(self._fields["document"]._description_selection(self.env))[
            self.document
        ]

    @api.model
    def _kim_current(self, document, day=None, company=None):
        """The version of ``document`` valid on ``day`` (default: the KIM day)
        for ``company`` (its own text before the one for every company)."""
        day = day or kim_today(self)
        company = company or self.env.company
        texts = self.search(
            [
                ("document", "=", document),
                ("company_id", "in", [company.id, False]),
                ("valid_from", "<=", day),
                "|",
                ("valid_until", "=", False),
                ("valid_until", ">=", day),
            ]
        )
        return texts.sorted(lambda t: not t.company_id)[:1]

    def _kim_translated_langs(self):
        """Codes of the languages this version has a text in (its source is
        English): a document is offered in a client's language only when
        its text was translated into it."""
        self.ensure_one()
        self.flush_model(["body"])
        self.env.cr.execute(
            SQL(
                "SELECT jsonb_object_keys(body) FROM %s WHERE id = %s",
                SQL.identifier(self._table),
                self.id,
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}
