# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io
import json

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class ResPartner(models.Model):
    """G-5: the network view: partners with referrals but without agreement."""

    _inherit = "res.partner"

    kim_agreement_ids = fields.Many2many(
        "kim.agreement",
        "kim_agreement_partner_rel",
        "partner_id",
        "agreement_id",
        string="KIM Agreements",
    )
    kim_offer_language_ids = fields.Many2many(
        "kim.language",
        "kim_partner_offer_language_rel",
        "partner_id",
        "language_id",
        string="Languages of the Offer",
        help="Languages the organisation's staff speak (Integreat directory).",
    )
    kim_offer_description = fields.Text(string="Offers")
    kim_opening_hours = fields.Char(string="Opening Hours")
    # issue 19 (G-8): the partner's location in the Kreis' Integreat region
    # (its id in the CMS's api/v3/<region>/<language>/locations/) and its
    # opening times as the CMS keeps them
    kim_integreat_id = fields.Integer("Integreat location ID", copy=False)
    kim_integreat_synced_on = fields.Datetime(
        "Last synchronised from Integreat", copy=False, readonly=True
    )
    kim_opening_hour_ids = fields.One2many(
        "kim.opening.hour",
        "partner_id",
        string="Opening Times",
        groups="kim_case.group_kim_coordination",
    )
    kim_referral_count = fields.Integer(
        compute="_compute_kim_referral_count", string="Referrals"
    )

    def init(self):
        res = super().init()
        # an Integreat location belongs to one partner (0 is "none": the
        # contacts of Odoo's other apps are untouched)
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS res_partner_kim_integreat_id_uniq "
                "ON res_partner (kim_integreat_id) WHERE kim_integreat_id > 0"
            )
        )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._kim_check_integreat_free(vals.get("kim_integreat_id"))
        return super().create(vals_list)

    def write(self, vals):
        if "kim_integreat_id" in vals:
            if vals["kim_integreat_id"] and len(self) > 1:
                raise ValidationError(
                    self.env._(
                        "An Integreat location belongs to one network partner only."
                    )
                )
            self._kim_check_integreat_free(vals["kim_integreat_id"])
        return super().write(vals)

    def _kim_check_integreat_free(self, location_id):
        """A location belongs to one partner: checked before the write, with a
        clear message (the unique index stops what slips past at once)."""
        if not location_id or location_id <= 0:
            return
        # sudo: a location is taken Kreis-wide, whoever may see the partner
        other = self.sudo().search(
            [("kim_integreat_id", "=", location_id), ("id", "not in", self.ids)],
            limit=1,
        )
        if other:
            raise ValidationError(
                self.env._(
                    "Integreat location %(id)s already belongs to %(partner)s.",
                    id=location_id,
                    partner=other.display_name,
                )
            )

    def _compute_kim_referral_count(self):
        # justified: a count of referrals per organisation, no case data
        counts = dict(
            self.env["project.task"]
            .sudo()  # sudo: referral count per organisation, no task is read
            ._read_group(
                [
                    ("kim_partner_org_id", "in", self.ids),
                    ("kim_case_id", "!=", False),
                ],
                ["kim_partner_org_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.kim_referral_count = counts.get(partner, 0)

    @api.model
    def _kim_partners_without_agreement(self):
        """G-5: organisations receiving referrals from cases, without any
        agreement in force or in preparation."""
        # justified: only the organisations' ids are taken from the tasks
        groups = (
            self.env["project.task"]
            .sudo()  # sudo: organisation ids of referrals only
            ._read_group(
                [("kim_partner_org_id", "!=", False), ("kim_case_id", "!=", False)],
                ["kim_partner_org_id"],
            )
        )
        partners = self.browse([partner.id for (partner,) in groups])
        return partners.filtered(
            lambda p: (
                not p.kim_agreement_ids.filtered(lambda a: a.state != "terminated")
            )
        )

    def action_kim_partners_without_agreement(self):
        partners = self._kim_partners_without_agreement()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Partners without Agreement"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", partners.ids)],
        }

    @api.model
    def _kim_integreat_directory(self):
        """Export for the Integreat CMS: the network partners (organisations
        with a partner type), never clients. One dict per organisation."""
        partners = self.search(
            [("is_company", "=", True), ("kim_partner_type_id", "!=", False)],
            order="name",
        )
        return [
            {
                "name": partner.name,
                "type": partner.kim_partner_type_id.name or "",
                "street": partner.street or "",
                "zip": partner.zip or "",
                "city": partner.city or "",
                "languages": partner.kim_offer_language_ids.mapped("name"),
                "offers": partner.kim_offer_description or "",
                "opening_hours": partner.kim_opening_hours or "",
                "phone": partner.phone or "",
                "email": partner.email or "",
                "website": partner.website or "",
            }
            for partner in partners
        ]

    @api.model
    def _kim_integreat_json(self):
        return json.dumps(
            self._kim_integreat_directory(), ensure_ascii=False, indent=2
        ).encode()

    @api.model
    def _kim_integreat_csv(self):
        rows = self._kim_integreat_directory()
        output = io.StringIO()
        fieldnames = list(rows[0]) if rows else ["name"]
        writer = csv.DictWriter(output, fieldnames=fieldnames, delimiter=";")
        writer.writeheader()
        for row in rows:
            writer.writerow(row | {"languages": ", ".join(row.get("languages", []))})
        return output.getvalue().encode("utf-8-sig")
