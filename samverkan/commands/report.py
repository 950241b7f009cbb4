"""`samverkan report --section 3.x|all --format md|csv|xlsx|docx [-o FILE]`: the collaboration
lists of the report's sections 3.1–3.5, built from the graph.

Per section: the template's own heading and questions, a row per partner with the areas and
initiatives, a row per co-financed initiative with its funders, sums and instruments, the
sentences that give results, and for every row a reference to the sentence it rests on
("avsnitt 3.1, rad 4632"). md and csv print to stdout unless -o is given; xlsx and docx need
-o (or stdout redirected to a file).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from samverkan.errors import EXIT_USAGE, QueryError, SamverkanError

from .cofinance import add_store_arguments, open_reading_store, selection_of


def register(sub) -> None:
    p = sub.add_parser(
        "report",
        help="write the collaboration lists of sections 3.1–3.5 (md, csv, xlsx, docx)",
        description="The report's collaboration lists (sections 3.1–3.5), each line traceable to its sentence.",
    )
    p.add_argument("--section", default="all", help='3.1 … 3.5, a comma-separated list, or "all" (default)')
    p.add_argument("--format", choices=["md", "csv", "xlsx", "docx"], default="md")
    p.add_argument("-o", "--output", type=Path, help="write to this file (needed for xlsx/docx unless stdout is redirected)")
    p.add_argument("--reviewed", action="store_true",
                   help="list only the co-financing facts a reviewer accepted, changed or added (samverkan review)")
    add_store_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from samverkan.queries.report_writers import render
    from samverkan.queries.reports import build_report, resolve_sections

    try:  # a bad section fails before any store is opened
        sections = resolve_sections(args.section)
    except QueryError as exc:
        raise SamverkanError(str(exc), exit_code=EXIT_USAGE) from None
    binary = args.format in ("xlsx", "docx")
    if binary and args.output is None and sys.stdout.isatty():
        raise SamverkanError(f"{args.format} is a binary format: give -o FILE (or redirect stdout to a file)",
                             exit_code=EXIT_USAGE)
    from samverkan.queries.selection import resolve_docs

    with open_reading_store(args) as store:
        docs = resolve_docs(store, selection_of(args))
        if len(docs) > 1:
            raise QueryError(f"{len(docs)} reports match ({', '.join(docs)}); a report is about one: "
                             f"choose it with --doc or --year")
        report = build_report(store, sections, doc=docs[0] if docs else None, reviewed=args.reviewed)
    if binary and args.output is None:
        with tempfile.TemporaryDirectory() as tmp:
            path = render(report, args.format, Path(tmp) / f"report.{args.format}")
            sys.stdout.buffer.write(Path(path).read_bytes())
        return 0
    out = render(report, args.format, args.output)
    if args.output is None:
        sys.stdout.write(out)
    else:
        sys.stderr.write(f"wrote {args.output}\n")
    return 0
