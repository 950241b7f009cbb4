"""A network view as a self-contained HTML page: pyvis with vis-network inlined (no CDN),
fixed positions from ui/layout.py, evidence in tooltips and in a panel under the canvas.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from samverkan.graph.money import format_sek

from . import labels
from .labels import count_sv
from .layout import compute_layout
from .network import NetworkView, evidence_key, node_fill

TOOLTIP_EVIDENCE = 4      # evidence sentences in a hover tooltip
PANEL_EVIDENCE = 40       # evidence sentences in the selection panel of a node
LABEL_MAX = 32            # characters of a node label on the canvas

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
  #details .actions { margin: 2px 0 6px 0; }
  #details .actions button { font: inherit; font-size: 12px; margin-right: 6px; padding: 2px 8px; cursor: pointer;
                             border: 1px solid #b9b9c3; border-radius: 4px; background: #fff; }
  #details .actions button:hover { border-color: #ff4b4b; color: #ff4b4b; }
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
  var ACTIONS = {{ conf.actions|tojson }};
  function go(change) {
    // The app keeps the view in its URL: change the parameter and open the new address.
    // Streamlit's frame may not navigate the app itself (its sandbox has no top navigation),
    // but it shares the app's origin: a link in the app's own document follows as the app's.
    try {
      var url = new URL(window.parent.location.href);
      change(url.searchParams);
      var doc = window.parent.document, link = doc.createElement("a");
      link.href = url.toString(); link.style.display = "none";
      doc.body.appendChild(link); link.click();
    } catch (err) {
      document.getElementById("details").appendChild(el("div", "hint", {{ conf.nav_failed|tojson }}));
    }
  }
  function listParam(params, name) { var v = params.get(name); return v ? v.split(",").filter(Boolean) : []; }
  function addTo(name, id) { return function (params) { var l = listParam(params, name); if (l.indexOf(id) < 0) l.push(id); params.set(name, l.join(",")); }; }
  function focusOn(id) { return function (params) { params.set(ACTIONS.focus, id); params.delete(ACTIONS.expand); }; }
  function actionButtons(id) {
    var bar = el("div", "actions");
    [["Fokusera", focusOn(id), "focus"], ["Visa grannar", addTo(ACTIONS.expand, id), "expand"],
     ["Dölj", addTo(ACTIONS.hide, id), "hide"]].forEach(function (a) {
      var b = el("button", null, a[0]); b.setAttribute("data-action", a[2]);
      b.addEventListener("click", function () { go(a[1]); });
      bar.appendChild(b);
    });
    return bar;
  }
  function show(item, nodeId) {
    var box = document.getElementById("details");
    box.innerHTML = "";
    if (!item) { box.appendChild(el("span", "hint", {{ conf.hint|tojson }})); return; }
    box.appendChild(el("h4", null, item.heading || item.label || ""));
    if (nodeId !== undefined && ACTIONS.focus) box.appendChild(actionButtons(nodeId));
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
    if (params.nodes.length) { show(nodeItem(params.nodes[0]), params.nodes[0]); }
    else if (params.edges.length) { show(evidenceOf["e:" + params.edges[0]]); }
    else { show(null); }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length && ACTIONS.focus) { go(focusOn(params.nodes[0])); }
  });
  // Low-degree nodes in a big view carry their label on hover only.
  network.on("hoverNode", function (params) {
    var n = evidenceOf["n:" + params.node]; if (n && n.hoverLabel) nodes.update({ id: params.node, label: n.fullLabel });
  });
  network.on("blurNode", function (params) {
    var n = evidenceOf["n:" + params.node]; if (n && n.hoverLabel) nodes.update({ id: params.node, label: "" });
  });
  network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "1"); });
  // Fit whenever the frame gets its real size (e.g. an expander opened after the page drew),
  // so the whole network, labels included, is in the frame.
  function fitAll() { network.fit({ animation: false, minZoomLevel: 0.05, maxZoomLevel: 1.2 }); }
  if (window.ResizeObserver) { new ResizeObserver(fitAll).observe(container); }
  fitAll();
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




HIDE_LABELS_ABOVE = 60    # in views with more nodes, nodes with one link show their label on hover only


def render_html(view: NetworkView, height: int = 620, positions: dict[str, tuple[float, float]] | None = None,
                actions: dict[str, str] | None = None) -> str:
    """The view as a self-contained HTML page (vis-network inlined: no CDN, works offline).
    Hover shows a tooltip with evidence; a click lists all the evidence of the node or edge
    under the canvas. With `actions` (URL parameter names for "focus", "expand", "hide"), the
    panel of a clicked node offers Fokusera / Visa grannar / Dölj, and a double click focuses:
    each changes the app's URL (the page reads its view from the URL), so every view can be
    reopened and shared as a link."""
    from pyvis.network import Network

    g = view.graph
    pos = positions if positions is not None else compute_layout(g, focus=view.focus)
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    net.templateEnv = _env()
    net.path = _TEMPLATE_NAME
    quiet = g.number_of_nodes() > HIDE_LABELS_ABOVE
    for node_id, d in g.nodes(data=True):
        x, y = pos.get(node_id, (0.0, 0.0))
        evidence = node_evidence(g, node_id)
        heading = _node_heading(d)
        tip_lines = [heading]
        if d.get("aliases"):
            tip_lines.append("Även: " + ", ".join(d["aliases"][:5]))
        tip_lines.append(f"{count_sv(d.get('degree', 0), 'koppling', 'kopplingar')} i vyn"
                         + (f" · nämns i avsnitt {', '.join(d['sections'][:8])}" if d.get("sections") else ""))
        for ev in evidence[:TOOLTIP_EVIDENCE]:
            tip_lines.append(f"{ev['where']} {ev['rel']} »{_short(ev['text'], 200)}«")
        if len(evidence) > TOOLTIP_EVIDENCE:
            tip_lines.append(f"… och {len(evidence) - TOOLTIP_EVIDENCE} belägg till: klicka på noden.")
        size = d.get("size") or 10
        whole = node_id == view.focus or len(d["name"]) <= LABEL_MAX
        name = d["name"] if whole else d["name"][: LABEL_MAX - 1] + "…"
        hover_only = quiet and d.get("degree", 0) <= 1 and node_id != view.focus
        common = dict(label="" if hover_only else name, title="\n".join(tip_lines), x=round(x, 1), y=round(y, 1),
                      physics=False, heading=heading, fullLabel=name, hoverLabel=hover_only)
        if d["label"] == "Initiative":
            style = labels.INITIATIVE_STYLE
            net.add_node(node_id, shape=style["shape"], color={"background": style["color"], "border": style["border"],
                         "highlight": {"background": "#fff3c4", "border": "#3d3424"}},
                         font={"size": 12, "color": "#3d3424"}, borderWidth=1.5, widthConstraint={"maximum": 140},
                         margin=6, **common)
        else:
            style = labels.actor_style(d.get("type"))
            fill = node_fill(view, d)
            net.add_node(node_id, shape=style.shape, color={"background": fill, "border": _darker(fill),
                         "highlight": {"background": fill, "border": "#000000"}},
                         size=round(size, 1), font={"size": 15 if node_id == view.focus else 14, "strokeWidth": 4,
                                                    "strokeColor": "#ffffff"},
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
        color = style.color if style else "#999999"
        net.add_edge(d["source"], d["target"], id=key, title="\n".join(tip_lines),
                     color={"color": color, "highlight": color, "hover": color, "inherit": False, "opacity": 0.85},
                     dashes=style.dashes if style else False, arrows="to" if (style is None or style.arrows) else "",
                     width=round(width, 1), smooth=smooth, heading=phrase + (f" — {format_sek(amount)}" if amount else ""),
                     evidence=evidence, relType=d["type"])
    net.set_options(json.dumps(_vis_options(g.number_of_nodes())))
    hint = "Håll muspekaren över en nod eller kant för en sammanfattning; klicka för alla belägg (avsnitt, rad och mening)."
    if actions:
        hint += " Klicka på en nod för att visa dess grannar eller dölja den; dubbelklicka för att fokusera."
    net.conf = {"hint": hint, "no_evidence": "Inga belägg i den här vyn.", "panel_max": PANEL_EVIDENCE,
                "actions": actions or {}, "nav_failed": "Länken kunde inte öppnas här; använd fälten i sidopanelen."}
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


