"""Amounts in Swedish kronor as the reports write them: "45,8 miljoner kronor", "12,3 mnkr",
"180 563 kronor", "9,3 Mnkr", "6.5 miljoner", "2 tkr"."""
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
    return found
