"""`samverkan extract DOC --format json|summary`: print the graph extracted from one report."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract the graph from a report (.txt or .pdf) and print it")
    p.add_argument("document", type=Path, help="report file (.txt or .pdf)")
    p.add_argument("--format", choices=["json", "summary"], default="json")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    p.set_defaults(func=run)


def run(args) -> int:
    from samverkan.loaders.pipeline import extract_document
    from samverkan.loaders.summary import format_summary, summarize

    graph = extract_document(args.document).graph
    if args.format == "json":
        text = json.dumps(graph.to_json(), ensure_ascii=False, indent=2)
    else:
        text = format_summary(summarize(graph))
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0
