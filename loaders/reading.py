"""Read a document's sentences in order: analyse each, apply the rules, remember the context.

Besides the rules' own facts, three things need more than one sentence:
- projects of a decision: after "I juni beviljades elva projekt 60 miljoner kronor från ESF och
  ERUF", each project the next sentences name is financed by those funds ("Inom Socialfonden
  är X huvudman för Y" narrows it to the fund the sentence opens with);
- areas in the next sentence: "… har finansierats tillsammans med A och B. Det rör till exempel
  insatser som C, D och E" — C, D and E are what was financed, not the generic "insatser";
- "Partnerskapet" after "A och B har tecknat ett avtal" is their partnership, in which both take part.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .actors import ActorFinder
from .analysis import Analysis, analyse
from .discourse import Discourse
from .gazetteer import Gazetteer
from .initiatives import InitiativeFinder
from .metadata import Metadata
from .rules import Document, Engine, Fact, Trace
from .sections import Layout
from .sentences import Sentence
from .strategies import split_areas
from .template import counterpart
from .words import Lexicon, get_lexicon

PROGRAMME_RELATIONS = ("LEADS", "PARTICIPATES_IN", "FINANCES")
NAMED_KINDS = ("project", "programme", "network", "study", "strategy")


@dataclass
class Reading:
    facts: list[Fact]
    mentions: dict[tuple[str, str, str], list[Sentence]]
    analyses: list[Analysis] = field(default_factory=list)
    traces: list[Trace] = field(default_factory=list)


def counterpart_id(number: str, actors: ActorFinder, gazetteer: Gazetteer, county: str | None) -> str | None:
    kind = counterpart(number)
    if kind == "municipalities":
        return actors.collective_id
    if kind and county:
        match = next((a for a in gazetteer.by_type(kind) if county in a.counties), None)
        return match.id if match else None
    return None


def is_report(layout: Layout) -> bool:
    """A report in the template (numbered sections of chapter 3), not a plain passage."""
    return any(s.number.startswith("3.") for s in layout.sections)


def new_discourse(lexicon: Lexicon, actors: ActorFinder, initiatives: InitiativeFinder, region_id: str | None,
                  report: bool) -> Discourse:
    return Discourse(
        lexicon=lexicon,
        actor_type=lambda x: actors.record(x).type,
        initiative_name=lambda x: initiatives.records[x].name if x in initiatives.records else x,
        initiative_kind=lambda x: initiatives.records[x].kind if x in initiatives.records else "",
        make_initiative=lambda name, kind: initiatives.add(name, kind, "collaboration-anaphora"),
        actor_name=lambda x: actors.record(x).name,
        region_id=region_id,
        is_report=report,
    )


def read_relations(sentences: list[Sentence], layout: Layout, meta: Metadata, actors: ActorFinder,
                   initiatives: InitiativeFinder, gazetteer: Gazetteer, keep: bool = False) -> Reading:
    lexicon = get_lexicon()
    engine = Engine(lexicon=lexicon)
    report = is_report(layout)
    discourse = new_discourse(lexicon, actors, initiatives, meta.region_id, report)
    doc = Document(actors, initiatives, discourse, meta.region_id, report)
    counterparts = {s.number: counterpart_id(s.number, actors, gazetteer, meta.county) for s in layout.sections}
    titles = {s.number: s.title for s in layout.sections if s.number != "0"}
    reading = Reading([], defaultdict(list))
    by_sentence: list[list[Fact]] = []
    for sentence in sentences:
        discourse.begin(sentence.section)
        row = initiatives.row_of_line.get(sentence.line)
        if row:
            discourse.topic = (discourse.index, row)
        a = analyse(sentence, actors, initiatives, lexicon, discourse)
        doc.counterpart_id = counterparts.get(sentence.section)
        doc.section_title = titles.get(sentence.section, "")
        trace = Trace() if keep else None
        known = set(actors.records)
        facts = engine.apply(a, doc, trace)
        if set(actors.records) - known:  # the rules named new organisations: they are mentioned here
            a.actors += [m for m in actors.mentions(sentence.text) if m.id not in known
                         and not any(x.id == m.id and x.start == m.start for x in a.actors)]
        facts += _programme_facts(a, facts, discourse, actors, initiatives, lexicon)
        facts += _partnership_facts(a, discourse)
        for m in a.actors + a.initiatives:
            reading.mentions[(m.kind, m.id, sentence.section)].append(sentence)
        named = [f.target for f in facts if f.target in initiatives.records
                 and initiatives.records[f.target].method != "operations" and initiatives.records[f.target].kind != "area"]
        discourse.observe(a, _subject_initiative(a, lexicon), named,
                          [(f.source, f.target) for f in facts if f.type == "COLLABORATES_WITH"])
        by_sentence.append(facts)
        if keep:
            reading.analyses.append(a)
            reading.traces.append(trace)
    _areas_of_next_sentence(sentences, by_sentence, initiatives, lexicon)
    reading.facts = [f for facts in by_sentence for f in facts]
    return reading


def _subject_initiative(a: Analysis, lexicon: Lexicon) -> str | None:
    """The initiative a sentence opens with ("Projektet X …", "I projektet X …", "X finansieras …")."""
    k = 0
    while k < len(a.tokens) and k < 2 and (a.tokens[k].text.lower() in ("i", "inom") or lexicon.initiative_kind(a.tokens[k].text)):
        k += 1
    if k >= len(a.tokens):
        return None
    return next((m.id for m in a.initiatives if m.start == a.tokens[k].start), None)


def _programme_facts(a: Analysis, facts: list[Fact], discourse: Discourse, actors: ActorFinder,
                     initiatives: InitiativeFinder, lexicon: Lexicon) -> list[Fact]:
    """The funders of a decision's projects finance each project named after it."""
    fund = None
    if a.tokens and a.tokens[0].text.lower() in ("inom", "i"):
        opening = next((m for m in a.actors if a.tokens[1:2] and m.start == a.tokens[1].start), None)
        if opening and actors.record(opening.id).type == "eu_fund_programme":
            fund = opening.id
    programme = discourse.programme_funders()
    funders = [fund] if fund else (programme.funders if programme and programme.sentence != discourse.index else [])
    if not funders:
        return []
    out = []
    have = {(f.source, f.target) for f in facts if f.type == "FINANCES"}
    for fact in facts:
        if fact.type not in PROGRAMME_RELATIONS or fact.target not in initiatives.records:
            continue
        if initiatives.records[fact.target].kind not in NAMED_KINDS:
            continue
        for funder in funders:
            if (funder, fact.target) not in have and funder != fact.target:
                have.add((funder, fact.target))
                out.append(Fact("FINANCES", funder, fact.target, "programme-projects", 0.75, a.sentence, {}))
    return out


