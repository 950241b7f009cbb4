"""Reading an uploaded report into the store (the Källor page), without Streamlit.

The whole document is extracted before anything is written, and the write is one
transaction: a file that cannot be read, or a write that fails, leaves the store as it was.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from samverkan.errors import InputError
from samverkan.graph.schema import count_relations

ACCEPTED = (".txt", ".pdf")
Progress = Callable[[int, str], None]


@dataclass
class Ingested:
    doc_id: str
    title: str
    actors: int
    initiatives: int
    relationships: int  # relations as graph.schema.count_relations counts them (the figure the app shows)
    written: dict[str, int]

    def message(self) -> str:
        from samverkan.ui.common import count_sv

        return (f"{self.title} ({self.doc_id}) är inläst: {count_sv(self.actors, 'aktör', 'aktörer')}, "
                f"{count_sv(self.initiatives, 'insats', 'insatser')} "
                f"och {count_sv(self.relationships, 'relation', 'relationer')} med belägg.")


def safe_name(filename: str) -> str:
    """The uploaded file's own name (no directories), with only harmless characters."""
    name = Path(filename or "rapport.txt").name
    name = re.sub(r"[^\w.\-åäöÅÄÖ ]+", "_", name).strip(" .") or "rapport.txt"
    return name[:150]


def ingest(store: Any, filename: str, content: bytes, progress: Progress | None = None,
           replace: bool = False) -> Ingested:
    """Extract `content` (a .txt or .pdf report named `filename`) and write its graph to
    `store` — a GraphStore, or a callable returning a context manager that yields one (it is
    entered only for the write, after the extraction succeeded). The same report read again
    replaces its facts; another file for a report the store holds (same region and year)
    needs `replace`. Raises InputError (nothing written) or StoreError (write rolled back)."""
    from samverkan.loaders.pipeline import extract_document

    report = progress or (lambda pct, text: None)
    name = safe_name(filename)
    if Path(name).suffix.lower() not in ACCEPTED:
        raise InputError(f"{name}: only .txt and .pdf reports can be read")
    if not content:
        raise InputError(f"{name} is empty")
    report(5, "Sparar filen …")
    with tempfile.TemporaryDirectory(prefix="samverkan-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        report(15, "Läser, reparerar och tolkar texten …")
        try:
            extraction = extract_document(path)
        except InputError as exc:  # name the file as the user knows it, not the temporary path
            raise InputError(str(exc).replace(str(path), name)) from None
    graph = extraction.graph
    if not graph.by_label("Actor") and not graph.by_label("Initiative"):
        raise InputError(f"{name}: no actors or initiatives found; is it a region's report (Återrapportering)?")
    report(70, "Skriver till grafen …")
    graph.stamp_built()
    from samverkan.review.base import base_dir, save_bases

    if callable(store) and not hasattr(store, "write"):
        with store() as writer:
            written = writer.write(graph, replace=replace)
            save_bases(graph, base_dir(getattr(writer, "path", None)))  # for the Granska page
    else:
        written = store.write(graph, replace=replace)
        save_bases(graph, base_dir(getattr(store, "path", None)))
    report(100, "Klart.")
    doc = graph.documents[0] if graph.documents else {}
    relationships = count_relations(graph.relationships.values())
    return Ingested(
        doc_id=doc.get("id", name), title=doc.get("title") or name,
        actors=len(graph.by_label("Actor")), initiatives=len(graph.by_label("Initiative")),
        relationships=relationships, written=written,
    )


GENERIC_INPUT_ERROR = "Filen kunde inte läsas som en rapport."


def input_error_sv(exc: Exception) -> str:
    """A Swedish reading of the loaders' one-line InputError messages."""
    text = str(exc)
    low = text.lower()
    if "give --replace" in low:
        return ("Grafen har redan den här regionens rapport för samma år, från en annan fil. "
                "Kryssa i ”Ersätt befintlig rapport” för att byta ut den.")
    if "no actors or initiatives" in low:
        return "Inga aktörer eller insatser hittades i filen. Är det en regions återrapportering?"
    if "only .txt and .pdf" in low:
        return "Bara rapporter i .txt- eller .pdf-format kan läsas in."
    if "empty" in low:
        return "Filen är tom eller innehåller ingen text."
    if "text layer" in low or "scanned" in low:
        return "PDF-filen saknar textlager (skannad?) och kan inte läsas."
    if "binary" in low or "not text" in low:
        return "Filen verkar inte vara text."
    if "too large" in low or "larger than" in low or "limit" in low:
        return "Filen är för stor."
    if "pdf" in low:
        return "PDF-filen kunde inte läsas."
    return GENERIC_INPUT_ERROR
