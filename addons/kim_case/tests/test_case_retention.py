# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import KimCaseCommon
from .figures import report_figure
from .pii_scan import find_in_database, find_in_filestore

# the surname is unique to this test (the demo data has its own "Zainab")
NEEDLES = ("Spurensuche", "1987-03-09", "09.03.1987")


class TestCaseRetention(KimCaseCommon):
    """Retention and anonymisation (§ 84 SGB X, Art. 17 GDPR, X-2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("ir_attachment.location", "db")
        cls.Case = cls.env["kim.case"]

    def _family_case(self):
        """A closed case full of personal data in every place Odoo keeps it:
        fields, free texts, chatter with tracking values, activities, files."""
        env = self.env(context={})  # tracking on
        client = self._client(
            "Zainab Spurensuche",
            kim_birthdate=date(1987, 3, 9),
            email="zainab@spurensuche.example",
            phone="+49 170 1234567",
            street="Spurenweg 1",
            city="Testhausen",
            kim_health_note="Zainab Spurensuche: Diabetes",
            kim_residence_valid_until=date(2014, 6, 30),
        )
        child = self._client("Omar Spurensuche", kim_birthdate=date(2012, 1, 1))
        self.env["res.partner"].create(
            {
                "name": "Wohnung Zainab Spurensuche",
                "parent_id": client.id,
                "type": "other",
                "street": "Spurenweg 1",
            }
        )
        placeholder = self._client("Platzhalter Person")
        with freeze_time("2013-05-02"):
            case = env["kim.case"].create(
                {
                    "partner_id": placeholder.id,
                    "user_id": self.user_cm_a.id,
                    "employer_id": self.org_ki.id,
                    "district_id": self.district_north.id,
                }
            )
            self.env.flush_all()
            self.cr.precommit.run()
            case.partner_id = client  # tracked: names in tracking values
            self.env.flush_all()
            self.cr.precommit.run()  # writes the tracking values
            case.member_ids = [(0, 0, {"partner_id": child.id, "role": "child"})]
            case.member_ids.filtered(lambda m: m.partner_id == placeholder).unlink()
            self.env["kim.case.contact"].create(
                {
                    "case_id": case.id,
                    "note": "Zainab Spurensuche (geb. 09.03.1987) kam mit Omar.",
                }
            )
            self.env["kim.case.goal"].create(
                {"case_id": case.id, "name": "Zainab Spurensuche findet Arbeit"}
            )
            self.env["kim.case.substitute"].create(
                {
                    "case_id": case.id,
                    "user_id": self.user_cm_b.id,
                    "date_to": date(2013, 6, 1),
                    "reason": "Urlaub, Zainab Spurensuche informiert",
                }
            )
            self._consent(
                client,
                "release",
                case_id=case.id,
                purpose="Jobcenter-Anfrage für Zainab Spurensuche, 1987-03-09",
                document_ids=[self._document("Zainab Spurensuche.pdf").id],
            )
            case.message_post(
                body="Gespräch mit Zainab Spurensuche, geboren 09.03.1987",
                attachments=[("pass.txt", b"Zainab Spurensuche 1987-03-09")],
            )
            client.with_env(env).message_post(body="Zainab Spurensuche angelegt")
            case.activity_schedule(
                "mail.mail_activity_data_todo",
                summary="Rückruf",
                note="Zainab Spurensuche anrufen",
                user_id=self.user_cm_a.id,
            )
            client.with_user(self.user_lead).action_kim_export_art15()
            # audit trail of a print (the entry names the client)
            self.env["ir.actions.report"].with_user(self.user_lead)._render_qweb_html(
                "kim_case.report_kim_art15", client.ids
            )
            # standard models linked to the case or the client
            self.env["calendar.event"].create(
                {
                    "name": "Termin Zainab Spurensuche",
                    "kim_case_id": case.id,
                    "start": "2013-05-03 09:00:00",
                    "stop": "2013-05-03 10:00:00",
                    "description": "Zainab Spurensuche, geb. 09.03.1987",
                }
            )
            self.env["project.task"].create(
                {
                    "name": "Wohnungssuche Zainab Spurensuche",
                    "kim_case_id": case.id,
                    "description": "Unterlagen von Zainab Spurensuche",
                }
            )
            self.env["crm.lead"].create(
                {
                    "name": "Anfrage Zainab Spurensuche",
                    "partner_id": client.id,
                    "contact_name": "Zainab Spurensuche",
                    "description": "geboren 1987-03-09",
                }
            )
        with freeze_time("2014-01-10"):
            case.action_close(self.env.ref("kim_case.close_reason_goals_reached"))
        return case, client, child

    def _find_traces(self):
        """Every char/text/json/bytea column of every table holding a needle."""
        return find_in_database(self.env, NEEDLES)

    def test_anonymisation_leaves_no_trace(self):
        """X-2 / § 84 SGB X: after the retention period the cron anonymises the
        closed case; a search of every text column of the database (chatter,
        tracking values, attachments stored in the database) finds neither the
        name nor the birth date."""
        case, client, child = self._family_case()
        traces = self._find_traces()
        for place in (
            "res_partner.name",
            "mail_message.body",
            "mail_tracking_value.new_value_char",
            "kim_case_contact.note",
            "ir_attachment.db_datas",
            "auditlog_log.name",
            "auditlog_log_line.new_value",
            "auditlog_log_line.new_value_text",
            "calendar_event.name",
            "project_task.name",
            "crm_lead.contact_name",
            "kim_case_goal.name",
        ):
            self.assertIn(place, traces, "the fixture must put data everywhere")
        with freeze_time("2024-01-10"):
            self.assertFalse(self.Case._cron_anonymise_closed(), "10 years not over")
        with freeze_time("2024-01-11"):
            done = self.Case._cron_anonymise_closed()
        self.assertEqual(done, case)
        self.assertTrue(case.anonymised)
        self.assertEqual(client.name, f"Anonymised {client.id}")
        self.assertFalse(client.kim_birthdate or client.email or client.street)
        self.assertFalse(child.kim_birthdate)
        residual = self._find_traces()
        report_figure("residual_pii", len(residual))
        self.assertEqual(residual, [])
        # the case itself (number, dates, constellation) stays for statistics
        self.assertTrue(case.exists() and case.closed_date and case.type_id)
        with freeze_time("2024-02-01"):
            self.assertFalse(self.Case._cron_anonymise_closed(), "never twice")

    def test_erasure_filestore_and_audit_log(self):
        """X-2 / Art. 17 GDPR: with files in the filestore, the erasure by the
        lead removes the files right after the commit (not only at the nightly
        garbage collection), and the audit trail keeps its entries (who, when,
        what) without the old and new values."""
        self.env["ir.config_parameter"].set_param("ir_attachment.location", "file")
        case, client, _child = self._family_case()
        files = find_in_filestore(self.env, NEEDLES)
        self.assertTrue(files, "the fixture must put files in the filestore")
        Log = self.env["auditlog.log"]
        logs = Log.search([("model_model", "=", "kim.case"), ("res_id", "=", case.id)])
        self.assertTrue(logs.filtered(lambda log: log.method == "write").line_ids)
        case.with_user(self.user_lead).action_kim_anonymise()
        self.cr.postcommit.run()  # the files go once the erasure is committed
        residual = self._find_traces() + find_in_filestore(self.env, NEEDLES, files)
        report_figure("residual_pii", len(residual))
        self.assertEqual(residual, [])
        # the entries stay: who changed the case and when
        after = Log.search([("model_model", "=", "kim.case"), ("res_id", "=", case.id)])
        self.assertLessEqual(logs, after)
        self.assertIn(self.user_lead, after.user_id)

    def test_retention_years_configurable(self):
        """§ 84 SGB X: the retention period is a setting; 0 never anonymises."""
        case, _client, _child = self._family_case()
        Param = self.env["ir.config_parameter"]
        Param.set_param("kim_case.retention_years", "0")
        with freeze_time("2040-01-01"):
            self.Case._cron_anonymise_closed()
        self.assertFalse(case.anonymised)
        Param.set_param("kim_case.retention_years", "2")
        with freeze_time("2016-01-11"):
            self.Case._cron_anonymise_closed()
        self.assertTrue(case.anonymised)

    def test_retention_setting(self):
        """§ 84 SGB X: the retention period is edited in the settings (default
        ten years) and stored as ``kim_case.retention_years``."""
        settings = Form(self.env["res.config.settings"])
        self.assertEqual(settings.kim_retention_years, 10)
        settings.kim_retention_years = 6
        settings.save().execute()
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("kim_case.retention_years"), "6"
        )

    def test_legal_hold_stops_anonymisation(self):
        """§ 84 SGB X: a legal hold on the case or on a family member stops the
        anonymisation, by the cron and by hand."""
        case, client, child = self._family_case()
        case.legal_hold = True
        with freeze_time("2030-01-01"):
            self.Case._cron_anonymise_closed()
        self.assertFalse(case.anonymised)
        with self.assertRaises(UserError):
            case.with_user(self.user_lead).action_kim_anonymise()
        case.legal_hold = False
        child.kim_legal_hold = True
        with freeze_time("2030-01-01"):
            self.Case._cron_anonymise_closed()
        self.assertFalse(case.anonymised)
        self.assertEqual(client.name, "Zainab Spurensuche")
        child.kim_legal_hold = False
        case.with_user(self.user_lead).action_kim_anonymise()
        self.assertTrue(case.anonymised)

    def test_anonymise_only_lead_and_closed(self):
        """X-2: only the KIM lead anonymises by hand, and only closed cases;
        a refused attempt changes nothing."""
        case, client, _child = self._family_case()
        with self.assertRaises(AccessError):
            case.with_user(self.user_cm_a).action_kim_anonymise()
        self.assertFalse(case.anonymised)
        self.assertEqual(client.name, "Zainab Spurensuche")
        open_case = self._case()
        with self.assertRaises(UserError):
            open_case.with_user(self.user_lead).action_kim_anonymise()
        self.assertNotIn("Anonymised", open_case.partner_id.name)

    def test_person_in_open_case_is_kept(self):
        """X-2: a person who is still in an open case keeps their data when an
        old case of theirs is anonymised."""
        case, client, child = self._family_case()
        current = self._case(client=child)
        case.with_user(self.user_lead).action_kim_anonymise()
        self.assertTrue(case.anonymised)
        self.assertEqual(child.name, "Omar Spurensuche")
        self.assertEqual(client.name, f"Anonymised {client.id}")
        self.assertFalse(current.anonymised)
