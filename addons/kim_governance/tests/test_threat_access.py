# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Threat scenario 1 (issue #7) for kim_governance: role × model × operation."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.kim_case.tests.figures import report_figure
from odoo.addons.kim_case.tests.threat import Sample, ThreatMatrixMixin, unique

from .common import KimGovernanceCommon

BODY = "---- ---- crwd crwd ---- -r-- ---- ----"
SHARED = "-r-- -r-- crwd crwd ---- -r-- ---- ----"

# roles: cm_a cm_b coordination lead finance steering authority portal
MATRIX = {
    "kim.committee": BODY,
    "kim.committee.member": BODY,
    "kim.agenda.item": BODY,
    "kim.decision": BODY,
    "kim.generative.theme": SHARED,
    "kim.case.reconstruction": "---- ---- crwd crwd ---- ---- ---- ----",
    "kim.governance.parameter": "---- ---- -r-- crwd ---- ---- ---- ----",
    "kim.agreement": SHARED,
    "kim.agreement.scope": "-r-- -r-- -r-- crwd -r-- -r-- -r-- ----",
    "kim.monitoring.wizard": "---- ---- crw- c--- ---- c--- ---- ----",
    # G-7 (issue #19): status reports for the committee; a draft is
    # coordination's, the steering group reads final ones only
    "kim.committee.report": "---- ---- crwd crwd ---- ---- ---- ----",
    # issue 19 (G-8): opening times of network partners and the Integreat
    # synchronisation (a run and its lines stay with the user who made it)
    "kim.opening.hour": "---- ---- crwd crwd ---- ---- ---- ----",
    "kim.integreat.sync": "---- ---- crw- c--- ---- ---- ---- ----",
    "kim.integreat.sync.line": "---- ---- crw- ---- ---- ---- ---- ----",
    # standard models extended by kim_governance: mandates are no personal
    # data; internal users may read them (project_todo), only coordination and
    # the lead maintain them, the steering group reads
    "project.task:mandate": "-r-- -r-- crwd crwd -r-- -r-- -r-- ----",
    "calendar.event:committee": "crwd crwd crwd crwd crwd crwd crwd ----",
}
STANDARD = [key for key in MATRIX if ":" in key]


@tagged("post_install", "-at_install")
class TestThreatAccessGovernance(ThreatMatrixMixin, KimGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_a = cls._case(cls.user_cm_a, cls._client("Klientin Aleph"))
        # a reconstruction covers three to four cases
        cls.cases_a = (
            cls.case_a
            + cls._case(cls.user_cm_a, cls._client("Klientin Beth"))
            + cls._case(cls.user_cm_a, cls._client("Klient Gimel"))
        )
        cls.meeting = cls.env["calendar.event"].create(
            {
                "name": "Sitzung Lenkungsgruppe",
                "start": "2026-05-04 09:00:00",
                "stop": "2026-05-04 11:00:00",
                "kim_committee_id": cls.steering.id,
            }
        )
        cls.decision = cls.env["kim.decision"].create(
            {"name": "Beschluss Test", "committee_id": cls.steering.id}
        )

    def _samples(self):
        years = iter(range(1901, 2100))

        def named(**extra):
            return Sample(
                vals=lambda: {"name": unique()} | extra, write={"name": unique()}
            )

        return {
            "kim.committee": Sample(
                vals=lambda: {"name": unique(), "committee_type": "project_group"},
                write={"rhythm": "monthly"},
            ),
            "kim.committee.member": Sample(
                vals=lambda: {
                    "committee_id": self.steering.id,
                    "partner_id": self.env["res.partner"]
                    .create({"name": unique("Mitglied")})
                    .id,
                },
                write={"role": "deputy"},
            ),
            "kim.agenda.item": named(event_id=self.meeting.id),
            "kim.decision": named(committee_id=self.steering.id),
            # coordination sees themes and reconstructions of its districts:
            # the samples come from a case of organisation A in its district
            "kim.generative.theme": Sample(
                vals=lambda: {
                    "name": unique(),
                    "observation_ids": [(6, 0, self._observation(self.case_a).ids)],
                },
                write={"name": unique()},
            ),
            "kim.case.reconstruction": Sample(
                vals=lambda: {
                    "name": unique(),
                    "date": date(next(years), 3, 1),
                    "case_ids": [(6, 0, self.cases_a.ids)],
                },
                write={"name": unique()},
            ),
            "kim.governance.parameter": Sample(
                vals=lambda: {
                    "key": "reconstructions_per_year",
                    "value": 4,
                    "valid_from": date(year := next(years), 1, 1),
                    "valid_to": date(year, 12, 31),
                },
                write={"value": 3},
            ),
            "kim.agreement": named(),
            "kim.agreement.scope": named(),
            "kim.committee.report": Sample(
                vals=lambda: {"period_type": "quarter", "year": 2013, "period": 1},
                write={"outlook": "<p>Ausblick</p>"},
            ),
            "kim.monitoring.wizard": Sample(
                vals=lambda: {"year": 2026},
                write={"year": 2025},
                make=lambda: (
                    self.env["kim.monitoring.wizard"]
                    .with_user(self.user_coordination)
                    .create({"year": 2026})
                ),
            ),
            "kim.opening.hour": Sample(
                vals=lambda: {
                    "partner_id": self.org_mbe.id,
                    "weekday": "0",
                    "hour_from": 8.0,
                    "hour_to": 12.0,
                },
                write={"hour_to": 12.5},
            ),
            "kim.integreat.sync": Sample(
                vals=lambda: {"source": "file"},
                write={"language": "de"},
                make=lambda: (
                    self.env["kim.integreat.sync"]
                    .with_user(self.user_coordination)
                    .create({"source": "file"})
                ),
            ),
            "kim.integreat.sync.line": Sample(
                vals=lambda: {
                    "sync_id": self.env["kim.integreat.sync"]
                    .with_user(self.user_coordination)
                    .create({"source": "file"})
                    .id,
                    "action": "skip",
                },
                write={"action": "create"},
                make=lambda: (
                    self.env["kim.integreat.sync.line"]
                    .with_user(self.user_coordination)
                    .create(
                        {
                            "sync_id": self.env["kim.integreat.sync"]
                            .with_user(self.user_coordination)
                            .create({"source": "file"})
                            .id,
                            "action": "skip",
                        }
                    )
                ),
            ),
            "project.task:mandate": Sample(
                model="project.task",
                vals=lambda: {"name": "Auftrag", "kim_decision_id": self.decision.id},
                write={"name": "Auftrag 2"},
            ),
            "calendar.event:committee": Sample(
                model="calendar.event",
                vals=lambda: {
                    "name": "Sitzung",
                    "start": "2026-06-01 09:00:00",
                    "stop": "2026-06-01 10:00:00",
                    "kim_committee_id": self.steering.id,
                },
                write={"description": "Protokoll"},
            ),
        }

    def test_access_matrix(self):
        """X-1 / X-2 / G-1: the complete role × model × operation matrix of
        kim_governance's models: allowed cells work on a real record, refused
        cells raise AccessError; case managers, finance, authority staff and
        portal users get no governance internals."""
        tested, total = self._threat_run_matrix(
            "kim_governance", MATRIX, self._samples(), STANDARD
        )
        report_figure("access_matrix_cells", tested, total)
