"""Score extracted facts against gold facts, under the strict rule the product is judged by.

Two kinds of gold, both YAML (data/eval/ holds the development sets):
- passages (`*_passages.yaml`): a list of short texts, each with its gold `actors` and
  `relations` ({type: finances|owns|participates|collaborates, from, to, amount_sek?});
  scored per relation type, plus actor recall.
- a whole report (`<name>.gold.yaml` next to `<name>.txt`): `cofinancing` items of sections
  3.1–3.5 ({section, partners besides the reporting region, what}), scored per item; and
  `funding` facts ({funder, what, amount_sek}) anywhere in the report.

The strict rule: a fact counts only when every funder resolves to the gold's canonical
organisation (gazetteer id, or the same folded name or alias) and the target names what the
text names. Target names are compared as sets of word stems (Snowball's Swedish stemmer)
without function words: the token F1 must reach TARGET_F1, so "förstudien Gröna näringar"
matches "Förstudie Gröna näringar" but a placeholder ("Projektet", "Insatser") or a
different project ("Förädlingsmackapären Gästrikland" for "Förädlingsmackapären") does not.
Matching is one-to-one: a fact told twice counts once as right and once as wrong.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from samverkan.graph.folding import fold
from samverkan.graph.model import GraphData
from samverkan.yamlio import read_yaml

# Relationship types of the graph -> relation types of the gold files.
GOLD_TYPE = {
    "FINANCES": "finances",
    "LEADS": "owns",
    "PARTICIPATES_IN": "participates",
    "MEMBER_OF": "participates",
    "COLLABORATES_WITH": "collaborates",
}
UNDIRECTED = {"collaborates"}
TARGET_F1 = 0.7
REPORT_SECTIONS = ("3.1", "3.2", "3.3", "3.4", "3.5")

# Words that carry no name: function words, and the generic nouns a placeholder is made of.
FUNCTION_WORDS = frozenset(
    "i inom för av och till med om på en ett den det de som från vid samt under mellan".split()
)
# The generic nouns a placeholder is made of ("Projektet", "Insatser", "Förstudie").
PLACEHOLDER_WORDS = ("projekt", "insats", "satsning", "program", "förstudie", "arbete", "verksamhet", "studie",
                     "aktivitet", "initiativ")
TOKEN = re.compile(r"\w+(?:[.:]\w+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=8192)
def name_stems(name: str) -> frozenset[str]:
    """The stems that name something: "förstudien Gröna näringar" -> {gron, naring} (folded).
    Words are first taken to their lemma where the lexicon knows it ("serviceprogrammet" ->
    "serviceprogram"), then stemmed."""
    from .words import get_lexicon

    lexicon = get_lexicon()
    words = [w.lower() for w in TOKEN.findall(name)]
    stems = _stems([lexicon.lemma(w) for w in words if w not in FUNCTION_WORDS])
    placeholders = _placeholder_stems()
    return frozenset(s for s in stems if s not in placeholders)


def _stems(words: list[str]) -> list[str]:
    stems = [fold(s) for s in _stemmer().stemWords(words)]
    return [s[:-1] if s.endswith("t") and len(s) > 6 else s for s in stems]  # "regionalt" ~ "regional"


@lru_cache(maxsize=1)
def _placeholder_stems() -> frozenset[str]:
    return frozenset(_stems(list(PLACEHOLDER_WORDS)))


def name_alternatives(gold: str) -> list[str]:
    """A gold "what" may offer alternatives: "A / B" and "A (B)" each name the same thing."""
    out = [gold]
    for part in re.split(r"\s+/\s+", gold):
        out.append(part)
        inner = re.findall(r"\(([^)]+)\)", part)
        out += inner
        out.append(re.sub(r"\s*\([^)]*\)", "", part))
    return [o.strip() for o in dict.fromkeys(out) if o.strip()]


def token_f1(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return 2 * common / (len(a) + len(b))


def spelled(entry: dict) -> list[str]:
    """A gold entry's name and aliases, each also as text repair reads it ("Tillva xtlyftet")."""
    from .repair import repair_text

    names = [entry["name"], *(entry.get("aliases") or [])]
    return list(dict.fromkeys(names + [repair_text(n).text.strip() for n in names]))


