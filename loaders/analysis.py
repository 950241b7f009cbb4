"""One sentence, read once: its tokens, and every mention the rules may use.

Mentions come from the actor and initiative finders (known names), and from the sentence
itself: amounts, bare municipality place names ("Eskilstuna deltar tillsammans med Trosa"),
municipality lists ("Älvkarleby, Tierp och Östhammars kommuner", "kommunerna A och B"),
collective project references ("elva projekt", "projekten") and anaphora resolved by the
discourse ("Förbundet", "Projektet", "universitetet", "de tre kommunerna").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .actors import ActorFinder, Mention
from .amounts import Amount, parse_amounts
from .matcher import Token, tokenize
from .sentences import Sentence
from .words import Lexicon, get_lexicon

if TYPE_CHECKING:
    from .discourse import Discourse
    from .initiatives import InitiativeFinder

DE_N_KOMMUNERNA = re.compile(r"(?i)^de\s+(\w+)\s+kommunerna$")
LIST_GAP = re.compile(r"\s*(?:,|och|samt)\s*")  # between list items: ", " " och " " samt "
NUMERAL_WORDS = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
                 "elva": 11, "tolv": 12}


@dataclass
class Analysis:
    sentence: Sentence
    tokens: list[Token]
    actors: list[Mention]
    initiatives: list[Mention]
    places: list[Mention]  # place names that name a municipality, when a role makes them one
    amounts: list[Amount]
    collectives: list[Mention]  # "elva projekt", "projekten": every project the paragraph names
    amount_ends: dict[int, int] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.tokens]
        for amount in self.amounts:
            first, last = self.token_index(amount.start), self.token_index(amount.end - 1)
            self.amount_ends[first] = last + 1

    @property
    def unit_ends(self) -> dict[int, int]:
        """Token index -> index after, for what a pattern's skip counts as one word: amounts and
        the names of actors ("Umeå Science Park")."""
        units = {}
        for m in self.actors:
            first, last = self.token_index(m.start), self.token_index(m.end - 1)
            if last > first:
                units[first] = last + 1
        return {**units, **self.amount_ends}

    @property
    def text(self) -> str:
        return self.sentence.text

    def token_index(self, char: int) -> int:
        """The token that covers (or starts after) a character offset."""
        i = bisect_right(self._starts, char) - 1
        return max(i, 0)

    def char_of(self, token: int) -> int:
        return self.tokens[token].start if token < len(self.tokens) else len(self.text)

    def mentions(self) -> list[Mention]:
        return sorted(self.actors + self.initiatives, key=lambda m: m.start)


def _overlaps(m: Mention, taken: list[Mention]) -> bool:
    return any(m.start < t.end and t.start < m.end for t in taken)


def analyse_names(sentence: Sentence, actors: ActorFinder) -> Analysis:
    """Tokens, actors, places and amounts only: enough to read initiative names before the
    initiatives are known."""
    text = sentence.text
    tokens = tokenize(text)
    found = actors.mentions(text)
    places = _places(text, tokens, actors, found)
    listed, places = _municipality_lists(text, tokens, places, actors)
    elliptic, places = _elliptic_organisations(text, places, found, actors, get_lexicon())
    found = [a for a in found if not _overlaps(a, listed)]
    return Analysis(sentence, tokens, sorted(found + listed + elliptic, key=lambda m: m.start), [], places,
                    parse_amounts(text), [])


def analyse(sentence: Sentence, actors: ActorFinder, initiatives: "InitiativeFinder", lexicon: Lexicon,
            discourse: "Discourse | None" = None) -> Analysis:
    text = sentence.text
    tokens = tokenize(text)
    found_actors = actors.mentions(text)
    found_initiatives = initiatives.mentions(text)
    # Where an actor and an initiative name overlap, the longer name wins, and after a kind noun
    # ("projektet Leader Linné") the initiative does.
    found_actors = [a for a in found_actors if not any(
        i.start <= a.start and a.end <= i.end and ((i.end - i.start) > (a.end - a.start) or _after_kind_noun(text, i, lexicon))
        for i in found_initiatives)]
    found_initiatives = [i for i in found_initiatives if not any(
        a.start <= i.start and i.end <= a.end and (a.end - a.start) >= (i.end - i.start) for a in found_actors)]
    places = _places(text, tokens, actors, found_actors + found_initiatives)
    listed, places = _municipality_lists(text, tokens, places, actors)
    elliptic, places = _elliptic_organisations(text, places, found_actors, actors, lexicon)
    # "kommunerna Gislaved, Gnosjö …": the listed municipalities, not all of the county's
    found_actors = [a for a in found_actors if not _overlaps(a, listed)]
    found_actors = sorted(found_actors + listed + elliptic, key=lambda m: m.start)
    collectives = _collectives(tokens, lexicon, found_actors + found_initiatives)
    analysis = Analysis(sentence, tokens, found_actors, found_initiatives, places, parse_amounts(text), collectives)
    if discourse is not None:
        discourse.resolve(analysis)
    return analysis


def _after_kind_noun(text: str, m: Mention, lexicon: Lexicon) -> bool:
    words = text[: m.start].split()
    return bool(words) and lexicon.initiative_kind(words[-1]) is not None and words[-1][:1].islower()


def _places(text: str, tokens: list[Token], actors: ActorFinder, taken: list[Mention]) -> list[Mention]:
    found = []
    for tok in tokens:
        municipality = actors.municipality_of_place(tok.text)
        if not municipality:
            continue
        m = Mention(municipality, "actor", tok.start, tok.end, tok.text, via="place")
        if not _overlaps(m, taken):
            found.append(m)
    return found


def _municipality_lists(text: str, tokens: list[Token], places: list[Mention],
                        actors: ActorFinder) -> tuple[list[Mention], list[Mention]]:
    """"A, B och Cs kommuner", "kommunerna A, B och C" and "samtliga kommuner i länet: A, B, …"
    name municipalities."""
    listed: list[Mention] = []
    rest = []
    for run in _runs(text, places):
        after = text[run[-1].end :]
        before = text[: run[0].start]
        plural = re.match(r"s?\s+kommuner(?:na)?\b", after)
        # "kommunerna A, B och C", "Höglandskommunerna A och B": the noun belongs to the list, so
        # the first item's span takes it (no separate "kommunerna" stands for all of the county's)
        noun = re.search(r"(?i)\b\w*kommunerna\s+$", before) or re.search(
            r"(?i)\b(?:(?:samtliga|alla|länets)\s+)?\w*kommuner(?:na)?(?:\s+i\s+länet)?\s*:\s*$", before)  # "samtliga kommuner i länet: A, B …"
        if plural or noun:
            listed += [Mention(p.id, "actor", p.start, p.end, p.text, via="municipality-list") for p in run]
            if noun:
                first = listed[-len(run)]
                listed[-len(run)] = Mention(first.id, "actor", noun.start(), first.end, text[noun.start() : first.end],
                                            via="municipality-list")
            if plural:  # the last item's span takes "kommuner", so the list ends where a verb may follow
                last = listed[-1]
                listed[-1] = Mention(last.id, "actor", last.start, last.end + plural.end(),
                                     text[last.start : last.end + plural.end()], via="municipality-list")
        elif len(run) == 1 and re.match(r"s?\s+kommun\b", after):
            m = re.match(r"s?\s+kommun\b", after)
            p = run[0]
            listed.append(Mention(p.id, "actor", p.start, p.end + m.end(), text[p.start : p.end + m.end()], via="municipality-list"))
        else:
            rest += run
    return listed, rest


def _runs(text: str, places: list[Mention]) -> list[list[Mention]]:
    """Places in a row, separated only by "," "och" "samt": "Älvkarleby, Tierp och Östhammar"."""
    runs: list[list[Mention]] = []
    for place in places:
        if runs and LIST_GAP.fullmatch(text[runs[-1][-1].end : place.start]):
            runs[-1].append(place)
        else:
            runs.append([place])
    return runs


def _elliptic_organisations(text: str, places: list[Mention], found: list[Mention], actors: ActorFinder,
                            lexicon: Lexicon) -> tuple[list[Mention], list[Mention]]:
    """"Lunds, Malmö och Linnéuniversitetet", "Umeå, Uppsala och Linköpings universitet": place
    names listed right before an organisation whose name ends in an organisation noun stand for
    that noun's organisation in each place, where the gazetteer knows one ("Lunds universitet").
    Not after a locative ("företag i Umeå och Luleå tekniska universitet")."""
    listed: list[Mention] = []
    rest: list[Mention] = []
    for run in _runs(text, places):
        last = next((m for m in sorted(found, key=lambda m: m.start) if m.start >= run[-1].end), None)
        before = text[: run[0].start].split()
        noun = lexicon.head(last.text.split()[-1]) if last else ""
        if not last or not LIST_GAP.fullmatch(text[run[-1].end : last.start]) \
                or noun not in lexicon.classes["organisation_noun"] \
                or (before and before[-1].lower() in lexicon.lists["locative"]):
            rest += run
            continue
        for place in run:
            genitive = place.text if place.text.endswith("s") else f"{place.text}s"
            actor_id = actors.resolve(f"{place.text} {noun}") or actors.resolve(f"{genitive} {noun}")
            if actor_id:
                listed.append(Mention(actor_id, "actor", place.start, place.end, place.text, via="elliptic-list"))
            else:
                rest.append(place)
    return listed, rest


def _collectives(tokens: list[Token], lexicon: Lexicon, taken: list[Mention]) -> list[Mention]:
    """"elva projekt", "tre av dem", "Nio regionala utvecklingsprojekt", "projekten": the
    projects of a decision or a programme as a group."""
    found = []
    for i, tok in enumerate(tokens):
        lower = tok.text.lower()
        if lexicon.head(lower) not in ("projekt", "insats", "satsning") or lower.endswith(("et", "en", "ets")) \
                and not lower.endswith(("projekten", "insatserna", "satsningarna")):
            continue  # singular definite "projektet" points at one project
        start = None
        for j in range(i - 1, max(-1, i - 4), -1):
            word = tokens[j].text.lower()
            if (word.isdigit() and not (j > 0 and tokens[j - 1].text.isdigit())) or word in NUMERAL_WORDS:
                start = j
                break
            if not word.isalpha():
                break
        if start is None and lower.endswith(("projekten", "insatserna", "satsningarna")):
            start = i
        if start is None:
            continue
        m = Mention("collective", "collective", tokens[start].start, tok.end,
                    " ".join(t.text for t in tokens[start : i + 1]))
        if not _overlaps(m, taken):
            found.append(m)
    return found
