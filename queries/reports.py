"""The collaboration lists of the report's sections 3.1–3.5, built from catalogue queries.

`build_report(store, sections)` returns a `Report`: per section, headed with the template's
own section title and questions,

- "Inom vilka områden eller processer har samverkan skett?": a row per partner (every actor
  with a fact in the section except the reporting region itself) with the initiatives,
  areas and councils the facts name (`collaborations_by_section`);
- "Inom vilka områden har gemensam finansiering skett?": a row per co-financed initiative
  with its funders, the sums stated (Swedish style: "45,8 mnkr", "180 563 kr") and the
  instruments (`cofinance_facts`);
- "Exempel på resultat …": the sentences the loaders marked as answering the template's
  results sub-question (`section_results`).

Every row carries references to the sentences it rests on ("avsnitt 3.1, rad 4632") and the
sentences themselves, verbatim; a sentence that opens with a reference ("Projektet som …",
"Dessa mål …") gets its context beside it ("Sammanhang (rad 4655): …", an earlier sentence
of the report close above it, or the initiative the fact is about). The writers (Markdown,
CSV, XLSX, DOCX) are in queries/report_writers.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from samverkan.errors import QueryError
from samverkan.graph.money import format_sek
from samverkan.graph.schema import SCHEMA

from .catalogue import run_named

REPORT_CHAPTER = "3"

NO_DATA = "Inga uppgifter i grafen."
INTRO = ("Underlag: {title} ({doc}). Varje rad hänvisar till de meningar i rapporten som den bygger på; "
         "siffran inom hakparentes pekar på citatet under avsnittets Underlag.")


# =====================================================================================
# Formatting
# =====================================================================================
def reference(section: str, line: int | None) -> str:
    """The evidence reference of a report row: "avsnitt 3.1, rad 4632"."""
    return f"avsnitt {section}, rad {line}" if line is not None else f"avsnitt {section}"


def actor_type_sv(value: str | None) -> str:
    spec = SCHEMA.actor_types.get(value or "")
    return spec.get("label_sv", value or "") if spec else (value or "")


def kind_sv(value: str | None) -> str:
    spec = SCHEMA.initiative_kinds.get(value or "")
    return spec.get("label_sv", value or "") if spec else (value or "")


# =====================================================================================
# The report model
# =====================================================================================
@dataclass(frozen=True)
class Evidence:
    doc: str
    section: str
    line: int | None
    sentence: str

    @property
    def ref(self) -> str:
        return reference(self.section, self.line)

    def key(self) -> tuple:
        return (self.doc, _section_key(self.section), self.line if self.line is not None else -1, self.sentence)


@dataclass
class PartnerRow:
    """A partner the section names, and what the facts tie it to."""

    actor: str
    name: str
    type: str
    what: list[str]            # initiatives, councils and areas, in order of first mention
    relations: list[str]       # "samverkar", "finansierar", ... (Swedish, distinct)
    evidence: list[Evidence]


@dataclass
class Funding:
    funder: str
    name: str
    amount_sek: int | None
    instrument: str | None


@dataclass
class CofinanceRow:
    initiative: str
    name: str
    kind: str
    partners: list[str]        # funders' names, sorted
    funding: list[Funding]     # one per funder with the sums stated
    instruments: list[str]
    evidence: list[Evidence]

    @property
    def amounts(self) -> str:
        """"Tillväxtverket 45,8 mnkr; Region X 2,5 mnkr" (only the sums the text states)."""
        parts = []
        for f in self.funding:
            if f.amount_sek is not None:
                parts.append(f"{f.name} {format_sek(f.amount_sek)}")
        return "; ".join(parts)

    @property
    def total_sek(self) -> int | None:
        known = [f.amount_sek for f in self.funding if f.amount_sek is not None]
        return sum(known) if known else None


@dataclass
class ResultRow:
    sentence: str
    evidence: Evidence


@dataclass
class SectionReport:
    number: str
    title: str
    questions: dict[str, str]  # areas, cofinance, results -> the template's question
    partners: list[PartnerRow] = field(default_factory=list)
    cofinance: list[CofinanceRow] = field(default_factory=list)
    results: list[ResultRow] = field(default_factory=list)
    # the facts behind the lists, one dict per fact (the catalogue rows): the partner facts
    # (collaborations_by_section, the reporting region's own side left out) and the
    # co-financing facts (cofinance_facts); the xlsx writes one row per fact
    partner_facts: list[dict[str, Any]] = field(default_factory=list)
    funding_facts: list[dict[str, Any]] = field(default_factory=list)
    # evidence key -> the context of a sentence that does not stand alone (see `Context`)
    contexts: dict[tuple, "Context"] = field(default_factory=dict)

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"

    def context(self, ev: Evidence) -> "Context | None":
        return self.contexts.get(ev.key())

    def sources(self) -> list[Evidence]:
        """Every evidence sentence of the section, once, in text order (the numbered list
        the Markdown and Word reports print under the section)."""
        seen: dict[tuple, Evidence] = {}
        for row in self.partners:
            for ev in row.evidence:
                seen.setdefault(ev.key(), ev)
        for row in self.cofinance:
            for ev in row.evidence:
                seen.setdefault(ev.key(), ev)
        for row in self.results:
            seen.setdefault(row.evidence.key(), row.evidence)
        return [seen[k] for k in sorted(seen)]


@dataclass
class Report:
    doc: str
    title: str
    region: str | None
    year: int | None
    chapter_title: str
    sections: list[SectionReport]

    @property
    def heading(self) -> str:
        return f"{self.chapter_title} – {self.title}" if self.title else self.chapter_title


@dataclass(frozen=True)
class Context:
    """What a sentence that opens with a reference ("Projektet …", "Dessa mål …") needs to be
    read alone. The evidence itself stays verbatim; the context is printed beside it:
    either an earlier sentence of the report close above it (`line` set: it is quoted from the
    text, a few lines before) or the initiative the fact is about (`line` None)."""

    text: str
    line: int | None = None

    def label(self) -> str:
        """"Sammanhang (rad 4655): …" or "Sammanhang: gäller insatsen …"."""
        if self.line is not None:
            return f"Sammanhang (rad {self.line}): {self.text}"
        return f"Sammanhang: gäller {self.text}"


# words a sentence opens with when it leans on what was said before ("Projektet som …",
# "Dessa mål …", "Det har …", "I projektet …")
REFERRING = {
    "det", "detta", "dessa", "denna", "den", "de", "dess", "deras", "här", "där", "därför", "därmed", "dessutom",
    "även", "också", "projektet", "projekten", "satsningen", "satsningarna", "insatsen", "insatserna", "arbetet",
    "förstudien", "samarbetet", "nätverket", "programmet", "syftet", "målet", "målen", "modellen", "resultatet",
    "initiativet", "uppdraget", "stödet",
}
WEAK = {"det", "den", "de"}  # "Genom det nätverk … som": after a preposition these rarely refer back
LEADING_PREPOSITIONS = {"i", "inom", "genom", "med", "via", "för", "av", "från", "under", "efter", "utifrån"}
CONTEXT_REACH = 6  # lines above a sentence where its context may start (wrapped PDF text)


def needs_context(sentence: str) -> bool:
    """Whether a sentence opens with a reference to something said before it."""
    words = re.findall(r"[\wåäöÅÄÖéÉ]+", sentence or "")[:2]
    if not words:
        return False
    first = words[0].lower()
    if first in REFERRING:
        return True
    return (first in LEADING_PREPOSITIONS and len(words) > 1 and words[1].lower() in REFERRING
            and words[1].lower() not in WEAK)


def find_contexts(evidence: Iterable[Evidence], pool: Iterable[tuple[str, int | None, str]],
                  about: dict[tuple, list[str]]) -> dict[tuple, Context]:
    """The context of each evidence sentence that `needs_context`: the nearest sentence of the
    same document in `pool` ((doc, line, sentence): every sentence the store holds for the
    section) starting at most CONTEXT_REACH lines above it and itself not a reference; else
    the initiatives the facts resting on it are about (`about`: evidence key -> names)."""
    by_doc: dict[str, list[tuple[int, str]]] = {}
    for doc, line, sentence in pool:
        if line is not None and sentence:
            by_doc.setdefault(doc, []).append((line, sentence))
    out: dict[tuple, Context] = {}
    for ev in evidence:
        if not needs_context(ev.sentence):
            continue
        before = []
        if ev.line is not None:
            before = [(line, text) for line, text in set(by_doc.get(ev.doc, ()))
                      if ev.line - CONTEXT_REACH <= line < ev.line and text != ev.sentence and not needs_context(text)]
        if before:
            line, text = max(before)
            out[ev.key()] = Context(text, line)
            continue
        names = [n for n in dict.fromkeys(about.get(ev.key(), ())) if n and n.lower() not in ev.sentence.lower()]
        if names:
            noun = "insatsen" if len(names) == 1 else "insatserna"
            out[ev.key()] = Context(f"{noun} {', '.join(names)}")
    return out


def _section_key(number: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in str(number).split("."))


def _template():
    from samverkan.loaders.template import load_template

    return load_template()


def report_sections() -> list[str]:
    """The template's sections of chapter 3 ("3.1" … "3.5"), in order."""
    numbers = [n for n in _template().sections if n.startswith(REPORT_CHAPTER + ".") and n.count(".") == 1]
    return sorted(numbers, key=_section_key)


