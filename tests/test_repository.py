"""Checks of the repository itself: layout, README commands, no Enterprise."""

import ast
import re
import subprocess
from pathlib import Path

import polib
import pytest
from kim.common import ADDONS

ROOT = Path(__file__).resolve().parent.parent
# the audit-log extensions: below kim_case, which depends on them
BASE_ADDONS = ("kim_audit", "kim_case")
ENTERPRISE = {
    "web_enterprise",
    "account_accountant",
    "account_reports",
    "documents",
    "sign",
    "helpdesk",
    "planning",
    "web_studio",
    "hr_appraisal",
    "approvals",
    "web_cohort",
    "web_gantt",
    "web_map",
    "knowledge",
    "social",
    "voip",
    "quality",
    "mrp_plm",
    "industry_fsm",
    "timesheet_grid",
    "project_enterprise",
    "hr_payroll",
}


def manifest(addon):
    return ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())


def test_readme_has_the_two_commands_and_makefile_targets():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert f"make {target}" in readme
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_layout(addon):
    path = ROOT / "addons" / addon
    data = manifest(addon)
    assert data["version"].startswith("18.0.") and len(data["version"].split(".")) == 5
    assert data["license"] in ("LGPL-3", "AGPL-3")
    assert "description" not in data, "German description comes from readme/"
    assert data["installable"]
    required = ["i18n/de.po", "readme/DESCRIPTION.md", "static/description/icon.png"]
    if defines_models(path):
        required.append("security/ir.model.access.csv")
    for sub in required:
        assert (path / sub).is_file(), f"{addon}: {sub} missing"
    tests = list((path / "tests").glob("test_*.py"))
    assert tests, f"{addon} has no tests"
    if addon not in BASE_ADDONS:
        assert "kim_case" in data["depends"]


def defines_models(path):
    """True when the addon declares a model of its own (``_name``), which needs
    access rights; an addon only extending models has no ACL file."""
    sources = [*path.glob("models/*.py"), *path.glob("wizards/*.py")]
    return any(
        re.search(r"^\s+_name = ", source.read_text(encoding="utf-8"), re.MULTILINE)
        for source in sources
    )


@pytest.mark.parametrize("addon", ADDONS)
def test_no_enterprise_dependency(addon):
    assert not set(manifest(addon)["depends"]) & ENTERPRISE


def test_kim_case_depends_on_no_other_kim_addon():
    """kim_case is the hub; only the audit-log extensions (kim_audit) lie
    below it, and they depend on no KIM addon."""
    assert [d for d in manifest("kim_case")["depends"] if d.startswith("kim_")] == [
        "kim_audit"
    ]
    assert not [d for d in manifest("kim_audit")["depends"] if d.startswith("kim_")]


def test_no_odoo_code_in_repository():
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert not [
        f for f in files if re.search(r"(^|/)odoo/(addons/base|tools)/|odoo-bin$", f)
    ]


@pytest.mark.parametrize("addon", ADDONS)
def test_every_term_has_a_german_translation(addon):
    """X-3: every translatable term of the addon (its .pot) is translated in de.po."""
    i18n = ROOT / "addons" / addon / "i18n"
    pot = i18n / f"{addon}.pot"
    assert pot.is_file(), f"run `make i18n`: {addon}.pot missing"
    german = {
        e.msgid: e.msgstr or (e.tcomment == "de: unverändert")
        for e in polib.pofile(str(i18n / "de.po"))
    }
    missing = [e.msgid for e in polib.pofile(str(pot)) if not german.get(e.msgid)]
    assert not missing, f"{addon}: untranslated terms: {missing[:10]}"


def test_traceability_report_prints(capsys):
    import traceability

    assert traceability.main() == 0
    out = capsys.readouterr().out
    assert out.startswith("requirement ids covered: ")
    print(out)
