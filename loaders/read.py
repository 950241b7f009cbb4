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
from samverkan.errors import InputError, warn

@dataclass(frozen=True)
class RawDocument:
    path: Path
    text: str
    sha256: str
    format: str  # "txt" | "pdf"
    unreadable: int = 0  # bytes that were not characters, read as U+FFFD


def _max_bytes() -> int:
    return int(float(settings.get("SAMVERKAN_MAX_INPUT_MB")) * 1024 * 1024)


def _decode(data: bytes, path: Path) -> tuple[str, int]:
    """The text and how many bytes could not be read as characters.

    UTF-8 first; a UTF-8 text with a few stray bytes (a damaged copy) is read with each bad
    byte as U+FFFD, counted, so one broken byte does not cost the whole report. A text without
    valid UTF-8 sequences is legacy Windows-1252. Only content that is mostly NULs or control
    characters is refused as binary."""
    sample = data[:65536]
    if sample.count(0) > 0.01 * len(sample):
        raise InputError(f"{path}: looks like a binary file, not a text report (give a .txt or .pdf)")
    try:
        text, bad = data.decode("utf-8-sig"), 0
    except UnicodeDecodeError:
        escaped = data.decode("utf-8-sig", errors="surrogateescape")
        bad = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
        multibyte = sum(1 for ch in escaped if ord(ch) > 127) - bad
        if multibyte >= bad:
            text = "".join("\ufffd" if "\udc80" <= ch <= "\udcff" else ch for ch in escaped)
        else:
            text, bad = data.decode("cp1252", errors="replace"), 0
            bad = text.count("\ufffd")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * max(1, min(len(text), 65536)):
        raise InputError(f"{path}: looks like a binary file, not a text report (give a .txt or .pdf)")
    if controls or "\x00" in text:  # stray control bytes read as unreadable characters
        cleaned = "".join("\ufffd" if ord(ch) < 32 and ch not in "\n\r\t\f" else ch for ch in text)
        bad += sum(1 for a, b in zip(text, cleaned) if a != b)
        text = cleaned
    return text, bad


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
    text, bad = _decode(data, path)
    if bad:
        warn(f"{path}: {bad} byte{'s' if bad != 1 else ''} could not be read as text and stand as \ufffd")
    return RawDocument(path, text.replace("\r\n", "\n").replace("\r", "\n"), digest, "txt", bad)
