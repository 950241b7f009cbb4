"""`samverkan cofinance --section 3.x`: who co-finances what in a section of the report.

Runs the catalogue query `cofinance_by_section` (what a section's own sentences say is
financed together: two or more funders, or a partner of the reporting region; "3.1" also
covers 3.1.x, "all" each of 3.1–3.5 in turn) on the embedded store or on Neo4j, and prints a
table, CSV, JSON or Markdown.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from samverkan import settings
from samverkan.errors import EXIT_USAGE, SamverkanError

FORMATS = ("table", "csv", "json", "md")


def add_store_arguments(p) -> None:
    """--backend/--uri/--store/--doc, shared with `samverkan report`."""
    p.add_argument("--backend", choices=["embedded", "neo4j"],
                   help=f"store to read (default: SAMVERKAN_BACKEND, neo4j when NEO4J_URI is set; now {settings.default_backend()})")
    p.add_argument("--uri", help="Neo4j URI (default NEO4J_URI); implies --backend neo4j")
    p.add_argument("--store", type=Path, help=f"embedded store path (default {settings.store_path()})")
    p.add_argument("--doc", help="the report (document id) to use when the store holds several")
    p.add_argument("--region", help="only the reports of this region (name or id, e.g. Dalarna)")
    p.add_argument("--year", type=int, help="only the reports of this year")


def selection_of(args):
    """The reports --doc/--region/--year name (queries.selection)."""
    from samverkan.queries.selection import Selection

    return Selection(getattr(args, "region", None), getattr(args, "year", None), getattr(args, "doc", None))


def open_reading_store(args):
    """The store the arguments name, opened for reading."""
    from samverkan.graph.store import open_store

    backend = args.backend or ("neo4j" if args.uri else settings.default_backend())
    if backend == "embedded" and args.uri:
        raise SamverkanError("--uri is for --backend neo4j", exit_code=EXIT_USAGE)
    if backend == "embedded":
        return open_store("embedded", path=args.store, create=False, read_only=True)
    return open_store("neo4j", uri=args.uri)


def section_params(value: str) -> list[str]:
    """"all" is each section of the report (3.1–3.5), as the report lists them; otherwise one
    section number such as 3.1."""
    from samverkan.queries.catalogue import PARAM_PATTERNS
    from samverkan.queries.reports import report_sections

    value = value.strip()
    if value.lower() == "all":
        return report_sections()
    pattern, wanted = PARAM_PATTERNS["section"]
    if not pattern.match(value):
        raise SamverkanError(f"--section wants {wanted} or all, got {value!r}", exit_code=EXIT_USAGE)
    return [value]


def register(sub) -> None:
    p = sub.add_parser(
        "cofinance",
        help="who co-finances what in a report section (3.1–3.5, or all)",
        description="What a report section says is financed together (two or more funders, or a partner of the "
                    "reporting region), one row per initiative and report. --region/--year/--doc choose the reports.",
    )
    p.add_argument("--section", required=True, help='section number, e.g. 3.1 (3.1 covers 3.1.x too), or "all"')
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    p.add_argument("--reviewed", action="store_true",
                   help="only the facts a reviewer accepted, changed or added (samverkan review)")
    add_store_arguments(p)
    p.set_defaults(func=run)


def _joined(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        return "; ".join(str(v) for v in value)
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def render(df, fmt: str) -> str:
    from samverkan.graph.money import format_sek
    from samverkan.queries.report_writers import markdown_table
    from samverkan.queries.reports import reference

    records = df.to_dict("records")
    if fmt == "json":
        return json.dumps([{k: _plain(v) for k, v in r.items()} for r in records], ensure_ascii=False, indent=2)
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(df.columns), lineterminator="\n")
        writer.writeheader()
        for r in records:
            writer.writerow({k: _joined(v) for k, v in r.items()})
        return buffer.getvalue().rstrip("\n")
    rows = [[r["name"], _joined(r["funders"]), format_sek(r["amount_sek"]), _joined(r["instruments"]),
             reference(r["section"], r["line"])] for r in records]
    headers = ["Insats eller område", "Finansiärer", "Belopp", "Instrument", "Referens"]
    if len({r["doc"] for r in records}) > 1:  # several reports: each row says whose it is
        rows = [[r["doc"]] + row for r, row in zip(records, rows)]
        headers = ["Rapport"] + headers
    if fmt == "md":
        if not records:
            return "Ingen gemensam finansiering i avsnittet."
        lines = markdown_table(headers + ["Underlag"], [row + [r["evidence"] or ""] for row, r in zip(rows, records)])
        return "\n".join(lines)
    if not records:
        return "(no co-financed initiatives in this section)"
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def run(args) -> int:
    from samverkan.queries.catalogue import run_named

    import pandas as pd

    from samverkan.queries.selection import resolve_docs

    sections = section_params(args.section)
    with open_reading_store(args) as store:
        docs = resolve_docs(store, selection_of(args))
        df = pd.concat([run_named(store, "cofinance_by_section",
                                  {"section": s, "docs": docs, "reviewed": "ja" if args.reviewed else ""}) for s in sections],
                       ignore_index=True)
    text = render(df, args.format)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0
