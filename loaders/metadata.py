"""Document metadata found in the text: reporting region, year, diarienummer, date."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .gazetteer import Gazetteer

DIARIENR_RE = re.compile(r"(?<!Ert )(?<!ert )\b(?:Diarienr|Diarienummer|Dnr|Vår beteckning)\.?\s*:?\s*([A-ZÅÄÖ]{0,6}\s?\d[\w./-]*\d)")
DATE_RE = re.compile(r"\b(20\d\d-[01]\d-[0-3]\d)\b")
YEAR_CONTEXT_RE = re.compile(r"\b(?:under|för|år|verksamhetsåret|tillväxtarbetet|återrapportering)\s+(?:året\s+)?(20\d\d)\b", re.I)


@dataclass(frozen=True)
class Metadata:
    region_id: str | None
    region: str | None
    county: str | None
    year: int | None
    diarienr: str | None
    date: str | None


def _region_names(gazetteer: Gazetteer) -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for every region's names (longest first), and name -> region id."""
    by_name = {name: region.id for region in gazetteer.by_type("region") for name in [region.name, *region.aliases]}
    names = sorted(by_name, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)"), by_name


def detect_metadata(text: str, gazetteer: Gazetteer) -> Metadata:
    pattern, by_name = _region_names(gazetteer)
    scores: Counter[str] = Counter(by_name[m.group(1)] for m in pattern.finditer(text))
    region_id = None
    if scores and scores.most_common(1)[0][1] > 0:
        region_id = scores.most_common(1)[0][0]
    region = gazetteer.actors[region_id] if region_id else None
    years = Counter(int(y) for y in YEAR_CONTEXT_RE.findall(text))
    year = years.most_common(1)[0][0] if years else None
    diarienr = DIARIENR_RE.search(text)
    date = DATE_RE.search(text)
    return Metadata(
        region_id=region_id,
        region=region.name if region else None,
        county=region.counties[0] if region and region.counties else None,
        year=year,
        diarienr=diarienr.group(1).strip() if diarienr else None,
        date=date.group(1) if date else None,
    )
