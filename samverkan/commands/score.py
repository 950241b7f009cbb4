"""`samverkan score GOLD ...`: score the extraction against gold facts (loaders/scoring.py).

GOLD is a passages file (a YAML list of texts with their gold relations) or a report's gold
file (`<name>.gold.yaml`, with `document:` naming the report next to it). The bundled
development sets are in data/eval/.
"""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("score", help="score the extraction against gold facts (precision and recall per relation)")
    p.add_argument("gold", nargs="+", type=Path, help="passages file or report gold file (data/eval/*.yaml)")
    p.add_argument("--details", action="store_true", help="list every missed and every wrong fact")
    p.add_argument("--by-rule", action="store_true", help="precision of each rule (the facts' method) on passages")
    p.set_defaults(func=run)


def run(args) -> int:
    from samverkan.errors import InputError
    from samverkan.loaders.scoring import format_rules, format_score, score_file

    for path in args.gold:
        if not path.is_file():
            raise InputError(f"{path}: no such gold file")
        score = score_file(path)
        sys.stdout.write(format_score(score, details=args.details) + "\n")
        if args.by_rule:
            sys.stdout.write(format_rules(score) + "\n")
    return 0
