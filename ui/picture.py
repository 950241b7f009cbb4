"""The network as the user sees it, taken away: a picture (SVG, PNG) and the data (nodes and
edges as CSV, the graph as GraphML for Gephi, yEd or Kumu's import).

Drawn in Python from the same view and positions the canvas uses, so what is exported is
the current view (filters, focus, expanded and hidden nodes, colours and sizes), with no
browser needed. The picture: edges in their relation's colour and dash, nodes in their
colour and size, labels under the nodes.
"""
from __future__ import annotations

import io
from html import escape
from typing import Any

import networkx as nx
import pandas as pd

from . import labels
from .network import NetworkView, node_fill

MARGIN = 60          # px around the drawing
LABEL_GAP = 4        # px between a node and its label
FONT_SIZE = 13
FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Debian's fonts-dejavu-core
MAX_PNG_SIDE = 4000  # px: a large view is scaled down to this


def _frame(view: NetworkView, pos: dict[str, tuple[float, float]]) -> tuple[float, float, float, float]:
    """(min x, min y, width, height) of the drawing, labels and margin included."""
    xs = [pos[n][0] for n in view.graph] or [0.0]
    ys = [pos[n][1] for n in view.graph] or [0.0]
    half = max([len(str(d["name"])) * FONT_SIZE * 0.3 for _, d in view.graph.nodes(data=True)] or [0.0])
    x0, y0 = min(xs) - MARGIN - half, min(ys) - MARGIN
    return x0, y0, max(xs) - x0 + MARGIN + half, max(ys) - y0 + MARGIN + FONT_SIZE * 2


def _edges(view: NetworkView):
    styles = labels.rel_styles()
    for u, v, d in view.graph.edges(data=True):
        style = styles.get(d["type"])
        yield d["source"], d["target"], (style.color if style else "#999999"), (style.svg_dash if style else "")


def to_svg(view: NetworkView, pos: dict[str, tuple[float, float]]) -> str:
    """The view as an SVG document (text)."""
    x0, y0, width, height = _frame(view, pos)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="{x0:.1f} {y0:.1f} {width:.1f} {height:.1f}" font-family="DejaVu Sans, sans-serif">',
           f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{width:.1f}" height="{height:.1f}" fill="#ffffff"/>']
    for a, b, color, dash in _edges(view):
        (xa, ya), (xb, yb) = pos[a], pos[b]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{xa:.1f}" y1="{ya:.1f}" x2="{xb:.1f}" y2="{yb:.1f}" stroke="{color}" '
                   f'stroke-width="1.6" stroke-opacity="0.8"{dashed}/>')
    for node_id, d in view.graph.nodes(data=True):
        x, y = pos[node_id]
        r = float(d.get("size") or 10) / 2 + 3
        fill = node_fill(view, d)
        name = escape(str(d["name"]))
        if d["label"] == "Initiative":
            w = max(40.0, len(str(d["name"])) * FONT_SIZE * 0.6 + 12)
            out.append(f'<rect x="{x - w / 2:.1f}" y="{y - 11:.1f}" width="{w:.1f}" height="22" rx="3" fill="{fill}" '
                       f'stroke="{labels.INITIATIVE_STYLE["border"]}"><title>{name}</title></rect>')
            out.append(f'<text x="{x:.1f}" y="{y + 4:.1f}" font-size="{FONT_SIZE - 1}" text-anchor="middle" '
                       f'fill="#3d3424">{name}</text>')
        else:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="#333333" '
                       f'stroke-width="1"><title>{name}</title></circle>')
            out.append(f'<text x="{x:.1f}" y="{y + r + LABEL_GAP + FONT_SIZE:.1f}" font-size="{FONT_SIZE}" '
                       f'text-anchor="middle" fill="#262730" stroke="#ffffff" stroke-width="3" '
                       f'paint-order="stroke">{name}</text>')
    out.append("</svg>")
    return "\n".join(out)


