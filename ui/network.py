"""The network view: GraphData -> filtered networkx graph -> layout -> pyvis HTML.

No Streamlit in here, so the page, the tests and bench/ui_bench.py run the same code:

    data = NetworkData.from_graph(store.read_graph())      # once per store version
    view = filter_view(data, NetworkFilter(sections={"3.1"}, min_degree=1))
    html = render_html(view)                               # layout + pyvis, physics off

Size limit. vis.js stays responsive up to a few hundred visible nodes, so a view never
draws more than `MAX_VISIBLE_NODES` nodes (300) or `MAX_VISIBLE_EDGES` edges (2 000): above
that it keeps the nodes with the most connections (the focused actor first), records what
it left out per type, and `view.notes` says so in Swedish for the page to show. The layout
is computed in networkx (`spring_layout` with a fixed seed, so the same view looks the same
every time) and the browser gets fixed coordinates with physics switched off.
"""
from __future__ import annotations

import html as html_lib
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from samverkan.graph.folding import fold
from samverkan.graph.money import format_sek
from samverkan.graph.model import GraphData

from . import labels

MAX_VISIBLE_NODES = 300
MAX_VISIBLE_EDGES = 2000
LAYOUT_SEED = 42
LAYOUT_ITERATIONS = 100
LAYOUT_K = 3.0           # spring length (times 1/sqrt(n)): larger spreads hub-and-spoke graphs more
LAYOUT_SKELETON = 400     # above this many nodes: skeleton layout (see compute_layout)
ASPECT = 1.6              # the canvas is wider than high: stretch the layout sideways
TOOLTIP_EVIDENCE = 4      # evidence sentences in a hover tooltip
PANEL_EVIDENCE = 40       # evidence sentences in the selection panel of a node
LABEL_MAX = 32            # characters of a node label on the canvas


# =======================================================================================
# The graph the view draws from
# =======================================================================================
@dataclass
class NetworkData:
    """Actors and initiatives with the relationships between them, each with provenance.
    `nodes`: id -> {label, name, type|kind, aliases, sections}; `rels`: one dict per
    relationship {id, type, source, target, section, line, evidence, amount_sek, ...}."""

    nodes: dict[str, dict[str, Any]]
    rels: list[dict[str, Any]]

    @classmethod
    def from_graph(cls, graph: GraphData, docs: Iterable[str] | None = None) -> "NetworkData":
        """The network of `graph`, limited to the facts of `docs` (None or empty: every
        document). Each relationship row names the region of its report (`region`)."""
        wanted = set(labels.network_rel_types())
        docs = set(docs or ())
        region_of = {n.id: n.props.get("region") or n.id for n in graph.nodes.values() if n.label == "Document"}
        in_scope = {r.source for r in graph.relationships.values() if not docs or r.props.get("doc") in docs} | \
            {r.target for r in graph.relationships.values() if not docs or r.props.get("doc") in docs}
        nodes: dict[str, dict[str, Any]] = {}
        for node in graph.nodes.values():
            if node.label not in labels.NETWORK_LABELS or node.id not in in_scope:
                continue
            nodes[node.id] = {
                "label": node.label,
                "name": node.name,
                "type": node.props.get("type") if node.label == "Actor" else None,
                "kind": node.props.get("kind") if node.label == "Initiative" else None,
                "aliases": list(node.props.get("aliases") or []),
                "sections": set(),
            }
        section_number = {n.id: n.props.get("number") for n in graph.nodes.values() if n.label == "Section"}
        rels = []
        for rel in graph.relationships.values():
            if docs and rel.props.get("doc") not in docs:
                continue
            if rel.type == "MENTIONED_IN":
                node = nodes.get(rel.source)
                number = rel.props.get("section") or section_number.get(rel.target)
                if node is not None and number:
                    node["sections"].add(number)
                continue
            if rel.type not in wanted or rel.source not in nodes or rel.target not in nodes:
                continue
            row = {"id": rel.id, "type": rel.type, "source": rel.source, "target": rel.target}
            row.update({k: v for k, v in rel.props.items() if v is not None})
            row["region"] = region_of.get(rel.props.get("doc"), "")
            rels.append(row)
            for end in (rel.source, rel.target):
                if row.get("section"):
                    nodes[end]["sections"].add(row["section"])
        return cls(nodes, rels)

    # ---- search ------------------------------------------------------------------------
    def search(self, text: str, limit: int = 20) -> list[str]:
        """Node ids whose name or alias contains `text` (case and diacritics ignored):
        exact matches first, then prefixes, then the rest; actors before initiatives."""
        needle = fold(text)
        if not needle:
            return []
        scored = []
        for node_id, node in self.nodes.items():
            best = None
            for name in [node["name"], *node["aliases"], node_id]:
                folded = fold(name)
                if folded == needle:
                    score = 0
                elif folded.startswith(needle):
                    score = 1
                elif needle in folded:
                    score = 2
                else:
                    continue
                best = score if best is None else min(best, score)
            if best is not None:
                scored.append((best, node["label"] != "Actor", node["name"].lower(), node_id))
        return [node_id for *_, node_id in sorted(scored)[:limit]]


