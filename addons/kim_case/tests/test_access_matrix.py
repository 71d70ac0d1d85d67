# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import KimCaseCommon

NONE = (False, False, False, False)
READ = (True, False, False, False)
FULL = (True, True, True, True)
NO_UNLINK = (True, True, True, False)

# Role × model × (read, write, create, unlink) on the models of kim_case.
# Finance, steering group, authority staff and portal users never get case
# content; authority access comes with kim_abh's requests only.
CASE_CONTENT = {
    # model: (case manager, coordination, lead)
    "kim.case": (NO_UNLINK, (True, True, False, False), FULL),
    "kim.case.member": (FULL, READ, FULL),
    # C-12: coordination arranges holiday cover in its districts (issue #21)
    "kim.case.substitute": (FULL, FULL, FULL),
    "kim.case.contact": (FULL, READ, FULL),
    "kim.consent": (NO_UNLINK, READ, FULL),
    # C-10: the sharing log is written by the sharing paths only
    "kim.disclosure": (READ, READ, READ),
    "kim.case.assessment": (FULL, READ, FULL),
    "kim.case.assessment.line": (FULL, READ, FULL),
    "kim.case.observation": (FULL, READ, FULL),
    "kim.case.goal": (FULL, READ, FULL),
}
CATALOGUES = [
    "kim.language",
    "kim.legal.domain",
    "kim.legal.basis",
    "kim.life.domain",
    "kim.partner.type",
    "kim.target.group",
    "kim.data.category",
    "kim.residence.status",
    "kim.case.type",
    "kim.case.stage",
    "kim.case.close.reason",
    "kim.district",
]


class TestAccessMatrix(KimCaseCommon):
    def _rights(self, user, model):
        Model = self.env[model].with_user(user)
        return tuple(
            Model.has_access(op) for op in ("read", "write", "create", "unlink")
        )

    def test_case_content_matrix(self):
        """X-1 / C-12: role × model × CRUD for every case-content model of
        kim_case; every refused cell is refused."""
        others = (
            self.user_finance,
            self.user_steering,
            self.user_authority,
            self.user_portal,
        )
        cells = 0
        for model, (cm, coordination, lead) in CASE_CONTENT.items():
            expected = {
                self.user_cm_a: cm,
                self.user_coordination: coordination,
                self.user_lead: lead,
            } | dict.fromkeys(others, NONE)
            for user, rights in expected.items():
                with self.subTest(model=model, user=user.login):
                    self.assertEqual(self._rights(user, model), rights)
                    cells += 4
        self.assertEqual(cells, len(CASE_CONTENT) * 7 * 4)

    def test_refused_cells_raise(self):
        """X-1: a refused cell raises AccessError, not an empty answer."""
        case = self._case()
        for user in (self.user_finance, self.user_steering, self.user_authority):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    case.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    case.with_user(user).write({"color": 1})
                with self.assertRaises(AccessError):
                    self.env["kim.case"].with_user(user).create(
                        {"partner_id": case.partner_id.id}
                    )
                with self.assertRaises(AccessError):
                    case.with_user(user).unlink()
        with self.assertRaises(AccessError):
            case.with_user(self.user_cm_a).unlink()

    def test_catalogues_read_for_staff_edit_for_lead(self):
        """X-1: catalogues are readable by internal users, maintained by the lead."""
        for model in CATALOGUES:
            with self.subTest(model=model):
                self.assertEqual(self._rights(self.user_lead, model), FULL)
                for user in (self.user_cm_a, self.user_finance, self.user_coordination):
                    self.assertEqual(self._rights(user, model), READ)
                self.assertFalse(self._rights(self.user_portal, model)[1])

    def test_sensitive_fields_per_group(self):
        """C-10 / X-1: health and residence data are field-protected: health only
        for case managers, residence data not for finance or steering."""
        client = self._client(kim_health_note="Diabetes")
        self._case(client=client)
        self.assertEqual(client.with_user(self.user_cm_a).kim_health_note, "Diabetes")
        for user, field in (
            (self.user_coordination, "kim_health_note"),
            (self.user_finance, "kim_health_note"),
            (self.user_finance, "kim_residence_status_id"),
            (self.user_steering, "kim_birthdate"),
        ):
            with self.subTest(user=user.login, field=field):
                with self.assertRaises(AccessError):
                    self.env["res.partner"].with_user(user).search_read(
                        [("id", "=", self.org_ki.id)], [field]
                    )

    def test_display_name_read_as_superuser_is_pseudonymous(self):
        """X-2 / C-12: Odoo reads many2one names as superuser: what finance or a
        portal user could get that way is the case number only."""
        client = self._client("Yara Geheimname")
        case = self._case(client=client)
        for user in (self.user_finance, self.user_portal):
            name = case.with_user(user).sudo().display_name
            self.assertEqual(name, case.name)
            self.assertNotIn("Geheimname", name)