def _partnership_facts(a: Analysis, discourse: Discourse) -> list[Fact]:
    out = []
    for m in a.initiatives:
        parties = discourse.collaboration_initiatives.get(m.id)
        if parties and m.via == "anaphora":
            out += [Fact("PARTICIPATES_IN", p, m.id, "partnership-anaphora", 0.7, a.sentence, {}) for p in parties]
    return out


def _area_cue(lexicon: Lexicon) -> re.Pattern:
    """"… inom områden som A, B och C.", "Det rör till exempel insatser som A och B."."""
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(c) for c in lexicon.area_list_cues) + r")\s+(.+?)(?:\.|;|$)")


def _is_generic(name: str, lexicon: Lexicon) -> bool:
    """"Projekt med 1:1 anslag", "Olika insatser inom innovationsområdet": a generic head noun."""
    words = [w for w in re.findall(r"[\w:-]+", name) if w.lower() not in lexicon.lists["determiners"]
             and w.lower() not in lexicon.lists["numerals"]]
    return bool(words) and lexicon.head(words[0]) in lexicon.classes["generic_noun"]


def _areas_of_next_sentence(sentences: list[Sentence], by_sentence: list[list[Fact]], initiatives: InitiativeFinder,
                            lexicon: Lexicon) -> None:
    cue = _area_cue(lexicon)
    for k in range(len(sentences) - 1):
        generic = [f for f in by_sentence[k] if f.type == "FINANCES" and f.target in initiatives.records
                   and _is_generic(initiatives.records[f.target].name, lexicon)]
        nxt = sentences[k + 1]
        if not generic or nxt.section != sentences[k].section:
            continue
        m = cue.search(nxt.text)
        if not m:
            continue
        areas = [initiatives.area(item) for item in split_areas(m.group(1))]
        areas = [x for x in areas if x]
        if not areas:
            continue
        joined = Sentence(f"{sentences[k].text} {nxt.text}", sentences[k].line, nxt.end_line, sentences[k].section,
                          sentences[k].answers)
        for fact in generic:
            by_sentence[k].remove(fact)
            for area in areas:
                by_sentence[k].append(Fact("FINANCES", fact.source, area, fact.method + "+areas", fact.confidence,
                                           joined, dict(fact.props)))
