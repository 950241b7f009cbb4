"""The shared Swedish lexicon (loaders/rules/lexicon.yaml) and lemmas of words.

One place answers "is this word a financing verb?", "is it a passive form?", "which kind of
initiative does this noun introduce?" for actors, initiatives and relation rules alike.
Lemmas come from forms.tsv (generated from simplemma's dictionary, see
scripts/build_forms.py); a compound takes the lemma of its longest known ending:
"pilotprojektet" -> "pilotprojekt", whose head is "projekt".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from samverkan.yamlio import read_yaml


RULES_DIR = Path(__file__).resolve().parent / "rules"
MIN_COMPOUND_PREFIX = 3
MIN_COMPOUND_HEAD = 4


@dataclass(frozen=True)
class Lexicon:
    classes: dict[str, frozenset[str]]
    initiative_nouns: dict[str, str]
    actor_anaphora: dict[str, dict]
    initiative_anaphora: frozenset[str]
    collaboration_anaphora: frozenset[str]
    lists: dict[str, frozenset[str]]
    frames: tuple[str, ...]
    instruments: dict[str, str]
    area_list_cues: tuple[str, ...]
    forms: dict[str, str]
    collectives: tuple[dict, ...] = ()
    _compounds: dict[str, tuple[str, str] | None] = field(default_factory=dict, compare=False, repr=False)
    _classes_of: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    # --- lemmas -------------------------------------------------------------------------
    def lemma(self, word: str) -> str:
        lower = word.lower()
        if lower in self.forms:
            return self.forms[lower]
        split = self._split(lower)
        return split[0] + split[1] if split else lower

    def head(self, word: str) -> str:
        """The lemma of a compound's last part: "utbildningsinsatsen" -> "insats"."""
        lower = word.lower()
        if lower in self.forms:
            return self.forms[lower]
        split = self._split(lower)
        return split[1] if split else lower

    def _split(self, lower: str) -> tuple[str, str] | None:
        """(first part, lemma of the longest known ending) of a compound, or None."""
        if lower not in self._compounds:
            found = None
            for cut in range(MIN_COMPOUND_PREFIX, len(lower) - 3):
                tail = lower[cut:]
                # a short last part ("år" in "yrkesspåret") is too often a coincidence
                if tail in self.forms and len(self.forms[tail]) >= MIN_COMPOUND_HEAD:
                    found = (lower[:cut], self.forms[tail])
                    break
            self._compounds[lower] = found
        return self._compounds[lower]

    def is_a(self, word: str, word_class: str) -> bool:
        """The word's lemma, or its compound head, belongs to the class."""
        if word_class not in self.classes and word_class not in self.lists:
            raise KeyError(f"no word class {word_class!r} in the lexicon")
        return word_class in self.classes_of(word)

    def classes_of(self, word: str) -> frozenset[str]:
        """Every class and list the word belongs to (remembered: extraction asks often)."""
        found = self._classes_of.get(word)
        if found is None:
            found = self._classes_of[word] = self._compute_classes(word)
        return found

    def _compute_classes(self, word: str) -> frozenset[str]:
        if len(word) > 1 and word.isupper():
            return frozenset()  # an acronym ("WATERDRIVE", "ESF") is no Swedish word
        lower = word.lower()
        lemma, head = self.lemma(lower), self.head(lower)
        out = set()
        for name, members in (*self.classes.items(), *self.lists.items()):
            # Compounds keep the class of their last part for nouns ("pilotprojektet"), not for
            # verbs: a prefixed verb is listed whole ("medfinansiera").
            if lower in members or lemma in members or (name.endswith("_noun") and head in members):
                out.add(name)
        return frozenset(out)

    def is_passive(self, word: str) -> bool:
        """"finansieras", "beviljades", "drivs": an s-form whose lemma is another word."""
        lower = word.lower()
        return lower.endswith("s") and self.lemma(lower) != lower and not lower.endswith(("ss", "us", "is"))

    def initiative_kind(self, word: str) -> str | None:
        """"projektet" -> project, "förstudien" -> study, "utbildningsinsatsen" -> activity."""
        lemma = self.lemma(word)
        if lemma in self.initiative_nouns:
            return self.initiative_nouns[lemma]
        head = self.head(word)
        return self.initiative_nouns.get(head)

    def instrument(self, text: str) -> str | None:
        """The funding instrument a phrase names ("1:1-medel" -> "1:1"), if any."""
        lower = text.lower()
        found = [name for phrase, name in self.instruments.items() if phrase.lower() in lower]
        return ", ".join(dict.fromkeys(found)) or None


def _load_forms(path: Path, overrides: dict[str, str]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        form, lemma = line.split("\t")
        forms[form] = lemma
    forms.update({k.lower(): v.lower() for k, v in overrides.items()})
    return forms


def read_lexicon(directory: Path = RULES_DIR) -> Lexicon:
    raw = read_yaml(directory / "lexicon.yaml")
    list_names = ("subject_gap", "negation", "locative", "determiners", "numerals", "boundaries", "process_nouns",
                  "not_financed", "position_nouns", "name_ending_verbs", "adverbs")
    return Lexicon(
        classes={k: frozenset(w.lower() for w in v) for k, v in raw["classes"].items()},
        initiative_nouns={k.lower(): v for k, v in raw["initiative_nouns"].items()},
        actor_anaphora={k.lower(): v for k, v in raw["actor_anaphora"].items()},
        initiative_anaphora=frozenset(w.lower() for w in raw["initiative_anaphora"]),
        collaboration_anaphora=frozenset(w.lower() for w in raw["collaboration_anaphora"]),
        lists={name: frozenset(w.lower() for w in raw[name]) for name in list_names},
        frames=tuple(raw["frames"]),
        instruments=dict(raw["instruments"]),
        area_list_cues=tuple(raw["area_list_cues"]),
        forms=_load_forms(directory / "forms.tsv", raw.get("overrides") or {}),
        collectives=tuple(raw.get("collectives") or ()),
    )


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    return read_lexicon()
