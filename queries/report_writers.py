"""The writers of the collaboration lists (queries/reports.py builds the `Report`): Markdown,
CSV (csv module, one row per list line), XLSX (openpyxl: a sheet per question, one row per
fact, amounts in kronor as numbers), DOCX (python-docx: A4, print margins, fixed column
widths). `render(report, fmt, output)` picks one by name; `FORMATS` lists them.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from samverkan.errors import QueryError
from samverkan.graph.money import format_sek
from samverkan.graph.schema import SCHEMA

from .reports import (INTRO, NO_DATA, Evidence, Report, SectionReport, actor_type_sv, kind_sv, reference,
                      what_phrase)

FORMATS = ("md", "csv", "xlsx", "docx")


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
            for r in sec.results:
                ctx = sec.context(r.evidence)
                lines.append(f"- {markdown_cell(r.sentence)} ({r.evidence.ref}) [{numbers[r.evidence.key()]}]"
                             + (f" – *{markdown_cell(ctx.label())}*" if ctx else ""))
        else:
            lines.append(NO_DATA)
        sources = sec.sources()
        if sources:
            lines += ["", "#### Underlag", ""]
            for e in sources:
                ctx = sec.context(e)
                lines.append(f"{numbers[e.key()]}. {e.ref}: ”{markdown_cell(e.sentence)}”"
                             + (f" – *{markdown_cell(ctx.label())}*" if ctx else ""))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LINE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in line_items(report):
        writer.writerow({k: ("" if v is None else v) for k, v in item.items()})
    return buffer.getvalue()


# One sheet per question of the template, one row per fact: (key, header, width in characters)
XLSX_SHEETS: dict[str, list[tuple[str, str, int]]] = {
    "areas": [("avsnitt", "Avsnitt", 8), ("part", "Part", 32), ("typ", "Typ", 18), ("relation", "Relation", 16),
              ("med", "Med (part, insats eller område)", 38), ("referens", "Referens", 20),
              ("underlag", "Underlag (citat ur rapporten)", 80), ("sammanhang", "Sammanhang", 50)],
    "cofinance": [("avsnitt", "Avsnitt", 8), ("insats", "Insats eller område", 38), ("slag", "Slag", 12),
                  ("finansiar", "Finansiär", 32), ("belopp_kr", "Belopp (kr)", 15), ("instrument", "Instrument", 12),
                  ("referens", "Referens", 20), ("underlag", "Underlag (citat ur rapporten)", 80),
                  ("sammanhang", "Sammanhang", 50)],
    "results": [("avsnitt", "Avsnitt", 8), ("resultat", "Resultat (citat ur rapporten)", 90),
                ("referens", "Referens", 20), ("sammanhang", "Sammanhang", 60)],
}
XLSX_SHEET_NAMES = {"areas": "Samverkan", "cofinance": "Gemensam finansiering", "results": "Resultat"}
XLSX_HEADER_ROW = 3  # row 1: the template's question, row 2: the report; the table from row 3
KRONOR_FORMAT = '#,##0 "kr"'
WRAPPED = {"underlag", "sammanhang", "resultat", "med", "insats", "part", "finansiar"}


def fact_rows(report: Report, question: str) -> list[dict[str, Any]]:
    """The rows of the xlsx sheet for `question` (areas, cofinance, results): one per fact of
    each section (cofinance: exactly the rows of `cofinance_facts`), in report order."""
    rows: list[dict[str, Any]] = []
    for sec in report.sections:
        def context(rec: dict[str, Any]) -> str:
            ctx = sec.context(Evidence(rec["doc"], rec["section"], rec["line"], rec["evidence"]))
            return ctx.label() if ctx else ""

        if question == "areas":
            for rec in sec.partner_facts:
                rows.append({"avsnitt": sec.number, "part": rec["actor_name"], "typ": actor_type_sv(rec["actor_type"]),
                             "relation": SCHEMA.relation_label_sv(rec["relation"]),
                             "med": what_phrase(rec, None) if rec["relation"] != "HAS_MEMBER" else rec["partner_name"],
                             "referens": reference(rec["section"], rec["line"]), "underlag": rec["evidence"],
                             "sammanhang": context(rec)})
        elif question == "cofinance":
            for rec in sec.funding_facts:
                amount = rec["amount_sek"]
                rows.append({"avsnitt": sec.number, "insats": rec["initiative_name"], "slag": kind_sv(rec["kind"]),
                             "finansiar": rec["funder_name"],
                             "belopp_kr": int(amount) if amount is not None and amount == amount else None,
                             "instrument": rec["instrument"] or "", "referens": reference(rec["section"], rec["line"]),
                             "underlag": rec["evidence"], "sammanhang": context(rec)})
        else:
            for r in sec.results:
                ctx = sec.context(r.evidence)
                rows.append({"avsnitt": sec.number, "resultat": r.sentence, "referens": r.evidence.ref,
                             "sammanhang": ctx.label() if ctx else ""})
    return rows


def write_xlsx(report: Report, path: Path) -> Path:
    """One sheet per question of the template (Samverkan, Gemensam finansiering, Resultat):
    the question once in row 1 (a title, not a column), the report in row 2, then a table
    with one row per fact and a column for the section, so the sections can be filtered.
    Amounts are numbers in kronor with a number format; the header is frozen, filters are
    on, the quoted sentences wrap."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    questions = report.sections[0].questions if report.sections else {}
    sections = ", ".join(s.number for s in report.sections)
    wb = Workbook()
    wb.remove(wb.active)
    header_fill = PatternFill("solid", fgColor="1F4E78")
    header_font = Font(bold=True, color="FFFFFF")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for question, columns in XLSX_SHEETS.items():
        ws = wb.create_sheet(title=XLSX_SHEET_NAMES[question])
        ws["A1"] = questions.get(question, XLSX_SHEET_NAMES[question])
        ws["A1"].font = Font(bold=True, size=13)
        ws["A2"] = f"{report.heading}, avsnitt {sections}. En rad per uppgift; Referens pekar på raden i rapporten."
        ws["A2"].font = Font(italic=True, color="555555")
        for c, (key, header, width) in enumerate(columns, start=1):
            cell = ws.cell(row=XLSX_HEADER_ROW, column=c, value=header)
            cell.fill, cell.font = header_fill, header_font
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[get_column_letter(c)].width = width
        r = XLSX_HEADER_ROW
        for item in fact_rows(report, question):
            r += 1
            for c, (key, _, _) in enumerate(columns, start=1):
                value = item.get(key)
                cell = ws.cell(row=r, column=c, value=None if value == "" else value)
                cell.alignment = wrap if key in WRAPPED else top
                if key == "belopp_kr":
                    cell.number_format = KRONOR_FORMAT
        last = get_column_letter(len(columns))
        ws.freeze_panes = ws.cell(row=XLSX_HEADER_ROW + 1, column=1)
        ws.auto_filter.ref = f"A{XLSX_HEADER_ROW}:{last}{max(r, XLSX_HEADER_ROW + 1)}"
        ws.print_title_rows = f"{XLSX_HEADER_ROW}:{XLSX_HEADER_ROW}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    path = Path(path)
    wb.save(path)
    return path


