"""Stable ids: the same actor gets the same id in every document."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "Å": "a", "Ä": "a", "Ö": "o", "É": "e"})


def fold(text: str) -> str:
    """Lowercase and fold å/ä/ö/é to ASCII, so "Luleå" and "Lulea" compare equal."""
    text = text.translate(_FOLD).lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def relationship_id(rel_type: str, source: str, target: str, doc: str, line: int, extra: str = "") -> str:
    """Deterministic id, so extracting the same document twice gives the same relationship ids."""
    key = "|".join([rel_type, source, target, doc, str(line), extra])
    return f"{rel_type.lower()}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"
