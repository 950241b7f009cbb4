"""The network view: GraphData -> filtered networkx graph (this module) -> layout
(ui/layout.py) -> pyvis HTML (ui/network_html.py) or a picture (ui/picture.py).

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
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

import networkx as nx

from samverkan.graph.folding import fold
from samverkan.graph.money import format_sek
from samverkan.graph.model import GraphData

from . import labels
from .labels import count_sv, fmt_int

MAX_VISIBLE_NODES = 300
MAX_VISIBLE_EDGES = 2000
EVIDENCE_KEYS = ("section", "line", "evidence", "amount_sek", "instrument", "doc", "method", "region", "confidence")


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
    """What the Nätverk page's controls (and its URL) ask for. None means "all"."""

    sections: frozenset[str] | None = None        # groups: "3.1".."3.5", labels.OTHER_SECTIONS
    actor_types: frozenset[str] | None = None
    rel_types: frozenset[str] | None = None
    show_initiatives: bool = True
    min_degree: int = 1
    focus: str | None = None                       # node id: show its k-step neighbourhood
    depth: int = 1
    max_nodes: int = MAX_VISIBLE_NODES
    max_edges: int = MAX_VISIBLE_EDGES
    color_by: str = "type"                         # one of COLOR_BY
    size_by: str = "degree"                        # one of SIZE_BY
    expand: tuple[str, ...] = ()                   # nodes whose neighbours are added, in the order asked
    hide: frozenset[str] = frozenset()             # nodes taken out of the view
    min_confidence: float = 0.0                    # facts below this rule confidence are left out
    min_amount: int = 0                            # > 0: only facts stating at least this sum (kr)

    @classmethod
    def of(cls, **kwargs: Any) -> "NetworkFilter":
        """Build from plain lists (Streamlit widgets give lists)."""
        for key in ("sections", "actor_types", "rel_types"):
            if kwargs.get(key) is not None:
                kwargs[key] = frozenset(kwargs[key])
        if kwargs.get("hide") is not None:
            kwargs["hide"] = frozenset(kwargs["hide"])
        if kwargs.get("expand") is not None:
            kwargs["expand"] = tuple(dict.fromkeys(kwargs["expand"]))
        return cls(**kwargs)


# Styling rules the page offers: what a node's size and colour say (Swedish labels for the page).
SIZE_BY = {"degree": "Antal kopplingar", "betweenness": "Mäklarroll (betweenness)", "cofinance": "Antal finansieringsbelägg"}
COLOR_BY = {"type": "Aktörstyp", "region": "Region", "community": "Grupp (community)"}


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
    size_by: str = "degree"
    trail: list[tuple[str, str]] = field(default_factory=list)    # (node id, name) expanded, in order
    hidden_nodes: list[tuple[str, str]] = field(default_factory=list)  # (node id, name) the user hid

    def communities(self) -> int:
        """How many groups the view's nodes fall into (when coloured by community)."""
        return len({d.get("community") for _, d in self.graph.nodes(data=True) if d.get("community") is not None})

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

