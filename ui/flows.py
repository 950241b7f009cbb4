"""Funding flows as a Sankey diagram (plotly): funders -> initiatives.

Input: the rows of the catalogue query `funding_flows` (one per FINANCES fact). One link per
(funder, initiative); its amount is the largest sum any of its sentences states (the same
sum is often repeated in several sentences, so adding them up would count it twice).

Most sentences name no sum. Such a link is still drawn, in grey, with a *nominal* width:
`NOMINAL_SHARE` of the largest stated link amount (or 1 when no link states one). The page
says so, and the hover text of such a link says "belopp saknas". With width "antal belägg"
every link is as wide as the number of sentences behind it instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from samverkan.graph.money import format_sek

from . import labels

NOMINAL_SHARE = 0.03
MAX_LINKS = 150
MODE_AMOUNT = "amount"
MODE_COUNT = "count"


@dataclass
class Flows:
    links: pd.DataFrame                  # funder, funder_name, funder_type, initiative, initiative_name, amount_sek, facts, sections, lines, evidence
    nominal: float | None                # the nominal width used for links without an amount
    without_amount: int                  # links drawn with the nominal width
    hidden: int = 0                      # links left out by MAX_LINKS
    notes: list[str] = field(default_factory=list)


def aggregate(df: pd.DataFrame, sections: set[str] | None = None, funder_types: set[str] | None = None) -> pd.DataFrame:
    """One row per (funder, initiative) from funding_flows rows, filtered by section group
    and funder type; amount_sek = the largest stated sum (None when no sentence states one)."""
    cols = ["funder", "funder_name", "funder_type", "initiative", "initiative_name", "kind",
            "amount_sek", "instruments", "facts", "sections", "first_line", "evidence"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for r in df.to_dict("records"):
        r = {k: _missing_as_none(v) for k, v in r.items()}
        if sections is not None and labels.section_group(r.get("section")) not in sections:
            continue
        if funder_types is not None and (r.get("funder_type") or "other") not in funder_types:
            continue
        key = (r["funder"], r["initiative"])
        row = rows.get(key)
        if row is None:
            row = rows[key] = {"funder": r["funder"], "funder_name": r["funder_name"], "funder_type": r.get("funder_type"),
                               "initiative": r["initiative"], "initiative_name": r["initiative_name"], "kind": r.get("kind"),
                               "amount_sek": None, "instruments": [], "facts": 0, "sections": [], "first_line": None,
                               "evidence": r.get("evidence")}
        row["facts"] += 1
        amount = _number(r.get("amount_sek"))
        if amount is not None:
            row["amount_sek"] = amount if row["amount_sek"] is None else max(row["amount_sek"], amount)
        if r.get("instrument") and r["instrument"] not in row["instruments"]:
            row["instruments"].append(r["instrument"])
        if r.get("section") and r["section"] not in row["sections"]:
            row["sections"].append(r["section"])
        line = r.get("line")
        if line is not None and (row["first_line"] is None or line < row["first_line"]):
            row["first_line"] = line
            row["evidence"] = r.get("evidence")
    out = pd.DataFrame(list(rows.values()), columns=cols)
    out["amount_sek"] = pd.Series([r["amount_sek"] for r in rows.values()], dtype="object")
    out["first_line"] = pd.Series([r["first_line"] for r in rows.values()], dtype="object")
    return out


def _missing_as_none(value: Any) -> Any:
    """pandas writes a missing cell as NaN or NA in some columns; the rest of this module wants None."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if f != f else f


