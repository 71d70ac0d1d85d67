# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Baustein 1 part of the German demo: observations, generative themes at
different stages and this year's case reconstructions (C-13, G-4, G-3)."""

from odoo.addons.kim_case.tools import kim_today


def generate(env):
    """Demo (C-13, G-4, G-3): 10 observations on kim_case's demo cases,
    grouped into 3 themes at different stages; 4 reconstructions this year.
    Does nothing without kim_case's demo cases or when already done."""
    ref = env.ref
    if not ref("kim_demo.demo_case_01", raise_if_not_found=False) or ref(
        "kim_demo.theme_demo_sprache", raise_if_not_found=False
    ):
        return False
    cases = [ref(f"kim_demo.demo_case_{n:02d}") for n in range(1, 15)]
    legal = {
        code: ref(f"kim_case.legal_{code}")
        for code in ("sgb2", "sgb3", "aufenthg", "stag", "sgb8")
    }
    rows = [
        (0, "waiting_time", ["sgb2"], "Integrationskurs erst in 9 Monaten frei."),
        (1, "waiting_time", ["sgb2", "sgb3"], "Kein Berufssprachkurs B2 im Kreis."),
        (2, "missing_offer", ["sgb3"], "Kein Kurs mit Kinderbetreuung erreichbar."),
        (
            3,
            "waiting_time",
            ["sgb2"],
            "Wartezeit Sprachkurs verhindert Arbeitsaufnahme.",
        ),
        (
            4,
            "interface_problem",
            ["aufenthg"],
            "Fiktionsbescheinigung fehlt, Jobcenter zahlt nicht.",
        ),
        (
            5,
            "interface_problem",
            ["aufenthg", "sgb2"],
            "Unterlagen doppelt bei ABH und Jobcenter.",
        ),
        (6, "access_barrier", ["stag"], "Einbürgerungsberatung nur in Warendorf."),
        (
            7,
            "interface_problem",
            ["aufenthg"],
            "Termin ABH erst nach Ablauf des Titels.",
        ),
        (
            8,
            "double_structure",
            ["sgb8"],
            "Zwei Beratungsstellen betreuen dieselbe Familie.",
        ),
        (
            9,
            "double_structure",
            ["sgb8", "sgb2"],
            "Parallele Hilfepläne Jugendamt und KIM.",
        ),
    ]
    Observation = env["kim.case.observation"]
    observations = Observation.create(
        [
            {
                "case_id": cases[index].id,
                "category": category,
                "legal_domain_ids": [(6, 0, [legal[c].id for c in codes])],
                "text": text,
                "user_id": cases[index].user_id.id,
            }
            for index, category, codes, text in rows
        ]
    )
    steering = ref("kim_demo.committee_demo_lenkungsgruppe")
    themes = env["kim.generative.theme"].create(
        [
            {
                "name": "Wartezeiten auf Sprachkurse verhindern Arbeitsaufnahme",
                "description": "Vier Fälle in drei Kommunen: Kurse fehlen oder "
                "beginnen erst nach Monaten.",
                "level": "county",
                "committee_id": ref("kim_demo.committee_demo_pg_sprache").id,
                "observation_ids": [(6, 0, observations[:4].ids)],
                "stage": "project_group",
            },
            {
                "name": "Schnittstelle Ausländerbehörde – Jobcenter",
                "description": "Leistungsunterbrechungen wegen fehlender "
                "Bescheinigungen.",
                "level": "county",
                "committee_id": ref("kim_demo.committee_demo_pg_aufenthalt").id,
                "observation_ids": [(6, 0, observations[4:8].ids)],
                "stage": "working_group",
            },
            {
                "name": "Doppelstrukturen in der Familienberatung",
                "level": "local",
                "observation_ids": [(6, 0, observations[8:].ids)],
                "stage": "similar_cases",
            },
        ]
    )
    env["ir.model.data"].create(
        [
            {
                "module": "kim_demo",
                "name": name,
                "model": "kim.generative.theme",
                "res_id": theme.id,
                "noupdate": True,
            }
            for name, theme in zip(
                ("theme_demo_sprache", "theme_demo_abh", "theme_demo_familie"),
                themes,
                strict=True,
            )
        ]
    )
    # the language-course theme goes on to the steering group: a decision
    themes[0].stage = "steering"
    themes[0].decision_id.event_id = False
    themes[0].decision_id.committee_id = steering
    year = kim_today(env["kim.generative.theme"]).year
    Reconstruction = env["kim.case.reconstruction"]
    Reconstruction.create(
        [
            {
                "name": f"Fallrekonstruktion {quarter}/{year}",
                "date": f"{year}-{quarter * 3 - 1:02d}-15",
                "case_ids": [(6, 0, [c.id for c in cases[start : start + 3]])],
                "findings": "<p>Gemeinsame Muster: Wartezeiten und fehlende "
                "Abstimmung zwischen den Diensten.</p>",
                "theme_ids": [(6, 0, themes[quarter % 3].ids)],
            }
            for quarter, start in ((1, 0), (2, 3), (3, 6), (4, 9))
        ]
    )
    return True
