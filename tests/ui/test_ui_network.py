"""The network view without Streamlit: legends from the schema, filters, search, focus, the
size limit, the layout and the HTML (offline, physics off, evidence in tooltips)."""
from __future__ import annotations

import re

import pytest

from samverkan.graph.schema import SCHEMA
from samverkan.ui import flows, labels
from samverkan.ui.layout import compute_layout
from samverkan.ui.network import MAX_VISIBLE_NODES, NetworkData, NetworkFilter, filter_view, subgraph_view
from samverkan.ui.network_html import render_html
from samverkan.graph.folding import fold
from samverkan.ui.synthetic import synthetic_graph
from ui_helpers import network_edges, network_nodes


# ---- legends and styles come from graph/schema.yaml ---------------------------------------
def test_actor_styles_are_the_schema_actor_types():
    styles = labels.actor_styles()
    assert list(styles) == list(SCHEMA.actor_types)
    for key, spec in SCHEMA.actor_types.items():
        assert styles[key].label_sv == spec["label_sv"]
        assert styles[key].color == spec["color"]
        assert styles[key].shape == spec["shape"]


def test_initiatives_look_different_from_every_actor_type():
    assert labels.INITIATIVE_STYLE["shape"] not in {s.shape for s in labels.actor_styles().values()}


def test_every_relationship_between_actors_and_initiatives_has_a_distinct_style():
    expected = [t for t, r in SCHEMA.relationships.items()
                if all(a in ("Actor", "Initiative") and b in ("Actor", "Initiative") for a, b in r.pairs)]
    derived = [t for t, spec in SCHEMA.derived_relationships.items() if spec.get("network")]  # the national view's
    styles = labels.rel_styles()
    assert list(styles) == expected + derived
    assert {"FINANCES", "LEADS", "PARTICIPATES_IN", "COLLABORATES_WITH", "MEMBER_OF", "CO_FINANCES"} <= set(styles)
    assert len({(s.color, str(s.dashes)) for s in styles.values()}) == len(styles)
    for rtype, style in styles.items():
        assert style.label_sv == SCHEMA.relation_label_sv(rtype)
        assert style.arrows == (rtype in SCHEMA.relationships and not SCHEMA.relationships[rtype].undirected)


def test_legend_lists_every_type_in_swedish():
    legend = labels.legend_html()
    for spec in SCHEMA.actor_types.values():
        assert spec["label_sv"] in legend
    for rtype in labels.network_rel_types():
        assert SCHEMA.relationships[rtype].label_sv in legend
    assert "Insats" in legend


def test_section_groups():
    assert labels.section_group("3.1") == "3.1"
    assert labels.section_group("3.4.2") == "3.4"
    assert labels.section_group("3.10") == labels.OTHER_SECTIONS
    assert labels.section_group("1.2.1") == labels.OTHER_SECTIONS
    assert labels.section_group(None) == labels.OTHER_SECTIONS
    assert labels.section_group_label("3.3") == "3.3 Kommuner"


# ---- filters on the bundled report ------------------------------------------------------
def test_default_view_draws_the_bundled_report(bundled_data):
    view = filter_view(bundled_data, NetworkFilter())
    assert 30 <= view.node_count <= MAX_VISIBLE_NODES
    assert not view.limited and not view.notes
    assert {"Actor", "Initiative"} == {d["label"] for _, d in view.graph.nodes(data=True)}
    assert "region-vastmanland" in view.graph


def test_section_filter_keeps_only_that_sections_relations(bundled_data):
    view = filter_view(bundled_data, NetworkFilter.of(sections=["3.1"]))
    assert view.edge_count > 0
    for *_, d in view.graph.edges(data=True):
        assert all(labels.section_group(ev["section"]) == "3.1" for ev in d["evidence"])
    everything = filter_view(bundled_data, NetworkFilter())
    assert view.node_count < everything.node_count


def test_other_sections_group(bundled_data):
    view = filter_view(bundled_data, NetworkFilter.of(sections=[labels.OTHER_SECTIONS]))
    assert view.edge_count > 0
    for *_, d in view.graph.edges(data=True):
        assert all(labels.section_group(ev["section"]) == labels.OTHER_SECTIONS for ev in d["evidence"])


def test_actor_type_filter(bundled_data):
    view = filter_view(bundled_data, NetworkFilter.of(actor_types=["state_agency"], show_initiatives=True))
    actors = [d for _, d in view.graph.nodes(data=True) if d["label"] == "Actor"]
    assert actors and all(d["type"] == "state_agency" for d in actors)


def test_initiatives_can_be_hidden(bundled_data):
    view = filter_view(bundled_data, NetworkFilter(show_initiatives=False))
    assert view.node_count > 0
    assert all(d["label"] == "Actor" for _, d in view.graph.nodes(data=True))
    assert view.rel_types() <= {"COLLABORATES_WITH", "MEMBER_OF"}


def test_relation_filter(bundled_data):
    view = filter_view(bundled_data, NetworkFilter.of(rel_types=["FINANCES"]))
    assert view.rel_types() == {"FINANCES"}


