"""Every rule's own examples, as tests: each example text gives the facts it lists (and the
rule itself fires on it); each counterexample gives no fact of the rule. A rule without an
example is named by test_every_rule_has_an_example."""
from __future__ import annotations

import re

import pytest

from samverkan.graph.folding import fold
from samverkan.loaders.explain import extract_passage_text, report_excerpt
from samverkan.loaders.rules import load_rules, parse_rule, read_rules, RuleError
from samverkan.loaders.scoring import ActorKeys, names_match

RULES = load_rules()
EXAMPLE = re.compile(r"^(?P<source>.+?) -> (?P<type>[A-Z_]+) -> (?P<target>.+?)(?: \| (?P<amount>\d+))?$")
KEYS = ActorKeys()


def _extract(example: dict):
    text = example["text"]
    report = example.get("report")
    if report:
        text = report_excerpt(text, report["region"], str(report["section"]))
    return extract_passage_text(text, keep=True)


def _fired(extraction, rule_id: str) -> bool:
    """The rule made a fact, or remembered the funders of a group of projects for what follows."""
    for trace in extraction.reading.traces:
        if any(r.split(" ")[0] == rule_id and facts for r, _, facts in trace.fired):
            return True
        if any(r == rule_id and "group of projects" in why for r, _, why in trace.near):
            return True
    return False


def _has(graph, expected: str) -> bool:
    m = EXAMPLE.match(expected)
    assert m, f"an example fact is written 'Source -> TYPE -> Target | amount': {expected!r}"
    for rel in graph.relationships.values():
        if rel.type != m["type"]:
            continue
        target = graph.nodes[rel.target]
        target_names = [target.name, *(target.props.get("aliases") or [])]
        if rel.type == "COLLABORATES_WITH" and KEYS.matches(graph, rel.target, m["source"]) \
                and KEYS.matches(graph, rel.source, m["target"]):
            return True  # stored once, read both ways
        if not KEYS.matches(graph, rel.source, m["source"]):
            continue
        if not (names_match(target_names, m["target"]) or fold(target.name) == fold(m["target"])
                or target.label == "Actor" and KEYS.matches(graph, rel.target, m["target"])):
            continue
        if m["amount"] and rel.props.get("amount_sek") != int(m["amount"]):
            continue
        return True
    return False


EXAMPLES = [pytest.param(rule, ex, id=f"{rule.id}-{n}") for rule in RULES for n, ex in enumerate(rule.examples)]
COUNTER = [pytest.param(rule, text, id=f"{rule.id}-not-{n}") for rule in RULES for n, text in enumerate(rule.counterexamples)]


@pytest.mark.parametrize("rule,example", EXAMPLES)
def test_rule_example(rule, example):
    extraction = _extract(example)
    graph = extraction.graph
    facts = [f"{graph.nodes[r.source].name} -> {r.type} -> {graph.nodes[r.target].name} [{r.props.get('method')}]"
             for r in graph.relationships.values() if r.type not in ("MENTIONED_IN", "PART_OF")]
    for expected in example["facts"]:
        assert _has(graph, expected), f"{rule.id}: {expected!r} not among {facts}"
    assert _fired(extraction, rule.id), f"{rule.id} did not fire; the facts: {facts}"


@pytest.mark.parametrize("rule,text", COUNTER)
def test_rule_counterexample(rule, text):
    graph = extract_passage_text(text).graph
    made = [r for r in graph.relationships.values() if str(r.props.get("method")).split("+")[0] == rule.id]
    assert not made, f"{rule.id} fired on a counterexample: {[(r.source, r.type, r.target) for r in made]}"


def test_every_rule_has_an_example():
    missing = [r.id for r in RULES if not r.examples]
    assert not missing, f"rules without examples: {missing}"


def test_rule_files_are_checked_when_read(tmp_path):
    (tmp_path / "lexicon.yaml").write_text("{}", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(
        "- id: broken\n  cue: ['@finance_verb']\n  facts:\n    - {relation: FINANCES, source: [nowhere], target: [object]}\n",
        encoding="utf-8")
    with pytest.raises(RuleError, match="unknown strategy 'nowhere'"):
        read_rules(tmp_path)
    with pytest.raises(RuleError, match="unknown relation"):
        parse_rule({"id": "x", "cue": "med", "facts": [{"relation": "OWNS", "source": ["subject"], "target": ["object"]}]})
    with pytest.raises(RuleError, match="no cue"):
        parse_rule({"id": "x", "facts": []})
