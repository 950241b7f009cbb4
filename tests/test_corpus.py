"""The benchmark corpus (bench/corpus.py) as the loader reads it: three generated reports (two
years of one region, one year of another) built into an embedded store through the CLI are
three documents with the right region, year and diarienummer, each with co-financing facts;
the initiative every region has (COMMON_INITIATIVE, no project id) stays one node per region."""
from __future__ import annotations

import subprocess
import sys

import pytest

from samverkan.settings import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "bench"))
import corpus  # noqa: E402

PICK = [(0, 0), (0, 1), (1, 0)]  # (region, year) indexes: region 0 in two years, region 1 in one


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpus")
    reports = corpus.generate(tmp / "reports", regions=2, years=2, seed=11, only=PICK)
    store = tmp / "samverkan.lbug"
    proc = subprocess.run([sys.executable, "-m", "samverkan", "build", *(str(r.path) for r in reports),
                           "--store", str(store), "--workers", "2"],
                          capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return reports, store


def test_generator_is_deterministic_and_report_sized(tmp_path):
    a = corpus.generate(tmp_path / "a", regions=2, years=2, seed=11, only=PICK)
    b = corpus.generate(tmp_path / "b", regions=2, years=2, seed=11, only=PICK)
    c = corpus.generate(tmp_path / "c", regions=2, years=2, seed=12, only=PICK)
    assert [r.path.read_bytes() for r in a] == [r.path.read_bytes() for r in b]
    assert [r.path.read_bytes() for r in a] != [r.path.read_bytes() for r in c]
    assert all(20_000 <= r.path.stat().st_size <= 60_000 for r in a)
    # consecutive years of one region share some initiatives and differ in others
    first, second = set(a[0].cofinanced), set(a[1].cofinanced)
    assert first & second and first - second and second - first


def test_reports_are_distinct_documents_with_cofinancing(built):
    from samverkan.graph.ids import slugify
    from samverkan.graph.store import open_store
    from samverkan.queries.catalogue import run_named

    reports, path = built
    with open_store("embedded", path=path, create=False, read_only=True) as store:
        docs = store.query_readonly("MATCH (d:Document) RETURN d.id AS id, d.region AS region, d.year AS year, "
                                    "d.diarienr AS diarienr, d.kind AS kind ORDER BY id").to_dict("records")
        assert len(docs) == 3 and reports[0].region != reports[2].region
        assert docs == sorted(({"id": slugify(f"{r.region} {r.year}"), "region": r.region, "year": r.year,
                                "diarienr": r.diarienr, "kind": "aterrapportering"} for r in reports),
                              key=lambda d: d["id"])
        for report in reports:
            doc = slugify(f"{report.region} {report.year}")
            rows = run_named(store, "cofinance_by_section", {"section": "3", "docs": [doc]})
            assert len(rows) > 0, doc
            financed = set(store.query_readonly(
                "MATCH (:Actor)-[f:FINANCES]->(i:Initiative) WHERE f.doc = $doc RETURN DISTINCT i.name AS name",
                {"doc": doc})["name"])
            found = [name for name in report.cofinanced if name in financed]
            assert len(found) >= 0.8 * len(report.cofinanced), (doc, set(report.cofinanced) - financed)


def test_same_named_initiative_in_two_regions_is_two_nodes(built):
    from samverkan.graph.ids import slugify
    from samverkan.graph.store import open_store

    reports, path = built
    with open_store("embedded", path=path, create=False, read_only=True) as store:
        rows = store.query_readonly(
            "MATCH (a:Actor)-[f:FINANCES]->(i:Initiative {name: $name}) RETURN i.id AS id, f.doc AS doc",
            {"name": corpus.COMMON_INITIATIVE}).to_dict("records")
    regions_of = {}
    for row in rows:
        regions_of.setdefault(row["id"], set()).add(row["doc"].rsplit("-", 1)[0])
    assert len(regions_of) == 2, regions_of  # one node per region ...
    assert all(len(r) == 1 for r in regions_of.values()), regions_of  # ... with only its region's facts
    region0 = slugify(reports[0].region)
    years0 = {row["doc"] for row in rows if row["doc"].startswith(region0 + "-")}
    assert len(years0) == 2  # two years of one region ...
    assert len({row["id"] for row in rows if row["doc"] in years0}) == 1  # ... one node
