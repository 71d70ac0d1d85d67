# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import KimAbhCommon


@freeze_time("2026-03-02")
class TestAbhAuthorityAccess(KimAbhCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._request()
        cls.Request = cls.env["kim.abh.request"]

    def _visible(self, user):
        return self.Request.with_user(user).search([])

    def test_authority_sees_requests_addressed_to_it(self):
        """C-10: ABH staff see the request, EBH staff and other roles do not."""
        self.assertEqual(self._visible(self.user_abh), self.request)
        self.assertFalse(self._visible(self.user_ebh))
        # the fixture's authority user works for the KI, not the ABH
        self.assertFalse(self._visible(self.user_authority))
        for user in (self.user_finance, self.user_steering):
            with self.assertRaises(AccessError):
                self.Request.with_user(user).search([])
        self.assertEqual(self._visible(self.user_cm_a), self.request)
        self.assertFalse(self._visible(self.user_cm_b))

    def test_authority_is_no_case_organisation(self):
        """A-1 / X-1 (issue #16 item 5): authority staff are bound to their
        authority by its own field; the authority is not offered as the
        organisation of a case, and an employer field naming it opens
        nothing."""
        choices = self.env["res.partner"].search(
            self.env["kim.case"]
            ._fields["employer_id"]
            .get_domain_list(self.env["kim.case"])
        )
        self.assertNotIn(self.org_abh, choices)
        self.assertNotIn(self.org_ebh, choices)
        self.assertFalse(self.user_abh.kim_employer_id)
        staff = self._kim_user(
            "abh_old_style", "kim_case.group_kim_authority", self.org_abh
        )
        self.assertFalse(self._visible(staff))
        staff.kim_authority_id = self.org_abh
        self.assertEqual(self._visible(staff), self.request)

    def test_withdrawal_removes_access_at_once(self):
        """C-10: the same day the release is withdrawn the ABH loses access."""
        self.assertEqual(self._visible(self.user_abh), self.request)
        self.release.action_withdraw()
        self.assertFalse(self._visible(self.user_abh))
        with self.assertRaises(AccessError):
            self.request.with_user(self.user_abh).read(["question"])
        # the case manager keeps the request
        self.assertEqual(self._visible(self.user_cm_a), self.request)

    def test_expiry_removes_access(self):
        """C-10: a release ending today covers today, not tomorrow."""
        self.release.valid_until = date(2026, 3, 2)
        self.assertEqual(self._visible(self.user_abh), self.request)
        with freeze_time("2026-03-03"):
            self.env["kim.abh.request"].sudo()._cron_refresh_release_window()
            self.assertFalse(self._visible(self.user_abh))

    def test_release_must_cover_every_category_of_the_topic(self):
        """C-10: access needs ONE valid release for this authority covering all
        data categories of the topic; partial releases or releases for another
        authority do not add up (rule shape of issue #8, R10)."""
        self.release.data_category_ids = [(6, 0, [self.cat_master.id])]
        self.assertFalse(self._visible(self.user_abh))
        # the missing category in a second release: still no single release
        self._consent(
            self.client,
            "release",
            recipient_id=self.org_abh.id,
            data_category_ids=[(6, 0, [self.cat_residence.id])],
        )
        self.assertFalse(self._visible(self.user_abh))
        # a full release for another authority does not count either
        self._consent(self.client, "release", recipient_id=self.org_ebh.id)
        self.assertFalse(self._visible(self.user_abh))
        self.assertFalse(self.request.kim_release_covers)
        self._consent(self.client, "release", recipient_id=self.org_abh.id)
        self.assertEqual(self._visible(self.user_abh), self.request)
        self.request.invalidate_recordset(["kim_release_covers"])
        self.assertTrue(self.request.kim_release_covers)

    def test_release_changes_count_at_once(self):
        """C-10 (stored covering releases, issue #8 R10): whatever changes a
        release, its client's topic or the request counts in the same
        transaction: another recipient, a deleted release, a topic that needs
        one more category, a request readdressed to another authority."""
        self.assertEqual(self._visible(self.user_abh), self.request)
        self.release.recipient_id = self.org_ebh
        self.assertFalse(self._visible(self.user_abh))
        self.release.recipient_id = self.org_abh
        self.assertEqual(self._visible(self.user_abh), self.request)
        extra = self.env["kim.data.category"].create({"name": "Gesundheit (Test)"})
        self.topic_residence.data_category_ids = [(4, extra.id)]
        self.assertFalse(self._visible(self.user_abh))
        with self.assertRaises(AccessError):
            self.request.with_user(self.user_abh).read(["question"])
        self.release.data_category_ids = [(4, extra.id)]
        self.assertEqual(self._visible(self.user_abh), self.request)
        with self.assertRaises(UserError):  # no release for the EBH yet
            self.request.authority_id = self.org_ebh
        self._consent(
            self.client,
            "release",
            recipient_id=self.org_ebh.id,
            data_category_ids=[(6, 0, self.topic_residence.data_category_ids.ids)],
        )
        self.request.authority_id = self.org_ebh
        self.assertFalse(self._visible(self.user_abh))
        self.assertEqual(self._visible(self.user_ebh), self.request)
        self.request.authority_id = self.org_abh
        self.assertEqual(self._visible(self.user_abh), self.request)
        self.release.unlink()
        self.assertFalse(self._visible(self.user_abh))
        self.assertFalse(self.request.release_consent_ids)

    def test_release_spans_and_gaps(self):
        """C-10 (stored span of the covering releases, issue #8 R10): releases
        that overlap or follow each other day by day make one span; after a
        gap the authority loses access when the first release ends and gets it
        back on the first day of the next one (nightly job); a release that
        starts later counts from its first day; a withdrawal ends the day
        before."""
        request, release = self.request, self.release
        release.valid_until = date(2026, 3, 10)
        self._consent(
            self.client,
            "release",
            recipient_id=self.org_abh.id,
            valid_from=date(2026, 3, 11),  # adjacent: one span to 20 March
            valid_until=date(2026, 3, 20),
        )
        later = self._consent(
            self.client,
            "release",
            recipient_id=self.org_abh.id,
            valid_from=date(2026, 4, 1),  # after a gap of ten days
        )
        self.assertEqual(
            (request.release_valid_from, request.release_valid_until),
            (date(2020, 1, 1), date(2026, 3, 20)),
        )
        Request = self.Request.sudo()
        for day, visible in (
            ("2026-03-20", True),
            ("2026-03-21", False),
            ("2026-03-31", False),
            ("2026-04-01", True),
            ("2027-04-01", True),
        ):
            with freeze_time(day):
                Request._cron_refresh_release_window()
                self.assertEqual(
                    bool(self._visible(self.user_abh)), visible, f"on {day}"
                )
                self.assertEqual(
                    request.with_user(self.user_abh).has_access("read"), visible
                )
        self.assertEqual(
            (request.release_valid_from, request.release_valid_until),
            (date(2026, 4, 1), False),
        )
        with freeze_time("2027-04-01"):
            later.action_withdraw()
            self.assertFalse(self._visible(self.user_abh))
            self.assertEqual(request.release_valid_until, False)
        # a release that starts in the future counts from its first day
        with freeze_time("2027-05-01"):
            self._consent(
                self.client,
                "release",
                recipient_id=self.org_abh.id,
                valid_from=date(2027, 6, 1),
            )
            self.assertFalse(self._visible(self.user_abh))
        with freeze_time("2027-06-01"):
            self.env["kim.abh.request"].sudo()._cron_refresh_release_window()
            self.assertEqual(self._visible(self.user_abh), request)

    def test_refresh_job_batches(self):
        """C-10: the nightly refresh works in batches, reports its progress
        and is safe to re-run: every ended span is looked at once."""
        requests = self.request
        for _i in range(2):
            requests |= self._request()
        self.release.valid_until = date(2026, 3, 5)
        self._consent(
            self.client,
            "release",
            recipient_id=self.org_abh.id,
            valid_from=date(2026, 3, 9),
        )
        self.env.flush_all()  # stored today, as at the end of today's request
        self.assertEqual(
            set(requests.mapped("release_valid_until")), {date(2026, 3, 5)}
        )
        cron = self.env.ref("kim_abh.ir_cron_kim_abh_release_window")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Request = self.Request.sudo().with_context(ir_cron_progress_id=progress.id)
        with freeze_time("2026-03-09"):
            first = Request._cron_refresh_release_window(batch_size=2)
            self.assertEqual((len(first), progress.done, progress.remaining), (2, 2, 1))
            second = Request._cron_refresh_release_window(batch_size=2)
            self.assertEqual((len(second), progress.remaining), (1, 0))
            self.assertFalse(Request._cron_refresh_release_window(batch_size=2))
            self.assertEqual(self._visible(self.user_abh), requests)
        self.assertEqual(set(requests.mapped("release_valid_from")), {date(2026, 3, 9)})

    def test_need_to_know_fields_on_request(self):
        """C-10: the authority reads name, birth date, nationality, residence
        status (and the residence dates the topic needs) through the request."""
        values = self.request.with_user(self.user_abh).read(
            [
                "partner_id",
                "client_birthdate",
                "client_nationality_id",
                "client_residence_status_id",
                "client_entry_date",
            ]
        )[0]
        self.assertEqual(values["partner_id"][1], "Samir Testmann")
        self.assertEqual(values["client_birthdate"], date(1990, 5, 17))
        self.assertEqual(values["client_nationality_id"][0], self.env.ref("base.sy").id)
        self.assertEqual(values["client_entry_date"], date(2018, 9, 1))
        # the readiness check and the case stay with case management
        for field in ("case_id", "readiness_html"):
            with self.assertRaises(AccessError):
                self.request.with_user(self.user_abh).read([field])

    def test_no_access_to_client_case_or_its_content(self):
        """C-10: no client contact, case, assessment, goal or consent for the
        authority — via search, read, read_group, name_search and export."""
        user = self.user_abh
        Partner = self.env["res.partner"].with_user(user)
        self.assertFalse(Partner.search([("id", "=", self.client.id)]))
        self.assertFalse(Partner.name_search("Samir"))
        self.assertFalse(
            Partner.read_group([("kim_is_client", "=", True)], ["email"], ["email"])
        )
        with self.assertRaises(AccessError):
            self.client.with_user(user).read(["email"])
        with self.assertRaises(UserError):  # no export right at all
            self.request.with_user(user).export_data(["name"])
        # even with the export right, nothing beyond the request's own fields
        user.groups_id += self.env.ref("base.group_allow_export")
        for fields_ in (["partner_id/email"], ["case_id/name"]):
            with self.assertRaises(AccessError):
                self.request.with_user(user).export_data(fields_)
        rows = self.request.with_user(user).export_data(["name", "question"])
        self.assertEqual(rows["datas"], [[self.request.name, self.request.question]])
        for model in (
            "kim.case",
            "kim.case.assessment",
            "kim.case.goal",
            "kim.consent",
        ):
            Model = self.env[model].with_user(user)
            if Model.has_access("read"):
                self.assertFalse(Model.search([]), model)
            else:
                with self.assertRaises(AccessError):
                    Model.search([])
        with self.assertRaises(AccessError):
            self.case.with_user(user).read(["name"])
        # read_group and export on the request itself show only its own data
        groups = self.Request.with_user(user).read_group([], ["topic_id"], ["topic_id"])
        self.assertEqual(sum(g["topic_id_count"] for g in groups), 1)

    def test_authority_may_only_answer(self):
        """A-1: the authority answers or decides, it cannot rewrite the request."""
        request = self.request.with_user(self.user_abh)
        with self.assertRaises(AccessError):
            request.write({"question": "geändert"})
        with self.assertRaises(AccessError):
            request.write({"authority_id": self.org_ebh.id})
        self.assertEqual(
            self.request.question, "Ist eine Beschäftigungsduldung möglich?"
        )
        with self.assertRaises(AccessError):
            self.Request.with_user(self.user_abh).create(
                {
                    "case_id": self.case.id,
                    "authority_id": self.org_abh.id,
                    "topic_id": self.topic_residence.id,
                    "question": "x",
                }
            )

    def test_case_form_opens_request(self):
        """A-1: one click on the case form opens a request for the case."""
        action = self.case.with_user(self.user_cm_a).action_kim_abh_request_new()
        Request = self.Request.with_user(self.user_cm_a).with_context(
            **action["context"]
        )
        with Form(Request) as form:
            form.authority_id = self.org_abh
            form.topic_id = self.topic_residence
            form.question = "Verlängerung der Duldung?"
        request = form.record
        self.assertEqual(request.case_id, self.case)
        self.assertEqual(self.case.kim_abh_request_count, 2)
