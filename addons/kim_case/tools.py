# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Small helpers shared by kim_case's models (and the other KIM addons)."""

import re
from datetime import datetime, time, timedelta

import pytz

from odoo import Command, fields
from odoo.tools import SQL

# the time zone of the KIM day: every Kreis of the programme is in NRW
KIM_TZ = "Europe/Berlin"


def kim_today(record):
    """The KIM day: today in Europe/Berlin, for every rule, cron, compute and
    default — never the server's UTC day, never a user's own time zone, so a
    substitution or consent starts at midnight in Germany for everybody.
    ``record`` is any record or model (usable as a field default). Reads no
    data: record rules put it into their cache key on every evaluation."""
    return fields.Date.context_today(record.with_context(tz=KIM_TZ))


def kim_lang(record, user=None):
    """The language of text KIM stores for someone to read later (activity
    summaries, generated names): ``user``'s language, else the Kreis' language
    German (a KIM NRW Kreis works in German; the company partner's language is
    only asked when German is not installed), else the environment's — a job
    running as OdooBot or an English administrator never decides it. Only
    installed languages count."""
    env = getattr(record, "env", record)
    installed = {code for code, _name in env["res.lang"].get_installed()}
    for code in (
        user and user.sudo().lang,  # sudo: the language of a recipient user
        "de_DE",
        env.company.partner_id.lang,
    ):
        if code in installed:
            return code
    return env.lang


def kim_lang_env(record, user=None):
    """``record``'s environment in :func:`kim_lang`'s language; translate with
    ``kim_lang_env(case, user)._(...)`` and format dates with
    ``format_date(env, day)`` of that environment."""
    env = getattr(record, "env", record)
    return env(context=dict(env.context, lang=kim_lang(env, user)))


def kim_calendar(record):
    """The working calendar of the deadlines: the company's ``resource.calendar``
    (with the public holidays of NRW as its global leaves). ``record`` is any
    record, model or environment."""
    env = getattr(record, "env", record)
    # justified: the calendar and its leaves are company data every job reads
    return env.company.resource_calendar_id.sudo()


def _kim_day_start(calendar, day):
    return pytz.timezone(calendar.tz or KIM_TZ).localize(
        datetime.combine(day, time.min)
    )


def kim_add_working_days(record, day, days):
    """The ``days``-th working day after ``day`` (``day`` itself does not
    count; negative: before it) on the company's working calendar, skipping
    weekends and its global leaves (public holidays). 0 gives ``day``.
    Without a calendar Monday to Friday count."""
    if not day or not days:
        return day
    calendar = kim_calendar(record)
    if not calendar:
        step = 1 if days > 0 else -1
        left = abs(days)
        while left:
            day += timedelta(days=step)
            left -= day.weekday() < 5
        return day
    if days > 0:
        start = _kim_day_start(calendar, day + timedelta(days=1))
    else:
        start = _kim_day_start(calendar, day)
    planned = calendar.plan_days(days, start, compute_leaves=True)
    return planned.astimezone(start.tzinfo).date() if planned else False


def kim_working_days_between(record, start, end):
    """Working days after ``start`` up to and including ``end`` on the
    company's calendar (negative when ``end`` lies before ``start``): the
    days left until a due date, or (negative) how long it is overdue."""
    if not (start and end) or start == end:
        return 0
    if end < start:
        return -kim_working_days_between(record, end, start)
    calendar = kim_calendar(record)
    if not calendar:
        return sum(
            (start + timedelta(days=n)).weekday() < 5
            for n in range(1, (end - start).days + 1)
        )
    data = calendar.get_work_duration_data(
        _kim_day_start(calendar, start + timedelta(days=1)),
        _kim_day_start(calendar, end + timedelta(days=1)),
        compute_leaves=True,
    )
    return round(data["days"])


def kim_next_working_day(record, day):
    """``day`` if it is a working day, else the next one (§ 193 BGB: a
    deadline ending on a weekend or public holiday ends on the next working
    day)."""
    if not day:
        return day
    return kim_add_working_days(record, day - timedelta(days=1), 1)


def kim_form_action(record, target="current"):
    """The window action that shows ``record`` in its form again (a wizard
    after an export or a check, with its result filled in)."""
    return {
        "type": "ir.actions.act_window",
        "res_model": record._name,
        "res_id": record.id,
        "view_mode": "form",
        "target": target,
    }


