"""What the app says and how it draws, derived from graph/schema.yaml and the report template.

Everything a legend shows comes from here: actor types (Swedish label, colour, vis.js shape)
from the schema's `actor_types`, relationship types (Swedish label from `label_sv`, colour and
dash pattern assigned in schema order, arrows unless the schema marks the type undirected),
initiatives (one style, distinct from every actor shape), and the section groups the filters
offer (3.1–3.5 with the template's titles, then "Övriga avsnitt").
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from samverkan.graph.schema import SCHEMA

# ---------------------------------------------------------------------------------------
# Numbers in words
# ---------------------------------------------------------------------------------------
def fmt_int(n: int) -> str:
    """12345 -> "12 345" (a no-break space groups thousands, as Swedish text does)."""
    return f"{n:,}".replace(",", "\u00a0")


def count_sv(n: int, singular: str, plural: str) -> str:
    """"1 insats", "3 insatser", "1 200 noder": Swedish number agreement for every page."""
    return f"{fmt_int(n)} {singular if n == 1 else plural}"


# ---------------------------------------------------------------------------------------
# Nodes
# ---------------------------------------------------------------------------------------
NETWORK_LABELS = ("Actor", "Initiative")

INITIATIVE_STYLE = {"color": "#fdf6e3", "border": "#6d5d3f", "shape": "box"}
# Shapes used for actors must never be the initiative shape: checked by the tests.

# A unicode glyph per vis.js shape, for legends outside the canvas.
SHAPE_GLYPHS = {
    "star": "★", "diamond": "◆", "dot": "●", "triangle": "▲", "triangleDown": "▼",
    "hexagon": "⬢", "square": "■", "box": "▭", "ellipse": "⬬", "circle": "●", "database": "⛁",
}


@dataclass(frozen=True)
class ActorStyle:
    type: str
    label_sv: str
    color: str
    shape: str

    @property
    def glyph(self) -> str:
        return SHAPE_GLYPHS.get(self.shape, "●")


@lru_cache(maxsize=1)
def actor_styles() -> dict[str, ActorStyle]:
    """Actor type -> style, in schema order, straight from `actor_types` in schema.yaml."""
    out = {}
    for key, spec in SCHEMA.actor_types.items():
        out[key] = ActorStyle(key, spec.get("label_sv", key), spec.get("color", "#7f7f7f"), spec.get("shape", "dot"))
    return out


def actor_style(actor_type: str | None) -> ActorStyle:
    styles = actor_styles()
    return styles.get(actor_type or "other") or styles.get("other") or ActorStyle("other", "Övrig", "#7f7f7f", "dot")


def actor_type_label(actor_type: str | None) -> str:
    return actor_style(actor_type).label_sv if actor_type in actor_styles() else (actor_type or "Okänd")


def initiative_kind_label(kind: str | None) -> str:
    spec = SCHEMA.initiative_kinds.get(kind or "")
    return spec.get("label_sv", kind) if spec else (kind or "Insats")


def node_label_sv(label: str) -> str:
    node = SCHEMA.nodes.get(label)
    return node.label_sv if node else label


@lru_cache(maxsize=1)
def _schema_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for label, node in SCHEMA.nodes.items():
        words[label] = node.label_sv
    for key, spec in SCHEMA.initiative_kinds.items():
        words[key] = spec.get("label_sv", key)
    for key, style in actor_styles().items():
        words[key] = style.label_sv
    for rtype in [*SCHEMA.relationships, *SCHEMA.derived_relationships]:
        words[rtype] = SCHEMA.relation_label_sv(rtype)
    return words


def schema_value_sv(value):
    """A schema key in a result cell as its Swedish label: "COLLABORATES_WITH" -> "samverkar
    med", "state_agency" -> "Statlig myndighet", "Initiative" -> "Insats". Lists are
    translated element by element; anything else is returned unchanged."""
    if isinstance(value, (list, tuple)):
        return [schema_value_sv(v) for v in value]
    if isinstance(value, str):
        return _schema_words().get(value, value)
    return value


# ---------------------------------------------------------------------------------------
# Relationships
# ---------------------------------------------------------------------------------------
# Colours and dash patterns are handed out in the schema's relationship order, so a new
# relationship type in schema.yaml gets a style (and a legend entry) without code changes.
EDGE_PALETTE = ("#2e7d32", "#e65100", "#1565c0", "#616161", "#8e24aa", "#00838f", "#ad1457", "#5d4037")
EDGE_DASHES: tuple[bool | list[int], ...] = (False, [10, 6], [2, 5], [12, 4, 2, 4])
# SVG stroke-dasharray for the legend, matching EDGE_DASHES.
_SVG_DASH = {False: "", (10, 6): "10,6", (2, 5): "2,5", (12, 4, 2, 4): "12,4,2,4"}


@dataclass(frozen=True)
class RelStyle:
    type: str
    label_sv: str
    color: str
    dashes: bool | list[int]
    arrows: bool
    width: float

    @property
    def svg_dash(self) -> str:
        key = tuple(self.dashes) if isinstance(self.dashes, list) else self.dashes
        return _SVG_DASH.get(key, "")


def network_rel_types() -> list[str]:
    """Relationship types drawn in the network: those between actors and initiatives
    (PART_OF and MENTIONED_IN point at sections and documents, which the network leaves out)."""
    return [
        rtype for rtype, rel in SCHEMA.relationships.items()
        if rel.pairs and all(a in NETWORK_LABELS and b in NETWORK_LABELS for a, b in rel.pairs)
    ]


@lru_cache(maxsize=1)
def rel_styles() -> dict[str, RelStyle]:
    out = {}
    for i, rtype in enumerate(network_rel_types()):
        rel = SCHEMA.relationships[rtype]
        out[rtype] = RelStyle(
            type=rtype,
            label_sv=rel.label_sv,
            color=EDGE_PALETTE[i % len(EDGE_PALETTE)],
            dashes=EDGE_DASHES[i % len(EDGE_DASHES)],
            arrows=not rel.undirected,
            width=2.5 if "amount_sek" in rel.properties else 1.6,
        )
    # derived relations drawn by the national view (schema `derived_relationships` marked network)
    for rtype, spec in SCHEMA.derived_relationships.items():
        if spec.get("network"):
            i = len(out)
            out[rtype] = RelStyle(rtype, spec.get("label_sv", rtype), EDGE_PALETTE[i % len(EDGE_PALETTE)],
                                  EDGE_DASHES[i % len(EDGE_DASHES)], arrows=False, width=2.0)
    return out


def rel_label_sv(rel_type: str) -> str:
    return SCHEMA.relation_label_sv(rel_type)


# ---------------------------------------------------------------------------------------
# Sections of the report
# ---------------------------------------------------------------------------------------
COLLAB_SECTIONS = ("3.1", "3.2", "3.3", "3.4", "3.5")
OTHER_SECTIONS = "övriga"
SECTION_SHORT = {
    "3.1": "Länsstyrelsen",
    "3.2": "Statliga myndigheter",
    "3.3": "Kommuner",
    "3.4": "Organisationer",
    "3.5": "Näringsliv",
}


@lru_cache(maxsize=1)
def section_titles() -> dict[str, str]:
    """Section number -> the template's title (falls back to the short labels)."""
    try:
        from samverkan.loaders.template import load_template

        template = load_template()
        return {**template.chapters, **template.sections}
    except Exception:  # the template is data; the app still runs without it
        return dict(SECTION_SHORT)


