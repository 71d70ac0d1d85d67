# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo walk (issue 15, item 5): every demo role clicks through everything
its menus offer, with the same calls as the web client, on the demo data."""

import contextlib
import io
import re
from functools import partial
from urllib.parse import urlsplit

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import datetime, safe_eval, time

from odoo.addons.kim_case.tests.figures import report_figure
from odoo.addons.web.controllers.utils import clean_action

DEMO_USERS = [
    "kim_demo.user_demo_lead",
    "kim_demo.user_demo_coordination",
    "kim_demo.user_demo_cm_kreis",
    "kim_demo.user_demo_cm_ahlen",
    "kim_demo.user_demo_cm_caritas",
    "kim_demo.user_demo_finance",
    "kim_demo.user_demo_authority",
    "kim_demo.user_demo_steering",
    "kim_demo.user_demo_portal_caritas",
]
# records opened per action: all when fewer, enough to cover every rule branch
MAX_RECORDS = 200
MAX_REPORT_RECORDS = 2
# the portal pages of the KIM addons (kim_funding/controllers/portal.py)
PORTAL_PAGES = ["/my", "/my/home", "/my/kim-contracts"]
PORTAL_CONTRACT_PAGE = "/my/kim-contracts/%d"

# what the web client's field widgets read of a related record (relatedFields)
# and of the record itself (fieldDependencies) in Odoo 18.0
WIDGET_RELATED = {
    "many2many_binary": ["name", "mimetype"],
    "many2many_tags_email": ["display_name", "email"],
    "x2many_buttons": ["display_name"],
}
ACTIVITY_DEPENDENCIES = [
    "activity_exception_decoration",
    "activity_exception_icon",
    "activity_state",
    "activity_summary",
    "activity_type_icon",
    "activity_type_id",
]
WIDGET_DEPENDENCIES = {
    "list_activity": ACTIVITY_DEPENDENCIES,
    "kanban_activity": ACTIVITY_DEPENDENCIES,
    "activity_exception": ["activity_exception_icon"],
    "statusbar_duration": ["duration_tracking"],
    "image": ["write_date"],
    "signature": ["write_date"],
}
# the website's redirect of a page to its language version: /my -> /de/my
LANG_PREFIX = re.compile(r"/[a-z]{2}(?:_[A-Za-z]{2,4})?")
# links to portal pages on /my/home, with or without the language prefix
MY_LINK = re.compile(r'href="(?:/[a-z]{2}(?:_[A-Za-z]{2,4})?)?(/my/[^"?#]*)"')
SQL_LOGGER = "odoo.sql_db"  # a failing query is collected, not logged
# the Apps menu renders module descriptions with docutils, which reports each
# flaw of a (translated) description on stderr and in the log
MODULE_LOGGER = "odoo.addons.base.models.ir_module"


def _field_nodes(node):
    """The ``<field>`` nodes of a view, without those of embedded sub-views."""
    for child in node:
        if not isinstance(child.tag, str) or child.tag == "groupby":
            continue
        if child.tag == "field":
            yield child
        else:
            yield from _field_nodes(child)


def _related_names(node):
    """What a relational widget without a sub-view reads of its records."""
    widget = node.get("widget") or ""
    if widget in WIDGET_RELATED:
        return WIDGET_RELATED[widget]
    if widget.startswith(("many2many_tags", "many2many_avatar", "one2many_avatar")):
        try:
            options = safe_eval(node.get("options") or "{}", {"True": True})
        except Exception:  # options evaluated by the client with the record
            options = {}
        color = options.get("color_field")
        return ["display_name", color] if color else ["display_name"]
    return None


def arch_spec(node, model, models, env):
    """The ``specification`` the web client sends for the view ``node`` of
    ``model`` (web/static/src/model/relational_model/utils.js getFieldsSpec):
    the fields of the view, ``display_name`` of many2one, the fields of the
    embedded list (or kanban) of an x2many, or what its widget reads;
    ``models`` as ``get_views`` returns them."""
    model_fields = models[model]["fields"]
    spec = {}
    for field_node in _field_nodes(node):
        name = field_node.get("name")
        field = model_fields.get(name)
        if not field:
            continue
        invisible = field_node.get("invisible") in ("1", "True")
        entry = spec.setdefault(name, {})
        ftype = field["type"]
        if ftype in ("many2one", "reference"):
            entry.setdefault("fields", {})
            if not invisible:
                entry["fields"]["display_name"] = {}
        elif ftype in ("one2many", "many2many") and not invisible:
            subviews = {
                child.tag: child
                for child in field_node
                if isinstance(child.tag, str) and child.tag in ("list", "kanban")
            }
            mode = (field_node.get("mode") or "").split(",")[0]
            subview = next(
                (
                    subviews[view_type]
                    for view_type in (mode, "list", "kanban")
                    if view_type in subviews
                ),
                None,
            )
            if subview is not None and field["relation"] in models:
                sub = arch_spec(subview, field["relation"], models, env)
            else:
                names = _related_names(field_node)
                sub = {related: {} for related in names} if names else None
            if sub is not None:
                entry.setdefault("fields", {}).update(sub)
        elif ftype == "many2one_reference" and not invisible:
            entry["fields"] = {"display_name": {}}
        for dep in WIDGET_DEPENDENCIES.get(field_node.get("widget"), ()):
            if dep in env[model]._fields:
                spec.setdefault(dep, field_spec(env[model]._fields[dep]))
    return spec


def field_spec(field):
    """The specification of a field the client reads without a view node."""
    return {"fields": {"display_name": {}}} if field.type == "many2one" else {}


def _short(exc):
    """One line of an exception, enough to recognise it in the error list."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:500]}"


