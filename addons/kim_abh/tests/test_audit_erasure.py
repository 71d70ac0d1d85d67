# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from odoo.addons.kim_case.tests.figures import report_figure
from odoo.addons.kim_case.tests.pii_scan import find_in_database

from .common import KimAbhCommon

NEEDLES = ("Abhspur", "1979-11-23", "23.11.1979")


@tagged("post_install", "-at_install")
class TestAbhAuditErasure(KimAbhCommon):
    """Requests to the authority in the audit trail and in the erasure
    (issue #7, scenarios 4 and 7; § 78 SGB X, § 84 SGB X, Art. 17 GDPR)."""

    def _logs(self, request, method):
        return self.env["auditlog.log"].search(
            [
                ("model_model", "=", "kim.abh.request"),
                ("res_id", "=", request.id),
                ("method", "=", method),
            ],
            order="id desc",
        )

    def test_request_changes_logged(self):
        """A-1 / C-10: creating, handling and deleting a request is logged
        with the user and the old and new values."""
        request = self._request()
        self.assertEqual(self._logs(request, "create").user_id, self.user_cm_a)
        request.with_user(self.user_abh).action_start()
        logs = self._logs(request, "write").filtered(
            lambda log: log.user_id == self.user_abh
        )
        state = logs.line_ids.filtered(lambda line: line.field_name == "state")
        self.assertEqual((state.old_value, state.new_value), ("new", "in_progress"))
        request_id = request.id
        request.with_user(self.user_lead).unlink()
        logs = self.env["auditlog.log"].search(
            [
                ("model_model", "=", "kim.abh.request"),
                ("res_id", "=", request_id),
                ("method", "=", "unlink"),
            ]
        )
        self.assertEqual(logs.user_id, self.user_lead)
        question = logs.line_ids.filtered(lambda line: line.field_name == "question")
        self.assertEqual(question.old_value, "Ist eine Beschäftigungsduldung möglich?")

    def test_erasure_reaches_requests_and_their_log(self):
        """X-2 / Art. 17 GDPR: after the anonymisation of a closed case, no
        column of the database holds the client's name or birth date, neither
        the request to the authority nor its audit trail."""
        client = self._client(
            "Leyla Abhspur",
            kim_birthdate=date(1979, 11, 23),
            kim_nationality_id=self.env.ref("base.sy").id,
        )
        case = self._case(client=client)
        self._consent(client, "release", recipient_id=self.org_abh.id, case_id=case.id)
        request = self._request(
            case_id=case.id,
            question="Darf Leyla Abhspur (geb. 23.11.1979) arbeiten?",
        )
        request.with_user(self.user_abh).action_start()
        request.with_user(self.user_abh).write(
            {"answer": "<p>Leyla Abhspur, 1979-11-23: ja.</p>"}
        )
        traces = find_in_database(self.env, NEEDLES)
        for place in (
            "kim_abh_request.question",
            "auditlog_log_line.new_value",
            "res_partner.name",
        ):
            self.assertIn(place, traces, "the fixture must put data there")
        case.action_close(self.env.ref("kim_case.close_reason_goals_reached"))
        case.with_user(self.user_lead).action_kim_anonymise()
        self.assertTrue(case.anonymised)
        residual = find_in_database(self.env, NEEDLES)
        report_figure("residual_pii", len(residual))
        self.assertEqual(residual, [])
        # the trail of the request stays, without the values
        self.assertTrue(self._logs(request, "write").filtered("user_id"))