def resolve_sections(spec: str) -> list[str]:
    """"all" -> 3.1–3.5; "3.2" -> ["3.2"]; a comma-separated list is accepted too."""
    valid = report_sections()
    if spec.strip().lower() == "all":
        return valid
    wanted = [s.strip() for s in spec.split(",") if s.strip()]
    bad = [s for s in wanted if s not in valid]
    if bad or not wanted:
        raise QueryError(f"the report covers sections {', '.join(valid)} (or all), not {', '.join(bad) or repr(spec)}")
    return wanted


def choose_document(store: Any, doc: str | None = None) -> dict[str, Any]:
    docs = run_named(store, "documents", {})
    if docs.empty:
        raise QueryError("the store holds no report; run `samverkan build` (or `samverkan load`) first")
    records = docs.to_dict("records")
    if doc:
        for rec in records:
            if rec["doc"] == doc:
                return rec
        raise QueryError(f"no report {doc!r} in the store; it holds: {', '.join(r['doc'] for r in records)}")
    if len(records) > 1:
        raise QueryError(f"the store holds {len(records)} reports; choose one with --doc "
                         f"({', '.join(r['doc'] for r in records)})")
    return records[0]


def build_report(store: Any, sections: Iterable[str] | str = "all", doc: str | None = None,
                 reviewed: bool = False) -> Report:
    """The report model for `sections` ("all", "3.1" or a list) of one document; `reviewed`
    lists only the co-financing facts a reviewer accepted, changed or added (samverkan.review)."""
    numbers = resolve_sections(sections) if isinstance(sections, str) else list(sections)
    document = choose_document(store, doc)
    template = _template()
    questions = dict(template.questions)
    out = []
    for number in numbers:
        out.append(build_section(store, number, document, template.title(number) or number, questions, reviewed))
    return Report(
        doc=document["doc"],
        title=document.get("title") or document["doc"],
        region=document.get("region"),
        year=document.get("year"),
        chapter_title=template.title(REPORT_CHAPTER) or "",
        sections=out,
    )


