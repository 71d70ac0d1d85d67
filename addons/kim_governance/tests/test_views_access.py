# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from .common import KimGovernanceCommon


class TestViewsAccess(KimGovernanceCommon):
    def _open_form(self, user, record):
        """Read every field the user's form view shows, as the web client does."""
        Model = self.env[record._name].with_user(user)
        views = Model.get_views([(False, "form")])
        fields = views["models"][record._name]["fields"]
        spec = {
            name: {"fields": {"display_name": {}}}
            if fields[name]["type"] in ("many2one", "many2many", "one2many")
            else {}
            for name in fields
        }
        self.env.invalidate_all()  # a fresh request: nothing cached as admin
        return record.with_user(user).web_read(spec)[0]

    def test_steering_and_case_manager_open_the_forms(self):
        """G-1/G-2/G-4/C-13: the steering group opens bodies, decisions, themes
        and agreements; a case manager opens a theme, seeing only pseudonyms of
        cases not theirs."""
        case_a = self._case(self.user_cm_a)
        case_b = self._case(self.user_cm_b, self._client("Fremde Klientin"))
        theme = self.env["kim.generative.theme"].create(
            {
                "name": "Thema",
                "committee_id": self.steering.id,
                "observation_ids": [
                    (6, 0, (self._observation(case_a) | self._observation(case_b)).ids)
                ],
            }
        )
        decision = self.env["kim.decision"].create(
            {
                "name": "Beschluss",
                "committee_id": self.steering.id,
                "theme_id": theme.id,
            }
        )
        decision._kim_add_mandate("Auftrag", self.user_coordination, date(2030, 1, 1))
        agreement = self.env["kim.agreement"].create({"name": "Vereinbarung"})
        for record in (self.steering, decision, theme, agreement):
            values = self._open_form(self.user_steering, record)
            self.assertNotIn("observation_ids", values)
        values = self._open_form(self.user_cm_b, theme)
        self.assertIn(case_b.name, values["case_overview"])
        self.assertNotIn(case_a.name, values["case_overview"])
        # at most the observations of the own case
        self.assertLessEqual(
            {o["id"] for o in values.get("observation_ids", [])},
            set(case_b.observation_ids.ids),
        )
