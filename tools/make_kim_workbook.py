#!/usr/bin/env python3
# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-5: writes the KIM workbook template and the demo workbook of 500 cases.

    python3 tools/make_kim_workbook.py

- ``addons/kim_case/static/xlsx/kim_arbeitsmappe_vorlage.xlsx``: the template
  offered in the import dialogs (headers and three example rows per sheet)
- ``data/import/kim_arbeitsmappe_demo_500.xlsx``: an interim tracking sheet of
  a Kreis with 500 cases of invented people (deterministic: same file on every
  run), imported by ``kim_case``'s test ``TestWorkbookImport``

The column headers come from the importer itself (``SHEETS``), so template
and importer cannot drift apart.
"""

import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]

CASE_MANAGERS = [
    ("Aylin Demir", "Kommunales Integrationszentrum Kreis Warendorf", "Südkreis"),
    ("Jonas Wagner", "Stadt Ahlen", "Ahlen"),
    ("Maria Schulte", "Caritasverband für den Kreis Warendorf e. V.", "Nordkreis"),
]
MUNICIPALITIES = {
    "Südkreis": ["Stadt Beckum", "Stadt Oelde"],
    "Ahlen": ["Stadt Ahlen"],
    "Nordkreis": ["Stadt Warendorf", "Gemeinde Everswinkel"],
}
ORIGINS = [
    # nationality, languages, first names (f), first names (m), family names
    (
        "Syrien",
        ["Arabisch"],
        ["Layla", "Rania", "Amira", "Nour", "Hiba"],
        ["Ahmad", "Omar", "Khaled", "Yusuf", "Samer"],
        ["Sabbagh", "Haddad", "Khalil", "Nasser", "Darwish", "Rahman"],
    ),
    (
        "Afghanistan",
        ["Dari", "Paschtu"],
        ["Mariam", "Zahra", "Fereshta", "Parwana"],
        ["Mohammad", "Ali", "Farid", "Jawad"],
        ["Sadiq", "Ahmadi", "Karimi", "Noori", "Haidari"],
    ),
    (
        "Ukraine",
        ["Ukrainisch", "Russisch"],
        ["Tetiana", "Olena", "Iryna", "Natalia", "Oksana"],
        ["Andrii", "Dmytro", "Serhii", "Oleksandr"],
        ["Hrytsenko", "Kovalenko", "Bondarenko", "Shevchenko", "Melnyk"],
    ),
    (
        "Rumänien",
        ["Rumänisch"],
        ["Ioana", "Elena", "Mihaela", "Andreea"],
        ["Vasile", "Ion", "Mihai", "Florin"],
        ["Munteanu", "Popescu", "Ionescu", "Dumitru"],
    ),
    (
        "Bulgarien",
        ["Bulgarisch", "Türkisch"],
        ["Desislava", "Ayshe", "Radka"],
        ["Georgi", "Mehmed", "Stoyan"],
        ["Petrova", "Ivanov", "Hasanov", "Dimitrov"],
    ),
    (
        "Irak",
        ["Kurmandschi (Kurdisch)", "Arabisch"],
        ["Nadia", "Shirin", "Berivan"],
        ["Dilshad", "Kawa", "Rebwar"],
        ["Barzani", "Hassan", "Murad"],
    ),
]
RESIDENCE = {
    "Syrien": "Aufenthaltserlaubnis (Flüchtlings-/subsidiärer Schutz)",
    "Afghanistan": "Aufenthaltsgestattung",
    "Ukraine": "Vorübergehender Schutz",
    "Rumänien": "EU-Freizügigkeit",
    "Bulgarien": "EU-Freizügigkeit",
    "Irak": "Duldung",
}
TARGET_GROUPS = {
    "Syrien": "Geflüchtete",
    "Afghanistan": "Wechsel vom AsylbLG ins SGB II",
    "Ukraine": "Geflüchtete",
    "Rumänien": "Zugewanderte aus Südosteuropa",
    "Bulgarien": "Neuzugewanderte EU-Bürger/innen",
    "Irak": "Chancen-Aufenthaltsrecht (§ 104c AufenthG)",
}
TYPES = ["Case Management"] * 6 + ["Prozessbegleitung"] * 3 + ["Kurzintervention"]
CHANNELS = [
    "Erstanlaufstelle einer Kommune",
    "Verweisung durch einen Partner",
    "Selbstmeldung",
    "Informationsveranstaltung",
]
GOALS = [
    ("Deutschkurs B1 abschließen", "Sprache"),
    ("Eigene Wohnung finden", "Wohnen"),
    ("Anerkennung des Berufsabschlusses beantragen", "Beruf/Bildung"),
    ("Kita-Platz für die Kinder", "Persönliche und familiäre Situation"),
    ("Hausärztliche Versorgung sichern", "Gesundheit"),
    ("Leistungen nach SGB II klären", "Lebensunterhalt"),
    ("Aufenthaltstitel verlängern", "Migrationsdaten"),
    ("Führerschein umschreiben", "Mobilität"),
    ("Sportverein für den Sohn finden", "Soziale und kulturelle Teilhabe"),
]
STREETS = ["Musterweg", "Beispielstraße", "Am Testhof", "Probegasse", "Lindenallee"]
TODAY = date(2026, 11, 30)


def _sheets():
    """The importer's sheet specification (column headers)."""
    import odoo.addons

    odoo.addons.__path__.append(str(ROOT / "addons"))
    from odoo.addons.kim_case.wizards.kim_case_import import SHEETS

    return SHEETS


