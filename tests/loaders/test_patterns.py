"""The cue pattern language of the rule files."""
import pytest

from samverkan.loaders.amounts import parse_amounts
from samverkan.loaders.matcher import tokenize
from samverkan.loaders.patterns import PatternError, TokenView, compile_pattern, find_all
from samverkan.loaders.words import get_lexicon

LEX = get_lexicon()


def matches(pattern: str, text: str) -> list[str]:
    tokens = tokenize(text)
    amount_ends = {}
    starts = [t.start for t in tokens]
    for a in parse_amounts(text):
        first = max(i for i, s in enumerate(starts) if s <= a.start)
        last = max(i for i, s in enumerate(starts) if s < a.end)
        amount_ends[first] = last + 1
    view = TokenView.of(tokens, LEX)
    found = find_all(compile_pattern(pattern), view, 0, len(tokens), amount_ends)
    return [text[tokens[s].start : tokens[e - 1].end] for s, e in found]


def test_lemma_class_voice_and_skip():
    assert matches("@finance_verb:pass ~3 av", "Projektet finansierades gemensamt av Vinnova.") == ["finansierades gemensamt av"]
    assert matches("@finance_verb:pass ~3 av", "Vinnova finansierar projektet av intresse.") == []
    assert matches("<bidra> ~4 med", "I projektet bidrar Holmen AB med 2 mnkr.") == ["bidrar Holmen AB med"]
    assert matches("<driva>:pass ~2 av", "Projektet drevs av kommunen.") == ["drevs av"]


def test_amount_counts_as_one_word_and_optional_items():
    assert matches("@grant_verb:pass ~2 av", "X har beviljats 3,5 miljoner kronor av regionen.") == ["beviljats 3,5 miljoner kronor av"]
    assert matches("gemensam @funding_noun med?", "har gemensam finansiering av X") == ["gemensam finansiering"]
    assert matches("står $AMOUNT", "Vinnova står 2 mnkr") == ["står 2 mnkr"]


def test_a_capitalised_word_inside_a_sentence_is_no_cue():
    assert matches("<satsa>", "OSSI – Olofström Sölvesborg Satsar Individuellt") == []
    assert matches("<satsa>", "Satsar regionen på detta?") == ["Satsar"]


@pytest.mark.parametrize("bad", ["~3 av", "av ~3", "@finance_verb:passiv", "x ~tre y"])
def test_bad_patterns_are_refused(bad):
    with pytest.raises(PatternError):
        compile_pattern(bad)