def section_group(section: str | None) -> str:
    """"3.1".."3.5" for a section in one of them (subsections included), else "övriga"."""
    if section:
        for number in COLLAB_SECTIONS:
            if section == number or section.startswith(number + "."):
                return number
    return OTHER_SECTIONS


def section_group_label(group: str) -> str:
    if group == OTHER_SECTIONS:
        return "Övriga avsnitt"
    return f"{group} {SECTION_SHORT.get(group, section_titles().get(group, ''))}".strip()


def section_label(number: str | None) -> str:
    if not number:
        return "okänt avsnitt"
    title = section_titles().get(number)
    return f"{number} {title}" if title else number


SECTION_GROUPS = COLLAB_SECTIONS + (OTHER_SECTIONS,)


# ---------------------------------------------------------------------------------------
# Numbers and legends
# ---------------------------------------------------------------------------------------
# Region colours (the network coloured by the report a fact comes from): a qualitative
# palette, given out in the order of the regions' names, so a region keeps its colour in a view.
REGION_PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4",
                  "#b2df8a", "#fb9a99", "#cab2d6", "#6a3d9a", "#ff7f00", "#33a02c", "#b15928", "#8dd3c7",
                  "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69")


def group_color(index: int) -> str:
    """The colour of the index-th group (a community of the network, largest first)."""
    return REGION_PALETTE[index % len(REGION_PALETTE)]


