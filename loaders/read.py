"""Read a report from disk: plain text or PDF (text layer), with clear errors for bad input.

PDF text comes from pypdf: pure Python (no system libraries to install), maintained, BSD
licensed, and its text extraction keeps reading order well enough for these single-column
reports. Scanned PDFs without a text layer are refused: OCR is out of scope.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from samverkan import settings
from samverkan.errors import InputError

TEXT_ENCODINGS = ("utf-8-sig", "cp1252")


@dataclass(frozen=True)
class RawDocument:
    path: Path
    text: str
    sha256: str
    format: str  # "txt" | "pdf"


def _max_bytes() -> int:
    return int(float(settings.get("SAMVERKAN_MAX_INPUT_MB")) * 1024 * 1024)


def _decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:65536]:
        raise InputError(f"{path}: looks like a binary file, not a text report (give a .txt or .pdf)")
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls > 0.01 * max(1, min(len(text), 65536)):
            raise InputError(f"{path}: looks like a binary file, not a text report (give a .txt or .pdf)")
        return text
    raise InputError(f"{path}: cannot decode the text as UTF-8 or Windows-1252")


def _pdf_text(data: bytes, path: Path) -> str:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: cannot read the PDF ({exc})") from None
    text = "\n".join(pages)
    if len(text.strip()) < 20:
        raise InputError(f"{path}: the PDF has no text layer (scanned?); OCR it first or give a .txt")
    return text


def read_document(path: str | Path) -> RawDocument:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a report")
    size = path.stat().st_size
    if size > _max_bytes():
        raise InputError(
            f"{path}: {size / 1e6:.0f} MB is larger than the {_max_bytes() / 1e6:.0f} MB limit (SAMVERKAN_MAX_INPUT_MB)"
        )
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    digest = hashlib.sha256(data).hexdigest()
    if data[:5] == b"%PDF-" or path.suffix.lower() == ".pdf":
        return RawDocument(path, _pdf_text(data, path), digest, "pdf")
    return RawDocument(path, _decode(data, path).replace("\r\n", "\n").replace("\r", "\n"), digest, "txt")