# =======================================================================================
# Filters
# =======================================================================================
@dataclass(frozen=True)
class NetworkFilter:
    """What the Nätverk page's controls ask for. None means "all"."""

    sections: frozenset[str] | None = None        # groups: "3.1".."3.5", labels.OTHER_SECTIONS
    actor_types: frozenset[str] | None = None
    rel_types: frozenset[str] | None = None
    show_initiatives: bool = True
    min_degree: int = 1
    focus: str | None = None                       # node id: show its k-step neighbourhood
    depth: int = 1
    max_nodes: int = MAX_VISIBLE_NODES
    max_edges: int = MAX_VISIBLE_EDGES
    color_by: str = "type"                         # "type" (actor type) or "region" (the report's)

    @classmethod
    def of(cls, **kwargs: Any) -> "NetworkFilter":
        """Build from plain lists (Streamlit widgets give lists)."""
        for key in ("sections", "actor_types", "rel_types"):
            if kwargs.get(key) is not None:
                kwargs[key] = frozenset(kwargs[key])
        return cls(**kwargs)


@dataclass
class NetworkView:
    """A filtered, possibly limited view: `graph` is an nx.MultiGraph whose edges are keyed
    "TYPE:source>target" and carry the evidence of every relationship they stand for."""

    graph: nx.MultiGraph
    matched_nodes: int                      # nodes that passed the filters, before the limit
    matched_edges: int
    limited: bool = False
    hidden_by_type: dict[str, int] = field(default_factory=dict)   # Swedish type label -> count
    notes: list[str] = field(default_factory=list)                  # Swedish, for the page
    focus: str | None = None
    color_by: str = "type"

    def regions(self) -> list[str]:
        """The reports' regions of the nodes in view (for a legend when coloured by region)."""
        return sorted({d.get("region") for _, d in self.graph.nodes(data=True) if d.get("region")})

    @property
    def node_count(self) -> int:
        return self.graph.number_of_nodes()

    @property
    def edge_count(self) -> int:
        return self.graph.number_of_edges()

    def actor_types(self) -> set[str]:
        return {d.get("type") or "other" for _, d in self.graph.nodes(data=True) if d["label"] == "Actor"}

    def rel_types(self) -> set[str]:
        return {d["type"] for *_, d in self.graph.edges(data=True)}

    def evidence_rows(self, node_id: str | None = None) -> list[dict[str, Any]]:
        """One row per evidence sentence of the visible edges (of one node when given)."""
        rows = []
        edges = self.graph.edges(node_id, data=True) if node_id else self.graph.edges(data=True)
        for _, _, d in edges:
            for ev in d["evidence"]:
                rows.append({
                    "Från": self.graph.nodes[d["source"]]["name"],
                    "Relation": labels.rel_label_sv(d["type"]),
                    "Till": self.graph.nodes[d["target"]]["name"],
                    "Avsnitt": ev.get("section") or "",
                    "Rad": ev.get("line"),
                    "Belägg": ev.get("evidence") or "",
                    "Belopp": format_sek(ev["amount_sek"]) if ev.get("amount_sek") else "",
                    "_key": evidence_key(ev),
                })
        rows.sort(key=lambda r: r.pop("_key"))
        return rows


def edge_key(rel: dict[str, Any], undirected: bool) -> tuple[str, str, str]:
    a, b = rel["source"], rel["target"]
    if undirected and b < a:
        a, b = b, a
    return rel["type"], a, b


