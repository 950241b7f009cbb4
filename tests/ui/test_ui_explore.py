"""Exploring the network without a browser: expand and hide nodes, confidence and amount
filters, styling rules, the readable layout, the view in the URL, and the exports."""
from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from samverkan.ui import picture
from samverkan.ui.layout import compute_layout, label_overlaps, label_width, spread_labels
from samverkan.ui.network import NetworkFilter, filter_view
from samverkan.ui.viewstate import UrlField, decode, encode, publish, restore


def hub(data) -> str:
    """The best-connected actor of the bundled report (its region)."""
    degree: dict[str, int] = {}
    for rel in data.rels:
        for end in (rel["source"], rel["target"]):
            degree[end] = degree.get(end, 0) + 1
    return max((n for n in degree if data.nodes[n]["label"] == "Actor"), key=lambda n: (degree[n], n))


# ---- expand and hide -------------------------------------------------------------------------
def test_expanding_a_node_adds_all_its_neighbours(bundled_data):
    actor = (bundled_data.search("almi") or [None])[0]
    assert actor
    neighbours = {r["target"] if r["source"] == actor else r["source"] for r in bundled_data.rels
                  if actor in (r["source"], r["target"])}
    focused = filter_view(bundled_data, NetworkFilter(focus=hub(bundled_data), depth=1))
    other = next(n for n in focused.graph if n != focused.focus and n not in neighbours)
    expanded = filter_view(bundled_data, NetworkFilter(focus=hub(bundled_data), depth=1, expand=(actor,)))
    assert neighbours <= set(expanded.graph)
    assert other in expanded.graph  # what was there stays
    assert expanded.trail == [(actor, bundled_data.nodes[actor]["name"])]


def test_hiding_a_node_takes_it_out_and_says_so(bundled_data):
    view = filter_view(bundled_data, NetworkFilter())
    victim = sorted(view.graph, key=lambda n: -view.graph.nodes[n]["degree"])[1]
    hidden = filter_view(bundled_data, NetworkFilter.of(hide=[victim]))
    assert victim not in hidden.graph and hidden.node_count < view.node_count
    assert any(bundled_data.nodes[victim]["name"] in note for note in hidden.notes)


def test_the_focus_cannot_be_hidden(bundled_data):
    center = hub(bundled_data)
    view = filter_view(bundled_data, NetworkFilter.of(focus=center, hide=[center]))
    assert center in view.graph


