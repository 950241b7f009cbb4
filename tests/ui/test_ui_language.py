"""Every word a user sees is Swedish: counts agree in number, our error messages are said in
Swedish, and no page shows an English type name or a raw relation label."""
from __future__ import annotations

import pytest

from samverkan.errors import QueryError
from samverkan.queries import catalogue
from samverkan.ui import common, labels


@pytest.mark.parametrize("n, text", [(0, "0 insatser"), (1, "1 insats"), (2, "2 insatser"), (12345, "12\u00a0345 insatser")])
def test_count_agrees_in_number(n, text):
    assert labels.count_sv(n, "insats", "insatser") == text


def test_catalogue_errors_are_said_in_swedish():
    with pytest.raises(QueryError) as unknown:
        catalogue.get("cofinance_by_section").bind({"section": "3.1", "doc": "x"})
    said = common.swedish_error(unknown.value)
    assert said.startswith("Frågan misslyckades: frågan cofinance_by_section har ingen parameter doc")
    assert "has no parameter" not in said
    with pytest.raises(QueryError) as missing:
        catalogue.get("partners_of").bind({})
    assert "behöver parametern $actor" in common.swedish_error(missing.value)
    with pytest.raises(QueryError) as shape:
        catalogue.get("cofinance_by_section").bind({"section": "tre"})
    assert "har fel form" in common.swedish_error(shape.value)


def test_engine_messages_are_quoted_not_passed_off_as_ours():
    said = common.swedish_error(QueryError("Invalid input 'MATCHX': expected ..."))
    assert said == "Frågan misslyckades: Databasens meddelande: Invalid input 'MATCHX': expected ..."


def test_evidence_rows_are_tall_enough_for_the_longest_sentence():
    short = common.evidence_row_height(["Kort."], 400)
    assert short == common.EVIDENCE_ROW_HEIGHT
    sentence = "Projektet finansieras av Tillväxtverket och Region Exempel med 2,4 miljoner kronor. " * 4
    tall = common.evidence_row_height(["Kort.", sentence], 400)
    per_line = int((400 - 16) / common.CHAR_PX)
    assert tall >= common.LINE_PX * -(-len(sentence) // per_line)  # every line of the longest sentence fits
    assert common.evidence_row_height([sentence * 20], 400) == common.MAX_ROW_PX


def test_review_refusals_are_said_in_swedish():
    assert common.swedish_detail("a fact needs two different parties") == "en uppgift behöver två olika parter"
    assert common.swedish_detail("the quote is not in the text of region-x-2020: 'Regionen bidrar'") == \
        "citatet står inte i texten till region-x-2020: 'Regionen bidrar'"
    assert common.swedish_detail("finansierar goes Aktör -> Insats, not Insats -> Aktör").startswith("relationen ”finansierar” går")
