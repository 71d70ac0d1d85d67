# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-5: moving in from the Excel sheets a Kreis kept before KIM ran on Odoo.

One workbook, one sheet per entity (clients, cases, family members, contacts,
goals, consents) with German column names; keys link the sheets: the client
key and the Kreis' case number. Each sheet goes through Odoo's ``load`` (the
import of Odoo's own dialog, with KIM's matching of clients by name and date
of birth) as the importing user, so every rule and right of the forms holds.

The check (dry run) and the import run the same code in one savepoint; the
check always rolls back, the import rolls back when any row is refused: all
or nothing. Every row is bound to an external id derived from its key (or,
for rows without a key of their own, from its content), so the same file
imported again updates instead of duplicating.

A workbook with more rows than the setting ``kim_case.workbook_background_rows``
(default 1000) is checked or imported by a cron job instead of the request,
which a prefork worker would cut off after ``limit_time_real``; the dialog
shows its progress (``kim.case.import.progress``) and the lead gets a
notification when it is done. The job is still one transaction.
"""

import base64
import hashlib
import io
import logging
import re
from datetime import date, datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from ..tools import kim_import_messages

_logger = logging.getLogger(__name__)

# rows per ``load`` call: the progress is reported per batch
BATCH = 200
XID_MODULE = "__import__"
BACKGROUND_ROWS_PARAM = "kim_case.workbook_background_rows"
BACKGROUND_ROWS_DEFAULT = 1000


def _col(header, field, kind="text", required=False):
    return {"header": header, "field": field, "kind": kind, "required": required}


# The workbook's sheets in import order. ``key``: the sheet's own key column
# (its external id); ``ref:<prefix>``: a key of another sheet.
SHEETS = [
    {
        "sheet": "Klienten",
        "model": "res.partner",
        "prefix": "kim_client",
        "fixed": {"kim_is_client": "1"},
        "columns": [
            _col("Klienten-Schlüssel", "id", "key", True),
            _col("Name", "name", required=True),
            _col("Geburtsdatum", "kim_birthdate", "date"),
            _col("Geschlecht", "kim_gender"),
            _col("Staatsangehörigkeit", "kim_nationality_id"),
            _col("Sprachen", "kim_language_ids", "list"),
            _col("Sprachmittlung nötig", "kim_needs_interpreter", "bool"),
            _col("Sprache der Sprachmittlung", "kim_interpreter_language_id"),
            _col("Aufenthaltsstatus", "kim_residence_status_id"),
            _col("Aufenthalt gültig bis", "kim_residence_valid_until", "date"),
            _col("Einreisedatum", "kim_entry_date", "date"),
            _col("Straße", "street"),
            _col("PLZ", "zip"),
            _col("Ort", "city"),
            _col("Telefon", "phone"),
            _col("E-Mail", "email"),
        ],
    },
    {
        "sheet": "Fälle",
        "model": "kim.case",
        "prefix": "kim_case",
        "columns": [
            _col("Fallnummer", "id", "key", True),
            _col("Klienten-Schlüssel", "partner_id/id", "ref:kim_client", True),
            _col("Konstellation", "type_id", required=True),
            _col("Fallmanager/in", "user_id"),
            _col("Anstellungsträger", "employer_id"),
            _col("Sozialraum", "district_id"),
            _col("Kommune", "municipality_id"),
            _col("Zugangsweg", "channel"),
            _col("Erstkontakt", "first_contact_date", "date"),
            _col("Erstgespräch", "first_meeting_date", "date"),
            _col("Zielgruppen", "target_group_ids", "list"),
        ],
    },
    {
        "sheet": "Familien",
        "model": "kim.case.member",
        "prefix": "kim_member",
        "columns": [
            _col("Fallnummer", "case_id/id", "ref:kim_case", True),
            _col("Klienten-Schlüssel", "partner_id/id", "ref:kim_client", True),
            _col("Rolle", "role", required=True),
        ],
        # one person once per case; the case's client is its applicant
        # already: a row naming them updates that member
        "identity": ["Fallnummer", "Klienten-Schlüssel"],
        "match": ["case_id", "partner_id"],
    },
    {
        "sheet": "Kontakte",
        "model": "kim.case.contact",
        "prefix": "kim_contact",
        "columns": [
            _col("Fallnummer", "case_id/id", "ref:kim_case", True),
            _col("Datum", "date", "date", True),
            _col("Dauer (Stunden)", "duration", "float"),
            _col("Kontaktart", "channel", required=True),
            _col("Ergebnis", "outcome"),
            _col("Sprachmittlung", "interpreter_used", "bool"),
            _col("Sprache der Sprachmittlung", "mediation_language_id"),
            _col("Lebensbereiche", "life_domain_ids", "list"),
        ],
    },
    {
        "sheet": "Ziele",
        "model": "kim.case.goal",
        "prefix": "kim_goal",
        "columns": [
            _col("Fallnummer", "case_id/id", "ref:kim_case", True),
            _col("Ziel", "name", required=True),
            _col("Lebensbereich", "life_domain_id"),
            _col("Zieldatum", "target_date", "date"),
            _col("Ergebnis", "outcome"),
            _col("Ergebnis am", "outcome_date", "date"),
        ],
        "identity": ["Fallnummer", "Ziel"],
    },
    {
        "sheet": "Einwilligungen",
        "model": "kim.consent",
        "prefix": "kim_consent",
        "columns": [
            _col("Fallnummer", "case_id/id", "ref:kim_case", True),
            _col("Klienten-Schlüssel", "partner_id/id", "ref:kim_client", True),
            _col("Art", "consent_type", required=True),
            _col("Gültig ab", "valid_from", "date", True),
            _col("Gültig bis", "valid_until", "date"),
            _col("Unterschrieben am", "date_signed", "date"),
            _col("Sprache", "language_id"),
            _col("Erklärt von", "explained_by_id"),
        ],
        "identity": ["Fallnummer", "Klienten-Schlüssel", "Art", "Gültig ab"],
    },
]

TRUE_WORDS = {"1", "ja", "x", "wahr", "true", "yes", "j"}
FALSE_WORDS = {"0", "nein", "falsch", "false", "no", "n", ""}


def kim_import_key(value):
    """The external-id part of a key as written in the sheet (``K-0001``,
    ``2023/017``): letters, digits and ``_``; case-insensitive."""
    text = str(value).strip()
    if re.fullmatch(r"\d+\.0", text):  # Excel stores 17 as 17.0
        text = text[:-2]
    return re.sub(r"[^0-9a-z]+", "_", text.casefold()).strip("_")


class KimCaseImport(models.TransientModel):
    """X-5: the guided import of a KIM workbook (check, then import)."""

    _name = "kim.case.import"
    _description = "KIM Workbook Import"

    file = fields.Binary(string="Workbook", required=True, attachment=False)
    file_name = fields.Char()
    state = fields.Selection(
        [
            ("new", "New"),
            ("queued", "In the background"),
            ("checked", "Checked"),
            ("done", "Imported"),
        ],
        default="new",
        required=True,
    )
    queued_dry_run = fields.Boolean(string="Check Only", readonly=True)
    line_ids = fields.One2many("kim.case.import.line", "import_id", string="Problems")
    problem_count = fields.Integer(compute="_compute_problem_count")
    summary = fields.Text(readonly=True)
    progress = fields.Integer(compute="_compute_progress")
    progress_rows = fields.Char(string="Rows", compute="_compute_progress")

    @api.depends("line_ids")
    def _compute_problem_count(self):
        for wizard in self:
            wizard.problem_count = len(wizard.line_ids)

    @api.depends("state")
    def _compute_progress(self):
        latest = {}
        if self.ids:
            # sudo: the progress rows of these imports (the user's own by the
            # rule on the import); the background job adds them as superuser
            Progress = self.env["kim.case.import.progress"].sudo()
            rows = Progress.search_read(
                [("import_id", "in", self.ids)],
                ["import_id", "done", "total"],
                order="id",
            )
            latest = {row["import_id"][0]: row for row in rows}
        for wizard in self:
            row = latest.get(wizard.id)
            done, total = (row["done"], row["total"]) if row else (0, 0)
            wizard.progress = 100 * done // total if total else 0
            wizard.progress_rows = (
                self.env._(
                    "%(done)s of %(total)s",
                    done=formatLang(self.env, done, digits=0),
                    total=formatLang(self.env, total, digits=0),
                )
                if total
                else False
            )

    # -- reading ---------------------------------------------------------

    def _kim_read_workbook(self):
        """The sheets of the file as ``{sheet: [row values]}`` (header first)."""
        self.ensure_one()
        try:
            import openpyxl

            book = openpyxl.load_workbook(
                io.BytesIO(base64.b64decode(self.file or b"")),
                read_only=True,
                data_only=True,
            )
        except Exception as error:
            raise UserError(
                self.env._(
                    "The file cannot be read as an Excel workbook (.xlsx): %(error)s",
                    error=error,
                )
            ) from error
        sheets = {}
        for sheet in book.worksheets:
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            sheets[sheet.title.strip()] = rows
        book.close()
        return sheets

    @api.model
    def _kim_cell_text(self, value, kind):
        """A cell as the text ``load`` reads; raises ValueError with a German
        message when the value cannot be of that kind."""
        if value is None:
            return ""
        if kind == "date":
            return self._kim_cell_date(value)
        if kind == "bool":
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            text = str(value).strip().casefold()
            if value is True or text in TRUE_WORDS:
                return "1"
            if value is False or text in FALSE_WORDS:
                return "0"
            raise ValueError(
                self.env._("%(value)s is neither yes nor no.", value=value)
            )
        if kind == "float":
            return self._kim_cell_float(value)
        if kind == "list":
            # several names separated by commas ("Arabisch, Deutsch")
            return ",".join(p.strip() for p in str(value).split(",") if p.strip())
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    @api.model
    def _kim_cell_date(self, value):
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        text = str(value).strip()
        if not text:
            return ""
        for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
            try:
                return datetime.strptime(text, pattern).date().isoformat()
            except ValueError:
                continue
        raise ValueError(
            self.env._("%(value)s is not a date (DD.MM.YYYY).", value=text)
        )

    @api.model
    def _kim_cell_float(self, value):
        if isinstance(value, int | float):
            return repr(float(value))
        text = str(value).strip().replace(",", ".")
        if not text:
            return ""
        try:
            return repr(float(text))
        except ValueError:
            raise ValueError(
                self.env._("%(value)s is not a number.", value=value)
            ) from None

    # -- running -----------------------------------------------------------

    def _kim_prepare(self, sheets, problems):
        """Per sheet the ``load`` fields and rows, checking headers, required
        cells, keys and references first (messages in German)."""
        prepared = []
        keys = {}  # prefix -> {key: row number} of this workbook
        for spec in SHEETS:
            rows = sheets.get(spec["sheet"])
            if rows is not None:
                sheet = self._kim_prepare_sheet(spec, rows, keys, problems)
                if sheet:
                    prepared.append(sheet)
        if not prepared and not problems:
            problems.append(
                (
                    "",
                    0,
                    "",
                    self.env._(
                        "The workbook has none of the sheets %(sheets)s.",
                        sheets=", ".join(s["sheet"] for s in SHEETS),
                    ),
                )
            )
        return prepared

    def _kim_sheet_columns(self, spec, rows, problems):
        """The sheet's columns as ``[(index, column spec)]``, or None when a
        required column is missing."""
        header = [str(h or "").strip() for h in rows[0]] if rows else []
        known = {col["header"]: col for col in spec["columns"]}
        for title in header:
            if title and title not in known:
                problems.append(
                    (spec["sheet"], 1, title, self.env._("Unknown column."))
                )
        missing = [
            col["header"]
            for col in spec["columns"]
            if col["required"] and col["header"] not in header
        ]
        for title in missing:
            problems.append(
                (spec["sheet"], 1, title, self.env._("The column is missing."))
            )
        if missing:
            return None
        return [(i, known[title]) for i, title in enumerate(header) if title in known]

    def _kim_prepare_sheet(self, spec, rows, keys, problems):
        used = self._kim_sheet_columns(spec, rows, problems)
        if used is None:
            return None
        load_fields = [col["field"] for _i, col in used]
        has_key = any(col["kind"] == "key" for _i, col in used)
        if not has_key:
            load_fields = ["id", *load_fields]
        fixed = spec.get("fixed", {})
        load_fields += list(fixed)
        keys.setdefault(spec["prefix"], {})
        data, row_numbers = [], []
        for number, row in enumerate(rows[1:], start=2):
            if all(v is None or str(v).strip() == "" for v in row):
                continue
            values, identity, bad = [], [], False
            for i, col in used:
                raw = row[i] if i < len(row) else None
                try:
                    text = self._kim_prepare_cell(spec, col, raw, number, keys)
                except ValueError as error:
                    problems.append((spec["sheet"], number, col["header"], str(error)))
                    bad = True
                    continue
                if col["header"] in spec.get("identity", [col["header"]]):
                    identity.append(text)
                values.append(text)
            if bad:
                continue
            if not has_key:
                digest = hashlib.sha1(
                    "\x1f".join(identity).encode(), usedforsecurity=False
                ).hexdigest()[:20]
                values = [f"{XID_MODULE}.{spec['prefix']}_{digest}", *values]
            data.append(values + list(fixed.values()))
            row_numbers.append(number)
        return spec, load_fields, data, row_numbers

    def _kim_prepare_cell(self, spec, col, raw, number, keys):
        """One cell as ``load`` reads it; keys become external ids. Raises
        ValueError with the German reason a cell is refused."""
        text = self._kim_cell_text(raw, col["kind"])
        if col["required"] and not text:
            raise ValueError(self.env._("The cell is empty."))
        if col["kind"] == "key":
            own = keys[spec["prefix"]]
            key = kim_import_key(text)
            if key in own:
                raise ValueError(
                    self.env._(
                        "The key %(key)s appears twice (also in row %(row)s).",
                        key=text,
                        row=own[key],
                    )
                )
            own[key] = number
            return f"{XID_MODULE}.{spec['prefix']}_{key}"
        if col["kind"].startswith("ref:"):
            prefix = col["kind"][4:]
            key = kim_import_key(text)
            xid = f"{XID_MODULE}.{prefix}_{key}"
            if key not in keys.get(prefix, {}) and not self.env.ref(
                xid, raise_if_not_found=False
            ):
                raise ValueError(
                    self.env._(
                        "%(key)s is neither in its sheet nor imported before.",
                        key=text,
                    )
                )
            return xid
        return text

    def _kim_load(self, prepared, problems, progress=None):
        """``load`` every sheet in batches; refused rows go to ``problems``;
        ``progress(done, total)`` is called after each batch."""
        counts = {}
        total = sum(len(data) for _spec, _fields, data, _rows in prepared)
        loaded = 0
        for spec, load_fields, data, row_numbers in prepared:
            Model = self.env[spec["model"]].with_context(
                import_file=True, tracking_disable=True, mail_create_nolog=True
            )
            labels = {col["field"]: col["header"] for col in spec["columns"]}
            if spec.get("match"):
                self._kim_bind_existing(spec, load_fields, data)
            done = 0
            for start in range(0, len(data), BATCH):
                chunk = data[start : start + BATCH]
                result = kim_import_messages(self.env, Model.load(load_fields, chunk))
                for message in result.get("messages") or []:
                    if message.get("type") != "error":
                        continue
                    index = (message.get("rows") or {}).get("from")
                    if index is None:
                        index = message.get("record", 0)
                    row = row_numbers[start + index] if index is not None else 0
                    field = message.get("field") or ""
                    column = labels.get(field) or labels.get(f"{field}/id") or field
                    problems.append(
                        (spec["sheet"], row, column, message.get("message") or "")
                    )
                done += len(chunk)
                loaded += len(chunk)
                _logger.info(
                    "KIM workbook import %s: %d/%d rows", spec["sheet"], done, len(data)
                )
                if progress:
                    progress(loaded, total)
            counts[spec["sheet"]] = len(data)
        return counts

    def _kim_bind_existing(self, spec, load_fields, data):
        """Rows naming a record that exists already by its ``match`` fields
        (a case's applicant, created with the case) get their external id
        bound to it, so ``load`` updates it instead of refusing a duplicate."""
        index = {name: load_fields.index(f"{name}/id") for name in spec["match"]}
        names = {row[i].split(".", 1)[1] for row in data for i in [0, *index.values()]}
        # sudo: external ids of the workbook's own keys (names prefixed above)
        IrModelData = self.env["ir.model.data"].sudo()
        known = {
            rec["name"]: rec["res_id"]
            for rec in IrModelData.search_read(
                [("module", "=", XID_MODULE), ("name", "in", list(names))],
                ["name", "res_id"],
            )
        }
        wanted = {}
        for row in data:
            own = row[0].split(".", 1)[1]
            key = tuple(known.get(row[i].split(".", 1)[1]) for i in index.values())
            if own not in known and all(key):
                wanted[key] = own
        if not wanted:
            return
        domain = [
            (name, "in", list({key[n] for key in wanted}))
            for n, name in enumerate(spec["match"])
        ]
        Model = self.env[spec["model"]]
        for record in Model.search(domain):
            key = tuple(record[name].id for name in spec["match"])
            if key in wanted:
                IrModelData.create(
                    {
                        "module": XID_MODULE,
                        "name": wanted.pop(key),
                        "model": spec["model"],
                        "res_id": record.id,
                    }
                )

    def _kim_run(self, dry_run, sheets=None, progress=None):
        self.ensure_one()
        if sheets is None:
            sheets = self._kim_read_workbook()
        problems = []
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("SAVEPOINT kim_workbook_import")
        try:
            prepared = self._kim_prepare(sheets, problems)
            counts = self._kim_load(prepared, problems, progress) if prepared else {}
            self.env.flush_all()
        except Exception:
            cr.execute("ROLLBACK TO SAVEPOINT kim_workbook_import")
            self.env.invalidate_all()
            raise
        if dry_run or problems:
            cr.execute("ROLLBACK TO SAVEPOINT kim_workbook_import")
            self.env.invalidate_all()
            # like Odoo's own ``load``: the rolled-back changes signal nothing
            self.env.registry.reset_changes()
        else:
            cr.execute("RELEASE SAVEPOINT kim_workbook_import")
        return problems, counts

    def _kim_show(self, problems, counts, state):
        order = {spec["sheet"]: index for index, spec in enumerate(SHEETS)}
        lines = [
            {"sheet": sheet, "row": row, "column": column, "message": message}
            for sheet, row, column, message in sorted(
                set(problems), key=lambda p: (order.get(p[0], -1), p[1], p[2])
            )
        ]
        summary = "\n".join(
            self.env._("%(sheet)s: %(count)s rows", sheet=sheet, count=count)
            for sheet, count in counts.items()
        )
        self.write(
            {
                "line_ids": [(5, 0, 0)] + [(0, 0, vals) for vals in lines],
                "state": state,
                "summary": summary,
            }
        )
        return self._kim_form()

    def _kim_form(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Move in from Excel"),
        }

    def _kim_start(self, dry_run):
        """Check or import now, or hand a large workbook to the background
        job (a request would be cut off by the worker's time limit)."""
        self.ensure_one()
        if self.state == "queued":
            raise UserError(
                self.env._(
                    "This workbook is being checked or imported in the background "
                    "already; wait for the notification."
                )
            )
        sheets = self._kim_read_workbook()
        rows = sum(max(len(sheet_rows) - 1, 0) for sheet_rows in sheets.values())
        # sudo: a technical setting of the KIM lead's import, read only
        param = self.env["ir.config_parameter"].sudo().get_param(BACKGROUND_ROWS_PARAM)
        try:
            limit = int(param or BACKGROUND_ROWS_DEFAULT)
        except ValueError:
            limit = BACKGROUND_ROWS_DEFAULT
        if rows > limit:
            return self._kim_queue(dry_run, rows)
        problems, counts = self._kim_run(dry_run, sheets)
        return self._kim_show(problems, counts, self._kim_state(dry_run, problems))

    @api.model
    def _kim_state(self, dry_run, problems):
        return "checked" if dry_run or problems else "done"

    def _kim_queue(self, dry_run, rows):
        if dry_run:
            summary = self.env._(
                "%(rows)s rows: the workbook is checked in the background. You "
                "get a notification when the check is done; the progress shows "
                "here (Refresh).",
                rows=rows,
            )
        else:
            summary = self.env._(
                "%(rows)s rows: the workbook is imported in the background, all "
                "rows or none. You get a notification when the import is done; "
                "the progress shows here (Refresh).",
                rows=rows,
            )
        self.write(
            {
                "state": "queued",
                "queued_dry_run": dry_run,
                "line_ids": [(5, 0, 0)],
                "summary": summary,
            }
        )
        # sudo: starting KIM's own import job now (triggers are admin data)
        self.env.ref("kim_case.ir_cron_kim_workbook_import").sudo()._trigger()
        return self._kim_form()

    def _kim_report_progress(self, done, total):
        """Add a progress row on a cursor of its own, committed at once, so
        the dialog shows it while the import's transaction still runs."""
        with self.env.registry.cursor() as cr:
            # sudo: the progress row of the running import, nothing else
            env = self.env(cr=cr, su=True)
            env["kim.case.import.progress"].create(
                {"import_id": self.id, "done": done, "total": total}
            )

    @api.model
    def _cron_kim_run_queued(self):
        """X-5: check or import the queued workbooks, the oldest first, each
        as the lead who uploaded it and in one transaction of its own."""
        queued = self.search([("state", "=", "queued")], order="id")
        if not queued:
            return
        wizard = queued[0]
        owner = wizard.create_uid
        wizard.with_user(owner).with_context(lang=owner.lang)._kim_run_queued()
        self.env["ir.cron"]._notify_progress(done=1, remaining=len(queued) - 1)

    def _kim_run_queued(self):
        self.ensure_one()
        dry_run = self.queued_dry_run
        progress = self._kim_report_progress
        try:
            problems, counts = self._kim_run(dry_run, progress=progress)
        except UserError as error:
            problems, counts = [("", 0, "", str(error))], {}
        except Exception as error:  # rolled back by _kim_run; not queued again
            _logger.exception("KIM workbook import %s failed", self.id)
            problems, counts = [("", 0, "", str(error))], {}
        self._kim_show(problems, counts, self._kim_state(dry_run, problems))
        if problems:
            message = self.env._(
                "Move in from Excel: %(count)s problems found, nothing was "
                "imported; the dialog lists them (Refresh).",
                count=len(problems),
            )
        elif dry_run:
            message = self.env._(
                "Move in from Excel: the check found no problem, the workbook "
                "can be imported."
            )
        else:
            message = self.env._("Move in from Excel: the workbook was imported.")
        self.env.user._bus_send(
            "simple_notification",
            {
                "type": "warning" if problems else "success",
                "title": self.env._("Move in from Excel"),
                "message": message,
                "sticky": True,
            },
        )

    def action_refresh(self):
        """The dialog again, with the background job's progress."""
        return self._kim_form()

    def action_check(self):
        """X-5: the dry run: every row the import would refuse, and why."""
        return self._kim_start(dry_run=True)

    def action_import(self):
        """X-5: import all rows, or none when any row is refused."""
        return self._kim_start(dry_run=False)