# The Word report: A4 portrait, 2.5 cm margins, so 16 cm of text width; every table's
# column widths in cm add up to it (references narrow, names and quotes wide).
PAGE_CM = (21.0, 29.7)
MARGIN_CM = 2.5
TEXT_WIDTH_CM = PAGE_CM[0] - 2 * MARGIN_CM
DOCX_TABLES: dict[str, list[tuple[str, float]]] = {
    "areas": [("Part", 3.6), ("Typ", 2.4), ("Områden och insatser", 5.4), ("Samverkan", 2.4), ("Referens", 2.2)],
    "cofinance": [("Insats eller område", 4.2), ("Parter", 4.4), ("Belopp", 3.0), ("Instrument", 2.0),
                  ("Referens", 2.4)],
    "sources": [("Nr", 1.0), ("Referens", 2.6), ("Mening ur rapporten", 12.4)],
}


def _refs(evidence: list[Evidence], numbers: dict[tuple, int], section: str) -> str:
    """The references of a row, one a line: "rad 4632 [3]" (the table's own section) or
    "avsnitt 2.1, rad 1200 [7]"."""
    out = []
    for e in evidence:
        ref = f"rad {e.line}" if e.section == section and e.line is not None else e.ref
        out.append(f"{ref} [{numbers[e.key()]}]")
    return "\n".join(out)


