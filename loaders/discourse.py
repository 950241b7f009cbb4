"""What the sentences before have said: the memory that resolves references.

- actor anaphora: "Förbundet", "universitetet", "kommunen", "regionen", "vi" -> the actor named
  before whose name contains the noun's stem or whose type fits (lexicon `actor_anaphora`);
- initiative anaphora: "Projektet", "förstudien", "testbädden" -> the initiative named before
  whose name contains the noun, else the paragraph's topic;
- "de tre kommunerna" -> the municipalities just listed;
- "Partnerskapet", "Samarbetet" -> the collaboration between the two parties just named;
- the topic: the initiative a paragraph is about (its subject, else the last one named);
- programme funders: "I juni beviljades elva projekt 60 miljoner kronor från ESF och ERUF"
  makes ESF and ERUF the funders of each project the next sentences name.
References reach back a few sentences inside one section, never across sections.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from samverkan.graph.folding import fold

from .actors import Mention
from .analysis import DE_N_KOMMUNERNA, NUMERAL_WORDS, Analysis
from .clauses import is_finite_verb
from .phrases import PREPOSITIONS, enumerations
from .words import Lexicon

WINDOW = 6  # sentences a reference reaches back


@dataclass
class ProgrammeFunding:
    funders: list[str]
    sentence: int
    line: int


@dataclass
class Discourse:
    lexicon: Lexicon
    actor_type: Callable[[str], str]
    initiative_name: Callable[[str], str]
    initiative_kind: Callable[[str], str]
    make_initiative: Callable[[str, str], str | None]
    actor_name: Callable[[str], str]
    region_id: str | None
    is_report: bool
    scope: str = ""
    index: int = 0
    recent_actors: list[tuple[int, Mention]] = field(default_factory=list)
    recent_initiatives: list[tuple[int, str]] = field(default_factory=list)
    topic: tuple[int, str] | None = None
    municipalities: tuple[int, list[str]] | None = None
    pair: tuple[int, tuple[str, str]] | None = None
    programme: ProgrammeFunding | None = None
    collaboration_initiatives: dict[str, tuple[str, str]] = field(default_factory=dict)
    organs: dict[str, str] = field(default_factory=dict)  # organ noun (lemma or head) -> its actor

    # --- scope ------------------------------------------------------------------------
    def begin(self, section: str) -> None:
        """A new sentence; a new section forgets everything."""
        if section != self.scope:
            self.scope = section
            self.recent_actors.clear()
            self.recent_initiatives.clear()
            self.topic = self.municipalities = self.pair = self.programme = None
            self.organs.clear()
        self.index += 1

    def fresh(self, when: int) -> bool:
        return self.index - when <= WINDOW

    # --- resolution -------------------------------------------------------------------
    def resolve(self, a: Analysis) -> None:
        """Add the mentions that anaphora in the sentence stand for."""
        taken = a.mentions()
        added_actors: list[Mention] = []
        added_initiatives: list[Mention] = []
        for i, tok in enumerate(a.tokens):
            if any(m.start <= tok.start < m.end for m in taken):
                continue
            lower = tok.text.lower()
            word = lower[:-1] if lower.endswith("s") and lower[:-1] in self.lexicon.initiative_anaphora else lower
            following = a.tokens[i + 1].text if i + 1 < len(a.tokens) else ""
            names_follow = following[:1].isupper() or following[:1] in "”\"“" or following[:1].isdigit()
            classifier = i + 1 < len(a.tokens) and any(m.start == a.tokens[i + 1].start for m in taken)
            if word in self.lexicon.actor_anaphora and not classifier:
                actor = self._actor_for(word, a, tok.start)
                if actor:
                    added_actors.append(Mention(actor, "actor", tok.start, tok.end, tok.text, via="anaphora"))
                    continue
            if word in self.lexicon.collaboration_anaphora and self.pair and self.fresh(self.pair[0]) \
                    and tok.text[:1].isupper():
                initiative = self._collaboration(*self.pair[1])
                if initiative:
                    added_initiatives.append(Mention(initiative, "initiative", tok.start, tok.end, tok.text, via="anaphora"))
                continue
            if word in self.lexicon.initiative_anaphora and not names_follow and not self._introduces(a, i):
                earlier = [m.id for m in a.initiatives if m.end <= tok.start and m.via != "anaphora"]
                initiative = self._initiative_for(word, earlier)
                if initiative:
                    added_initiatives.append(Mention(initiative, "initiative", tok.start, tok.end, tok.text, via="anaphora"))
        for m in list(a.actors):
            match = DE_N_KOMMUNERNA.match(m.text)
            # "Kommunerna bidrar med …" right after a sentence that listed municipalities: those
            just_listed = m.text.lower() == "kommunerna" and self.municipalities and self.index - self.municipalities[0] <= 1
            if (match or just_listed) and self.municipalities and self.fresh(self.municipalities[0]):
                listed = self.municipalities[1]
                n = NUMERAL_WORDS.get(match.group(1).lower()) if match else None
                if n is None or n == len(listed):
                    a.actors.remove(m)
                    added_actors += [Mention(x, "actor", m.start, m.end, m.text, via="anaphora") for x in listed]
        a.actors = sorted(a.actors + added_actors, key=lambda m: (m.start, m.id))
        a.initiatives = sorted(a.initiatives + added_initiatives, key=lambda m: m.start)

    def _introduces(self, a: Analysis, i: int) -> bool:
        """"det nya pilotprojektet arbetsplatsintegrerat lärande": a kind noun that introduces a
        new initiative (after "ny", or before a lowercase name), not one that points back."""
        before = [t.text.lower() for t in a.tokens[max(0, i - 2) : i]]
        if any(w in ("ny", "nya", "nytt") for w in before):
            return True
        if i + 1 >= len(a.tokens):
            return False
        nxt = a.tokens[i + 1].text
        lists = self.lexicon.lists
        return nxt.isalpha() and nxt.islower() and nxt not in lists["determiners"] and nxt not in lists["boundaries"] \
            and nxt not in PREPOSITIONS and nxt not in lists["subject_gap"] and not is_finite_verb(nxt, self.lexicon)

    def _actor_for(self, word: str, a: Analysis, pos: int) -> str | None:
        spec = self.lexicon.actor_anaphora[word]
        if spec.get("reporting"):
            return self.region_id if self.is_report else None
        if word == "regionen" and a.text[:pos].rstrip().lower().endswith((" i", " inom", " hela", " över")):
            return None  # "i regionen" is a place
        # a member of a long list in the same sentence is not what "rådet" points back at
        # ("Förutom A ingår B, C, D och Länets tillväxtråd i rådet")
        listed = {id(m) for run in enumerations(a, a.actors) if len(run) >= 3 for m in run}
        before = [m for m in a.actors if m.end <= pos and id(m) not in listed]
        candidates = list(reversed(before)) + [m for _, m in reversed(self.recent_actors)]
        stem = spec.get("stem") or ""
        types = set(spec.get("types") or [])
        if stem:
            for m in candidates:
                if stem in m.text.lower():
                    return m.id
        for m in candidates:
            if self.actor_type(m.id) in types:
                return m.id
        if "region" in types and self.region_id and word == "regionen":
            return self.region_id
        return None

    def _initiative_for(self, word: str, earlier: list[str] | None = None) -> str | None:
        """"förstudien", "projektet": the one named earlier in the same sentence, else the last
        of that name or kind, else (for generic words) the paragraph's topic."""
        earlier = list(dict.fromkeys(reversed(earlier or [])))
        if len(earlier) == 1:
            return earlier[0]
        head = self.lexicon.head(word)
        recent = earlier + [i for when, i in reversed(self.recent_initiatives) if self.fresh(when)]
        generic = head in ("projekt", "satsning", "program", "arbete", "insats", "initiativ")
        if not generic:
            # "förstudien", "testbädden": the last initiative of that name or kind, or nothing
            for initiative in recent:
                if fold(head) in fold(self.initiative_name(initiative)):
                    return initiative
            kind = self.lexicon.initiative_kind(word)
            for initiative in recent:
                if kind and kind != "activity" and self.initiative_kind(initiative) == kind:
                    return initiative
            return None
        if self.topic and self.fresh(self.topic[0]):
            return self.topic[1]
        return recent[0] if recent else None

    def _collaboration(self, a: str, b: str) -> str | None:
        names = sorted(self.actor_name(x) for x in (a, b))
        initiative = self.make_initiative(f"Partnerskapet mellan {names[0]} och {names[1]}", "network")
        if initiative:
            self.collaboration_initiatives[initiative] = (a, b)
        return initiative

    # --- memory -----------------------------------------------------------------------
    def observe(self, a: Analysis, subject_initiative: str | None, targets: list[str], pairs: list[tuple[str, str]]) -> None:
        """Remember what this sentence named, after its facts were read."""
        self._observe_organs(a)
        for m in a.actors:
            self.recent_actors.append((self.index, m))
        self.recent_actors = [(w, m) for w, m in self.recent_actors if self.fresh(w)]
        municipalities = [m.id for m in a.actors if self.actor_type(m.id) == "municipality" and m.via != "anaphora"]
        if len(dict.fromkeys(municipalities)) >= 2:
            self.municipalities = (self.index, list(dict.fromkeys(municipalities)))
        for m in a.initiatives:
            self.recent_initiatives.append((self.index, m.id))
        if subject_initiative:
            self.topic = (self.index, subject_initiative)
        elif targets:
            self.topic = (self.index, targets[0])
        elif a.initiatives and (self.topic is None or not self.fresh(self.topic[0])):
            self.topic = (self.index, a.initiatives[-1].id)
        if pairs:
            self.pair = (self.index, pairs[-1])

    def _observe_organs(self, a: Analysis) -> None:
        """"regionala utvecklingsnämnden i Region Gävleborg", "Kommunstyrelsen i Jokkmokks kommun":
        the organ's later "Nämnden beslutar …" acts for that actor."""
        for i, tok in enumerate(a.tokens[:-2]):
            if not self.lexicon.is_a(tok.text, "organ_noun") or a.tokens[i + 1].text.lower() not in ("i", "för", "inom", "hos"):
                continue
            actor = next((m for m in a.actors if m.start == a.tokens[i + 2].start and m.via != "anaphora"), None)
            if actor:
                for key in (self.lexicon.lemma(tok.text), self.lexicon.head(tok.text)):
                    self.organs[key] = actor.id

    def organ(self, word: str) -> str | None:
        """The actor whose organ this word named earlier in the section ("Nämnden" -> Region X)."""
        return self.organs.get(self.lexicon.lemma(word)) or self.organs.get(self.lexicon.head(word))

    def remember_programme(self, funders: list[str], line: int) -> None:
        """Funders of a group of projects; several in one sentence add up ("finansieras delvis
        av EU:s strukturfonder, medan Region Östergötland har beslutat att bidra …")."""
        if self.programme and self.programme.sentence == self.index:
            self.programme.funders += [f for f in funders if f not in self.programme.funders]
        else:
            self.programme = ProgrammeFunding(list(funders), self.index, line)

    def programme_funders(self) -> ProgrammeFunding | None:
        if self.programme and self.fresh(self.programme.sentence):
            return self.programme
        return None
