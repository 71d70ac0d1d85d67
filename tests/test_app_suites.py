"""Issue #17 §6: ``kimctl app-suites`` reads the failing tests of Odoo's own
app suites from the log and compares them with the recorded baseline."""

import json

from kim import cmd_app_suites
from kim.cmd_app_suites import ALLOWLIST, BASELINE, parse_log

HEAD = "2026-12-07 03:08:22,582 28302 ERROR kim_apps_x "
LOG = "\n".join(
    [
        HEAD + "odoo.addons.crm.tests.test_crm_lead: FAIL: TestCRMLead.test_a",
        HEAD + "odoo.addons.crm.tests.test_crm_lead: FAIL: Subtest "
        "TestCRMLead.test_b (login='user_sales_manager')",
        HEAD + "odoo.addons.crm.tests.test_crm_lead: FAIL: Subtest "
        "TestCRMLead.test_b (login='user_sales_leads')",
        HEAD + "odoo.tests.suite: ERROR: setUpClass "
        "(odoo.addons.portal.tests.test_portal_wizard.TestPortalWizard)",
        HEAD + "odoo.addons.hr.tests.test_hr_employee: ERROR: TestHrEmployee.test_c",
        "2026-12-07 03:08:22,583 28302 INFO kim_apps_x odoo.addons.hr.tests.x: "
        "Starting TestHrEmployee.test_d ...",
        HEAD + "odoo.tests.result: 3 failed, 2 error(s) of 518 tests when "
        "loading database 'kim_apps_x'",
    ]
)


def test_failing_test_ids_from_the_log():
    failing, total = parse_log(LOG)
    assert total == 518
    assert failing == {
        "crm:TestCRMLead.test_a",
        "crm:TestCRMLead.test_b",
        "portal:TestPortalWizard.setUpClass",
        "hr:TestHrEmployee.test_c",
    }


def test_new_failures_against_baseline_and_allowlist(tmp_path, monkeypatch):
    base, allow = tmp_path / "base.json", tmp_path / "allow.json"
    base.write_text(json.dumps({"apps": {"failures": ["crm:TestCRMLead.test_a"]}}))
    allow.write_text(json.dumps({"apps": {"hr:TestHrEmployee.test_c": "reason"}}))
    monkeypatch.setattr(cmd_app_suites, "BASELINE", base)
    monkeypatch.setattr(cmd_app_suites, "ALLOWLIST", allow)
    failing, _total = parse_log(LOG)
    new, allowed = cmd_app_suites.compare("apps", failing)
    assert new == ["crm:TestCRMLead.test_b", "portal:TestPortalWizard.setUpClass"]
    assert allowed == ["hr:TestHrEmployee.test_c"]


def test_recorded_baseline_says_how_to_record_it_and_allowlist_has_reasons():
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert baseline["apps"]["command"] == (
        "python3 tools/kimctl.py app-suites --record-baseline"
    )
    assert baseline["apps"]["tests"] > 400
    for suite, entries in json.loads(ALLOWLIST.read_text(encoding="utf-8")).items():
        if suite.startswith("_"):
            continue
        assert all(isinstance(r, str) and len(r) > 20 for r in entries.values())
