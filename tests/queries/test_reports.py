"""The report (sections 3.1–3.5) in its four formats, built from the bundled report's graph:
headings and questions from the template, partner and co-financing rows, evidence
references; the .docx and .xlsx files are opened again with python-docx and openpyxl."""
from __future__ import annotations

import csv
import io
import json

import pytest

from samverkan.queries.report_writers import line_items, to_csv, to_markdown, write_docx, write_xlsx
from samverkan.queries.reports import build_report, reference, report_sections, resolve_sections

from .conftest import BUNDLED_DOC, SECTIONS, run_cli

HEADINGS = {
    "3.1": "3.1 Samverkan med länsstyrelsen",
    "3.2": "3.2 Samverkan med andra statliga myndigheter",
    "3.3": "3.3 Samverkan med kommuner",
    "3.4": "3.4 Samråd med organisationer",
    "3.5": "3.5 Samråd med näringsliv",
}
Q_AREAS = "Inom vilka områden eller processer har samverkan skett?"
Q_COFINANCE = "Inom vilka områden har gemensam finansiering skett?"
Q_RESULTS = "Exempel på resultat som samverkan har medfört eller förväntas medföra"
KNOWN_REF = "avsnitt 3.1, rad 4632"
KNOWN_SENTENCE = "finansieras tillsammans med länsstyrelsen"


def test_reference_and_sections():
    assert reference("3.1", 4632) == KNOWN_REF
    assert report_sections() == SECTIONS
    assert resolve_sections("all") == SECTIONS and resolve_sections("3.2,3.4") == ["3.2", "3.4"]


@pytest.fixture(scope="module")
def report(bundled_embedded):
    return build_report(bundled_embedded, "all")


def test_report_model(report):
    assert report.doc == BUNDLED_DOC and [s.number for s in report.sections] == SECTIONS
    s31 = report.sections[0]
    assert s31.heading == HEADINGS["3.1"]
    assert s31.questions == {"areas": Q_AREAS, "cofinance": Q_COFINANCE, "results": Q_RESULTS}
    partners = {p.name: p for p in s31.partners}
    assert "Region Västmanland" not in partners  # the reporting region is not its own partner
    lst = partners["Länsstyrelsen i Västmanlands län"]
    assert "Medborgarundersökning" in lst.what and KNOWN_REF in [e.ref for e in lst.evidence]
    eruf = next(r for r in s31.cofinance if r.initiative == "region-vastmanland-2019--eruf-projekt-inom-tematiska-mal-3")
    assert eruf.partners == ["Länsstyrelsen i Västmanlands län", "Region Västmanland"]
    assert eruf.instruments == [] and eruf.evidence[0].ref == KNOWN_REF  # "ERUF" names the projects, not a funder's means
    areas = {r.name: r for r in report.sections[1].cofinance}
    assert areas["Kompetensförsörjning"].instruments == ["1:1", "ERUF", "ESF"]
    assert KNOWN_SENTENCE in eruf.evidence[0].sentence
    assert [r.evidence.line for r in s31.results] == [4655, 4659, 4663]


def test_markdown_structure(report):
    import markdown_it as mdit
    text = to_markdown(report)
    tokens = mdit.MarkdownIt("commonmark").enable("table").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    for number, heading in HEADINGS.items():
        assert heading in headings
    assert headings.count(Q_AREAS) == headings.count(Q_COFINANCE) == headings.count(Q_RESULTS) == 5
    tables = sum(t.type == "table_open" for t in tokens)
    assert tables == 10  # every section has partners and co-financing
    cells = [t.content for t in tokens if t.type == "inline"]
    assert any(KNOWN_REF in c for c in cells)
    assert any(c.startswith(f"{KNOWN_REF}: ") and KNOWN_SENTENCE in c for c in cells)  # the Underlag list


