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
sentences themselves. Writers: Markdown, CSV (csv module), XLSX (openpyxl), DOCX
(python-docx).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from samverkan.errors import QueryError
from samverkan.graph.money import format_sek
from samverkan.graph.schema import SCHEMA

from .catalogue import run_named

FORMATS = ("md", "csv", "xlsx", "docx")
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

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"

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


def build_report(store: Any, sections: Iterable[str] | str = "all", doc: str | None = None) -> Report:
    """The report model for `sections` ("all", "3.1" or a list) of one document."""
    numbers = resolve_sections(sections) if isinstance(sections, str) else list(sections)
    document = choose_document(store, doc)
    template = _template()
    questions = dict(template.questions)
    out = []
    for number in numbers:
        out.append(build_section(store, number, document, template.title(number) or number, questions))
    return Report(
        doc=document["doc"],
        title=document.get("title") or document["doc"],
        region=document.get("region"),
        year=document.get("year"),
        chapter_title=template.title(REPORT_CHAPTER) or "",
        sections=out,
    )


def build_section(store: Any, number: str, document: dict[str, Any], title: str,
                  questions: dict[str, str]) -> SectionReport:
    doc_id = document["doc"]
    region_actor = document.get("region_actor")
    section = SectionReport(number, title, questions)
    params = {"section": number, "docs": [doc_id]}

    facts = run_named(store, "collaborations_by_section", params)
    section.partners = _partner_rows(facts, region_actor)

    funding = run_named(store, "cofinance_facts", params)
    section.cofinance = _cofinance_rows(funding)

    results = run_named(store, "section_results", params)
    for rec in results.to_dict("records"):
        for sentence, line in zip(rec["results"] or (), rec["result_lines"] or ()):
            section.results.append(ResultRow(sentence, Evidence(rec["doc"], rec["section"], line, sentence)))
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
            what = _what(rec, region_actor)
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


def _what(rec: dict[str, Any], region_actor: str | None) -> str:
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


# =====================================================================================
# Flat line items (CSV and XLSX share them)
# =====================================================================================
LINE_COLUMNS = ["avsnitt", "avsnittsrubrik", "fraga", "rad_i_rapporten", "part_eller_insats", "typ",
                "parter", "omraden_insatser", "belopp", "belopp_sek", "instrument", "referens", "underlag"]
LINE_HEADERS_SV = {
    "avsnitt": "Avsnitt", "avsnittsrubrik": "Avsnittsrubrik", "fraga": "Fråga", "rad_i_rapporten": "Nr",
    "part_eller_insats": "Part / insats", "typ": "Typ", "parter": "Parter", "omraden_insatser": "Områden och insatser",
    "belopp": "Belopp", "belopp_sek": "Belopp (kr)", "instrument": "Instrument", "referens": "Referens",
    "underlag": "Underlag (citat ur rapporten)",
}


def line_items(report: Report) -> list[dict[str, Any]]:
    """One dict per line of the report (partner, co-financed initiative, result)."""
    items = []
    for sec in report.sections:
        base = {"avsnitt": sec.number, "avsnittsrubrik": sec.title}
        for i, row in enumerate(sec.partners, start=1):
            items.append({**base, "fraga": sec.questions["areas"], "rad_i_rapporten": i,
                          "part_eller_insats": row.name, "typ": row.type, "parter": row.name,
                          "omraden_insatser": "; ".join(row.what) or ", ".join(row.relations),
                          "belopp": "", "belopp_sek": None, "instrument": "",
                          "referens": "; ".join(e.ref for e in row.evidence),
                          "underlag": "\n".join(e.sentence for e in row.evidence)})
        for i, row in enumerate(sec.cofinance, start=1):
            items.append({**base, "fraga": sec.questions["cofinance"], "rad_i_rapporten": i,
                          "part_eller_insats": row.name, "typ": row.kind, "parter": "; ".join(row.partners),
                          "omraden_insatser": row.name, "belopp": row.amounts, "belopp_sek": row.total_sek,
                          "instrument": ", ".join(row.instruments),
                          "referens": "; ".join(e.ref for e in row.evidence),
                          "underlag": "\n".join(dict.fromkeys(e.sentence for e in row.evidence))})
        for i, row in enumerate(sec.results, start=1):
            items.append({**base, "fraga": sec.questions["results"], "rad_i_rapporten": i,
                          "part_eller_insats": "", "typ": "", "parter": "", "omraden_insatser": row.sentence,
                          "belopp": "", "belopp_sek": None, "instrument": "",
                          "referens": row.evidence.ref, "underlag": row.sentence})
    return items


