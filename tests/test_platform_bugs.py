"""Issue #15: the test command warns when the installed Odoo carries the
calendar bug that makes a user's groups and login self-writeable."""

from kim.odoo_env import warn_platform_bugs

BUGGY = """
    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ['calendar_default_privacy']
"""
FIXED = """
    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ['calendar_default_privacy']
"""


def _odoo(tmp_path, code):
    source = tmp_path / "odoo" / "addons" / "calendar" / "models" / "res_users.py"
    source.parent.mkdir(parents=True)
    source.write_text(code, encoding="utf-8")
    return tmp_path / "odoo"


def test_warns_on_the_buggy_build(tmp_path, capsys):
    assert warn_platform_bugs(_odoo(tmp_path, BUGGY), "18.0-20241002")
    assert "SELF_WRITEABLE_FIELDS" in capsys.readouterr().out


def test_silent_on_a_fixed_build(tmp_path, capsys):
    assert not warn_platform_bugs(_odoo(tmp_path, FIXED), "18.0-20250101")
    assert capsys.readouterr().out == ""