def test_minimum_degree(bundled_data):
    view = filter_view(bundled_data, NetworkFilter(min_degree=3))
    loose = filter_view(bundled_data, NetworkFilter(min_degree=1))
    assert 0 < view.node_count < loose.node_count
    full = filter_view(bundled_data, NetworkFilter(min_degree=0))
    assert full.node_count >= loose.node_count
    # degree counts distinct neighbours in the filtered graph before pruning
    assert all(len(set(loose.graph.neighbors(n))) >= 1 for n in loose.graph)


def test_search_is_case_and_diacritics_insensitive(bundled_data):
    hits = bundled_data.search("lansstyrelsen")
    assert hits and bundled_data.nodes[hits[0]]["name"].startswith("Länsstyrelsen")
    assert bundled_data.search("LÄNSSTYRELSEN") == hits
    assert bundled_data.search("finns-inte-någonstans") == []
    assert fold("Örebro Län") == "orebro lan"


def test_focus_shows_the_k_step_neighbourhood(bundled_data):
    focus = bundled_data.search("länsstyrelsen i västmanland")[0]
    one = filter_view(bundled_data, NetworkFilter(focus=focus, depth=1))
    two = filter_view(bundled_data, NetworkFilter(focus=focus, depth=2))
    assert focus in one.graph and focus in two.graph
    assert set(one.graph) - {focus} == set(one.graph.neighbors(focus))
    assert one.node_count < two.node_count
    assert any("grannskap" in note for note in one.notes)


def test_focus_survives_filters_that_would_hide_it(bundled_data):
    focus = bundled_data.search("vinnova")[0]
    view = filter_view(bundled_data, NetworkFilter(focus=focus, min_degree=50))
    assert focus in view.graph


def test_evidence_rows_name_section_and_line(bundled_data):
    view = filter_view(bundled_data, NetworkFilter.of(sections=["3.1"]))
    rows = view.evidence_rows()
    assert rows and all(r["Avsnitt"].startswith("3.1") and isinstance(r["Rad"], int) and r["Belägg"] for r in rows)
    name = bundled_data.nodes["region-vastmanland"]["name"]
    mine = view.evidence_rows("region-vastmanland")
    assert mine and all(name in (r["Från"], r["Till"]) for r in mine)


# ---- the size limit --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def big():
    return NetworkData.from_graph(synthetic_graph(5000))


def test_a_5000_node_graph_is_limited_and_says_so(big):
    view = filter_view(big, NetworkFilter())
    assert view.matched_nodes > MAX_VISIBLE_NODES
    assert view.node_count == MAX_VISIBLE_NODES
    assert view.limited
    assert view.notes[0].startswith("Vyn är begränsad")
    assert f"bara {MAX_VISIBLE_NODES} ritas" in view.notes[0]
    assert sum(view.hidden_by_type.values()) == view.matched_nodes - MAX_VISIBLE_NODES
    # the kept nodes are the best connected
    kept = min(d["degree"] for _, d in view.graph.nodes(data=True))
    full = filter_view(big, NetworkFilter(max_nodes=10**9))
    dropped = [d["degree"] for n, d in full.graph.nodes(data=True) if n not in view.graph]
    assert max(dropped) <= kept


def test_the_limit_keeps_the_focus(big):
    degree: dict[str, int] = {}
    for r in big.rels:
        for end in (r["source"], r["target"]):
            degree[end] = degree.get(end, 0) + 1
    focus = max((n for n in degree if n.startswith("actor-")), key=lambda n: (degree[n], n))  # a hub: its 3-step world is large
    view = filter_view(big, NetworkFilter(focus=focus, depth=3))
    assert view.limited and focus in view.graph
    assert set(big_neighbours(big, focus)) <= set(view.graph)


def big_neighbours(data, node):
    return {r["target"] if r["source"] == node else r["source"] for r in data.rels if node in (r["source"], r["target"])}


def test_edges_are_limited_too(big):
    view = filter_view(big, NetworkFilter(max_nodes=2000, max_edges=500))
    assert view.edge_count == 500 and view.limited
    assert any("kopplingar matchar" in n for n in view.notes)


def test_any_limit_applies(bundled_data):
    view = filter_view(bundled_data, NetworkFilter(max_nodes=10))
    assert view.limited and view.node_count == 10


# ---- layout and HTML -------------------------------------------------------------------------
def test_layout_is_deterministic_and_spread(bundled_data):
    view = filter_view(bundled_data, NetworkFilter())
    a, b = compute_layout(view.graph), compute_layout(view.graph)
    assert a == b
    assert set(a) == set(view.graph)
    xs = [x for x, _ in a.values()]
    assert max(xs) - min(xs) > 300


def test_skeleton_layout_places_every_node(big):
    view = filter_view(big, NetworkFilter(max_nodes=10**9, max_edges=10**9))
    pos = compute_layout(view.graph)
    assert set(pos) == set(view.graph)
    assert len(set(pos.values())) > 0.95 * len(pos)