def filter_view(data: NetworkData, flt: NetworkFilter) -> NetworkView:
    """Apply the filters, then the size limit. Order: node types, relation types and
    sections decide the edges; minimum degree (distinct neighbours in that graph) prunes;
    the focus keeps the k-step neighbourhood; the limit keeps the best-connected nodes."""
    styles = labels.rel_styles()
    undirected = {t: not s.arrows for t, s in styles.items()}

    def keep_node(node: dict[str, Any]) -> bool:
        if node["label"] == "Initiative":
            return flt.show_initiatives
        return flt.actor_types is None or (node["type"] or "other") in flt.actor_types

    g = nx.MultiGraph()
    for rel in data.rels:
        if flt.rel_types is not None and rel["type"] not in flt.rel_types:
            continue
        if flt.sections is not None and labels.section_group(rel.get("section")) not in flt.sections:
            continue
        src, dst = data.nodes[rel["source"]], data.nodes[rel["target"]]
        if not (keep_node(src) and keep_node(dst)):
            continue
        rtype, a, b = edge_key(rel, undirected.get(rel["type"], False))
        key = f"{rtype}:{a}>{b}"
        for end in (a, b):
            if end not in g:
                g.add_node(end, **node_attrs(data.nodes[end], end))
        if g.has_edge(a, b, key):
            attrs = g.edges[a, b, key]
        else:
            g.add_edge(a, b, key=key, type=rtype, source=a, target=b, evidence=[], amount_sek=None)
            attrs = g.edges[a, b, key]
        attrs["evidence"].append({k: rel.get(k) for k in ("section", "line", "evidence", "amount_sek", "instrument", "doc",
                                                          "method", "region")})
        if rel.get("amount_sek") is not None:
            attrs["amount_sek"] = max(attrs["amount_sek"] or 0, rel["amount_sek"])

    # Nodes without a drawn edge: only when the minimum degree allows them, and only if
    # they are mentioned in a selected section.
    if flt.min_degree <= 0:
        for node_id, node in data.nodes.items():
            if node_id in g or not keep_node(node):
                continue
            groups = {labels.section_group(s) for s in node["sections"]}
            if flt.sections is None or groups & flt.sections:
                g.add_node(node_id, **node_attrs(node, node_id))

    focus = flt.focus if flt.focus in data.nodes else None
    if focus is not None and focus not in g:
        g.add_node(focus, **node_attrs(data.nodes[focus], focus))

    if flt.min_degree > 0:
        drop = [n for n in g if n != focus and len(set(g.neighbors(n)) - {n}) < flt.min_degree]
        g.remove_nodes_from(drop)

    notes: list[str] = []
    if focus is not None:
        simple = nx.Graph(g)
        keep = nx.single_source_shortest_path_length(simple, focus, cutoff=max(0, flt.depth))
        g = g.subgraph(keep).copy()
        notes.append(f"Visar {data.nodes[focus]['name']} och dess grannskap i {flt.depth} steg "
                     f"({len(keep) - 1} grannar).")

    for node_id in g:
        g.nodes[node_id]["degree"] = len(set(g.neighbors(node_id)) - {node_id})
        regions = Counter(ev.get("region") for _, _, d in g.edges(node_id, data=True) for ev in d["evidence"])
        g.nodes[node_id]["region"] = min(regions, key=lambda r: (-regions[r], r or "")) if regions else ""

    view = NetworkView(g, g.number_of_nodes(), g.number_of_edges(), focus=focus, notes=notes, color_by=flt.color_by)
    limit_view(view, flt)
    return view


def node_attrs(node: dict[str, Any], node_id: str) -> dict[str, Any]:
    """A NetworkData node as the attributes of a view's node."""
    return {"label": node["label"], "name": node["name"], "type": node.get("type"), "kind": node.get("kind"),
            "aliases": node.get("aliases") or [], "sections": sorted(node.get("sections") or ())}