def records_changing(records, vals, names):
    """The records of ``records`` on which writing ``vals`` changes one of the
    fields ``names`` (many2one, scalar and date fields). A frozen record may
    be written again with its own values — as a data file or a re-import of an
    export does — without counting as a change."""
    names = [name for name in names if name in vals]
    if not names:
        return records.browse()

    def changes(record):
        for name in names:
            field = record._fields[name]
            new = field.convert_to_record(
                field.convert_to_cache(vals[name], record), record
            )
            if new != record[name]:
                return True
        return False

    return records.filtered(changes)


def x2many_ids_after(commands, current_ids):
    """Ids an x2many field holds after a write of ``commands`` (checks that must
    run before writing). A plain list of ids replaces the value, as in Odoo."""
    if commands and all(isinstance(command, int) for command in commands):
        return list(commands)
    ids = list(current_ids)
    for command in commands or []:
        if command[0] == Command.SET:
            ids = list(command[2])
        elif command[0] == Command.LINK:
            ids.append(command[1])
        elif command[0] in (Command.UNLINK, Command.DELETE):
            ids = [i for i in ids if i != command[1]]
        elif command[0] == Command.CLEAR:
            ids = []
    return ids


# Odoo's import messages that the German translation of Odoo 18.0 leaves in
# English (or raw database errors), with the KIM wording that replaces them.
_MISSING_RE = re.compile(
    r"Missing required value for the field '(?P<field>[^']*)' \((?P<name>[^)]*)\)"
)
_XID_MODEL_RE = re.compile(r"Invalid external ID (?P<xid>\S+): expected model")
_NO_NAME_RE = re.compile(r"^'?Contacts require a name'?$")
_DB_ERROR_RE = re.compile(r"^(column|value|invalid input|null value) .*|\nLINE \d+:")


def kim_import_clean(fields, data):
    """X-5: empty entries in lists of external ids (``a,b,``) are dropped
    (Odoo would pass them to the database as ``false``)."""
    columns = [i for i, name in enumerate(fields) if name.endswith("/id")]
    if not columns:
        return data
    data = [list(row) for row in data]
    for row in data:
        for i in columns:
            if "," in (row[i] or ""):
                row[i] = ",".join(p.strip() for p in row[i].split(",") if p.strip())
    return data


def kim_import_messages(env, result):
    """X-5: the messages of ``load`` in the user's language (see above)."""
    for message in result.get("messages") or []:
        text = message.get("message") or ""
        if match := _MISSING_RE.search(text):
            message["message"] = env._(
                "The required field %(field)s is empty.", field=match["field"]
            )
        elif match := _XID_MODEL_RE.search(text):
            message["message"] = env._(
                "The external ID %(xid)s refers to another kind of record.",
                xid=match["xid"],
            )
        elif _NO_NAME_RE.search(text.strip()):
            message["message"] = env._("A contact needs a name.")
        elif _DB_ERROR_RE.search(text):
            message["message"] = env._(
                "A value of this row cannot be imported; check the format of "
                "its columns."
            )
    return result


def kim_serialise(records):
    """Serialise a "count, then insert" check on ``records``: the rows every
    transaction making the same check must touch (the grant of a cap, the
    employee of a double-funding check, the Kreis of a yearly limit).

    Odoo runs at REPEATABLE READ: a plain ``SELECT ... FOR UPDATE`` makes the
    second transaction wait, but then it counts on its old snapshot and passes
    too. An UPDATE that writes the row (same value) makes the second one fail
    with a serialisation failure once the first commits; Odoo retries the call
    in a new snapshot, which counts the first one's record and refuses.
    Rows are taken in id order (no deadlock between two checks)."""
    for record_id in sorted(set(records.ids)):
        records.env.cr.execute(
            SQL(
                "UPDATE %s SET write_date = write_date WHERE id = %s",
                SQL.identifier(records._table),
                record_id,
            )
        )


def kim_workbook_templates(env):
    """X-5: the KIM workbook (one sheet per entity, German columns) offered
    as the template of the import dialogs of cases, family members,
    contacts, goals and consents."""
    return [
        {
            "label": env._("KIM workbook for moving in (Excel)"),
            "template": "/kim_case/static/xlsx/kim_arbeitsmappe_vorlage.xlsx",
        }
    ]


def kim_check_cases_writable(env, vals_list):
    """A case dialog is created for writable cases only (RPC included):
    raises AccessError unless the user may write every ``case_id`` named."""
    cases = env["kim.case"].browse({vals.get("case_id") for vals in vals_list} - {None})
    cases.check_access("write")
