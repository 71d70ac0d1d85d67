"""The test command judges Odoo's log (its runner exits 0 on logged errors):
every ERROR line fails the run, except the idle-connection line of Odoo's
test server, which is counted and reported instead."""

from kim.odoo_log import analyse_log

IDLE = (
    "2026-12-07 18:20:39,249 16636 ERROR ? werkzeug: 127.0.0.1 - - "
    "[07/Dec/2026 18:20:39] Request timed out: TimeoutError('timed out') - - -"
)
REAL = (
    "2026-12-07 18:20:40,001 16636 ERROR kim_test odoo.addons.kim_case.tests."
    "test_ui: FAIL: TestUi.test_appointment_tour_case_manager"
)
# an error that merely mentions the words is still an error
LOOKALIKE = (
    "2026-12-07 18:20:41,001 16636 ERROR kim_test werkzeug: 127.0.0.1 - - "
    "[07/Dec/2026 18:20:41] Request timed out: TimeoutError('timed out') "
    "while the tour waited"
)


def _analyse(tmp_path, *lines):
    log = tmp_path / "odoo.log"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return analyse_log(log, [])


def test_idle_browser_connection_is_counted_not_failed(tmp_path):
    res = _analyse(tmp_path, IDLE)
    assert res["bad_lines"] == []
    assert res["idle_timeouts"] == [IDLE]


def test_other_errors_still_fail_the_run(tmp_path):
    res = _analyse(tmp_path, IDLE, REAL, LOOKALIKE)
    assert res["bad_lines"] == [REAL, LOOKALIKE]
    assert res["idle_timeouts"] == [IDLE]
