# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import datetime, time, timedelta

from odoo import Command
from odoo.exceptions import UserError

from odoo.addons.kim_case.tools import kim_today

from .cases import _mediation

DEMO_REQUESTS = [
    # (topic, authority, state, question, answer or decision)
    ("residence", "abh", "new", "Wie lange ist die Duldung noch gültig?", None),
    (
        "60cd",
        "abh",
        "in_progress",
        "Kommt eine Ausbildungsduldung nach § 60c in Betracht? Ausbildungsvertrag "
        "ab 1. August liegt vor.",
        None,
    ),
    (
        "25b",
        "abh",
        "question",
        "Sind die Voraussetzungen des § 25b AufenthG erfüllt?",
        "Bitte Nachweis über die Sprachkenntnisse (A2) nachreichen.",
    ),
    (
        "naturalisation",
        "ebh",
        "answered",
        "Welche Unterlagen fehlen für den Einbürgerungsantrag?",
        "<p>Es fehlen das Zertifikat des Einbürgerungstests und der "
        "Rentenversicherungsverlauf.</p>",
    ),
    ("25a", "abh", "decided", "Antrag nach § 25a AufenthG gestellt.", "positive"),
    (
        "naturalisation_status",
        "ebh",
        "done",
        "Wie ist der Stand des Einbürgerungsantrags?",
        "<p>Der Antrag ist vollständig und wird bearbeitet.</p>",
    ),
]


def generate(env):
    """German demo: requests to the ABH and EBH Warendorf in every state, a
    case discussion and one request blocked by a missing release (C-10)."""
    if env["kim.abh.request"].search_count([], limit=1):
        return False
    ref = env.ref
    authorities = {
        "abh": ref("kim_demo.partner_demo_abh_warendorf"),
        "ebh": ref("kim_demo.partner_demo_ebh"),
    }
    staff = {
        "abh": ref("kim_demo.user_demo_authority"),
        "ebh": ref("kim_demo.user_demo_ebh"),
    }
    cases = env["kim.case"].search([("is_closed", "=", False)], order="id")
    if len(cases) < len(DEMO_REQUESTS) + 2:
        return False
    categories = env["kim.data.category"].search([])
    today = kim_today(env["kim.abh.request"])
    release_cases = cases[: len(DEMO_REQUESTS) + 1]
    env["kim.consent"].create(
        [
            {
                "partner_id": case.partner_id.id,
                "case_id": case.id,
                "consent_type": "release",
                "recipient_id": authority.id,
                "data_category_ids": [Command.set(categories.ids)],
                "purpose": "Klärung aufenthalts- und "
                "staatsangehörigkeitsrechtlicher Fragen",
                "valid_from": today - timedelta(days=60),
                **_mediation(env, case.partner_id, today - timedelta(days=60)),
                # each signed release is a document of its own
                "document_ids": [
                    Command.create(
                        {
                            "name": "schweigepflichtentbindung.pdf",
                            "datas": base64.b64encode(b"%PDF-1.4 Demo"),
                        }
                    )
                ],
            }
            for case in release_cases
            for authority in authorities.values()
        ]
    )
    for index, (code, key, state, question, result) in enumerate(DEMO_REQUESTS):
        case = cases[index]
        topic = env["kim.abh.topic"].search([("code", "=", code)])
        request = env["kim.abh.request"].create(
            {
                "case_id": case.id,
                "user_id": case.user_id.id,
                "authority_id": authorities[key].id,
                "topic_id": topic.id,
                "question": question,
                "date_request": today - timedelta(days=10 + 5 * index),
            }
        )
        _advance(request, state, result, staff[key])
    discussion_case = release_cases[-1]
    env["kim.abh.request"].create(
        {
            "case_id": discussion_case.id,
            "user_id": discussion_case.user_id.id,
            "authority_id": authorities["abh"].id,
            "topic_id": ref("kim_abh.topic_case_discussion").id,
            "question": "Gemeinsame Fallbesprechung zur Bleibeperspektive.",
            "meeting_start": datetime.combine(today + timedelta(days=7), time(9, 0)),
        }
    )
    Consent = env["kim.consent"]
    needed = ref("kim_abh.topic_residence").data_category_ids
    blocked = cases[len(release_cases) :].filtered(
        lambda case: (
            not Consent._kim_may_transfer(case.partner_id, authorities["abh"], needed)
        )
    )[:1]
    try:
        if blocked:
            Consent._kim_check_transfer(blocked.partner_id, authorities["abh"], needed)
    except UserError as error:
        blocked.message_post(
            body=env._(
                "Request to the foreigners' authority not sent: %(reason)s",
                reason=error.args[0],
            ),
            subtype_xmlid="mail.mt_note",
        )
    return True


def _advance(request, state, result, authority_user):
    """Take ``request`` to ``state`` the way the authority and the case
    manager do, through their own buttons."""
    if state == "new":
        return
    as_authority = request.with_user(authority_user)
    as_authority.action_start()
    if state == "in_progress":
        return
    if state == "question":
        as_authority.authority_question = result
        as_authority.action_ask_back()
        return
    if state == "decided":
        as_authority.decision = result
        as_authority.action_decide()
        return
    as_authority.answer = result
    as_authority.action_answer()
    if state == "done":
        request.with_user(request.user_id).action_done()
