"""Actors in a report: gazetteer names, collective actors, and organisations discovered in the
text by Swedish naming patterns, resolved so that one organisation is one node.

Discovery rules (each a general pattern of Swedish organisation names, never a report's words):
- name endings: "… AB", "… Science Park", "… Incubator", compounds in -klustret, -rådet,
  -förbundet, -föreningen, "… högskola", "… universitet";
- appositions: "inkubatorn Fyren", "klustret X", "föreningen X", "företaget X";
- enumerations: in a list where at least two items are known actors, the other capitalised
  items are actors too ("Almi, Mittlabbet, Peak Innovation och Mittuniversitetet").
Resolution: exact surface forms (with generated inflections), then rapidfuzz against the
gazetteer and the actors already discovered, so "Regionen Halland" is Region Halland.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from samverkan.graph.ids import slugify

from .gazetteer import Gazetteer, GazetteerActor, inflections, is_abbreviation
from .matcher import PhraseMatcher, tokenize
from .sentences import Sentence

SUFFIX_TYPES = [  # (regex on the last word or words, actor type)
    (re.compile(r"^(AB|Aktiebolag|HB|KB)$"), "company"),
    (re.compile(r"^(Science Park|Science park|science park|Incubator|Inkubator|Innovation Park|Park)$"), "incubator_science_park"),
    (re.compile(r"\w{3,}(klustret|kluster|Cluster)$", re.I), "cluster"),
    (re.compile(r"^(Cluster|Kluster)$"), "cluster"),
    (re.compile(r"\w{2,}(rådet|råd)$"), "network_council"),
    (re.compile(r"\w{3,}(förbundet|förbund|föreningen|förening|sällskapet|stiftelsen)$"), "civil_society"),
    (re.compile(r"^(högskola|universitet|University|Universitet|Högskola)$"), "university"),
    (re.compile(r"\w{3,}(sjukhuset|sjukhus)$", re.I), "other"),
    (re.compile(r"^(museum|museet|folkhögskola|naturbruksgymnasium|landsarkiv)$"), "other"),
    (re.compile(r"^(Företagarcentrum|Nyföretagarcentrum)$"), "business_support"),
]
# A quick first test for _discover_suffixes: the word (or its pair) may end a name.
SUFFIX_HINT = re.compile(
    r"(?:^AB|^Aktiebolag|^HB|^KB|[Pp]ark|[Ii]ncubator|[Ii]nkubator|luster|lustret|råd|rådet|förbund|förbundet|förening|"
    r"föreningen|sällskapet|stiftelsen|högskola|[Uu]niversitet|University|sjukhus|sjukhuset|museum|museet|folkhögskola|"
    r"naturbruksgymnasium|landsarkiv|centrum)$")
NOT_ORG_SUFFIX = re.compile(r"(området|områden|område|omr\w*råd\w*|förråd\w*|ombudsråd)$", re.I)
APPOSITION = re.compile(
    r"\b((?i:inkubatorn|klustret|klusterorganisationen|föreningen|företaget|bolaget|stiftelsen|organisationen|"
    r"forskningsinstitutet|institutet|science parken|nätverksorganisationen))\s+"
    r"((?:[A-ZÅÄÖ][\w&.-]*)(?:\s+(?:[A-ZÅÄÖ][\w&.-]*|i|för)){0,4})"
)
APPOSITION_TYPES = {
    "inkubatorn": "incubator_science_park", "klustret": "cluster", "klusterorganisationen": "cluster",
    "föreningen": "civil_society", "företaget": "company", "bolaget": "company", "stiftelsen": "civil_society",
    "forskningsinstitutet": "research_institute", "institutet": "research_institute",
    "science parken": "incubator_science_park",
}
LIST_SPLIT = re.compile(r"\s*(?:,|\bsamt\b|(?<!-) och\b|\bliksom\b|/)\s*")
CAPITALISED = re.compile(r"^[A-ZÅÄÖ][\w&.+-]*(?:\s+(?:[A-ZÅÄÖ0-9][\w&.+-]*|i|för|och|ska|de|av|for|of|the|and|&))*$")
# What follows a party noun when a list of names comes: "aktörer: A, B och C", "organisationer
# såsom A och B", "lärosäten – som Chalmers, KTH och Umeå", "företag, till exempel A och B".
LIST_INTRO = re.compile(r"\s*(?::|\s[–-]\s*(?:som|såsom)|,?\s+(?:såsom|som|t\.\s?ex\.|till exempel|bland annat|bl\.\s?a\.)(?=\s))\s*")
WORD = re.compile(r"[^\W\d_]+")
LIST_END = re.compile(r"[;!?]|\.(?:\s|$)|\s[–-]\s")
# Names as the parties of a clause, where the words around make them parties: before "är
# partner/deltagare/medfinansiär …" or "deltar", after "tillsammans/i samarbete/i samverkan med":
# "Sweden Food Arena och Skånemejierier är partner i projektet", "Saab och Ericsson deltar som
# industripartner", "genomförs tillsammans med Holmen Skog och Skogforsk." The role word is
# checked against the lexicon (partner_noun, funder_noun); a name is capitalised words only.
_NAME = r"[A-ZÅÄÖ][\w&.+-]*(?:\s+[A-ZÅÄÖ0-9][\w&.+-]*){0,4}"
_NAMES = rf"{_NAME}(?:\s*,\s*{_NAME})*(?:\s+(?:och|samt)\s+{_NAME})?"
PARTIES_BEFORE_ROLE = re.compile(
    rf"(?:^|[.;:]\s+|,\s+(?:och|samt)\s+|,\s+|\s(?:och|medan)\s+)(?P<names>{_NAMES})\s+"
    r"(?:(?:är|blir|var|blev)\s+(?:också\s+|även\s+|sedan\s+\w+\s+)?(?P<role>\w+(?:\s+\w+)?)|(?P<verb>deltar|medverkar|medfinansierar|finansierar|delar på|bidrar med|står för)\b)")
PARTIES_AFTER_WITH = re.compile(r"\b(?:(?:tillsammans|i samarbete|i samverkan)\s+med|bland dem|bland andra|däribland)\s+(?P<names>[^.;:]+?)(?=\s*[.;:]|,\s+(?:som|vilket|där|och\s+[a-zåäö])|\s+som\b|$)")
LOWERCASE_PREPOSITIONS = re.compile(r"\b(i|inom|för|över|utanför|hela)\s+$")
# Capitalised words right after a known name: a branch or a longer name ("Coompanion Blekinge",
# "Hela Sverige ska leva X-ing Gävleborg", "RISE Research Institutes of Sweden AB").
NAME_AFTER_NAME = re.compile(r"(?:\s+(?:of|and|for|&)?\s*[A-ZÅÄÖ][\w&.+:-]*(?:\s+län\b)?){1,5}")
BRANCH_TYPES = ("civil_society", "business_support")  # regional branches are organisations of their own
PUBLIC_TYPES = ("region", "county_board", "municipality", "state_agency", "university")
# Words that end a name's extension: roles, and designators of what the name already names
ROLE_WORDS = {"lead", "partner", "partners", "koordinator", "coordinator", "projektägare", "huvudman", "ordförande",
              "programme", "program", "programmet"}


COMPANY_FORM = re.compile(r"\s(?:AB|Aktiebolag|HB|KB|ek\.\s?för\.)$")


def _join_company_names(items: list[str], written: str) -> list[str]:
    """A list split at "och" joined again where the "och" is inside a company's name:
    ["Högskolan i Borås", "Borås Energi", "Miljö AB"] -> [..., "Borås Energi och Miljö AB"]
    when the text says "Borås Energi och Miljö AB" (the company form ends the name)."""
    out: list[str] = []
    for item in items:
        joined = f"{out[-1]} och {item}" if out else ""
        if out and COMPANY_FORM.search(item) and " " in item and joined in written and not COMPANY_FORM.search(out[-1]):
            out[-1] = joined
        else:
            out.append(item)
    return out


@dataclass
class ActorRecord:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    county: str | None = None
    method: str = "gazetteer"


@dataclass
class Mention:
    id: str
    kind: str  # "actor" | "initiative" | "collective"
    start: int
    end: int
    text: str
    via: str = ""  # how it was found when not by name: "place", "anaphora", "municipality-list", …


@lru_cache(maxsize=1)
def _pointer_words() -> frozenset[str]:
    """Definite nouns that refer back (lexicon `actor_anaphora`, `initiative_anaphora`)."""
    from .words import get_lexicon

    lexicon = get_lexicon()
    return frozenset(lexicon.actor_anaphora) | lexicon.initiative_anaphora | lexicon.collaboration_anaphora


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Words that open a sentence without being part of a name ("Även", "Dessutom", "Inom")."""
    from .words import get_lexicon

    lists = get_lexicon().lists
    return lists["determiners"] | lists["subject_gap"] | lists["locative"] | frozenset({"inom", "dessutom", "därutöver"})


