"""Cue patterns: the small token language the rule files use to say which words fire a rule.

A pattern is a space-separated list of items, matched against consecutive tokens:

    word          the token, lower-cased ("av", "med")
    a|b|c         any of these words ("mellan|med")
    <lemma>       a token with this lemma, any inflection ("<bidra>" matches "bidrar", "bidrog")
    <a|b>         any of these lemmas
    <a>:pass      ... in the passive s-form ("<driva>:pass" matches "drivs", "drevs")
    @class        a token of a lexicon word class ("@finance_verb" matches "medfinansierar")
    @class:pass   ... in the passive s-form ("@finance_verb:pass" matches "finansieras", "beviljades")
    @class:act    ... not in the passive form
    $AMOUNT       an amount ("1,2 miljoner kronor", "850 tkr"), however many tokens it takes
    ~N            up to N words of anything, an amount or a name counting as one (as few as possible)
    item?         the item may be missing

Examples: "@finance_verb:pass ~3 av" matches "medfinansieras av", "finansierades gemensamt av";
"<bidra> ~4 med" matches "bidrar med", "bidrar Hjälmarbiogas AB med".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .matcher import Token
from .words import Lexicon


@dataclass(frozen=True)
class Item:
    kind: str  # word | lemma | class | amount | skip
    values: frozenset[str] = frozenset()  # words, lemmas, or the one class name
    voice: str | None = None  # "pass" | "act"
    optional: bool = False
    skip: int = 0


@dataclass(frozen=True)
class Pattern:
    source: str
    items: tuple[Item, ...]


class PatternError(ValueError):
    pass


def compile_pattern(source: str) -> Pattern:
    items = []
    for raw in source.split():
        optional = raw.endswith("?") and len(raw) > 1
        text = raw[:-1] if optional else raw
        if text.startswith("~"):
            if not text[1:].isdigit():
                raise PatternError(f"{source!r}: '~' takes a number of tokens, not {text!r}")
            items.append(Item("skip", skip=int(text[1:])))
        elif text == "$AMOUNT":
            items.append(Item("amount", optional=optional))
        elif text.startswith("<") and ">" in text:
            body, _, voice = text[1:].partition(">")
            voice = voice.lstrip(":")
            if voice not in ("", "pass", "act"):
                raise PatternError(f"{source!r}: voice must be :pass or :act, not {voice!r}")
            items.append(Item("lemma", frozenset(v.lower() for v in body.split("|")), voice or None, optional))
        elif text.startswith("@"):
            name, _, voice = text[1:].partition(":")
            if voice not in ("", "pass", "act"):
                raise PatternError(f"{source!r}: voice must be :pass or :act, not {voice!r}")
            items.append(Item("class", frozenset([name]), voice or None, optional))
        else:
            items.append(Item("word", frozenset(v.lower() for v in text.split("|")), optional=optional))
    if not items or items[0].kind == "skip" or items[-1].kind == "skip":
        raise PatternError(f"{source!r}: a pattern starts and ends with a real item")
    return Pattern(source, tuple(items))


@dataclass
class TokenView:
    """What patterns ask of each token of a sentence, computed once per sentence."""

    lower: list[str]
    lemma: list[str]
    passive: list[bool]
    classes: list[frozenset[str]]
    mid_capital: list[bool]  # capitalised inside the sentence: part of a name
    present: frozenset[str]  # every word, lemma and class of the sentence

    @classmethod
    def of(cls, tokens: Sequence[Token], lexicon: Lexicon) -> "TokenView":
        lower = [t.text.lower() for t in tokens]
        lemma = [lexicon.lemma(w) for w in lower]
        classes = [lexicon.classes_of(t.text) for t in tokens]
        present = set(lower) | set(lemma)
        for c in classes:
            present |= c
        return cls(lower, lemma, [lexicon.is_passive(w) for w in lower], classes,
                   [t.text[:1].isupper() and t.start > 0 for t in tokens], frozenset(present))


def could_match(pattern: Pattern, view: TokenView) -> bool:
    """Whether the pattern's first item occurs in the sentence at all (a cheap first filter)."""
    return bool(pattern.items[0].values & view.present) or pattern.items[0].kind == "amount"


def _one(item: Item, view: TokenView, i: int) -> bool:
    if item.kind == "word":
        return view.lower[i] in item.values
    if view.mid_capital[i]:
        return False  # a capitalised word inside a sentence is part of a name ("… Sölvesborg Satsar Individuellt")
    if item.kind == "lemma":
        if view.lemma[i] not in item.values:
            return False
    elif item.kind == "class":
        if not item.values & view.classes[i]:
            return False
    else:
        raise AssertionError(item.kind)
    if item.voice == "pass":
        return view.passive[i]
    if item.voice == "act":
        return not view.passive[i]
    return True


def match_at(pattern: Pattern, view: TokenView, start: int, stop: int, amount_ends: dict[int, int],
             units: dict[int, int] | None = None) -> int | None:
    """The end (exclusive token index) of the shortest match starting at `start`, or None.
    `amount_ends` maps the token index an amount starts at to the index after it; `units` does
    the same for everything a skip counts as one word (amounts and names: "ge Umeå Science
    Park ett bidrag" is "<ge> ~2 @funding_noun")."""
    units = amount_ends if units is None else units

    def walk(k: int, i: int) -> int | None:
        if k == len(pattern.items):
            return i
        item = pattern.items[k]
        if item.kind == "skip":
            j = i
            for _ in range(item.skip + 1):  # an amount or a name counts as one word
                if j > stop:
                    break
                end = walk(k + 1, j)
                if end is not None:
                    return end
                j = units.get(j, j + 1)
            return None
        if i < stop:
            if item.kind == "amount":
                if i in amount_ends:
                    end = walk(k + 1, amount_ends[i])
                    if end is not None:
                        return end
            elif _one(item, view, i):
                end = walk(k + 1, i + 1)
                if end is not None:
                    return end
        return walk(k + 1, i) if item.optional else None

    return walk(0, start)


def find_all(pattern: Pattern, view: TokenView, start: int, stop: int, amount_ends: dict[int, int],
             units: dict[int, int] | None = None) -> list[tuple[int, int]]:
    """Non-overlapping matches of the pattern in tokens[start:stop], left to right."""
    found = []
    if not could_match(pattern, view):
        return found
    first = pattern.items[0]
    i = start
    while i < stop:
        if first.kind != "amount" and not first.optional and not _one(first, view, i):
            i += 1
            continue
        end = match_at(pattern, view, i, stop, amount_ends, units)
        if end is not None and end > i:
            found.append((i, end))
            i = end
        else:
            i += 1
    return found
