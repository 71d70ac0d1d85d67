# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Synthetic German KIM data in batches through the ORM (issue #8).

Deterministic (seeded ``random.Random``), fictitious persons. Spread over the 13
municipalities, 3 districts and 3 employers of the demo Kreis Warendorf
(the kim_demo records). Used by ``tools/bench``; the curated demo of
``cases.py`` shares its catalogues. Every model is created with ``create`` on lists.

``grow(env, target)`` adds cases until the database holds ``target`` bench
cases; the case creation itself (with chatter) is timed per batch for R1.
"""

import base64
import random
import time
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, sql_db

from odoo.addons.kim_case.tools import kim_today

from .cases import (
    CHANNELS,
    CLOSE_REASONS,
    CONTACT_NOTES,
    LIFE_DOMAINS,
    MUNICIPALITIES,
    TYPES,
    address_vals,
)

BATCH = 500
EMPLOYERS = [
    "partner_demo_ki_warendorf",
    "partner_demo_stadt_ahlen",
    "partner_demo_caritas",
]
STAGES = [
    ("stage_intake", 12),
    ("stage_assessment", 14),
    ("stage_goals", 10),
    ("stage_help_plan", 12),
    ("stage_linking", 10),
    ("stage_monitoring", 14),
    ("stage_closed", 28),
]
# surname, nationality, languages, residence status, benefits
ORIGINS = [
    ("Haddad", "sy", ["ar"], "protection", ["sgb2"]),
    ("Rahimi", "af", ["prs", "ps"], "asylum_pending", ["asylblg"]),
    ("Kovalenko", "ua", ["uk", "ru"], "temp_protection", ["sgb2"]),
    ("Popescu", "ro", ["ro"], "eu", ["sgb2", "sgb3"]),
    ("Tesfaye", "er", ["ti"], "protection", ["sgb2"]),
    ("Yılmaz", "tr", ["tr"], "settlement", ["sgb12"]),
    ("Ivanova", "bg", ["bg"], "eu", ["sgb2"]),
    ("Nowak", "pl", ["pl"], "eu", []),
    ("Hassan", "iq", ["ar", "kmr"], "protection", ["sgb2"]),
    ("Osei", "gh", ["en"], "work", []),
    ("Mahmoud", "sy", ["ar"], "protection", ["sgb2"]),
    ("Shevchenko", "ua", ["uk"], "temp_protection", ["sgb2"]),
]
FIRST_NAMES = {
    "female": ["Rania", "Fatima", "Olena", "Elena", "Senait", "Ayşe", "Lina", "Maria"],
    "male": ["Khaled", "Ahmad", "Ion", "Dawit", "Mehmet", "Omar", "Maksym", "Yusuf"],
}
GOALS = [
    "Eigene Wohnung in der Gemeinde finden",
    "Sprachniveau B1 erreichen",
    "Anerkennung des Berufsabschlusses beantragen",
    "Aufenthaltstitel verlängern",
    "Kita-Platz für das jüngste Kind sichern",
]
PDF = base64.b64encode(b"%PDF-1.4 Bench signed form\n%%EOF\n")


def vacuum(env):
    """``VACUUM ANALYZE`` as autovacuum does in production: fresh planner
    statistics, visibility maps for index-only scans and no dead rows left by
    the scenarios that roll back. Autovacuum is off on some machines (this
    workplace's PostgreSQL among them), so the bench does it itself, after
    committing (Odoo's repeatable-read transaction would keep the dead rows)."""
    env.cr.commit()
    with sql_db.db_connect(env.cr.dbname).cursor() as cr:
        cr._cnx.autocommit = True  # pylint: disable=protected-access
        cr.execute("VACUUM ANALYZE")


class Generator:
    """Grows the bench data set; keeps the reference records it needs."""

    def __init__(self, env, seed=8):
        self.env = env(
            context=dict(env.context, mail_auto_subscribe_no_notify=True, lang="de_DE")
        )
        self.rnd = random.Random(seed)
        ref = self.env.ref
        self.today = kim_today(self.env["kim.case"])
        self.municipalities = [ref(f"kim_demo.{m}") for m in MUNICIPALITIES]
        self.employers = [ref(f"kim_demo.{e}") for e in EMPLOYERS]
        self.stages = [(ref(f"kim_case.{s}"), w) for s, w in STAGES]
        self.stage_closed = ref("kim_case.stage_closed")
        self.types = [ref(f"kim_case.{t}") for t in TYPES]
        self.life_domains = [ref(f"kim_case.{d}") for d in LIFE_DOMAINS]
        self.close_reasons = [ref(f"kim_case.{r}") for r in CLOSE_REASONS]
        self.abh = ref("kim_demo.partner_demo_abh_warendorf")
        self.topic = ref("kim_abh.topic_residence")
        self.legal_domain = ref("kim_case.legal_sgb2")
        self.lang_de = ref("kim_case.lang_de")
        self.managers = self.env["res.users"]
        self.case_timings = []  # (size level, batch size, seconds) for R1
        self.doc = self.env["ir.attachment"].create(
            {"name": "Unterschrift_Bench.pdf", "datas": PDF}
        )

    # ------------------------------------------------------------- people
    def ensure_managers(self, count):
        """One case manager per ~250 cases, spread over the three employers."""
        group = self.env.ref("kim_case.group_kim_case_manager")
        existing = self.env["res.users"].search([("login", "=like", "bench.cm.%")])
        vals = []
        for index in range(len(existing), count):
            employer = self.employers[index % 3]
            vals.append(
                {
                    "name": f"Bench Case Management {index + 1:04d}",
                    "login": f"bench.cm.{index + 1:04d}",
                    "kim_employer_id": employer.id,
                    "groups_id": [
                        Command.set([self.env.ref("base.group_user").id, group.id])
                    ],
                }
            )
        if vals:
            existing |= (
                self.env["res.users"].with_context(no_reset_password=True).create(vals)
            )
        self.managers = existing
        return existing

    def _person_vals(self, origin, first, gender, birth, municipality, number):
        surname, country, langs, residence, benefits = origin
        ref = self.env.ref
        temporary = residence not in ("eu", "settlement", "work")
        return {
            "name": f"{first} {surname}",
            "kim_is_client": True,
            "kim_birthdate": birth,
            "kim_gender": gender,
            "kim_nationality_id": ref(f"base.{country}").id,
            "kim_language_ids": [
                Command.set([ref(f"kim_case.lang_{c}").id for c in langs])
            ],
            "kim_residence_status_id": ref(f"kim_case.res_{residence}").id,
            "kim_residence_valid_until": (
                self.today + timedelta(days=number % 700) if temporary else False
            ),
            "kim_entry_date": birth + relativedelta(years=20 + number % 15),
            "kim_benefit_domain_ids": [
                Command.set([ref(f"kim_case.legal_{b}").id for b in benefits])
            ],
        } | address_vals(self.env, municipality, number % 200 + 1)

    # -------------------------------------------------------------- cases
    def grow(self, target, level):
        """Create cases until ``target`` bench cases exist."""
        Case = self.env["kim.case"]
        have = Case.with_context(active_test=False).search_count(
            [("name", "=like", "BENCH-%")]
        )
        self.ensure_managers(max(6, target // 250))
        started = time.perf_counter()
        while have < target:
            size = min(BATCH, target - have)
            self._batch(have, size, level)
            have += size
            # bench only (never in a request): each batch of 500 is kept, so
            # a long 100k run can be resumed and the measurements see
            # committed rows as production does
            self.env.cr.commit()  # pylint: disable=invalid-commit
        vacuum(self.env)
        return time.perf_counter() - started

    def _batch(self, offset, size, level):
        rnd, env = self.rnd, self.env
        plan = []
        person_vals = []
        for pos in range(size):
            number = offset + pos + 1
            origin = ORIGINS[rnd.randrange(len(ORIGINS))]
            municipality = self.municipalities[number % 13]
            members = 1 + rnd.randrange(4)
            first_birth = date(1960 + rnd.randrange(40), 1 + rnd.randrange(12), 1)
            first = person_vals.__len__()
            for member in range(members):
                gender = "female" if (number + member) % 2 else "male"
                birth = (
                    first_birth
                    if not member
                    else first_birth + relativedelta(years=member * 6)
                )
                name = FIRST_NAMES[gender][(number + member) % 8]
                person_vals.append(
                    self._person_vals(origin, name, gender, birth, municipality, number)
                )
            stage = rnd.choices(
                [s for s, _w in self.stages], [w for _s, w in self.stages]
            )[0]
            plan.append(
                {
                    "number": number,
                    "first": first,
                    "members": members,
                    "municipality": municipality,
                    "stage": stage,
                    "type": self.types[number % 3],
                    "manager": self.managers[number % len(self.managers)],
                    "first_contact": self.today
                    - timedelta(days=20 + rnd.randrange(3 * 365)),
                }
            )
        persons = env["res.partner"].create(person_vals)
        # consents for every case beyond intake (C-10: dp agreement first)
        consents = []
        for item in plan:
            applicant = persons[item["first"]]
            item["applicant"] = applicant
            item["persons"] = persons[item["first"] : item["first"] + item["members"]]
            signed = item["first_contact"] + timedelta(days=3)
            item["signed"] = signed
            if item["stage"] != self.stages[0][0]:
                for ctype in ("info_art13", "dp_agreement"):
                    consents.append(
                        {
                            "partner_id": applicant.id,
                            "consent_type": ctype,
                            "date_signed": signed,
                            "valid_from": signed,
                            "purpose": "Rechtskreisübergreifendes Case Management.",
                            "document_ids": [Command.set(self.doc.ids)],
                            # synthetic scale data: explained in German
                            "language_id": self.lang_de.id,
                        }
                    )
            if item["number"] % 12 == 5:  # release for the foreigners' authority
                item["abh_request"] = True
                consents.append(
                    {
                        "partner_id": applicant.id,
                        "consent_type": "release",
                        "recipient_id": self.abh.id,
                        "data_category_ids": [
                            Command.set(self.topic.data_category_ids.ids)
                        ],
                        "purpose": "Klärung der Aufenthaltsperspektive.",
                        "date_signed": signed,
                        "valid_from": signed,
                        "document_ids": [Command.set(self.doc.ids)],
                        "language_id": self.lang_de.id,
                    }
                )
        env["kim.consent"].with_context(tracking_disable=True).create(consents)
        # the cases themselves, with chatter (timed: R1)
        case_vals = []
        for item in plan:
            stage = item["stage"]
            open_stage = stage if not stage.is_closed else self.stages[0][0]
            manager = item["manager"]
            case_vals.append(
                {
                    "name": f"BENCH-{item['number']:06d}",
                    "partner_id": item["applicant"].id,
                    "user_id": manager.id,
                    "employer_id": manager.kim_employer_id.id,
                    "municipality_id": item["municipality"].id,
                    "district_id": item["municipality"].kim_district_id.id,
                    "type_id": item["type"].id,
                    "stage_id": open_stage.id,
                    "channel": CHANNELS[item["number"] % 5],
                    "first_contact_date": item["first_contact"],
                    "first_meeting_date": item["signed"],
                    "admission_decision": (
                        "admitted" if stage != self.stages[0][0] else False
                    ),
                    "member_ids": [
                        Command.create(
                            {
                                "partner_id": person.id,
                                "role": "child" if pos > 1 else "partner",
                            }
                        )
                        for pos, person in enumerate(item["persons"][1:], 1)
                    ],
                }
            )
        started = time.perf_counter()
        cases = env["kim.case"].create(case_vals)
        env.flush_all()
        self.case_timings.append((level, size, time.perf_counter() - started))
        for item, case in zip(plan, cases, strict=True):
            item["case"] = case
        self._contacts(plan)
        self._help_plan(plan)
        self._requests(plan)
        self._close(plan)
        env.flush_all()
        env.invalidate_all()

    def _contacts(self, plan):
        vals = []
        for item in plan:
            rnd = self.rnd
            start = item["signed"]
            # one in eight open cases has been silent for a long time (C-8)
            silent = item["number"] % 8 == 3
            end = (
                start + timedelta(days=5)
                if silent
                else max(start, self.today - timedelta(days=rnd.randrange(60)))
            )
            count = 2 + item["number"] % 3
            span = (end - start).days
            for step in range(count):
                vals.append(
                    {
                        "case_id": item["case"].id,
                        "date": start + timedelta(days=span * step // (count - 1)),
                        "duration": 0.5 + step % 3 * 0.5,
                        "channel": CONTACT_NOTES[(item["number"] + step) % 5][0],
                        "interpreter_used": step % 2 == 0,
                        "life_domain_ids": [
                            Command.set(
                                [self.life_domains[(item["number"] + step) % 9].id]
                            )
                        ],
                        "note": CONTACT_NOTES[(item["number"] + step) % 5][1],
                        "user_id": item["manager"].id,
                    }
                )
        self.env["kim.case.contact"].create(vals)

    def _stage_index(self, stage):
        return [s for s, _w in self.stages].index(stage)

    def _help_plan(self, plan):
        assessments, goals = [], []
        for item in plan:
            index = self._stage_index(item["stage"])
            if index >= 1:
                assessments.append(
                    {
                        "case_id": item["case"].id,
                        "date": item["signed"] + timedelta(days=7),
                        "line_ids": [
                            Command.create(
                                {
                                    "life_domain_id": domain.id,
                                    "score": 1 + (item["number"] + pos) % 5,
                                    "needs": "Unterstützung bei Anträgen."
                                    if pos % 2
                                    else False,
                                }
                            )
                            for pos, domain in enumerate(
                                self.life_domains[item["number"] % 5 :][:3]
                            )
                        ],
                    }
                )
            if index >= 2:
                for pos in range(2):
                    goals.append(
                        {
                            "case_id": item["case"].id,
                            "name": GOALS[(item["number"] + pos) % 5],
                            "target_date": item["signed"] + timedelta(days=180),
                            "life_domain_id": self.life_domains[
                                (item["number"] + pos) % 9
                            ].id,
                        }
                    )
        self.env["kim.case.assessment"].create(assessments)
        goal_records = self.env["kim.case.goal"].create(goals)
        measures = [
            {
                "name": f"Maßnahme: {goal.name}",
                "kim_case_id": goal.case_id.id,
                "kim_goal_id": goal.id,
                "kim_legal_domain_id": self.legal_domain.id,
                "user_ids": [Command.set(goal.case_id.user_id.ids)],
            }
            for goal in goal_records
            if self._stage_index(goal.case_id.stage_id) >= 3 or goal.case_id.is_closed
        ]
        self.env["project.task"].with_context(tracking_disable=True).create(measures)

    def _requests(self, plan):
        vals = [
            {
                "case_id": item["case"].id,
                "user_id": item["manager"].id,
                "authority_id": self.abh.id,
                "topic_id": self.topic.id,
                "question": "Ist eine Verlängerung der Aufenthaltserlaubnis möglich?",
                "date_request": self.today - timedelta(days=item["number"] % 30),
            }
            for item in plan
            if item.get("abh_request")
        ]
        self.env["kim.abh.request"].with_context(tracking_disable=True).create(vals)

    def _close(self, plan):
        closing = [item for item in plan if item["stage"].is_closed]
        by_reason = {}
        for item in closing:
            reason = self.close_reasons[item["number"] % 4]
            by_reason.setdefault(reason, self.env["kim.case"])
            by_reason[reason] |= item["case"]
        for reason, cases in by_reason.items():
            cases.with_context(tracking_disable=True).action_close(reason)

    # ------------------------------------------------------------- funding
    def ensure_contracts(self, count):
        """Forwarding contracts of the municipalities and welfare providers."""
        Contract = self.env["kim.forwarding.contract"]
        have = Contract.search_count([("name", "=like", "Bench-Weiterleitung %")])
        grant = self.env.ref("kim_demo.grant_demo_b2_2026")
        recipients = [(m, "municipality") for m in self.municipalities[:6]] + [
            (self.env.ref("kim_demo.partner_demo_caritas"), "welfare")
        ]
        vals = []
        for index in range(have, count):
            recipient, rtype = recipients[index % len(recipients)]
            vals.append(
                {
                    "name": f"Bench-Weiterleitung {index + 1:05d}",
                    "grant_id": grant.id,
                    "recipient_id": recipient.id,
                    "recipient_type": rtype,
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 12, 31),
                    "fte": 0.5,
                    "amount": 35000.0,
                    "instalment_count": "4",
                }
            )
        Contract.with_context(tracking_disable=True).create(vals)
        self.env.cr.commit()  # pylint: disable=invalid-commit
