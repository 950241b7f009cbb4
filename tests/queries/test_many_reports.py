"""Many reports in one store: kept apart where they must be, joined where the text joins them,
compared, and rebuilt without stale facts. Three short fixtures in the template:
Region Jämtland Härjedalen 2020 and 2021, and Region Dalarna 2020 (which names an initiative
as Jämtland does, "Fjällnära företag", and shares a project id, Nyps 20201234, with
Jämtland 2021). Every query runs on the embedded store and on the real Neo4j server."""
from __future__ import annotations

import fcntl
import json

import pandas as pd
import pytest

from samverkan.errors import InputError
from samverkan.queries.catalogue import run_named
from samverkan.queries.compare import compare
from samverkan.queries.selection import Selection, resolve_docs
from samverkan.settings import PROJECT_ROOT

from .conftest import NEO4J_LOCK, run_cli

DATA = PROJECT_ROOT / "tests" / "data"
J20, J21, D20 = "region-jamtland-harjedalen-2020", "region-jamtland-harjedalen-2021", "region-dalarna-2020"
FILES = [DATA / "report_fixture_jamtland.txt", DATA / "report_fixture_jamtland_2021.txt", DATA / "report_fixture_dalarna_2020.txt"]
SHARED_PROJECT = "projekt-20201234"


@pytest.fixture(scope="module")
def many_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("many") / "samverkan.lbug"
    run_cli("build", "--store", str(path), "--fresh", *map(str, FILES), check=True)
    return path


