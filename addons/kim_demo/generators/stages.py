# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every demo case carries what its stage implies (issue #16 item 2).

The case manager's work of a stage leaves traces, and the demo shows them:

* every case: contacts (``cases.py``), a note in the chatter;
* from *Assessment* on: Art. 13 information and data-protection agreement
  (``cases.py``) and an assessment of the life domains — a draft in
  *Assessment*, completed with a score for every life domain afterwards;
* from *Goals* on: goals in the client's own words;
* from *Help Plan* on: measures of the help plan with a network partner, each
  covered by a release from confidentiality for that partner (C-7, C-10);
* from *Linking* on: the measures are under way, from *Monitoring* on the
  first are done with a result;
* closed cases: every goal has an outcome, every measure is done;
* open cases: the next step is an activity of the case manager.

``STAGE_NEEDS`` is the rule the repository test checks for every demo case.
"""

from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command

from odoo.addons.kim_case.tools import kim_today

from .cases import LIFE_DOMAINS, STAGES, _release

# the open stages in their order (closed cases carry everything)
STAGE_ORDER = STAGES[:-1]
# what a case in (or beyond) a stage carries; closed cases carry everything
STAGE_NEEDS = {
    "stage_intake": {"contacts", "note", "activity"},
    "stage_assessment": {"admission", "consents", "assessment"},
    "stage_goals": {"assessment_done", "goals"},
    "stage_help_plan": {"measures"},
    "stage_linking": {"measures_running"},
    "stage_monitoring": {"measures_done"},
}
# goal, the client's words, life domain, partner, legal domain, kind of measure
GOALS = [
    (
        "Sprachniveau B1 erreichen",
        "Ich möchte mich beim Arzt und in der Schule allein verständigen.",
        "life_language",
        "partner_demo_vhs",
        "legal_sgb2",
        "referral",
    ),
    (
        "Arbeit oder Ausbildung aufnehmen",
        "Ich will wieder in meinem Beruf arbeiten und eigenes Geld verdienen.",
        "life_work",
        "partner_demo_jobcenter",
        "legal_sgb2",
        "placement",
    ),
    (
        "Aufenthalt dauerhaft sichern",
        "Ich möchte keine Angst mehr vor der nächsten Verlängerung haben.",
        "life_migration",
        "partner_demo_mbe_caritas",
        "legal_aufenthg",
        "accompaniment",
    ),
    (
        "Eigene Wohnung finden",
        "Wir wollen raus aus der Unterkunft, die Kinder brauchen Ruhe zum Lernen.",
        "life_housing",
        "partner_demo_sozialamt",
        "legal_sgb12",
        "accompaniment",
    ),
    (
        "Kita-Platz für das jüngste Kind",
        "Wenn die Kleine in die Kita geht, kann ich den Kurs besuchen.",
        "life_family",
        "partner_demo_jugendamt",
        "legal_sgb8",
        "referral",
    ),
    (
        "Berufsabschluss anerkennen lassen",
        "In meiner Heimat war ich Krankenpfleger, das möchte ich hier auch sein.",
        "life_work",
        "partner_demo_agentur",
        "legal_sgb3",
        "placement",
    ),
]
NOTES = {
    "stage_intake": "Anfrage über die Erstkontaktstelle, Erstgespräch mit "
    "Sprachmittlung vereinbart.",
    "stage_assessment": "Erstgespräch geführt, Lebensbereiche werden gemeinsam "
    "eingeschätzt.",
    "stage_goals": "Einschätzung abgeschlossen, Ziele mit der Familie besprochen.",
    "stage_help_plan": "Hilfeplan vereinbart, Schweigepflichtentbindungen für die "
    "Netzwerkpartner liegen vor.",
    "stage_linking": "Anbindung an Jobcenter, VHS und Migrationsberatung läuft.",
    "stage_monitoring": "Maßnahmen laufen, erste Ergebnisse; Nachsorge vereinbart.",
    "stage_closed": "Fall abgeschlossen, Ergebnisse mit der Klientin/dem Klienten "
    "besprochen.",
}
NEXT_STEPS = {
    "stage_intake": "Erstgespräch führen",
    "stage_assessment": "Einschätzung der Lebensbereiche abschließen",
    "stage_goals": "Ziele schriftlich vereinbaren",
    "stage_help_plan": "Hilfeplan mit den Partnern abstimmen",
    "stage_linking": "Rückmeldung der Partner einholen",
    "stage_monitoring": "Zwischenbilanz mit der Familie",
}


def demo_cases(env):
    """The cases of the demo database, in the order they were created."""
    return env["kim.case"].with_context(active_test=False).search([], order="id")


def stage_key(case):
    """The stage's xmlid name (``stage_goals``) of ``case``."""
    return case.stage_id.get_external_id().get(case.stage_id.id, "").split(".")[-1]


