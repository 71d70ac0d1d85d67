# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Strict checks in front of the OCA CAMT importer (issue #7, bad input).

The OCA parser is lenient (``recover=True``, entities resolved, any camt
version, no IBAN/amount checks, no duplicate detection). Every file is
checked here first, without writing anything; only a file that passes
reaches the OCA importer. After the import, instalment payments and grant
income are reconciled (see ``account.bank.statement.line``)."""

import re
from datetime import date

from lxml import etree
from stdnum import iban as stdnum_iban

from odoo import models
from odoo.exceptions import UserError

CAMT053_NS = re.compile(
    r"^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(0[2-9]|1[0-3])$"
)
# ISO 20022 ActiveOrHistoricCurrencyAndAmount restricted to 2 decimals (EUR)
AMOUNT_RE = re.compile(r"^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ENTRIES = 10000
MAX_TEXT = 140  # ISO 20022 Max140Text (names, remittance information)
DECLARED_ENCODING_RE = re.compile(
    rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']"
)


class AccountStatementImport(models.TransientModel):
    _inherit = "account.statement.import"

    def _parse_file(self, data_file):
        """Refuse anything that is not a clean, plausible CAMT.053 of one of
        the company's bank accounts before the OCA parser sees it."""
        self._kim_check_camt(data_file)
        result = super()._parse_file(data_file)
        self._kim_set_unique_import_ids(result)
        return result

    def _kim_error(self, message, **params):
        return UserError(
            self.env._("Bank statement refused: %(reason)s", reason=message % params)
            if params
            else self.env._("Bank statement refused: %(reason)s", reason=message)
        )

    def _kim_check_camt(self, data):
        _ = self.env._
        if not data:
            raise self._kim_error(_("the file is empty."))
        if len(data) > MAX_FILE_SIZE:
            raise self._kim_error(
                _("the file is larger than %(max)s MB."), max=MAX_FILE_SIZE // 2**20
            )
        if data.startswith(b"PK\x03\x04"):
            raise self._kim_error(
                _("ZIP archives are not accepted; import the XML statement itself.")
            )
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:200]:
            raise self._kim_error(_("the file is not UTF-8 encoded."))
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        declared = DECLARED_ENCODING_RE.match(data)
        if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
            raise self._kim_error(
                _("the file declares the encoding %(enc)s; only UTF-8 is accepted."),
                enc=declared.group(1).decode("ascii", "replace"),
            )
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise self._kim_error(
                _("the file is not UTF-8 encoded (byte %(pos)s)."), pos=exc.start
            ) from exc
        if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
            raise self._kim_error(
                _(
                    "the file contains a document type declaration or entities "
                    "(not allowed for security reasons)."
                )
            )
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            recover=False,
        )
        try:
            root = etree.fromstring(data, parser=parser)
        except etree.XMLSyntaxError as exc:
            raise self._kim_error(
                _("the file is not well-formed XML (line %(line)s)."),
                line=exc.lineno or 0,
            ) from exc
        ns = etree.QName(root).namespace or ""
        if etree.QName(root).localname != "Document" or not CAMT053_NS.match(ns):
            raise self._kim_error(
                _("not a CAMT.053 bank statement (namespace '%(ns)s')."),
                ns=ns[:80],
            )
        nsmap = {"c": ns}
        statements = root.xpath("c:BkToCstmrStmt/c:Stmt", namespaces=nsmap)
        if not root.xpath("c:BkToCstmrStmt/c:GrpHdr/c:MsgId", namespaces=nsmap):
            raise self._kim_error(_("the group header (GrpHdr/MsgId) is missing."))
        if not statements:
            raise self._kim_error(_("the file contains no statement (Stmt)."))
        entries = root.xpath("c:BkToCstmrStmt/c:Stmt/c:Ntry", namespaces=nsmap)
        if not entries:
            raise self._kim_error(_("the file contains no booked entries (Ntry)."))
        if len(entries) > MAX_ENTRIES:
            raise self._kim_error(
                _("the file contains more than %(max)s entries."), max=MAX_ENTRIES
            )
        for stmt in statements:
            self._kim_check_statement(stmt, nsmap)

    def _kim_text(self, node, path, nsmap):
        found = node.xpath(path, namespaces=nsmap)
        if not found:
            return ""
        value = found[0] if isinstance(found[0], str) else found[0].text
        return (value or "").strip()

    def _kim_check_amount(self, node, label, expected):
        """An ``Amt`` node: the journal's currency (EUR), at most 13 digits and
        2 decimals, not negative."""
        _ = self.env._
        text = (node.text or "").strip()
        currency = node.get("Ccy") or ""
        if currency != expected:
            raise self._kim_error(
                _("%(what)s is in currency '%(cur)s', expected %(exp)s."),
                what=label,
                cur=currency[:10],
                exp=expected,
            )
        if not AMOUNT_RE.match(text):
            raise self._kim_error(
                _(
                    "%(what)s has the invalid amount '%(amount)s' (expected a "
                    "positive number with at most 13 digits and 2 decimals)."
                ),
                what=label,
                amount=text[:30],
            )
        return float(text)

    def _kim_check_statement(self, stmt, nsmap):
        _ = self.env._
        stmt_id, journal = self._kim_check_account(stmt, nsmap)
        currency = journal.currency_id or self.env.company.currency_id
        balances = self._kim_check_balances(stmt, stmt_id, currency.name, nsmap)
        total = 0.0
        for index, entry in enumerate(stmt.xpath("c:Ntry", namespaces=nsmap), 1):
            label = _("entry %(n)s of statement %(stmt)s", n=index, stmt=stmt_id)
            total += self._kim_check_entry(entry, label, currency.name, nsmap)
        start = balances.get("OPBD", balances.get("PRCD"))
        end = balances.get("CLBD")
        if (
            start is not None
            and end is not None
            and currency.compare_amounts(start + total, end)
        ):
            raise self._kim_error(
                _(
                    "statement %(stmt)s: opening balance %(start).2f plus the "
                    "entries %(total).2f does not give the closing balance %(end).2f."
                ),
                stmt=stmt_id,
                start=start,
                total=total,
                end=end,
            )

    def _kim_check_account(self, stmt, nsmap):
        """Statement id, IBAN of one of the company's bank journals, currency,
        not imported before. Returns (statement id, journal)."""
        _ = self.env._
        stmt_id = self._kim_text(stmt, "c:Id", nsmap)
        if not stmt_id or len(stmt_id) > 35:
            raise self._kim_error(
                _("a statement has no valid identification (Stmt/Id).")
            )
        account = self._kim_text(stmt, "c:Acct/c:Id/c:IBAN", nsmap)
        if not account or not stdnum_iban.is_valid(account):
            raise self._kim_error(
                _("statement %(stmt)s: '%(iban)s' is not a valid IBAN."),
                stmt=stmt_id,
                iban=account[:40],
            )
        journal = self._kim_journal_for_iban(account)
        if not journal:
            raise self._kim_error(
                _(
                    "statement %(stmt)s: IBAN %(iban)s is not the account of a "
                    "bank journal of %(company)s."
                ),
                stmt=stmt_id,
                iban=account,
                company=self.env.company.name,
            )
        currency = self._kim_text(stmt, "c:Acct/c:Ccy", nsmap)
        expected = (journal.currency_id or self.env.company.currency_id).name
        if currency and currency != expected:
            raise self._kim_error(
                _("statement %(stmt)s: account currency '%(cur)s', expected %(exp)s."),
                stmt=stmt_id,
                cur=currency[:10],
                exp=expected,
            )
        # sudo: duplicate detection counts every statement of the journal
        statements = self.env["account.bank.statement"].sudo()
        domain = [("journal_id", "=", journal.id), ("name", "=", stmt_id)]
        if statements.search_count(domain):
            raise self._kim_error(
                _("statement %(stmt)s has already been imported into %(journal)s."),
                stmt=stmt_id,
                journal=journal.name,
            )
        return stmt_id, journal

    def _kim_check_balances(self, stmt, stmt_id, expected, nsmap):
        """Balances by code (OPBD, PRCD, CLBD, ...), signed."""
        _ = self.env._
        balances = {}
        for bal in stmt.xpath("c:Bal", namespaces=nsmap):
            code = self._kim_text(bal, "c:Tp/c:CdOrPrtry/c:Cd", nsmap)
            amt = bal.xpath("c:Amt", namespaces=nsmap)
            if not amt:
                raise self._kim_error(
                    _("statement %(stmt)s: a balance has no amount."), stmt=stmt_id
                )
            value = self._kim_check_amount(
                amt[0], _("balance %(code)s", code=code[:4]), expected
            )
            sign = self._kim_text(bal, "c:CdtDbtInd", nsmap)
            if sign not in ("CRDT", "DBIT"):
                raise self._kim_error(
                    _(
                        "statement %(stmt)s: balance %(code)s has no "
                        "credit/debit indicator."
                    ),
                    stmt=stmt_id,
                    code=code[:4],
                )
            balances[code] = value if sign == "CRDT" else -value
        return balances

    def _kim_check_entry(self, entry, label, expected, nsmap):
        """One booked entry (Ntry); returns its signed amount."""
        _ = self.env._
        amt = entry.xpath("c:Amt", namespaces=nsmap)
        if len(amt) != 1:
            raise self._kim_error(_("%(what)s has no amount."), what=label)
        value = self._kim_check_amount(amt[0], label, expected)
        if not value:
            raise self._kim_error(_("%(what)s has the amount zero."), what=label)
        sign = self._kim_text(entry, "c:CdtDbtInd", nsmap)
        if sign not in ("CRDT", "DBIT"):
            raise self._kim_error(
                _("%(what)s has no valid credit/debit indicator (CRDT/DBIT)."),
                what=label,
            )
        booked = self._kim_text(entry, "c:BookgDt/c:Dt", nsmap)
        if not self._kim_valid_date(booked):
            raise self._kim_error(
                _("%(what)s has the invalid booking date '%(date)s'."),
                what=label,
                date=booked[:30],
            )
        for tx_amt in entry.xpath(".//c:TxDtls//c:Amt", namespaces=nsmap):
            self._kim_check_amount(tx_amt, label, expected)
        for text_node in entry.xpath(
            ".//c:Ustrd | .//c:Nm | .//c:AddtlNtryInf", namespaces=nsmap
        ):
            if len(text_node.text or "") > MAX_TEXT:
                raise self._kim_error(
                    _("%(what)s has a text longer than %(max)s characters."),
                    what=label,
                    max=MAX_TEXT,
                )
        for iban_node in entry.xpath(".//c:RltdPties//c:IBAN", namespaces=nsmap):
            if not stdnum_iban.is_valid(iban_node.text or ""):
                raise self._kim_error(
                    _("%(what)s: '%(iban)s' is not a valid IBAN."),
                    what=label,
                    iban=(iban_node.text or "")[:40],
                )
        return value if sign == "CRDT" else -value

    def _kim_valid_date(self, text):
        if not DATE_RE.match(text):
            return False
        try:
            date.fromisoformat(text)
        except ValueError:
            return False
        return True

    def _kim_journal_for_iban(self, account):
        sanitized = re.sub(r"\W+", "", account).upper()
        return self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.env.company),
                ("type", "=", "bank"),
                ("bank_account_id.sanitized_acc_number", "=", sanitized),
            ],
            limit=1,
        )

    def _kim_set_unique_import_ids(self, result):
        """The OCA CAMT parser sets no unique_import_id; without it a line could
        be imported twice (e.g. in overlapping statements)."""
        parsed = result if isinstance(result, list) else [result]
        for item in parsed:
            if not isinstance(item, tuple) or len(item) != 3:
                continue
            for stmt in item[2]:
                for index, line in enumerate(stmt.get("transactions", []), 1):
                    if not line.get("unique_import_id"):
                        line["unique_import_id"] = f"{stmt.get('name')}-{index}"

    def _import_file(self):
        result = super()._import_file()
        statements = self.env["account.bank.statement"].browse(result["statement_ids"])
        statements.line_ids._kim_reconcile_funding()
        return result