def build_section(store: Any, number: str, document: dict[str, Any], title: str,
                  questions: dict[str, str], reviewed: bool = False) -> SectionReport:
    doc_id = document["doc"]
    region_actor = document.get("region_actor")
    section = SectionReport(number, title, questions)
    params = {"section": number, "docs": [doc_id]}

    facts = run_named(store, "collaborations_by_section", params)
    section.partners = _partner_rows(facts, region_actor)
    records = facts.to_dict("records")
    section.partner_facts = sorted((r for r in records if r["actor"] != region_actor),
                                   key=lambda r: (r["line"] if r["line"] is not None else -1, r["actor_name"] or ""))

    funding = run_named(store, "cofinance_facts", {**params, "reviewed": "ja" if reviewed else ""})
    section.cofinance = _cofinance_rows(funding)
    funding_records = funding.to_dict("records")
    order = {row.initiative: i for i, row in enumerate(section.cofinance)}
    section.funding_facts = sorted(funding_records, key=lambda r: (
        order.get(r["initiative"], 10**6), not r["in_section"], r["funder_name"] or "",
        r["line"] if r["line"] is not None else -1))

    results = run_named(store, "section_results", params)
    result_pool = []
    for rec in results.to_dict("records"):
        for sentence, line in zip(rec["results"] or (), rec["result_lines"] or ()):
            section.results.append(ResultRow(sentence, Evidence(rec["doc"], rec["section"], line, sentence)))
            result_pool.append((rec["doc"], line, sentence))

    pool = [(r["doc"], r["line"], r["evidence"]) for r in records + funding_records] + result_pool
    about: dict[tuple, list[str]] = {}
    for r in records:
        if r["partner_label"] == "Initiative":
            about.setdefault(Evidence(r["doc"], r["section"], r["line"], r["evidence"]).key(), []).append(r["partner_name"])
    for r in funding_records:
        about.setdefault(Evidence(r["doc"], r["section"], r["line"], r["evidence"]).key(), []).append(r["initiative_name"])
    section.contexts = find_contexts(section.sources(), pool, about)
    return section


