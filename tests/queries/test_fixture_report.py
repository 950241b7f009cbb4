"""A report of another region (tests/data/report_fixture_jamtland.txt: a short Återrapportering
of Region Jämtland Härjedalen for 2020, sections 3.1–3.5) through `samverkan build` and the
catalogue: who co-finances what, sums in Swedish style, references to the fixture's lines.
Line numbers are looked up in the fixture itself, not written into the test."""
from __future__ import annotations

import json

import pytest

from samverkan.queries.catalogue import run_named
from samverkan.queries.report_writers import to_markdown, write_docx, write_xlsx
from samverkan.queries.reports import build_report

from .conftest import FIXTURE_DOC, FIXTURE_REPORT, run_cli

REGION = "region-jamtland-harjedalen"
LST = "lansstyrelsen-i-jamtlands-lan"
INI = REGION + "--"  # a named initiative belongs to the reporting region (graph/schema.yaml)
LINES = FIXTURE_REPORT.read_text(encoding="utf-8").split("\n")


def line_of(text: str) -> int:
    """The 1-based line of the fixture where `text` starts."""
    hits = [i for i, line in enumerate(LINES, start=1) if text in line]
    assert len(hits) == 1, f"{text!r} is on lines {hits}"
    return hits[0]


# section -> {initiative: (funders, first line in the section, amount_sek total or None)}
EXPECTED_COFINANCING = {
    "3.1": {INI + "fjallnara-foretag": ({LST, REGION}, line_of("Projektet Fjällnära företag finansieras"), 2_500_000)},
    # one funder, a partner of the region, under "gemensam finansiering … med andra statliga myndigheter"
    "3.2": {INI + "digitala-jamtland": ({"tillvaxtverket"}, line_of("Projektet Digitala Jämtland"), 45_800_000)},
    "3.3": {INI + "vinterstaden": ({"ostersunds-kommun", "krokoms-kommun"}, line_of("Östersunds kommun och Krokoms"), 180_563)},
    "3.4": {INI + "kapital-i-norr": ({"almi-foretagspartner-mitt-ab", REGION}, line_of("haft gemensam finansiering med Almi"), None)},
    "3.5": {INI + "inkubator-mitt": ({"peak-innovation", REGION}, line_of("Peak Innovation och Region"), None)},
}


def test_the_fixture_is_read_as_its_region(fixture_embedded):
    docs = run_named(fixture_embedded, "documents", {}).to_dict("records")
    assert [(d["doc"], d["region_actor"], d["year"]) for d in docs] == [(FIXTURE_DOC, REGION, 2020)]


@pytest.mark.parametrize("section", sorted(EXPECTED_COFINANCING))
def test_cofinancing_of_the_fixture(fixture_embedded, section):
    df = run_named(fixture_embedded, "cofinance_by_section", {"section": section})
    got = {r["initiative"]: (set(r["funder_ids"]), r["line"], r["amount_sek"]) for r in df.to_dict("records")}
    assert got == EXPECTED_COFINANCING[section]


def test_single_funder_with_a_sum(fixture_embedded):
    flows = run_named(fixture_embedded, "funding_flows", {})
    digital = flows[flows["initiative"] == INI + "digitala-jamtland"]
    assert set(digital["funder"]) == {"tillvaxtverket"} and 45_800_000 in set(digital["amount_sek"])
    by_funder = run_named(fixture_embedded, "initiatives_by_funder", {"actor": "tillvaxtverket"})
    assert by_funder.to_dict("records")[0]["amount_sek"] == 45_800_000 and list(by_funder["co_funders"][0]) == []


