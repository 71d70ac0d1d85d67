"""Issue #16 item 4: whether a consent is in force is computed in one place.

``kim.consent._kim_in_force``, ``_kim_in_force_domain`` and
``_kim_in_force_period`` (``addons/kim_case/models/kim_consent.py``) answer
it for every gate, compute, alert, record rule and cron. No other file of the
addons compares, subtracts or filters a consent's dates (``valid_from``,
``valid_until``, ``withdrawn_date``, ``date_signed``) itself: not in Python
(comparisons, date arithmetic, domain leaves, raw SQL on ``kim_consent``) and
not in XML (domains, or view/report expressions comparing them). A model with
date fields of the same names (``kim.abh.readiness.rule``) compares its own:
the class declaring the field is recognised. ``@api.depends`` paths to the
dates are fine (a compute must name what it reads). Searching the consent's
computed ``state`` is fine too: its search is ``_kim_in_force_domain``.
"""

import ast
import re
import textwrap
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ["kim_case", "kim_governance", "kim_funding", "kim_abh"]
HOME = Path("kim_case/models/kim_consent.py")
DATES = {"valid_from", "valid_until", "withdrawn_date", "date_signed"}
DOMAIN_OPERATORS = {
    "=",
    "!=",
    "<",
    ">",
    "<=",
    ">=",
    "in",
    "not in",
    "=?",
    "any",
    "not any",
}
DATE_RE = re.compile(r"\b({})\b".format("|".join(sorted(DATES))))
TABLE_RE = re.compile(r"\bkim_consent\b")
COMPARISON_RE = re.compile(r"[<>]|\bcontext_today\b|\bcurrent_date\b|\btoday\b")
DOMAIN_ATTRIBUTES = {"domain", "filter_domain"}
DOMAIN_FIELDS = {"domain", "domain_force"}
EXPRESSION_ATTRIBUTES = re.compile(
    r"^(t-if|t-elif|t-esc|t-out|t-att-.*|t-attf-.*|invisible|readonly|required|"
    r"column_invisible|decoration-.*)$"
)


def _own_fields(cls):
    """Names the class declares as ``name = fields.X(...)``."""
    own = set()
    for node in cls.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and isinstance(node.value.func.value, ast.Name)
            and node.value.func.value.id == "fields"
        ):
            own.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return own


def _date_attributes(node, own):
    return [
        sub.attr
        for sub in ast.walk(node)
        if isinstance(sub, ast.Attribute) and sub.attr in DATES - own
    ]


def _domain_leaf_field(node):
    """The field path of a domain leaf ``(path, operator, value)``, else None."""
    if not isinstance(node, (ast.Tuple, ast.List)) or len(node.elts) != 3:
        return None
    path, operator = node.elts[0], node.elts[1]
    if (
        isinstance(path, ast.Constant)
        and isinstance(path.value, str)
        and isinstance(operator, ast.Constant)
        and operator.value in DOMAIN_OPERATORS
    ):
        return path.value
    return None