@lru_cache(maxsize=1)
def _lexicon():
    try:
        from .lexicon import get_lexicon

        return get_lexicon()
    except Exception:  # the lexicon is optional for matching
        return None


ORGANISATION_NOUN = re.compile(
    r"(styrelsen|förmedlingen|verket|kassan|myndigheten|nämnden|inspektionen|institutet|kommissionen|regionen|"
    r"rådet|verken|ämbetet|centralen|kammaren)$",
    re.I,
)


def needs_case(form: str) -> bool:
    """Match only as written: abbreviations (MdH, SKR) and one-word names that are also ordinary
    Swedish words ("Bilda", "Formas", "Företagarna"); organisation nouns in definite form
    ("länsstyrelsen", "arbetsförmedlingen") are written in lowercase mid-sentence and match either way."""
    if is_abbreviation(form):
        return True
    words = form.split()
    return len(words) == 1 and not ORGANISATION_NOUN.search(form) and is_common_word(form)


def is_common_word(word: str) -> bool:
    lexicon = _lexicon()
    if lexicon is None:
        import wordfreq

        return wordfreq.zipf_frequency(word.lower(), "sv") >= 2.5
    return lexicon.frequency(word.lower()) >= 2.5


def _titlecase(name: str) -> str:
    return name[:1].upper() + name[1:]


