# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_menu_tour_german_case_manager(self):
        """X-3: a case manager logs in, the UI is German, the KIM menu opens."""
        self.env["res.lang"]._activate_lang("de_DE")
        employer = self.env["res.partner"].create(
            {"name": "KI Tourkreis", "is_company": True, "kim_is_employer": True}
        )
        new_test_user(
            self.env,
            login="kim_tour_cm",
            groups="base.group_user,kim_case.group_kim_case_manager",
            lang="de_DE",
            kim_employer_id=employer.id,
        )
        self.start_tour("/odoo", "kim_case_menu_tour", login="kim_tour_cm")