def limit_view(view: NetworkView, flt: NetworkFilter) -> None:
    """Keep at most flt.max_nodes nodes (the focus and its neighbours first, then by degree)
    and flt.max_edges edges (those with most evidence), with a Swedish note of what was hidden."""
    g = view.graph
    if g.number_of_nodes() > flt.max_nodes:
        near = set(g.neighbors(view.focus)) if view.focus is not None else set()
        ranked = sorted(g.nodes(data=True), key=lambda nd: (
            nd[0] != view.focus, nd[0] not in near, -nd[1]["degree"], nd[1]["name"].lower(), nd[0]))
        keep = {node_id for node_id, _ in ranked[: flt.max_nodes]}
        hidden = Counter(_type_label(d) for n, d in g.nodes(data=True) if n not in keep)
        view.graph = g = g.subgraph(keep).copy()
        view.limited = True
        view.hidden_by_type = dict(hidden.most_common())
        shown = ", ".join(f"{count} {label}" for label, count in hidden.most_common(6))
        more = "" if len(hidden) <= 6 else " med flera"
        view.notes.insert(0,
            f"Vyn är begränsad: {fmt_int(view.matched_nodes)} noder matchar filtren men bara "
            f"{fmt_int(flt.max_nodes)} ritas (de med flest kopplingar). Dolda: {shown}{more}. "
            "Smalna av med filtren eller sök på en aktör för att se resten.")
    if g.number_of_edges() > flt.max_edges:
        ranked_edges = sorted(g.edges(keys=True, data=True), key=lambda e: (-len(e[3]["evidence"]), e[2]))
        drop = ranked_edges[flt.max_edges:]
        g.remove_edges_from([(u, v, k) for u, v, k, _ in drop])
        view.limited = True
        view.notes.insert(0,
            f"Vyn är begränsad: {fmt_int(view.matched_edges)} kopplingar matchar men bara "
            f"{fmt_int(flt.max_edges)} ritas (de med flest belägg).")


def _type_label(d: dict[str, Any]) -> str:
    if d["label"] == "Initiative":
        return "Insats"
    return labels.actor_type_label(d.get("type") or "other")