@tagged("post_install", "-at_install")
class TestDemoWalk(HttpCase):
    """Issue 15 (5), X-1: every demo role opens every menu it sees, every
    record of those lists in its form and every report offered there, with
    the web client's calls (get_views, web_search_read, web_read with the
    views' field specification); the portal user opens its portal pages.
    Collects every refusal, traceback and non-200 answer and fails with the
    full list."""

    def setUp(self):
        super().setUp()
        self.users = [self.env.ref(xmlid) for xmlid in DEMO_USERS]
        self.errors = []
        self.opened = set()

    # -- helpers -----------------------------------------------------------
    def _error(self, user, where, model, record_id, message):
        self.errors.append(
            f"{user.login} | {where} | {model or '-'} | "
            f"{record_id if record_id else '-'} | {message}"
        )

    def _attempt(self, func):
        """Run ``func`` in a savepoint with a fresh cache (a new request);
        return ``(result, None)`` or ``(None, exception)``."""
        self.env.invalidate_all()
        try:
            with (
                mute_logger(SQL_LOGGER, MODULE_LOGGER),
                contextlib.redirect_stderr(io.StringIO()),
                self.env.cr.savepoint(),
            ):
                return func(), None
        except Exception as exc:  # every failure is a finding
            return None, exc
        finally:
            self.env.invalidate_all()

    def _call(self, user, where, model, label, func):
        """``func()`` as :meth:`_attempt`; a failure is an error of ``label``."""
        result, exc = self._attempt(func)
        if exc:
            self._error(user, where, model, None, f"{label}: {_short(exc)}")
        return result

    def _user_env(self, user):
        """The environment of the web client's requests of ``user``."""
        context = dict(user.with_user(user).context_get())
        context["allowed_company_ids"] = user.company_id.ids
        return self.env(user=user, context=context, su=False)

    def _eval_context(self, env):
        today = fields.Date.context_today(env.user)
        return {
            **env.context,
            "uid": env.uid,
            "context_today": lambda: datetime.datetime.combine(today, datetime.time()),
            "current_date": today.isoformat(),
            "datetime": datetime,
            "time": time,
            "relativedelta": relativedelta,
            "True": True,
            "False": False,
            "None": None,
        }

    def _menus(self, env):
        """The actions of the menus ``env.user`` sees, with their menu path."""
        menus = env["ir.ui.menu"].load_menus(False)
        names = {}

        def path(menu_id):
            if menu_id not in names:
                menu = menus[menu_id]
                parent = menu["parent_id"] and menu["parent_id"][0]
                prefix = path(parent) + " / " if parent in menus else ""
                names[menu_id] = prefix + menu["name"]
            return names[menu_id]

        actions = {}
        for menu_id, menu in menus.items():
            if menu_id != "root" and menu.get("action"):
                actions.setdefault(menu["action"], path(menu_id))
        return actions

    # -- the walk ------------------------------------------------------------
    def _load_action(self, env, action_ref, where):
        """The action of a menu as the web client gets it: a window action
        from /web/action/load, or the window action a server action returns
        (/web/action/run); None for other actions (client, URL)."""
        action_type, action_id = action_ref.split(",")
        if action_type == "ir.actions.act_window":
            Action = env[action_type].sudo().browse(int(action_id))
            return Action._get_action_dict()
        if action_type != "ir.actions.server":
            return None
        run = env[action_type].browse(int(action_id)).run
        result = self._call(env.user, where, action_type, "run", run)
        if not result or result.get("type") != "ir.actions.act_window":
            return None
        return clean_action(result, env)

    def _walk_action(self, env, action_ref, where):
        """One menu: the action, its views, the list, every record in its form
        and the reports it offers. Returns (model, records, report ids)."""
        user = env.user
        action = self._load_action(env, action_ref, where)
        if not action:
            return None
        model = action["res_model"]
        where = f"{where} [{action.get('xml_id') or action_ref}]"
        eval_context = self._eval_context(env)
        try:
            action_context, domain = (
                safe_eval(value, eval_context) if isinstance(value, str) else value
                for value in (action.get("context") or {}, action.get("domain") or [])
            )
        except Exception as exc:
            self._error(user, where, model, None, "action: " + _short(exc))
            return None
        Model = env[model].with_context(
            **{"bin_size": True, **action_context},
        )
        search_view = action.get("search_view_id") or False
        if isinstance(search_view, (list, tuple)):
            search_view = search_view[0]
        views = [*(list(view) for view in action["views"]), [search_view, "search"]]
        options = {"toolbar": True, "load_filters": True, "action_id": action.get("id")}
        result = self._call(
            user, where, model, "get_views", partial(Model.get_views, views, options)
        )
        if not result:
            return None
        archs = {
            view_type: etree.fromstring(view["arch"])
            for view_type, view in result["views"].items()
        }
        specs = {
            view_type: arch_spec(arch, model, result["models"], env)
            for view_type, arch in archs.items()
            if view_type in ("list", "kanban", "form")
        }
        reports = {
            report["id"]
            for view in result["views"].values()
            for report in view.get("toolbar", {}).get("print", [])
        }
        form_spec = specs.get("form")
        if form_spec is not None:
            form_spec.setdefault("display_name", {})
        if Model._transient or action.get("res_id") or action["views"][0][1] == "form":
            # a form opened from the menu: one record, or a new one (wizard)
            if form_spec is not None and action.get("res_id"):
                self._open(env, Model.browse(action["res_id"]), form_spec, where)
            elif form_spec is not None:
                onchange = partial(Model.onchange, {}, [], form_spec)
                self._call(user, where, model, "onchange", onchange)
            return None
        for view_type in ("list", "kanban"):
            if view_type not in specs:
                continue
            # grouped by the action's context or the view, as the client does
            groupby = action_context.get("group_by") or archs[view_type].get(
                "default_group_by"
            )
            if groupby:
                groupby = [groupby] if isinstance(groupby, str) else list(groupby)
                read_group = partial(Model.web_read_group, domain, [], groupby[:1])
                self._call(user, where, model, "web_read_group", read_group)
                name = groupby[0].split(":")[0]
                if name in Model._fields:
                    specs[view_type].setdefault(name, field_spec(Model._fields[name]))
            search_read = partial(
                Model.web_search_read,
                domain,
                specs[view_type],
                limit=action.get("limit") or 80,
            )
            self._call(user, where, model, "web_search_read", search_read)
        search = partial(Model.search, domain, limit=MAX_RECORDS)
        records = self._call(user, where, model, "search", search)
        if not records:
            return None
        records = Model.browse(records.ids)
        if form_spec is not None:
            self._open(env, records, form_spec, where)
        return model, records, reports

    def _open(self, env, records, spec, where):
        """web_read of ``records`` in one call; on failure, halves until the
        failing records are found."""
        _result, exc = self._attempt(lambda: records.web_read(spec))
        if not exc:
            self.opened.update((env.uid, records._name, rid) for rid in records.ids)
        elif len(records) == 1:
            self._error(env.user, where, records._name, records.id, _short(exc))
        else:
            half = len(records) // 2
            self._open(env, records[:half], spec, where)
            self._open(env, records[half:], spec, where)

    def _get(self, user, url, where, model=None, record_id=None, diagnose=None):
        """GET ``url`` as the logged-in ``user``; anything but a 200 of that
        very page (a redirect elsewhere, to the login or to /my) is an error,
        with the exception ``diagnose`` raises when the HTTP answer hides it.
        Only the website's redirect to the language prefix is followed."""
        with mute_logger("odoo.http", SQL_LOGGER):
            response = self.url_open(url, allow_redirects=False, timeout=60)
            location = response.headers.get("Location", "")
            if response.is_redirect and LANG_PREFIX.fullmatch(
                urlsplit(location).path.removesuffix(url)
            ):
                response = self.url_open(location, allow_redirects=False, timeout=60)
        if response.status_code == 200:
            return response
        message = f"GET {url}: HTTP {response.status_code}"
        if response.is_redirect:
            message += " -> " + response.headers.get("Location", "")
        if diagnose:
            _result, exc = self._attempt(diagnose)
            if exc:
                message += " (" + _short(exc) + ")"
        self._error(user, where, model, record_id, message)
        return None

    def _print(self, env, report_id, records, where):
        """A print action of the toolbar, as HTML over HTTP (no wkhtmltopdf)."""
        report = env["ir.actions.report"].sudo().browse(report_id)
        converter = "text" if report.report_type == "qweb-text" else "html"
        if report.report_type not in ("qweb-pdf", "qweb-html", "qweb-text"):
            return
        ids = ",".join(str(rid) for rid in records.ids)
        Report = env["ir.actions.report"]
        self._get(
            env.user,
            f"/report/{converter}/{report.report_name}/{ids}",
            f"{where} / print {report.name}",
            records._name,
            ids,
            diagnose=lambda: Report._render_qweb_html(report.report_name, records.ids),
        )

    def _walk_backend(self, user):
        env = self._user_env(user)
        self.authenticate(user.login, user.login)
        self._get(user, "/odoo", "web client")
        printed = set()
        for action_ref, where in self._menus(env).items():
            walked = self._walk_action(env, action_ref, where)
            if not walked:
                continue
            model, records, reports = walked
            for report_id in reports:
                if records and (model, report_id) not in printed:
                    printed.add((model, report_id))
                    self._print(env, report_id, records[:MAX_REPORT_RECORDS], where)

    def _walk_portal(self, user):
        """The portal pages of the KIM addons and the links on the home page."""
        env = self._user_env(user)
        self.authenticate(user.login, user.login)
        pages = ["/my", "/my/home"]
        home = self._get(user, "/my/home", "portal")
        if home is not None:
            pages += MY_LINK.findall(home.text)
        if "kim.forwarding.contract" in env:  # kim_funding's portal
            pages += PORTAL_PAGES
            contracts = env["kim.forwarding.contract"].search([], limit=MAX_RECORDS)
            pages += [PORTAL_CONTRACT_PAGE % contract.id for contract in contracts]
        for page in dict.fromkeys(pages):
            self._get(user, page, "portal")

    def test_demo_walk(self):
        """Issue 15 (5): no demo role meets an error in what it is offered."""
        for user in self.users:
            if user.share:
                self._walk_portal(user)
            else:
                self._walk_backend(user)
        report_figure("demo_walk_roles", len(self.users))
        report_figure("demo_walk_records", len(self.opened))
        report_figure("demo_walk_errors", len(self.errors))
        if self.errors:
            self.fail(
                f"{len(self.errors)} error(s) in the demo walk "
                "(login | menu [action] | model | record | error):\n"
                + "\n".join(self.errors)
            )