def needs_of(case):
    """What ``case`` must carry in its stage (``STAGE_NEEDS``, cumulative)."""
    if case.is_closed:
        reached = STAGE_ORDER
    else:
        key = stage_key(case)
        reached = STAGE_ORDER[: STAGE_ORDER.index(key) + 1]
    needs = set().union(*(STAGE_NEEDS[stage] for stage in reached))
    if case.is_closed:
        needs = (needs - {"activity"}) | {"outcomes"}
    return needs


def missing_needs(case):
    """The needs of ``case``'s stage it does not meet (names of
    ``STAGE_NEEDS`` plus "outcomes" for closed cases)."""
    Consent = case.env["kim.consent"]
    assessments = case.assessment_ids
    measures = case.measure_ids
    checks = {
        "contacts": bool(case.contact_ids),
        "admission": case.admission_decision == "admitted"
        and bool(case.admission_date),
        "note": bool(
            case.message_ids.filtered(lambda m: m.message_type == "comment" and m.body)
        ),
        "activity": bool(case.activity_ids),
        "consents": all(
            Consent.search_count(
                [
                    ("partner_id", "=", case.partner_id.id),
                    ("consent_type", "=", kind),
                ]
            )
            for kind in ("info_art13", "dp_agreement")
        ),
        "assessment": bool(assessments),
        "assessment_done": any(
            a.state == "done" and all(a.line_ids.mapped("score")) for a in assessments
        ),
        "goals": bool(case.goal_ids)
        and all(goal.client_words for goal in case.goal_ids),
        "measures": bool(measures)
        and all(
            m.kim_partner_org_id
            and Consent._kim_may_transfer(
                case.partner_id, m.kim_partner_org_id, m.kim_data_category_ids
            )
            for m in measures
        ),
        "measures_running": bool(measures),
        "measures_done": any(m.state == "1_done" and m.kim_result for m in measures),
        "outcomes": bool(case.close_reason_id)
        and all(goal.outcome for goal in case.goal_ids),
    }
    return sorted(need for need in needs_of(case) if not checks[need])


def generate(env):
    """Complete every demo case to what its stage implies. Safe to call
    again: a case that already has its traces is left as it is."""
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
    today = kim_today(env["kim.case"])
    for index, case in enumerate(demo_cases(env)):
        _complete(env, index, case, today)
    _appointments(env, today)
    return True


def _appointments(env, today):
    """Issue #21: each demo case manager's day has an appointment today and
    one of yesterday still to be marked held or missed (My day, the event's
    buttons). Safe to call again: a case with an appointment is skipped."""
    tz = pytz.timezone("Europe/Berlin")
    Event = env["calendar.event"].with_context(no_mail_to_attendees=True)
    open_cases = env["kim.case"].search([("is_closed", "=", False)], order="id")
    for user in open_cases.user_id:
        cases = open_cases.filtered(lambda c, user=user: c.user_id == user)[:2]
        for case, day, hour in zip(
            cases, (today, today - relativedelta(days=1)), (10, 14), strict=False
        ):
            if Event.search_count([("kim_case_id", "=", case.id)]):
                continue
            start = tz.localize(datetime.combine(day, time(hour, 0)))
            start = start.astimezone(pytz.utc).replace(tzinfo=None)
            Event.create(
                {
                    "name": f"Beratungsgespräch {case.name}",
                    "start": start,
                    "stop": start + relativedelta(hours=1),
                    "user_id": user.id,
                    "kim_case_id": case.id,
                    "partner_ids": [Command.set(user.partner_id.ids)],
                }
            )


