# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The network directory synchronised from the Kreis' Integreat region
(issue #19, G-8).

The Integreat CMS has no import for locations; it publishes them per region
and language as JSON. Built against the public source of
digitalfabrik/integreat-cms: ``integreat_cms/api/v3/locations.py``
(``transform_poi_translation``: id, title, website, email, phone_number,
category, opening_hours, available_languages, ``location`` with address,
postcode, town and country; ``temporarily_closed``) and
``integreat_cms/cms/models/pois/poi.py`` (opening hours: seven days from
Monday, each ``{"allDay", "closed", "appointmentOnly", "timeSlots": [{"start",
"end"}]}``). The location id used for matching is ``location.id`` (the POI),
stable across the languages of the region; the outer ``id`` is the id of the
translation.

A run reads the JSON (fetched from the region's URL, or an uploaded file of
it), proposes per location: update the network partner it belongs to
(Integreat id, else the same name and postcode, else the same e-mail), create
a new one, or skip; applying it never creates a partner twice."""

import base64
import io
import json
import re

import requests
import xlsxwriter

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kim_case.tools import kim_form_action, kim_lang

from ..models.kim_opening_hour import WEEKDAYS

CMS_URL = "https://cms.integreat-app.de"
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")


def _hours(text):
    match = TIME_RE.match(text or "")
    if not match:
        raise ValueError(text)
    return int(match.group(1)) + int(match.group(2)) / 60


def _opening_hours(days):
    """Opening-hour lines (create values) from the CMS's seven days."""
    lines = []
    for (weekday, _label), day in zip(WEEKDAYS, days or [], strict=False):
        if not isinstance(day, dict) or day.get("closed"):
            continue
        appointment = bool(day.get("appointmentOnly"))
        if day.get("allDay"):
            lines.append(
                {"weekday": weekday, "all_day": True, "appointment_only": appointment}
            )
            continue
        for slot in day.get("timeSlots") or []:
            end = slot.get("end")
            lines.append(
                {
                    "weekday": weekday,
                    "hour_from": _hours(slot.get("start")),
                    # open until midnight
                    "hour_to": 24.0
                    if end in ("24:00", "23:59", "00:00")
                    else _hours(end),
                    "appointment_only": appointment,
                }
            )
    return lines


def _text(value):
    return str(value).strip() if value else ""


def _slot(values):
    """An opening-hour line from a checked location: only its own fields."""
    if not isinstance(values, dict) or values.get("weekday") not in dict(WEEKDAYS):
        raise ValueError(values)
    return {
        "weekday": values["weekday"],
        "hour_from": float(values.get("hour_from") or 0.0),
        "hour_to": float(values.get("hour_to") or 0.0),
        "all_day": bool(values.get("all_day")),
        "appointment_only": bool(values.get("appointment_only")),
    }


def _normalise(text):
    return re.sub(r"\W+", " ", (text or "").casefold()).strip()


def parse_locations(payload):
    """The locations of an api/v3 locations answer as plain dicts; raises
    ValueError on anything that is not such an answer."""
    if not isinstance(payload, list):
        raise ValueError("not a list")
    result = []
    for item in payload:
        location = item.get("location") or {}
        if not isinstance(location, dict) or not location.get("id"):
            raise ValueError("location without id")
        category = item.get("category") or {}
        result.append(
            {
                "integreat_id": int(location["id"]),
                "name": _text(item.get("title") or location.get("name")),
                "street": _text(location.get("address")),
                "zip": _text(location.get("postcode")),
                "city": _text(location.get("town")),
                "country": _text(location.get("country")),
                "email": _text(item.get("email")),
                "phone": _text(item.get("phone_number")),
                "website": _text(item.get("website")),
                "category": _text(category.get("name")),
                "languages": sorted(item.get("available_languages") or {}),
                "closed": bool(item.get("temporarily_closed")),
                "opening_hours": _opening_hours(item.get("opening_hours")),
            }
        )
    return result


class KimIntegreatSync(models.TransientModel):
    _name = "kim.integreat.sync"
    _description = "KIM Network Directory from Integreat"

    source = fields.Selection(
        [("url", "Integreat region (online)"), ("file", "Saved JSON file")],
        required=True,
        default="url",
    )
    region = fields.Char(help="The region's slug in Integreat, e.g. kreis-warendorf.")
    language = fields.Char(required=True, default="de")
    json_file = fields.Binary("JSON file", attachment=False)
    json_filename = fields.Char()
    partner_type_id = fields.Many2one(
        "kim.partner.type",
        "Partner type of new partners",
        help="Used when no partner type has the name of the location's category.",
    )
    line_ids = fields.One2many("kim.integreat.sync.line", "sync_id")
    state = fields.Selection(
        [("new", "New"), ("checked", "Checked"), ("done", "Done")], default="new"
    )
    summary = fields.Char(readonly=True)
    export_file = fields.Binary(readonly=True, attachment=False)
    export_name = fields.Char()

    def _kim_payload(self):
        self.ensure_one()
        env = self.env
        if self.source == "file":
            if not self.json_file:
                raise UserError(env._("Choose the saved JSON file first."))
            raw = base64.b64decode(self.json_file)
        else:
            if not self.region:
                raise UserError(env._("Enter the Integreat region."))
            base = self._kim_cms_url()
            region = re.sub(r"[^a-z0-9-]", "", self.region.lower())
            language = re.sub(r"[^a-z-]", "", self.language.lower())
            url = f"{base}/api/v3/{region}/{language}/locations/"
            try:
                response = requests.get(url, timeout=30, allow_redirects=False)
                response.raise_for_status()
            except requests.RequestException as exc:
                raise UserError(
                    env._(
                        "Integreat could not be reached (%(url)s): %(error)s",
                        url=url,
                        error=exc,
                    )
                ) from exc
            raw = response.content
        try:
            return parse_locations(json.loads(raw))
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise UserError(
                env._(
                    "This is not a list of Integreat locations (api/v3 "
                    "locations): %(error)s",
                    error=exc,
                )
            ) from exc

    @api.model
    def _kim_cms_url(self):
        """The Integreat CMS the directory comes from: a system parameter
        the administrator sets (https only), never a URL a user types."""
        # sudo: the system parameter, read only
        params = self.env["ir.config_parameter"].sudo()
        base = params.get_param("kim_governance.integreat_cms_url", CMS_URL)
        if not base.startswith("https://"):
            raise UserError(
                self.env._(
                    "The Integreat CMS address (system parameter "
                    "kim_governance.integreat_cms_url) must start with https://."
                )
            )
        return base.rstrip("/")

    def _kim_match(self, location, partners):
        """The partner ``location`` belongs to, and why."""
        by_id = partners.filtered(
            lambda p: p.kim_integreat_id == location["integreat_id"]
        )
        if by_id:
            return by_id[:1], "id"
        name = _normalise(location["name"])
        same = partners.filtered(
            lambda p: (
                not p.kim_integreat_id
                and _normalise(p.name) == name
                and (p.zip or "") == location["zip"]
            )
        )
        if same:
            return same[:1], "name"
        email = location["email"].casefold()
        if email:
            same = partners.filtered(
                lambda p: not p.kim_integreat_id and (p.email or "").casefold() == email
            )
            if same:
                return same[:1], "email"
        return partners.browse(), False

    def action_check(self):
        """Read the locations and propose what to do with each."""
        self.ensure_one()
        locations = self._kim_payload()
        Partner = self.env["res.partner"]
        partners = Partner.search(
            [("is_company", "=", True), ("kim_partner_type_id", "!=", False)]
        ).filtered(self._kim_is_network_partner)
        # sudo: which contact holds a location, Kreis-wide (only the ids)
        holders = Partner.sudo().search(
            [("kim_integreat_id", "in", [loc["integreat_id"] for loc in locations])]
        )
        held = {p.kim_integreat_id: p.id for p in holders if p not in partners}
        lines, taken = [], set()
        for location in locations:
            partner, reason = self._kim_match(location, partners)
            action = "update" if partner else "create"
            if location["integreat_id"] in held:
                partner, action, reason = Partner, "skip", "foreign"
            elif partner and partner.id in taken:
                action, reason = "skip", "twice"
            taken.add(partner.id)
            lines.append(
                Command.create(
                    {
                        "integreat_id": location["integreat_id"],
                        "name": location["name"],
                        "city": location["city"],
                        "partner_id": partner.id,
                        "match": reason or "none",
                        "action": action,
                        "payload": json.dumps(location),
                    }
                )
            )
        checking = self.with_context(kim_integreat_checking=self)
        checking.line_ids.unlink()
        checking.write({"line_ids": lines, "state": "checked"})
        return self._kim_reopen()

    def action_export_missing(self):
        """The XLSX of KIM partners missing from Integreat, for its editors."""
        self.ensure_one()
        content, _count = integreat_missing_xlsx(self.env)
        self.write(
            {
                "export_file": base64.b64encode(content),
                "export_name": "kim_partner_fuer_integreat.xlsx",
            }
        )
        return self._kim_reopen()

    def _kim_reopen(self):
        return kim_form_action(self, target="new")

    @staticmethod
    def _kim_is_network_partner(partner):
        return bool(
            partner.is_company
            and partner.kim_partner_type_id
            and not partner.kim_is_client
            and not partner.user_ids
        )

    def _kim_partner_type(self, category):
        types = self.env["kim.partner.type"].search([])
        wanted = _normalise(category)
        match = types.filtered(lambda t: wanted and _normalise(t.name) == wanted)
        return match[:1] or self.partner_type_id

    def _kim_check_lines(self, lines):
        """A partner takes one location; one that already has another
        location keeps it."""
        env = self.env
        updates = lines.filtered(lambda li: li.action == "update")
        for line in updates:
            partner = line.partner_id
            if len(updates.filtered(lambda li, p=partner: li.partner_id == p)) > 1:
                raise UserError(
                    env._(
                        "%(partner)s is chosen for more than one location.",
                        partner=partner.display_name,
                    )
                )
            if partner.kim_integreat_id not in (0, line.integreat_id):
                raise UserError(
                    env._(
                        "%(partner)s already has Integreat location %(id)s.",
                        partner=partner.display_name,
                        id=partner.kim_integreat_id,
                    )
                )

    def action_apply(self):
        """Update the matched partners, create the new ones ticked to be
        created; the same location twice is refused."""
        self.ensure_one()
        env = self.env
        if self.state != "checked":
            raise UserError(env._("Check the locations first."))
        languages = {
            lang.code: lang
            for lang in env["kim.language"].search([("code", "!=", False)])
        }
        # the CMS writes the country's name in the region's language
        countries = {
            country.name.casefold(): country
            for lang in {env.lang or "en_US", "de_DE"}
            for country in env["res.country"].with_context(lang=lang).search([])
        }
        Partner = env["res.partner"]
        created = updated = 0
        now = fields.Datetime.now()
        lines = self.line_ids.filtered(lambda li: li.action != "skip" and li.payload)
        self._kim_check_lines(lines)
        for line in lines:
            location = json.loads(line.payload)
            # sudo: a location is taken Kreis-wide, whoever may see the partner
            taken = Partner.sudo().search(
                [
                    ("kim_integreat_id", "=", location["integreat_id"]),
                    ("id", "!=", line.partner_id.id),
                ],
                limit=1,
            )
            if taken:
                raise UserError(
                    env._(
                        "Integreat location %(id)s already belongs to %(partner)s.",
                        id=location["integreat_id"],
                        partner=taken.display_name,
                    )
                )
            vals = {
                "kim_integreat_id": location["integreat_id"],
                "kim_integreat_synced_on": now,
                "kim_offer_language_ids": [
                    Command.set(
                        [
                            languages[code].id
                            for code in location["languages"]
                            if code in languages
                        ]
                    )
                ],
                "kim_opening_hour_ids": [Command.clear()]
                + [Command.create(_slot(slot)) for slot in location["opening_hours"]],
            }
            for field in ("street", "zip", "city", "email", "phone", "website"):
                if location[field]:
                    vals[field] = location[field]
            country = countries.get(location["country"].casefold())
            if country:
                vals["country_id"] = country.id
            if line.action == "update":
                partner = line.partner_id
                if not self._kim_is_network_partner(partner):
                    raise UserError(
                        env._(
                            "%(partner)s is not a network partner (an "
                            "organisation with a partner type): Integreat does "
                            "not change it.",
                            partner=partner.display_name,
                        )
                    )
                # sudo: coordination keeps the network directory without
                # contact rights; only directory fields of a network
                # organisation (checked above) are written
                partner.sudo().write(vals)
                updated += 1
            else:
                partner_type = self._kim_partner_type(location["category"])
                if not partner_type:
                    raise UserError(
                        env._(
                            "Choose the partner type of new partners: no partner "
                            "type is called %(category)s.",
                            category=location["category"] or "-",
                        )
                    )
                # sudo: a new network organisation with its directory fields
                partner = Partner.sudo().create(
                    vals
                    | {
                        "name": location["name"],
                        "is_company": True,
                        "kim_partner_type_id": partner_type.id,
                    }
                )
                line.partner_id = partner.id
                created += 1
            hours = partner.kim_opening_hour_ids.with_context(lang=kim_lang(self))
            # sudo: the readable opening hours of the same network organisation
            partner.sudo().kim_opening_hours = hours._kim_text()
        self.write(
            {
                "state": "done",
                "summary": env._(
                    "%(updated)s partners updated, %(created)s created.",
                    updated=updated,
                    created=created,
                ),
            }
        )
        return self._kim_reopen()


def integreat_missing_xlsx(env):
    """For the Integreat editors: the KIM network partners not in the
    region's Integreat yet, with the fields of the CMS's location form."""
    partners = (
        env["res.partner"]
        .search(
            [
                ("is_company", "=", True),
                ("kim_partner_type_id", "!=", False),
                ("kim_integreat_id", "in", [0, False]),
            ],
            order="name",
        )
        .filtered(KimIntegreatSync._kim_is_network_partner)
    )
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet(env._("Locations")[:31])
    bold = workbook.add_format({"bold": True})
    headers = [
        env._("Title"),
        env._("Street and house number"),
        env._("Postcode"),
        env._("City"),
        env._("Country"),
        env._("Category"),
        env._("Content"),
        env._("Website"),
        env._("E-mail"),
        env._("Phone number"),
        env._("Opening hours"),
        env._("Languages"),
    ]
    sheet.write_row(0, 0, headers, bold)
    for row, partner in enumerate(partners, start=1):
        sheet.write_row(
            row,
            0,
            [
                partner.name,
                partner.street or "",
                partner.zip or "",
                partner.city or "",
                partner.country_id.name or "",
                partner.kim_partner_type_id.name or "",
                partner.kim_offer_description or "",
                partner.website or "",
                partner.email or "",
                partner.phone or "",
                partner.kim_opening_hours or "",
                ", ".join(partner.kim_offer_language_ids.mapped("name")),
            ],
        )
    sheet.set_column(0, len(headers) - 1, 22)
    workbook.close()
    return output.getvalue(), len(partners)
