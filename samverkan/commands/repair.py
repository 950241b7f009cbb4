"""`samverkan repair DOC`: print the repaired text that evidence quotes and line numbers refer to."""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("repair", help="print a report's repaired text (the text evidence sentences are quoted from)")
    p.add_argument("document", type=Path)
    p.add_argument("--changes", action="store_true", help="list the repairs instead of the text")
    p.set_defaults(func=run)


def run(args) -> int:
    from samverkan.loaders.read import read_document
    from samverkan.loaders.repair import repair_text

    result = repair_text(read_document(args.document).text)
    if args.changes:
        for change in result.changes:
            sys.stdout.write(f"{change.line}\t{change.kind}\t{change.before}\t{change.after}\n")
    else:
        sys.stdout.write(result.text)
    return 0