def flows(links: pd.DataFrame, mode: str = MODE_AMOUNT, max_links: int = MAX_LINKS) -> Flows:
    """Choose link widths and limit the number of links (largest amounts first, then the
    links with the most sentences)."""
    links = links.copy()
    links["amount_sek"] = pd.Series([_number(a) for a in links["amount_sek"]], index=links.index, dtype="object")
    stated = [a for a in links["amount_sek"] if a is not None]
    nominal = None
    if mode == MODE_AMOUNT:
        nominal = max(1.0, NOMINAL_SHARE * max(stated)) if stated else 1.0
        links["width"] = [a if a is not None else nominal for a in links["amount_sek"]]
    else:
        links["width"] = links["facts"].astype(float) if len(links) else []
    links["has_amount"] = [a is not None for a in links["amount_sek"]]
    links = links.sort_values(by=["has_amount", "width", "facts", "funder_name", "initiative_name"],
                              ascending=[False, False, False, True, True], kind="stable")
    hidden = max(0, len(links) - max_links)
    links = links.head(max_links).reset_index(drop=True)
    without = int((~links["has_amount"]).sum()) if len(links) else 0
    out = Flows(links, nominal if mode == MODE_AMOUNT else None, without, hidden)
    if hidden:
        out.notes.append(f"Diagrammet är begränsat: {hidden} av {hidden + len(links)} flöden visas inte "
                         f"(de {max_links} största visas). Filtrera på avsnitt eller finansiärstyp för att se fler.")
    return out


def sankey_figure(f: Flows, height: int | None = None):
    """A plotly Figure: funders on the left (actor-type colours), initiatives on the right."""
    import plotly.graph_objects as go

    links = f.links
    funders = list(dict.fromkeys(links["funder"]))
    initiatives = list(dict.fromkeys(links["initiative"]))
    index = {("f", k): i for i, k in enumerate(funders)}
    index.update({("i", k): len(funders) + i for i, k in enumerate(initiatives)})
    names_f = dict(zip(links["funder"], links["funder_name"]))
    types_f = dict(zip(links["funder"], links["funder_type"]))
    names_i = dict(zip(links["initiative"], links["initiative_name"]))
    node_labels = [names_f[k] for k in funders] + [names_i[k] for k in initiatives]
    node_colors = [labels.actor_style(types_f[k]).color for k in funders] + \
                  [labels.INITIATIVE_STYLE["border"] for _ in initiatives]
    node_hover = [f"{names_f[k]} ({labels.actor_type_label(types_f[k] or 'other')})" for k in funders] + \
                 [names_i[k] for k in initiatives]
    link_colors, hovers = [], []
    for r in links.to_dict("records"):
        where = ", ".join(r["sections"]) + (f", rad {r['first_line']}" if r["first_line"] is not None else "")
        if r["has_amount"]:
            link_colors.append(_rgba(labels.actor_style(r["funder_type"]).color, 0.45))
            amount = format_sek(r["amount_sek"])
        else:
            link_colors.append("rgba(150,150,150,0.30)")
            amount = "belopp saknas" + (" (nominell bredd)" if f.nominal is not None else "")
        instruments = f" · {', '.join(r['instruments'])}" if r["instruments"] else ""
        hovers.append(f"{r['funder_name']} → {r['initiative_name']}<br>{amount}{instruments}<br>"
                      f"{r['facts']} belägg · avsnitt {where}")
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        textfont=dict(color="#262730", size=12),
        node=dict(label=node_labels, color=node_colors, pad=12, thickness=14,
                  line=dict(color="rgba(0,0,0,0.3)", width=0.5), customdata=node_hover,
                  hovertemplate="%{customdata}<extra></extra>"),
        link=dict(source=[index[("f", k)] for k in links["funder"]],
                  target=[index[("i", k)] for k in links["initiative"]],
                  value=list(links["width"]), color=link_colors, customdata=hovers,
                  hovertemplate="%{customdata}<extra></extra>"),
    ))
    n = max(len(funders), len(initiatives))
    fig.update_layout(height=height or max(420, min(1800, 26 * n)), margin=dict(l=10, r=10, t=10, b=10),
                      font=dict(size=12))
    return fig


def _rgba(color: str, alpha: float) -> str:
    try:
        r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return f"rgba(120,120,120,{alpha})"
    return f"rgba({r},{g},{b},{alpha})"
