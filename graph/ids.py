"""Stable ids: the same actor gets the same id in every document."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from .folding import fold


def slugify(text: str) -> str:
    """"Länsstyrelsen i Örebro län" -> "lansstyrelsen-i-orebro-lan": the folded name in ASCII."""
    ascii_text = unicodedata.normalize("NFKD", fold(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def relationship_id(rel_type: str, source: str, target: str, doc: str, line: int, extra: str = "") -> str:
    """Deterministic id, so extracting the same document twice gives the same relationship ids."""
    key = "|".join([rel_type, source, target, doc, str(line), extra])
    return f"{rel_type.lower()}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"
