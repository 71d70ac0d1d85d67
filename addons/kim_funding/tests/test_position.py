# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import YEAR, KimFundingCommon


@tagged("post_install", "-at_install")
class TestPosition(KimFundingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_a, cls.emp_b = cls.env["hr.employee"].create(
            [{"name": "Anna Koordination"}, {"name": "Bert Fallmanagement"}]
        )

    def _position(self, fte, employer_type="ki", **values):
        return self.env["kim.position"].create(
            {
                "name": "CM",
                "grant_id": self.grant_b2.id,
                "role": "case_management",
                "fte": fte,
                "employer_type": employer_type,
                "is_additional": True,
            }
            | values
        )

    def test_additional_position_required(self):
        """F-3: only confirmed additional positions can be occupied."""
        position = self._position(1.0, is_additional=False)
        with self.assertRaises(ValidationError):
            position.occupant_ids = [
                Command.create(
                    {
                        "employee_id": self.emp_a.id,
                        "fte_share": 1.0,
                        "date_start": date(YEAR, 1, 1),
                    }
                )
            ]
        self.assertFalse(position.occupant_ids)

    def test_occupancy_at_reference_date_and_vacancy(self):
        """F-4: occupancy at 31.03 ("10.5 of 14 FTE filled") and vacancy months."""
        positions = self._position(10.5) | self._position(3.5)
        # F-1: one occupant holds at most 1 FTE: 10.5 = 10 x 1.0 + 0.5 and
        # 3.5 = 3 x 1.0 + 0.5
        shares = [(positions[0], 1.0, 1)] * 10 + [(positions[0], 0.5, 1)]
        shares += [(positions[1], 1.0, 7)] * 3 + [(positions[1], 0.5, 7)]
        employees = self.env["hr.employee"].create(
            [{"name": f"Person {i}"} for i in range(len(shares))]
        )
        self.env["kim.position.occupant"].create(
            [
                {
                    "position_id": position.id,
                    "employee_id": employee.id,
                    "fte_share": share,
                    "date_start": date(YEAR, month, 1),
                }
                for (position, share, month), employee in zip(
                    shares, employees, strict=True
                )
            ]
        )
        self.assertEqual(positions._kim_occupancy(date(YEAR, 3, 31)), (10.5, 14.0))
        vacancy = positions._kim_vacancy_months(YEAR)
        self.assertEqual(vacancy[positions[0].id], 0)
        self.assertEqual(vacancy[positions[1].id], 6)

    def test_double_funding_excluded(self):
        """F-5: hours funded by JMD/MBE/Teilhabemanagement cannot be funded
        again by KIM."""
        self.env["kim.other.funding"].create(
            {
                "employee_id": self.emp_b.id,
                "programme": "mbe",
                "fte": 0.5,
                "date_start": date(YEAR, 1, 1),
            }
        )
        position = self._position(1.0)
        with self.assertRaises(ValidationError) as err:
            self.env["kim.position.occupant"].create(
                {
                    "position_id": position.id,
                    "employee_id": self.emp_b.id,
                    "fte_share": 0.75,
                    "date_start": date(YEAR, 3, 1),
                }
            )
        self.assertIn("double funding", str(err.exception))
        self.env["kim.position.occupant"].create(
            {
                "position_id": position.id,
                "employee_id": self.emp_b.id,
                "fte_share": 0.5,
                "date_start": date(YEAR, 3, 1),
            }
        )
        self.assertEqual(position._kim_occupancy(date(YEAR, 3, 31)), (0.5, 1.0))

    def test_kreis_share_warning(self):
        """F-6: less than a third of Baustein 2 FTE at the Kreis is warned."""
        self._position(2.0, "ki")
        self._position(5.0, "welfare")
        self.assertTrue(self.grant_b2.kreis_share_warning)
        self._position(2.0, "ki")
        self.grant_b2.invalidate_recordset(["kreis_share_warning"])
        self.assertFalse(self.grant_b2.kreis_share_warning)

    def test_example_split_warendorf(self):
        """F-9: 13.00 CM FTE split 10.66 KI / 2.34 welfare; more than a third
        at the Kreis, no warning."""
        for ki, welfare in ((2.28, 0.72), (3.88, 1.12), (4.50, 0.50)):
            self._position(ki, "ki")
            self._position(welfare, "welfare")
        positions = self.grant_b2.position_ids
        self.assertAlmostEqual(sum(positions.mapped("fte")), 13.0)
        at_ki = sum(positions.filtered(lambda p: p.employer_type == "ki").mapped("fte"))
        self.assertAlmostEqual(at_ki, 10.66)
        self.assertFalse(self.grant_b2.kreis_share_warning)

    def test_hr_officer_opens_employees_as_before(self):
        """F-5, X-1 (issue #17): KIM's funding fields on employees are KIM
        finance's: an HR officer without a KIM role opens and saves the
        employee form as before, without KIM's page; KIM finance reads the
        other funding programmes."""
        officer = new_test_user(
            self.env, "kim_plain_hr_officer", groups="hr.group_hr_user"
        )
        employee = self.env["hr.employee"].create({"name": "Erika Muster"})
        self.env["kim.other.funding"].create(
            {
                "employee_id": employee.id,
                "programme": "mbe",
                "fte": 0.25,
                "date_start": date(YEAR, 1, 1),
            }
        )
        form = Form(employee.with_user(officer))
        form.job_title = "Sachbearbeitung"
        form.save()
        self.assertNotIn("kim_other_funding_ids", form._view["fields_spec"])
        Employee = self.env["hr.employee"]
        officer_fields = Employee.with_user(officer).fields_get()
        self.assertNotIn("kim_other_funding_ids", officer_fields)
        finance_fields = Employee.with_user(self.user_finance).fields_get()
        self.assertIn("kim_other_funding_ids", finance_fields)
