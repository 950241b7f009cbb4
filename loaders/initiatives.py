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

from .actors import Mention, is_common_word, needs_case
from .matcher import PhraseMatcher, tokenize
from .sections import Layout
from .sentences import Sentence

PROJECT_ID_RE = re.compile(
    r"\b(Nyps|NYPS|Journalnummer|Ärendenummer|Ärende-id|Projektnummer|Diarienummer)\s*:\s*"
    r"(\d[\d-]{3,}\d(?:\s*,\s*\d[\d-]{3,}\d)*)"
)
TRIGGER_KINDS = {
    "projektet": "project", "projekten": "project", "projekt": "project", "programmet": "programme",
    "satsningen": "programme", "nätverket": "network", "förstudien": "study", "studien": "study",
    "strategin": "strategy", "initiativet": "project", "plattformen": "project", "konceptet": "project",
    "undersökningen": "study", "kartläggningen": "study", "utbildningen": "project", "handlingsplanen": "strategy",
    "samverkansprojektet": "project", "Projekt:": "project",
}
TRIGGER_RE = re.compile(r"(?i)\b(" + "|".join(re.escape(k) for k in TRIGGER_KINDS) + r")\s+")
VERB_OBJECT_RE = re.compile(
    r"(?i)\b(?:deltar|deltog|medverkar|medverkade)\s+(?:\w+\s+){0,2}?i\s+|\bsammankallande\s+(?:för|i)\s+|"
    r"\bansvarar\s+för\s+|\bleder\s+|\bdriver\s+"
)
NETWORK_NAME = re.compile(r"(?i)(partnerskap|nätverk|forum|plattform|allians|råd)")
QUOTED_RE = re.compile(r"^[”\"“']([^”\"“']{2,90})[”\"“']")
APPOSITION_RE = re.compile(
    r"([A-ZÅÄÖ][\w+.-]*(?:\s+[\w+.-]+){0,5}),\s+(?:ett|en)\s+(projekt|program|nätverk|satsning|förstudie|studie|initiativ|plattform)\b"
)
NETWORK_COMPOUND_RE = re.compile(r"\b([\wåäöÅÄÖ]{2,}-?nätverk(?:et)?)\b")
ABBREV_AFTER_RE = re.compile(r"^\s*\.?\s*\(([A-ZÅÄÖ][A-ZÅÄÖ0-9]{1,7})\)")
TITLE_CUT_RE = re.compile(r"\s+[–-]\s+|:\s|,\s*(?=Nyps)|\s+(?:är|har|ska|som|var|blir)\s+")
TITLE_PREFIX_RE = re.compile(r"^(?:Projekt|Projektnamn|Insats|Namn)\s*:\s*", re.I)
ANSWER_WORDS = {"Ja", "Nej", "Se", "Läs"}
ROW_STOP_WORDS = re.compile(
    r"^(Insatsen|Prestation|Förväntade|Förväntad|Effekt|Effekter|Lång sikt|På lång sikt|Kort sikt|Resultat|Syftet|Målet|"
    r"Ett |En |Det |De |Detta|Dessa|Under|Genom|Projektet|Inom|Samma som|Medfinansiering|Se |Läs )"
)
CONNECTORS = {"i", "och", "för", "av", "på", "&", "-", "–", "till"}
NAME_STOP = {
    "som", "har", "är", "med", "inom", "och", "under", "via", "vid", "ska", "kommer", "där", "samt", "men",
    "eller", "att", "kan", "har", "hade", "var", "blev", "blir", "genom", "mellan", "från", "till", "om",
}
VERB_FORM = re.compile(r"\w+(?:its|ats|ades|erades|ierats|ieras|eras|drivs|bedrivs)$")
KIND_WORDS = {"project": "projekt", "programme": "program", "network": "nätverk", "strategy": "strategi", "study": "studie"}


@dataclass
class InitiativeRecord:
    id: str
    name: str
    kind: str
    nyps: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    method: str = "pattern"


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.;:()”\"“'–-")