def test_report_of_the_fixture(fixture_embedded):
    report = build_report(fixture_embedded, "all")
    text = to_markdown(report)
    assert text.startswith("# Samverkan med andra aktörer – Återrapportering 2020 – Region Jämtland Härjedalen")
    for heading in ("## 3.1 Samverkan med länsstyrelsen", "## 3.5 Samråd med näringsliv"):
        assert heading in text
    s31, s32, s33, s34, s35 = report.sections
    fjall = s31.cofinance[0]
    assert fjall.amounts == "Länsstyrelsen i Jämtlands län 2,5 mnkr" and fjall.total_sek == 2_500_000
    assert [e.ref for e in fjall.evidence] == [f"avsnitt 3.1, rad {line_of('Projektet Fjällnära')}",
                                                f"avsnitt 3.1, rad {line_of('Största medfinansiär')}"]
    assert s33.cofinance[0].amounts == "Krokoms kommun 180 563 kr"
    assert s33.cofinance[0].partners == ["Krokoms kommun", "Östersunds kommun"]
    assert "| Vinterstaden | Krokoms kommun; Östersunds kommun | Krokoms kommun 180 563 kr |" in text
    assert [p.name for p in s32.partners] == ["Trafikverket", "Tillväxtverket"]
    assert [(r.name, r.partners, r.total_sek) for r in s32.cofinance] == [("Digitala Jämtland", ["Tillväxtverket"], 45_800_000)]
    assert [r.evidence.line for r in s31.results] == [line_of("Samverkan har lett till")]
    assert [r.sentence for r in s34.results] == ["Resultatet är att fler unga företag har fått tillgång till riskkapital."]
    assert not s35.results
    assert {p.actor for p in s35.partners} == {"peak-innovation", "mittuniversitetet"}
    assert all(REGION not in {p.actor for p in s.partners} for s in report.sections)


def test_collaboration_stated_with_har_samverkat(fixture_embedded):
    df = run_named(fixture_embedded, "collaborations_by_section", {"section": "3.1"})
    line = line_of("Länsstyrelsen i Jämtlands län har samverkat kring")
    assert ((df["relation"] == "COLLABORATES_WITH") & (df["line"] == line) & (df["partner"] == LST)).any()


def test_docx_of_the_fixture(fixture_embedded, tmp_path):
    import docx
    path = write_docx(build_report(fixture_embedded, "3.3"), tmp_path / "jh.docx")
    rows = [[c.text for c in row.cells] for t in docx.Document(str(path)).tables for row in t.rows]
    row = next(r for r in rows if r[0] == "Vinterstaden")
    assert row[2] == "Krokoms kommun 180 563 kr" and f"rad {line_of('Krokoms kommun bidrar')} [" in row[4]


def test_xlsx_of_the_fixture_has_the_sum_in_kronor(fixture_embedded, tmp_path):
    import openpyxl
    path = write_xlsx(build_report(fixture_embedded, "3.3"), tmp_path / "jh.xlsx")
    ws = openpyxl.load_workbook(path)["Gemensam finansiering"]
    header = [c.value for c in ws[3]]
    rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=4)]
    krokom = [r for r in rows if r["Insats eller område"].value == "Vinterstaden" and r["Finansiär"].value == "Krokoms kommun"]
    assert [r["Belopp (kr)"].value for r in krokom] == [None, 180_563]  # one row per fact: lines 67 and 68
    assert all(r["Belopp (kr)"].number_format == '#,##0 "kr"' for r in krokom)
    assert krokom[1]["Referens"].value == f"avsnitt 3.3, rad {line_of('Krokoms kommun bidrar')}"


def test_cli_on_the_fixture(fixture_store_path):
    proc = run_cli("cofinance", "--section", "3.1", "--format", "json", "--store", str(fixture_store_path),
                   "--backend", "embedded")
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)[0]
    assert row["amounts"] == ["Länsstyrelsen i Jämtlands län: 2500000"] and row["amount_sek"] == 2_500_000
    table = run_cli("cofinance", "--section", "3.1", "--store", str(fixture_store_path), "--backend", "embedded").stdout
    assert "2,5 mnkr" in table and "Fjällnära företag" in table


def test_two_reports_in_one_store(tmp_path):
    from samverkan.settings import BUNDLED_REPORT

    store = tmp_path / "two.lbug"
    run_cli("build", "--store", str(store), str(BUNDLED_REPORT), str(FIXTURE_REPORT), check=True)
    args = ["--store", str(store), "--backend", "embedded"]
    proc = run_cli("report", "--section", "3.1", *args)
    assert proc.returncode == 5 and "choose one with --doc" in proc.stderr and FIXTURE_DOC in proc.stderr
    assert proc.stderr.strip().count("\n") == 0
    proc = run_cli("report", "--section", "3.1", "--doc", FIXTURE_DOC, *args)
    assert proc.returncode == 0 and "Fjällnära företag" in proc.stdout and "Medborgarundersökning" not in proc.stdout
    rows = json.loads(run_cli("cofinance", "--section", "3.1", "--format", "json", "--doc", FIXTURE_DOC, *args).stdout)
    assert [r["initiative"] for r in rows] == [INI + "fjallnara-foretag"]
    both = json.loads(run_cli("cofinance", "--section", "3.1", "--format", "json", *args).stdout)
    assert len(both) == 4
