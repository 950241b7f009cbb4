"""`samverkan extract` as a user runs it: the JSON contract, PDFs, and bad input."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pdf_util import write_pdf  # noqa: E402

from samverkan.errors import EXIT_INPUT  # noqa: E402
from samverkan.settings import BUNDLED_REPORT  # noqa: E402


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "samverkan", *args], capture_output=True, text=True, env=env, timeout=300)


def assert_one_line_error(proc, code=EXIT_INPUT):
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("samverkan: error:"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_json_contract_on_the_bundled_report():
    proc = run("extract", str(BUNDLED_REPORT), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["document"]["id"] == "region-vastmanland-2019"
    assert data["document"]["diarienr"] == "RV190046"
    ids = {n["id"] for n in data["nodes"]}
    for node in data["nodes"]:
        assert {"id", "label", "name"} <= node.keys()
        if node["label"] == "Actor":
            assert "type" in node and isinstance(node["aliases"], list)
        if node["label"] == "Initiative":
            assert "kind" in node and isinstance(node["nyps"], list)
    for rel in data["relationships"]:
        assert rel["source"] in ids and rel["target"] in ids
        if rel["type"] != "PART_OF":
            assert {"section", "evidence", "line", "method", "confidence"} <= rel.keys()
    assert any(r["type"] == "FINANCES" and r.get("amount_sek") for r in data["relationships"])


def test_pdf_with_text_layer(tmp_path):
    pdf = write_pdf(tmp_path / "rapport.pdf", [
        "Region Dalarna",
        "3.2 Samverkan med andra statliga myndigheter",
        "Projektet Smart Energi Dalarna finansieras av Energimyndigheten och Högskolan Dalarna.",
    ])
    proc = run("extract", str(pdf))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    names = {n["id"]: n["name"] for n in data["nodes"]}
    funded = {(names[r["source"]], names[r["target"]]) for r in data["relationships"] if r["type"] == "FINANCES"}
    assert ("Energimyndigheten", "Smart Energi Dalarna") in funded
    assert ("Högskolan Dalarna", "Smart Energi Dalarna") in funded


def test_pdf_without_text_layer(tmp_path):
    proc = run("extract", str(write_pdf(tmp_path / "scan.pdf", None)))
    assert_one_line_error(proc)
    assert "no text layer" in proc.stderr


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    assert_one_line_error(run("extract", str(tmp_path / "empty.txt")))


def test_binary_file(tmp_path):
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 64)
    proc = run("extract", str(tmp_path / "blob.txt"))
    assert_one_line_error(proc)
    assert "binary" in proc.stderr


def test_a_few_stray_bytes_are_read_with_a_warning_that_counts_them(tmp_path):
    """A damaged copy: forty undecodable bytes spread through the 178 kB report."""
    data = bytearray(BUNDLED_REPORT.read_bytes())
    step = len(data) // 41
    for k in range(1, 41):
        at = k * step
        while data[at] & 0xC0 == 0x80:  # not inside a character: each stray byte stands alone
            at += 1
        data[at:at] = bytes([0xFF if k % 2 else 0x00])
    (tmp_path / "damaged.txt").write_bytes(bytes(data))
    proc = run("extract", str(tmp_path / "damaged.txt"))
    assert proc.returncode == 0, proc.stderr
    assert "samverkan: warning:" in proc.stderr and "40 bytes could not be read" in proc.stderr
    data = json.loads(proc.stdout)
    assert sum(r["type"] == "FINANCES" for r in data["relationships"]) > 20


def test_legacy_windows_1252_text_is_read(tmp_path):
    doc = tmp_path / "legacy.txt"
    doc.write_bytes("3.2 Samverkan med andra statliga myndigheter\nProjektet Grön Gödning finansieras av "
                    "Jordbruksverket och Länsstyrelsen i Hallands län.\n".encode("cp1252"))
    proc = run("extract", str(doc))
    assert proc.returncode == 0 and "warning" not in proc.stderr, proc.stderr
    names = {n["id"]: n["name"] for n in json.loads(proc.stdout)["nodes"]}
    assert "Länsstyrelsen i Hallands län" in names.values()


def test_corrupt_pdf(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>>\ntrailer garbage")
    assert_one_line_error(run("extract", str(tmp_path / "broken.pdf")))


def test_missing_file(tmp_path):
    assert_one_line_error(run("extract", str(tmp_path / "nope.txt")))


def test_english_text_gives_a_valid_graph(tmp_path):
    doc = tmp_path / "english.txt"
    doc.write_text("Annual report. The council met twice this year and discussed the budget.\n", encoding="utf-8")
    proc = run("extract", str(doc))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert not [r for r in data["relationships"] if r["type"] not in ("PART_OF", "MENTIONED_IN")]


def test_text_over_the_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    line = "Region Gotland samverkar med Tillväxtverket kring besöksnäringen.\n"
    big.write_text(line * (50 * 1024 * 1024 // len(line.encode()) + 1), encoding="utf-8")
    assert big.stat().st_size >= 50 * 1024 * 1024
    proc = run("extract", str(big))
    assert_one_line_error(proc)
    assert "limit" in proc.stderr


@pytest.mark.parametrize("args", [["extract"], ["extract", "x.txt", "--format", "yaml"]])
def test_usage_errors(args):
    proc = run(*args)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_explain_shows_mentions_rules_and_facts():
    proc = run("explain", "Projektet Smart Vatten Norr medfinansieras av Formas och Luleå kommun.")
    assert proc.returncode == 0, proc.stderr
    assert "fired       financed-by on 'medfinansieras av'" in proc.stdout
    assert "Formas -FINANCES-> Smart Vatten Norr" in proc.stdout
    assert "actor       'Luleå kommun' -> Luleå kommun" in proc.stdout


def test_explain_a_line_of_a_report_and_bad_arguments():
    from samverkan.settings import BUNDLED_REPORT

    proc = run("explain", "--doc", str(BUNDLED_REPORT), "--line", "4628")
    assert proc.returncode == 0 and "medborgarundersökning" in proc.stdout and "cofinance-answer" in proc.stdout
    bad = run("explain", "--doc", str(BUNDLED_REPORT), "--line", "x")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1
    neither = run("explain")
    assert neither.returncode == 2 and "Traceback" not in neither.stderr


def test_score_prints_recall_and_precision_per_relation():
    from samverkan.settings import DATA_DIR

    proc = run("score", str(DATA_DIR / "eval" / "own_passages.yaml"), "--by-rule")
    assert proc.returncode == 0, proc.stderr
    assert "finances" in proc.stdout and "recall" in proc.stdout and "financed-by" in proc.stdout
    missing = run("score", "/nonexistent/gold.yaml")
    assert missing.returncode == 3 and "no such gold file" in missing.stderr
