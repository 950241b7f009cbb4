"""`samverkan diff DOC_A DOC_B [--format md|csv|xlsx] [-o FILE]`: two reports compared.

Partners gained, lost and kept, and co-financed initiatives that are new, continued or
ended, from DOC_A to DOC_B: two years of one region, or two regions in one year
(queries/compare.py; the app's Jämför page shows the same).
"""
from __future__ import annotations

import sys
from pathlib import Path

from samverkan.errors import EXIT_USAGE, SamverkanError

from .cofinance import open_reading_store


def register(sub) -> None:
    p = sub.add_parser("diff", help="compare two reports: partners gained and lost, initiatives new and ended",
                       description="Compare two reports in the store (document ids, as `samverkan query --name "
                                   "documents` lists them): DOC_A is the earlier one, or the one compared with.")
    p.add_argument("doc_a", help="the first report (document id)")
    p.add_argument("doc_b", help="the second report (document id)")
    p.add_argument("--format", choices=["md", "csv", "xlsx"], default="md")
    p.add_argument("-o", "--output", type=Path, help="write to this file (needed for xlsx)")
    p.add_argument("--backend", choices=["embedded", "neo4j"], help="store to read (default as for the other commands)")
    p.add_argument("--uri", help="Neo4j URI (default NEO4J_URI); implies --backend neo4j")
    p.add_argument("--store", type=Path, help="embedded store path")
    p.set_defaults(func=run)


def run(args) -> int:
    from samverkan.queries.compare import compare, render

    if args.format == "xlsx" and args.output is None:
        raise SamverkanError("xlsx is a binary format: give -o FILE", exit_code=EXIT_USAGE)
    with open_reading_store(args) as store:
        comparison = compare(store, args.doc_a, args.doc_b)
    out = render(comparison, args.format, args.output)
    if args.output is None:
        sys.stdout.write(out)
    else:
        sys.stderr.write(f"wrote {args.output}\n")
    return 0
