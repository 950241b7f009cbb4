"""Floors under the extraction's scores on the evaluation sets (data/eval/): a change that loses
facts others depend on fails here. The floors sit just under what the rules reach today
(bench/dev_score.py prints the figures); raise them when the rules get better."""
import pytest

from samverkan.loaders.scoring import Tally, score_file
from samverkan.settings import DATA_DIR

EVAL = DATA_DIR / "eval"

# (file, tally, recall floor, precision floor)
FLOORS = [
    ("external_passages.yaml", "finances", 0.85, 0.90),
    ("external_passages.yaml", "owns", 0.85, 0.90),
    ("external_passages.yaml", "participates", 0.90, 0.90),
    ("external_passages.yaml", "actors", 0.92, 0.95),
    ("own_passages.yaml", "finances", 0.80, 0.95),
    ("own_passages.yaml", "owns", 0.80, 0.90),
    ("own_passages.yaml", "participates", 0.80, 0.85),
    ("own_passages.yaml", "actors", 0.90, 0.95),
    # written after the rules by someone who had not read them (measured first 0.53/1.00, 0.77/1.00,
    # 0.93/0.96; since then rules were written against their misses: 0.83/1.00, 0.92/1.00, 0.94/0.97)
    ("blind_passages.yaml", "finances", 0.78, 0.95),
    ("blind_passages.yaml", "participates", 0.85, 0.95),
    ("blind_passages.yaml", "actors", 0.90, 0.95),
    # a second blind set (measured first 0.53/0.76, 0.23/0.38, 0.92/0.95; after rules written
    # against its misses 0.83/1.00, 0.69/0.75, 0.95/0.95)
    ("blind2_passages.yaml", "finances", 0.78, 0.95),
    ("blind2_passages.yaml", "participates", 0.60, 0.70),
    ("blind2_passages.yaml", "actors", 0.90, 0.90),
    # a third blind set (measured first 0.47/0.79, 0.12/0.40, 0.96/0.96; after a few fixes
    # 0.50/0.83, 0.29/1.00, 0.96/0.96)
    ("blind3_passages.yaml", "finances", 0.45, 0.80),
    ("blind3_passages.yaml", "participates", 0.25, 0.90),
    ("blind3_passages.yaml", "actors", 0.92, 0.92),
    ("region-orebro-2019.gold.yaml", "cofinancing 3.x", 0.75, 0.80),
    ("region-gavleborg-2021.gold.yaml", "cofinancing 3.x", 0.85, 0.85),
    # a blind whole report (measured first 0.52/0.50; after rules written against its misses 0.80/0.91)
    ("region-jonkoping-2022.gold.yaml", "cofinancing 3.x", 0.75, 0.85),
    ("region-vastmanland-2019.gold.yaml", "cofinancing 3.x", 0.90, 0.95),
]


@pytest.fixture(scope="module")
def scores():
    return {name: score_file(EVAL / name) for name in {f for f, *_ in FLOORS}}


def _tally(score, name: str) -> Tally:
    if name != "cofinancing 3.x":
        return score.tallies[name]
    total = Tally()
    for key, t in score.tallies.items():
        if key.startswith("cofinancing 3."):
            total.add(t)
    return total


@pytest.mark.parametrize("file,name,recall,precision", FLOORS, ids=[f"{f}-{n}" for f, n, *_ in FLOORS])
def test_score_floor(scores, file, name, recall, precision):
    t = _tally(scores[file], name)
    assert t.recall >= recall and t.precision >= precision, \
        f"{file} {name}: recall {t.recall:.2f} (floor {recall}), precision {t.precision:.2f} (floor {precision}); " \
        f"missed {t.missed[:5]}, wrong {t.wrong[:5]}"


def test_every_fact_of_the_sets_has_its_evidence_in_the_text():
    """Scoring runs the real pipeline: its facts keep the evidence contract on other regions' texts too."""
    from samverkan.loaders.pipeline import extract_document
    from samverkan.loaders.sentences import occurs_in

    names = sorted(p.name for p in EVAL.glob("region-*.txt"))
    assert len(names) >= 3
    for name in names:
        ex = extract_document(EVAL / name)
        for rel in ex.graph.relationships.values():
            if rel.type != "PART_OF":
                assert occurs_in(rel.props["evidence"], ex.text), (name, rel.props["evidence"][:80])


def test_rule_confidences_are_calibrated_on_todays_rules(scores):
    """loaders/rules/calibration.tsv holds what the passages measure now; after a rule change,
    run scripts/calibrate_rules.py."""
    from samverkan.loaders.calibration import calibrate, read_calibration
    from samverkan.loaders.rules import read_rules
    from samverkan.loaders.scoring import Score

    passages = Score("passages")
    for path in sorted(EVAL.glob("*passages*.yaml")):
        passages.add(scores[path.name] if path.name in scores else score_file(path))
    measured = {rule: (t.predicted, t.right) for rule, t in passages.rules.items()}
    rules = read_rules()
    assert calibrate(measured, {r.id: r.prior for r in rules}) == read_calibration()
    for rule in rules:
        calibrated = read_calibration().get(rule.id)
        assert rule.confidence == (calibrated.confidence if calibrated else rule.prior)