def evidence_key(ev: dict[str, Any]) -> str:
    """Sort key of an evidence sentence: the collaboration sections 3.1–3.5 first, then by
    section and line."""
    section = ev.get("section") or ""
    first = "1" if labels.section_group(section) == labels.OTHER_SECTIONS else "0"
    return f"{first}|{section}|{int(ev.get('line') or 0):08d}"


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
        if flt.min_confidence > 0 and float(rel.get("confidence") or 0.0) < flt.min_confidence:
            continue
        if flt.min_amount > 0 and float(rel.get("amount_sek") or 0) < flt.min_amount:
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
        attrs["evidence"].append({k: rel.get(k) for k in EVIDENCE_KEYS})
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

    full = g.copy() if flt.expand else g  # what "show the neighbours" adds from
    if flt.min_degree > 0:
        drop = [n for n in g if n != focus and len(set(g.neighbors(n)) - {n}) < flt.min_degree]
        g.remove_nodes_from(drop)

    notes: list[str] = []
    if focus is not None:
        simple = nx.Graph(g)
        keep = nx.single_source_shortest_path_length(simple, focus, cutoff=max(0, flt.depth))
        g = g.subgraph(keep).copy()
        notes.append(f"Visar {data.nodes[focus]['name']} och dess grannskap i {flt.depth} steg "
                     f"({count_sv(len(keep) - 1, 'granne', 'grannar')}).")

    trail = []
    for node_id in flt.expand:
        if node_id not in full:
            continue
        keep = set(g) | {node_id} | set(full.neighbors(node_id))
        g = full.subgraph(keep).copy()
        trail.append((node_id, data.nodes[node_id]["name"]))
    hidden = [(n, data.nodes[n]["name"]) for n in sorted(flt.hide) if n in g and n != focus]
    g.remove_nodes_from(n for n, _ in hidden)
    if hidden:
        notes.append("Dolda av dig: " + ", ".join(name for _, name in hidden) + ".")

    for node_id in g:
        g.nodes[node_id]["degree"] = len(set(g.neighbors(node_id)) - {node_id})
        regions = Counter(ev.get("region") for _, _, d in g.edges(node_id, data=True) for ev in d["evidence"])
        g.nodes[node_id]["region"] = min(regions, key=lambda r: (-regions[r], r or "")) if regions else ""

    view = NetworkView(g, g.number_of_nodes(), g.number_of_edges(), focus=focus, notes=notes, color_by=flt.color_by,
                       size_by=flt.size_by, trail=trail, hidden_nodes=hidden)
    limit_view(view, flt)
    style_view(view)
    return view


def style_view(view: NetworkView) -> None:
    """The styling rules, on the drawn nodes only (after the limit, so the cost stays bounded):
    `score` for the size (degree, betweenness or co-financing facts) and `community` for the
    colour (Louvain communities with a fixed seed, largest first)."""
    g = view.graph
    if view.size_by == "betweenness" and g.number_of_nodes() > 2:
        score = nx.betweenness_centrality(nx.Graph(g), normalized=True)
    elif view.size_by == "cofinance":
        score = {n: sum(len(d["evidence"]) for *_, d in g.edges(n, data=True) if d["type"] == "FINANCES") for n in g}
    else:
        score = {n: g.nodes[n].get("degree", 0) for n in g}
    top = max(score.values(), default=0) or 1
    for n in g:
        g.nodes[n]["score"] = float(score.get(n, 0.0))
        g.nodes[n]["size"] = round(10 + 22 * math.sqrt(max(0.0, g.nodes[n]["score"]) / top), 1)
    if view.color_by == "community" and g.number_of_nodes():
        groups = nx.community.louvain_communities(nx.Graph(g), seed=42)
        for index, members in enumerate(sorted(groups, key=lambda m: (-len(m), min(m)))):
            for n in members:
                g.nodes[n]["community"] = index


def node_fill(view: NetworkView, d: dict[str, Any]) -> str:
    """A node's fill colour under the view's colour rule: actor type, report region or
    community; initiatives keep their own style."""
    if d.get("label") == "Initiative":
        return labels.INITIATIVE_STYLE["color"]
    if view.color_by == "region":
        return labels.region_color(d.get("region"), view.regions())
    if view.color_by == "community" and d.get("community") is not None:
        return labels.group_color(d["community"])
    return labels.actor_style(d.get("type")).color


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
            f"Vyn är begränsad: {count_sv(view.matched_nodes, 'nod', 'noder')} matchar filtren men bara "
            f"{fmt_int(flt.max_nodes)} ritas (de med flest kopplingar). Dolda: {shown}{more}. "
            "Smalna av med filtren eller sök på en aktör för att se resten.")
    if g.number_of_edges() > flt.max_edges:
        ranked_edges = sorted(g.edges(keys=True, data=True), key=lambda e: (-len(e[3]["evidence"]), e[2]))
        drop = ranked_edges[flt.max_edges:]
        g.remove_edges_from([(u, v, k) for u, v, k, _ in drop])
        view.limited = True
        view.notes.insert(0,
            f"Vyn är begränsad: {count_sv(view.matched_edges, 'koppling', 'kopplingar')} matchar men bara "
            f"{fmt_int(flt.max_edges)} ritas (de med flest belägg).")


def _type_label(d: dict[str, Any]) -> str:
    if d["label"] == "Initiative":
        return "Insats"
    return labels.actor_type_label(d.get("type") or "other")


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