def region_color(region: str | None, regions: list[str]) -> str:
    if not region or region not in regions:
        return "#9e9e9e"
    return REGION_PALETTE[regions.index(region) % len(REGION_PALETTE)]


LEGEND_CSS = ("<style>.sv-legend{font-size:.85rem;line-height:1.9}"
              ".sv-legend-item{display:inline-block;margin-right:1.1em;white-space:nowrap}"
              ".sv-legend b{margin-right:.6em}.sv-legend img{vertical-align:middle}</style>")


def swatch_legend_html(title: str, items: list[tuple[str, str]]) -> str:
    """A one-line legend of coloured dots: [(label, colour), ...]."""
    spans = " ".join(f'<span class="sv-legend-item"><span style="color:{color};font-size:1.15em">●'
                     f"</span> {html.escape(label)}</span>" for label, color in items)
    return f'{LEGEND_CSS}<div class="sv-legend"><div><b>{html.escape(title)}:</b> {spans}</div></div>'


def region_legend_html(regions: list[str]) -> str:
    """The regions' colours, when the network is coloured by the report a fact comes from."""
    return swatch_legend_html("Regioner (färg)", [(r, region_color(r, regions)) for r in regions])


def group_legend_html(n_groups: int) -> str:
    """The communities' colours, when the network is coloured by community (largest first)."""
    return swatch_legend_html("Grupper (färg, störst först)", [(f"Grupp {i + 1}", group_color(i)) for i in range(n_groups)])


def legend_html(present_actor_types: set[str] | None = None, present_rel_types: set[str] | None = None,
                compact: bool = False) -> str:
    """The network legend as HTML (for st.html): every actor type and relationship type of the
    schema, those absent from the current view dimmed; `compact` leaves the absent ones out,
    so the legend takes two short lines under the canvas."""
    def item(inner: str, present: bool) -> str:
        if compact and not present:
            return ""
        style = "" if present else "opacity:.35"
        return f'<span class="sv-legend-item" style="{style}">{inner}</span>'

    actors = []
    for style in actor_styles().values():
        present = present_actor_types is None or style.type in present_actor_types
        glyph = f'<span style="color:{style.color};font-size:1.15em">{style.glyph}</span>'
        actors.append(item(f"{glyph} {html.escape(style.label_sv)}", present))
    init = (f'<span style="display:inline-block;width:1.4em;height:.9em;background:{INITIATIVE_STYLE["color"]};'
            f'border:1.5px solid {INITIATIVE_STYLE["border"]};border-radius:3px;vertical-align:middle"></span>')
    actors.append(item(f"{init} {html.escape(node_label_sv('Initiative'))} (projekt, program, område …)", True))
    rels = []
    for style in rel_styles().values():
        present = present_rel_types is None or style.type in present_rel_types
        rels.append(item(f'{_line_img(style)} {html.escape(style.label_sv)}', present))
    return (f'{LEGEND_CSS}<div class="sv-legend"><div><b>Aktörer och insatser:</b> {" ".join(actors)}</div>'
            f'<div><b>Relationer:</b> {" ".join(rels)}</div></div>')


def _line_img(style: RelStyle) -> str:
    """A line in the relation's colour and dash pattern, with an arrowhead for directed types,
    as an <img> with an SVG data URI (st.html strips inline <svg>, keeps images)."""
    from urllib.parse import quote

    end = 36 if style.arrows else 42
    arrow = f'<polygon points="34,1 43,6 34,11" fill="{style.color}"/>' if style.arrows else ""
    dash = f' stroke-dasharray="{style.svg_dash}"' if style.svg_dash else ""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="44" height="12"><line x1="1" y1="6" x2="{end}" y2="6" '
           f'stroke="{style.color}" stroke-width="2.5"{dash}/>{arrow}</svg>')
    return f'<img alt="" width="44" height="12" src="data:image/svg+xml;utf8,{quote(svg)}">'

