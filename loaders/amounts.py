"""Amounts in Swedish kronor as the reports write them: "45,8 miljoner kronor", "12,3 mnkr",
"180 563 kronor", "9,3 Mnkr", "6.5 miljoner", "2 tkr", and in words: "en halv miljon kronor",
"en miljon", "två miljoner kronor", "en och en halv miljon"."""
from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "miljarder kronor": 1_000_000_000, "miljarder": 1_000_000_000, "mdkr": 1_000_000_000, "mdr": 1_000_000_000,
    "miljoner kronor": 1_000_000, "miljoner": 1_000_000, "miljon kronor": 1_000_000, "miljon": 1_000_000,
    "mnkr": 1_000_000, "mkr": 1_000_000, "msek": 1_000_000, "mn kr": 1_000_000, "mio": 1_000_000,
    "tusen kronor": 1_000, "tkr": 1_000, "ksek": 1_000,
    "kronor": 1, "kr": 1, "sek": 1,
}
AMOUNT_RE = re.compile(
    r"(?<![\w,.])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[,.]\d+)?)\s*("
    + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)


NUMBER_WORDS = {
    "en och en halv": 1.5, "en halv": 0.5, "ett par": 2, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4,
    "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "femton": 15,
    "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "hundra": 100,
}
WORD_UNITS = {"miljard": 1_000_000_000, "miljarder": 1_000_000_000, "miljon": 1_000_000, "miljoner": 1_000_000,
              "tusen": 1_000}
# "en halv miljon kronor", "två miljoner": a number word, a unit word, and "kronor" when written.
WORD_AMOUNT_RE = re.compile(
    r"(?i)(?<!\w)(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\s+("
    + "|".join(sorted(WORD_UNITS, key=len, reverse=True)) + r")(?:\s+(?:kronor|kr|sek))?(?!\w)"
)


@dataclass(frozen=True)
class Amount:
    sek: int
    start: int
    end: int
    text: str


def parse_amounts(text: str) -> list[Amount]:
    found = []
    for m in AMOUNT_RE.finditer(text):
        number = m.group(1).replace("\u00a0", " ")
        unit = " ".join(m.group(2).lower().split())
        if " " in number:
            value = float(number.replace(" ", ""))
        else:
            value = float(number.replace(",", "."))
        found.append(Amount(int(round(value * UNITS[unit])), m.start(), m.end(), m.group(0)))
    for m in WORD_AMOUNT_RE.finditer(text):
        if any(a.start <= m.start() < a.end for a in found):
            continue
        value = NUMBER_WORDS[m.group(1).lower()] * WORD_UNITS[m.group(2).lower()]
        found.append(Amount(int(round(value)), m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda a: a.start)


# A share of a total told before the total: "står för hälften av den totala kostnaden på 8
# miljoner kronor", "30 procent av budgeten om 2 mnkr", "en tredjedel av kostnaden på 900 000 kronor"
TOTAL = r"(?:kostnaden|kostnaderna|budgeten|totalen|omslutningen|summan)\s+(?:på|om)\s+$"  # "kostnaden på "
TOTAL_RE = re.compile(rf"(?i)\b{TOTAL}")
SHARE_OF_TOTAL_RE = re.compile(
    r"(?i)\b(?P<share>hälften|halva|en tredjedel|två tredjedelar|en fjärdedel|tre fjärdedelar|(?P<pct>\d{1,3}(?:,\d+)?)\s*(?:procent|%))"
    rf"\s+av\s+(?:\w+\s+){{0,3}}{TOTAL}")
SHARES = {"hälften": 1 / 2, "halva": 1 / 2, "en tredjedel": 1 / 3, "två tredjedelar": 2 / 3, "en fjärdedel": 1 / 4,
          "tre fjärdedelar": 3 / 4}


def share_of_total(before: str, total: int) -> int | None:
    """The part a party pays when the text gives its share of a total written right before the
    amount (`before` ends where the amount starts); None when the amount is no such total."""
    m = SHARE_OF_TOTAL_RE.search(before)
    if not m:
        return None
    fraction = float(m.group("pct").replace(",", ".")) / 100 if m.group("pct") else SHARES[m.group("share").lower()]
    return round(total * fraction)


def names_a_total(before: str) -> bool:
    """"… av den totala kostnaden på 8 mnkr", "budgeten om 2 mnkr": the amount is the whole."""
    return bool(TOTAL_RE.search(before))
