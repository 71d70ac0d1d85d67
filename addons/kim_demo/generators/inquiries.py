# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Inquiries of the KIM intake team (C-1) in every stage of the pipeline,
one turned into a case and one closed without a case."""

from dateutil.relativedelta import relativedelta

from odoo.addons.kim_case.tools import kim_today

# contact name, channel, referring organisation, what the person asks for
INQUIRIES = [
    (
        "Amal Nasser",
        "first_contact",
        "partner_demo_muni_oelde",
        "Fragt nach Hilfe bei Wohnungssuche und Kita-Platz.",
    ),
    (
        "Viktor Bondarenko",
        "referral",
        "partner_demo_jobcenter",
        "Vom Jobcenter geschickt: Anerkennung des Berufsabschlusses offen.",
    ),
    (
        "Samira Ahmadi",
        "warm_handover",
        "partner_demo_mbe_caritas",
        "Gemeinsames Erstgespräch mit der MBE gewünscht.",
    ),
    (
        "Goran Petrović",
        "self",
        False,
        "Kommt selbst in die Sprechstunde, mehrere Bescheide unklar.",
    ),
    (
        "Nour Khalil",
        "outreach",
        "partner_demo_muni_beckum",
        "Bei aufsuchender Beratung in der Unterkunft angesprochen.",
    ),
    (
        "Leyla Demir",
        "first_contact",
        "partner_demo_muni_telgte",
        "Einzelfrage zum Integrationskurs, an die VHS verwiesen.",
    ),
    (
        "Ali Haidari",
        "self",
        False,
        "Frage zur Wohnsitzauflage am Telefon beantwortet, kein Fall nötig.",
    ),
]


def generate(env):
    """One inquiry per stage of the intake pipeline, the last open one turned
    into a case, one closed as lost. Does nothing the second time."""
    team = env.ref("kim_case.crm_team_kim_intake")
    Lead = env["crm.lead"].with_context(tracking_disable=True, mail_notrack=True)
    if Lead.with_context(active_test=False).search_count(
        [("team_id", "=", team.id)], limit=1
    ):
        return False
    today = kim_today(Lead)
    stages = env["crm.stage"].search([("team_id", "=", team.id)], order="sequence")
    open_stages = stages.filtered(lambda stage: not stage.is_won and not stage.fold)
    manager = env.ref("kim_demo.user_demo_cm_kreis")
    leads = Lead.create(
        [
            {
                "name": f"Anfrage {name}",
                "contact_name": name,
                "type": "opportunity",
                "team_id": team.id,
                "user_id": manager.id,
                "kim_employer_id": manager.kim_employer_id.id,
                "kim_channel": channel,
                "kim_channel_partner_id": env.ref(f"kim_demo.{referrer}").id
                if referrer
                else False,
                "kim_first_contact_date": today - relativedelta(days=2 + 3 * index),
                "description": text,
                "stage_id": open_stages[index % len(open_stages)].id,
            }
            for index, (name, channel, referrer, text) in enumerate(INQUIRIES)
        ]
    )
    # turned into a case by its case manager: won and linked to its case
    opened = leads[len(open_stages)]
    opened.with_user(manager).action_kim_open_case()
    env["kim.case.contact"].create(
        {
            "case_id": opened.kim_case_id.id,
            "date": opened.kim_first_contact_date,
            "duration": 0.5,
            "channel": "phone",
            "note": "Telefonisches Erstgespräch, Termin mit Sprachmittlung vereinbart.",
            "user_id": manager.id,
        }
    )
    # closed without a case: referred to another service, a single question
    leads[-2].action_set_lost(
        lost_reason_id=env.ref("kim_case.crm_lost_reason_kim_other_service").id
    )
    leads[-1].action_set_lost(
        lost_reason_id=env.ref("kim_case.crm_lost_reason_kim_single_question").id
    )
    return True