# =====================================================================================
# Writers
# =====================================================================================
def markdown_cell(value: Any) -> str:
    """One table cell or list item: on one line, with | and \\ escaped (GFM pipe tables)."""
    text = "" if value is None else str(value)
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def markdown_table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    """The lines of a GitHub-flavoured Markdown pipe table."""
    out = ["| " + " | ".join(markdown_cell(h) for h in headers) + " |",
           "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows]
    return out


def _numbers(sec: SectionReport) -> dict[tuple, int]:
    return {ev.key(): i for i, ev in enumerate(sec.sources(), start=1)}


def to_markdown(report: Report) -> str:
    lines = [f"# {report.heading}", "", f"{INTRO.format(title=report.title, doc=report.doc)}", ""]
    for sec in report.sections:
        numbers = _numbers(sec)
        lines += [f"## {sec.heading}", ""]
        lines += [f"### {sec.questions['areas']}", ""]
        if sec.partners:
            lines += markdown_table(["Part", "Typ", "Områden och insatser", "Samverkan", "Referens"], [
                [r.name, r.type, "; ".join(r.what), ", ".join(r.relations),
                 "; ".join(f"{e.ref} [{numbers[e.key()]}]" for e in r.evidence)] for r in sec.partners])
        else:
            lines.append(NO_DATA)
        lines += ["", f"### {sec.questions['cofinance']}", ""]
        if sec.cofinance:
            lines += markdown_table(["Insats eller område", "Parter", "Belopp", "Instrument", "Referens"], [
                [r.name, "; ".join(r.partners), r.amounts, ", ".join(r.instruments),
                 "; ".join(f"{e.ref} [{numbers[e.key()]}]" for e in r.evidence)] for r in sec.cofinance])
        else:
            lines.append(NO_DATA)
        lines += ["", f"### {sec.questions['results']}", ""]
        if sec.results:
            lines += [f"- {markdown_cell(r.sentence)} ({r.evidence.ref}) [{numbers[r.evidence.key()]}]" for r in sec.results]
        else:
            lines.append(NO_DATA)
        sources = sec.sources()
        if sources:
            lines += ["", "#### Underlag", ""]
            lines += [f"{numbers[e.key()]}. {e.ref}: ”{markdown_cell(e.sentence)}”" for e in sources]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LINE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in line_items(report):
        writer.writerow({k: ("" if v is None else v) for k, v in item.items()})
    return buffer.getvalue()


def write_xlsx(report: Report, path: Path) -> Path:
    """One sheet per section (named by its number; the heading is in A1), then a table of the
    section's line items with a styled header row, set widths and the evidence wrapped."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = ["fraga", "rad_i_rapporten", "part_eller_insats", "typ", "parter", "omraden_insatser",
               "belopp", "belopp_sek", "instrument", "referens", "underlag"]
    widths = {"fraga": 28, "rad_i_rapporten": 5, "part_eller_insats": 32, "typ": 16, "parter": 36,
              "omraden_insatser": 40, "belopp": 24, "belopp_sek": 14, "instrument": 12, "referens": 24,
              "underlag": 80}
    items = line_items(report)
    wb = Workbook()
    wb.remove(wb.active)
    header_fill = PatternFill("solid", fgColor="1F4E78")
    header_font = Font(bold=True, color="FFFFFF")
    wrap = Alignment(wrap_text=True, vertical="top")
    for sec in report.sections:
        ws = wb.create_sheet(title=_sheet_title(sec.number))  # the full heading is in A1
        ws["A1"] = sec.heading
        ws["A1"].font = Font(bold=True, size=14)
        ws["A2"] = report.heading
        ws["A2"].font = Font(italic=True, color="555555")
        header_row = 4
        for c, key in enumerate(columns, start=1):
            cell = ws.cell(row=header_row, column=c, value=LINE_HEADERS_SV[key])
            cell.fill, cell.font = header_fill, header_font
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[get_column_letter(c)].width = widths[key]
        r = header_row
        for item in (i for i in items if i["avsnitt"] == sec.number):
            r += 1
            for c, key in enumerate(columns, start=1):
                value = item[key]
                cell = ws.cell(row=r, column=c, value=value if value != "" else None)
                cell.alignment = wrap
                if key == "belopp_sek" and value is not None:
                    cell.number_format = "# ##0"
        if r == header_row:
            ws.cell(row=header_row + 1, column=1, value=NO_DATA)
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{max(r, header_row + 1)}"
    path = Path(path)
    wb.save(path)
    return path


def _sheet_title(heading: str) -> str:
    bad = set('[]:*?/\\')
    return "".join(ch for ch in heading if ch not in bad)[:31]


def write_docx(report: Report, path: Path) -> Path:
    """Headings per section and question, a table per list, the evidence sentences in small
    text under each section (numbered, like footnotes)."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    document = Document()
    document.core_properties.title = report.heading
    document.add_heading(report.heading, level=0)
    intro = document.add_paragraph(INTRO.format(title=report.title, doc=report.doc))
    intro.runs[0].italic = True

    def small(paragraph, text: str) -> None:
        run = paragraph.add_run(text)
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    def table(headers: list[str], rows: list[list[str]]) -> None:
        t = document.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, headers):
            cell.paragraphs[0].add_run(text).bold = True
        for values in rows:
            cells = t.add_row().cells
            for cell, text in zip(cells, values):
                cell.text = text

    for sec in report.sections:
        numbers = _numbers(sec)
        document.add_heading(sec.heading, level=1)
        document.add_heading(sec.questions["areas"], level=2)
        if sec.partners:
            table(["Part", "Typ", "Områden och insatser", "Samverkan", "Referens"], [
                [r.name, r.type, "; ".join(r.what), ", ".join(r.relations),
                 "; ".join(f"{e.ref} [{numbers[e.key()]}]" for e in r.evidence)] for r in sec.partners])
        else:
            document.add_paragraph(NO_DATA)
        document.add_heading(sec.questions["cofinance"], level=2)
        if sec.cofinance:
            table(["Insats eller område", "Parter", "Belopp", "Instrument", "Referens"], [
                [r.name, "; ".join(r.partners), r.amounts, ", ".join(r.instruments),
                 "; ".join(f"{e.ref} [{numbers[e.key()]}]" for e in r.evidence)] for r in sec.cofinance])
        else:
            document.add_paragraph(NO_DATA)
        document.add_heading(sec.questions["results"], level=2)
        if sec.results:
            for r in sec.results:
                p = document.add_paragraph(r.sentence, style="List Bullet")
                small(p, f" ({r.evidence.ref}) [{numbers[r.evidence.key()]}]")
        else:
            document.add_paragraph(NO_DATA)
        sources = sec.sources()
        if sources:
            document.add_heading("Underlag", level=3)
            for e in sources:
                small(document.add_paragraph(), f"[{numbers[e.key()]}] {e.ref}: ”{e.sentence}”")
    path = Path(path)
    document.save(path)
    return path


def render(report: Report, fmt: str, output: Path | None = None) -> str | Path:
    """md/csv: the text (also written to `output` when given); xlsx/docx: the file written."""
    if fmt == "md":
        text = to_markdown(report)
    elif fmt == "csv":
        text = to_csv(report)
    elif fmt == "xlsx":
        if output is None:
            raise QueryError("xlsx needs an output file (-o FILE)")
        return write_xlsx(report, output)
    elif fmt == "docx":
        if output is None:
            raise QueryError("docx needs an output file (-o FILE)")
        return write_docx(report, output)
    else:
        raise QueryError(f"unknown report format {fmt!r}: use {', '.join(FORMATS)}")
    if output is not None:
        Path(output).write_text(text, encoding="utf-8")
    return text
