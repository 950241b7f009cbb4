"""The one Swedish amount formatter (graph/money.py)."""
import pytest

from samverkan.graph.money import format_sek, has_amount


@pytest.mark.parametrize("amount, text", [
    (45_800_000, "45,8 mnkr"), (180_563, "180 563 kr"), (2_500_000, "2,5 mnkr"), (2_000_000, "2 mnkr"),
    (28_000_000.0, "28 mnkr"), (1_234_567, "1,23 mnkr"), (999, "999 kr"), (0, "0 kr"),
    (1_200_000_000, "1,2 mdkr"), (-450_000, "-450 000 kr"), (None, ""), (float("nan"), ""),
])
def test_format_sek(amount, text):
    assert format_sek(amount) == text


@pytest.mark.parametrize("value, present", [(0, True), (12.5, True), (None, False), (float("nan"), False),
                                            (True, False), ("12", True), ("tolv", False)])
def test_has_amount(value, present):
    assert has_amount(value) is present
