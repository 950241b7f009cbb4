"""The report (sections 3.1–3.5) in its four formats, built from the bundled report's graph:
headings and questions from the template, partner and co-financing rows, evidence
references; the .docx and .xlsx files are opened again with python-docx and openpyxl."""
from __future__ import annotations

import csv
import io
import json

import pytest

from samverkan.queries.reports import (
    build_report, line_items, reference, report_sections, resolve_sections, to_csv, to_markdown,
    write_docx, write_xlsx,
)

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
    assert partner[1] == "Länsstyrelse" and KNOWN_REF in partner[4]
    cofin = next(r for r in rows if r[0] == "ERUF-projekt inom tematiska mål 3")
    assert cofin[1] == "Länsstyrelsen i Västmanlands län; Region Västmanland" and cofin[3] == ""
    assert document.tables[0].rows[0].cells[0].paragraphs[0].runs[0].bold
    # the evidence sentence as small text
    small = [r for p in document.paragraphs for r in p.runs if r.font.size is not None and r.font.size.pt == 8]
    assert any(KNOWN_REF in r.text and KNOWN_SENTENCE in r.text for r in small)


def test_xlsx_content(report, tmp_path):
    import openpyxl
    path = write_xlsx(report, tmp_path / "rapport.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SECTIONS
    ws = wb["3.1"]
    assert ws["A1"].value == HEADINGS["3.1"] and ws["A1"].font.bold
    header = [c.value for c in ws[4]]
    assert header[:3] == ["Fråga", "Nr", "Part / insats"] and header[-1] == "Underlag (citat ur rapporten)"
    assert all(c.font.bold for c in ws[4]) and ws["A4"].fill.fgColor.rgb.endswith("1F4E78")
    evidence_col = ws.cell(row=4, column=len(header)).column_letter
    assert ws.column_dimensions[evidence_col].width >= 60
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    partner = next(r for r in rows if r[2] == "Länsstyrelsen i Västmanlands län")
    assert partner[0] == Q_AREAS and KNOWN_REF in partner[9] and "Medborgarundersökning" in partner[5]
    cofin = next(r for r in rows if r[0] == Q_COFINANCE and r[2] == "ERUF-projekt inom tematiska mål 3")
    assert not cofin[8] and KNOWN_SENTENCE in cofin[10]
    row_no = 5 + rows.index(cofin)
    assert ws.cell(row=row_no, column=len(header)).alignment.wrap_text
    assert ws.freeze_panes == "A5"
    assert wb["3.5"]["A1"].value == HEADINGS["3.5"]
    cells_35 = [c.value for row in wb["3.5"].iter_rows() for c in row if c.value]
    assert "Create Business Incubator" in cells_35 and "Näringslivet i Västmanlands län" in cells_35


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
    proc = run_cli("cofinance", "--section", "4", *store)
    assert proc.returncode == 0 and "no co-financed initiatives" in proc.stdout
