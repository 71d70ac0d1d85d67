# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
from datetime import date

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kim_case.tools import kim_serialise


def largest_remainder(weights, total, step):
    """Split ``total`` in multiples of ``step`` proportionally to ``weights``
    (largest remainder / Hare-Niemeyer); the parts sum exactly to ``total``.
    Ties go to the earlier key. Returns {key: share}."""
    units = round(total / step)
    weight_sum = sum(weights.values())
    if not weight_sum or units <= 0:
        return dict.fromkeys(weights, 0.0)
    quotas = {k: w * units / weight_sum for k, w in weights.items()}
    floors = {k: int(q) for k, q in quotas.items()}
    rest = units - sum(floors.values())
    order = sorted(
        weights, key=lambda k: (-(quotas[k] - floors[k]), list(weights).index(k))
    )
    for key in order[:rest]:
        floors[key] += 1
    digits = max(0, len(f"{step:.10f}".rstrip("0").split(".")[1]))
    return {k: round(u * step, digits) for k, u in floors.items()}


# technical plausibility bound of one municipality's count (no programme
# figure): far above any NRW municipality, far below the integer column's limit
MAX_FOREIGN_RESIDENTS = 5_000_000


class KimDistributionKey(models.Model):
    """Distribution of the Kreis' Baustein 2 FTE over its municipalities by
    the AZR count of foreign residents at 31 March (C-15)."""

    _name = "kim.distribution.key"
    _description = "KIM Distribution Key"
    _order = "year desc"

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(required=True)
    reference_date = fields.Date(required=True)
    total_fte = fields.Float(
        "Baustein 2 FTE to distribute", digits=(6, 2), required=True
    )
    rounding_step = fields.Float(digits=(4, 2), default=0.01, required=True)
    line_ids = fields.One2many("kim.distribution.key.line", "key_id")
    import_file = fields.Binary("AZR file (CSV)", attachment=False)
    import_filename = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("year_company_uniq", "unique(year, company_id)", "One key per year."),
        (
            "step_positive",
            "CHECK(rounding_step > 0)",
            "The rounding step must be positive.",
        ),
    ]

    @api.depends("year")
    def _compute_name(self):
        for key in self:
            key.name = self.env._("Distribution key %(year)s", year=key.year)

    def _kim_import_azr_csv(self, content):
        """Import ``ags;municipality;foreign_residents`` rows. Every bad row is
        reported and nothing is written unless all rows are valid."""
        self.ensure_one()
        try:
            text = (
                content.decode("utf-8-sig") if isinstance(content, bytes) else content
            )
        except UnicodeDecodeError:
            text = None
        if text is None or "\x00" in text:
            raise UserError(
                self.env._(
                    "The AZR file was not imported:\n%(errors)s",
                    errors=self.env._(
                        'the file is no UTF-8 text (save it as "CSV UTF-8")'
                    ),
                )
            )
        # C-15: two imports of one key at once would both add their lines
        # (twice the FTE); serialised on the key's row
        kim_serialise(self)
        reader = csv.reader(io.StringIO(text), delimiter=";")
        municipalities = self.env["res.partner"].search(
            [("kim_is_municipality", "=", True), ("kim_ags", "!=", False)]
        )
        by_ags = {m.kim_ags: m for m in municipalities}
        errors, lines, seen = [], [], set()
        for lineno, row in enumerate(reader, start=1):
            if not row or not any(cell.strip() for cell in row):
                continue
            if lineno == 1 and not row[0].strip().isdigit():
                continue  # header
            if len(row) < 3:
                errors.append(self.env._("row %(n)s: three columns expected", n=lineno))
                continue
            ags, _name, count = (cell.strip() for cell in row[:3])
            municipality = by_ags.get(ags)
            if not municipality:
                errors.append(
                    self.env._("row %(n)s: unknown AGS %(ags)s", n=lineno, ags=ags[:20])
                )
                continue
            if ags in seen:
                errors.append(
                    self.env._("row %(n)s: AGS %(ags)s twice", n=lineno, ags=ags[:20])
                )
                continue
            if not (count.isascii() and count.isdigit()):
                errors.append(
                    self.env._(
                        "row %(n)s: count %(c)r is not a whole number",
                        n=lineno,
                        c=count[:20],
                    )
                )
                continue
            if int(count) > MAX_FOREIGN_RESIDENTS:
                errors.append(
                    self.env._(
                        "row %(n)s: count %(c)s is implausibly high",
                        n=lineno,
                        c=count[:20],
                    )
                )
                continue
            seen.add(ags)
            lines.append(
                {"municipality_id": municipality.id, "foreign_residents": int(count)}
            )
        if errors:
            raise UserError(
                self.env._(
                    "The AZR file was not imported:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )
        if not lines:
            raise UserError(self.env._("The AZR file contains no rows."))
        self.line_ids = [Command.clear()] + [Command.create(v) for v in lines]
        self.action_compute()
        return True

    def action_import(self):
        self.ensure_one()
        if not self.import_file:
            raise UserError(self.env._("Choose the AZR CSV file first."))
        self._kim_import_azr_csv(base64.b64decode(self.import_file))
        self.import_file = False
        return True

    def action_compute(self):
        kim_serialise(self)
        for key in self:
            shares = largest_remainder(
                {line.id: line.foreign_residents for line in key.line_ids},
                key.total_fte,
                key.rounding_step,
            )
            for line in key.line_ids:
                line.share_fte = shares[line.id]

    def _kim_proposed_amendments(self):
        """Contracts whose forwarded FTE differ from the key (C-15)."""
        self.ensure_one()
        contracts = self.env["kim.forwarding.contract"].search(
            [
                ("recipient_id", "in", self.line_ids.municipality_id.ids),
                ("baustein", "=", "2"),
                ("state", "in", ("signed", "active")),
                ("date_start", "<=", date(self.year, 12, 31)),
                ("date_end", ">=", date(self.year, 1, 1)),
            ]
        )
        by_muni = {line.municipality_id.id: line.share_fte for line in self.line_ids}
        return [
            (c, c.fte, by_muni[c.recipient_id.id])
            for c in contracts
            if abs(c.fte - by_muni[c.recipient_id.id]) > 1e-6
        ]