@pytest.fixture(scope="module")
def many_embedded(many_path):
    from samverkan.graph.store import open_store

    store = open_store("embedded", path=many_path, create=False, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def many_neo4j(neo4j_target, many_embedded):
    from samverkan.graph.neo4j_store import Neo4jStore

    graph = many_embedded.read_graph()
    with open(NEO4J_LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            store = Neo4jStore(neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database)
            store.query("MATCH (n) DETACH DELETE n")
            for part in graph.by_document():
                store.write(part)
            yield store
            store.query("MATCH (n) DETACH DELETE n")
            store.close()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def many(request):
    return request.getfixturevalue(f"many_{request.param}")


def test_documents_are_region_year_and_kind(many):
    docs = run_named(many, "documents", {})
    assert [(d["doc"], d["year"], d["kind"]) for d in docs.to_dict("records")] == [
        (D20, 2020, "aterrapportering"), (J20, 2020, "aterrapportering"), (J21, 2021, "aterrapportering")]


def test_a_name_in_two_regions_is_two_initiatives_and_one_in_two_years(many):
    found = run_named(many, "search", {"text": "fjallnara"})
    assert sorted(found["id"]) == ["region-dalarna--fjallnara-foretag", "region-jamtland-harjedalen--fjallnara-foretag"]
    jamtland = run_named(many, "cofinance_by_section", {"section": "3.1", "docs": [J20, J21]})
    assert set(jamtland["initiative"]) == {"region-jamtland-harjedalen--fjallnara-foretag"} and len(jamtland) == 2


def test_a_shared_project_id_joins_but_each_report_keeps_its_funders(many):
    rows = run_named(many, "cofinance_by_section", {"section": "3.3"})
    shared = rows[rows["initiative"] == SHARED_PROJECT]
    by_doc = {r["doc"]: set(r["funder_ids"]) for r in shared.to_dict("records")}
    assert by_doc == {J21: {"ostersunds-kommun", "bergs-kommun"}, D20: {"falu-kommun", "borlange-kommun"}}
    one = run_named(many, "cofinance_by_section", {"section": "3.3", "docs": [J21]})
    assert set().union(*map(set, one["funder_ids"])) == {"ostersunds-kommun", "bergs-kommun"}  # never Dalarna's


def test_every_row_without_a_filter_belongs_to_one_report(many):
    rows = run_named(many, "cofinance_by_section", {"section": "3"})
    flows = run_named(many, "funding_flows", {})
    for row in rows.to_dict("records"):
        theirs = set(flows[(flows["initiative"] == row["initiative"]) & (flows["doc"] == row["doc"])]["funder"])
        assert set(row["funder_ids"]) <= theirs


def test_selection_by_region_and_year(many):
    assert resolve_docs(many, Selection(region="Jämtland")) == [J20, J21]
    assert resolve_docs(many, Selection(region="region-dalarna")) == [D20]
    assert resolve_docs(many, Selection(year=2020)) == [D20, J20]
    assert resolve_docs(many, Selection(region="jamtland", year=2021)) == [J21]
    with pytest.raises(Exception) as err:
        resolve_docs(many, Selection(region="Gotland"))
    assert "no report for region Gotland" in str(err.value)


def test_diff_of_two_years_of_one_region(many):
    c = compare(many, J20, J21)
    status = dict(zip(c.partners["actor"], c.partners["status"]))
    assert status["energimyndigheten"] == "gained" and status["bergs-kommun"] == "gained"
    assert status["tillvaxtverket"] == "lost" and status["krokoms-kommun"] == "lost"
    assert status["lansstyrelsen-i-jamtlands-lan"] == "kept" and status["peak-innovation"] == "kept"
    assert "region-jamtland-harjedalen" not in status
    initiatives = {r["name"]: r["status"] for r in c.initiatives.to_dict("records")}
    assert initiatives == {
        "Energismart Jämtland": "new", "Gränslöst samarbete": "new",
        "Digitala Jämtland": "ended", "Vinterstaden": "ended",
        "Fjällnära företag": "continued", "Kapital i norr": "continued", "Inkubator Mitt": "continued",
    }


def test_new_queries_across_reports(many):
    reach = run_named(many, "actor_reach", {}).set_index("actor")
    assert reach.loc["trafikverket", "regions"] == 2 and reach.loc["trafikverket", "years"] == 2
    assert reach.loc["trafikverket", "collaborate_regions"] == 2 and reach.loc["trafikverket", "cofinance_regions"] == 0
    assert "region-dalarna" not in reach.index or reach.loc["region-dalarna", "regions"] == 0
    by_year = run_named(many, "funding_by_year", {"docs": [J20, J21]})
    lst = by_year[by_year["funder"] == "lansstyrelsen-i-jamtlands-lan"]
    assert list(lst["year"]) == [2020, 2021] and list(lst["amount_sek"]) == [2_500_000, 2_500_000]
    partners = run_named(many, "document_partners", {"docs": [D20]})
    assert set(partners["doc"]) == {D20} and "region-dalarna" not in set(partners["actor"])


def test_diff_cli(many_path, tmp_path):
    proc = run_cli("diff", J20, J21, "--store", str(many_path), "--backend", "embedded")
    assert proc.returncode == 0, proc.stderr
    assert "# Jämförelse" in proc.stdout and "| ny | Energimyndigheten |" in proc.stdout
    csv_out = run_cli("diff", J20, J21, "--format", "csv", "--store", str(many_path), "--backend", "embedded").stdout
    assert "insatser,avslutad,Vinterstaden" in csv_out
    xlsx = tmp_path / "diff.xlsx"
    proc = run_cli("diff", J20, J21, "--format", "xlsx", "-o", str(xlsx), "--store", str(many_path), "--backend", "embedded")
    assert proc.returncode == 0 and xlsx.read_bytes()[:2] == b"PK"
    bad = run_cli("diff", J20, "region-gotland-2020", "--store", str(many_path), "--backend", "embedded")
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1 and "no report 'region-gotland-2020'" in bad.stderr


def test_commands_take_region_and_year(many_path):
    store = ["--store", str(many_path), "--backend", "embedded"]
    rows = json.loads(run_cli("cofinance", "--section", "3.1", "--region", "Jämtland", "--format", "json", *store).stdout)
    assert {r["doc"] for r in rows} == {J20, J21}
    table = run_cli("cofinance", "--section", "3.1", *store).stdout
    assert "Rapport" in table and D20 in table and J21 in table
    proc = run_cli("report", "--section", "3.1", "--region", "Jämtland", *store)
    assert proc.returncode != 0 and "choose it with --doc or --year" in proc.stderr
    proc = run_cli("report", "--section", "3.1", "--region", "Jämtland", "--year", "2021", *store)
    assert proc.returncode == 0 and "Återrapportering 2021" in proc.stdout
    out = json.loads(run_cli("query", "--name", "funding_flows", "--year", "2021", "--format", "json", *store).stdout)
    assert out and {r["doc"] for r in out} == {J21}


def test_rebuild_replaces_and_another_file_is_refused(tmp_path):
    from samverkan.commands.build import build
    from samverkan.graph.store import open_store

    path = tmp_path / "s.lbug"
    build([FILES[0]], path)
    with open_store("embedded", path=path, create=False, read_only=True) as store:
        before = store.counts()
    again = build([FILES[0]], path)
    assert again.skipped == [FILES[0]]  # unchanged file and extraction: kept as stored
    edited = tmp_path / "jamtland-2020-ny.txt"
    edited.write_text(FILES[0].read_text(encoding="utf-8").replace("Vinterstaden", "Vinterstaden 2"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        build([edited], path)
    assert "give --replace" in str(err.value) and J20 in str(err.value)
    build([edited], path, replace=True)
    with open_store("embedded", path=path, create=False, read_only=True) as store:
        assert store.counts()["relationships"] == before["relationships"]  # replaced, not added to
        names = set(run_named(store, "funding_flows", {})["initiative_name"])
    assert "Vinterstaden 2" in names and "Vinterstaden" not in names


def test_the_same_file_edited_replaces_its_report(tmp_path):
    from samverkan.commands.build import build
    from samverkan.graph.store import open_store

    path = tmp_path / "s.lbug"
    report = tmp_path / FILES[0].name
    report.write_text(FILES[0].read_text(encoding="utf-8"), encoding="utf-8")
    build([report], path)
    report.write_text(FILES[0].read_text(encoding="utf-8").replace("Vinterstaden", "Vinterstaden 2"), encoding="utf-8")
    result = build([report], path)  # no --replace: it is the same report, edited
    assert result.skipped == []
    with open_store("embedded", path=path, create=False, read_only=True) as store:
        names = set(run_named(store, "funding_flows", {})["initiative_name"])
        assert len(store.documents()) == 1
    assert "Vinterstaden 2" in names and "Vinterstaden" not in names


def test_rebuild_cli_refuses_in_one_line(tmp_path):
    path = tmp_path / "s.lbug"
    run_cli("build", "--store", str(path), str(FILES[0]), check=True)
    edited = tmp_path / "other.txt"
    edited.write_text(FILES[0].read_text(encoding="utf-8") + "\nEtt tillägg.\n", encoding="utf-8")
    proc = run_cli("build", "--store", str(path), str(edited))
    assert proc.returncode != 0 and proc.stderr.count("\n") == 1 and "--replace" in proc.stderr
    proc = run_cli("build", "--store", str(path), str(FILES[0]))
    assert proc.returncode == 0 and "unchanged, kept as stored" in proc.stdout


def test_parity_of_every_query_on_many_reports(many_embedded, many_neo4j):
    from .test_parity import normalised

    cases = [("cofinance_by_section", {"section": s, "docs": d}) for s in ("3", "3.1", "3.3") for d in ([], [J21])]
    cases += [(q, {"docs": d}) for q in ("document_partners", "funding_by_year", "actor_reach", "funding_flows",
                                            "actor_links") for d in ([], [D20], [J20, J21])]
    cases += [("actor_profile", {"actor": "trafikverket", "docs": d}) for d in ([], [J21])]
    for name, params in cases:
        a, b = run_named(many_embedded, name, params), run_named(many_neo4j, name, params)
        pd.testing.assert_frame_equal(normalised(a), normalised(b), obj=f"{name} {params}")
