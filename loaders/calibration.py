"""Rule confidences measured, not guessed: each rule's precision on the evaluation passages.

A rule file declares a `confidence` as its prior. `scripts/calibrate_rules.py` runs every
passage set in data/eval/ (passages scored by rule: how many of a rule's facts the gold has)
and writes loaders/rules/calibration.tsv; the rules then take the calibrated value. Few
facts say little, so the measurement is pulled toward the prior by PRIOR_WEIGHT pseudo-facts:

    confidence = (right + PRIOR_WEIGHT * prior) / (facts + PRIOR_WEIGHT)

e.g. a rule declared 0.8 with 32 of 32 facts right: (32 + 1.6) / 34 = 0.99. A rule no passage
exercises keeps its prior. tests/loaders/test_dev_scores.py fails when the table is stale.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CALIBRATION_FILE = Path(__file__).resolve().parent / "rules" / "calibration.tsv"
PRIOR_WEIGHT = 2
HEADER = "rule\tfacts\tright\tconfidence"


@dataclass(frozen=True)
class Calibrated:
    rule: str
    facts: int
    right: int
    confidence: float


def calibrate(measured: dict[str, tuple[int, int]], priors: dict[str, float]) -> dict[str, Calibrated]:
    """`measured`: rule id -> (facts, right) on the passages; `priors`: the declared confidences."""
    out = {}
    for rule, prior in sorted(priors.items()):
        facts, right = measured.get(rule, (0, 0))
        if facts:
            value = round((right + PRIOR_WEIGHT * prior) / (facts + PRIOR_WEIGHT), 2)
            out[rule] = Calibrated(rule, facts, right, value)
    return out


def format_calibration(table: dict[str, Calibrated]) -> str:
    rows = [f"{c.rule}\t{c.facts}\t{c.right}\t{c.confidence:.2f}" for c in table.values()]
    return "\n".join([HEADER, *rows]) + "\n"


@lru_cache(maxsize=4)
def read_calibration(path: Path = CALIBRATION_FILE) -> dict[str, Calibrated]:
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        rule, facts, right, confidence = line.split("\t")
        out[rule] = Calibrated(rule, int(facts), int(right), float(confidence))
    return out