# ---- confidence and amount -------------------------------------------------------------------
def test_confidence_filter_drops_less_certain_facts(bundled_data):
    confidences = sorted({float(r["confidence"]) for r in bundled_data.rels if r.get("confidence") is not None})
    assert len(confidences) > 1, "the bundled report's facts have several rule confidences"
    cut = confidences[len(confidences) // 2]
    view = filter_view(bundled_data, NetworkFilter(min_degree=0, min_confidence=cut))
    kept = [ev for *_, d in view.graph.edges(data=True) for ev in d["evidence"]]
    assert kept and all(float(ev["confidence"]) >= cut for ev in kept)
    assert len(kept) < len(bundled_data.rels)


def test_amount_filter_keeps_only_facts_stating_that_much(bundled_data):
    amounts = sorted(r["amount_sek"] for r in bundled_data.rels if r.get("amount_sek"))
    assert amounts
    cut = int(amounts[len(amounts) // 2])
    view = filter_view(bundled_data, NetworkFilter(min_degree=0, min_amount=cut))
    kept = [ev for *_, d in view.graph.edges(data=True) for ev in d["evidence"]]
    assert kept and all(ev["amount_sek"] >= cut for ev in kept)


# ---- styling rules -----------------------------------------------------------------------------
def test_size_rules_give_different_sizes(bundled_data):
    by_degree = filter_view(bundled_data, NetworkFilter(size_by="degree")).graph
    by_broker = filter_view(bundled_data, NetworkFilter(size_by="betweenness")).graph
    by_money = filter_view(bundled_data, NetworkFilter(size_by="cofinance")).graph
    center = hub(bundled_data)
    assert by_degree.nodes[center]["size"] == max(d["size"] for _, d in by_degree.nodes(data=True))
    betweenness = nx.betweenness_centrality(nx.Graph(by_broker))
    assert all(math.isclose(by_broker.nodes[n]["score"], betweenness[n]) for n in by_broker)
    finances = {n: sum(len(d["evidence"]) for *_, d in by_money.edges(n, data=True) if d["type"] == "FINANCES")
                for n in by_money}
    assert {n: by_money.nodes[n]["score"] for n in by_money} == pytest.approx(finances)
    assert [by_degree.nodes[n]["size"] for n in by_degree] != [by_money.nodes[n]["size"] for n in by_degree]


def test_colour_by_community_groups_every_node(bundled_data):
    from samverkan.ui.network import node_fill

    view = filter_view(bundled_data, NetworkFilter(color_by="community"))
    groups = {d["community"] for _, d in view.graph.nodes(data=True)}
    assert len(groups) > 1 and groups == set(range(len(groups)))
    actors = [d for _, d in view.graph.nodes(data=True) if d["label"] == "Actor"]
    assert len({node_fill(view, d) for d in actors}) > 1


# ---- a readable layout ---------------------------------------------------------------------------
def test_labels_are_pushed_apart(bundled_data):
    view = filter_view(bundled_data, NetworkFilter())
    g = view.graph
    widths = {n: label_width(g.nodes[n]) for n in g}
    crowded = {n: (float(i % 5), float(i // 5)) for i, n in enumerate(sorted(g))}  # everything on top of each other
    assert label_overlaps(spread_labels(crowded, widths), widths) < label_overlaps(crowded, widths) / 4
    pos = compute_layout(g)
    assert label_overlaps(pos, widths) < 0.02 * g.number_of_nodes() ** 2


def test_an_ego_network_is_radial_with_the_actor_in_the_centre(bundled_data):
    center = hub(bundled_data)
    view = filter_view(bundled_data, NetworkFilter(focus=center, depth=1, min_degree=0))
    pos = compute_layout(view.graph, focus=center)
    assert pos[center] == (0.0, 0.0)
    radii = {round(math.hypot(x / 1.6, y)) for n, (x, y) in pos.items() if n != center}
    assert len(radii) == 1  # one ring: every neighbour at the same distance


# ---- the view in the URL ---------------------------------------------------------------------------
def test_url_fields_round_trip():
    sections = UrlField("s", "avsnitt", "list", ["3.1", "3.2", "3.3"])
    assert encode(sections, ["3.1", "3.2", "3.3"]) is None            # the default stays out of the URL
    assert decode(sections, encode(sections, ["3.3", "3.1"])) == ["3.3", "3.1"]
    assert decode(sections, "3.1,9.9", options=["3.1", "3.2", "3.3"]) == ["3.1"]  # an old link still opens
    depth = UrlField("d", "steg", "int", 1)
    assert decode(depth, "x") == 1 and decode(depth, "3") == 3
    conf = UrlField("c", "sakerhet", "float", 0.0)
    assert decode(conf, encode(conf, 0.75)) == 0.75
    flag = UrlField("f", "nationell", "bool", False)
    assert decode(flag, encode(flag, True)) is True


def test_restore_then_publish_keeps_the_url():
    fields = [UrlField("nat_depth", "steg", "int", 1), UrlField("nat_hide", "dolj", "list", []),
              UrlField("nat_focus", "fokus", "str", None)]
    url = {"steg": "2", "dolj": "a,b", "fokus": "almi"}
    state: dict = {}
    restore(fields, state=state, params=url)
    assert state == {"nat_depth": 2, "nat_hide": ["a", "b"], "nat_focus": "almi"}
    out: dict = {"region": "x"}
    publish(fields, state=state, params=out)
    assert out == {"region": "x", **url}
    state["nat_hide"] = []
    publish(fields, state=state, params=out)
    assert "dolj" not in out


# ---- exports ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def drawn(bundled_data):
    view = filter_view(bundled_data, NetworkFilter(color_by="community"))
    return view, compute_layout(view.graph)


def test_svg_has_every_node_and_edge(drawn):
    view, pos = drawn
    root = ET.fromstring(picture.to_svg(view, pos))
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}line")) == view.edge_count
    shapes = root.findall(f"{ns}circle") + root.findall(f"{ns}rect")[1:]  # the first rect is the background
    assert len(shapes) == view.node_count
    texts = {t.text for t in root.findall(f"{ns}text")}
    assert {d["name"] for _, d in view.graph.nodes(data=True)} <= texts


def test_png_is_an_image_of_the_view(drawn):
    from PIL import Image

    view, pos = drawn
    data = picture.to_png(view, pos)
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.width > 400 and img.height > 200
    colours = img.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours and len(colours) > 20  # not a blank canvas


def test_csv_and_graphml_carry_the_view(drawn):
    view, _ = drawn
    nodes, edges = picture.nodes_frame(view), picture.edges_frame(view)
    assert len(nodes) == view.node_count
    assert len(edges) == sum(len(d["evidence"]) for *_, d in view.graph.edges(data=True))
    assert "FINANCES" not in set(edges["Relation"])  # Swedish relation labels
    g = nx.read_graphml(io.BytesIO(picture.to_graphml(view)))
    assert g.number_of_nodes() == view.node_count and g.number_of_edges() == view.edge_count
