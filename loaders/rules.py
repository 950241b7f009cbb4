"""Relation rules as data: loaders/rules/*.yaml, applied clause by clause.

Each rule has an `id` (the `method` of every fact it makes), one or more cue patterns
(loaders/patterns.py), the facts it makes — each a relation with an ordered list of source
strategies and of target strategies (loaders/strategies.py; "a+b" takes both) —, conditions
it `requires`, a `confidence` (a prior: loaders/calibration.py replaces it by the precision
measured on the evaluation passages), and `examples` (sentence -> expected facts) and
`counterexamples` (sentences where it must make nothing). tests/loaders/test_rules.py runs
every example; `samverkan explain` shows which rules fired or nearly fired on a sentence.

Order matters: the rules of a file apply in order, and tokens a rule's cue matched (when it
made a fact) are not cues for the rules after it.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from samverkan.graph.schema import REL_TYPES
from samverkan.yamlio import read_yaml

from .actors import ActorFinder, Mention
from .analysis import Analysis
from .amounts import names_a_total, share_of_total
from .calibration import read_calibration
from .clauses import Clause, is_finite_verb, split_clauses
from .discourse import Discourse
from .initiatives import InitiativeFinder
from .patterns import Pattern, TokenView, compile_pattern, could_match, find_all
from .phrases import PhraseReader, Target, run_after
from .sentences import Sentence
from .strategies import SOURCES, TARGETS, Slots
from .words import Lexicon, get_lexicon

RULES_DIR = Path(__file__).resolve().parent / "rules"
# What a rule may require (`requires:` in the rule files): money named after the cue (`money`)
# or none (`no_money`), a report (`report`) and its co-financing question (`cofinance_answer`),
# a named initiative as target (`named_target`), no other rule's facts in the clause (`alone`),
# and no application verb before the cue (`decided`: "har sökt medel ur X" is no grant yet).
REQUIREMENTS = {"money", "report", "cofinance_answer", "named_target", "no_money", "alone", "decided"}


class RuleError(ValueError):
    pass


@dataclass
class Fact:
    type: str
    source: str
    target: str
    method: str
    confidence: float
    sentence: Sentence
    props: dict = field(default_factory=dict)


@dataclass(frozen=True)
class FactSpec:
    relation: str
    sources: tuple[tuple[str, ...], ...]  # fallbacks, each a union of strategies
    targets: tuple[tuple[str, ...], ...]
    amount: bool = False


@dataclass(frozen=True)
class Rule:
    id: str
    cues: tuple[Pattern, ...]
    facts: tuple[FactSpec, ...]
    confidence: float  # calibrated on the evaluation passages where measured, else the prior
    requires: frozenset[str] = frozenset()
    description: str = ""
    examples: tuple[dict, ...] = ()
    counterexamples: tuple[str, ...] = ()
    file: str = ""
    prior: float = 0.8  # the confidence the rule file declares


def _strategies(value, known: dict, rule_id: str) -> tuple[tuple[str, ...], ...]:
    out = []
    for entry in value if isinstance(value, list) else [value]:
        names = tuple(str(entry).split("+"))
        for name in names:
            if name not in known:
                raise RuleError(f"rule {rule_id}: unknown strategy {name!r} (known: {', '.join(sorted(known))})")
        out.append(names)
    return tuple(out)


def parse_rule(raw: dict, file: str = "") -> Rule:
    rule_id = raw.get("id")
    if not rule_id:
        raise RuleError(f"{file}: a rule without an id")
    cues = raw.get("cue") or raw.get("cues")
    cues = [cues] if isinstance(cues, str) else list(cues or [])
    if not cues:
        raise RuleError(f"rule {rule_id}: no cue")
    facts = []
    for spec in raw.get("facts") or []:
        relation = spec["relation"]
        if relation not in REL_TYPES:
            raise RuleError(f"rule {rule_id}: unknown relation {relation!r}")
        facts.append(FactSpec(relation, _strategies(spec["source"], SOURCES, rule_id),
                              _strategies(spec["target"], TARGETS, rule_id), bool(spec.get("amount"))))
    requires = frozenset(raw.get("requires") or [])
    if requires - REQUIREMENTS:
        raise RuleError(f"rule {rule_id}: unknown requirement {sorted(requires - REQUIREMENTS)}")
    prior = float(raw.get("confidence", 0.8))
    measured = read_calibration().get(rule_id)
    return Rule(rule_id, tuple(compile_pattern(c) for c in cues), tuple(facts), measured.confidence if measured else prior,
                requires, raw.get("description", ""), tuple(raw.get("examples") or []),
                tuple(raw.get("counterexamples") or []), file, prior)


def read_rules(directory: Path = RULES_DIR) -> list[Rule]:
    rules: list[Rule] = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name == "lexicon.yaml":
            continue
        for raw in read_yaml(path) or []:
            rules.append(parse_rule(raw, path.name))
    ids = [r.id for r in rules]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise RuleError(f"duplicate rule ids: {sorted(duplicates)}")
    return rules


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    return tuple(sorted(read_rules(), key=lambda r: RULE_FILE_ORDER.get(r.file, 99)))


RULE_FILE_ORDER = {"financing.yaml": 0, "ownership.yaml": 1, "participation.yaml": 2, "collaboration.yaml": 3}


# --- applying rules ------------------------------------------------------------------------
@dataclass
class Trace:
    """What happened on one sentence, for `samverkan explain`."""

    fired: list[tuple[str, str, list[Fact]]] = field(default_factory=list)  # rule, cue text, facts
    near: list[tuple[str, str, str]] = field(default_factory=list)  # rule, cue text, why nothing came of it
    clauses: list[str] = field(default_factory=list)


@dataclass
class Document:
    """The per-document context the rules need."""

    actors: ActorFinder
    initiatives: InitiativeFinder
    discourse: Discourse
    region_id: str | None
    is_report: bool
    counterpart_id: str | None = None
    section_title: str = ""


class Engine:
    def __init__(self, rules: tuple[Rule, ...] | None = None, lexicon: Lexicon | None = None):
        self.rules = rules if rules is not None else load_rules()
        self.lexicon = lexicon or get_lexicon()

    def apply(self, a: Analysis, doc: Document, trace: Trace | None = None) -> list[Fact]:
        clauses = split_clauses(a, self.lexicon)
        reader = PhraseReader(a, self.lexicon, frozenset(doc.actors.places))
        view = TokenView.of(a.tokens, self.lexicon)
        patterns = [(rule, p) for rule in self.rules for p in rule.cues if could_match(p, view)]
        units = a.unit_ends
        facts: list[Fact] = []
        previous_targets: list[Target] = []
        previous_fired: list[tuple[Rule, Slots]] = []
        for clause in clauses:
            if trace is not None:
                trace.clauses.append(a.text[a.char_of(clause.start) : a.tokens[clause.end - 1].end])
            if self._negated(a, clause):
                if trace is not None:
                    trace.near.append(("(negation)", trace.clauses[-1], "the clause is negated: no facts"))
                previous_fired = []
                continue
            fired: list[tuple[Rule, Slots]] = []
            used: list[tuple[int, int]] = []
            clause_targets: list[Target] = []
            for rule, pattern in patterns:
                for s, e in find_all(pattern, view, clause.start, clause.end, a.amount_ends, units):
                    if any(s < ue and us < e for us, ue in used) or clause.in_hole(s):
                        continue
                    slots = self._slots(a, clause, clauses, s, e, doc, reader, previous_targets)
                    slots.clause_has_facts = bool(fired)
                    made, targets, why = self._fire(rule, slots, doc)
                    cue_text = a.text[a.char_of(s) : a.tokens[e - 1].end]
                    if made or slots.remembered:
                        facts += made
                        used.append((s, e))
                        fired.append((rule, slots))
                        clause_targets += targets
                    if trace is not None:
                        (trace.fired.append((rule.id, cue_text, made)) if made
                         else trace.near.append((rule.id, cue_text, why)))
            if not fired and previous_fired and self._gapped(a, clause):
                cue = self._gap_point(a, clause)
                for rule, earlier in previous_fired:
                    slots = self._slots(a, clause, clauses, cue, cue, doc, reader, previous_targets)
                    slots.inherited = earlier.found_sources
                    made, targets, why = self._fire(rule, slots, doc, gapped=True)
                    facts += [self._mark_gapped(f) for f in made]
                    clause_targets += targets
                    if trace is not None:
                        (trace.fired.append((rule.id + " (gapping)", "", made)) if made
                         else trace.near.append((rule.id + " (gapping)", "", why)))
                fired = previous_fired
            previous_fired = fired or previous_fired
            previous_targets = clause_targets or previous_targets
        return facts

    @staticmethod
    def _mark_gapped(fact: Fact) -> Fact:
        fact.props["gapping"] = True
        return fact

    def _slots(self, a, clause, clauses, s, e, doc: Document, reader, previous_targets) -> Slots:
        return Slots(a, clause, clauses, s, e, self.lexicon, doc.discourse, doc.actors, reader, doc.region_id,
                     doc.is_report, doc.counterpart_id, doc.section_title, previous_targets)

    def _negated(self, a: Analysis, clause: Clause) -> bool:
        words = [t.text.lower() for t in a.tokens[clause.start : clause.end]]
        for i, w in enumerate(words):
            if w in self.lexicon.lists["negation"] and not (i + 1 < len(words) and words[i + 1] in ("bara", "minst", "enbart", "endast")):
                return True
        return False

    def _gapped(self, a: Analysis, clause: Clause) -> bool:
        """"… och Blue Science Park AB 7 414 185 kronor för Marinteknisk nod", "… och regionen med
        motsvarande belopp", ", Kalix kommun för Gränshandel 2.0": a party and the rest of a
        clause whose verb was left out."""
        if clause.connector not in ("och", ",", ";", "medan"):
            return False
        start = clause.start + (1 if clause.connector in ("och", "medan") else 0)
        if start in a.amount_ends:
            return True  # "… och 9 mnkr för Y": subject and verb both left out
        run = run_after(a, a.char_of(start), a.tokens[clause.end - 1].end)
        if not run or run[0].start != a.char_of(start):
            return False
        after = a.token_index(run[-1].end - 1) + 1
        if after >= clause.end:
            return False
        w = a.tokens[after].text.lower()
        return after in a.amount_ends or w in ("för", "med", "till", "sammanlagt", "totalt", "högst", "drygt")

    @staticmethod
    def _gap_point(a: Analysis, clause: Clause) -> int:
        start = clause.start + (1 if clause.connector in ("och", "medan") else 0)
        if start in a.amount_ends:
            return start
        run = run_after(a, a.char_of(start), a.tokens[clause.end - 1].end)
        return a.token_index(run[-1].end - 1) + 1

    # --- one cue ---------------------------------------------------------------------
    def _fire(self, rule: Rule, s: Slots, doc: Document, gapped: bool = False) -> tuple[list[Fact], list[Target], str]:
        why = self._unmet(rule, s, doc)
        if why:
            return [], [], why
        made: list[Fact] = []
        all_targets: list[Target] = []
        why = ""
        for n, spec in enumerate(rule.facts):
            # targets first: a source strategy may name a new actor, and only for a fact made
            targets = self._first(spec.targets, TARGETS, s)
            # a party is not its own partner: sources that are targets fall to the next strategy
            listed = frozenset(t.value for t in targets if t.kind == "actor")
            sources = self._first(spec.sources, SOURCES, s, listed) if targets else []
            if gapped and spec.relation == "FINANCES" and targets:
                # "… 3,5 mnkr av A och 4,1 mnkr från B": the gapped clause names its own source
                sources = SOURCES["from"](s) or SOURCES["agent_after"](s) or sources
            sources = sources or (s.inherited.get(n, []) if gapped and targets else [])
            s.found_sources[n] = sources
            if not sources or not targets:
                missing, tried = ("target", spec.targets) if not targets else ("source", spec.sources)
                why = f"{spec.relation}: no {missing} ({' | '.join('+'.join(x) for x in tried)})"
                continue
            if "named_target" in rule.requires and all(t.kind == "phrase" and t.initiative_kind == "activity" for t in targets):
                why = f"{spec.relation}: the target is no named initiative"
                continue
            all_targets += targets
            amount = self._amount(s) if spec.amount and (len(sources) == 1 or self._each(s)) else None
            for target in targets:
                for relation, target_id in self._target_ids(spec.relation, target, rule, s, doc, sources):
                    for source in sources:
                        if source == target_id:
                            continue
                        props = {}
                        if amount is not None:
                            props["amount_sek"] = amount
                        if relation == "FINANCES":
                            instrument = self._instrument(s, source, doc)
                            if instrument:
                                props["instrument"] = instrument
                        made.append(Fact(relation, source, target_id, rule.id, rule.confidence, s.a.sentence, props))
        if not made and s.remembered:
            why = "a group of projects: its funders finance each project named next"
        return made, all_targets, why if not made else ""

    def _unmet(self, rule: Rule, s: Slots, doc: Document) -> str:
        if "report" in rule.requires and not doc.is_report:
            return "applies to reports only"
        if "cofinance_answer" in rule.requires and s.a.sentence.answers != "cofinance":
            return "applies only under the co-financing question"
        after = s.a.tokens[s.cue_start : s.clause.end]
        money = any(i in s.a.amount_ends for i in range(s.cue_start, s.clause.end)) or any(
            self.lexicon.is_a(t.text, "funding_noun") or self.lexicon.is_a(t.text, "share_noun")
            or self.lexicon.instrument(t.text) for t in after)
        if "money" in rule.requires and not money:
            return "no amount, funds or share named after the cue"
        if "no_money" in rule.requires and money:
            return "money is named: a financing rule reads this"
        if "decided" in rule.requires and self._applied_for(s):
            return "money applied for, not granted"
        if "alone" in rule.requires and s.clause_has_facts:
            return "another rule read this clause (it is the same statement)"
        return ""

    def _applied_for(self, s: Slots) -> bool:
        """The verb nearest before the cue asks for the money ("har sökt medel ur X"; not "söker
        600 000 kronor … och får 300 000 kronor i medfinansiering från Y")."""
        for t in reversed(s.a.tokens[s.clause.start : s.cue_start]):
            if self.lexicon.is_a(t.text, "application_verb"):
                return True
            if is_finite_verb(t.text, self.lexicon):
                return False
        return False

    @staticmethod
    def _first(fallbacks, registry, s: Slots, exclude: frozenset = frozenset()) -> list:
        """The first strategy that finds something not in `exclude`; when every strategy finds
        only excluded ones, the first that found any ("A och B samverkar": the pair itself)."""
        among_excluded: list = []
        for names in fallbacks:
            found = []
            for name in names:
                for x in registry[name](s):
                    if x not in found:
                        found.append(x)
            if any(x not in exclude for x in found):
                return [x for x in found if x not in exclude]
            among_excluded = among_excluded or found
        return among_excluded

    @staticmethod
    def _each(s: Slots) -> bool:
        """"Kommunerna bidrar med 400 000 kronor vardera", "med 2,5 mnkr var": the sum is each party's."""
        return any(re.match(r"\s+(?:vardera|var|per kommun|per part)\b", s.text[x.end : s.clause_end_char])
                   for x in s.a.amounts if s.clause_start_char <= x.start < s.clause_end_char)

    def _amount(self, s: Slots) -> int | None:
        lo, hi = s.char(s.cue_start), s.clause_end_char
        after = [x for x in s.a.amounts if lo <= x.start < hi]
        if after:
            before = s.text[s.clause_start_char : after[0].start]
            if names_a_total(before):  # "står för hälften av den totala kostnaden på 8 mnkr": 4 mnkr
                return share_of_total(before, after[0].sek)
            return after[0].sek
        before = [x for x in s.a.amounts if s.clause_start_char <= x.start < lo]
        return before[-1].sek if before else None

    def _instrument(self, s: Slots, funder: str, doc: Document) -> str | None:
        """The instruments a clause names, given to the funder they belong to: an EU fund named
        as a funder gets its own; "1:1" and "egna medel" belong to the region."""
        clause_text = s.text[s.clause_start_char : s.clause_end_char]
        found = [n.strip() for n in (self.lexicon.instrument(clause_text) or "").split(",") if n.strip()]
        if not found:
            return None
        funder_type = doc.actors.record(funder).type if funder in doc.actors.records or funder in doc.actors.gazetteer.actors else ""
        eu = [n for n in found if n in ("ERUF", "ESF", "Interreg", "Landsbygdsprogrammet")]
        if funder_type == "eu_fund_programme":
            own = eu
        elif funder == doc.region_id:
            own = [n for n in found if n in ("1:1", "egna medel")]
        else:
            own = []
        return ", ".join(own) or None

    def _target_ids(self, relation: str, target: Target, rule: Rule, s: Slots, doc: Document,
                    sources: list[str]) -> list[tuple[str, str]]:
        if target.kind == "initiative":
            return [(relation, target.value)]
        if target.kind == "phrase":
            target = self._with_grant_noun(target, s)
            add = doc.initiatives.area if target.initiative_kind == "area" else None
            by_kind = self._named_by_kind(target, s)
            initiative = add(target.value) if add else doc.initiatives.add(
                target.value, target.initiative_kind, rule.id, list(target.nyps),
                alias=target.aliases[0] if target.aliases else None, certain=by_kind)
            if initiative and by_kind:
                # "satsningen Visual Sweden": the text calls the organisation's name an initiative here
                named = s.text[target.start : target.end].split(maxsplit=1)[1]
                s.a.actors[:] = [m for m in s.a.actors if not (m.text == named and target.start < m.start < target.end)]
            if initiative and target.end > target.start and not any(
                    m.start < target.end and target.start < m.end for m in s.a.initiatives):
                # later clauses of the sentence may point back at it ("…, som finansieras av X")
                s.a.initiatives.append(Mention(initiative, "initiative", target.start, target.end,
                                               s.text[target.start : target.end], via="rule"))
                s.a.initiatives.sort(key=lambda m: m.start)
            return [(relation, initiative)] if initiative else []
        if target.kind == "collective":
            if relation != "FINANCES":
                return []
            doc.discourse.remember_programme(sources, s.a.sentence.line)  # for the projects named next
            s.remembered = True
            if doc.is_report:
                # In a report's answer, a described group is itself what was co-financed
                # ("Fyra pågående ERUF-projekt inom tematiska mål 3 finansieras tillsammans med …").
                phrase = s.reader.group_phrase(target)
                if phrase:
                    return self._target_ids(relation, phrase, rule, s, doc, sources)
            return []
        if target.kind == "actor":
            if relation == "FINANCES":
                return [(relation, self._operations(target, s, doc))]
            if relation in ("PARTICIPATES_IN",):
                return [("MEMBER_OF", target.value)]
            if relation in ("COLLABORATES_WITH", "MEMBER_OF"):
                return [(relation, target.value)]
        return []

    def _with_grant_noun(self, target: Target, s: Slots) -> Target:
        """"driftstöd till lanthandlare": a grant to a group that is no organisation is named
        with the grant ("Driftstöd till lanthandlare"), not as the group alone."""
        cue_start = s.char(s.cue_start)
        words = s.text[cue_start : target.start].split()
        if len(words) == 2 and words[1] == "till" and self.lexicon.is_a(words[0], "grant_noun"):
            text = s.text[cue_start : target.end]
            return replace(target, value=text[:1].upper() + text[1:], start=cue_start)
        return target

    def _named_by_kind(self, target: Target, s: Slots) -> bool:
        """"finansierat satsningen Visual Sweden": a kind noun right before a name says the name
        is an initiative's, even where an organisation of that name is known."""
        words = s.text[target.start : target.end].split()
        return len(words) >= 2 and words[0][:1].islower() and bool(self.lexicon.initiative_kind(words[0])) \
            and words[1][:1].isupper()

    def _operations(self, target: Target, s: Slots, doc: Document) -> str:
        """An organisation financed as a whole: its operations, named as the text names the
        grant ("organisationsbidrag till Coompanion") or the organisation (its canonical name
        where that only adds to what the text wrote: "Coompanion" -> "Coompanion Halland")."""
        canonical = doc.actors.record(target.value).name
        surface = s.text[target.start : target.end] if target.end > target.start else canonical
        pointer = surface.lower() in self.lexicon.actor_anaphora or not surface[:1].isupper()
        name = canonical if pointer or set(surface.lower().split()) <= set(canonical.lower().split()) else surface
        grant = next((t.text.lower() for t in s.a.tokens if self.lexicon.is_a(t.text, "grant_noun")), None)
        label = f"{self.lexicon.lemma(grant)} till {name}" if grant else name
        initiative = doc.initiatives.add(label[:1].upper() + label[1:], "activity", "operations")
        if initiative is None:  # the name is an actor's: keep the activity apart by its kind word
            initiative = doc.initiatives.add(f"{name} (verksamhet)", "activity", "operations")
        return initiative