def capture_name(text: str, start: int) -> tuple[str, int] | None:
    """A proper name starting at `start`: quoted, or capitalised words with numbers and connectors."""
    quoted = QUOTED_RE.match(text[start:])
    if quoted:
        return _clean(quoted.group(1)), start + quoted.end()
    tokens = tokenize(text[start:])
    if not tokens or not (tokens[0].text[:1].isupper() or tokens[0].text[:1].isdigit()):
        return None
    taken = [tokens[0]]
    definite = tokens[0].text.endswith(("et", "en"))
    for i in range(1, len(tokens)):
        tok = tokens[i].text
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if tok[:1].isupper() or any(ch.isdigit() for ch in tok) or tok in {"+"}:
            taken.append(tokens[i])
        elif tok in CONNECTORS and (nxt[:1].isupper() or any(ch.isdigit() for ch in nxt)):
            taken.append(tokens[i])
        elif definite and tok in {"för", "inom"} and nxt.isalpha() and len(taken) == 1:
            taken.extend(tokens[i : i + 2])  # "Partnerskapet för landsbygdsutveckling"
            break
        elif tok.isalpha() and tok.islower() and tok not in NAME_STOP and not VERB_FORM.match(tok) and len(taken) < 3:
            taken.append(tokens[i])  # "Fjällnära hållbarhet", "Digital kompetens 60+"
        else:
            break
        if len(taken) >= 8:
            break
    while taken and taken[-1].text in CONNECTORS:
        taken.pop()
    if not taken:
        return None
    end = start + taken[-1].end
    return _clean(text[start:end]), end


class InitiativeFinder:
    def __init__(self, actor_ids: set[str], is_known_actor):
        self.records: dict[str, InitiativeRecord] = {}
        self.by_project_id: dict[str, str] = {}
        self.matcher = PhraseMatcher()
        self.row_of_line: dict[int, str] = {}
        self._actor_ids = actor_ids
        self._is_known_actor = is_known_actor

    # --- records ----------------------------------------------------------------------
    def add(self, name: str, kind: str, method: str, nyps: list[str] | None = None, alias: str | None = None) -> str | None:
        name = _clean(name)
        words = name.split()
        if len(name) < 3 or len(words) > 12 or words[0] in ANSWER_WORDS or self._is_known_actor(name):
            return None
        if kind != "area" and len(words) == 1 and not name.isupper() and is_common_word(name):
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

    def discover_text(self, sentences: list[Sentence]) -> None:
        for sentence in sentences:
            text = sentence.text
            for m in TRIGGER_RE.finditer(text):
                captured = capture_name(text, m.end())
                if not captured:
                    continue
                name, end = captured
                abbrev = ABBREV_AFTER_RE.match(text[end:])
                self.add(name, TRIGGER_KINDS.get(m.group(1).lower(), "project"), "trigger-noun", alias=abbrev.group(1) if abbrev else None)
            for m in VERB_OBJECT_RE.finditer(text):
                captured = capture_name(text, m.end())
                if captured and (len(captured[0].split()) > 1 or not is_common_word(captured[0])):
                    kind = "network" if NETWORK_NAME.search(captured[0].split()[0]) else "project"
                    self.add(captured[0], kind, "verb-object")
            for m in APPOSITION_RE.finditer(text):
                words = m.group(1).split()
                while words and not words[0][:1].isupper():
                    words.pop(0)
                kind = next((k for k, v in KIND_WORDS.items() if m.group(2).startswith(v)), "project")
                self.add(" ".join(words), kind, "apposition")
            for m in NETWORK_COMPOUND_RE.finditer(text):
                word = m.group(1)
                if word.lower() in {"nätverk", "nätverket"} or len(word) < 10:
                    continue
                definite = word if word.endswith("et") else word + "et"
                self.add(definite[:1].upper() + definite[1:], "network", "network-compound", alias=word)

    # --- mentions ---------------------------------------------------------------------
    def mentions(self, text: str) -> list[Mention]:
        return [Mention(m.key, "initiative", m.start, m.end, m.text) for m in self.matcher.find(text)]