def _partner_rows(facts, region_actor: str | None) -> list[PartnerRow]:
    rows: dict[str, PartnerRow] = {}
    first_line: dict[str, tuple] = {}
    members: dict[str, list[str]] = {}
    records = sorted(facts.to_dict("records"), key=lambda r: (r["line"] if r["line"] is not None else -1, r["actor"]))
    for rec in records:
        if rec["actor"] == region_actor:
            continue
        row = rows.get(rec["actor"])
        if row is None:
            row = rows[rec["actor"]] = PartnerRow(rec["actor"], rec["actor_name"], actor_type_sv(rec["actor_type"]), [], [], [])
            first_line[rec["actor"]] = (rec["line"] if rec["line"] is not None else -1, rec["actor_name"] or "")
        relation = SCHEMA.relation_label_sv(rec["relation"])  # how the fact reads in a partner row
        if relation not in row.relations:
            row.relations.append(relation)
        if rec["relation"] == "HAS_MEMBER":
            members.setdefault(rec["actor"], [])
            if rec["partner_name"] not in members[rec["actor"]]:
                members[rec["actor"]].append(rec["partner_name"])
        else:
            what = what_phrase(rec, region_actor)
            if what and what not in row.what:
                row.what.append(what)
        ev = Evidence(rec["doc"], rec["section"], rec["line"], rec["evidence"])
        if ev not in row.evidence:
            row.evidence.append(ev)
    for actor, names in members.items():
        rows[actor].what.append("medlemmar: " + ", ".join(sorted(names)))
    for row in rows.values():
        row.evidence.sort(key=Evidence.key)
    return sorted(rows.values(), key=lambda r: first_line[r.actor])


def what_phrase(rec: dict[str, Any], region_actor: str | None) -> str:
    """What a fact says the partner works with: an initiative, a council, an area."""
    if rec["partner_label"] == "Initiative":
        return rec["partner_name"] or rec["partner"]
    if rec["relation"] == "COLLABORATES_WITH":
        if rec.get("area"):
            return rec["area"]
        return "" if rec["partner"] == region_actor else f"med {rec['partner_name']}"
    return rec["partner_name"] or rec["partner"] or ""  # MEMBER_OF: the council or network


def _cofinance_rows(funding) -> list[CofinanceRow]:
    rows: dict[str, CofinanceRow] = {}
    first: dict[str, tuple] = {}
    here: set[Evidence] = set()
    for rec in funding.to_dict("records"):
        ini = rec["initiative"]
        row = rows.get(ini)
        if row is None:
            row = rows[ini] = CofinanceRow(ini, rec["initiative_name"], kind_sv(rec["kind"]), [], [], [], [])
        if rec["in_section"]:
            key = (rec["line"] if rec["line"] is not None else -1, ini)
            first[ini] = min(first.get(ini, key), key)
        if rec["funder_name"] not in row.partners:
            row.partners.append(rec["funder_name"])
        existing = next((f for f in row.funding if f.funder == rec["funder"]), None)
        if existing is None:
            row.funding.append(Funding(rec["funder"], rec["funder_name"], rec["amount_sek"], rec["instrument"]))
        elif rec["amount_sek"] is not None:
            existing.amount_sek = (existing.amount_sek or 0) + rec["amount_sek"]
        for instrument in _split_instruments(rec["instrument"]):
            if instrument not in row.instruments:
                row.instruments.append(instrument)
        ev = Evidence(rec["doc"], rec["section"], rec["line"], rec["evidence"])
        if ev not in row.evidence:
            row.evidence.append(ev)
        if rec["in_section"]:
            here.add(ev)
    for row in rows.values():
        row.partners.sort()
        row.funding.sort(key=lambda f: f.name or "")
        row.instruments.sort()
        # the section's own sentences first, then where else the text tells of the funding
        row.evidence.sort(key=lambda e: (e not in here, e.key()))
    return sorted(rows.values(), key=lambda r: first.get(r.initiative, (10**9, r.initiative)))


def _split_instruments(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split(",") if p.strip()]
