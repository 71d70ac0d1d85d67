#!/usr/bin/env python3
"""Benchmark runner of issue #8, run inside an Odoo environment on an existing
database with the KIM addons (``tools/kimctl.py bench`` prepares it).

    python3 tools/bench/run.py --db NAME [--sizes 1000,10000] [--quick]

Grows the synthetic data level by level, measures R1-R10 at every level,
prints the table, writes ``bench/results.md`` and exits 1 on FAIL. Ratio
targets are judged from 10k cases on (at 1k they are noise and only shown);
query-count checks always count.
"""

import argparse
import datetime
import statistics
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# pylint: disable=wrong-import-position
from kim.common import ROOT
from kim.odoo_env import odoo_cmd

JUDGED_FROM = 10000


def odoo_env(db):
    import odoo  # pylint: disable=import-outside-toplevel
    from odoo.tools import config  # pylint: disable=import-outside-toplevel

    args = odoo_cmd(db)[3:] + ["--log-level", "warn"]  # no "python -m odoo"
    config.parse_config(args)
    odoo.netsvc.init_logger()
    registry = odoo.modules.registry.Registry(db)
    cr = registry.cursor()
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def fmt_t(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def fmt_q(base, kim):
    if base is None and kim is None:
        return "–"
    return f"{base if base is not None else '–'} / {kim if kim is not None else '–'}"


def verdict(row, quick):
    judged = not quick and row["level"] >= JUDGED_FROM
    if not row["check_ok"]:
        return "FAIL"
    if row["ratio_ok"]:
        return "PASS"
    return "FAIL" if judged else "info"


def table(rows, quick):
    head = (
        "| Szenario | Fälle | Baseline | KIM | Verhältnis | Ziel | Queries "
        "(Baseline / KIM) | Ergebnis | Hinweis |"
    )
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        lines.append(
            f"| {r['scenario']} | {r['level']} | {fmt_t(r['base_t'])} | "
            f"{fmt_t(r['kim_t'])} | {r['ratio']:.2f} | ≤ {r['target']} | "
            f"{fmt_q(r['base_q'], r['kim_q'])} | {verdict(r, quick)} | "
            f"{r['note']} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="e.g. R9,R10 (development)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.md"))
    args = parser.parse_args()
    sizes = [200, 1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    sizes = sorted(set(sizes))

    env = odoo_env(args.db)
    # the bulk generator of the kim_demo addon (one generator for demo and bench)
    # pylint: disable-next=import-outside-toplevel
    from scenarios import Scenarios, row  # pylint: disable=import-outside-toplevel

    from odoo.addons.kim_demo.generators.bulk import Generator, vacuum

    rows, errors, log = [], [], []
    started = time.perf_counter()
    gen = Generator(env)
    first_r4 = first_r7 = None
    first_level = None
    for level in sizes:
        seconds = gen.grow(level, level)
        gen.ensure_contracts(max(20, level // 100))
        env.cr.commit()
        log.append(f"{level} Fälle erzeugt in {seconds:.0f} s")
        print(f"[bench] {log[-1]}", flush=True)
        sc = Scenarios(env, gen, args.repeat)
        for name, func in (
            ("R1", lambda sc=sc, level=level: sc.r1(level, gen.case_timings)),
            ("R2", lambda sc=sc, level=level: sc.r2(level)),
            ("R3", lambda sc=sc, level=level: sc.r3(level)),
            ("R5", lambda sc=sc, level=level: sc.r5(level)),
            ("R6", lambda sc=sc, level=level: sc.r6(level)),
            ("R8", lambda sc=sc, level=level: sc.r8(level, min(level, 10000))),
            (
                "R9",
                lambda sc=sc, level=level: sc.r9(level, 200 if args.quick else 1000),
            ),
            ("R10", lambda sc=sc, level=level: sc.r10(level)),
        ):
            if args.only and name not in args.only.split(","):
                continue
            try:
                vacuum(env)
                t0 = time.perf_counter()
                result = func()
                if result is None:
                    continue
                rows.append(result)
                print(
                    f"[bench] {level} {name}: ratio {rows[-1]['ratio']:.2f} "
                    f"({time.perf_counter() - t0:.0f} s)",
                    flush=True,
                )
            except Exception:  # pylint: disable=broad-except
                errors.append(f"{name} @ {level}: {traceback.format_exc()}")
                print(f"[bench] FEHLER {errors[-1]}", flush=True)
                env.cr.rollback()
                env.transaction.clear()
        if args.only and not {"R4", "R7"} & set(args.only.split(",")):
            continue
        try:
            vacuum(env)
            r4 = sc.r4_measure()
            bt, bq, kt, kq = sc.r7_measure()
            rows.append(
                row("R7 yearly KPI report (steering)", level, bt, kt, 3, bq, kq)
            )
            if first_level is None:
                first_level, first_r4, first_r7 = level, r4, kq
            else:
                rows.append(
                    row(
                        f"R4 list+kanban (80 rows) at {level} vs {first_level}",
                        level,
                        first_r4[0],
                        r4[0],
                        1.5,
                        first_r4[1],
                        r4[1],
                        check=first_r4[1] == r4[1],
                        note="equal query count",
                    )
                )
                rows.append(
                    row(
                        f"R7 KPI query count flat {first_level} -> {level}",
                        level,
                        1,
                        1,
                        1,
                        first_r7,
                        kq,
                        check=first_r7 == kq,
                        note="query count only",
                    )
                )
                per = [t for t in gen.case_timings if t[0] in (first_level, level)]
                per_first = [s / n for lvl, n, s in per if lvl == first_level]
                per_top = sorted(s / n for lvl, n, s in per if lvl == level)
                if per_first and per_top:
                    rows.append(
                        row(
                            f"R1 per-record create time at {level} vs {first_level}",
                            level,
                            statistics.median(per_first),
                            statistics.median(per_top),
                            2.5,
                        )
                    )
        except Exception:  # pylint: disable=broad-except
            errors.append(f"R4/R7 @ {level}: {traceback.format_exc()}")
            print(f"[bench] FEHLER {errors[-1]}", flush=True)
            env.cr.rollback()
            env.transaction.clear()
    env.cr.rollback()
    env.cr.close()

    text = table(rows, args.quick)
    fails = [r for r in rows if verdict(r, args.quick) == "FAIL"]
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    md = [
        f"# KIM-Benchmark ({stamp})",
        "",
        f"Datenbank `{args.db}`, Stufen {', '.join(map(str, sizes))} Fälle, "
        f"Median aus {args.repeat} Läufen; Verhältnis = KIM / Baseline im selben "
        f"Lauf. Verhältnisziele gelten ab {JUDGED_FROM} Fällen"
        + (" (Schnelllauf: nur informativ)" if args.quick else "")
        + f"; Gesamtdauer {time.perf_counter() - started:.0f} s.",
        "",
        *[f"- {line}" for line in log],
        "",
        text,
        "",
    ]
    if errors:
        md += ["## Fehler", "", "```", *errors, "```", ""]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(md), encoding="utf-8")
    print(text)
    print(f"[bench] Ergebnis: {out}")
    if errors or fails:
        print(
            f"[bench] FAIL: {len(fails)} Szenario(s) verfehlt, {len(errors)} Fehler",
            flush=True,
        )
        return 1
    print("[bench] alle Szenarien PASS", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
