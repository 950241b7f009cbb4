"""The query catalogue: every file has a complete header, parameters are checked before a
query runs, every query returns the columns its header declares, and the named queries
answer what they say on the bundled report (embedded store; Neo4j in test_parity.py)."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from samverkan.errors import EXIT_QUERY, QueryError
from samverkan.queries import catalogue
from samverkan.graph.folding import fold, fold_cypher
from samverkan.queries.catalogue import QUERY_DIR, get, list_queries, run_named

from .conftest import BUNDLED_DOC

EXPECTED = {
    "cofinance_by_section", "cofinance_facts", "collaborations_by_section", "actor_profile", "partners_of",
    "initiatives_by_funder", "funding_flows", "search", "path_between", "actor_links", "section_results",
    "documents", "document_partners", "funding_by_year", "actor_reach",
}
# Parameters to run every query with on the bundled report.
SAMPLE_PARAMS = {
    "cofinance_by_section": {"section": "3.1"},
    "cofinance_facts": {"section": "3.1"},
    "collaborations_by_section": {"section": "3.1"},
    "actor_profile": {"actor": "tillvaxtverket"},
    "partners_of": {"actor": "tillvaxtverket"},
    "initiatives_by_funder": {"actor": "tillvaxtverket"},
    "funding_flows": {},
    "search": {"text": "lansstyrelsen"},
    "path_between": {"a": "vinnova", "b": "almi-foretagspartner-malardalen-ab"},
    "actor_links": {},
    "section_results": {"section": "3.1"},
    "documents": {},
    "document_partners": {},
    "funding_by_year": {},
    "actor_reach": {},
}


def test_catalogue_lists_the_queries():
    names = {q.name for q in list_queries()}
    assert EXPECTED <= names
    assert set(SAMPLE_PARAMS) >= names, "a new query needs sample parameters here (and runs in test_parity)"


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_header_is_complete(query):
    assert query.path.name == f"{query.name}.cypher"
    assert query.title and query.title_sv and len(query.description) > 40
    assert query.columns and len(set(query.columns)) == len(query.columns)
    assert set(query.order) <= set(query.columns)
    assert not any(line.lstrip().startswith("//") for line in query.cypher.splitlines()), "comments only in the header"
    for text in (query.cypher, *query.variants.values()):
        params = set(re.findall(r"\$([A-Za-z_]\w*)", text))
        assert params == {p.name for p in query.params}, f"{query.name}: $params in the text vs the header"


def test_variant_files_belong_to_queries():
    names = {q.name for q in list_queries()}
    for path in QUERY_DIR.glob("*.ladybug.cypher"):
        assert path.name[: -len(".ladybug.cypher")] in names, f"{path.name} has no base query"


def test_variant_is_chosen_by_backend():
    q = get("cofinance_by_section")
    assert "list_sort" in q.text("embedded") and "COLLECT {" in q.text("neo4j")
    q = get("funding_flows")
    assert q.text("embedded") == q.text("neo4j")


def test_params_are_parsed():
    q = get("cofinance_by_section")
    section, docs, reviewed = q.params
    assert (section.name, section.type, section.optional) == ("section", "string", False)
    assert (docs.name, docs.type, docs.optional) == ("docs", "list", True)
    assert (reviewed.name, reviewed.optional, reviewed.default) == ("reviewed", True, "")  # samverkan.review
    assert get("search").params[0].folded


def test_unknown_query_is_a_query_error():
    with pytest.raises(QueryError, match="no query named 'nope'") as info:
        get("nope")
    assert info.value.exit_code == EXIT_QUERY


@pytest.mark.parametrize("params, message", [
    ({}, "needs parameter section"),
    ({"section": ""}, "needs parameter section"),
    ({"section": "3.1", "colour": "red"}, "has no parameter colour"),
    ({"section": "3.x"}, 'section number such as "3.1"'),
    ({"section": "3.1; MATCH (n) DETACH DELETE n"}, "section number"),
    ({"section": ["3.1"]}, "wants a string"),
])
def test_bad_params_are_refused_before_the_query_runs(params, message):
    class NoStore:  # run_named must not reach the store
        backend = "embedded"

        def query_readonly(self, *a, **k):
            raise AssertionError("the query ran")

    with pytest.raises(QueryError, match=re.escape(message)):
        run_named(NoStore(), "cofinance_by_section", params)


def test_int_section_is_taken_as_text():
    assert get("cofinance_by_section").bind({"section": 3}) == {"section": "3", "docs": [], "reviewed": ""}


def test_docs_take_a_list_or_comma_separated_text():
    q = get("funding_flows")
    assert q.bind({"docs": "a, b"}) == {"docs": ["a", "b"]} and q.bind({"docs": ["a"]}) == {"docs": ["a"]}
    assert q.bind({}) == {"docs": []}
    with pytest.raises(QueryError, match="wants a list of strings"):
        q.bind({"docs": [{"x": 1}]})


def test_fold_matches_the_cypher_fold():
    assert fold("Länsstyrelsen i VÄSTERÅS  Öst") == "lansstyrelsen i vasteras ost"
    search = get("search").cypher
    assert fold_cypher("n.name") in search and fold_cypher("al") in search


def test_order_frame_is_stable_and_null_first():
    df = pd.DataFrame({"a": pd.Series(["b", None, "a", "b"], dtype="object"), "n": [2, 1, 3, 1]})
    out = catalogue.order_frame(df, ["a", "n"])
    assert out["a"].tolist() == [None, "a", "b", "b"] and out["n"].tolist() == [1, 3, 1, 2]


@pytest.mark.parametrize("name", sorted(SAMPLE_PARAMS))
def test_every_query_runs_with_its_declared_columns(bundled_embedded, name):
    df = run_named(bundled_embedded, name, SAMPLE_PARAMS[name])
    assert tuple(df.columns) == get(name).columns
    assert len(df) > 0, f"{name} found nothing on the bundled report"


def test_search_ignores_case_and_swedish_letters(bundled_embedded):
    for text in ("lansstyrelsen", "LÄNSSTYRELSEN", "Lansstyrelsen i Vastmanlands lan"):
        df = run_named(bundled_embedded, "search", {"text": text})
        assert "lansstyrelsen-i-vastmanlands-lan" in df["id"].tolist(), text
    df = run_named(bundled_embedded, "search", {"text": "vasteras science"})
    assert df["name"].tolist() == ["Västerås Science Park"]
    df = run_named(bundled_embedded, "search", {"text": "mdh"})  # an alias only
    row = df[df["id"] == "malardalens-universitet"].iloc[0]
    assert row["matched"] == "alias"
    df = run_named(bundled_embedded, "search", {"text": "natverket"})  # initiatives too
    assert "Initiative" in df["label"].tolist()


def test_section_filter_covers_subsections(bundled_embedded):
    chapter = run_named(bundled_embedded, "cofinance_by_section", {"section": "3"})
    parts = pd.concat([run_named(bundled_embedded, "cofinance_by_section", {"section": s})
                       for s in ("3.1", "3.2", "3.3", "3.4", "3.5")])
    assert sorted(chapter["initiative"]) == sorted(set(parts["initiative"]))
    # "3.1" must not match "3.10" or "3.11"
    facts = run_named(bundled_embedded, "collaborations_by_section", {"section": "3.1"})
    assert set(facts["section"]) <= {"3.1"} | {s for s in facts["section"] if s.startswith("3.1.")}


def test_cofinance_rows_name_the_funders_of_the_section(bundled_embedded):
    """A row lists the funders the section's own sentences name: two or more, or a partner of
    the reporting region; each is a funder of the initiative."""
    flows = run_named(bundled_embedded, "funding_flows", {})
    for section in ("3.1", "3.2", "3.3", "3.4", "3.5"):
        facts = run_named(bundled_embedded, "cofinance_facts", {"section": section, "docs": [BUNDLED_DOC]})
        df = run_named(bundled_embedded, "cofinance_by_section", {"section": section, "docs": [BUNDLED_DOC]})
        for row in df.to_dict("records"):
            funders = set(flows[flows["initiative"] == row["initiative"]]["funder"])
            here = set(facts[(facts["initiative"] == row["initiative"]) & facts["in_section"]]["funder"])
            assert set(row["funder_ids"]) == here <= funders
            assert row["n_funders"] == len(here) and (len(here) >= 2 or here != {"region-vastmanland"})
            assert list(row["funder_ids"]) == sorted(here)
            assert list(row["funders"]) == sorted(row["funders"])
            assert row["section"] == section or row["section"].startswith(section + ".")
            assert row["evidence"] and isinstance(row["line"], int)


def test_what_the_region_finances_alone_is_no_cofinancing(bundled_embedded):
    flows = run_named(bundled_embedded, "funding_flows", {})
    by = flows.groupby("initiative")["funder"].agg(set)
    alone = {i for i, f in by.items() if f == {"region-vastmanland"}}
    everything = pd.concat([run_named(bundled_embedded, "cofinance_by_section", {"section": s}) for s in ("1", "2", "3")])
    assert alone and not alone & set(everything["initiative"])


def test_collaborations_are_read_undirected(bundled_embedded):
    df = run_named(bundled_embedded, "collaborations_by_section", {"section": "3.1"})
    collab = df[df["relation"] == "COLLABORATES_WITH"]
    pairs = set(zip(collab["actor"], collab["partner"], collab["line"]))
    assert pairs == {(b, a, line) for a, b, line in pairs}
    assert {"FINANCES", "LEADS", "PARTICIPATES_IN"} <= set(df["relation"])


def test_actor_profile_and_partners(bundled_embedded):
    profile = run_named(bundled_embedded, "actor_profile", {"actor": "lansstyrelsen-i-vastmanlands-lan"}).iloc[0]
    assert profile["type"] == "county_board" and profile["finances"] >= 3 and "3.1" in profile["sections"]
    partners = run_named(bundled_embedded, "partners_of", {"actor": "lansstyrelsen-i-vastmanlands-lan"})
    co = partners[partners["relation"] == "CO_FINANCES"]
    assert ("tillvaxtverket", "region-vastmanland--tematisk-utveckling-av-cykel-och-vandringsturism-2020") in set(zip(co["partner"], co["via"]))
    assert run_named(bundled_embedded, "actor_profile", {"actor": "no-such-actor"}).empty


def test_initiatives_by_funder_names_the_co_funders(bundled_embedded):
    df = run_named(bundled_embedded, "initiatives_by_funder", {"actor": "tillvaxtverket"})
    row = df[df["initiative"] == "region-vastmanland-2019--kompetensforsorjning"].iloc[0]  # an area: per report
    assert "Vinnova" in row["co_funders"] and "Tillväxtverket" not in row["co_funders"]


def test_path_between(bundled_embedded):
    df = run_named(bundled_embedded, "path_between", {"a": "vinnova", "b": "almi-foretagspartner-malardalen-ab"})
    assert len(set(df["hops"])) == 1 and len(df) >= 2
    for row in df.to_dict("records"):
        assert row["nodes"][0] == "vinnova" and row["nodes"][-1] == "almi-foretagspartner-malardalen-ab"
        assert len(row["nodes"]) == row["hops"] + 1 == len(row["relations"]) + 1
    assert run_named(bundled_embedded, "path_between", {"a": "vinnova", "b": "vinnova"}).empty


def test_documents_names_the_reporting_region(bundled_embedded):
    df = run_named(bundled_embedded, "documents", {})
    assert df.to_dict("records")[0]["doc"] == BUNDLED_DOC
    assert df.to_dict("records")[0]["region_actor"] == "region-vastmanland"


def test_query_cli_runs_a_named_query(bundled_store_path):
    from .conftest import run_cli

    proc = run_cli("query", "--name", "search", "--param", "text=lansstyrelsen", "--store", str(bundled_store_path),
                   "--backend", "embedded", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert "lansstyrelsen-i-vastmanlands-lan" in proc.stdout
    proc = run_cli("query", "--name", "cofinance_by_section", "--store", str(bundled_store_path), "--backend", "embedded")
    assert proc.returncode == EXIT_QUERY and proc.stderr.count("\n") == 1 and "needs parameter section" in proc.stderr


# ---- what the app shows of the catalogue is Swedish ---------------------------------------
def test_every_column_and_parameter_has_a_swedish_word():
    from samverkan.queries.catalogue import labels_sv, list_queries

    words = labels_sv()
    for query in list_queries():
        assert query.description_sv.strip(), query.name
        missing = [c for c in query.columns if c not in words["columns"]]
        assert not missing, f"{query.name}: no Swedish heading in queries/labels_sv.yaml for {missing}"
        headings = [words["columns"].get(c) for c in query.columns]
        assert len(set(headings)) == len(headings), f"{query.name}: two columns share a Swedish heading"
        unexplained = [p.name for p in query.params if p.name not in words["params"]]
        assert not unexplained, f"{query.name}: no Swedish help for parameters {unexplained}"


def test_catalogue_results_are_shown_with_swedish_headings_and_labels():
    import pandas as pd

    from samverkan.ui.cypher_console import display_frame

    raw = pd.DataFrame([{"relation": "COLLABORATES_WITH", "partner_type": "state_agency", "amount_sek": 5,
                         "relations": ["FINANCES", "OWNS"]}])
    shown = display_frame(raw, swedish=True)
    assert list(shown.columns) == ["Relation", "Partens typ", "Belopp (kr)", "Relationer"]
    row = shown.iloc[0].tolist()
    assert row[0] == "samverkar med" and row[1] == "Statlig myndighet"
    assert "FINANCES" not in row[3] and "finansierar" in row[3]
    # a user's own query keeps its own names and values
    assert list(display_frame(raw).columns) == list(raw.columns)
    assert display_frame(raw).iloc[0, 0] == "COLLABORATES_WITH"