def write_docx(report: Report, path: Path) -> Path:
    """A4 with print margins; per section a heading, a heading per question of the template,
    a table per list (fixed column widths by content, the header row repeated on each page,
    one reference a line) and the results as a list; under each section a table of the
    quoted sentences (numbered like footnotes), with the context of a sentence that opens
    with a reference ("Projektet …") beside it, the quote itself verbatim."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    document.core_properties.title = report.heading
    document.core_properties.language = "sv-SE"
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = Cm(MARGIN_CM)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "sv-SE")
    rpr.append(lang)

    document.add_heading(report.heading, level=0)
    intro = document.add_paragraph(INTRO.format(title=report.title, doc=report.doc))
    intro.runs[0].italic = True
    grey = RGBColor(0x55, 0x55, 0x55)

    def small(paragraph, text: str, italic: bool = False) -> None:
        run = paragraph.add_run(text)
        run.font.size = Pt(8)
        run.font.color.rgb = grey
        run.italic = italic

    def table(kind: str, rows: list[list[str]]):
        columns = DOCX_TABLES[kind]
        t = document.add_table(rows=1, cols=len(columns))
        t.style = "Table Grid"
        t.autofit = False  # tblLayout fixed: Word and LibreOffice keep the widths below
        widths = [Cm(w) for _, w in columns]
        tbl_w = t._tbl.tblPr.find(qn("w:tblW"))
        if tbl_w is None:
            tbl_w = OxmlElement("w:tblW")
            t._tbl.tblPr.append(tbl_w)
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(sum(w.twips for w in widths)))
        for column, width in zip(t.columns, widths):
            column.width = width  # the tblGrid
        header = t.rows[0]
        tr_pr = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for cell, (text, _) in zip(header.cells, columns):
            cell.paragraphs[0].add_run(text).bold = True
        for values in rows:
            t.add_row()
            for cell, value in zip(t.rows[-1].cells, values):
                cell.text = value
        for row in t.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width  # every cell's tcW as well: Word reads these
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(9)
        return t

    for sec in report.sections:
        numbers = _numbers(sec)
        document.add_heading(sec.heading, level=1)
        document.add_heading(sec.questions["areas"], level=2)
        if sec.partners:
            table("areas", [[r.name, r.type, "\n".join(r.what), ", ".join(r.relations),
                             _refs(r.evidence, numbers, sec.number)] for r in sec.partners])
        else:
            document.add_paragraph(NO_DATA)
        document.add_heading(sec.questions["cofinance"], level=2)
        if sec.cofinance:
            table("cofinance", [[r.name, "\n".join(r.partners),
                                 "\n".join(f"{f.name} {format_sek(f.amount_sek)}" for f in r.funding
                                           if f.amount_sek is not None),
                                 ", ".join(r.instruments), _refs(r.evidence, numbers, sec.number)]
                                for r in sec.cofinance])
        else:
            document.add_paragraph(NO_DATA)
        document.add_heading(sec.questions["results"], level=2)
        if sec.results:
            for r in sec.results:
                p = document.add_paragraph(r.sentence, style="List Bullet")
                small(p, f" ({r.evidence.ref}) [{numbers[r.evidence.key()]}]")
                ctx = sec.context(r.evidence)
                if ctx:
                    p.add_run().add_break()
                    small(p, ctx.label(), italic=True)
        else:
            document.add_paragraph(NO_DATA)
        sources = sec.sources()
        if sources:
            document.add_heading("Underlag", level=3)
            t = table("sources", [[str(numbers[e.key()]), e.ref, ""] for e in sources])
            for row, e in zip(t.rows[1:], sources):
                cell = row.cells[2]
                run = cell.paragraphs[0].add_run(f"”{e.sentence}”")
                run.font.size = Pt(9)
                ctx = sec.context(e)
                if ctx:
                    small(cell.add_paragraph(), ctx.label(), italic=True)
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
