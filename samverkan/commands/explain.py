"""`samverkan explain "SENTENCE"` or `samverkan explain --doc DOC --line N`: why a sentence gave
the facts it gave (mentions, clauses, rules fired and nearly fired)."""
from __future__ import annotations

import sys
from pathlib import Path

from samverkan.errors import SamverkanError


def register(sub) -> None:
    p = sub.add_parser("explain", help="show the mentions, rules and facts of a sentence (to add a phrasing)")
    p.add_argument("text", nargs="?", help="one or more sentences (a short passage)")
    p.add_argument("--doc", type=Path, help="a report; with --line, explain the sentences there")
    p.add_argument("--line", type=str, help="a line or range of lines (N or N-M) of --doc")
    p.add_argument("--region", help="read TEXT as part of this region's report (the implicit party of section 3)")
    p.add_argument("--section", default="3.1", help="with --region: the report section TEXT stands in (default 3.1)")
    p.set_defaults(func=run)


def run(args) -> int:
    from samverkan.loaders.explain import explain, extract_passage_text, report_excerpt
    from samverkan.loaders.pipeline import extract_text
    from samverkan.loaders.read import read_document

    if bool(args.text) == bool(args.doc):
        raise SamverkanError("give either a TEXT or --doc DOC --line N", exit_code=2)
    lines = None
    if args.doc:
        if not args.line:
            raise SamverkanError("--doc needs --line N (or N-M)", exit_code=2)
        try:
            lo, _, hi = args.line.partition("-")
            lines = (int(lo), int(hi or lo))
        except ValueError:
            raise SamverkanError(f"--line: {args.line!r} is not a line number or range", exit_code=2) from None
        extraction = extract_text(read_document(args.doc), keep=True)
    else:
        text = report_excerpt(args.text, args.region, args.section) if args.region else args.text
        extraction = extract_passage_text(text, keep=True)
    sys.stdout.write(explain(extraction, lines))
    return 0