def _complete(env, index, case, today):
    needs = needs_of(case)
    key = "stage_closed" if case.is_closed else stage_key(case)
    start = case.first_meeting_date or case.first_contact_date or today
    if "assessment" in needs and not case.assessment_ids:
        _assessment(env, index, case, start, done="assessment_done" in needs)
    if "goals" in needs and not case.goal_ids:
        _goals(env, index, case, start, needs)
    note = NOTES[key]
    if not case.message_ids.filtered(lambda m: m.body and note in m.body):
        case.message_post(
            body=note,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=case.user_id.partner_id.id,
        )
    if "activity" in needs and not case.activity_ids:
        case.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=today + relativedelta(days=3 + index % 10),
            summary=NEXT_STEPS[key],
            user_id=case.user_id.id,
        )


def _assessment(env, index, case, start, done):
    ref = env.ref
    lines = [
        {
            "life_domain_id": ref(f"kim_case.{domain}").id,
            "situation": "Im Erstgespräch mit Sprachmittlung besprochen.",
            "needs": "Unterstützung erforderlich." if (index + pos) % 3 else "",
            "priority": ("high", "medium", "low")[(index + pos) % 3],
            # a draft has the first domains scored only
            "score": (1 + (index + 2 * pos) % 5) if done or pos < 4 else False,
        }
        for pos, domain in enumerate(LIFE_DOMAINS)
    ]
    assessment = env["kim.case.assessment"].create(
        {
            "case_id": case.id,
            "date": start + relativedelta(days=7),
            "user_id": case.user_id.id,
            "line_ids": [Command.create(line) for line in lines],
        }
    )
    if done:
        assessment.action_done()
    return assessment


def _goals(env, index, case, start, needs):
    ref = env.ref
    count = 2 + index % 2
    # each case its own goals: the list rotates with the case
    chosen = [GOALS[(index + pos) % len(GOALS)] for pos in range(count)]
    outcomes = ("achieved", "partly", "not_achieved")
    goals = env["kim.case.goal"].create(
        [
            {
                "case_id": case.id,
                "sequence": 10 * (pos + 1),
                "name": name,
                "client_words": words,
                "life_domain_id": ref(f"kim_case.{domain}").id,
                "target_date": start + relativedelta(months=6 + pos),
                "outcome": outcomes[(index + pos) % 3] if case.is_closed else False,
                "outcome_date": case.closed_date if case.is_closed else False,
            }
            for pos, (name, words, domain, __, __, __) in enumerate(chosen)
        ]
    )
    if "measures" not in needs:
        return goals
    client = case.partner_id
    for pos, goal in enumerate(goals):
        __, __, __, partner_xmlid, legal, kind = chosen[pos]
        partner = ref(f"kim_demo.{partner_xmlid}")
        if not env["kim.consent"]._kim_may_transfer(
            client, partner, ref("kim_case.dcat_master")
        ):
            _release(
                env,
                client,
                partner,
                ["master"],
                f"Vermittlung und Abstimmung mit {partner.name}.",
                start + relativedelta(days=14),
                False,
            )
        done = case.is_closed or ("measures_done" in needs and pos == 0)
        case.write(
            {
                "measure_ids": [
                    Command.create(
                        {
                            "name": f"{goal.name}: {partner.name}",
                            "kim_goal_id": goal.id,
                            "kim_partner_org_id": partner.id,
                            "kim_legal_domain_id": ref(f"kim_case.{legal}").id,
                            "kim_measure_kind": kind,
                            "date_deadline": start + relativedelta(months=2 + pos),
                            "kim_result": "Termin wahrgenommen, Angebot angenommen."
                            if done
                            else False,
                            "state": "1_done" if done else "01_in_progress",
                        }
                    )
                ]
            }
        )
    return goals