def demo_rows(cases=500, seed=2026):
    """The rows of the demo workbook per sheet, as ``{sheet: [dict]}``."""
    rnd = random.Random(seed)
    rows = {
        s: []
        for s in (
            "Klienten",
            "Fälle",
            "Familien",
            "Kontakte",
            "Ziele",
            "Einwilligungen",
        )
    }
    client_no = 0

    def new_client(origin, female, born):
        nonlocal client_no
        client_no += 1
        nationality, languages, women, men, families = origin
        first = rnd.choice(women if female else men)
        key = f"K-{client_no:04d}"
        rows["Klienten"].append(
            {
                "Klienten-Schlüssel": key,
                "Name": f"{first} {rnd.choice(families)}",
                "Geburtsdatum": born,
                "Geschlecht": "Weiblich" if female else "Männlich",
                "Staatsangehörigkeit": nationality,
                "Sprachen": ", ".join(languages),
                "Sprachmittlung nötig": "ja" if rnd.random() < 0.6 else "nein",
                "Aufenthaltsstatus": RESIDENCE[nationality],
                "Straße": f"{rnd.choice(STREETS)} {rnd.randint(1, 80)}",
                "PLZ": "59227",
                "Ort": "Ahlen",
            }
        )
        return key

    for number in range(1, cases + 1):
        origin = rnd.choice(ORIGINS)
        female = rnd.random() < 0.55
        born = date(rnd.randint(1960, 2004), rnd.randint(1, 12), rnd.randint(1, 28))
        client = new_client(origin, female, born)
        manager, employer, district = rnd.choice(CASE_MANAGERS)
        first = TODAY - timedelta(days=rnd.randint(20, 900))
        meeting = first + timedelta(days=rnd.randint(0, 14))
        case = f"WAF-{first.year}-{number:04d}"
        rows["Fälle"].append(
            {
                "Fallnummer": case,
                "Klienten-Schlüssel": client,
                "Konstellation": rnd.choice(TYPES),
                "Fallmanager/in": manager,
                "Anstellungsträger": employer,
                "Sozialraum": district,
                "Kommune": rnd.choice(MUNICIPALITIES[district]),
                "Zugangsweg": rnd.choice(CHANNELS),
                "Erstkontakt": first,
                "Erstgespräch": meeting if meeting <= TODAY else None,
                "Zielgruppen": TARGET_GROUPS[origin[0]],
            }
        )
        rows["Familien"].append(
            {
                "Fallnummer": case,
                "Klienten-Schlüssel": client,
                "Rolle": "Antragsteller/in",
            }
        )
        if rnd.random() < 0.3:
            partner_born = born + timedelta(days=rnd.randint(-1500, 1500))
            partner = new_client(origin, not female, partner_born)
            rows["Familien"].append(
                {
                    "Fallnummer": case,
                    "Klienten-Schlüssel": partner,
                    "Rolle": "Partner/in",
                }
            )
        day = meeting
        for _contact in range(rnd.randint(1, 5)):
            day = day + timedelta(days=rnd.randint(3, 40))
            if day > TODAY:
                break
            rows["Kontakte"].append(
                {
                    "Fallnummer": case,
                    "Datum": day,
                    "Dauer (Stunden)": rnd.choice([0.5, 1.0, 1.0, 1.5, 2.0]),
                    "Kontaktart": rnd.choice(
                        ["Persönlich", "Persönlich", "Telefonisch"]
                    ),
                    "Ergebnis": "Nicht erschienen"
                    if rnd.random() < 0.08
                    else "Stattgefunden",
                }
            )
        for goal, domain in rnd.sample(GOALS, rnd.randint(1, 3)):
            rows["Ziele"].append(
                {
                    "Fallnummer": case,
                    "Ziel": goal,
                    "Lebensbereich": domain,
                    "Zieldatum": meeting + timedelta(days=rnd.randint(60, 300)),
                }
            )
        rows["Einwilligungen"].append(
            {
                "Fallnummer": case,
                "Klienten-Schlüssel": client,
                "Art": "Information nach Art. 13 DSGVO ausgehändigt",
                "Gültig ab": meeting,
                "Unterschrieben am": meeting,
            }
        )
    return rows


def write_workbook(path, rows, sheets):
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    # a fixed creation time: the same rows give the same file on every run
    book.set_properties({"created": datetime(2026, 12, 1), "author": "KIM NRW Projekt"})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    for spec in sheets:
        sheet = book.add_worksheet(spec["sheet"])
        headers = [col["header"] for col in spec["columns"]]
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
            sheet.set_column(col, col, max(12, len(header) + 2))
        for r, row in enumerate(rows.get(spec["sheet"], []), start=1):
            for col, header in enumerate(headers):
                value = row.get(header)
                if isinstance(value, date):
                    sheet.write_datetime(r, col, value, day)
                elif value is not None:
                    sheet.write(r, col, value)
        sheet.freeze_panes(1, 0)
    book.close()


def main():
    sheets = _sheets()
    demo = demo_rows()
    write_workbook(ROOT / "data/import/kim_arbeitsmappe_demo_500.xlsx", demo, sheets)
    example = {name: values[:3] for name, values in demo_rows(cases=3).items()}
    write_workbook(
        ROOT / "addons/kim_case/static/xlsx/kim_arbeitsmappe_vorlage.xlsx",
        example,
        sheets,
    )
    print({name: len(values) for name, values in demo.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