def names_match(predicted: Iterable[str], gold: str, also: Iterable[str] = ()) -> bool:
    """Does any of the predicted node's names name what the gold names (or its aliases)?"""
    golds = [name_stems(g) for g in [*name_alternatives(gold), *also]]
    return any(token_f1(name_stems(p), g) >= TARGET_F1 for p in predicted for g in golds)


# --- actors ------------------------------------------------------------------------------
class ActorKeys:
    """Resolves a gold actor name to the gazetteer id, or keeps its folded name."""

    def __init__(self, gold_actors: list[dict] | None = None) -> None:
        from .gazetteer import load_gazetteer

        self._by_name: dict[str, str] = {}
        for actor in load_gazetteer().actors.values():
            for name in [actor.name, *actor.aliases]:
                self._by_name.setdefault(fold(name), actor.id)
        # A report's gold lists the spellings each actor has in that text (damaged ones too, as
        # repair reads them): they name it too.
        self._gold_aliases: dict[str, set[str]] = {}
        for actor in gold_actors or []:
            spellings = {fold(a) for a in spelled(actor)}
            self._gold_aliases[self.key(actor["name"])] = spellings

    def key(self, name: str) -> str:
        """The gazetteer id of a name, else its folded form; a company's legal form ("AB") is no
        part of its identity."""
        folded = fold(name)
        bare = re.sub(r"\s+ab$", "", folded)
        return self._by_name.get(folded) or self._by_name.get(bare) or bare

    def node_keys(self, graph: GraphData, node_id: str) -> set[str]:
        """Every key a predicted actor node answers to: its id and its names, resolved."""
        node = graph.nodes.get(node_id)
        names = [node.name, *(node.props.get("aliases") or [])] if node else []
        return {node_id} | {self.key(n) for n in names} | {fold(n) for n in names}

    def matches(self, graph: GraphData, node_id: str, gold_name: str) -> bool:
        keys = self.node_keys(graph, node_id)
        return self.key(gold_name) in keys or bool(self._gold_aliases.get(self.key(gold_name), set()) & keys)


def _node_names(graph: GraphData, node_id: str) -> list[str]:
    node = graph.nodes.get(node_id)
    if not node:
        return [node_id]
    return [node.name, *(node.props.get("aliases") or [])]


# --- tallies -----------------------------------------------------------------------------
@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    right: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    def add(self, other: "Tally") -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.right += other.right
        self.missed += other.missed
        self.wrong += other.wrong


@dataclass
class Score:
    """Tallies by name ("finances", "actors", "cofinancing 3.1", …) for one gold file, and per
    rule (the facts' method): how many of its facts were right."""

    source: str
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    rules: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))

    def add(self, other: "Score") -> None:
        for name, tally in other.tallies.items():
            self.tallies[name].add(tally)
        for name, tally in other.rules.items():
            self.rules[name].add(tally)


def _match_one_to_one(predicted: list, gold: list, same) -> tuple[list, list, int]:
    """Greedy one-to-one matching; returns (unmatched predicted, unmatched gold, matches)."""
    left = list(gold)
    wrong = []
    right = 0
    for p in predicted:
        hit = next((g for g in left if same(p, g)), None)
        if hit is None:
            wrong.append(p)
        else:
            left.remove(hit)
            right += 1
    return wrong, left, right


# --- passages ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    actors: list[dict]
    relations: list[dict]


def load_passages(path: Path) -> list[Passage]:
    raw = read_yaml(path) or []
    return [Passage(str(p["id"]), p["text"], p.get("actors") or [], p.get("relations") or []) for p in raw]


def extract_passage(passage: Passage) -> GraphData:
    import hashlib

    from .pipeline import extract_text
    from .read import RawDocument

    digest = hashlib.sha256(passage.text.encode("utf-8")).hexdigest()
    return extract_text(RawDocument(Path(f"{passage.id}.txt"), passage.text, digest, "txt")).graph