def test_csv_is_one_row_per_line_item(report):
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert len(rows) == len(line_items(report)) > 40
    row = next(r for r in rows if r["fraga"] == Q_COFINANCE and r["part_eller_insats"] == "ERUF-projekt inom tematiska mål 3")
    assert row["avsnitt"] == "3.1" and row["instrument"] == "" and KNOWN_REF in row["referens"]
    assert KNOWN_SENTENCE in row["underlag"]
    row = next(r for r in rows if r["fraga"] == Q_COFINANCE and r["part_eller_insats"] == "Innovation")
    assert row["avsnitt"] == "3.2" and row["instrument"] == "1:1, ERUF, ESF"
    assert {r["avsnitt"] for r in rows} == {"3.1", "3.2", "3.3", "3.4", "3.5"}
    assert [r["part_eller_insats"] for r in rows if r["avsnitt"] == "3.5" and r["fraga"] == Q_COFINANCE] == [
        "De största satsningarna i länet"]


def test_docx_content(report, tmp_path):
    import docx
    path = write_docx(report, tmp_path / "rapport.docx")
    document = docx.Document(str(path))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for heading in HEADINGS.values():
        assert ("Heading 1", heading) in headings
    assert ("Heading 2", Q_COFINANCE) in headings and ("Heading 2", Q_RESULTS) in headings
    # a known partner row of 3.1 and a known co-financing row, with the evidence reference
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    partner = next(r for r in rows if r[0] == "Länsstyrelsen i Västmanlands län" and "Medborgarundersökning" in r[2])
    assert partner[1] == "Länsstyrelse" and "rad 4632 [" in partner[4]
    # one reference a line, never a run of them in one line
    assert all(line.startswith(("rad ", "avsnitt ")) and line.count("[") == 1 for line in partner[4].split("\n"))
    cofin = next(r for r in rows if r[0] == "ERUF-projekt inom tematiska mål 3")
    assert cofin[1] == "Länsstyrelsen i Västmanlands län\nRegion Västmanland" and cofin[3] == ""
    assert document.tables[0].rows[0].cells[0].paragraphs[0].runs[0].bold
    # the quoted sentences in the Underlag table: number, reference, the sentence verbatim
    source = next(r for r in rows if r[1] == KNOWN_REF)
    assert source[0].isdigit() and KNOWN_SENTENCE in source[2]


def test_docx_is_a4_with_widths_by_content(report, tmp_path):
    import docx
    from docx.shared import Cm
    from docx.oxml.ns import qn
    from samverkan.queries.report_writers import DOCX_TABLES, TEXT_WIDTH_CM
    document = docx.Document(str(write_docx(report, tmp_path / "rapport.docx")))
    page = document.sections[0]
    assert abs(page.page_width.cm - 21.0) < 0.01 and abs(page.page_height.cm - 29.7) < 0.01
    assert all(abs(getattr(page, m).cm - 2.5) < 0.01 for m in ("left_margin", "right_margin", "top_margin",
                                                                "bottom_margin"))
    text_width = page.page_width - page.left_margin - page.right_margin
    for kind, columns in DOCX_TABLES.items():
        assert abs(sum(w for _, w in columns) - TEXT_WIDTH_CM) < 0.01, kind
    by_header = {tuple(c.text for c in t.rows[0].cells): t for t in document.tables}
    for kind, columns in DOCX_TABLES.items():
        table = by_header[tuple(h for h, _ in columns)]
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"  # autofit off
        grid = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert grid == [Cm(w).twips for _, w in columns]
        assert sum(grid) * 635 <= text_width + 635 * len(grid)  # within the print area (EMU; rounding)
        for row in table.rows:
            assert [c.width.twips for c in row.cells] == grid  # on every cell (tcW, in twips)
    partners, cofinance, sources = (dict(DOCX_TABLES[k]) for k in ("areas", "cofinance", "sources"))
    assert partners["Referens"] < partners["Områden och insatser"] and partners["Referens"] < partners["Part"]
    assert cofinance["Referens"] < cofinance["Insats eller område"]
    assert sources["Mening ur rapporten"] > 10 and sources["Nr"] <= 1.0


def test_sentences_that_lean_on_the_one_before_get_context(report):
    from samverkan.queries.reports import needs_context
    assert needs_context("Projektet som beviljades av Tillväxtverket …") and needs_context("Dessa mål antogs …")
    assert needs_context("I projektet deltar …") and not needs_context("Genom det nätverk för … som …")
    assert not needs_context("Region Västmanland har tillsammans med länsstyrelsen genomfört en medborgarundersökning.")
    s31 = report.sections[0]
    these = next(r for r in s31.results if r.sentence.startswith("Dessa mål"))
    ctx = s31.context(these.evidence)
    assert ctx.line == 4655 and ctx.text.startswith("Samverkan inom bredbandsområdet")  # the paragraph's first
    assert ctx.label().startswith("Sammanhang (rad 4655): ")
    project = next(e for e in s31.sources() if e.sentence.startswith("Projektet som beviljades"))
    assert "Tematisk utveckling av cykel- och vandringsturism 2020" in s31.context(project).text
    assert s31.context(s31.results[0].evidence) is None  # a sentence that stands alone gets none


