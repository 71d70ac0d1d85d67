# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""G-8 (issue #19): the network directory synchronised from the Kreis'
Integreat region. The fixture is shaped like the CMS's api/v3 locations
answer (digitalfabrik/integreat-cms, integreat_cms/api/v3/locations.py:
transform_poi_translation; opening hours as in
integreat_cms/cms/models/pois/poi.py): three locations of a made-up
"kreis-warendorf" region."""

import base64
import io
import json

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import file_open, mute_logger

from .common import KimGovernanceCommon

FIXTURE = "kim_governance/tests/data/integreat_locations_kreis-warendorf_de.json"


@tagged("post_install", "-at_install")
class TestIntegreatSync(KimGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with file_open(FIXTURE, "rb") as handle:
            cls.fixture = handle.read()
        Partner = cls.env["res.partner"]
        # the same organisation, written a little differently in KIM
        cls.org_mbe_ahlen = Partner.create(
            {
                "name": "Migrationsberatung  Ahlen",
                "zip": "59227",
                "is_company": True,
                "kim_partner_type_id": cls.env.ref("kim_case.ptype_mbe").id,
            }
        )
        cls.org_cafe = Partner.create(
            {
                "name": "Sprachcafé Beckum e. V.",
                "email": "Sprachcafe@integreat-test.example.org",
                "is_company": True,
                "kim_partner_type_id": cls.env.ref("kim_case.ptype_volunteer").id,
            }
        )

    def _sync(self, content=None, user=None):
        return (
            self.env["kim.integreat.sync"]
            .with_user(user or self.user_coordination)
            .create(
                {
                    "source": "file",
                    "json_file": base64.b64encode(content or self.fixture),
                    "partner_type_id": self.env.ref("kim_case.ptype_jmd").id,
                }
            )
        )

    def test_match_propose_apply(self):
        """Locations are matched by name and postcode or by e-mail, the new
        one is proposed for creation; applying writes the Integreat id,
        address, languages and the opening times as structured lines."""
        sync = self._sync()
        sync.action_check()
        lines = {line.integreat_id: line for line in sync.line_ids}
        self.assertEqual(set(lines), {501, 502, 503})
        self.assertEqual(
            (lines[501].partner_id, lines[501].match, lines[501].action),
            (self.org_mbe_ahlen, "name", "update"),
        )
        self.assertEqual(
            (lines[502].partner_id, lines[502].match, lines[502].action),
            (self.org_cafe, "email", "update"),
        )
        self.assertEqual((lines[503].match, lines[503].action), ("none", "create"))
        sync.action_apply()
        self.assertEqual(sync.state, "done")

        ahlen = self.org_mbe_ahlen
        self.assertEqual(ahlen.kim_integreat_id, 501)
        self.assertEqual(ahlen.street, "Südstraße 41")
        self.assertEqual(
            sorted(ahlen.kim_offer_language_ids.mapped("code")), ["ar", "de", "fa"]
        )
        slots = [
            (s.weekday, s.hour_from, s.hour_to, s.appointment_only)
            for s in ahlen.kim_opening_hour_ids.sorted(
                lambda s: (s.weekday, s.hour_from)
            )
        ]
        self.assertEqual(
            slots,
            [
                ("0", 8.0, 12.0, False),
                ("0", 13.0, 16.0, False),
                ("1", 8.0, 12.0, False),
                ("3", 14.0, 18.0, True),
                ("4", 8.0, 12.0, False),
            ],
        )
        self.assertIn("08:00–12:00", ahlen.kim_opening_hours)
        cafe = self.org_cafe
        self.assertEqual(cafe.kim_integreat_id, 502)
        self.assertEqual(
            [(s.weekday, s.all_day) for s in cafe.kim_opening_hour_ids], [("2", True)]
        )
        new = self.env["res.partner"].search([("kim_integreat_id", "=", 503)])
        self.assertEqual(new.name, "Jugendmigrationsdienst Warendorf")
        self.assertTrue(new.is_company)
        self.assertEqual(new.kim_partner_type_id, self.env.ref("kim_case.ptype_jmd"))
        self.assertEqual(len(new.kim_opening_hour_ids), 5)

    def test_rerun_never_duplicates(self):
        """A second synchronisation of the same region finds every location
        by its Integreat id and creates nothing."""
        first = self._sync()
        first.action_check()
        first.action_apply()
        Partner = self.env["res.partner"]
        before = Partner.search_count([])
        second = self._sync()
        second.action_check()
        self.assertEqual(set(second.line_ids.mapped("match")), {"id"})
        self.assertEqual(set(second.line_ids.mapped("action")), {"update"})
        second.action_apply()
        self.assertEqual(Partner.search_count([]), before)
        self.assertEqual(Partner.search_count([("kim_integreat_id", "=", 503)]), 1)

    def test_location_belongs_to_one_partner(self):
        """The same Integreat location cannot be given to a second partner,
        on any channel."""
        self.org_mbe_ahlen.kim_integreat_id = 501
        with self.assertRaises(ValidationError):
            self.org_cafe.kim_integreat_id = 501
        # partners of Odoo's other apps all have none (0) and stay valid
        self.env["res.partner"].create(
            [{"name": "Kunde A", "kim_integreat_id": 0}, {"name": "Kunde B"}]
        ).write({"kim_integreat_id": 0})
        sync = self._sync()
        sync.action_check()
        line = sync.line_ids.filtered(lambda li: li.integreat_id == 502)
        line.partner_id = self.org_mbe_ahlen
        with self.assertRaises(UserError):
            sync.action_apply()

    def test_only_network_partners_changed(self):
        """X-1: a location put on a client or another contact that is no
        network organisation is refused; the contact stays as it was."""
        client = self.env["res.partner"].create(
            {"name": "Klientin Integreat", "kim_is_client": True, "street": "Alt 1"}
        )
        sync = self._sync()
        sync.action_check()
        line = sync.line_ids.filtered(lambda li: li.integreat_id == 503)
        line.write({"partner_id": client.id, "action": "update"})
        with self.assertRaises(UserError):
            sync.action_apply()
        self.assertEqual(client.street, "Alt 1")
        self.assertFalse(client.kim_integreat_id)

    def test_check_results_not_forged(self):
        """X-1: what Integreat said of a location (its data, id, match) is set
        by the check only; a location held by a contact that is no network
        partner is skipped, not taken over."""
        holder = self.env["res.partner"].create(
            {"name": "Kundin mit Ort", "is_company": True, "kim_integreat_id": 503}
        )
        sync = self._sync()
        sync.action_check()
        line = sync.line_ids.filtered(lambda li: li.integreat_id == 503)
        self.assertEqual((line.match, line.action), ("foreign", "skip"))
        forged = json.dumps({"integreat_id": 501, "email": "boese@example.org"})
        for vals in ({"payload": forged}, {"integreat_id": 777}):
            with self.assertRaises(UserError):
                line.write(vals)
        with self.assertRaises(UserError):
            self.env["kim.integreat.sync.line"].with_user(
                self.user_coordination
            ).create({"sync_id": sync.id, "action": "update", "payload": forged})
        sync.action_apply()
        self.assertEqual(holder.kim_integreat_id, 503)
        self.assertFalse(holder.email)

    def test_bad_file_refused(self):
        """Anything that is not an Integreat locations answer gets a German
        error and changes nothing."""
        for content in (b'{"error": "not found"}', b"<html>", b'[{"title": 1}]'):
            sync = self._sync(content).with_context(lang="de_DE")
            with self.assertRaises(UserError) as caught:
                sync.action_check()
            self.assertIn("keine Liste von Integreat-Orten", str(caught.exception))
            self.assertFalse(sync.line_ids)
        self.assertFalse(self.env["res.partner"].search([("kim_integreat_id", ">", 0)]))

    def test_missing_partners_xlsx(self):
        """The Integreat editors get the KIM partners not in Integreat yet,
        with the fields of the CMS's location form."""
        sync = self._sync()
        sync.action_check()
        sync.action_apply()
        export = self._sync()
        export.action_export_missing()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.export_file)))
        rows = list(book.active.values)
        names = {row[0] for row in rows[1:]}
        self.assertIn(self.org_mbe.name, names)
        self.assertNotIn(self.org_mbe_ahlen.name, names)
        self.assertNotIn("Jugendmigrationsdienst Warendorf", names)
        self.assertEqual(len(rows[0]), 12)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_case_manager_refused(self):
        """X-1: a case manager cannot synchronise the directory."""
        with self.assertRaises(AccessError):
            self._sync(user=self.user_cm_a)
        json.loads(self.fixture)  # the fixture itself is valid JSON
