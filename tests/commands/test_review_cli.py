"""`samverkan review export/import/list`: the spreadsheet round trip (CSV and XLSX) through the
real command line, a rebuild that keeps the imported decisions, and a bad file refused whole
with row-numbered messages."""
from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest

from samverkan.settings import BUNDLED_REPORT, PROJECT_ROOT

DOC = "region-vastmanland-2019"
TEMATISK = "Tematisk utveckling av cykel- och vandringsturism 2020"


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "samverkan", *args], capture_output=True, text=True, env=env,
                          cwd=PROJECT_ROOT, timeout=600)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("review-cli")
    env = dict(os.environ, SAMVERKAN_REVIEWS=str(tmp / "reviews"), SAMVERKAN_BACKEND="embedded",
               SAMVERKAN_STORE=str(tmp / "store" / "samverkan.lbug"), USER="granskare")
    env.pop("NEO4J_URI", None)
    proc = run("build", str(BUNDLED_REPORT), env=env)
    assert proc.returncode == 0, proc.stderr
    return tmp, env


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path, rows, delimiter=","):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


def cofinance_line(env, *extra) -> str:
    out = run("cofinance", "--section", "3.1", *extra, env=env)
    assert out.returncode == 0, out.stderr
    return next((line for line in out.stdout.splitlines() if line.startswith(TEMATISK)), "")


def test_csv_round_trip_and_rebuild(setup):
    tmp, env = setup
    sheet = tmp / "granskning.csv"
    proc = run("review", "export", "--doc", DOC, "--format", "csv", "-o", str(sheet), env=env)
    assert proc.returncode == 0, proc.stderr
    rows = read_csv(sheet)
    assert {"fact_key", "section", "type", "source", "target", "evidence", "decision", "reason"} <= set(rows[0])
    assert all(r["decision"] == "" for r in rows)
    # importing the file as exported records nothing
    proc = run("review", "import", str(sheet), env=env)
    assert proc.returncode == 0 and "0 accepted, 0 rejected" in proc.stdout, proc.stderr
    assert not (tmp / "reviews" / f"{DOC}.jsonl").exists()

    target = [r for r in rows if r["type"] == "FINANCES" and r["target"] == TEMATISK]
    wrong = next(r for r in target if r["source"] == "Tillväxtverket")
    right = next(r for r in target if r["source"] != "Tillväxtverket")
    wrong.update(decision="Avvisa", reason="beviljat, inte medfinansierat")
    right.update(decision="godkänn")
    filled = tmp / "ifylld.csv"
    write_csv(filled, rows, delimiter=";")  # as Swedish Excel saves it
    proc = run("review", "import", str(filled), env=env)
    assert proc.returncode == 0, proc.stderr
    assert "1 accepted, 1 rejected" in proc.stdout
    line = cofinance_line(env)
    assert "Tillväxtverket" not in line and "Länsstyrelsen" in line

    proc = run("review", "export", "--doc", DOC, "-o", str(tmp / "efter.csv"), env=env)
    after = {r["fact_key"]: r for r in read_csv(tmp / "efter.csv")}
    assert after[wrong["fact_key"]]["decision"] == "reject" and after[wrong["fact_key"]]["review"] == "rejected"
    assert after[wrong["fact_key"]]["reason"] == "beviljat, inte medfinansierat"
    assert after[right["fact_key"]]["decision"] == "accept" and after[right["fact_key"]]["review"] == "accepted"

    listed = run("review", "list", "--doc", DOC, env=env)
    assert listed.returncode == 0 and "reject" in listed.stdout and "granskare" in listed.stdout

    # samverkan build afterwards keeps them (unchanged file: skipped; --fresh: extracted anew)
    for extra in ([], ["--fresh"]):
        proc = run("build", *extra, str(BUNDLED_REPORT), env=env)
        assert proc.returncode == 0, proc.stderr
        line = cofinance_line(env)
        assert "Tillväxtverket" not in line and "Länsstyrelsen" in line
    assert "Länsstyrelsen" in cofinance_line(env, "--reviewed")


def test_xlsx_round_trip(setup):
    from openpyxl import load_workbook

    tmp, env = setup
    book = tmp / "granskning.xlsx"
    proc = run("review", "export", "--doc", DOC, "--format", "xlsx", "-o", str(book), env=env)
    assert proc.returncode == 0, proc.stderr
    wb = load_workbook(book)
    ws = wb.active
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in header}
    picked = None
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col["type"]).value == "COLLABORATES_WITH" and not ws.cell(r, col["decision"]).value:
            picked = ws.cell(r, col["fact_key"]).value
            ws.cell(r, col["decision"]).value = "reject"
            ws.cell(r, col["reason"]).value = "ingen samverkan"
            break
    wb.save(book)
    proc = run("review", "import", str(book), env=env)
    assert proc.returncode == 0 and "1 rejected" in proc.stdout, proc.stderr
    proc = run("review", "export", "--doc", DOC, "-o", str(tmp / "x.csv"), env=env)
    after = {r["fact_key"]: r for r in read_csv(tmp / "x.csv")}
    assert after[picked]["review"] == "rejected"


def test_a_bad_file_is_refused_whole_with_row_numbers(setup):
    tmp, env = setup
    sheet = tmp / "bad-source.csv"
    assert run("review", "export", "--doc", DOC, "-o", str(sheet), env=env).returncode == 0
    rows = read_csv(sheet)
    log = tmp / "reviews" / f"{DOC}.jsonl"
    before = log.read_text(encoding="utf-8") if log.exists() else ""
    rows[0]["decision"] = "reject"          # row 2: good, but the file is bad: not imported either
    rows[2]["decision"] = "kanske"          # row 4
    rows[4]["fact_key"] = "000000000000"    # row 6
    rows[4]["decision"] = "accept"
    rows[6]["fact_key"] = ""                # row 8
    rows[6]["decision"] = "accept"
    bad = tmp / "bad.csv"
    write_csv(bad, rows)
    proc = run("review", "import", str(bad), env=env)
    assert proc.returncode == 3, proc.stderr
    err = proc.stderr
    assert "row 4: decision 'kanske'" in err
    assert "row 6: fact_key '000000000000' is not a fact" in err
    assert "row 8: fact_key is empty" in err
    assert "3 bad rows, nothing imported" in err
    assert "row 2" not in err
    assert (log.read_text(encoding="utf-8") if log.exists() else "") == before

    missing = tmp / "no-decision.csv"
    missing.write_text("fact_key,section\nabc,3.1\n", encoding="utf-8")
    proc = run("review", "import", str(missing), env=env)
    assert proc.returncode == 3 and "row 1: missing columns" in proc.stderr