def test_xlsx_one_row_per_fact(report, bundled_embedded, tmp_path):
    import openpyxl
    from samverkan.queries.catalogue import run_named
    path = write_xlsx(report, tmp_path / "rapport.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Samverkan", "Gemensam finansiering", "Resultat"]
    ws = wb["Gemensam finansiering"]
    assert ws["A1"].value == Q_COFINANCE and ws["A1"].font.bold  # the question once, as a title
    header = [c.value for c in ws[3]]
    assert header == ["Avsnitt", "Insats eller område", "Slag", "Finansiär", "Belopp (kr)", "Instrument",
                      "Referens", "Underlag (citat ur rapporten)", "Sammanhang"]
    assert [h for h in header if "belopp" in h.lower()] == ["Belopp (kr)"]  # exactly one amount column
    assert not any(Q_COFINANCE == c.value for row in ws.iter_rows(min_row=2) for c in row)  # no question column
    assert all(c.font.bold for c in ws[3]) and ws["A3"].fill.fgColor.rgb.endswith("1F4E78")
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == f"A3:I{ws.max_row}"
    col = {h: i for i, h in enumerate(header)}
    letter = {h: ws.cell(row=3, column=i + 1).column_letter for h, i in col.items()}
    assert ws.column_dimensions[letter["Underlag (citat ur rapporten)"]].width >= 60
    assert ws.column_dimensions[letter["Avsnitt"]].width <= 10
    rows = list(ws.iter_rows(min_row=4))
    for number in SECTIONS:  # one row per fact: exactly the catalogue's co-financing facts
        facts = run_named(bundled_embedded, "cofinance_facts", {"section": number, "docs": [BUNDLED_DOC]})
        mine = [r for r in rows if r[0].value == number]
        assert len(mine) == len(facts) > 0, number
        assert sum(r[col["Belopp (kr)"]].value or 0 for r in mine) == int(facts["amount_sek"].fillna(0).sum())
    assert all(r[col["Belopp (kr)"]].number_format == '#,##0 "kr"' for r in rows)
    eruf = [r for r in rows if r[col["Insats eller område"]].value == "ERUF-projekt inom tematiska mål 3"]
    assert {r[col["Finansiär"]].value for r in eruf} == {"Länsstyrelsen i Västmanlands län", "Region Västmanland"}
    assert KNOWN_REF == eruf[0][col["Referens"]].value and KNOWN_SENTENCE in eruf[0][col["Underlag (citat ur rapporten)"]].value
    assert eruf[0][col["Underlag (citat ur rapporten)"]].alignment.wrap_text
    partners = wb["Samverkan"]
    assert partners["A1"].value == Q_AREAS and partners.freeze_panes == "A4" and partners.auto_filter.ref
    prow = next(r for r in partners.iter_rows(min_row=4, values_only=True)
                if r[1] == "Länsstyrelsen i Västmanlands län" and r[4] == "Medborgarundersökning")
    assert prow[0] == "3.1" and prow[2] == "Länsstyrelse" and prow[5].startswith("avsnitt 3.1, rad ")
    assert wb["Resultat"]["A1"].value == Q_RESULTS
    results = [r for r in wb["Resultat"].iter_rows(min_row=4, values_only=True)]
    assert len(results) == sum(len(s.results) for s in report.sections)
    these = next(r for r in results if r[1].startswith("Dessa mål") and r[0] == "3.1")
    assert these[3].startswith("Sammanhang (rad 4655): Samverkan inom bredbandsområdet")
    cells_35 = [c.value for row in partners.iter_rows(min_row=4) for c in row if row[0].value == "3.5" and c.value]
    assert "Näringslivet i Västmanlands län" in cells_35


