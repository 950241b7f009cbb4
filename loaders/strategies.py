"""How a rule fills its slots: the small, named set of strategies the rule files choose from.

A rule says, for each fact it makes, where the source (an actor) and the target (what is
financed, led or taken part in) are found relative to its cue, as an ordered list of
strategy names; the first strategy that finds something wins. The strategies:

sources (actors)
  subject       the enumeration just before the cue ("Vinnova och RISE medfinansierar"), or
                right after the verb when something else opens the clause ("I X bidrar A med")
  subject_new   the same, and an unknown capitalised name there becomes a new actor
  agent         the enumeration right after the cue ("finansieras av A och B")
  agent_new     the same, and unknown capitalised names there become new actors
  agent_after   actors after "av" later in the clause
  genitive      the actor whose genitive stands right before the cue ("Regionens medfinansiering av X")
  agents_new    the names after each "av" of the clause, new ones becoming actors ("finansieras av
                A med 1 mnkr och av Kempestiftelserna", "av Region X, Södra Skogsägarna och Y")
  after_copula  actors after "är" later in the clause ("Medfinansiärer i projektet X är A och B")
  from          after "från"/"ur" later in the clause ("får 2 mnkr från Tillväxtverket")
  from_new      the same, and unknown capitalised names there become new actors
  via_new       names after "via" or "genom" later in the clause ("finansieringen sker via A och B")
  with          after "tillsammans med", "gemensamt med" anywhere in the clause
  recipient     an actor after "till" ("beviljar stöd till Västra Götalandsregionen")
  through       after "genom" right after the cue ("medverkar genom Skånes universitetssjukhus")
  listed        the enumeration after a colon ("aktörer: A, B och C")
  antecedent_actor  the actor a relative clause points back at ("regionen, som står för")
  fronted_fund  an EU fund that opens the sentence ("Inom Socialfonden är …")
  region        the reporting region (reports only: the implicit party of section 3)
  counterpart   the party the report section is about (3.1 länsstyrelsen, 3.3 kommunerna)
  together_counterpart  the counterpart, when the clause says "tillsammans" without naming anyone
  programme     the funders of the projects a decision named before ("beviljades elva projekt …")
  among_them    the named ones after "bland dem" ("Sju företag medfinansierar X, bland dem A och B")
  within        an EU programme after "inom" ("får finansiering inom Interreg X")
  eu_funds      "i EU-medel": the EU programme named in the sentence or just before, else the structural funds
targets (what)
  object        the phrase right after the cue (or after an inverted subject)
  for           after "för", "till" or "på" later in the clause
  in            after "i" or "inom" later in the clause
  in_named      the same, a named initiative only
  of            after "av" following a share or cost noun ("hälften av kostnaden för X")
  subject_thing the initiative before the cue, or a name opening the clause
  antecedent    the initiative a relative clause points back at ("X, som finansieras av")
  fronted       an initiative opening the sentence ("I projektet X … är A Lead Partner")
  clause_fronted  an initiative after a preposition opening the clause ("…, och för X står A för …")
  group_listed  the initiatives named after a colon that follows a group ("tre projekt …: A, B och C")
  fronted_new   the same, and a name opening the sentence becomes an initiative ("I ReproUnion, som …")
  after_thing   an initiative or group right after a passive verb ("I juni beviljades elva projekt")
  topic         the initiative the paragraph is about ("Projektet", or no word at all)
  previous      what the clause before in the same sentence had as its target
  section_area  in a report, money without a named target: the section's title as an area
  areas         the areas listed after "inom områdena" in the clause
  partners      actors right after the cue, as targets ("samverkan med A och B")
  subject_actors  the subject's actors, as targets: each pair of them ("A och B samverkar")
  subject_organisation  the subject actor as what is financed: its operations
  recipient_organisation  the recipient of a grant as what is financed: its operations
  listed_organisations  organisations listed after a colon, as what is financed
  subject_known a known initiative or group before the cue (no new names)
  relative_object  the antecedent of "X, som A medfinansierar" (the relative pronoun is the object)
  collective_after a group of projects after the cue ("prioriterade fyra projekt")
  after_verb    the object of the verb after the cue and its partners ("tillsammans med A genomfört X")
  sentence_initiative  the one initiative the sentence names
  later_initiative  the first initiative named after the cue ("I samverkan med A har projektet X …")
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from .actors import ActorFinder, Mention
from .analysis import Analysis
from .clauses import Clause, is_finite_verb
from .discourse import Discourse
from .phrases import PREPOSITIONS, PhraseReader, Target, is_subject_gap, run_after, run_before
from .words import Lexicon

FROM = {"från", "ur"}
WITH_PHRASES = ("tillsammans med", "gemensamt med", "ihop med", "i samarbete med", "i samverkan med", "jämte")
FOR = {"för", "till", "på"}
IN = {"i", "inom"}
FRONTING = {"i", "inom", "bland", "för"}
CAPITALISED_NAME = re.compile(r"^[A-ZÅÄÖ0-9][\w&.+:'-]*(?:\s+[\w&.+:'–-]+){0,7}$")


@dataclass
class Slots:
    """One cue match and everything its strategies may look at."""

    a: Analysis
    clause: Clause
    clauses: list[Clause]
    cue_start: int  # token index
    cue_end: int  # token index (exclusive)
    lexicon: Lexicon
    discourse: Discourse
    actors: ActorFinder
    reader: PhraseReader
    region_id: str | None
    is_report: bool
    counterpart_id: str | None
    section_title: str = ""
    previous_targets: list[Target] = field(default_factory=list)
    remembered: bool = False  # a group of projects' funders were remembered for what follows
    found_sources: dict[int, list[str]] = field(default_factory=dict)  # per fact of the rule
    inherited: dict[int, list[str]] = field(default_factory=dict)  # a gapped clause's sources, from the clause before
    clause_has_facts: bool = False  # an earlier rule already read this clause

    @property
    def text(self) -> str:
        return self.a.text

    def char(self, token: int) -> int:
        return self.a.char_of(token)

    @property
    def clause_start_char(self) -> int:
        return self.char(self.clause.start)

    @property
    def clause_end_char(self) -> int:
        return self.a.tokens[self.clause.end - 1].end if self.clause.end > 0 else 0

    def words(self, lo: int, hi: int) -> list[str]:
        return [t.text.lower() for t in self.a.tokens[lo:hi]]


# --- sources -------------------------------------------------------------------------------
def _ids(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.id for m in mentions))


def subject(s: Slots) -> list[str]:
    pos = _before_partners(s, s.char(s.cue_start))
    before = run_before(s.a, pos, s.clause_start_char, s.lexicon.lists["subject_gap"]) or _subject_of_noun_cue(s, pos)
    if before:
        return _ids(before)
    organ = _organ_of(s)
    if organ:
        return [organ]
    inverted = _inverted(s)
    if inverted:
        return _ids(inverted)
    ante = s.clause.antecedent(s.a, "actor")
    if s.clause.connector == "som" and ante and s.cue_start <= s.clause.start + 3:
        return [ante]
    return []


def _subject_of_noun_cue(s: Slots, pos: int) -> list[Mention]:
    """"Regionen har lämnat särskilt driftstöd till …", "A och regionen ger tillsammans ett årligt
    verksamhetsbidrag till …": a cue that is a noun has its verb before it, and the subject
    stands before the verb (a finite verb or auxiliary, then at most three lowercase words)."""
    if is_finite_verb(s.a.tokens[s.cue_start].text, s.lexicon):
        return []  # a verb cue has its subject right before it (run_before)
    preceding = [m for m in s.a.actors if s.clause_start_char <= m.start and m.end <= pos]
    if not preceding:
        return []
    words = s.text[preceding[-1].end : pos].split()
    lists = s.lexicon.lists
    past = re.fullmatch(r"[a-zåäö]{3,}(?:ade|de|te)", words[0]) if words else None  # "Regionen lämnade ett bidrag"
    if not 2 <= len(words) <= 5 or not (is_finite_verb(words[0], s.lexicon) or past or words[0].lower() in lists["subject_gap"]):
        return []
    if any(not w.isalpha() or not w.islower() or w in PREPOSITIONS or w in lists["boundaries"] for w in words[1:]):
        return []
    return run_before(s.a, preceding[-1].end, s.clause_start_char, lists["subject_gap"])


def _before_partners(s: Slots, pos: int) -> int:
    """"A har tillsammans med B finansierat X": the subject stands before the partners, so look
    for it from where "tillsammans med B" starts."""
    lower = s.text.lower()
    for phrase in WITH_PHRASES:
        at = lower.rfind(phrase, s.clause_start_char, pos)
        if at < 0:
            continue
        partners = run_after(s.a, at + len(phrase), pos)
        if partners and not s.text[partners[-1].end : pos].strip(" ,") or (
                partners and all(w.lower() in s.lexicon.lists["subject_gap"] for w in s.text[partners[-1].end : pos].split())):
            return at
    return pos


def _inverted(s: Slots) -> list[Mention]:
    """V2 inversion: a fronted adverbial, the verb, then the subject ("I Klimatsmart Bergslagen
    bidrar Hjälmarbiogas AB med …", "Dessutom stöttar regionförbundet X med …")."""
    if s.cue_start > s.clause.start and s.a.tokens[s.cue_start - 1].text.lower() != "att" \
            and not [m for m in s.a.actors if s.clause_start_char <= m.start < s.char(s.cue_start)
                     and not _after_preposition_word(s.a, m)]:
        return run_after(s.a, s.a.tokens[s.cue_start].end, s.clause_end_char, intro=_REPRESENTED)
    return []


def _organ_of(s: Slots) -> str | None:
    """"Regionala utvecklingsnämnden i Region Dalarna har beslutat …", "Styrkommittén för Interreg
    Sverige-Norge prioriterade …": an organ of an actor acts for it."""
    lo, hi = s.clause_start_char, s.char(s.cue_start)
    for m in s.a.actors:
        if not (lo <= m.start and m.end <= hi):
            continue
        words = s.text[lo : m.start].split()
        if len(words) >= 2 and words[-1].lower() in ("i", "för", "inom", "hos") and len(words) <= 4 \
                and s.lexicon.is_a(words[-2].lower(), "organ_noun"):
            if is_subject_gap(s.text[m.end : hi], s.lexicon.lists["subject_gap"]):
                return m.id
    # "Nämnden beslutar att …": the organ named earlier with its actor ("regionala
    # utvecklingsnämnden i Region Gävleborg"); in a report, "Regionala utvecklingsnämnden (har
    # beslutat att) ansvarar för …" is the reporting region's organ
    words = s.text[lo:hi].split()
    organ = next((k for k, w in enumerate(words[:2]) if s.lexicon.is_a(w.lower(), "organ_noun")), None)
    if organ is None or not words[0][:1].isupper() \
            or not is_subject_gap(" ".join(words[organ + 1 :]), s.lexicon.lists["subject_gap"]):
        return None
    return s.discourse.organ(words[organ]) or (s.region_id if s.is_report else None)


def _after_preposition_word(a: Analysis, m: Mention) -> bool:
    words = a.text[: m.start].split()
    return bool(words) and words[-1].lower() in PREPOSITIONS


_NOTHING = re.compile(r"^\s*(?:själv|själva|också|även|dessutom)?\s*$")
# before an inverted subject: nothing, or the people who stand for the parties ("I rådet ingår
# representanter från Arbetsförmedlingen, Företagarna …")
_REPRESENTED = re.compile(r"^\s*(?:själv|själva|också|även|dessutom)?\s*"
                         r"(?:(?:\w+\s+)?(?:representanter|företrädare|personer)\s+(?:från|för)\s+)?$", re.I)


def subject_new(s: Slots) -> list[str]:
    found = subject(s)
    if found:
        return found
    start = s.clause.start + (1 if s.clause.connector in ("och", "medan", "men", "där", "som") else 0)
    phrase = _capitalised_span(s, start, s.cue_start)
    if phrase:
        actor = s.actors.discover_name(phrase, s.actors.type_of_name(phrase), "role")
        return [actor] if actor else []
    return []


def _capitalised_span(s: Slots, lo: int, hi: int) -> str | None:
    """A capitalised name filling tokens lo..hi (minus a subject gap): an unknown organisation."""
    while hi > lo and s.a.tokens[hi - 1].text.lower() in s.lexicon.lists["subject_gap"]:
        hi -= 1
    while lo < hi and s.a.tokens[lo].text.lower() in ("även", "också", "dessutom", "och"):
        lo += 1
    if hi <= lo:
        return None
    phrase = s.text[s.a.tokens[lo].start : s.a.tokens[hi - 1].end]
    if not CAPITALISED_NAME.match(phrase) or any(t.text in ",;:" for t in s.a.tokens[lo:hi]):
        return None
    first = s.a.tokens[lo].text.lower()
    if first in s.lexicon.lists["determiners"] or first in s.lexicon.lists["numerals"] or first.isdigit() \
            or s.lexicon.initiative_kind(first) or first in s.lexicon.actor_anaphora \
            or any(s.lexicon.is_a(t.text, "organ_noun") for t in s.a.tokens[lo : min(hi, lo + 2)]):
        return None  # "Sju industriföretag", "Projektet X", "Regionala utvecklingsnämnden": no new actor
    if any(m.start < s.a.tokens[hi - 1].end and s.a.tokens[lo].start < m.end for m in s.a.mentions()):
        return None
    return phrase if looks_like_name(phrase) else None


LEGAL_FORMS = re.compile(r"\s+(?:ekonomisk|ideell)\s+förening$|\s+AB$")
NAME_CONNECTORS = {"i", "för", "och", "&", "of", "and", "de", "la", "der"}


def looks_like_name(phrase: str) -> bool:
    """An organisation's name, as Swedish texts write unknown ones: capitalised words (with "i",
    "för", "och", "&" between them) ending in a capitalised word or a legal form ("Destination
    Siljansbygd ekonomisk förening"). "Att synliggöra och", "Organisation som" are none."""
    words = LEGAL_FORMS.sub("", phrase).split()
    if not words or not (words[-1][:1].isupper() or words[-1][:1].isdigit()) or not words[0][:1].isupper():
        return False
    lowercase = [w for w in words[1:-1] if not w[:1].isupper() and not w[:1].isdigit()]
    return all(w in NAME_CONNECTORS for w in lowercase) or len(lowercase) <= 2 and len(words) >= 4


def agent(s: Slots) -> list[str]:
    return _ids(run_after(s.a, s.char(s.cue_end), s.clause_end_char))


def agent_new(s: Slots) -> list[str]:
    """The enumeration after the cue, where unknown capitalised names become actors."""
    i = s.cue_end
    while i < s.clause.end and s.a.tokens[i].text.lower() in LIST_INTRO_WORDS:
        i += 1
    return _names_after(s, i) if i < s.clause.end else []


LIST_INTRO_WORDS = {"bland", "andra", "annat", "bl.a.", "t.ex.", "exempelvis", "såsom", "som", "de", "även", "också"}


def after_copula(s: Slots) -> list[str]:
    """"Medfinansiärer i projektet X är A, B och C": the actors after "är"."""
    for i in range(s.cue_end, s.clause.end):
        if s.a.tokens[i].text.lower() in ("är", "var", "blir", "blev"):
            return _ids(run_after(s.a, s.a.tokens[i].end, s.clause_end_char))
    return []


def agent_after(s: Slots) -> list[str]:
    """Actors after "av" later in the clause ("… 3,5 mnkr av Västra Götalandsregionen")."""
    return _after_word(s, {"av"}, new=False)


def via_new(s: Slots) -> list[str]:
    return _after_word(s, {"via", "genom"}, new=True)


def genitive(s: Slots) -> list[str]:
    """"Tillväxtverkets stöd till X", "Regionens medfinansiering av X": the owner of the money
    is the actor written in the genitive right before the cue."""
    cue = s.char(s.cue_start)
    owner = next((m for m in s.a.actors if m.end <= cue and not s.text[m.end : cue].strip()), None)
    return [owner.id] if owner and owner.text.endswith("s") and owner.text[-2:] != "ss" else []


def agents_new(s: Slots) -> list[str]:
    return _after_word(s, {"av"}, new=True)


def _after_word(s: Slots, words: set[str], new: bool) -> list[str]:
    """Actors after each of the words in the clause ("dels från A, dels från B och C")."""
    found: list[str] = []
    for i in range(s.cue_start, s.clause.end):
        if s.a.tokens[i].text.lower() in words:
            found += _names_after(s, i + 1) if new else _ids(run_after(s.a, s.a.tokens[i].end, s.clause_end_char))
    return list(dict.fromkeys(found))


def _names_after(s: Slots, i: int) -> list[str]:
    """The enumeration from token i, where items the gazetteer does not know but that are
    capitalised names ("Leader Gästrikebygden LLU och Utveckling Hälsingebygden") become actors.
    It ends at a verb or a word that ends a phrase ("… och genomförs i samverkan med …")."""
    spans = [(m.start, m.end) for m in s.a.actors]

    def stops(k: int) -> bool:  # a full stop or a colon, not one inside a name ("kommuner i länet: A")
        tok = s.a.tokens[k]
        return tok.text in (".", ";", "(", ":") and not any(lo < tok.start < hi for lo, hi in spans)

    end = i
    while end < s.clause.end and not stops(end) and end - i < 40:
        word = s.a.tokens[end].text
        if end > i and word[:1].islower() and (is_finite_verb(word, s.lexicon) or word in s.lexicon.lists["boundaries"]):
            break
        end += 1
    if end <= i:
        return []
    lo, hi = s.a.tokens[i].start, s.a.tokens[end - 1].end
    known = [m for m in s.a.actors if lo <= m.start < hi]
    ids, pos = [], lo
    for part in re.finditer(r"[^,]+?(?=\s*,\s*|\s+och\s+|\s+samt\s+|$)", s.text[lo:hi]):
        start, stop = lo + part.start(), lo + part.end()
        if start < pos:
            continue
        item = s.text[start:stop].strip()
        item = re.sub(r"^(?:och|samt|,)\s+", "", item)
        lead = len(s.text[start:stop]) - len(s.text[start:stop].lstrip())
        item_start = start + lead + (len(s.text[start + lead : stop]) - len(re.sub(r"^(?:och|samt|,)\s+", "", s.text[start + lead : stop])))
        mention = next((m for m in known if m.start == item_start), None)
        if mention:
            ids.append(mention.id)
            pos = max(stop, mention.end)
            continue
        words = item.split()
        organisation = len(words) == 2 and words[0][:1].isupper() and s.lexicon.is_a(words[1], "organisation_noun")
        if not words or len(words) > 6 or not (organisation or looks_like_name(item)):
            break
        actor = s.actors.discover_name(item, s.actors.type_of_name(item), "role")
        if not actor:
            break
        ids.append(actor)
        pos = stop
    return list(dict.fromkeys(ids))


def from_(s: Slots) -> list[str]:
    return _after_word(s, FROM, new=False)


def from_new(s: Slots) -> list[str]:
    return _after_word(s, FROM, new=True)


def with_(s: Slots) -> list[str]:
    """Partners after "tillsammans med" (and the like) in the clause, or after a cue that ends
    in "med" ("har haft gemensam finansiering med Almi i projektet X")."""
    lower = s.text.lower()
    start, end = s.clause_start_char, s.clause_end_char
    if s.cue_end > s.cue_start and s.a.tokens[s.cue_end - 1].text.lower() == "med":
        found = run_after(s.a, s.char(s.cue_end), end)
        if found:
            return _ids(found)
    for phrase in WITH_PHRASES:
        pos = lower.find(phrase, start, end)
        if pos >= 0:
            return _ids(run_after(s.a, pos + len(phrase), end))
    return []


def recipient(s: Slots) -> list[str]:
    """Who receives a grant: an actor after "till", or the indirect object right after the verb
    ("Region Uppsala beviljar STUNS 1,5 miljoner kronor för …")."""
    for i in range(s.cue_end, s.clause.end):
        if s.a.tokens[i].text.lower() == "till":
            found = run_after(s.a, s.a.tokens[i].end, s.clause_end_char, places=False)
            if found:
                return _ids(found[:1])
    for i in dict.fromkeys([s.cue_end, s.cue_start + 1]):  # "gett Movexum ett verksamhetsbidrag": inside the cue
        if i >= s.clause.end:
            continue
        direct = next((m for m in s.a.actors if m.start == s.char(i)), None)
        after = s.a.token_index(direct.end - 1) + 1 if direct else i + 1
        if direct and (after in s.a.amount_ends or s.a.tokens[after].text.lower() in s.lexicon.lists["determiners"]
                       or s.lexicon.is_a(s.a.tokens[after].text, "funding_noun")):
            return [direct.id]
        if after in s.a.amount_ends:
            name = s.a.tokens[i].text
            if name[:1].isupper() and (name.isupper() or not s.lexicon.is_a(name, "determiners")) and len(name) > 1:
                actor = s.actors.discover_name(name, s.actors.type_of_name(name), "role")
                return [actor] if actor else []
    return []


def through(s: Slots) -> list[str]:
    """"medverkar genom Skånes universitetssjukhus": the part of the party that takes part."""
    if s.cue_end < s.clause.end and s.a.tokens[s.cue_end].text.lower() == "genom":
        return _names_after(s, s.cue_end + 1)
    return []


def listed(s: Slots) -> list[str]:
    colon = s.text.find(":", s.char(s.cue_end))
    if colon < 0:
        return []
    first = s.a.token_index(colon + 1)
    if s.a.tokens[first].start <= colon:
        first += 1
    return _names_after(s, first) if first < s.clause.end else []


def antecedent_actor(s: Slots) -> list[str]:
    ante = s.clause.antecedent(s.a, "actor")
    return [ante] if ante else []


def fronted_fund(s: Slots) -> list[str]:
    mention = _fronted(s.a, s.lexicon, s.a.actors)
    if mention and s.actors.record(mention.id).type == "eu_fund_programme":
        return [mention.id]
    return []


EU_MONEY = ("eu-medel", "eu-medlen", "eu-pengar", "eu-stöd", "strukturfondsmedel", "eu-finansiering", "eu-bidrag")


def eu_funds(s: Slots) -> list[str]:
    """"söker 1,5 mnkr i EU-medel": the EU programme the sentence or the paragraph names, else
    the structural funds as a whole."""
    words = {t.text.lower() for t in s.a.tokens[s.clause.start : s.clause.end]}
    if not words & set(EU_MONEY):
        return []
    fund_type = "eu_fund_programme"
    here = [m.id for m in s.a.actors if s.actors.record(m.id).type == fund_type]
    if here:
        return here[:1]
    recent = [m.id for _, m in reversed(s.discourse.recent_actors) if s.actors.record(m.id).type == fund_type]
    if recent:
        return recent[:1]
    general = s.actors.resolve("EU:s strukturfonder")
    return [general] if general else []


def within(s: Slots) -> list[str]:
    """"får finansiering inom Interreg Baltic Sea Region": the EU programme after "inom"."""
    for i in range(s.cue_start, s.clause.end):
        if s.a.tokens[i].text.lower() == "inom":
            found = [m.id for m in run_after(s.a, s.a.tokens[i].end, s.clause_end_char, places=False)
                     if s.actors.record(m.id).type == "eu_fund_programme"]
            if found:
                return found
    return []


def region(s: Slots) -> list[str]:
    return [s.region_id] if s.is_report and s.region_id else []


def counterpart(s: Slots) -> list[str]:
    return [s.counterpart_id] if s.is_report and s.counterpart_id else []


def together_counterpart(s: Slots) -> list[str]:
    """"En del av finansieringen sker tillsammans som organisationsbidrag …" under 3.3: together
    with the section's counterpart (the county's municipalities)."""
    words = {t.text.lower() for t in s.a.tokens[s.clause.start : s.clause.end]}
    return counterpart(s) if words & {"tillsammans", "gemensamt", "gemensam"} else []


def programme(s: Slots) -> list[str]:
    found = s.discourse.programme_funders()
    return list(found.funders) if found else []


# --- targets -------------------------------------------------------------------------------
def _fronted(a: Analysis, lexicon: Lexicon, mentions: list[Mention]) -> Mention | None:
    """"I ReproUnion, …", "Inom Socialfonden är …", "I projektet WATERDRIVE är …"."""
    if len(a.tokens) < 2 or a.tokens[0].text.lower() not in FRONTING:
        return None
    k = 1
    if lexicon.initiative_kind(a.tokens[k].text) and len(a.tokens) > 2 and a.tokens[k].text[:1].islower():
        named = next((m for m in mentions if m.start == a.tokens[2].start), None)
        # "I projektet X deltar …"; else "I projektet medverkar A och B": the kind noun points back
        return named or next((m for m in mentions if m.start == a.tokens[1].start and m.via == "anaphora"), None)
    return next((m for m in mentions if m.start == a.tokens[k].start), None)


def object_(s: Slots) -> list[Target]:
    start = s.cue_end
    inverted = _inverted(s)
    if inverted:  # "stöttar regionförbundet X med …": the object follows the subject, inside the cue
        start = s.a.token_index(inverted[-1].end - 1) + 1
    elif start + 1 < s.clause.end and (s.a.tokens[start].text.lower() in s.lexicon.lists["numerals"]
                                       or s.a.tokens[start].text.isdigit()) \
            and s.lexicon.is_a(s.a.tokens[start + 1].text, "party_noun"):
        start += 2  # "I X medfinansierar elva industriföretag projektet": an inverted subject of no name
    return _listed_targets(s, start)


def group_listed(s: Slots) -> list[Target]:
    """The initiatives a group names after a colon: "har medfinansierat tre projekt tillsammans
    med länsstyrelsen: A, B och C" -> A, B, C."""
    lo = s.char(s.cue_end)
    group = next((c for c in s.a.collectives if lo <= c.start < s.clause_end_char), None)
    colon = s.text.find(":", group.end, s.clause_end_char) if group else -1
    if colon < 0:
        return []
    first = next((k for k, t in enumerate(s.a.tokens) if t.start > colon), None)
    found = _listed_targets(s, first) if first is not None else []
    return [t for t in found if t.kind in ("initiative", "phrase")]


def clause_fronted(s: Slots) -> list[Target]:
    """An initiative after a preposition that opens the clause: "…, och för Innovationsslussen
    står Vinnova för hälften"."""
    k = s.clause.start + (1 if s.clause.connector in ("och", "men", "medan") else 0)
    if k + 1 >= s.cue_start or s.a.tokens[k].text.lower() not in FRONTING:
        return []
    k += 1
    if s.lexicon.initiative_kind(s.a.tokens[k].text) and s.a.tokens[k].text[:1].islower():
        k += 1  # "för projektet X"
    found = next((m for m in s.a.initiatives if m.start == s.a.tokens[k].start), None) if k < s.cue_start else None
    return [Target("initiative", found.id, found.start, found.end)] if found else []


def _listed_targets(s: Slots, start: int) -> list[Target]:
    """The target at token `start`, and the names listed after it ("A och B", "A, B och C")."""
    found = s.reader.capture(start, s.clause.end)
    out = [found] if found else []
    while found and (found.kind == "actor" or found.kind in ("initiative", "phrase") and found.initiative_kind != "activity"):
        nxt = s.a.token_index(found.end - 1) + 1
        if nxt + 1 >= s.clause.end or s.a.tokens[nxt].text.lower() not in (",", "och", "samt") \
                or not s.reader.name_starts(nxt + 1) or (s.reader.actor_at(nxt + 1) and found.kind != "actor"):
            break
        kind = found.kind
        found = s.reader.capture(nxt + 1, s.clause.end)
        if found and (found.kind == kind or {found.kind, kind} <= {"initiative", "phrase"}):
            out.append(found)
        else:
            break
    return out


def _after_preposition(s: Slots, preps: set[str]) -> list[Target]:
    # a cue may skip over its target ("finansiering i projekt X tillsammans med"); a gapped
    # clause's cue is empty, and its first word may be the preposition
    i = min(s.cue_start + 1, s.cue_end)
    while i < s.clause.end:
        w = s.a.tokens[i].text.lower()
        nxt = s.a.tokens[i + 1].text.lower() if i + 1 < len(s.a.tokens) else ""
        # "bidrar med medel för projektledning": what the money is for inside the project
        after_funds = w == "för" and i > 1 and s.lexicon.is_a(s.a.tokens[i - 1].text, "funding_noun") \
            and s.a.tokens[i - 2].text.lower() == "med"
        if w == "för" and nxt in ("sin", "sitt", "sina"):
            return subject_organisation(s)  # "får 650 000 kronor för sitt arbete": its operations
        inside = any(m.start <= s.a.tokens[i].start < m.end for m in s.a.actors + s.a.initiatives)  # "Länsstyrelsen i X"
        if w in preps and nxt != "att" and not inside and not s.reader.is_time(i + 1) and not _framed(s, i) \
                and not after_funds:
            found = s.reader.capture(i + 1, s.clause.end)
            if found and not _instrument(s, i, found):
                return [found]
        i += 1
    return []


def _framed(s: Slots, i: int) -> bool:
    """"inom ramen för X": a programme's frame, not the target."""
    before = " ".join(t.text.lower() for t in s.a.tokens[max(0, i - 2) : i + 1])
    return any(before.endswith(f) for f in s.lexicon.frames)


def _instrument(s: Slots, i: int, found: Target) -> bool:
    """"statliga medel för regional utveckling": the money's name, not what it pays for."""
    if i == 0 or found.kind != "phrase" or s.a.tokens[i].text.lower() != "för" \
            or not s.lexicon.is_a(s.a.tokens[i - 1].text, "funding_noun"):
        return False
    return s.lexicon.instrument(s.text[s.a.tokens[i - 1].start : found.end]) is not None


def for_(s: Slots) -> list[Target]:
    return _after_preposition(s, FOR)


def in_(s: Slots) -> list[Target]:
    """After "i" ("deltar i X"), or after "inom" when an initiative follows ("inom projektet X";
    "forskare inom tjänsteforskning" names a field, not an initiative). A group of an initiative
    ("deltar i styrgruppen") stands for the initiative the paragraph is about."""
    found = _after_preposition(s, {"i"})
    lone = found and found[0].kind == "phrase" and len(found[0].value.split()) == 1 \
        and s.text[: found[0].start].rstrip().split()[-1:] == ["i"]  # right after "i", not "i arbetet med X"
    if lone and (s.lexicon.is_a(found[0].value, "group_noun") or found[0].initiative_kind == "activity"
                 and found[0].value.islower() and not found[0].value.endswith(("or", "ar", "er"))):
        # "deltar i styrgruppen", "deltar i genomförandet", "deltar med rådgivare i fält": one
        # common word names no initiative; the paragraph's initiative is meant (a plural names
        # a field: "samarbetar i näringslivsfrågor")
        return topic(s)
    if found:
        return found
    return [t for t in _after_preposition(s, {"inom"}) if t.kind == "initiative" or t.initiative_kind != "activity"]


def in_named(s: Slots) -> list[Target]:
    """As `in`, for a named initiative only ("samverkar i nätverket Digitala Jämtland"; not
    "samverkar i näringslivsfrågor")."""
    return [t for t in in_(s) if t.kind == "initiative" or t.initiative_kind != "activity"]


def of(s: Slots) -> list[Target]:
    """"hälften av kostnaden för förstudien", "Kostnaden för X delas med …", "Finansieringen av
    X kommer från …", "medfinansiering till X" -> X."""
    for i in range(s.clause.start, s.clause.end):
        noun = s.a.tokens[i].text
        funding = s.lexicon.is_a(noun, "funding_noun")
        if (s.lexicon.is_a(noun, "cost_noun") or funding) and i + 1 < s.clause.end \
                and s.a.tokens[i + 1].text.lower() in (("för", "av", "i", "till") if funding else ("för", "av", "i")):
            found = s.reader.capture(i + 2, s.clause.end)
            # "stöd av Tillväxtverket": the agent, not the thing; but the subject "Finansieringen
            # av Kalmar Science Park (sker via …)" names the organisation financed
            opens = i == s.clause.start or (i == s.clause.start + 1 and s.a.tokens[s.clause.start].text.lower()
                                            in s.lexicon.lists["determiners"])
            if found and (found.kind != "actor" or opens and found.end <= s.char(s.cue_end - 1)):
                return [found]
    return []


def subject_thing(s: Slots) -> list[Target]:
    lo, hi = s.clause_start_char, s.char(s.cue_start)
    things = [m for m in s.a.initiatives + s.a.collectives if lo <= m.start and m.end <= hi]
    if things:
        m = things[-1]
        kind = "collective" if m.kind == "collective" else "initiative"
        return [Target(kind, m.id, m.start, m.end)]
    ante = s.clause.antecedent(s.a, "initiative")
    if ante and s.cue_start <= s.clause.start + 3:
        return [Target("initiative", ante, 0, 0)]
    start = s.clause.start + (1 if s.clause.connector else 0)
    if start < s.cue_start and not s.reader.actor_at(start):
        found = s.reader.capture(start, s.cue_start)  # "Arbetet med Träklustret Jämtland AB har finansierats …"
        if found and found.kind != "actor":
            return [found]
    return []


def subject_known(s: Slots) -> list[Target]:
    """A known initiative or group of projects before the cue (never a new name: where a
    grant's subject is a name, it is the recipient)."""
    found = subject_thing(s)
    return [t for t in found if t.kind in ("initiative", "collective")]


def relative_object(s: Slots) -> list[Target]:
    """"X, som Region Värmland medfinansierar": the relative pronoun is the object."""
    if s.clause.connector != "som":
        return []
    ante = s.clause.antecedent(s.a, "initiative")
    between = [m for m in s.a.actors if s.clause_start_char <= m.start < s.char(s.cue_start)]
    return [Target("initiative", ante, 0, 0)] if ante and between else []


PARTICLES = {"fram", "upp", "in", "ut", "bort", "till", "ihop", "igång", "också", "även", "gemensamt", "en", "ett"}
PARTICIPLE = re.compile(r"\w{3,}(?:at|it|t|ade|de|te|ar|er)$")


def after_verb(s: Slots) -> list[Target]:
    """The object of the clause's verb after the cue and its partners: "har tillsammans med
    länsstyrelsen genomfört en medborgarundersökning" -> medborgarundersökning."""
    partners = run_after(s.a, s.char(s.cue_end), s.clause_end_char)
    i = s.a.token_index(partners[-1].end - 1) + 1 if partners else s.cue_end
    while i < s.clause.end:
        tok = s.a.tokens[i].text
        if tok[:1].islower() and (is_finite_verb(tok, s.lexicon) or PARTICIPLE.match(tok)) \
                and tok.lower() not in s.lexicon.lists["determiners"]:
            j = i + 1
            while j < s.clause.end and s.a.tokens[j].text.lower() in PARTICLES - {"en", "ett"}:
                j += 1
            found = s.reader.capture(j, s.clause.end)
            return [found] if found and found.kind != "actor" else []
        i += 1
    return []


def later_initiative(s: Slots) -> list[Target]:
    """The first initiative named after the cue and its partners ("I samverkan med A har
    projektet X bedrivits")."""
    lo = s.char(s.cue_end)
    later = [m for m in s.a.initiatives if lo <= m.start < s.clause_end_char]
    return [Target("initiative", later[0].id, later[0].start, later[0].end)] if later else []


def collective_after(s: Slots) -> list[Target]:
    """A group of projects after the cue ("prioriterade fyra värmländska projekt")."""
    lo, hi = s.char(s.cue_end), s.clause_end_char
    return [Target("collective", c.id, c.start, c.end) for c in s.a.collectives if lo <= c.start < hi][:1]


def antecedent(s: Slots) -> list[Target]:
    ante = s.clause.antecedent(s.a, "initiative")
    return [Target("initiative", ante, 0, 0)] if ante else []


def fronted(s: Slots) -> list[Target]:
    """The initiative that opens the sentence ("I projektet X deltar …"), or a council or
    network ("I rådet ingår …": its members)."""
    mention = _fronted(s.a, s.lexicon, s.a.initiatives)
    if mention:
        return [Target("initiative", mention.id, mention.start, mention.end)]
    council = _fronted(s.a, s.lexicon, s.a.actors)
    if council and council.id in s.actors.records and s.actors.records[council.id].type == "network_council":
        return [Target("actor", council.id, council.start, council.end)]
    return _fronted_phrase(s)


QUANTITY_OF = re.compile(r"(?i)^(?:majoriteten|flertalet|merparten|huvuddelen|de flesta|flera|många|några|alla|samtliga)\s+av\s+")


def _fronted_phrase(s: Slots) -> list[Target]:
    """"I majoriteten av de största satsningarna i länet är näringslivet en av medfinansiärerna":
    a fronted phrase about initiatives is what the clause is about (the phrase, when it has an
    initiative noun; "I länet är …" names a place)."""
    if s.clause.start != 0 or len(s.a.tokens) < 3 or s.a.tokens[0].text.lower() not in ("i", "inom"):
        return []
    k = 1
    quantity = QUANTITY_OF.match(s.text[s.a.tokens[1].start :])
    if quantity:
        k = s.a.token_index(s.a.tokens[1].start + quantity.end())
    found = s.reader.capture(k, s.cue_start)
    if not found or found.kind != "phrase" or found.end > s.char(s.cue_start):
        return []
    words = s.text[found.start : found.end].split()
    if not any(s.lexicon.initiative_kind(w) for w in words):
        return []
    first = s.a.tokens[k]
    if first.start < found.start and first.text.lower() in ("de", "den", "det"):  # "de största satsningarna"
        found = replace(found, value=s.text[first.start : found.end], start=first.start)
    return [found]


def fronted_new(s: Slots) -> list[Target]:
    """As `fronted`, and a name that opens the sentence ("I ReproUnion, som …") is an initiative."""
    found = fronted(s)
    if found or len(s.a.tokens) < 3 or s.a.tokens[0].text.lower() not in ("i", "inom"):
        return found
    k = 2 if s.lexicon.initiative_kind(s.a.tokens[1].text) else 1
    if s.reader.actor_at(k) or not s.reader.name_starts(k) or s.a.tokens[k].text in s.actors.places:
        return []
    named = s.reader.read_name(k, len(s.a.tokens))
    if named and s.text[named[1] : named[1] + 1] == ",":
        return [Target("phrase", named[0], s.a.tokens[k].start, named[1], "project", named[2], named[3])]
    return []


def after_thing(s: Slots) -> list[Target]:
    """What a passive verb is about when an adverbial opens the clause and the subject follows
    the verb ("I juni beviljades elva projekt …", "Inom jämställdhetsområdet finansieras en
    gemensam processledare tillsammans med …")."""
    if s.cue_start == s.clause.start or s.reader.actor_at(s.clause.start):
        return []
    i = s.cue_start + 1
    while i < s.clause.end and s.a.tokens[i].text.lower() in s.lexicon.lists["determiners"]:
        i += 1
    char = s.char(i)
    for m in s.a.collectives + s.a.initiatives:
        if m.start == char:
            return [Target("collective" if m.kind == "collective" else "initiative", m.id, m.start, m.end)]
    if s.a.tokens[s.clause.start].text.lower() in PREPOSITIONS:
        found = s.reader.capture(i, s.clause.end)
        return [found] if found and found.kind == "phrase" else []
    return []


def sentence_initiative(s: Slots) -> list[Target]:
    """The one initiative the sentence names, when it names exactly one ("A är projektägare och
    regionen medfinansierar förstudien X")."""
    named = {m.id for m in s.a.initiatives if m.via != "anaphora"}
    return [Target("initiative", named.pop(), 0, 0)] if len(named) == 1 else []


def topic(s: Slots) -> list[Target]:
    found = s.discourse.topic
    if found and s.discourse.fresh(found[0]):
        return [Target("initiative", found[1], 0, 0)]
    return []


def section_area(s: Slots) -> list[Target]:
    """In a report, money told without a named target ("Största medfinansiär är Tillväxtverket
    med 45,8 miljoner kronor") goes to the report section's subject: its title as an area."""
    if not s.is_report or not s.section_title or not s.a.amounts:
        return []
    return [Target("phrase", s.section_title, 0, 0, "area")]


def previous(s: Slots) -> list[Target]:
    return list(s.previous_targets)


# "inom områdena A, B och C", "insatser inom A, B och C"
# "inom områdena A, B och C", "insatser inom A, B och C", "(finansiering) har skett inom A, B och C"
AREA_LIST = re.compile(r"(?:\binom\s+(?:bland annat\s+)?(?:områdena|området|områden som|områden såsom)"
                       r"|\b(?:insatser|satsningar|åtgärder|projekt|arbete)\s+inom(?!\s+områden)"
                       r"|\b(?:skett|sker|skedde)\s+inom(?!\s+(?:områden|ramen)))\s+(.+?)(?:\.|;|$)")


def areas(s: Slots) -> list[Target]:
    clause_text = s.text[s.clause_start_char : s.clause_end_char]
    m = AREA_LIST.search(clause_text)
    if not m:
        return []
    offset = s.clause_start_char + m.start(1)
    return [Target("phrase", item, offset, offset + len(item), "area") for item in split_areas(m.group(1))]


def split_areas(listing: str) -> list[str]:
    """"utveckling av kluster och styrkeområden, utveckla konkurrenskraftiga företag, innovation
    och kompetensförsörjning" -> four areas: commas and "samt" split, and the last item's "och"."""
    listing = re.sub(r"\s*\([^)]*\)", "", listing)
    items = [x.strip() for x in re.split(r",\s*|\s+samt\s+", listing) if x.strip()]
    if items and " och " in items[-1] and (len(items) > 1 or len(items[-1].split()) <= 4):
        items[-1:] = [x.strip() for x in items[-1].split(" och ", 1)]
    out = []
    for item in items:
        item = re.sub(r"^(?:ska|att|som|om|insatser som|till exempel|bland annat)\s+", "", item).strip()
        item = re.sub(r"^(?:ska|att)\s+", "", item).strip()
        if 1 <= len(item.split()) <= 8:
            out.append(item)
    return out


def _as_targets(mentions: list[Mention]) -> list[Target]:
    seen, out = set(), []
    for m in mentions:
        if m.id not in seen:
            seen.add(m.id)
            out.append(Target("actor", m.id, m.start, m.end))
    return out


def partners(s: Slots) -> list[Target]:
    """The actors right after the cue ("samverkan med A och B"), past a "som"/"såsom" list intro."""
    return _as_targets(run_after(s.a, s.char(s.cue_end), s.clause_end_char))


def subject_actors(s: Slots) -> list[Target]:
    """The subject's actors as the other side of a pair ("A och B samverkar")."""
    before = run_before(s.a, s.char(s.cue_start), s.clause_start_char, s.lexicon.lists["subject_gap"])
    return _as_targets(before) if len(before) >= 2 else []


def among_them(s: Slots) -> list[str]:
    """"Sju industriföretag … medfinansierar X, bland dem A och B": the named ones."""
    lower = s.text.lower()
    for phrase in ("bland dem", "bland andra", "däribland", "bland annat"):
        at = lower.find(phrase, s.char(s.cue_end), s.clause_end_char)
        if at >= 0:
            found = run_after(s.a, at + len(phrase), s.clause_end_char)
            if found:
                return _ids(found)
    return []


def listed_organisations(s: Slots) -> list[Target]:
    """The organisations listed after a colon, as what is financed ("… som delas mellan sex
    aktörer: A, B och C")."""
    return [Target("actor", i, 0, 0) for i in listed(s)]


def recipient_organisation(s: Slots) -> list[Target]:
    """The recipient of a grant as what is financed: its operations ("ge Umeå Science Park
    ett verksamhetsbidrag på 800 000 kronor")."""
    ids = recipient(s)
    return [Target("actor", i, 0, 0) for i in ids]


def subject_organisation(s: Slots) -> list[Target]:
    """The subject as what is financed: an organisation receiving money for its operations
    ("Organisationen får en miljon kronor per år från Tillväxtverket")."""
    before = run_before(s.a, s.char(s.cue_start), s.clause_start_char, s.lexicon.lists["subject_gap"])
    return _as_targets(before)


SOURCES: dict[str, Callable[[Slots], list[str]]] = {
    "subject": subject, "subject_new": subject_new, "agent": agent, "agent_new": agent_new, "agent_after": agent_after,
    "agents_new": agents_new, "genitive": genitive, "via_new": via_new,
    "after_copula": after_copula, "from": from_, "from_new": from_new,
    "with": with_, "recipient": recipient, "through": through, "listed": listed,
    "antecedent_actor": antecedent_actor, "fronted_fund": fronted_fund, "region": region,
    "counterpart": counterpart, "together_counterpart": together_counterpart, "programme": programme, "eu_funds": eu_funds, "within": within,
    "among_them": among_them,
}
TARGETS: dict[str, Callable[[Slots], list[Target]]] = {
    "object": object_, "clause_fronted": clause_fronted, "group_listed": group_listed, "for": for_, "in": in_, "in_named": in_named, "of": of, "subject_thing": subject_thing,
    "antecedent": antecedent, "fronted": fronted, "fronted_new": fronted_new, "after_thing": after_thing, "topic": topic, "previous": previous, "areas": areas,
    "partners": partners, "subject_actors": subject_actors, "section_area": section_area, "subject_organisation": subject_organisation,
    "subject_known": subject_known, "relative_object": relative_object, "collective_after": collective_after,
    "recipient_organisation": recipient_organisation, "listed_organisations": listed_organisations,
    "after_verb": after_verb, "sentence_initiative": sentence_initiative, "later_initiative": later_initiative,
}