def score_passage(passage: Passage, graph: GraphData, keys: ActorKeys) -> Score:
    score = Score(passage.id)
    actor_ids = [n.id for n in graph.by_label("Actor")]
    gold_actors = [a["name"] for a in passage.actors]
    wrong, missed, right = _match_one_to_one(actor_ids, gold_actors, lambda p, g: keys.matches(graph, p, g))
    score.tallies["actors"] = Tally(len(gold_actors), len(actor_ids), right,
                                    [f"{passage.id}: {m}" for m in missed],
                                    [f"{passage.id}: {graph.nodes[w].name}" for w in wrong])

    predicted: dict[str, list[tuple[str, str]]] = defaultdict(list)
    methods: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for rel in graph.relationships.values():
        kind = GOLD_TYPE.get(rel.type)
        if not kind:
            continue
        methods[(kind, rel.source, rel.target)].add(str(rel.props.get("method", "")).split("+")[0])
        if (rel.source, rel.target) not in predicted[kind]:
            predicted[kind].append((rel.source, rel.target))

    def target_matches(node_id: str, gold_name: str) -> bool:
        node = graph.nodes.get(node_id)
        if node is not None and node.label == "Actor" and keys.matches(graph, node_id, gold_name):
            return True
        return names_match(_node_names(graph, node_id), gold_name)

    def same(kind: str):
        def check(p: tuple[str, str], g: dict) -> bool:
            source, target = p
            if keys.matches(graph, source, g["from"]) and target_matches(target, g["to"]):
                return True
            return kind in UNDIRECTED and keys.matches(graph, target, g["from"]) and keys.matches(graph, source, g["to"])
        return check

    for kind in sorted(set(GOLD_TYPE.values())):
        gold = [r for r in passage.relations if r["type"] == kind]
        wrong, missed, right = _match_one_to_one(predicted[kind], gold, same(kind))
        for fact in predicted[kind]:
            for method in methods[(kind, *fact)]:
                score.rules[method].predicted += 1
                score.rules[method].right += fact not in wrong
        score.tallies[kind] = Tally(
            len(gold), len(predicted[kind]), right,
            [f"{passage.id}: {g['from']} -> {g['to']}" for g in missed],
            [f"{passage.id}: {graph.nodes[s].name if s in graph.nodes else s} -> "
             f"{graph.nodes[t].name if t in graph.nodes else t}" for s, t in wrong],
        )
    return score


def score_passages(path: Path) -> Score:
    keys = ActorKeys()
    total = Score(path.name)
    for passage in load_passages(path):
        total.add(score_passage(passage, extract_passage(passage), keys))
    return total


# --- whole reports -----------------------------------------------------------------------
def _in_section(section: str, number: str) -> bool:
    return section == number or section.startswith(number + ".")


def cofinancing_items(graph: GraphData, region_id: str | None) -> list[tuple[str, str, frozenset[str]]]:
    """(section, target, funders besides the region) for every initiative that two or more
    actors, or a partner of the region, finance in the sentences of one of 3.1–3.5: the rows
    `samverkan cofinance` gives (the catalogue's cofinance_by_section; a test holds the two
    together)."""
    funders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rel in graph.relationships.values():
        if rel.type != "FINANCES":
            continue
        section = next((n for n in REPORT_SECTIONS if _in_section(str(rel.props.get("section", "")), n)), None)
        if section:
            funders[(section, rel.target)].add(rel.source)
    return [(s, t, frozenset(f - {region_id})) for (s, t), f in sorted(funders.items()) if f - {region_id}]


def score_report(gold_path: Path, text_path: Path | None = None) -> Score:
    from .pipeline import extract_document

    gold = read_yaml(gold_path)
    text_path = text_path or (gold_path.parent / gold["document"]).resolve()
    extraction = extract_document(text_path)
    return score_report_graph(gold, extraction.graph, gold_path.name)


