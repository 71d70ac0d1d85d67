# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Threat scenario 2 (issue #7): portal leakage. Every ``/my`` route of the KIM
addons is found in the routing map (a new route without a row here fails) and
tried without login, with a wrong token, with another organisation's id and
with a leaked (valid) token while logged out."""

import json

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.kim_case.tests.figures import report_figure

from .common import KimFundingCommon

DETAIL = "/my/kim-contracts/<int:contract_id>"
UPLOAD = "/my/kim-contracts/<int:contract_id>/upload"
LISTING = "/my/kim-contracts"
ROUTES = {LISTING, DETAIL, UPLOAD}
SECRET = "Vertrag Stadt Geheim"


@tagged("post_install", "-at_install")
class TestThreatPortal(HttpCase, KimFundingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._welfare_contract()
        cls.other = cls._active_contract(name=SECRET)
        # a token of the other organisation's contract that leaked (e.g. a
        # forwarded notification e-mail)
        cls.leaked = cls.other._portal_ensure_token()
        cls.case_a = cls._case(cls.user_cm_a, cls._client("Klientin Aleph"))

    def _kim_portal_routes(self):
        """Every /my route whose endpoint lives in a KIM addon."""
        routes = set()
        for rule in self.env["ir.http"].routing_map().iter_rules():
            endpoint = getattr(rule.endpoint, "original_endpoint", rule.endpoint)
            module = getattr(endpoint, "__module__", "")
            if rule.rule.startswith("/my") and module.startswith("odoo.addons.kim_"):
                routes.add(rule.rule)
        return routes

    def _url(self, route, contract, query=""):
        return route.replace("<int:contract_id>", str(contract.id)) + query

    def _uploads(self, contract=None):
        domain = [("res_model", "=", "kim.forwarding.contract")]
        if contract:
            domain.append(("res_id", "=", contract.id))
        return self.env["ir.attachment"].search_count(domain)

    def _get(self, route, contract, query=""):
        if route == UPLOAD:
            return self.url_open(
                self._url(route, contract, query),
                data={"csrf_token": http.Request.csrf_token(self)},
                files={"upload": ("vn.pdf", b"%PDF-1.4 fremd", "application/pdf")},
            )
        return self.url_open(self._url(route, contract, query))

    def _refused(self, route, contract, query="", login=None):
        """True when the call shows nothing of the other organisation's
        contract and uploads nothing to it."""
        before = self._uploads(self.other)
        self.authenticate(login, login) if login else self.authenticate(None, None)
        response = self._get(route, contract, query)
        return (
            response.status_code < 500
            and SECRET not in response.text
            and "o_kim_instalments" not in response.text
            and self._uploads(self.other) == before
        )

    def test_every_portal_route_token_scenarios(self):
        """F-10 / X-1: every KIM /my route: no login, a wrong token, another
        organisation's id and a leaked valid token while logged out (and
        while logged in as another organisation) show and change nothing."""
        routes = self._kim_portal_routes()
        self.assertEqual(routes, ROUTES, "KIM portal routes vs. this test")
        portal = self.user_portal.login
        tested = 0
        for route in sorted(routes):
            scenarios = {
                "no login": self._refused(route, self.other),
                "wrong token": self._refused(route, self.other, "?access_token=wrong"),
                "other organisation": self._refused(route, self.other, login=portal),
                "leaked token, logged out": self._refused(
                    route, self.other, f"?access_token={self.leaked}"
                ),
                "leaked token, other organisation": self._refused(
                    route, self.other, f"?access_token={self.leaked}", login=portal
                ),
            }
            if route == LISTING:
                # the listing has no id: logged out it leads to the login;
                # logged in it lists W's contract, not the city's
                self.authenticate(portal, portal)
                listing = self.url_open(LISTING)
                scenarios["own listing"] = (
                    "Vertrag Wohlfahrt Test" in listing.text
                    and SECRET not in listing.text
                )
            self.assertEqual(
                [name for name, ok in scenarios.items() if not ok], [], route
            )
            tested += 1
        report_figure("portal_routes_token_tested", tested, len(routes))
        # the own contract still works for its portal user
        self.authenticate(portal, portal)
        self.assertIn(
            "o_kim_instalments", self.url_open(self._url(DETAIL, self.own)).text
        )

    def test_mail_upload_refused_on_foreign_records(self):
        """F-10 / X-1: the portal's standard upload (``/mail/attachment/upload``,
        Odoo 18 has no ``/portal/attachment/add``) attaches nothing to another
        organisation's contract, not even with its leaked token, and nothing
        to a case."""
        self.authenticate(self.user_portal.login, self.user_portal.login)
        csrf = http.Request.csrf_token(self)
        targets = [
            ("kim.forwarding.contract", self.other.id, {}),
            ("kim.forwarding.contract", self.other.id, {"token": self.leaked}),
            ("kim.case", self.case_a.id, {}),
        ]
        before = self.env["ir.attachment"].search_count([])
        for model, res_id, extra in targets:
            with mute_logger("odoo.http"):
                response = self.url_open(
                    "/mail/attachment/upload",
                    data={
                        "csrf_token": csrf,
                        "thread_id": res_id,
                        "thread_model": model,
                        **extra,
                    },
                    files={"ufile": ("x.pdf", b"%PDF-1.4 x", "application/pdf")},
                )
            with self.subTest(model=model, extra=extra):
                self.assertNotEqual(response.status_code, 200)
        self.assertEqual(self.env["ir.attachment"].search_count([]), before)

    def test_upload_bad_files_refused(self):
        """F-8: the proof-of-use upload refuses .svg, .html, oversized files and
        files whose first bytes are not a PDF's, whatever their name."""
        self.authenticate(self.user_portal.login, self.user_portal.login)
        csrf = http.Request.csrf_token(self)
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        bad = {
            "bild.svg": (svg, "image/svg+xml", "type"),
            "seite.html": (
                b"<html><script>alert(1)</script></html>",
                "text/html",
                "type",
            ),
            "getarnt.pdf": (
                b"<html><script>alert(1)</script></html>",
                "application/pdf",
                "type",
            ),
            "bild.pdf": (svg, "application/pdf", "type"),
            "pdf.html": (b"%PDF-1.4 <script>alert(1)</script>", "text/html", "type"),
            "programm.pdf": (b"MZ\x90\x00", "application/pdf", "type"),
            "gross.pdf": (
                b"%PDF-1.4" + b"0" * (5 * 1024 * 1024),
                "application/pdf",
                "size",
            ),
            "leer.pdf": (b"", "application/pdf", "type"),
        }
        before = self._uploads()
        for name, (content, mimetype, error) in bad.items():
            with self.subTest(name=name):
                response = self.url_open(
                    self._url(UPLOAD, self.own),
                    data={"csrf_token": csrf},
                    files={"upload": (name, content, mimetype)},
                )
                self.assertIn(f"error={error}", response.url)
        self.assertEqual(self._uploads(), before)

    def test_junk_parameters_no_server_error(self):
        """X-1: junk sortby/filterby/page/id parameters never give a server
        error nor another organisation's data."""
        self.authenticate(self.user_portal.login, self.user_portal.login)
        junk = [
            "?sortby=<script>alert(1)</script>&filterby=%00&page=-1",
            "?sortby=name;DROP TABLE kim_grant&filterby=all' OR '1'='1&page=abc",
            "?page=99999999999999999999&sortby=&filterby=",
        ]
        urls = [LISTING + query for query in junk]
        urls += [self._url(DETAIL, self.own, query) for query in junk]
        urls += [
            "/my/kim-contracts/0",
            "/my/kim-contracts/99999999999",
            "/my/kim-contracts/-1",
            "/my/kim-contracts/abc",
            f"/my/kim-contracts/{self.own.id}?error=<script>alert(1)</script>",
        ]
        for url in urls:
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertLess(response.status_code, 500)
                self.assertNotIn(SECRET, response.text)
                self.assertNotIn("<script>alert(1)</script>", response.text)

    def test_rpc_search_read_as_portal(self):
        """X-1 / F-10: RPC search_read on every KIM model as the portal user
        gives W's contract and instalments at most, never another
        organisation's record."""
        self.authenticate(self.user_portal.login, self.user_portal.login)
        allowed = {
            "kim.forwarding.contract": set(self.own.ids),
            "kim.forwarding.instalment": set(self.own.instalment_ids.ids),
        }
        leaks = {}
        models = sorted(
            name
            for name, Model in self.env.registry.items()
            if name.startswith("kim.") and not Model._abstract
        )
        for model in models:
            with mute_logger("odoo.http"):
                response = self.url_open(
                    "/web/dataset/call_kw",
                    data=json.dumps(
                        {
                            "jsonrpc": "2.0",
                            "method": "call",
                            "params": {
                                "model": model,
                                "method": "search_read",
                                "args": [[]],
                                "kwargs": {
                                    "fields": ["id"],
                                    "context": {"active_test": False},
                                },
                            },
                        }
                    ),
                    headers={"Content-Type": "application/json"},
                )
            body = response.json()
            ids = {row["id"] for row in body.get("result", [])}
            if ids - allowed.get(model, set()):
                leaks[model] = len(ids - allowed.get(model, set()))
        self.assertEqual(leaks, {})
        report_figure("foreign_records_leaked", sum(leaks.values()))
