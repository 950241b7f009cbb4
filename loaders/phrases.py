"""Phrases inside a clause: enumerations of actors, and the phrase that names what is financed.

An enumeration is a run of mentions joined by ", ", " och ", " samt ", "/" ("Vinnova, RISE
och Energimyndigheten"). A target phrase is what a slot of a rule names: a known initiative,
a project name after its noun ("projektet Klusterutveckling mellan industri och bioteknik"),
an activity ("en förstudie om grön vätgas", "två digitala servicepunkter i mindre orter"),
an organisation whose operations are financed, or a group of projects ("elva projekt").
A phrase stops at the words that end one (lexicon `boundaries`: "som", "där", "medan", …),
at punctuation, at an amount, at a verb of the lexicon, and at "och" that opens a new clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .actors import Mention
from .analysis import Analysis
from .words import Lexicon

SEPARATOR = re.compile(
    r"^\s*(?:,|/|och|samt|liksom|respektive|eller|såväl som|,\s*och|,\s*samt)(?:\s+kommunerna)?\s*$"
)  # "A, B och C", "Region Dalarna och kommunerna Leksand, Rättvik och Mora"
LIST_INTRO = re.compile(
    r"^\s*(?:(?:de|den|det|är|var|blir|bland\s+andra|bland\s+annat|bl\.a\.|t\.ex\.|till\s+exempel|både|flera|olika|övriga|"
    r"berörda|andra|såsom|som|exempelvis|även|också|själv|själva|dels|parterna|aktörerna|organisationerna|"
    r"(?:[a-zåäö]+)?(?:föreningen|inkubatorn|klustret|företaget|bolaget|stiftelsen|organisationen|myndigheten|"
    r"parten|aktörer|partners?|partnerna|deltagare|medlemmar|finansiärer|medfinansiärer))\s*[:,]?\s+){0,4}$",
    re.I,
)
PUNCTUATION_STOP = {",", ";", ":", ".", "!", "?", "(", ")", "[", "]"}
NAME_DASHES = {"–", "-", "—"}
CONNECTORS_AT_END = {"och", "i", "för", "av", "på", "med", "till", "–", "-", "—", "om", "inom", "samt", "kring", "vid", "hos"}


@dataclass(frozen=True)
class Target:
    """What a target slot found: an initiative id, an actor id, a phrase to make an
    initiative of, or the group of projects a decision names ("collective")."""

    kind: str  # initiative | actor | phrase | collective
    value: str
    start: int
    end: int
    initiative_kind: str = "activity"
    aliases: tuple[str, ...] = ()
    nyps: tuple[str, ...] = ()


# --- enumerations --------------------------------------------------------------------------
# "Jordbruksverket i Jönköping", "regionalfonden i Östra Mellansverige": where, not who
LOCATION_QUALIFIER = re.compile(r"^\s*i\s+[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+){0,2}(?:\s+län)?")


def is_separator(gap: str) -> bool:
    """The text between two items of one list: ", ", " och ", "/" — not mere whitespace
    ("regionen Ung Företagsamhets verksamhet" is no list)."""
    if gap and not gap.strip():
        return False
    gap = re.sub(r"\([^)]{1,40}\)", " ", gap)
    gap = LOCATION_QUALIFIER.sub(" ", gap)
    return bool(SEPARATOR.match(gap)) or not gap.strip()


def actors_in(a: Analysis, start: int, end: int, places: bool) -> list[Mention]:
    found = [m for m in a.actors if start <= m.start and m.end <= end]
    if places:
        found += [p for p in a.places if start <= p.start and p.end <= end and not _locative_before(a, p)
                  and not _inside_name(a, p)]
    return sorted(found, key=lambda m: m.start)


def _inside_name(a: Analysis, m: Mention) -> bool:
    """"Compare Karlstad", "Borås Energi och Miljö AB": a place next to a capitalised word (not
    at the start of the sentence) is part of a name, not its municipality."""
    before = a.text[: m.start].split()
    after = a.text[m.end :].split()
    capital_before = bool(before) and before[-1][:1].isupper() and before[-1][-1:].isalnum() \
        and before[-1].lower() not in LOCATIVES | {"även", "också", "dessutom", "inom"}
    capital_after = bool(after) and after[0][:1].isupper() and after[0].rstrip(".,;:") not in ("Region", "Länsstyrelsen")
    return capital_before or capital_after


def _locative_before(a: Analysis, m: Mention) -> bool:
    """A place after "i", "på", … is a place; so is every place of a list after one ("i Sandviken
    och Hofors")."""
    words = a.text[: m.start].split()
    while len(words) >= 2 and words[-1].lower() in ("och", "samt", "eller") or (words and words[-1].endswith(",")):
        if words[-1].endswith(",") and words[-1] != ",":
            words[-1] = words[-1].rstrip(",")
            if words[-1] in a.text and any(p.text == words[-1] for p in a.places):
                words.pop()
                continue
            break
        words.pop()
        if words and any(p.text == words[-1] for p in a.places):
            words.pop()
        else:
            break
    return bool(words) and words[-1].lower() in LOCATIVES


LOCATIVES = {"i", "på", "inom", "mot", "runt", "utanför", "hela", "kring", "över", "vid", "ur", "mellan", "till", "från", "av"}


PARTY_INTRO_END = re.compile(r"(?:[:–—-]|\b(?:som|såsom|t\.\s?ex\.|exempelvis|bland\s+annat|bland\s+andra|bl\.\s?a\.))\s*$", re.I)


def party_intro(gap: str) -> bool:
    """A phrase of a few words that names the kind of parties a list holds and then opens it:
    "flera andra lärosäten – som", "en rad organisationer såsom", "sex företagsfrämjande
    aktörer:" (the party nouns are the lexicon's `party_noun` class)."""
    from .words import get_lexicon

    if not PARTY_INTRO_END.search(gap):
        return False
    words = re.findall(r"[^\W\d_]+", PARTY_INTRO_END.sub("", gap))
    lexicon = get_lexicon()
    party = next((k for k, w in enumerate(words) if "party_noun" in lexicon.classes_of(w.lower())), None)
    # the party noun ends the phrase, a few modifiers before it, no preposition: the list is its own
    # ("kontakt med en rad organisationer såsom A" is a list of "med", read by that cue)
    return party == len(words) - 1 and party <= 4 and all(w[:1].islower() and w not in PREPOSITIONS for w in words)


def run_after(a: Analysis, pos: int, end: int, places: bool = True, intro: re.Pattern = LIST_INTRO) -> list[Mention]:
    """The enumeration of actors that starts right after `pos` ("med A, B och C", "med flera
    andra lärosäten – som A, B och C")."""
    following = actors_in(a, pos, end, places)
    if not following:
        return []
    gap = a.text[pos : following[0].start]
    if not intro.match(gap) and not party_intro(gap):
        return []
    run = [following[0]]
    for m in following[1:]:
        gap = a.text[run[-1].end : m.start]
        if m.start < run[-1].end:
            if m.id != run[-1].id:
                run.append(m)  # one phrase that stands for several ("de tre kommunerna")
            continue
        if not is_separator(gap):
            break
        run.append(m)
    return _unique(run)


def enumerations(a: Analysis, mentions: list[Mention]) -> list[list[Mention]]:
    """The mentions grouped into runs joined by list separators ("A, B och C" is one run)."""
    runs: list[list[Mention]] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if runs and m.start >= runs[-1][-1].end and is_separator(a.text[runs[-1][-1].end : m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


PREPOSITIONS = LOCATIVES | {"för", "med", "hos", "genom", "via", "enligt", "bakom", "under", "efter", "om", "åt", "förutom", "utöver"}


def run_before(a: Analysis, pos: int, start: int, gap_words: frozenset[str], places: bool = True) -> list[Mention]:
    """The enumeration of actors that ends shortly before `pos` (the subject). An enumeration
    after a preposition is no subject ("Inom Regionalfonden står …")."""
    preceding = actors_in(a, start, pos, places)
    if len(preceding) >= 2 and a.text[preceding[-1].end : pos].lstrip().startswith(",") \
            and a.text[preceding[-2].end : preceding[-1].start].strip() == ",":
        # "A och Uppsala universitet, Campus Gotland, har …": a name set off by commas is an
        # apposition of the one before it, not another party
        pos = len(a.text[: preceding[-1].start].rstrip().rstrip(","))  # where the apposition's comma opens
        preceding = preceding[:-1]
    if not preceding:
        return []
    gap = a.text[preceding[-1].end : pos]
    if not is_subject_gap(gap, gap_words):
        return []
    run = [preceding[-1]]
    for m in reversed(preceding[:-1]):
        if m.end > run[0].start:
            if m.id != run[0].id:
                run.insert(0, m)
            continue
        if not is_separator(a.text[m.end : run[0].start]):
            break
        run.insert(0, m)
    words = a.text[: run[0].start].split()
    if words and words[-1].lower() in PREPOSITIONS:
        return []
    return _unique(run)


# When, between a subject and its verb: "under 2021", "på tisdagen", "i början av 2022",
# "sedan flera år", "år 2020", "2019–2021"
MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
DAYS = "måndagen|tisdagen|onsdagen|torsdagen|fredagen|lördagen|söndagen"
TIME_ADVERBIAL = re.compile(
    rf"(?i)(?<!\w)(?:(?:under|i|på|sedan|efter|från|år)\s+)?"
    rf"(?:(?:hela|början av|slutet av|mitten av|våren|hösten|sommaren|vintern|fjol|{MONTHS}|{DAYS}"
    rf"|flera år|många år|\d{{4}}(?:\s*[–-]\s*\d{{2,4}})?)\s*)+(?!\w)")


def is_subject_gap(gap: str, gap_words: frozenset[str]) -> bool:
    """Between a subject and its verb: nothing, or words such as "har också", "är själv", a
    time ("har Region X under 2021 finansierat"), or an apposition set off by commas
    ("Vinnova, en av Science Parks finansiärer, tilldelar")."""
    gap = re.sub(r"^\s*,[^,]{1,80},", " ", gap)  # an apposition
    gap = re.sub(r"\([^)]{0,40}\)", " ", gap)
    gap = LOCATION_QUALIFIER.sub(" ", gap)
    gap = TIME_ADVERBIAL.sub(" ", gap)
    gap = re.sub(r"(?i)\b(?:en|ett)\s+(?:ut)?av\s*$", " ", gap)  # "A är en av medfinansiärerna"
    words = gap.split()
    if len(words) > 6:
        return False
    return all(w.lower().strip(",") in gap_words for w in words)


def _unique(run: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in run:
        if m.id not in seen:
            seen.add(m.id)
            out.append(m)
    return out


# --- target phrases ------------------------------------------------------------------------
class PhraseReader:
    """Reads target phrases in one analysed sentence."""

    def __init__(self, a: Analysis, lexicon: Lexicon, places: frozenset[str] = frozenset()):
        self.a = a
        self.lexicon = lexicon
        self.tokens = a.tokens
        self.places = places

    def word(self, i: int) -> str:
        return self.tokens[i].text.lower() if i < len(self.tokens) else ""

    def _mention_at(self, mentions: list[Mention], i: int) -> Mention | None:
        char = self.tokens[i].start
        return next((m for m in mentions if m.start == char), None)

    def skip_fillers(self, i: int, stop: int) -> int:
        """Past determiners, numerals before more words, adverbs, amounts and their units,
        "i EU-medel", "i medfinansiering", "per år", "nästa år"."""
        lex = self.lexicon
        while i < stop:
            w = self.word(i)
            if self._mention_at(self.a.actors, i) or self._mention_at(self.a.initiatives, i):
                return i  # "Hela Sverige ska leva": a name that opens with a filler word
            if i in self.a.amount_ends:
                i = self.a.amount_ends[i]
                continue
            if w in lex.lists["determiners"] and not self._starts_collective(i):
                i += 1
                continue
            if w in ("i", "ur") and i + 1 < stop and (lex.is_a(self.word(i + 1), "funding_noun") or
                                                    (i + 2 < stop and lex.is_a(self.word(i + 2), "funding_noun"))):
                i += 2 if lex.is_a(self.word(i + 1), "funding_noun") else 3
                continue
            if w in ("per", "nästa", "varje", "om") and self.word(i + 1) in ("år", "året", "månad"):
                i += 2
                continue
            if w in ("tillsammans", "gemensamt", "ihop") and self.word(i + 1) == "med":
                partners = run_after(self.a, self.tokens[i + 1].end, self.a.char_of(stop) if stop < len(self.tokens) else len(self.a.text))
                i = self.a.token_index(partners[-1].end - 1) + 1 if partners else i + 2
                continue  # "finansierar tillsammans med regionen X": past the partners to X
            if w in ("årligen", "kronor", "kr", "motsvarande", "belopp") or w in lex.lists["adverbs"]:
                i += 1
                continue
            break
        return i

    def _starts_collective(self, i: int) -> bool:
        return any(c.start == self.tokens[i].start for c in self.a.collectives)

    def end_of_phrase(self, i: int, stop: int, named: bool, single: bool = False) -> int:
        """Where a phrase starting at token i ends (exclusive)."""
        lex = self.lexicon
        j = i
        while j < stop and j - i < 16:
            tok = self.tokens[j].text
            w = tok.lower()
            if j > i and (j in self.a.amount_ends):
                break
            if tok in PUNCTUATION_STOP:
                break
            if tok in NAME_DASHES and not named and not (
                    j > i and self.tokens[j - 1].end == self.tokens[j].start and self.word(j + 1) in ("och", "eller", ",")):
                break  # "el- och automationsutbildning" keeps its dash
            if j > i and w == "som" and self._as_noun(j, named):
                j += 2  # "en tjänst som samverkanskoordinator", "kulturmiljöer som besöksmål": "as"
                continue
            if j > i and w in lex.lists["boundaries"]:
                break
            if j > i and w == "för" and self.word(j + 1) == "att":
                break
            if j > i and w in ("under", "sedan", "fram", "från") and (self.is_time(j + 1) or w == "sedan"):
                break
            if j > i and w == "med" and (j + 1 in self.a.amount_ends or lex.is_a(self.word(j + 1), "funding_noun")
                                         or self.word(j + 1) in ("egen", "egna", "motsvarande", "ekonomiskt")):
                break
            if j > i and w == "och" and self._opens_clause(j + 1, stop, named and not single):
                break
            if j > i and w in ("inom", "i") and self._frame_at(j):
                break
            if j > i and self._is_verb(j, named) and not (named and tok[:1].isupper()):
                break
            if named and j > i and self._verb_before_object(j):
                break  # "Projektet Lärande Lappland startade i mars", "X samlar fyra länder"
            if named and j > i and w in lex.lists["adverbs"]:
                break  # "kan testbädden Drönarkorridor Östergötland nu starta"
            if j > i and self._mention_starts(j, self.a.actors) and self.word(j - 1) in ("och", ",", "samt"):
                break
            j += 1
        while j > i and self.word(j - 1) in CONNECTORS_AT_END:
            j -= 1
        return j

    def _as_noun(self, j: int, named: bool) -> bool:
        """"som" meaning "as" before a bare noun: after a post ("en tjänst som samordnare"), or
        before a noun that ends the phrase ("kulturmiljöer som besöksmål, med …"); a relative
        "som" is followed by a verb or a subject ("som stöttar byalag", "som regionen driver")."""
        nxt = self.tokens[j + 1 : j + 2]
        if not nxt or not nxt[0].text.isalpha() or not nxt[0].text.islower():
            return False
        w = nxt[0].text.lower()
        if w in self.lexicon.lists["determiners"] or self._is_verb(j + 1, named):
            return False
        if self.word(j - 1) in self.lexicon.lists["position_nouns"]:
            return True
        after = self.word(j + 2)
        return not re.search(r"(?:r|t|de|te|s)$", w) and (after in (",", ".", ";", "") or after in PREPOSITIONS)

    def _verb_before_object(self, j: int) -> bool:
        """A lowercase word that reads as a verb: a past tense ("startade"), or a present tense
        followed by a determiner, a number, a preposition or a time ("samlar fyra länder")."""
        w = self.word(j)
        if not w.isalpha() or not self.tokens[j].text.islower():
            return False
        if w in self.lexicon.lists["name_ending_verbs"]:
            return True  # "Solkraft Dala uppgår till 1,5 mnkr"
        nxt = self.word(j + 1)
        if w.endswith(("ade", "ades", "dde", "tte")) and len(w) > 5:
            return nxt in PREPOSITIONS or nxt in self.lexicon.lists["determiners"] or self.is_time(j + 1)
        return w.endswith(("ar", "er")) and len(w) > 4 and (
            nxt in self.lexicon.lists["numerals"] or nxt.isdigit() or nxt in ("en", "ett", "de", "det", "den"))

    def is_time(self, i: int) -> bool:
        """A year ("2024", "2021–2022"), a time noun ("perioden", "året"), or a count of them
        ("två år", "tre månader", "18 månader")."""
        w = self.word(i)
        if re.fullmatch(r"(19|20)\d\d(?:[–-](19|20)?\d\d)?", w):
            return True
        if re.match(r"(19|20)\d\d-\d\d-\d\d", w):
            return True  # "för perioden 2024-04-01–2026-03-31"
        if (w in self.lexicon.lists["numerals"] or w.isdigit()) and self.lexicon.is_a(self.word(i + 1), "time_noun"):
            return True
        return self.lexicon.is_a(w, "time_noun") or w in ("året", "hösten", "våren", "perioden")

    def _frame_at(self, j: int) -> bool:
        rest = " ".join(t.text.lower() for t in self.tokens[j : j + 4])
        return any(rest.startswith(f) for f in self.lexicon.frames)

    def _mention_starts(self, j: int, mentions: list[Mention]) -> bool:
        return self._mention_at(mentions, j) is not None

    def _opens_clause(self, j: int, stop: int, named: bool) -> bool:
        """"… och Blue Science Park AB 7 miljoner kronor för …", "… och regionen medfinansierar":
        "och" followed by a party (and then a verb, an amount or "för") opens a new clause; in a
        name, "och" before a capitalised word that is no place opens the next list item."""
        if j >= stop:
            return True
        if self._mention_starts(j, self.a.actors):
            return True
        place = self._mention_at(self.a.places, j)
        if place:  # "… och Eskilstuna deltar" opens a clause; "… i Östergötland och Örebro län" does not
            after = self.a.token_index(place.end - 1) + 1
            return after >= stop or after in self.a.amount_ends or self.word(after) in ("för", ",") \
                or self._is_verb(after, False)
        w = self.word(j)
        if w in self.lexicon.actor_anaphora:
            return True
        if named:
            tok = self.tokens[j].text
            if tok[:1].isupper() and not self._mention_starts(j, self.a.places) and not self._is_place(tok):
                return True
        return False

    def _is_place(self, word: str) -> bool:
        return word in self.places or word.rstrip("s") in self.places

    def _is_verb(self, j: int, named: bool) -> bool:
        """A finite verb of the lexicon (or any verb-looking word after a lowercase phrase)."""
        lex = self.lexicon
        w = self.word(j)
        for cls in ("finance_verb", "grant_verb", "invest_verb", "receive_verb", "contribute_verb", "share_verb",
                    "lead_verb", "participate_verb", "collaborate_verb", "copula", "auxiliary", "responsible_verb"):
            if lex.is_a(w, cls) and lex.lemma(w) != w:
                return True
        if w in ("är", "har", "ska", "kan", "var", "blir", "blev", "hade", "kommer", "står", "får", "fick"):
            return True
        if lex.is_a(w, "common_verb"):
            # present and past tense only: "sker", "skedde", "gav"; "stärkt", "utvecklad" describe a noun
            return lex.lemma(w) != w and (w.endswith(("r", "de", "te")) or not w.endswith(("t", "d", "da", "na")))
        lemma = lex.forms.get(w)  # any inflected verb the lexicon knows ("bedrivits", "genomförs")
        return bool(lemma) and lemma != w and lemma.endswith("a") and not w.endswith(("ande", "ende"))

    def capture(self, i: int, stop: int, allow_phrase: bool = True) -> Target | None:
        """The target that starts at token i (after fillers)."""
        i = self.skip_fillers(i, stop)
        named = i < stop and (self._mention_at(self.a.actors, i) or self._mention_at(self.a.initiatives, i))
        if i >= stop or self.word(i) in PREPOSITIONS and not named:
            return None  # "Inom jämställdhetsområdet …": an adverbial, not a target ("Hela Sverige ska leva" is a name)
        start_char = self.tokens[i].start
        collective = next((c for c in self.a.collectives if c.start == start_char), None)
        if collective:
            return Target("collective", "collective", collective.start, collective.end)
        initiative = self._mention_at(self.a.initiatives, i)
        if initiative:
            return Target("initiative", initiative.id, initiative.start, initiative.end)
        actor = self._mention_at(self.a.actors, i)
        if actor and actor.text.endswith(("s", ":s")) and not self.lexicon.lists["boundaries"] & {self.word(i + 1)} \
                and self.a.token_index(actor.end - 1) + 1 < stop:
            after = self.a.token_index(actor.end - 1) + 1
            nxt = self.tokens[after].text
            if nxt.isalpha() and nxt.islower() and nxt not in PREPOSITIONS and nxt not in self.lexicon.lists["determiners"] \
                    and not self._is_verb(after, False):
                return self._activity(i, stop, "activity", owner=True)  # "Movexums inkubatorprogram": the owner's thing
        if actor:
            return Target("actor", actor.id, actor.start, actor.end)
        tok = self.tokens[i].text
        quantity = self.lexicon.is_a(tok, "share_adjective") or tok.lower() in self.lexicon.lists["numerals"] or tok.isdigit()
        if self.lexicon.is_a(tok, "share_noun") or (quantity and i + 1 < stop
                                                    and self.lexicon.is_a(self.tokens[i + 1].text, "share_noun")):
            # "Resterande del finansieras av …", "Resten", "Två tredjedelar av budgeten kommer
            # från …": a share of the thing named before
            return None
        kind = self.lexicon.initiative_kind(tok)
        named_after = self._mention_at(self.a.initiatives, i + 1) if kind and i + 1 < stop else None
        if named_after:  # "projektet Leader Linné", a name known as an initiative
            return Target("initiative", named_after.id, self.tokens[i].start, named_after.end)
        if kind and tok[:1].isupper() and i > 0 and i + 1 < stop and self.name_starts(i + 1) \
                and tok.lower() not in self.lexicon.initiative_anaphora:
            named = self.read_name(i, stop)  # "medfinansierar Testmiljö Rymd": the capitalised kind noun is the name's
            return named and Target("phrase", named[0], start_char, named[1], kind, named[2], named[3])
        if kind and i + 1 < stop and self.name_starts(i + 1):
            # after a singular noun ("projektet Social Inkludering och Tillväxt") one name, not a list
            named = self.read_name(i + 1, stop, single=not tok.lower().endswith(("na", "projekten")))
            return named and Target("phrase", named[0], self.tokens[i].start, named[1], kind, named[2], named[3])
        if kind and tok[:1].isupper() and tok.lower() not in self.lexicon.initiative_anaphora \
                and self.lexicon.lemma(tok) != self.lexicon.head(tok):
            named = self.read_name(i, stop)  # "Närvaroprojektet – alla barn i skolan": a compound that is a name
            return named and Target("phrase", named[0], start_char, named[1], kind, named[2], named[3])
        if kind:
            return self._after_kind_noun(i, stop, kind)
        if tok[:1] in "”\"“":
            named = self.read_name(i, stop)
            return named and Target("phrase", named[0], start_char, named[1], "project", named[2], named[3])
        if tok[:1].isupper() or tok[:1].isdigit():
            named = self.read_name(i, stop)
            return named and Target("phrase", named[0], start_char, named[1], "project", named[2], named[3])
        if not allow_phrase:
            return None
        return self._activity(i, stop, "activity")

    def actor_at(self, i: int) -> bool:
        return self._mention_at(self.a.actors, i) is not None

    def name_starts(self, i: int) -> bool:
        first = self.tokens[i].text[:1]
        return first.isupper() or first in "”\"“" or (first.isdigit() and i not in self.a.amount_ends)

    def _after_kind_noun(self, i: int, stop: int, kind: str) -> Target | None:
        """"projektet X", "förstudien om Y", "pilotprojektet arbetsplatsintegrerat lärande"."""
        nxt = self.word(i + 1)
        definite = self.lexicon.lemma(self.tokens[i].text) != self.tokens[i].text.lower()
        if (i + 1 >= stop or self.tokens[i + 1].text in PUNCTUATION_STOP) and definite:
            return None  # a bare "projektet": an anaphor, resolved elsewhere
        if definite and self.lexicon.is_passive(self.tokens[i + 1].text):
            return None  # "Satsningen leds av A och finansieras av B": the subject, an anaphor, before its verb
        if nxt in ("om", "för", "kring", "inom", "av", "på", "med", "i", "till", "kopplad", "kopplat"):
            return self._activity(i, stop, kind)
        if self.tokens[i + 1].text[:1].islower() and self.lexicon.lemma(self.tokens[i].text) != self.tokens[i].text.lower():
            end = self.end_of_phrase(i + 1, stop, named=False)
            if end > i + 1:
                name = self.a.text[self.tokens[i + 1].start : self.tokens[end - 1].end]
                return Target("phrase", name[:1].upper() + name[1:], self.tokens[i].start, self.tokens[end - 1].end, kind)
        return self._activity(i, stop, kind)

    def _activity(self, i: int, stop: int, kind: str, owner: bool = False) -> Target | None:
        if self.word(i) in PREPOSITIONS:
            return None  # "ur Regionalfonden till …": no noun phrase starts with a preposition
        end = self.end_of_phrase(i + 1 if owner else i, stop, named=False)
        if end <= i:
            return None
        inner = self._process_of(i, end, stop)
        if inner:
            return inner
        words = [t.text for t in self.tokens[i:end]]
        content = [w for w in words if w.lower() not in self.lexicon.lists["determiners"]
                   and w.lower() not in PREPOSITIONS and re.search(r"[a-zåäöA-ZÅÄÖ]", w)]
        if not content or all(self.lexicon.is_a(w, "funding_noun") or self.lexicon.is_a(w, "time_noun") for w in content):
            return None
        if len(content) == 1 and self.lexicon.is_a(content[0], "generic_noun"):
            return None  # "insatser", "projekt": a placeholder, not a name
        if any(self.lexicon.lemma(w) in self.lexicon.lists["not_financed"] for w in content[:1]) \
                or any(w.lower() in self.lexicon.lists["not_financed"] for w in content):
            return None  # "exempel i form av …", "samarbete med B", "på följande fyra områden"
        head_at = next(k for k in range(i, end) if self.tokens[k].text == content[0])
        if self.lexicon.is_a(content[0], "funding_noun") and (head_at + 1 >= end or self.word(head_at + 1) in
                                                              ("från", "av", "ur", "inom", "utifrån")):
            return None  # "projektmedel från Tillväxtverket": the money, not what it pays for
        end = self._without_trailing_place(i, end)
        text = self.a.text[self.tokens[i].start : self.tokens[end - 1].end]
        before_preposition = []
        for w in words:
            if w.lower() in PREPOSITIONS:
                break
            before_preposition.append(w)
        if self.lexicon.instrument(text) and any(self.lexicon.is_a(w, "funding_noun") for w in before_preposition):
            return None  # "1:1-medel", "statliga medel för regional utveckling": how it was paid, not what
        return Target("phrase", text, self.tokens[i].start, self.tokens[end - 1].end, kind)

    def _without_trailing_place(self, i: int, end: int) -> int:
        """"rådgivningen hos Nyföretagarcentrum i Västra länsdelen": where, not what."""
        for j in range(end - 1, i + 1, -1):
            if self.word(j) == "i" and all(t.text[:1].isupper() or t.text.lower() in ("län", "länsdelen")
                                          for t in self.tokens[j + 1 : end]) and j + 1 < end:
                return j
        return end

    def group_phrase(self, group: Target) -> Target | None:
        """A group of projects as an activity, when it says more than a number ("Fyra pågående
        ERUF-projekt inom tematiska mål 3" -> "ERUF-projekt inom tematiska mål 3")."""
        i = self.a.token_index(group.start)
        while i < len(self.tokens) and (self.word(i) in self.lexicon.lists["numerals"] or self.word(i).isdigit()
                                        or self.word(i) in self.lexicon.lists["determiners"]):
            i += 1
        if i >= len(self.tokens):
            return None
        found = self._activity(i, len(self.tokens), "activity")
        return found if found and found.end > group.end else None

    def _process_of(self, i: int, end: int, stop: int) -> Target | None:
        """"etableringen av projektet ”X”", "arbetet med det regionala serviceprogrammet": a
        process noun and what it works on; what is meant is the thing worked on."""
        for j in range(i + 1, min(end + 3, stop)):
            if self.word(j - 1) in ("av", "med", "kring", "inom") or self.lexicon.initiative_kind(self.tokens[j - 1].text):
                initiative = self._mention_at(self.a.initiatives, j)
                if initiative and j - i <= 4:
                    return Target("initiative", initiative.id, initiative.start, initiative.end)
        if self.word(i) in self.lexicon.lists["process_nouns"] and self.word(i + 1) in ("med", "av", "kring"):
            return self.capture(i + 2, stop)
        return None

    def read_name(self, i: int, stop: int, single: bool = False) -> tuple[str, int, tuple[str, ...], tuple[str, ...]] | None:
        """A proper name from token i: quoted, or up to the phrase's end. Returns the name, its
        end offset, an abbreviation in brackets after it, and project ids next to it."""
        text = self.a.text
        tok = self.tokens[i].text
        if tok[:1] in "”\"“":
            close = re.match(r"[”\"“]([^”\"“]{2,90})[”\"“]", text[self.tokens[i].start :])
            if close:
                name = close.group(1).strip()
                return name, self.tokens[i].start + close.end(), (), self._ids_after(self.tokens[i].start + close.end())
        end = self.end_of_phrase(i, stop, named=True, single=single)
        if end <= i:
            return None
        name = text[self.tokens[i].start : self.tokens[end - 1].end].strip(" –-")
        end_char = self.tokens[end - 1].end
        abbreviation = re.match(r"\s*\(([A-ZÅÄÖ][A-ZÅÄÖ0-9&-]{1,9})\)", text[end_char:])
        aliases = (abbreviation.group(1),) if abbreviation else ()
        if abbreviation:
            end_char += abbreviation.end()
        return name, end_char, aliases, self._ids_after(end_char)

    def _ids_after(self, pos: int) -> tuple[str, ...]:
        """"(Nyps 20201902)", ", Nyps: 209206", "(dnr 2019-123)" right after a name."""
        m = PROJECT_ID_AFTER.match(self.a.text[pos:])
        return tuple(x.strip() for x in m.group(1).split(",")) if m else ()


PROJECT_ID_AFTER = re.compile(
    r"\s*[(,]?\s*(?:Nyps|NYPS|Projektnummer|Journalnummer|Ärendenummer|Diarienummer|dnr|Dnr|id)\.?\s*:?\s*"
    r"(\d[\d-]{3,}\d(?:\s*,\s*\d[\d-]{3,}\d)*)"
)
