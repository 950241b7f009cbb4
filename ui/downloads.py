"""Report downloads (md, csv, xlsx, docx) built by samverkan.queries.reports and written by queries/report_writers.py — the same
files `samverkan report --section S --format F` writes — cached per store version."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from samverkan.errors import SamverkanError

from . import common

FORMATS = ("md", "csv", "xlsx", "docx")
FORMAT_LABELS = {"md": "Markdown", "csv": "CSV", "xlsx": "Excel", "docx": "Word"}
MIME = {
    "md": "text/markdown",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def report_bytes(store: Any, section: str, fmt: str, doc: str | None = None) -> bytes:
    """The report of `section` ("3.1" … or "all") in `fmt`, as the bytes of the file."""
    from samverkan.queries import report_writers, reports

    report = reports.build_report(store, section, doc or None)
    if fmt in ("md", "csv"):
        return str(report_writers.render(report, fmt)).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="samverkan-report-") as tmp:
        path = Path(tmp) / f"rapport.{fmt}"
        report_writers.render(report, fmt, path)
        return path.read_bytes()


@st.cache_data(show_spinner=False, max_entries=128)
def _cached(cfg, ver: int, section: str, fmt: str, doc: str, _store: Any) -> bytes:
    return report_bytes(_store, section, fmt, doc)


def file_name(section: str, fmt: str, doc: str | None = None) -> str:
    part = "kapitel-3" if section == "all" else f"avsnitt-{section}"
    return f"samverkan-{doc + '-' if doc else ''}{part}.{fmt}"


def report_buttons(section: str, doc: str = "", key_prefix: str = "rep") -> None:
    """One download button per format; disabled, with the reason, when no report can be built."""
    n_docs = len(common.documents())
    if n_docs > 1 and not doc:
        st.caption("Välj region och år i sidopanelen för att ladda ned rapportlistan (den gäller en rapport åt gången).")
        return
    cols = st.columns(len(FORMATS))
    for col, fmt in zip(cols, FORMATS):
        try:
            data = _cached(common.config(), common.version(), section, fmt, doc or "", common.store())
        except SamverkanError as exc:
            col.button(f"{FORMAT_LABELS[fmt]} (.{fmt})", disabled=True, key=f"{key_prefix}_{fmt}_off",
                       help=common.swedish_error(exc))
            continue
        col.download_button(f"{FORMAT_LABELS[fmt]} (.{fmt})", data, file_name=file_name(section, fmt, doc),
                            mime=MIME[fmt], key=f"{key_prefix}_{fmt}", icon=":material/download:",
                            on_click="ignore", width="stretch")
