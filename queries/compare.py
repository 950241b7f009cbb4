"""Two reports side by side: what changed from one year to the next, or between two regions.

`compare(store, doc_a, doc_b)` answers what a strategist asks across reports:
- partners gained, lost and kept (the actors chapter 3 names in a fact, the reporting regions
  left out; catalogue query `document_partners`);
- co-financed initiatives that are new, continued or ended (what chapter 3 says is financed
  together, catalogue query `cofinance_by_section` for chapter "3"): continued means the same
  initiative (same id: the same name in one region, or a shared project id) or the same name.

`samverkan diff` and the app's Jämför page print the same tables. Labels are Swedish, as in
the reports they feed.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from samverkan.errors import QueryError
from samverkan.graph.folding import fold
from samverkan.graph.schema import SCHEMA

from .catalogue import run_named
from .report_writers import markdown_table
from .reports import actor_type_sv

FORMATS = ("md", "csv", "xlsx")
PARTNER_STATUS = {"gained": "ny", "lost": "borta", "kept": "kvar"}
INITIATIVE_STATUS = {"new": "ny", "continued": "fortsätter", "ended": "avslutad"}
PARTNER_COLUMNS = ["status", "actor", "name", "type", "relations_a", "relations_b"]
INITIATIVE_COLUMNS = ["status", "initiative_a", "initiative_b", "name", "funders_a", "funders_b"]


@dataclass
class Comparison:
    a: dict[str, Any]  # the `documents` row of each report
    b: dict[str, Any]
    partners: pd.DataFrame  # PARTNER_COLUMNS; status gained | lost | kept
    initiatives: pd.DataFrame  # INITIATIVE_COLUMNS; status new | continued | ended

    def count(self, table: str, status: str) -> int:
        df = getattr(self, table)
        return int((df["status"] == status).sum()) if len(df) else 0


def _relations(rows: pd.DataFrame) -> str:
    """"finansierar (5), samverkar med (1)": the relation types of one actor in one report."""
    return ", ".join(f"{SCHEMA.relation_label_sv(r)} ({n})" for r, n in zip(rows["relation"], rows["facts"]))


def compare_partners(rows: pd.DataFrame, doc_a: str, doc_b: str) -> pd.DataFrame:
    """`document_partners` rows of two reports -> one row per actor with its status."""
    out = []
    by_actor = {actor: group for actor, group in rows.groupby("actor", sort=True)} if len(rows) else {}
    for actor, group in by_actor.items():
        in_a, in_b = group[group["doc"] == doc_a], group[group["doc"] == doc_b]
        status = "kept" if len(in_a) and len(in_b) else ("lost" if len(in_a) else "gained")
        first = group.iloc[0]
        out.append({"status": status, "actor": actor, "name": first["name"], "type": first["type"],
                    "relations_a": _relations(in_a), "relations_b": _relations(in_b)})
    order = {"gained": 0, "lost": 1, "kept": 2}
    out.sort(key=lambda r: (order[r["status"]], fold(r["name"] or r["actor"])))
    return pd.DataFrame(out, columns=PARTNER_COLUMNS)


def compare_initiatives(rows_a: pd.DataFrame, rows_b: pd.DataFrame) -> pd.DataFrame:
    """Co-financed initiatives of two reports (cofinance_by_section rows) -> new, continued
    (same id or same folded name) and ended."""
    def by_key(rows: pd.DataFrame) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for rec in rows.to_dict("records"):
            entry = out.setdefault(rec["initiative"], {"name": rec["name"], "funders": set()})
            entry["funders"].update(rec["funders"] or ())
        return out

    a, b = by_key(rows_a), by_key(rows_b)
    names_b = {fold(v["name"]): k for k, v in b.items()}
    out, matched_b = [], set()
    for key, entry in a.items():
        other = key if key in b else names_b.get(fold(entry["name"]))
        if other is not None:
            matched_b.add(other)
            out.append({"status": "continued", "initiative_a": key, "initiative_b": other, "name": b[other]["name"],
                        "funders_a": "; ".join(sorted(entry["funders"])), "funders_b": "; ".join(sorted(b[other]["funders"]))})
        else:
            out.append({"status": "ended", "initiative_a": key, "initiative_b": None, "name": entry["name"],
                        "funders_a": "; ".join(sorted(entry["funders"])), "funders_b": ""})
    for key, entry in b.items():
        if key not in matched_b:
            out.append({"status": "new", "initiative_a": None, "initiative_b": key, "name": entry["name"],
                        "funders_a": "", "funders_b": "; ".join(sorted(entry["funders"]))})
    order = {"new": 0, "ended": 1, "continued": 2}
    out.sort(key=lambda r: (order[r["status"]], fold(r["name"])))
    return pd.DataFrame(out, columns=INITIATIVE_COLUMNS)


def compare(store: Any, doc_a: str, doc_b: str) -> Comparison:
    """Report `doc_a` (the earlier, or the one compared with) against `doc_b`."""
    documents = {r["doc"]: r for r in run_named(store, "documents", {}).to_dict("records")}
    for doc in (doc_a, doc_b):
        if doc not in documents:
            raise QueryError(f"no report {doc!r} in the store; it holds: {', '.join(documents) or 'nothing'}")
    if doc_a == doc_b:
        raise QueryError("compare two different reports")
    partners = run_named(store, "document_partners", {"docs": [doc_a, doc_b]})
    rows_a = run_named(store, "cofinance_by_section", {"section": "3", "docs": [doc_a]})
    rows_b = run_named(store, "cofinance_by_section", {"section": "3", "docs": [doc_b]})
    return Comparison(documents[doc_a], documents[doc_b], compare_partners(partners, doc_a, doc_b),
                      compare_initiatives(rows_a, rows_b))


# --- output ----------------------------------------------------------------------------
def _title(doc: dict[str, Any]) -> str:
    return doc.get("title") or doc["doc"]


def _tables(c: Comparison) -> list[tuple[str, list[str], list[list[Any]]]]:
    a, b = _title(c.a), _title(c.b)
    partners = [[PARTNER_STATUS[r["status"]], r["name"], actor_type_sv(r["type"]), r["relations_a"], r["relations_b"]]
                for r in c.partners.to_dict("records")]
    initiatives = [[INITIATIVE_STATUS[r["status"]], r["name"], r["funders_a"], r["funders_b"]]
                   for r in c.initiatives.to_dict("records")]
    return [
        ("Samverkansparter", ["Förändring", "Part", "Typ", f"I {a}", f"I {b}"], partners),
        ("Gemensamt finansierade insatser", ["Förändring", "Insats eller område", f"Finansiärer i {a}", f"Finansiärer i {b}"],
         initiatives),
    ]


def summary_sv(c: Comparison) -> str:
    """"3 nya parter, 1 borta, 12 kvar; 2 nya insatser, 1 fortsätter, 0 avslutade"."""
    return (f"{c.count('partners', 'gained')} nya parter, {c.count('partners', 'lost')} borta, "
            f"{c.count('partners', 'kept')} kvar; {c.count('initiatives', 'new')} nya insatser, "
            f"{c.count('initiatives', 'continued')} fortsätter, {c.count('initiatives', 'ended')} avslutade")


def to_markdown(c: Comparison) -> str:
    lines = [f"# Jämförelse: {_title(c.a)} och {_title(c.b)}", "", summary_sv(c)]
    for heading, headers, rows in _tables(c):
        lines += ["", f"## {heading}", ""]
        lines += markdown_table(headers, rows) if rows else ["Inga uppgifter i grafen."]
    return "\n".join(lines) + "\n"


def to_csv(c: Comparison) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["tabell", "forandring", "namn", "typ", "i_a", "i_b"])
    for r in c.partners.to_dict("records"):
        writer.writerow(["parter", PARTNER_STATUS[r["status"]], r["name"], actor_type_sv(r["type"]), r["relations_a"], r["relations_b"]])
    for r in c.initiatives.to_dict("records"):
        writer.writerow(["insatser", INITIATIVE_STATUS[r["status"]], r["name"], "", r["funders_a"], r["funders_b"]])
    return buffer.getvalue()


def write_xlsx(c: Comparison, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for heading, headers, rows in _tables(c):
        ws = wb.create_sheet(heading[:31])
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for column, width in zip("ABCDE", (12, 40, 20, 50, 50)):
            ws.column_dimensions[column].width = width
    wb.save(path)
    return Path(path)


def render(c: Comparison, fmt: str, path: Path | None = None) -> str | Path:
    if fmt == "md":
        text = to_markdown(c)
    elif fmt == "csv":
        text = to_csv(c)
    elif fmt == "xlsx":
        if path is None:
            raise QueryError("xlsx is a binary format: give -o FILE")
        return write_xlsx(c, path)
    else:
        raise QueryError(f"diff writes {', '.join(FORMATS)}, not {fmt!r}")
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
        return Path(path)
    return text
