"""Measure each rule's precision on the evaluation passages and write loaders/rules/calibration.tsv.

    python scripts/calibrate_rules.py          # rewrite the table, print it
    python scripts/calibrate_rules.py --check  # exit 1 if the table differs from what it would write

Run it after changing rules or the passage sets; see loaders/calibration.py for the formula.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    from samverkan.loaders.calibration import CALIBRATION_FILE, calibrate, format_calibration
    from samverkan.loaders.rules import read_rules
    from samverkan.loaders.scoring import measured_by_rule

    table = format_calibration(calibrate(measured_by_rule(), {r.id: r.prior for r in read_rules()}))
    if "--check" in argv:
        current = CALIBRATION_FILE.read_text(encoding="utf-8") if CALIBRATION_FILE.exists() else ""
        if current != table:
            print("loaders/rules/calibration.tsv is stale: run python scripts/calibrate_rules.py", file=sys.stderr)
            return 1
        return 0
    CALIBRATION_FILE.write_text(table, encoding="utf-8")
    print(table, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