def python_findings(source, name="<sample>"):
    """Lines of ``source`` that compute a consent's validity by hand."""
    tree = ast.parse(source)
    scopes = [(tree, set())]
    scopes += [
        (node, _own_fields(node))
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    findings = set()
    for scope, own in scopes:
        # a class's own nodes only; nested classes are scopes of their own
        nodes = []
        stack = list(ast.iter_child_nodes(scope))
        while stack:
            node = stack.pop()
            if isinstance(node, ast.ClassDef):
                continue
            nodes.append(node)
            stack.extend(ast.iter_child_nodes(node))
        for node in nodes:
            what = None
            if isinstance(node, ast.Compare):
                if attrs := _date_attributes(node, own):
                    what = f"compares {', '.join(sorted(set(attrs)))}"
            elif isinstance(node, ast.BinOp):
                if attrs := [
                    attr
                    for side in (node.left, node.right)
                    for attr in _date_attributes(side, own)
                ]:
                    what = f"date arithmetic on {', '.join(sorted(set(attrs)))}"
            elif (path := _domain_leaf_field(node)) is not None:
                last = path.rsplit(".", 1)[-1]
                if last in DATES and ("." in path or last not in own):
                    what = f"domain on {path}"
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if TABLE_RE.search(node.value) and DATE_RE.search(node.value):
                    what = "SQL on the consent dates"
            if what:
                findings.add(f"{name}:{node.lineno}: {what}")
    return sorted(findings)


def _expressions(path):
    """``(line, kind, text, about_consent)`` of the domains and expressions
    of an XML file; ``about_consent`` when the record is of kim.consent."""
    tree = etree.parse(str(path))
    for record in tree.iter("record", "template"):
        refs = " ".join(
            (field.text or "") + " " + (field.get("ref") or "")
            for field in record.iter("field")
            if field.get("name") in ("model", "res_model", "model_id")
        )
        about_consent = "kim.consent" in refs or "model_kim_consent" in refs
        for element in record.iter():
            if not isinstance(element.tag, str):
                continue
            for attribute, value in element.attrib.items():
                if attribute in DOMAIN_ATTRIBUTES:
                    yield element.sourceline, "domain", value, about_consent
                elif EXPRESSION_ATTRIBUTES.match(attribute):
                    yield element.sourceline, "expression", value, about_consent
            if element.tag == "field" and element.get("name") in DOMAIN_FIELDS:
                text = element.text or element.get("eval") or ""
                yield element.sourceline, "domain", text, about_consent


def xml_findings(path, name=None):
    findings = []
    for line, kind, text, about_consent in _expressions(path):
        if not DATE_RE.search(text):
            continue
        if not (about_consent or "consent" in text):
            continue
        if kind == "domain" or COMPARISON_RE.search(text):
            findings.append(f"{name or path}:{line}: {kind} {text.strip()!r}")
    return findings


def addon_files(suffix):
    for addon in ADDONS:
        for path in sorted((ROOT / "addons" / addon).rglob(f"*{suffix}")):
            relative = path.relative_to(ROOT / "addons")
            if "tests" in relative.parts or relative == HOME:
                continue
            yield path, relative


def test_no_consent_validity_by_hand():
    findings = []
    for path, relative in addon_files(".py"):
        findings += python_findings(path.read_text(encoding="utf-8"), relative)
    for path, relative in addon_files(".xml"):
        findings += xml_findings(path, relative)
    assert not findings, (
        "consent validity computed by hand; ask kim.consent._kim_in_force / "
        "_kim_in_force_domain / _kim_in_force_period instead:\n" + "\n".join(findings)
    )


def test_check_catches_validity_by_hand(tmp_path):
    """The check itself can fail: the hand-made validity of the authority's
    window and of the expiry alert before issue #16 item 4, a raw query, and
    XML domains and expressions; own fields of the same names and
    ``@api.depends`` paths pass."""
    source = textwrap.dedent(
        """
        class KimAbhRequest(models.Model):
            _name = "kim.abh.request"

            @api.depends("release_consent_ids.withdrawn_date")
            def _compute_release_window(self):
                for release in self.release_consent_ids:
                    end = release.withdrawn_date - one_day
                    if end >= release.valid_from:
                        pass

            def _alert(self, today):
                return self.env["kim.consent"].search(
                    [("valid_until", ">=", today), ("withdrawn_date", "=", False)]
                )

            def _count(self):
                self.env.cr.execute(
                    "SELECT count(*) FROM kim_consent WHERE valid_until >= %s"
                )

            def _rule(self):
                return [("partner_id.kim_consent_ids.valid_until", ">=", today)]


        class KimAbhReadinessRule(models.Model):
            _name = "kim.abh.readiness.rule"
            valid_from = fields.Date()
            valid_until = fields.Date()

            def _check(self, day):
                for rule in self:
                    if rule.valid_until and rule.valid_until < rule.valid_from:
                        pass
                return self.search([("valid_from", "<=", day)])
        """
    )
    found = python_findings(source)
    lines = sorted(int(finding.split(":")[1]) for finding in found)
    assert lines == [8, 9, 14, 14, 19, 23], found
    sample = tmp_path / "views.xml"
    sample.write_text(
        textwrap.dedent(
            """\
            <odoo>
                <record id="a" model="ir.actions.act_window">
                    <field name="res_model">kim.consent</field>
                    <field name="domain">[('valid_until', '>=', today)]</field>
                </record>
                <record id="v" model="ir.ui.view">
                    <field name="model">kim.consent</field>
                    <field name="arch" type="xml">
                        <list decoration-danger="valid_until &lt; current_date">
                            <button name="action_withdraw" invisible="withdrawn_date"/>
                        </list>
                    </field>
                </record>
                <record id="r" model="ir.ui.view">
                    <field name="model">kim.abh.readiness.rule</field>
                    <field name="arch" type="xml">
                        <list decoration-muted="valid_until &lt; current_date"/>
                    </field>
                </record>
            </odoo>
            """
        ),
        encoding="utf-8",
    )
    found = xml_findings(sample, "views.xml")
    assert [finding.split(":")[1] for finding in found] == ["4", "9"], found
