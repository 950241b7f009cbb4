"""The one Swedish amount formatter, used by the reports, the CLI and the app alike.

Amounts are stored as whole kronor (`amount_sek`); a missing amount may come back from a
store or a DataFrame as None or NaN.
"""
from __future__ import annotations


def has_amount(value) -> bool:
    """A sum that is there: not None, not NaN, not a bool."""
    if value is None or isinstance(value, bool):
        return False
    try:
        return float(value) == float(value)
    except (TypeError, ValueError):
        return False


def _decimal_sv(value: float, max_decimals: int = 2) -> str:
    """45.8 -> "45,8"; 28.0 -> "28"."""
    return f"{value:.{max_decimals}f}".rstrip("0").rstrip(".").replace(".", ",")


def format_sek(amount) -> str:
    """Swedish style: 45 800 000 -> "45,8 mnkr", 180 563 -> "180 563 kr",
    1 200 000 000 -> "1,2 mdkr"; no amount -> ""."""
    if not has_amount(amount):
        return ""
    amount = int(round(float(amount)))
    sign = "-" if amount < 0 else ""
    n = abs(amount)
    if n >= 1_000_000_000:
        return f"{sign}{_decimal_sv(n / 1_000_000_000)} mdkr"
    if n >= 1_000_000:
        return f"{sign}{_decimal_sv(n / 1_000_000)} mnkr"
    return f"{sign}{n:,} kr".replace(",", " ")
