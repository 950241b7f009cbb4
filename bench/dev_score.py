"""Print the extraction's scores on the evaluation sets (data/eval/), and the time it took.

    python bench/dev_score.py            # every set
    python bench/dev_score.py --details  # with each missed and wrong fact

The figures are the ones the closing notes quote; tests/loaders/test_dev_scores.py keeps
floors under them so a change that loses facts fails.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "data" / "eval"
SETS = ["external_passages.yaml", "own_passages.yaml", "blind_passages.yaml", "blind2_passages.yaml", "blind3_passages.yaml",
        "region-orebro-2019.gold.yaml", "region-gavleborg-2021.gold.yaml", "region-jonkoping-2022.gold.yaml",
        "region-vastmanland-2019.gold.yaml"]


def main() -> int:
    from samverkan.loaders.scoring import format_score, score_file

    details = "--details" in sys.argv
    for name in SETS:
        started = time.perf_counter()
        score = score_file(EVAL / name)
        print(format_score(score, details=details))
        print(f"  ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
