"""Initiatives: named projects, programmes, networks, strategies and studies, and the areas
that are co-financed without a named initiative.

Sources, all general Swedish report patterns:
- the template's flattened tables of "insatser": a project id line ("Nyps: 209206",
  "Journalnummer: 2017-5175-1") belongs to the row whose title is the nearest title-like line above;
- running text: "projektet ”X”", "projektet FRAM 2.0", "programmet X", "X, ett projekt som …",
  "Projekt: X";
- network compounds: "turismnätverk", "EU-nätverket" -> "Turismnätverket".
The same initiative met in several sections (same name or a shared project id) is one node.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from samverkan.graph.ids import slugify

from .actors import ActorFinder, Mention, is_common_word, needs_case
from .matcher import PhraseMatcher
from .sections import Layout
from .sentences import Sentence

PROJECT_ID_RE = re.compile(
    r"\b(Nyps|NYPS|Journalnummer|Ärendenummer|Ärende-id|Projektnummer|Diarienummer)\s*:\s*"
    r"(\d[\d-]{3,}\d(?:\s*,\s*\d[\d-]{3,}\d)*)"
)
VERB_OBJECT_RE = re.compile(
    r"(?i)\b(?:deltar|deltog|medverkar|medverkade)\s+(?:\w+\s+){0,2}?i\s+|\bsammankallande\s+(?:för|i)\s+|"
    r"\bansvarar\s+för\s+|\bleder\s+|\bdriver\s+"
)
NETWORK_NAME = re.compile(r"(?i)(partnerskap|nätverk|forum|plattform|allians|råd)")
# "Samhällskontraktet, en samverkansarena som …": a name, then "ett/en" and a kind noun (lexicon)
APPOSITION_RE = re.compile(r"([A-ZÅÄÖ][\w+.-]*(?:\s+[\w+.-]+){0,5}),\s+(?:ett|en)\s+([a-zåäö-]+)(?:\s+([a-zåäö-]+))?")
# "Ölands vattenlyft ska minska …": a short name opening a sentence, then what a project does
TOPIC_SUBJECT_RE = re.compile(
    r"^([A-ZÅÄÖ][\w&.+:'-]*(?:\s+[\w&.+:'–-]+){0,5}?)\s+(?:ska|skall|syftar|vill|siktar|har som mål|pågår|startade|"
    r"startar|riktar sig|handlar om|är ett|är en)\b"
)
# "(Nyps 20203105)", "(dnr 2019-1234)": a project id in brackets after a name
ID_IN_BRACKETS_RE = re.compile(r"\(\s*(?:Nyps|NYPS|Projektnummer|Journalnummer|Ärendenummer|dnr|Dnr)\.?\s*:?\s*(\d[\d-]{3,}\d(?:\s*,\s*\d[\d-]{3,}\d)*)\s*\)")
# "X är ett projekt", "X utgörs av två projekt": a name opening a sentence, then a kind noun.
COPULA_KIND_RE = re.compile(
    r"^((?:[A-ZÅÄÖ0-9][\w&.+:'-]*)(?:\s+[\w&.+:'–-]+){0,7}?)\s+(?:är|var|blir|blev|utgörs\s+av|består\s+av)\s+"
    r"(?:ett|en|två|tre|fyra|fem|flera|det)\s+(?:[a-zåäö-]+\s+){0,2}?([a-zåäö-]+)\b"
)
# "två projekt, A och B": the names listed after a number and a plural kind noun.
KIND_LIST_RE = re.compile(r"\b(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d+)\s+(?:[a-zåäö]+\s+)?([a-zåäö-]+),\s+")
NETWORK_COMPOUND_RE = re.compile(r"\b([\wåäöÅÄÖ]{2,}-?nätverk(?:et)?)\b")
TITLE_CUT_RE = re.compile(r"\s+[–-]\s+|:\s|,\s*(?=Nyps)|\s+(?:är|har|ska|som|var|blir)\s+")
TITLE_PREFIX_RE = re.compile(r"^(?:Projekt|Projektnamn|Insats|Namn)\s*:\s*", re.I)
ANSWER_WORDS = {"Ja", "Nej", "Se", "Läs"}
ROW_STOP_WORDS = re.compile(
    r"^(Insatsen|Prestation|Förväntade|Förväntad|Effekt|Effekter|Lång sikt|På lång sikt|Kort sikt|Resultat|Syftet|Målet|"
    r"Ett |En |Det |De |Detta|Dessa|Under|Genom|Projektet|Inom|Samma som|Medfinansiering|Se |Läs )"
)


@dataclass
class InitiativeRecord:
    id: str
    name: str
    kind: str
    nyps: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    method: str = "pattern"


def _clean(name: str) -> str:
    """Whitespace collapsed, stray punctuation off the ends; a closing bracket that closes one
    inside the name stays ("Mälardalens högskola (verksamhet)")."""
    name = re.sub(r"\s+", " ", name).strip(" ,.;:(”\"“'–-")
    while name.endswith(")") and name.count("(") < name.count(")"):
        name = name[:-1].rstrip(" ,.;:(”\"“'–-")
    return name


class InitiativeFinder:
    def __init__(self, actor_ids: set[str], is_known_actor, places: frozenset[str] = frozenset()):
        self.records: dict[str, InitiativeRecord] = {}
        self.by_project_id: dict[str, str] = {}
        self.matcher = PhraseMatcher()
        self.row_of_line: dict[int, str] = {}
        self._actor_ids = actor_ids
        self._is_known_actor = is_known_actor
        self._places = places  # a place ("Östra Mellansverige") is no initiative

    # --- records ----------------------------------------------------------------------
    def add(self, name: str, kind: str, method: str, nyps: list[str] | None = None, alias: str | None = None,
            certain: bool = False) -> str | None:
        """Record an initiative (or find the one it is). `certain` where the text says it is one
        ("X, en samverkansarena", "X (Nyps 123)"), so a name that is also a common word counts."""
        name = _clean(name)
        words = name.split()
        if len(name) < 3 or len(words) > 12 or words[0] in ANSWER_WORDS or (self._is_known_actor(name) and not certain) \
                or name in self._places:
            return None
        if kind != "area" and len(words) == 1 and not name.isupper() and is_common_word(name) and not certain:
            return None
        nyps = nyps or []
        existing = next((self.by_project_id[n] for n in nyps if n in self.by_project_id), None)
        existing = existing or self.matcher.lookup(name)
        if existing:
            rec = self.records[existing]
            if name != rec.name and name not in rec.aliases and not name.startswith(rec.name):
                rec.aliases.append(name)
        else:
            base = slugify(name)
            initiative_id = base if base not in self._actor_ids else f"{base}-insats"
            rec = self.records.setdefault(initiative_id, InitiativeRecord(initiative_id, name[:1].upper() + name[1:], kind, method=method))
        for n in nyps:
            if n not in rec.nyps:
                rec.nyps.append(n)
            self.by_project_id[n] = rec.id
        for form in {name, alias} - {None}:
            self.matcher.add(form, rec.id, case_sensitive=needs_case(form))
            if form is alias and form not in rec.aliases:
                rec.aliases.append(form)
        return rec.id

    def scope_ids(self, region_scope: str, doc_scope: str) -> dict[str, str]:
        """Give every initiative its stored id and return old id -> new id.

        A project id joins across reports: "projekt-209206". Without one, a named initiative
        belongs to the reporting region ("region-vastmanland--bruk-2-0": the same name in two
        regions is two initiatives, in two years of one region one), and an area or an activity
        to its document ("region-vastmanland-2019--innovation")."""
        renamed = {}
        for rec in list(self.records.values()):
            if rec.nyps:
                new = f"projekt-{slugify(rec.nyps[0])}"
            elif rec.kind in ("area", "activity"):
                new = f"{doc_scope}--{rec.id}"
            else:
                new = f"{region_scope}--{rec.id}"
            renamed[rec.id] = new
        self.records = {renamed[old]: rec for old, rec in self.records.items()}
        for old, rec in self.records.items():
            rec.id = old
        self.by_project_id = {n: renamed.get(i, i) for n, i in self.by_project_id.items()}
        self.matcher.remap_all(renamed)
        return renamed

    def area(self, name: str) -> str | None:
        """An area co-financed without a named initiative ("energieffektivisering")."""
        return self.add(name, "area", "area")

    # --- discovery --------------------------------------------------------------------
    def discover_tables(self, lines: list[str], layout: Layout) -> None:
        """Project id lines and the table rows they belong to."""
        rows: list[tuple[int, int, str]] = []
        for index, line in enumerate(lines):
            m = PROJECT_ID_RE.search(line)
            if not m or layout.lines[index].template:
                continue
            ids = [x.strip() for x in m.group(2).split(",")]
            if line[: m.start()].rstrip().endswith("("):
                named = self.matcher.find(line[: m.start()])
                if named:
                    self.add(self.records[named[-1].key].name, "project", "table", ids)
                    continue
            before = _clean(line[: m.start()])
            title_line = index
            if not before or not before[:1].isupper():
                title_line, before = self._title_above(lines, layout, index)
            if not before:
                continue
            before = TITLE_PREFIX_RE.sub("", before)
            abbrev = re.search(r"\(([A-ZÅÄÖ][A-ZÅÄÖ0-9]{1,7})\)", before)
            name = TITLE_CUT_RE.split(re.sub(r"\s*\([^)]*\)", "", before))[0]
            initiative_id = self.add(name, "project", "table", ids, alias=abbrev.group(1) if abbrev else None)
            if initiative_id:
                rows.append((title_line, index, initiative_id))
        rows.sort()
        for n, (title_line, id_line, initiative_id) in enumerate(rows):
            next_title = rows[n + 1][0] if n + 1 < len(rows) else len(lines)
            self._mark_row(lines, layout, title_line, id_line, next_title, initiative_id)

    def _title_above(self, lines: list[str], layout: Layout, index: int) -> tuple[int, str]:
        for j in range(index - 1, max(-1, index - 30), -1):
            text = lines[j].strip()
            if not text:
                continue
            if layout.lines[j].template or PROJECT_ID_RE.search(text):
                break
            words = text.split()
            previous = next((lines[k].strip() for k in range(j - 1, max(-1, j - 4), -1) if lines[k].strip()), "")
            starts_row = (
                not previous
                or previous.endswith((".", "!", "?"))
                or layout.lines[j - 1].template
                or " – " in text
            )
            head = TITLE_PREFIX_RE.sub("", text)
            colon_title = ": " in head and len(head.split(": ")[0].split()) <= 6
            if (
                text[:1].isupper()
                and (len(words) <= 8 or colon_title)
                and not text.endswith((".", ",", ";", "?"))
                and not ROW_STOP_WORDS.match(text)
                and starts_row
            ):
                following = next((lines[k].strip() for k in range(j + 1, index) if lines[k].strip()), "")
                if not colon_title and following[:1].islower() and len(following.split()) <= 6 and not following.endswith("."):
                    text = f"{text} {following}"  # a title wrapped onto a second line
                return j, text
        return index, ""

    def _mark_row(self, lines, layout, start: int, id_line: int, next_title: int, initiative_id: str) -> None:
        """Lines of a table row: from its title down to the next row's title or template text."""
        end = id_line
        for j in range(id_line + 1, min(next_title, id_line + 60)):
            if layout.lines[j].template or PROJECT_ID_RE.search(lines[j]):
                break
            end = j
        for j in range(start, end + 1):
            self.row_of_line[j + 1] = initiative_id

    def discover_text(self, sentences: list[Sentence], actors: "ActorFinder") -> None:
        """Names in running text, read with the same phrase reader the rules use: after an
        initiative noun ("projektet X", "samverkansprojektet ”Y”"), as the object of taking part
        or leading ("deltar i X"), in appositions ("X, ett projekt som …"), as the subject of
        "X är ett projekt" / "X utgörs av två projekt, A och B", and network compounds."""
        from .analysis import analyse_names
        from .phrases import PREPOSITIONS, PhraseReader
        from .words import get_lexicon

        lexicon = get_lexicon()
        for n, sentence in enumerate(sentences):
            a = analyse_names(sentence, actors)
            reader = PhraseReader(a, lexicon, frozenset(actors.places))
            text = sentence.text
            for i, tok in enumerate(a.tokens[:-1]):
                kind = lexicon.initiative_kind(tok.text)
                definite = lexicon.lemma(tok.text) != tok.text.lower() or a.tokens[i + 1].text == ":"
                if not kind or not definite:
                    continue
                if i > 0 and tok.text[:1].isupper() and lexicon.head(tok.text) != lexicon.lemma(tok.text) \
                        and reader.name_starts(i + 1) and not reader.actor_at(i):
                    # "öppnar Batterilabbet Umeå": a capitalised compound of a kind noun
                    # mid-sentence opens the name
                    self._add_read(reader.read_name(i, len(a.tokens)), kind, "trigger-noun")
                    continue
                start = i + 2 if a.tokens[i + 1].text == ":" else i + 1
                if start < len(a.tokens) and reader.name_starts(start):
                    single = not tok.text.lower().endswith(("na", "projekten"))  # one name, not a list
                    named = reader.read_name(start, len(a.tokens), single=single)
                    actor = next((m for m in a.actors if m.start == a.tokens[start].start), None)
                    # "projektet Leader Linné": after a kind noun, a name is the project's, unless it is
                    # exactly a gazetteer organisation's
                    if named and (actor is None or named[1] > actor.end or actor.id not in actors.gazetteer.actors):
                        self._add_read(named, kind, "trigger-noun", certain=actor is not None)
            for m in VERB_OBJECT_RE.finditer(text):
                start = a.token_index(m.end())
                if a.tokens[start].start == m.end() and reader.name_starts(start) and not reader.actor_at(start):
                    named = reader.read_name(start, len(a.tokens))
                    if named and (len(named[0].split()) > 1 or not is_common_word(named[0])):
                        kind = "network" if NETWORK_NAME.search(named[0].split()[0]) else "project"
                        self._add_read(named, kind, "verb-object")
            for m in APPOSITION_RE.finditer(text):
                kind = lexicon.initiative_kind(m.group(2)) or (m.group(3) and lexicon.initiative_kind(m.group(3)))
                if not kind or kind == "activity":
                    continue
                words = m.group(1).split()
                while words and not words[0][:1].isupper():
                    words.pop(0)
                lower = [k for k, w in enumerate(words[:-1]) if w[:1].islower()]
                if words and words[0].lower() in PREPOSITIONS and lower:
                    words = words[lower[-1] + 1 :]  # "I vår öppnar Batterilabbet Umeå, en …"
                start = a.token_index(m.start(1) + m.group(1).index(words[0])) if words else None
                if start is not None and not reader.actor_at(start):
                    self.add(" ".join(words), kind, "apposition", certain=True)
            self._discover_copula(a, reader, lexicon)
            self._discover_before_ids(a, lexicon)
            self._discover_topic_subject(sentences, n, a, reader, lexicon)
            for m in NETWORK_COMPOUND_RE.finditer(text):
                word = m.group(1)
                if word.lower() in {"nätverk", "nätverket"} or len(word) < 10:
                    continue
                definite = word if word.endswith("et") else word + "et"
                self.add(definite[:1].upper() + definite[1:], "network", "network-compound", alias=word)

    def _add_read(self, named, kind: str, method: str, certain: bool = False) -> None:
        if named:
            name, _, aliases, ids = named
            self.add(name, kind, method, list(ids), alias=aliases[0] if aliases else None, certain=certain)

    def _discover_topic_subject(self, sentences: list[Sentence], n: int, a, reader, lexicon) -> None:
        """"Ölands vattenlyft ska minska vattenbristen … Projektet drivs av …": a name opening a
        sentence with "ska", "syftar", "vill", … is the initiative the next sentences call
        "Projektet" (only when one of the next three does)."""
        from .phrases import PREPOSITIONS

        m = TOPIC_SUBJECT_RE.match(a.sentence.text)
        if not m or reader.actor_at(0) or a.places and a.places[0].start == 0:
            return
        first = a.tokens[0].text.lower()
        name = m.group(1)
        if first in PREPOSITIONS:
            # "I Örebro startar nu Testbädd för batteriåtervinning": an adverbial opens the
            # sentence, and the subject follows the verb
            k = next((j for j, t in enumerate(a.tokens) if t.start >= m.end()), len(a.tokens))
            while k < len(a.tokens) and a.tokens[k].text.lower() in lexicon.lists["subject_gap"]:
                k += 1
            named = reader.read_name(k, len(a.tokens)) if k < len(a.tokens) and reader.name_starts(k) \
                and not reader.actor_at(k) else None
            if not named:
                return
            name = named[0]
        if first in lexicon.lists["determiners"] or first in lexicon.actor_anaphora or lexicon.initiative_kind(first) \
                or first in lexicon.initiative_anaphora:
            return
        later = " ".join(s.text for s in sentences[n + 1 : n + 4] if s.section == a.sentence.section).lower().split()
        if any(w.strip(".,;:") in lexicon.initiative_anaphora for w in later):
            self.add(name, "project", "topic-subject")

    def _discover_before_ids(self, a, lexicon) -> None:
        """"Klimatkraft Gävleborg (Nyps 20203105)": a name with a project id after it is an
        initiative. The name is read backwards to a verb, a kind noun or punctuation."""
        from .clauses import is_finite_verb

        for m in ID_IN_BRACKETS_RE.finditer(a.sentence.text):
            end = a.token_index(m.start()) - 1
            k = end
            while k >= 0:
                tok = a.tokens[k].text
                lower = tok.lower()
                if not re.search(r"\w", tok) or is_finite_verb(tok, lexicon) or lower in lexicon.lists["boundaries"] \
                        or (lexicon.initiative_kind(tok) and tok[:1].islower()) or (k < end and tok[:1].islower()
                                                                                    and lower in ("är", "om", "av", "till", "med", "för", "i")):
                    break
                k -= 1
            start = k + 1
            while start <= end and (not a.tokens[start].text[:1].isupper() or a.tokens[start].text in ("I", "Inom", "För")):
                start += 1
            if start <= end:
                name = a.sentence.text[a.tokens[start].start : a.tokens[end].end]
                ids = [x.strip() for x in m.group(1).split(",")]
                self.add(name, "project", "project-id", ids, certain=True)

    def _discover_copula(self, a, reader, lexicon) -> None:
        """"Förädlingsmackapären utgörs av två projekt, A och B", "Kunskapsbron är ett projekt för …":
        the subject, and the projects listed after a plural kind noun, are initiatives."""
        text = a.sentence.text
        m = COPULA_KIND_RE.match(text)
        if m and lexicon.initiative_kind(m.group(2)) and not reader.actor_at(0) and reader.name_starts(0):
            subject = m.group(1).strip()
            if not is_common_word(subject.split()[0]) or len(subject.split()) > 1:
                self.add(subject, lexicon.initiative_kind(m.group(2)) or "project", "copula")
        for listing in KIND_LIST_RE.finditer(text):
            if not lexicon.initiative_kind(listing.group(1)):
                continue
            start = a.token_index(listing.end())
            while start < len(a.tokens) and reader.name_starts(start) and not reader.actor_at(start):
                named = reader.read_name(start, len(a.tokens))
                if not named:
                    break
                self._add_read(named, lexicon.initiative_kind(listing.group(1)) or "project", "kind-list")
                nxt = a.token_index(named[1])
                while nxt < len(a.tokens) and a.tokens[nxt].start < named[1]:
                    nxt += 1
                if nxt < len(a.tokens) and a.tokens[nxt].text in (",", "och", "samt"):
                    start = nxt + 1
                else:
                    break

    # --- mentions ---------------------------------------------------------------------
    def mentions(self, text: str) -> list[Mention]:
        return [Mention(m.key, "initiative", m.start, m.end, m.text) for m in self.matcher.find(text)]