def test_xlsx_amount_is_a_number_in_kronor(report, tmp_path):
    """The bundled report states no sums in chapter 3's co-financing; a stated sum is a
    number in the cell (summable, filterable), shown as "2 500 000 kr"."""
    import copy

    import openpyxl
    changed = copy.deepcopy(report)
    fact = changed.sections[1].funding_facts[0]
    fact["amount_sek"] = 2_500_000
    ws = openpyxl.load_workbook(write_xlsx(changed, tmp_path / "r.xlsx"))["Gemensam finansiering"]
    cell = next(r[4] for r in ws.iter_rows(min_row=4) if r[4].value is not None)
    assert cell.value == 2_500_000 and isinstance(cell.value, int) and cell.number_format == '#,##0 "kr"'


def test_report_cli_formats(bundled_store_path, tmp_path):
    store = ["--store", str(bundled_store_path), "--backend", "embedded"]
    md = run_cli("report", "--section", "3.1", "--format", "md", *store)
    assert md.returncode == 0 and md.stdout.startswith("# ") and f"## {HEADINGS['3.1']}" in md.stdout
    assert "## 3.2" not in md.stdout
    out = tmp_path / "r.csv"
    proc = run_cli("report", "--section", "all", "--format", "csv", "-o", str(out), *store)
    assert proc.returncode == 0 and "wrote" in proc.stderr
    assert out.read_text(encoding="utf-8").startswith("avsnitt,avsnittsrubrik,fraga")
    for fmt in ("xlsx", "docx"):
        out = tmp_path / f"r.{fmt}"
        proc = run_cli("report", "--format", fmt, "-o", str(out), *store)
        assert proc.returncode == 0 and out.stat().st_size > 1000 and out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("args, code, message", [
    (["report", "--section", "3.9"], 2, "the report covers sections 3.1, 3.2, 3.3, 3.4, 3.5"),
    (["report", "--format", "pdf"], 2, "invalid choice"),
    (["cofinance", "--section", "3.x"], 2, "--section wants a section number"),
    (["cofinance"], 2, "required"),
])
def test_cli_usage_errors(bundled_store_path, args, code, message):
    proc = run_cli(*args, "--store", str(bundled_store_path), "--backend", "embedded")
    assert proc.returncode == code and message in proc.stderr and "Traceback" not in proc.stderr


def test_missing_store_is_one_line(tmp_path):
    proc = run_cli("report", "--store", str(tmp_path / "none.lbug"), "--backend", "embedded")
    assert proc.returncode == 4 and proc.stderr.strip().count("\n") == 0 and "samverkan build" in proc.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "md"])
def test_cofinance_cli(bundled_store_path, fmt):
    proc = run_cli("cofinance", "--section", "3.2", "--format", fmt, "--store", str(bundled_store_path),
                   "--backend", "embedded")
    assert proc.returncode == 0, proc.stderr
    assert "Kompetensförsörjning" in proc.stdout and "Vinnova" in proc.stdout
    if fmt == "json":
        rows = json.loads(proc.stdout)
        assert rows[0]["funder_ids"] == sorted(rows[0]["funder_ids"]) and rows[0]["line"] == 4817
    if fmt in ("table", "md"):
        assert "avsnitt 3.2, rad 4817" in proc.stdout
    if fmt == "csv":
        assert next(csv.DictReader(io.StringIO(proc.stdout)))["section"] == "3.2"


def test_cofinance_cli_all_and_empty(bundled_store_path):
    store = ["--store", str(bundled_store_path), "--backend", "embedded"]
    everything = json.loads(run_cli("cofinance", "--section", "all", "--format", "json", *store).stdout)
    assert {r["section"] for r in everything} == {"3.1", "3.2", "3.3", "3.4", "3.5"} and len(everything) == 18
    proc = run_cli("cofinance", "--section", "5", *store)
    assert proc.returncode == 0 and "no co-financed initiatives" in proc.stdout
    # chapter 4 names one: "Region Västmanland är tillsammans med Västerås stad, Köpings kommun
    # och Mälarenergi medfinansiärer i Mälarprojektet"
    chapter_4 = run_cli("cofinance", "--section", "4", *store).stdout
    assert "Mälarprojektet" in chapter_4 and "avsnitt 4.4" in chapter_4
