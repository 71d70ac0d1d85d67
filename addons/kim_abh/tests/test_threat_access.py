# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Threat scenario 1 (issue #7) for kim_abh: role × model × operation. The
authority role is the staff member of the ABH (the request's addressee)."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.kim_case.tests.figures import report_figure
from odoo.addons.kim_case.tests.threat import Sample, ThreatMatrixMixin, unique

from .common import KimAbhCommon

CATALOGUE = "-r-- -r-- -r-- crwd -r-- -r-- -r-- ----"

# roles: cm_a cm_b coordination lead finance steering authority portal
MATRIX = {
    # a request of CM-A to the ABH, covered by a valid release
    "kim.abh.request": "crw- ---- -r-- crwd ---- ---- -rw- ----",
    # a request of CM-A to the EBH: the ABH's staff get nothing of it
    "kim.abh.request:ebh": "crw- ---- -r-- crwd ---- ---- ---- ----",
    "kim.abh.topic": CATALOGUE,
    "kim.abh.readiness.rule": CATALOGUE,
    "kim.abh.campaign": "crw- crw- crw- crwd ---- -r-- crw- ----",
    "kim.abh.statistics.report": "---- ---- crw- c--- ---- c--- ---- ----",
}
EXTRA = ["kim.abh.request:ebh"]


@freeze_time("2026-03-02")
@tagged("post_install", "-at_install")
class TestThreatAccessAbh(ThreatMatrixMixin, KimAbhCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_authority = cls.user_abh
        cls._consent(
            cls.client,
            "release",
            recipient_id=cls.org_ebh.id,
            case_id=cls.case.id,
            data_category_ids=cls.topic_naturalisation.data_category_ids.ids,
        )

    def _request_vals(self, authority, topic):
        return {
            "case_id": self.case.id,
            "authority_id": authority.id,
            "topic_id": topic.id,
            "question": "Ist eine Beschäftigungsduldung möglich?",
            "date_request": date(2026, 3, 2),
        }

    def _request_write(self, request):
        """Case staff edit the question; authority staff may only answer."""
        if request.env.user == self.user_abh:
            return {"answer": "Beschäftigungsduldung ist möglich."}
        return {"question": "Neue Frage?"}

    def _samples(self):
        years = iter(range(1800, 1900))  # before every rule in force
        return {
            "kim.abh.request": Sample(
                vals=lambda: self._request_vals(self.org_abh, self.topic_residence),
                write=self._request_write,
            ),
            "kim.abh.request:ebh": Sample(
                model="kim.abh.request",
                vals=lambda: self._request_vals(
                    self.org_ebh, self.topic_naturalisation
                ),
                write=self._request_write,
            ),
            "kim.abh.topic": Sample(
                vals=lambda: {
                    "name": unique(),
                    "code": unique("code"),
                    "legal_basis": "§ 10 StAG",
                },
                write={"legal_basis": "§ 10 StAG"},
            ),
            "kim.abh.readiness.rule": Sample(
                vals=lambda: {
                    "name": unique(),
                    "route": "naturalisation",
                    "valid_from": date(year := next(years), 1, 1),
                    "valid_until": date(year, 12, 31),
                    "legal_source": "§ 10 StAG",
                },
                write={"note": "geprüft"},
            ),
            "kim.abh.campaign": Sample(
                vals=lambda: {"name": unique("Kampagne")}, write={"name": unique()}
            ),
            "kim.abh.statistics.report": Sample(
                vals=lambda: {"year": 2026},
                write={"year": 2025},
                make=lambda: (
                    self.env["kim.abh.statistics.report"]
                    .with_user(self.user_coordination)
                    .create({"year": 2026})
                ),
            ),
        }

    def test_access_matrix(self):
        """X-1 / C-10 / A-1: the complete role × model × operation matrix of
        kim_abh's models: authority staff read and answer only the requests
        addressed to their authority under a valid release; CM-B, finance,
        steering group and portal get no request; allowed cells work on a real
        record, refused cells raise AccessError."""
        tested, total = self._threat_run_matrix(
            "kim_abh", MATRIX, self._samples(), EXTRA
        )
        report_figure("access_matrix_cells", tested, total)