def fmt_int(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


# =======================================================================================
# Layout
# =======================================================================================
def compute_layout(g: nx.MultiGraph, seed: int = LAYOUT_SEED, iterations: int = LAYOUT_ITERATIONS) -> dict[str, tuple[float, float]]:
    """Node positions in pixels: networkx `spring_layout` (Fruchterman-Reingold) with a fixed
    seed, so the same view always looks the same; the scale grows with the node count.

    Views are limited to a few hundred nodes, where networkx's dense solver is fast. A bigger
    graph (the limit raised, or the benchmark's unlimited baseline) gets a skeleton layout:
    the `LAYOUT_SKELETON` best-connected nodes by spring_layout, every other node next to an
    already placed neighbour (breadth first), unconnected ones on a ring around them. That
    keeps the cost near-linear instead of the solver's quadratic time and memory."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g))
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    scale = max(300.0, 75.0 * math.sqrt(n))
    if n <= LAYOUT_SKELETON:
        pos = nx.spring_layout(simple, seed=seed, iterations=iterations, k=LAYOUT_K / math.sqrt(n), weight=None)
        return {node: (float(x) * scale * ASPECT, float(y) * scale) for node, (x, y) in pos.items()}
    return {node: (x * ASPECT, y) for node, (x, y) in _skeleton_layout(simple, seed, iterations, scale).items()}



def _skeleton_layout(simple: nx.Graph, seed: int, iterations: int, scale: float) -> dict[str, tuple[float, float]]:
    import random

    rng = random.Random(seed)
    ranked = sorted(simple.degree, key=lambda nd: (-nd[1], nd[0]))
    core = [node for node, _ in ranked[:LAYOUT_SKELETON]]
    sub = simple.subgraph(core)
    pos = {node: (float(x) * scale, float(y) * scale)
           for node, (x, y) in nx.spring_layout(sub, seed=seed, iterations=iterations,
                                                k=LAYOUT_K / math.sqrt(len(core)), weight=None).items()}
    step = scale / math.sqrt(simple.number_of_nodes()) * 2.5
    frontier = list(core)
    while frontier:
        nxt = []
        for node in frontier:
            x, y = pos[node]
            for other in sorted(simple.neighbors(node)):
                if other not in pos:
                    angle = rng.random() * 2 * math.pi
                    radius = step * (0.6 + rng.random())
                    pos[other] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
                    nxt.append(other)
        frontier = nxt
    rest = [node for node in simple if node not in pos]
    for i, node in enumerate(rest):
        angle = 2 * math.pi * i / max(1, len(rest))
        pos[node] = (1.25 * scale * math.cos(angle), 1.25 * scale * math.sin(angle))
    return pos


# =======================================================================================
# Rendering (pyvis)
# =======================================================================================
_TEMPLATE_NAME = "samverkan_network.html"
_TEMPLATE = r"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<style>{% include 'lib/vis-9.1.2/vis-network.css' %}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>
  html, body { margin: 0; padding: 0; font-family: "Source Sans Pro", "DejaVu Sans", sans-serif; color: #262730; }
  #mynetwork { width: {{ width }}; height: {{ height }}; background: {{ bgcolor }}; border: 1px solid #e6e6e6; border-radius: 6px; box-sizing: border-box; }
  div.vis-tooltip { white-space: normal !important; max-width: 440px; font-size: 13px; line-height: 1.35;
                    background: #fffdf5; border: 1px solid #c9c2a5; border-radius: 4px; padding: 6px 8px; }
  .sv-tip { white-space: pre-wrap; }
  #details { height: 150px; overflow-y: auto; font-size: 13px; line-height: 1.4; padding: 6px 8px;
             border: 1px solid #e6e6e6; border-top: none; border-radius: 0 0 6px 6px; background: #fafafa; box-sizing: border-box; }
  #details h4 { margin: 0 0 4px 0; font-size: 14px; }
  #details .ev { margin: 2px 0 4px 0; }
  #details .where { color: #6b6b6b; font-variant-numeric: tabular-nums; margin-right: 6px; }
  #details .rel { font-weight: 600; margin-right: 4px; }
  #details .hint { color: #6b6b6b; }
</style>
</head>
<body>
<div id="mynetwork" data-nodes="{{ nodes|length }}" data-edges="{{ edges|length }}"></div>
<div id="details"><span class="hint">{{ conf.hint }}</span></div>
<script type="text/javascript">
  var nodeData = {{ nodes|tojson }};
  var edgeData = {{ edges|tojson }};
  function tip(text) { var d = document.createElement("div"); d.className = "sv-tip"; d.innerText = text; return d; }
  var evidenceOf = {};
  nodeData.forEach(function (n) { evidenceOf["n:" + n.id] = n; if (n.title) { n.title = tip(n.title); } });
  edgeData.forEach(function (e) { evidenceOf["e:" + e.id] = e; if (e.title) { e.title = tip(e.title); } });
  var nodes = new vis.DataSet(nodeData);
  var edges = new vis.DataSet(edgeData);
  var container = document.getElementById("mynetwork");
  var options = {{ options|safe }};
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  function el(tag, cls, text) { var x = document.createElement(tag); if (cls) x.className = cls; if (text !== undefined) x.textContent = text; return x; }
  function show(item) {
    var box = document.getElementById("details");
    box.innerHTML = "";
    if (!item) { box.appendChild(el("span", "hint", {{ conf.hint|tojson }})); return; }
    box.appendChild(el("h4", null, item.heading || item.label || ""));
    (item.evidence || []).forEach(function (ev) {
      var p = el("div", "ev");
      p.appendChild(el("span", "where", ev.where));
      if (ev.rel) p.appendChild(el("span", "rel", ev.rel));
      p.appendChild(el("span", null, "»" + ev.text + "«"));
      box.appendChild(p);
    });
    if (item.more) box.appendChild(el("div", "hint", item.more));
    if (!(item.evidence || []).length) box.appendChild(el("div", "hint", {{ conf.no_evidence|tojson }}));
  }
  var PANEL_MAX = {{ conf.panel_max }};
  function nodeItem(id) {
    var node = evidenceOf["n:" + id];
    var items = [];
    network.getConnectedEdges(id).forEach(function (eid) {
      var e = evidenceOf["e:" + eid];
      if (!e) return;
      (e.evidence || []).forEach(function (ev) { items.push({ where: ev.where, rel: e.heading + ":", text: ev.text, key: ev.key }); });
    });
    items.sort(function (a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : 0; });
    var more = items.length > PANEL_MAX ? "… och " + (items.length - PANEL_MAX) + " belägg till (se tabellen under nätverket)." : "";
    return { heading: node.heading, evidence: items.slice(0, PANEL_MAX), more: more };
  }
  network.on("click", function (params) {
    if (params.nodes.length) { show(nodeItem(params.nodes[0])); }
    else if (params.edges.length) { show(evidenceOf["e:" + params.edges[0]]); }
    else { show(null); }
  });
  network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "1"); });
  network.fit();
</script>
</body>
</html>
"""


def _template_env():
    import pyvis
    from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader

    pyvis_templates = Path(pyvis.__file__).with_name("templates")
    return Environment(loader=ChoiceLoader([DictLoader({_TEMPLATE_NAME: _TEMPLATE}), FileSystemLoader(str(pyvis_templates))]),
                       autoescape=False)


_ENV = None


def _env():
    global _ENV
    if _ENV is None:
        _ENV = _template_env()
    return _ENV


def _where(ev: dict[str, Any]) -> str:
    section = ev.get("section") or "?"
    line = ev.get("line")
    return f"[{section}, rad {line}]" if line is not None else f"[{section}]"


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _node_heading(d: dict[str, Any]) -> str:
    if d["label"] == "Initiative":
        return f"{d['name']} — {labels.initiative_kind_label(d.get('kind'))}"
    return f"{d['name']} — {labels.actor_type_label(d.get('type') or 'other')}"


def _edge_phrase(g: nx.MultiGraph, d: dict[str, Any]) -> str:
    return f"{g.nodes[d['source']]['name']} {labels.rel_label_sv(d['type'])} {g.nodes[d['target']]['name']}"


def node_evidence(g: nx.MultiGraph, node_id: str) -> list[dict[str, Any]]:
    """The evidence of a node's visible edges, as {where, rel, text, section, line}."""
    out = []
    for _, _, d in g.edges(node_id, data=True):
        other = d["target"] if d["source"] == node_id else d["source"]
        verb = labels.rel_label_sv(d["type"])
        style = labels.rel_styles().get(d["type"])
        outgoing = d["source"] == node_id or (style is not None and not style.arrows)
        rel = f"{verb} {g.nodes[other]['name']}:" if outgoing else f"{g.nodes[other]['name']} {verb}:"
        for ev in d["evidence"]:
            out.append({"where": _where(ev), "rel": rel, "text": _short(ev.get("evidence") or "", 400),
                        "section": ev.get("section"), "line": ev.get("line"), "key": evidence_key(ev)})
    out.sort(key=lambda e: e["key"])
    return out


def evidence_key(ev: dict[str, Any]) -> str:
    """Sort key of an evidence sentence: the collaboration sections 3.1–3.5 first, then by
    section and line."""
    section = ev.get("section") or ""
    first = "1" if labels.section_group(section) == labels.OTHER_SECTIONS else "0"
    return f"{first}|{section}|{int(ev.get('line') or 0):08d}"


def render_html(view: NetworkView, height: int = 620, positions: dict[str, tuple[float, float]] | None = None) -> str:
    """The view as a self-contained HTML page (vis-network inlined: no CDN, works offline).
    Hover shows a tooltip with evidence; a click lists all the evidence of the node or edge
    under the canvas."""
    from pyvis.network import Network

    g = view.graph
    pos = positions if positions is not None else compute_layout(g)
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    net.templateEnv = _env()
    net.path = _TEMPLATE_NAME
    degrees = [d.get("degree", 0) for _, d in g.nodes(data=True)] or [0]
    top = max(degrees) or 1
    for node_id, d in g.nodes(data=True):
        x, y = pos.get(node_id, (0.0, 0.0))
        evidence = node_evidence(g, node_id)
        heading = _node_heading(d)
        tip_lines = [heading]
        if d.get("aliases"):
            tip_lines.append("Även: " + ", ".join(d["aliases"][:5]))
        tip_lines.append(f"{d.get('degree', 0)} kopplingar i vyn"
                         + (f" · nämns i avsnitt {', '.join(d['sections'][:8])}" if d.get("sections") else ""))
        for ev in evidence[:TOOLTIP_EVIDENCE]:
            tip_lines.append(f"{ev['where']} {ev['rel']} »{_short(ev['text'], 200)}«")
        if len(evidence) > TOOLTIP_EVIDENCE:
            tip_lines.append(f"… och {len(evidence) - TOOLTIP_EVIDENCE} belägg till: klicka på noden.")
        size = 10 + 22 * math.sqrt((d.get("degree", 0)) / top)
        name = d["name"] if len(d["name"]) <= LABEL_MAX else d["name"][: LABEL_MAX - 1] + "…"
        common = dict(label=name, title="\n".join(tip_lines), x=round(x, 1), y=round(y, 1), physics=False,
                      heading=heading)
        if d["label"] == "Initiative":
            style = labels.INITIATIVE_STYLE
            net.add_node(node_id, shape=style["shape"], color={"background": style["color"], "border": style["border"],
                         "highlight": {"background": "#fff3c4", "border": "#3d3424"}},
                         font={"size": 12, "color": "#3d3424"}, borderWidth=1.5, widthConstraint={"maximum": 140},
                         margin=6, **common)
        else:
            style = labels.actor_style(d.get("type"))
            fill = labels.region_color(d.get("region"), view.regions()) if view.color_by == "region" else style.color
            net.add_node(node_id, shape=style.shape, color={"background": fill, "border": _darker(fill),
                         "highlight": {"background": fill, "border": "#000000"}},
                         size=round(size, 1), font={"size": 13, "strokeWidth": 3, "strokeColor": "#ffffff"},
                         borderWidth=1.5, **common)
    styles = labels.rel_styles()
    pair_count: dict[tuple[str, str], int] = defaultdict(int)
    for u, v, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[2]):
        style = styles.get(d["type"])
        pair = (min(u, v), max(u, v))
        index = pair_count[pair]
        pair_count[pair] += 1
        smooth: Any = False
        if index:
            smooth = {"enabled": True, "type": "curvedCW" if index % 2 else "curvedCCW", "roundness": 0.18 * ((index + 1) // 2)}
        amount = d.get("amount_sek")
        phrase = _edge_phrase(g, d)
        evidence = [{"where": _where(ev), "rel": "", "text": _short(ev.get("evidence") or "", 400),
                     "key": evidence_key(ev)} for ev in d["evidence"]]
        evidence.sort(key=lambda ev: ev["key"])
        tip_lines = [phrase + (f" ({format_sek(amount)})" if amount else "")]
        for ev in evidence[:TOOLTIP_EVIDENCE]:
            tip_lines.append(f"{ev['where']} »{_short(ev['text'], 220)}«")
        if len(evidence) > TOOLTIP_EVIDENCE:
            tip_lines.append(f"… och {len(evidence) - TOOLTIP_EVIDENCE} belägg till: klicka på kanten.")
        width = (style.width if style else 1.5) + min(3.0, 0.6 * (len(evidence) - 1))
        net.add_edge(d["source"], d["target"], id=key, title="\n".join(tip_lines), color={"color": style.color if style else "#999", "opacity": 0.85},
                     dashes=style.dashes if style else False, arrows="to" if (style is None or style.arrows) else "",
                     width=round(width, 1), smooth=smooth, heading=phrase + (f" — {format_sek(amount)}" if amount else ""),
                     evidence=evidence, relType=d["type"])
    net.set_options(json.dumps(_vis_options(g.number_of_nodes())))
    net.conf = {"hint": "Håll muspekaren över en nod eller kant för en sammanfattning; klicka för alla belägg (avsnitt, rad och mening).",
                "no_evidence": "Inga belägg i den här vyn.", "panel_max": PANEL_EVIDENCE}
    return net.generate_html()


def _vis_options(n_nodes: int) -> dict[str, Any]:
    return {
        "physics": {"enabled": False, "stabilization": {"enabled": False}},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": False,
                        "hideEdgesOnDrag": n_nodes > 150, "multiselect": False},
        "nodes": {"font": {"face": "DejaVu Sans, Source Sans Pro, sans-serif"}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5,
                  "arrows": {"to": {"scaleFactor": 0.6}}},
    }


def _darker(color: str, factor: float = 0.7) -> str:
    try:
        r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return "#333333"
    return "#{:02x}{:02x}{:02x}".format(int(r * factor), int(g * factor), int(b * factor))


# =======================================================================================
# Small graphs of query results (the Cypher page)
# =======================================================================================
def subgraph_view(data: NetworkData, node_ids: Iterable[str], max_nodes: int = 150) -> NetworkView:
    """The nodes given and the relationships among them (for a query result)."""
    wanted = [n for n in dict.fromkeys(node_ids) if n in data.nodes]
    view = filter_view(NetworkData({n: data.nodes[n] for n in wanted},
                                   [r for r in data.rels if r["source"] in set(wanted) and r["target"] in set(wanted)]),
                       NetworkFilter(min_degree=0, max_nodes=max_nodes))
    for n in wanted:
        if n not in view.graph and view.graph.number_of_nodes() < max_nodes:
            view.graph.add_node(n, **node_attrs(data.nodes[n], n), degree=0)
    return view


def escape(text: Any) -> str:
    return html_lib.escape(str(text))