def _definite(word: str) -> str:
    """Council/cluster names in definite form: "tillväxtråd" -> "tillväxtrådet"."""
    for bare, definite in (("råd", "rådet"), ("kluster", "klustret"), ("förbund", "förbundet"), ("förening", "föreningen")):
        if word.endswith(bare):
            return word[: -len(bare)] + definite
    return word


def _indefinite(word: str) -> str:
    for bare, definite in (("råd", "rådet"), ("kluster", "klustret"), ("förbund", "förbundet"), ("förening", "föreningen")):
        if word.endswith(definite):
            return word[: -len(definite)] + bare
    return word


def _inside_unknown_name(text: str, start: int, places: set[str]) -> bool:
    """A capitalised word (not the first of the sentence, no place, no function word) right
    before a known name makes it part of a longer name."""
    before = text[:start]
    if not before.endswith(" "):
        return False
    words = before.split()
    if len(words) < 2 or re.search(r"[.!?:;,]$", words[-2]):
        return False
    word = words[-1]
    return word[:1].isupper() and word.isalpha() and word not in places and word.lower() not in _function_words()


# Endings of Swedish nouns in definite or plural form ("Kommunerna", "Företagen", "Aktörer")
INFLECTED_NOUN = re.compile(r"(?:na|er|ar|or|en|et)$")


def _bare_name_word(word: str, lexicon) -> bool:
    """"Saab och Ericsson deltar": a frequent word that opens a list of parties is a name when it
    is no inflected noun ("Kommunerna och Almi deltar") and no word the lexicon knows."""
    return not INFLECTED_NOUN.search(word.lower()) and not lexicon.classes_of(word.lower())