def to_png(view: NetworkView, pos: dict[str, tuple[float, float]]) -> bytes:
    """The view as a PNG image (Pillow), scaled down when larger than MAX_PNG_SIDE."""
    from PIL import Image, ImageDraw, ImageFont

    x0, y0, width, height = _frame(view, pos)
    scale = min(1.0, MAX_PNG_SIDE / max(width, height, 1.0))
    img = Image.new("RGB", (max(1, int(width * scale)), max(1, int(height * scale))), "white")
    draw = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype(FONT_FILE, max(8, int(FONT_SIZE * scale)))
    except OSError:
        font = ImageFont.load_default(size=max(8, int(FONT_SIZE * scale)))

    def at(x: float, y: float) -> tuple[float, float]:
        return (x - x0) * scale, (y - y0) * scale

    for a, b, color, _ in _edges(view):
        draw.line([at(*pos[a]), at(*pos[b])], fill=color, width=max(1, int(2 * scale)))
    for node_id, d in view.graph.nodes(data=True):
        x, y = at(*pos[node_id])
        fill = node_fill(view, d)
        name = str(d["name"])
        if d["label"] == "Initiative":
            w = draw.textlength(name, font=font) + 12 * scale
            draw.rounded_rectangle([x - w / 2, y - 11 * scale, x + w / 2, y + 11 * scale], radius=3 * scale,
                                   fill=fill, outline=labels.INITIATIVE_STYLE["border"])
            draw.text((x, y), name, fill="#3d3424", font=font, anchor="mm")
        else:
            r = (float(d.get("size") or 10) / 2 + 3) * scale
            draw.ellipse([x - r, y - r, x + r, y + r], fill=fill, outline="#333333")
            draw.text((x, y + r + LABEL_GAP * scale), name, fill="#262730", font=font, anchor="ma",
                      stroke_width=max(1, int(2 * scale)), stroke_fill="white")
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _node_type(d: dict[str, Any]) -> str:
    if d["label"] == "Initiative":
        return labels.initiative_kind_label(d.get("kind"))
    return labels.actor_type_label(d.get("type") or "other")


def nodes_frame(view: NetworkView) -> pd.DataFrame:
    """One row per node of the view (Swedish headings)."""
    rows = [{"Id": n, "Namn": d["name"], "Typ": _node_type(d), "Kopplingar i vyn": d.get("degree", 0),
             "Storleksmått": round(float(d.get("score", 0.0)), 4), "Region": d.get("region") or "",
             "Grupp": "" if d.get("community") is None else d["community"] + 1,
             "Andra namn": ", ".join(d.get("aliases") or [])}
            for n, d in sorted(view.graph.nodes(data=True), key=lambda nd: (str(nd[1]["name"]).lower(), nd[0]))]
    return pd.DataFrame(rows, columns=["Id", "Namn", "Typ", "Kopplingar i vyn", "Storleksmått", "Region", "Grupp",
                                       "Andra namn"])


def edges_frame(view: NetworkView) -> pd.DataFrame:
    """One row per evidence sentence of the view's edges: who, relation, whom, where, what it says."""
    g = view.graph
    rows = []
    for _, _, d in sorted(g.edges(data=True), key=lambda e: (e[2]["type"], e[2]["source"], e[2]["target"])):
        for ev in d["evidence"]:
            rows.append({"Från": g.nodes[d["source"]]["name"], "Relation": labels.rel_label_sv(d["type"]),
                         "Till": g.nodes[d["target"]]["name"], "Belopp (kr)": ev.get("amount_sek"),
                         "Rapport": ev.get("doc") or "", "Avsnitt": ev.get("section") or "", "Rad": ev.get("line"),
                         "Belägg": ev.get("evidence") or "", "Från (id)": d["source"], "Till (id)": d["target"]})
    return pd.DataFrame(rows, columns=["Från", "Relation", "Till", "Belopp (kr)", "Rapport", "Avsnitt", "Rad", "Belägg",
                                       "Från (id)", "Till (id)"])


def to_graphml(view: NetworkView) -> bytes:
    """The view as GraphML: node attributes name, type, degree, score, region, community;
    edge attributes relation (Swedish), type (schema key), amount_sek, facts, evidence (first)."""
    out = nx.MultiDiGraph()
    for n, d in view.graph.nodes(data=True):
        out.add_node(n, name=str(d["name"]), type=_node_type(d), degree=int(d.get("degree", 0)),
                     score=float(d.get("score", 0.0)), region=str(d.get("region") or ""),
                     community=int(d["community"]) + 1 if d.get("community") is not None else 0)
    for _, _, key, d in view.graph.edges(keys=True, data=True):
        first = (d["evidence"] or [{}])[0]
        out.add_edge(d["source"], d["target"], key=key, relation=labels.rel_label_sv(d["type"]), type=d["type"],
                     amount_sek=float(d["amount_sek"] or 0), facts=len(d["evidence"]),
                     evidence=str(first.get("evidence") or ""), section=str(first.get("section") or ""))
    buf = io.BytesIO()
    nx.write_graphml(out, buf, encoding="utf-8")
    return buf.getvalue()
