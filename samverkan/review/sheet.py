"""The review as a spreadsheet: `samverkan review export` and `samverkan review import`.

One row per fact of a report (and per fact a reviewer rejected, so a rejection can be taken
back), columns:

    fact_key, doc, section, line, type, relation, source, target, amount_sek, method,
    confidence, review, evidence, decision, reason

`decision` is empty or accept/reject (Swedish godkänn/avvisa, any case, are read too) and is
filled in with the decision in force; `reason` is free text. Import reads the rows back: every
row is checked first (a known fact_key of the report, a readable decision, no fact decided
twice) and one bad row refuses the whole file, with a message per bad row naming its row
number as the spreadsheet shows it (the header is row 1). The other columns are there to be
read; they are not imported (change a fact's parties in the app). A row whose decision and
reason are those in force already makes no new record, so a file exported and imported
unchanged records nothing.

CSV is written UTF-8 with a byte-order mark (so Excel shows å, ä, ö) and read with ',', ';'
(Swedish Excel's separator) or tab.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from samverkan.errors import InputError
from samverkan.graph.model import GraphData
from samverkan.graph.schema import SCHEMA

from .judgements import Judgement, ReviewLog
from .service import FactRow, fact_rows, judge

COLUMNS = ["fact_key", "doc", "section", "line", "type", "relation", "source", "target", "amount_sek", "method",
           "confidence", "review", "evidence", "decision", "reason"]
REQUIRED = ["fact_key", "section", "type", "source", "target", "evidence", "decision", "reason"]
DECISIONS = {"": "", "accept": "accept", "reject": "reject", "godkänn": "accept", "godkänd": "accept",
             "godkann": "accept", "avvisa": "reject", "avvisad": "reject"}
FORMATS = ("csv", "xlsx")


class ImportRefused(InputError):
    """A review file with bad rows: nothing of it was imported. `problems` has one line per row."""

    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        n = len(problems)
        super().__init__(f"{source}: {n} bad row{'s' if n != 1 else ''}, nothing imported "
                         f"(first: {problems[0]})" if problems else f"{source}: nothing imported")


def export_rows(graph: GraphData, doc: str, log: ReviewLog | None = None) -> list[dict[str, Any]]:
    rows = []
    for r in fact_rows(graph, doc, log):
        f = r.fact
        rows.append({
            "fact_key": r.key, "doc": doc, "section": f.get("section") or "", "line": f.get("line"),
            "type": f["type"], "relation": SCHEMA.relation_label_sv(f["type"]),
            "source": r.source_name, "target": r.target_name, "amount_sek": f.get("amount_sek"),
            "method": f.get("method") or "", "confidence": f.get("confidence"), "review": r.review or "",
            "evidence": f.get("evidence") or "", "decision": r.decision, "reason": r.reason,
        })
    rows.sort(key=lambda row: (tuple(int(p) if p.isdigit() else 0 for p in str(row["section"]).split(".")),
                               row["line"] or 0, row["type"], row["fact_key"]))
    return rows


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in COLUMNS})
    return buffer.getvalue()


def write(rows: list[dict[str, Any]], fmt: str, path: Path | None) -> str | Path:
    """csv: the text (written to `path` with a BOM when given); xlsx: the file written."""
    if fmt == "csv":
        text = to_csv(rows)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8-sig", newline="")
            return Path(path)
        return text
    if fmt == "xlsx":
        if path is None:
            raise InputError("xlsx needs an output file (-o FILE)")
        return write_xlsx(rows, Path(path))
    raise InputError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")


def write_xlsx(rows: list[dict[str, Any]], path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    widths = {"fact_key": 14, "doc": 20, "section": 8, "line": 7, "type": 16, "relation": 16, "source": 28,
              "target": 34, "amount_sek": 12, "method": 18, "confidence": 8, "review": 10, "evidence": 80,
              "decision": 10, "reason": 30}
    wb = Workbook()
    ws = wb.active
    ws.title = "granskning"
    ws.append(COLUMNS)
    for c, key in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=c)
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F4E78")
        ws.column_dimensions[get_column_letter(c)].width = widths.get(key, 12)
    for row in rows:
        ws.append([row.get(k) if row.get(k) != "" else None for k in COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    ev = COLUMNS.index("evidence") + 1
    for r in range(2, ws.max_row + 1):
        ws.cell(row=r, column=ev).alignment = wrap
    col = get_column_letter(COLUMNS.index("decision") + 1)
    choice = DataValidation(type="list", formula1='"accept,reject,godkänn,avvisa"', allow_blank=True)
    ws.add_data_validation(choice)
    choice.add(f"{col}2:{col}{max(ws.max_row, 2)}")
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(ws.max_row, 1)}"
    wb.save(path)
    return path


# ---------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------
def read_sheet(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number as the spreadsheet shows it, {column: text}) per non-empty row."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
            raise InputError(f"{path}: not a readable .xlsx file ({exc})") from None
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        wb.close()
        table = [[_cell(v) for v in row] for row in rows]
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = path.read_text(encoding="cp1252")
        first = text.split("\n", 1)[0]
        delimiter = max([",", ";", "\t"], key=first.count)
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not table:
        raise InputError(f"{path}: empty file")
    header = [h.strip().lower() for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRefused(str(path), [f"row 1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                                        f"(the export's header has {', '.join(REQUIRED)})"])
    out = []
    for number, values in enumerate(table[1:], start=2):
        if not any(str(v).strip() for v in values):
            continue
        out.append((number, {h: (values[i].strip() if i < len(values) and values[i] is not None else "")
                             for i, h in enumerate(header) if h}))
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class ImportPlan:
    judgements: list[Judgement]
    rows: int          # rows read
    unchanged: int     # rows whose decision is in force already (or empty)


def plan_import(path: Path, graph: GraphData, default_doc: str | None = None, log: ReviewLog | None = None,
                who: str | None = None) -> ImportPlan:
    """The judgements a review file asks for, after checking every row; ImportRefused (with
    every bad row) when any row is bad."""
    log = log or ReviewLog()
    rows = read_sheet(path)
    known_docs = {d["id"] for d in graph.documents}
    facts: dict[str, dict[str, FactRow]] = {}
    problems: list[str] = []
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    wanted: list[tuple[str, FactRow, str, str]] = []
    unchanged = 0
    for number, row in rows:
        doc = row.get("doc") or default_doc or (next(iter(known_docs)) if len(known_docs) == 1 else "")
        key = row.get("fact_key", "")
        raw = row.get("decision", "")
        decision = DECISIONS.get(raw.strip().casefold())
        bad = []
        if not doc:
            bad.append("no doc (add a doc column or give --doc)")
        elif doc not in known_docs:
            bad.append(f"report {doc!r} is not in the store")
        if not key:
            bad.append("fact_key is empty")
        if decision is None:
            bad.append(f"decision {raw!r} is not accept, reject, godkänn, avvisa or empty")
        if not bad and doc not in facts:
            facts[doc] = {r.key: r for r in fact_rows(graph, doc, log)}
        if not bad and key not in facts[doc]:
            bad.append(f"fact_key {key!r} is not a fact of {doc} (export the report again)")
        if not bad and (doc, key) in seen and seen[(doc, key)][1] != decision:
            bad.append(f"fact {key} is decided twice (also on row {seen[(doc, key)][0]})")
        if bad:
            problems.append(f"row {number}: " + "; ".join(bad))
            continue
        seen.setdefault((doc, key), (number, decision))
        fact = facts[doc][key]
        reason = row.get("reason", "")
        if not decision or (decision == fact.decision and reason == fact.reason):
            unchanged += 1
            continue
        wanted.append((doc, fact, decision, reason))
    if problems:
        raise ImportRefused(str(path), problems)
    judgements = [judge(doc, fact, decision, graph, who=who, why=reason) for doc, fact, decision, reason in wanted]
    return ImportPlan(judgements, len(rows), unchanged)