def score_report_graph(gold: dict, graph: GraphData, source: str) -> Score:
    keys = ActorKeys(gold.get("actors"))
    initiative_aliases = {fold(i["name"]): spelled(i) for i in gold.get("initiatives") or []}

    def what_matches(target: str, what: str) -> bool:
        also = [a for alt in name_alternatives(what) for a in initiative_aliases.get(fold(alt), [])]
        return names_match(_node_names(graph, target), what, also)

    region_key = keys.key(gold["region"])
    region_id = next((n.id for n in graph.by_label("Actor") if region_key in keys.node_keys(graph, n.id)), None)
    score = Score(source)
    items = cofinancing_items(graph, region_id)
    for section in REPORT_SECTIONS:
        predicted = [i for i in items if i[0] == section]
        expected = [g for g in gold.get("cofinancing") or [] if str(g["section"]) == section]

        def same(p, g) -> bool:
            _, target, funders = p
            partners = [x for x in g["partners"] if keys.key(x) != region_key]
            return (
                len(funders) == len(partners)
                and all(any(keys.matches(graph, f, x) for f in funders) for x in partners)
                and what_matches(target, g["what"])
            )

        wrong, missed, right = _match_one_to_one(predicted, expected, same)
        score.tallies[f"cofinancing {section}"] = Tally(
            len(expected), len(predicted), right,
            [f"{section}: {', '.join(g['partners'])} -> {g['what']}" for g in missed],
            [f"{section}: {', '.join(sorted(graph.nodes[f].name for f in fs if f in graph.nodes))} -> "
             f"{graph.nodes[t].name if t in graph.nodes else t}" for _, t, fs in wrong],
        )
    score.tallies["funding"] = _score_funding(gold, graph, keys)
    return score


def _score_funding(gold: dict, graph: GraphData, keys: ActorKeys) -> Tally:
    """Recall of the gold's funding facts anywhere in the report (funder and what; the amount
    too where the gold states one). Precision is not scored here: the gold lists only a sample."""
    facts = [(r.source, r.target, r.props.get("amount_sek")) for r in graph.relationships.values() if r.type == "FINANCES"]
    tally = Tally(gold=len(gold.get("funding") or []))
    for g in gold.get("funding") or []:
        found = any(
            keys.matches(graph, s, g["funder"]) and names_match(_node_names(graph, t), g["what"])
            and (g.get("amount_sek") in (None, a))
            for s, t, a in facts
        )
        tally.right += found
        tally.predicted += found
        if not found:
            tally.missed.append(f"{g['section']}: {g['funder']} -> {g['what']} ({g.get('amount_sek')})")
    return tally


def score_file(path: Path) -> Score:
    """A passages file or a report's gold file, told apart by their shape."""
    raw = read_yaml(path)
    if isinstance(raw, list):
        return score_passages(path)
    if isinstance(raw, dict) and "cofinancing" in raw:
        return score_report(path)
    from samverkan.errors import InputError

    raise InputError(f"{path}: neither a passages file (a list) nor a report gold file (with 'cofinancing')")


def measured_by_rule(eval_dir: Path | None = None) -> dict[str, tuple[int, int]]:
    """Rule id -> (facts, right) over every passages file of the evaluation sets."""
    from samverkan.settings import DATA_DIR

    total = Score("passages")
    for path in sorted((eval_dir or DATA_DIR / "eval").glob("*passages*.yaml")):
        total.add(score_passages(path))
    return {rule: (t.predicted, t.right) for rule, t in total.rules.items()}


def format_rules(score: Score) -> str:
    """Each rule's precision: the share of the facts it made that the gold has."""
    lines = [f"  {'rule':<28}{'facts':>7}{'right':>7}{'precision':>11}"]
    for name in sorted(score.rules, key=lambda n: (-score.rules[n].predicted, n)):
        t = score.rules[name]
        lines.append(f"  {name:<28}{t.predicted:>7}{t.right:>7}{t.precision:>11.2f}")
    return "\n".join(lines)


def format_score(score: Score, details: bool = False) -> str:
    lines = [f"{score.source}", f"  {'':<18}{'gold':>6}{'found':>7}{'right':>7}{'recall':>8}{'precision':>11}"]
    for name in sorted(score.tallies):
        t = score.tallies[name]
        lines.append(f"  {name:<18}{t.gold:>6}{t.predicted:>7}{t.right:>7}{t.recall:>8.2f}{t.precision:>11.2f}")
    cofin = [t for n, t in score.tallies.items() if n.startswith("cofinancing")]
    if cofin:
        total = Tally()
        for t in cofin:
            total.add(t)
        lines.append(f"  {'cofinancing 3.x':<18}{total.gold:>6}{total.predicted:>7}{total.right:>7}"
                     f"{total.recall:>8.2f}{total.precision:>11.2f}")
    if details:
        for name in sorted(score.tallies):
            t = score.tallies[name]
            lines += [f"  missed {name}: {m}" for m in t.missed]
            lines += [f"  wrong  {name}: {w}" for w in t.wrong]
    return "\n".join(lines)
