# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""G-6, X-3: German demo families and cases, generated deterministically.

Called once from ``data/kim_case_demo.xml`` through ``kim.demo.generator``.
No randomness: every value follows from the family's position in
``DEMO_FAMILIES``; dates are relative to the day of installation so that the
demo shows cases close to the C-8 auto-close limits, expiring residence
permits and releases whenever it is installed. All persons are fictitious.
"""

import base64

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from odoo.addons.kim_case.tools import kim_today

# a tiny valid PDF standing in for the scanned signed form
DEMO_PDF = base64.b64encode(
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

MUNICIPALITIES = [
    "partner_demo_stadt_ahlen",
    "partner_demo_muni_beckum",
    "partner_demo_muni_beelen",
    "partner_demo_muni_drensteinfurt",
    "partner_demo_muni_ennigerloh",
    "partner_demo_muni_everswinkel",
    "partner_demo_muni_oelde",
    "partner_demo_muni_ostbevern",
    "partner_demo_muni_sassenberg",
    "partner_demo_muni_sendenhorst",
    "partner_demo_muni_telgte",
    "partner_demo_muni_wadersloh",
    "partner_demo_muni_warendorf",
]

# surname, country, languages (first = mediation language), interpreter,
# residence status, benefits, target groups,
# members: (first name, gender, role, birth year) — the applicant first
DEMO_FAMILIES = [
    (
        "Haddad",
        "sy",
        ["ar", "de"],
        True,
        "protection",
        ["sgb2"],
        ["refugees"],
        [
            ("Rania", "female", "applicant", 1987),
            ("Khaled", "male", "partner", 1983),
            ("Lina", "female", "child", 2012),
            ("Omar", "male", "child", 2016),
        ],
    ),
    (
        "Rahimi",
        "af",
        ["prs", "ps"],
        True,
        "asylum_pending",
        ["asylblg"],
        ["refugees", "asylblg_sgb2"],
        [
            ("Ahmad", "male", "applicant", 1979),
            ("Fatima", "female", "partner", 1985),
            ("Zahra", "female", "child", 2010),
        ],
    ),
    (
        "Kovalenko",
        "ua",
        ["uk", "ru"],
        False,
        "temp_protection",
        ["sgb2"],
        [],
        [("Olena", "female", "applicant", 1990), ("Maksym", "male", "child", 2015)],
    ),
    (
        "Popescu",
        "ro",
        ["ro"],
        True,
        "eu",
        ["sgb2", "sgb3"],
        ["eu_new", "see"],
        [("Ion", "male", "applicant", 1984), ("Elena", "female", "partner", 1988)],
    ),
    (
        "Tesfaye",
        "er",
        ["ti", "en"],
        True,
        "protection",
        ["sgb2"],
        ["refugees"],
        [("Senait", "female", "applicant", 1995), ("Dawit", "male", "child", 2019)],
    ),
    (
        "Yılmaz",
        "tr",
        ["tr", "de"],
        False,
        "settlement",
        ["sgb12"],
        [],
        [("Ayşe", "female", "applicant", 1961), ("Mehmet", "male", "partner", 1958)],
    ),
    (
        "Ivanova",
        "bg",
        ["bg", "tr"],
        True,
        "eu",
        ["sgb2"],
        ["eu_new", "see"],
        [
            ("Daniela", "female", "applicant", 1992),
            ("Georgi", "male", "partner", 1990),
            ("Mila", "female", "child", 2014),
            ("Stefan", "male", "child", 2017),
        ],
    ),
    (
        "Hussein",
        "iq",
        ["ar", "kmr"],
        True,
        "duldung",
        ["asylblg"],
        ["chancen"],
        [
            ("Ali", "male", "applicant", 1975),
            ("Nour", "female", "partner", 1980),
            ("Hasan", "male", "child", 2005),
        ],
    ),
    (
        "Ahmadi",
        "af",
        ["fa", "de"],
        False,
        "25a",
        ["sgb2"],
        ["young_adult"],
        [("Samir", "male", "applicant", 2006)],
    ),
    (
        "Mohammed",
        "sy",
        ["ar"],
        True,
        "family",
        ["sgb2"],
        ["refugees"],
        [
            ("Amal", "female", "applicant", 1989),
            ("Yousef", "male", "child", 2011),
            ("Rama", "female", "child", 2013),
        ],
    ),
    (
        "Shevchenko",
        "ua",
        ["uk"],
        True,
        "temp_protection",
        ["sgb2"],
        [],
        [("Iryna", "female", "applicant", 1968), ("Sofiia", "female", "child", 2008)],
    ),
    (
        "Stoica",
        "ro",
        ["ro", "rom"],
        True,
        "eu",
        [],
        ["eu_new", "see", "no_cm"],
        [
            ("Marius", "male", "applicant", 1996),
            ("Andreea", "female", "partner", 1998),
            ("Darius", "male", "child", 2021),
        ],
    ),
    (
        "Ghebremedhin",
        "er",
        ["ti"],
        True,
        "asylum_pending",
        ["asylblg"],
        ["asylblg_sgb2"],
        [("Yonas", "male", "applicant", 1999)],
    ),
    (
        "Demir",
        "tr",
        ["tr", "kmr"],
        True,
        "protection",
        ["sgb2"],
        ["refugees"],
        [("Zeynep", "female", "applicant", 1986), ("Baran", "male", "child", 2009)],
    ),
    (
        "Al-Khatib",
        "sy",
        ["ar", "en"],
        False,
        "protection",
        ["sgb3"],
        [],
        [
            ("Mahmoud", "male", "applicant", 1981),
            ("Hiba", "female", "partner", 1984),
            ("Tarek", "male", "child", 2010),
            ("Salma", "female", "child", 2014),
        ],
    ),
    (
        "Nazari",
        "af",
        ["prs"],
        True,
        "104c",
        ["sgb2"],
        ["chancen"],
        [("Farid", "male", "applicant", 1991), ("Maryam", "female", "partner", 1994)],
    ),
    (
        "Petrov",
        "bg",
        ["bg"],
        True,
        "eu",
        ["sgb2"],
        ["eu_new", "see"],
        [("Nikolai", "male", "applicant", 1977)],
    ),
    (
        "Abdi",
        "so",
        ["so", "ar"],
        True,
        "duldung_training",
        ["sgb3"],
        ["young_adult"],
        [("Hodan", "female", "applicant", 2004)],
    ),
    (
        "Bondarenko",
        "ua",
        ["uk", "ru"],
        False,
        "temp_protection",
        ["sgb2"],
        [],
        [("Viktor", "male", "applicant", 1972), ("Halyna", "female", "partner", 1974)],
    ),
    (
        "Rashid",
        "iq",
        ["ckb", "ar"],
        True,
        "protection",
        ["sgb2", "sgb8"],
        ["refugees"],
        [
            ("Dilan", "female", "applicant", 1993),
            ("Aram", "male", "child", 2015),
            ("Hawre", "male", "child", 2018),
        ],
    ),
    (
        "Constantin",
        "ro",
        ["ro"],
        False,
        "eu",
        ["sgb3"],
        ["eu_new"],
        [("Alina", "female", "applicant", 1987)],
    ),
    (
        "Berhane",
        "er",
        ["ti", "ar"],
        True,
        "protection",
        ["sgb2"],
        ["refugees"],
        [
            ("Mebrat", "female", "applicant", 1983),
            ("Semhar", "female", "child", 2007),
            ("Robel", "male", "child", 2012),
        ],
    ),
    (
        "Karimi",
        "af",
        ["ps", "prs"],
        True,
        "duldung_employment",
        ["sgb2"],
        ["asylblg_sgb2"],
        [("Jawad", "male", "applicant", 1988)],
    ),
    (
        "Kaya",
        "tr",
        ["tr"],
        True,
        "asylum_pending",
        ["asylblg"],
        ["refugees"],
        [("Emre", "male", "applicant", 1994), ("Elif", "female", "partner", 1996)],
    ),
    (
        "Al-Hassan",
        "sy",
        ["ar", "kmr"],
        True,
        "protection",
        ["sgb2"],
        ["refugees"],
        [("Hevin", "female", "applicant", 1997), ("Rojin", "female", "child", 2020)],
    ),
    (
        "Georgieva",
        "bg",
        ["bg", "rom"],
        True,
        "eu",
        [],
        ["eu_new", "see", "no_cm"],
        [("Radka", "female", "applicant", 1985), ("Emil", "male", "child", 2010)],
    ),
    (
        "Melnyk",
        "ua",
        ["uk"],
        False,
        "temp_protection",
        ["sgb12"],
        ["rural"],
        [("Petro", "male", "applicant", 1955), ("Nadiia", "female", "partner", 1957)],
    ),
    (
        "Saleh",
        "iq",
        ["ar"],
        True,
        "25b",
        ["sgb2"],
        [],
        [
            ("Haider", "male", "applicant", 1980),
            ("Zainab", "female", "partner", 1986),
            ("Mustafa", "male", "child", 2009),
        ],
    ),
    (
        "Osman",
        "so",
        ["so"],
        True,
        "protection",
        ["sgb2"],
        ["refugees", "rural"],
        [("Fadumo", "female", "applicant", 1990), ("Abdullahi", "male", "child", 2016)],
    ),
    (
        "Ionescu",
        "ro",
        ["ro", "de"],
        False,
        "work",
        [],
        ["eu_new"],
        [("Cristina", "female", "applicant", 1993)],
    ),
]

STAGES = [
    "stage_intake",
    "stage_assessment",
    "stage_goals",
    "stage_help_plan",
    "stage_linking",
    "stage_monitoring",
    "stage_closed",
]
TYPES = ["case_type_cm", "case_type_process", "case_type_short"]
CHANNELS = ["first_contact", "referral", "self", "warm_handover", "outreach"]
LIFE_DOMAINS = [
    "life_family",
    "life_health",
    "life_migration",
    "life_housing",
    "life_language",
    "life_work",
    "life_livelihood",
    "life_mobility",
    "life_participation",
]
# (channel, what happened): a note always fits its channel
FIRST_MEETING = (
    "in_person",
    "Erstgespräch mit Sprachmittlung, Anliegen und Unterlagen gesichtet.",
)
CONTACT_NOTES = [
    ("phone", "Telefonische Rücksprache zum Stand beim Jobcenter."),
    (
        "outreach",
        "Begleitung zur Ausländerbehörde, Termin zur Verlängerung vereinbart.",
    ),
    ("outreach", "Hausbesuch: Wohnsituation besprochen, Wohnungssuche geplant."),
    (
        "online",
        "Online-Termin: Anmeldung zum Integrationskurs bei der VHS vorbereitet.",
    ),
    ("in_person", "Gemeinsame Durchsicht der Bescheide, Widerspruchsfrist notiert."),
]
# before the first meeting (a case still in intake)
INTAKE_NOTES = [
    (
        "phone",
        "Telefonischer Erstkontakt über die Erstkontaktstelle, Termin für das "
        "Erstgespräch vereinbart.",
    ),
    ("phone", "Unterlagen für das Erstgespräch angefordert, Sprachmittlung bestellt."),
]
CLOSING = (
    "in_person",
    "Abschlussgespräch: erreichte Ziele besprochen, Fall abgeschlossen.",
)
CLOSE_REASONS = [
    "close_reason_goals_reached",
    "close_reason_referred",
    "close_reason_moved",
    "close_reason_client_ended",
]


def address_vals(env, municipality, number):
    """A fictitious address in ``municipality`` (German, for every client)."""
    return {
        "street": f"Musterweg {number}",
        "zip": municipality.zip,
        "city": municipality.city,
        "country_id": env.ref("base.de").id,
        "lang": "de_DE",
    }


def generate(env):
    """G-6, X-3: create ~30 German demo families with cases in all stages
    and constellations over the 13 municipalities, 3 districts and the
    demo case managers. Safe to call again: does nothing the second time."""
    if env.ref("kim_demo.demo_client_01_1", raise_if_not_found=False):
        return False
    env = env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
        )
    )
    ref = env.ref
    today = kim_today(env["kim.case"])
    managers = {
        "ahlen": ref("kim_demo.user_demo_cm_ahlen"),
        "kreis": ref("kim_demo.user_demo_cm_kreis"),
        "caritas": ref("kim_demo.user_demo_cm_caritas"),
    }
    jobcenter = ref("kim_demo.partner_demo_jobcenter")
    abh = ref("kim_demo.partner_demo_abh_warendorf")
    for index, family in enumerate(DEMO_FAMILIES):
        _family(env, index, family, today, managers, jobcenter, abh)
    _special_cases(env, today, managers)
    return True


def _family(env, index, family, today, managers, jobcenter, abh):
    ref = env.ref
    surname, country, langs, interpreter, residence, benefits, groups, members = family
    number = index + 1
    municipality = ref(f"kim_demo.{MUNICIPALITIES[index % 13]}")
    district = municipality.kim_district_id
    if municipality == ref("kim_demo.partner_demo_stadt_ahlen"):
        manager = managers["ahlen"]
    else:
        manager = managers["kreis"] if index % 2 else managers["caritas"]
    languages = [ref(f"kim_case.lang_{code}") for code in langs]
    status = ref(f"kim_case.res_{residence}")
    valid_until = (
        False
        if residence in ("eu", "settlement", "german")
        else today + relativedelta(days=25 + 23 * index)
    )
    persons = env["res.partner"].create(
        [
            {
                "name": f"{first} {surname}",
                "kim_is_client": True,
                "kim_birthdate": fields.Date.to_date(
                    f"{year}-{(number * 5 + pos) % 12 + 1:02d}-"
                    f"{(number * 7 + pos * 3) % 28 + 1:02d}"
                ),
                "kim_gender": gender,
                "kim_nationality_id": ref(f"base.{country}").id,
                "kim_language_ids": [Command.set([lang.id for lang in languages])],
                "kim_needs_interpreter": interpreter and role != "child",
                "kim_interpreter_language_id": (
                    languages[0].id if interpreter and role != "child" else False
                ),
                "kim_residence_status_id": status.id,
                "kim_residence_valid_until": valid_until,
                "kim_entry_date": today - relativedelta(months=8 + 5 * index),
                "kim_benefit_domain_ids": [
                    Command.set([ref(f"kim_case.legal_{b}").id for b in benefits])
                ],
            }
            | address_vals(env, municipality, number)
            for pos, (first, gender, role, year) in enumerate(members)
        ]
    )
    env["ir.model.data"].create(
        [
            {
                "module": "kim_demo",
                "name": f"demo_client_{number:02d}_{pos + 1}",
                "model": "res.partner",
                "res_id": person.id,
                "noupdate": True,
            }
            for pos, person in enumerate(persons)
        ]
    )
    applicant = persons[0]
    stage = ref(f"kim_case.{STAGES[index % 7]}")
    case_type = ref(f"kim_case.{TYPES[index % 3]}")
    first_contact = today - relativedelta(days=60 + 11 * index)
    first_meeting = first_contact + relativedelta(days=5 + index % 10)
    beyond_intake = stage != ref("kim_case.stage_intake")
    if beyond_intake:
        _consents(env, index, applicant, langs, first_meeting, today)
        if index % 4 == 1:
            _release(
                env,
                applicant,
                jobcenter,
                ["master", "benefits", "education"],
                "Abstimmung der Leistungen und der Eingliederungsvereinbarung "
                "mit dem Jobcenter.",
                first_meeting,
                today + relativedelta(days=20 + index) if index < 10 else False,
            )
        if index % 5 == 2:
            _release(
                env,
                applicant,
                abh,
                ["master", "residence"],
                "Klärung der Aufenthaltsperspektive mit der Ausländerbehörde.",
                first_meeting,
                False,
            )
    case = env["kim.case"].create(
        {
            "partner_id": applicant.id,
            "user_id": manager.id,
            "employer_id": manager.kim_employer_id.id,
            "district_id": district.id,
            "municipality_id": municipality.id,
            "type_id": case_type.id,
            "stage_id": (
                stage.id if not stage.is_closed else ref("kim_case.stage_intake").id
            ),
            "channel": CHANNELS[index % 5],
            "channel_partner_id": (
                municipality.id if CHANNELS[index % 5] == "first_contact" else False
            ),
            "first_contact_date": first_contact,
            "first_meeting_date": first_meeting,
            "target_group_ids": [
                Command.set([ref(f"kim_case.tg_{g}").id for g in groups])
            ],
            "crit_complex_problems": beyond_intake,
            "crit_several_domains": beyond_intake,
            "crit_long_term": beyond_intake and case_type.code != "KI",
            "crit_able_to_reflect": beyond_intake,
            "crit_long_term_commitment": beyond_intake,
            "crit_own_resources": beyond_intake,
            "admission_decision": "admitted" if beyond_intake else False,
            "admission_date": first_meeting if beyond_intake else False,
            "member_ids": [
                Command.create({"partner_id": person.id, "role": role})
                for person, (__, __, role, __) in zip(
                    persons[1:], members[1:], strict=True
                )
            ],
        }
    )
    env["ir.model.data"].create(
        {
            "module": "kim_demo",
            "name": f"demo_case_{number:02d}",
            "model": "kim.case",
            "res_id": case.id,
            "noupdate": True,
        }
    )
    _contacts(env, index, case, first_meeting, today, interpreter)
    if stage.is_closed:
        case.action_close(ref(f"kim_case.{CLOSE_REASONS[index % 4]}"))
        case.closed_date = case.last_contact_date
    return case


def _document(env, name):
    return env["ir.attachment"].create(
        {"name": name, "datas": DEMO_PDF, "mimetype": "application/pdf"}
    )


def _interpreter_pool(env):
    """X-4: the Kreis' pool of language mediators who explain documents the
    Kreis has no translation of."""
    pool = env.ref("kim_demo.partner_demo_interpreter_pool", raise_if_not_found=False)
    if pool:
        return pool
    pool = env["res.partner"].create(
        {
            "name": "Sprachmittlerpool Kreis Warendorf",
            "is_company": True,
            "city": "Warendorf",
        }
    )
    env["ir.model.data"].create(
        {
            "module": "kim_demo",
            "name": "partner_demo_interpreter_pool",
            "model": "res.partner",
            "res_id": pool.id,
            "noupdate": True,
        }
    )
    return pool


def _mediation(env, partner, day):
    """X-4: the language mediation of a document explained to ``partner`` on
    ``day`` in their first language other than German (none: German)."""
    language = partner.kim_language_ids.filtered(lambda lang: lang.code != "de")[:1]
    if not language:
        return {}
    return {
        "language_id": language.id,
        "mediator_id": _interpreter_pool(env).id,
        "mediation_language_id": language.id,
        "mediation_date": day,
    }


def _consents(env, index, applicant, langs, signed, today):
    language = env.ref(f"kim_case.lang_{langs[0]}")
    slug = applicant.name.replace(" ", "_")
    # explained in the client's first language; a language mediator of the
    # pool was there whenever it is not German
    mediation = (
        {
            "mediator_id": _interpreter_pool(env).id,
            "mediation_language_id": language.id,
            "mediation_date": signed,
        }
        if langs[0] != "de"
        else {}
    )
    env["kim.consent"].create(
        [
            {
                "partner_id": applicant.id,
                "consent_type": "info_art13",
                "language_id": language.id,
                "date_signed": signed,
                "valid_from": signed,
                # the handed-out sheet, signed for receipt and scanned
                "document_ids": [
                    Command.set(
                        _document(env, f"Datenschutzinformation_{slug}.pdf").ids
                    )
                ],
                **mediation,
            },
            {
                "partner_id": applicant.id,
                "consent_type": "dp_agreement",
                "language_id": language.id,
                "date_signed": signed,
                "valid_from": signed,
                "purpose": "Rechtskreisübergreifendes Case Management im KIM.",
                "document_ids": [
                    Command.set(
                        _document(env, f"Datenschutzvereinbarung_{slug}.pdf").ids
                    )
                ],
                **mediation,
            },
        ]
    )


def _release(env, applicant, recipient, categories, purpose, signed, until):
    slug = applicant.name.replace(" ", "_")
    return env["kim.consent"].create(
        {
            "partner_id": applicant.id,
            "consent_type": "release",
            "recipient_id": recipient.id,
            "data_category_ids": [
                Command.set([env.ref(f"kim_case.dcat_{c}").id for c in categories])
            ],
            "purpose": purpose,
            "date_signed": signed,
            "valid_from": signed,
            "valid_until": until,
            "document_ids": [
                Command.set(_document(env, f"Schweigepflichtentbindung_{slug}.pdf").ids)
            ],
            **_mediation(env, applicant, signed),
        }
    )


def _contacts(env, index, case, first_meeting, today, interpreter):
    """Contacts from the first meeting on; every fifth case had its last
    contact shortly before the C-8 limit of its constellation, closed cases
    some weeks ago, open cases recently."""
    if index % 5 == 4:
        months = case.type_id.inactivity_months or 6
        last = today - relativedelta(months=months) + relativedelta(days=9)
    elif STAGES[index % 7] == "stage_closed":
        last = today - relativedelta(days=45 + 17 * index % 60)
    else:
        last = today - relativedelta(days=2 + 7 * index % 40)
    last = max(last, first_meeting)
    count = 2 + index % 3
    span = (last - first_meeting).days
    dates = [
        first_meeting + relativedelta(days=span * step // (count - 1))
        for step in range(count)
    ]
    stage = STAGES[index % 7]
    if stage == "stage_intake":
        notes = [INTAKE_NOTES[step % len(INTAKE_NOTES)] for step in range(count)]
    else:
        notes = [FIRST_MEETING] + [
            CONTACT_NOTES[(index + step) % len(CONTACT_NOTES)]
            for step in range(1, count)
        ]
        if stage == "stage_closed":
            notes[-1] = CLOSING
    env["kim.case.contact"].create(
        [
            {
                "case_id": case.id,
                "date": day,
                "duration": 0.5 + (index + step) % 4 * 0.5,
                "channel": channel,
                "interpreter_used": interpreter and channel == "in_person",
                "life_domain_ids": [
                    Command.set(
                        [
                            env.ref(f"kim_case.{d}").id
                            for d in (
                                LIFE_DOMAINS[(index + step) % 9],
                                LIFE_DOMAINS[(index + 2 * step + 3) % 9],
                            )
                        ]
                    )
                ],
                "note": note,
                "user_id": case.user_id.id,
            }
            for step, (day, (channel, note)) in enumerate(
                zip(dates, notes, strict=True)
            )
        ]
    )


def _special_cases(env, today, managers):
    """A reactivated case, a family spanning two municipalities with a
    second case manager, and a holiday cover across employers (C-8, C-12)."""
    ref = env.ref
    # reactivated: closed for lack of contact, the client came back
    case = ref("kim_demo.demo_case_14")
    case.action_close(ref("kim_case.close_reason_no_contact"))
    case.action_reactivate()
    case.stage_id = ref("kim_case.stage_assessment")
    # family member who moved: own case manager of another employer
    family = ref("kim_demo.demo_case_08")
    member = family.member_ids.filtered(
        lambda m: m.partner_id == ref("kim_demo.demo_client_08_3")
    )
    member.write(
        {
            "case_manager_id": managers["caritas"].id,
            "municipality_id": ref("kim_demo.partner_demo_muni_telgte").id,
        }
    )
    # holiday cover: the Caritas case manager covers a KI case
    cover = ref("kim_demo.demo_case_02")
    env["kim.case.substitute"].create(
        {
            "case_id": cover.id,
            "user_id": managers["caritas"].id,
            "date_from": today - relativedelta(days=3),
            "date_to": today + relativedelta(days=11),
            "reason": "Urlaubsvertretung",
        }
    )