class ActorFinder:
    """Finds actor mentions in one document, discovering and resolving unknown actors."""

    def __init__(self, gazetteer: Gazetteer, county: str | None, region_id: str | None):
        self.gazetteer = gazetteer
        self.county = county
        self.region_id = region_id
        self.records: dict[str, ActorRecord] = {}
        self.matcher = PhraseMatcher()
        self.places = gazetteer.place_names()
        self._municipality_by_place = gazetteer.municipality_by_place()
        forms = gazetteer.forms(county)
        for form, actor_id in forms.items():
            self._add_form(form, actor_id)
        self._fuzzy_choices = {a.name: a.id for a in gazetteer.actors.values()}
        for actor in gazetteer.actors.values():
            for alias in actor.aliases:
                if len(alias) > 6:
                    self._fuzzy_choices.setdefault(alias, actor.id)
        self._mention_cache: dict[tuple[str, int], list[Mention]] = {}
        # the county's collective actors (lexicon `collectives`): id -> (record, pattern)
        self.collectives: dict[str, tuple[ActorRecord, re.Pattern]] = {}
        if county:
            from .words import get_lexicon

            for spec in get_lexicon().collectives:
                name = spec["name"].format(county=county)
                record = ActorRecord(slugify(name), name, spec["type"], list(spec.get("aliases") or []), county, "collective")
                self.collectives[record.id] = (record, re.compile(spec["pattern"], re.I))
        self.collective_id = next(iter(self.collectives), None)  # the municipalities, counterpart of 3.3

    # --- forms ------------------------------------------------------------------------
    def _add_form(self, form: str, actor_id: str) -> None:
        self.matcher.add(form, actor_id, case_sensitive=needs_case(form))

    def record(self, actor_id: str) -> ActorRecord:
        if actor_id not in self.records:
            if actor_id in self.collectives:
                collective = self.collectives[actor_id][0]
                self.records[actor_id] = ActorRecord(collective.id, collective.name, collective.type,
                                                     list(collective.aliases), collective.county, "collective")
            else:
                g: GazetteerActor = self.gazetteer.actors[actor_id]
                self.records[actor_id] = ActorRecord(
                    g.id, g.name, g.type, list(g.aliases), g.counties[0] if len(g.counties) == 1 else None
                )
        return self.records[actor_id]

    # --- discovery --------------------------------------------------------------------
    def resolve(self, name: str) -> str | None:
        """An existing actor id for this name, exact or fuzzy, or None."""
        name = name.strip(" ,.;:()”\"'")
        known = self.matcher.lookup(name) or self.matcher.lookup(_titlecase(name))
        if known:
            return known
        if len(name) < 6:
            return None
        best = process.extractOne(name, self._fuzzy_choices.keys(), scorer=fuzz.ratio, score_cutoff=92)
        if best:
            return self._fuzzy_choices[best[0]]
        definite = _definite(name)
        if definite != name:
            found = self.matcher.lookup(definite) or self.matcher.lookup(_titlecase(definite))
            if found:
                return found
        if " " not in name and not is_common_word(name):
            # "inkubatorn Fyren" is "Fyren Business Incubator" when that is the only such name.
            longer = [r.id for r in self.records.values() if r.method != "gazetteer" and r.name.startswith(name + " ")]
            if len(longer) == 1:
                return longer[0]
        return None

    def discover_name(self, name: str, actor_type: str, method: str) -> str | None:
        name = re.sub(r"\s+", " ", name.strip(" ,.;:()”\"'"))
        if len(name) < 3 or name in self.places or name.lower() in {"region", "regionen", "länet", "sverige"}:
            return None
        existing = self.resolve(name)
        if existing:
            self.record(existing)
            if existing not in self.gazetteer.actors and existing not in self.collectives:
                rec = self.records[existing]
                if name != rec.name and name not in rec.aliases:
                    rec.aliases.append(name)
                for form in inflections(name):
                    self._add_form(form, existing)
            return existing
        canonical = _titlecase(_definite(name)) if " " not in name else _titlecase(name)
        actor_id = slugify(canonical)
        aliases = [] if canonical == name else [name]
        self.records[actor_id] = ActorRecord(actor_id, canonical, actor_type, aliases, None, method)
        forms = {canonical, name}
        if " " not in name:
            forms.update({_indefinite(name), _indefinite(name).lower()})  # "tillväxtrådet" is also written "länets tillväxtråd"
        for form in forms:
            for inflected in inflections(form):
                self._add_form(inflected, actor_id)
        self._fuzzy_choices[canonical] = actor_id
        return actor_id

    def discover(self, sentences: list[Sentence]) -> None:
        for sentence in sentences:
            self._discover_suffixes(sentence.text)
            for m in APPOSITION.finditer(sentence.text):
                noun = m.group(1).lower()
                name = self._trim_name(m.group(2))
                if name:
                    actor = self.discover_name(name, APPOSITION_TYPES.get(noun, "other"), "apposition")
                    written = f"{m.group(1)} {name}"  # "Inkubatorn Kvarnhuset" names it too
                    if actor and actor in self.records and written[:1].isupper() and written not in self.records[actor].aliases:
                        self.records[actor].aliases.append(written)
                        for form in inflections(written):
                            self._add_form(form, actor)
        for sentence in sentences:
            self._discover_in_lists(sentence.text)
            self._discover_introduced_lists(sentence.text)
            self._discover_named_parties(sentence.text)
        self._merge_short_names()

    def _merge_short_names(self) -> None:
        """"Fyren" found alone is "Fyren Business Incubator" when that is the only longer name."""
        discovered = [r for r in self.records.values() if r.method != "gazetteer" and r.id not in self.collectives]
        for short in [r for r in discovered if " " not in r.name]:
            longer = [r for r in discovered if r is not short and r.name.startswith(short.name + " ")]
            if len(longer) != 1:
                continue
            target = longer[0]
            for alias in [short.name, *short.aliases]:
                if alias not in target.aliases:
                    target.aliases.append(alias)
            self.matcher.remap(short.id, target.id)
            del self.records[short.id]
    def _trim_name(self, name: str) -> str:
        words = name.rstrip(".,;:").split()
        while words and words[-1] in {"i", "för", "och", "ska", "de", "av"}:
            words.pop()
        return " ".join(words)

    def _discover_suffixes(self, text: str) -> None:
        tokens = tokenize(text)
        pointers = _pointer_words()
        for i, tok in enumerate(tokens):
            word = tok.text
            if word.lower() in pointers or not SUFFIX_HINT.search(word):
                continue  # "förbundet", "universitetet": words that point back, not names
            for pattern, actor_type in SUFFIX_TYPES:
                two = f"{tokens[i - 1].text} {word}" if i else word
                if not (pattern.search(word) or pattern.search(two)):
                    continue
                if NOT_ORG_SUFFIX.search(word):
                    break
                if " " in pattern.pattern or pattern.pattern.startswith("^"):
                    # A name ending in a separate word: extend left over capitalised words.
                    j = i - (1 if pattern.search(two) and not pattern.search(word) else 0)
                    k = j
                    while k > 0 and tokens[k - 1].text[:1].isupper() and tokens[k - 1].text.isalpha():
                        k -= 1
                        # "Borås Energi och Miljö AB": "och" between capitalised words of one name
                        if k > 1 and tokens[k - 1].text == "och" and tokens[k - 2].text[:1].isupper() \
                                and not self.matcher.find(tokens[k - 2].text) and actor_type == "company" \
                                and not SUFFIX_TYPES[0][0].match(tokens[k - 2].text):
                            k -= 1
                    if k == 0 and tokens[0].text.lower() in _function_words():
                        k = 1  # "Även Linköpings universitet": the sentence's first word is no part of the name
                    if k >= j:
                        break
                    name = text[tokens[k].start : tok.end]
                else:
                    # A compound ("Träklustret"), possibly with capitalised words before it.
                    coordinated = i >= 3 and tokens[i - 1].text == "och" and tokens[i - 2].text == "-" \
                        and tokens[i - 3].text[:1].isupper()  # "Forsknings- och utvecklingsråd"
                    if coordinated:
                        k = i - 3
                        while k > 0 and tokens[k - 1].text[:1].isupper() and tokens[k - 1].text.isalpha():
                            k -= 1
                        self.discover_name(text[tokens[k].start : tok.end], actor_type, "name-ending")
                        break
                    owned = i > 0 and tokens[i - 1].text.lower() in ("länets", "regionens", "kommunens")
                    if owned and not word[:1].isupper() and len(word) >= 6 and not is_common_word(word):
                        self.discover_name(_titlecase(_definite(word)), actor_type, "name-ending")
                        break  # "länets kompetensråd": the county's own council, named by its kind
                    if not word[:1].isupper() and (len(word) < 9 or _definite(word) != word):
                        break  # lowercase compounds name an actor only in definite form ("träklustret")
                    if is_common_word(word):
                        break  # "samrådet", "förbundet": ordinary nouns, not names
                    k = i
                    while k > 0 and tokens[k - 1].text[:1].isupper() and tokens[k - 1].text.isalpha() and word[:1].isupper():
                        k -= 1
                    if k == 0 and k != i and is_common_word(tokens[0].text):
                        k += 1
                    end = i
                    while word[:1].isupper() and end + 1 < len(tokens) and end - i < 3 \
                            and tokens[end + 1].text[:1].isupper() and tokens[end + 1].text.isalpha():
                        end += 1  # "Intresseföreningen Fjällvärlden"
                    name = text[tokens[k].start : tokens[end].end]
                self.discover_name(name, actor_type, "name-ending")
                break

    def _discover_in_lists(self, text: str) -> None:
        items = [s for s in LIST_SPLIT.split(text) if s]
        if len(items) < 3:
            return
        resolved = [(item, self.matcher.find(item)) for item in items]
        known = sum(1 for item, found in resolved if found and found[0].text == item.strip(" .()"))
        if known < 2:
            return
        for position, (item, found) in enumerate(resolved):
            item = re.sub(r"\s*\(.*?\)\s*", " ", item).strip(" .:;")
            if found or not CAPITALISED.match(item) or len(item.split()) > 5 or item in self.places:
                continue
            if is_common_word(item.split()[0]) and (position == 0 or " " not in item):
                continue  # a capitalised ordinary word opens a sentence; later items are names ("Jobba i Luleå")
            self.discover_name(item, self.type_of_name(item), "enumeration")

    def _discover_introduced_lists(self, text: str) -> None:
        """Names in a list that a party noun introduces ("sex företagsfrämjande aktörer:
        Coompanion, Connect Väst, Leap for Life och TEK Kompetens") are actors even when no
        item is known; the list ends at the first item that is no name."""
        from .words import get_lexicon

        words = get_lexicon()
        for m in WORD.finditer(text):
            intro = LIST_INTRO.match(text, m.end())
            if not intro or "party_noun" not in words.classes_of(m.group().lower()):
                continue
            rest = text[intro.end():]
            end = LIST_END.search(rest)
            for item in LIST_SPLIT.split(rest[: end.start()] if end else rest):
                item = re.sub(r"\s*\(.*?\)\s*", " ", item).strip(" .:;")
                if not item:
                    continue
                if not CAPITALISED.match(item) or len(item.split()) > 5:
                    break
                if item not in self.places and not self.matcher.find(item) and not is_common_word(item):
                    self.discover_name(item, self.type_of_name(item), "enumeration")

    def _discover_named_parties(self, text: str) -> None:
        """Unknown names that a clause makes parties (PARTIES_BEFORE_ROLE, PARTIES_AFTER_WITH):
        companies and organisations no gazetteer lists, named as partners, participants or
        co-financiers. Several capitalised words make a name ("Holmen Skog"); one word counts
        unless it opens the sentence and is an ordinary word ("Projektet", "Kommunen")."""
        from .words import get_lexicon

        words = get_lexicon()
        found: list[tuple[str, bool]] = []  # (the names, whether they open the sentence)
        for m in PARTIES_BEFORE_ROLE.finditer(text):
            roles = (m.group("role") or "").lower().split()  # the role word, or an adjective and it
            if m.group("verb") or any(words.classes_of(r) & {"partner_noun", "funder_noun"}
                                      or r.endswith(("partner", "partners", "partnern", "partnerna")) for r in roles):
                found.append((m.group("names"), not text[: m.start("names")].strip()
                              or text[: m.start("names")].rstrip()[-1:] in ".;:"))
        found += [(m.group("names"), False) for m in PARTIES_AFTER_WITH.finditer(text)]
        for names, opens in found:
            items = [item.strip(" .:;") for item in _join_company_names(LIST_SPLIT.split(names), names)]
            known_items = {item for item in items if (k := self.matcher.find(item)) and k[0].text == item}
            for position, item in enumerate(items):
                if not item or len(item.split()) > 5 or item in self.places or not CAPITALISED.match(item):
                    continue
                if item in known_items:
                    continue
                if any(w.lower() in _pointer_words() for w in item.split()):
                    continue
                first = item.split()[0]
                if " " in item and is_common_word(first) and (first.lower().endswith(("erna", "arna", "orna"))
                                                               or "party_noun" in words.classes_of(first.lower())):
                    continue  # "Kommunerna Bollnäs, Ovanåker och Söderhamn": a noun and places, no name
                # "Projektet deltar" opens with an ordinary word; "Saab och Ericsson deltar" names
                # a company beside a known one
                if " " not in item and position == 0 and opens and is_common_word(item) \
                        and not (len(items) > 1 and _bare_name_word(item, words)):
                    continue
                self.discover_name(item, self.type_of_name(item), "party")

    def type_of_name(self, name: str) -> str:
        words = name.split()
        for pattern, actor_type in SUFFIX_TYPES:
            if pattern.search(words[-1]) or pattern.search(" ".join(words[-2:])):
                return actor_type
        return "other"

    def _branch(self, text: str, key: str, start: int, end: int) -> tuple[str, int]:
        """A known name followed by capitalised words: a longer known name, a regional branch
        ("Coompanion Blekinge", an organisation of its own), or a local office that is the same
        organisation ("RISE Luleå", "Trafikverket Region Mitt")."""
        after = NAME_AFTER_NAME.match(text, end)
        if not after:
            return key, end
        words = after.group(0).split()
        if self.matcher.find(words[0]) and words[0] not in self.places:
            return key, end  # the next word opens another known name
        for n, word in enumerate(words):
            if word.lower() in ROLE_WORDS:
                words = words[:n]  # "Lunds universitet Lead Partner": a role, not the name
                break
        while words and words[-1] in ("of", "and", "for", "&"):
            words.pop()
        if not words:
            return key, end
        stop = end + after.group(0).index(words[-1]) + len(words[-1])
        candidate = text[start:stop]
        known = self.resolve(candidate)
        if known:
            return known, stop
        parent = self.record(key)
        only_places = all(w.rstrip("s") in self.places or w in self.places for w in words)
        if only_places and parent.type not in BRANCH_TYPES:
            return key, stop
        if not only_places and parent.type in PUBLIC_TYPES:
            return key, end  # "Region Halland Stockholms …": a public body's name is complete
        if words[0].lower() in _function_words():
            return key, end
        branch = self.discover_name(candidate, self.type_of_name(candidate) if not only_places else parent.type, "branch")
        if branch and self.record(branch).type == "other":
            self.records[branch].type = parent.type
        return (branch or key), stop

    def municipality_of_place(self, word: str) -> str | None:
        """"Eskilstuna" -> Eskilstuna kommun, "Östhammars" -> Östhammars kommun."""
        found = self._municipality_by_place.get(word)
        if found:
            self.record(found)
        return found

    # --- mentions ---------------------------------------------------------------------
    def mentions(self, text: str) -> list[Mention]:
        """The actors a sentence names (remembered per text until a new name is learnt)."""
        key = (text, self.matcher.version)
        if key not in self._mention_cache:
            self._mention_cache[key] = self._find_mentions(text)
        return list(self._mention_cache[key])

    def _find_mentions(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        for m in self.matcher.find(text):
            if _inside_unknown_name(text, m.start, self.places):
                continue  # "Business Region Örebro": a known name inside an unknown one
            if m.text.lower().startswith("region") and m.key == self.region_id and m.text[0].islower():
                if LOWERCASE_PREPOSITIONS.search(text[: m.start]):
                    continue  # "i regionen" is a place, not the organisation
            if m.text in self.places:
                continue
            key, end = self._branch(text, m.key, m.start, m.end) if m.text[:1].isupper() else (m.key, m.end)
            found.append(Mention(key, "actor", m.start, end, text[m.start : end]))
        for collective_id, (_, pattern) in self.collectives.items():
            taken = [(x.start, x.end) for x in found]
            for m in pattern.finditer(text):
                if not any(a <= m.start() < b for a, b in taken):
                    found.append(Mention(collective_id, "actor", m.start(), m.end(), m.group()))
        for mention in found:
            self.record(mention.id)
        return sorted(found, key=lambda x: x.start)