def test_html_is_offline_with_physics_off_and_fixed_positions(bundled_data):
    view = filter_view(bundled_data, NetworkFilter())
    html = render_html(view)
    assert not re.search(r"""(src|href)=["']https?://""", html), "the network must not load anything from the net"
    assert "vis.Network" in html and "vis-network" in html.lower()
    assert '"physics": {"enabled": false' in html
    nodes = network_nodes(html)
    assert len(nodes) == view.node_count
    assert all("x" in n and "y" in n and n["physics"] is False for n in nodes)
    edges = network_edges(html)
    assert len(edges) == view.edge_count


def test_html_nodes_and_edges_carry_styles_and_evidence(bundled_data):
    view = filter_view(bundled_data, NetworkFilter())
    nodes = {n["id"]: n for n in network_nodes(render_html(view))}
    region = nodes["region-vastmanland"]
    assert region["shape"] == labels.actor_style("region").shape
    assert region["color"]["background"] == labels.actor_style("region").color
    assert "Region Västmanland" in region["title"] and "rad" in region["title"]
    initiative = next(n for n in nodes.values() if view.graph.nodes[n["id"]]["label"] == "Initiative")
    assert initiative["shape"] == labels.INITIATIVE_STYLE["shape"]
    edges = network_edges(render_html(view))
    styles = labels.rel_styles()
    for e in edges:
        style = styles[e["relType"]]
        assert e["color"]["color"] == style.color and e["dashes"] == style.dashes
        assert e["evidence"] and all(ev["where"].startswith("[") and "rad" in ev["where"] for ev in e["evidence"])
        assert "»" in e["title"]


def test_html_escapes_what_it_shows(bundled_data):
    data = NetworkData({"a": {"label": "Actor", "name": "</script><b>x</b>", "type": "other", "kind": None,
                              "aliases": [], "sections": set()},
                        "b": {"label": "Actor", "name": "B", "type": "other", "kind": None, "aliases": [],
                              "sections": set()}},
                       [{"id": "r", "type": "COLLABORATES_WITH", "source": "a", "target": "b", "section": "3.1",
                         "line": 1, "evidence": "<img src=x onerror=alert(1)>"}])
    html = render_html(filter_view(data, NetworkFilter()))
    assert "</script><b>" not in html and "<img src=x" not in html


def test_subgraph_of_a_query_result(bundled_data):
    ids = ["region-vastmanland", "tillvaxtverket", "does-not-exist"]
    view = subgraph_view(bundled_data, ids)
    assert set(view.graph) == {"region-vastmanland", "tillvaxtverket"}


# ---- funding flows -----------------------------------------------------------------------------
def test_flows_use_the_largest_stated_amount_and_a_nominal_width():
    import pandas as pd

    rows = pd.DataFrame([
        {"funder": "a", "funder_name": "A", "funder_type": "state_agency", "initiative": "x", "initiative_name": "X",
         "kind": "project", "amount_sek": 1_000_000, "instrument": "1:1", "doc": "d", "section": "3.1", "line": 5,
         "evidence": "A ger 1 mnkr."},
        {"funder": "a", "funder_name": "A", "funder_type": "state_agency", "initiative": "x", "initiative_name": "X",
         "kind": "project", "amount_sek": 1_000_000, "instrument": None, "doc": "d", "section": "3.2", "line": 9,
         "evidence": "A ger åter 1 mnkr."},
        {"funder": "b", "funder_name": "B", "funder_type": "region", "initiative": "x", "initiative_name": "X",
         "kind": "project", "amount_sek": None, "instrument": None, "doc": "d", "section": "1.2", "line": 3,
         "evidence": "B finansierar X."},
    ])
    links = flows.aggregate(rows)
    assert len(links) == 2
    a = links[links["funder"] == "a"].iloc[0]
    assert a["amount_sek"] == 1_000_000 and a["facts"] == 2 and a["first_line"] == 5
    f = flows.flows(links)
    assert f.without_amount == 1
    assert f.nominal == pytest.approx(flows.NOMINAL_SHARE * 1_000_000)
    assert sorted(f.links["width"]) == [pytest.approx(30_000), 1_000_000]
    counted = flows.flows(links, flows.MODE_COUNT)
    assert sorted(counted.links["width"]) == [1, 2]
    only_31 = flows.aggregate(rows, sections={"3.1"})
    assert list(only_31["funder"]) == ["a"] and only_31.iloc[0]["facts"] == 1
    fig = flows.sankey_figure(f)
    assert fig.data[0].type == "sankey" and len(fig.data[0].link.value) == 2
    assert any("belopp saknas" in h for h in fig.data[0].link.customdata)


def test_flows_are_limited():
    import pandas as pd

    rows = pd.DataFrame([{"funder": f"f{i}", "funder_name": f"F{i}", "funder_type": "company", "initiative": "x",
                          "initiative_name": "X", "kind": "project", "amount_sek": i * 1000 or None, "instrument": None,
                          "doc": "d", "section": "3.5", "line": i, "evidence": "…"} for i in range(200)])
    f = flows.flows(flows.aggregate(rows), max_links=50)
    assert len(f.links) == 50 and f.hidden == 150 and f.notes
    assert f.links["amount_sek"].iloc[0] == 199_000
