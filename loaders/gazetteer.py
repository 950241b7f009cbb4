"""The curated gazetteer of Swedish actors (data/gazetteer/actors.csv) and its surface forms.

The data file lists canonical names and aliases; the Swedish inflections that follow rules
(genitive "Almis", "MdH:s", lowercase "länsstyrelsen") are generated here, so the data file
stays small and the same rules serve actors discovered in the text.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from samverkan.graph.ids import slugify
from samverkan.graph.schema import ACTOR_TYPES
from samverkan.settings import GAZETTEER_DIR


@dataclass
class GazetteerActor:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    counties: list[str] = field(default_factory=list)
    local_aliases: list[str] = field(default_factory=list)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def is_abbreviation(form: str) -> bool:
    """MdH, SKR, ÖMS, ESF-rådet's "ESF": two or more capitals in the first word."""
    first = form.split()[0]
    return sum(ch.isupper() for ch in first) >= 2 or (len(first) <= 3 and first[:1].isupper())


def genitive(form: str) -> str | None:
    """Swedish genitive: "Almi" -> "Almis", "MdH" -> "MdH:s", "Tillväxtverket" -> "Tillväxtverkets"."""
    if not form or form[-1] in "sxzSXZ" or not form[-1].isalnum():
        return None
    if form[-1].isupper() or form[-1].isdigit():
        return form + ":s"
    return form + "s"


def inflections(form: str) -> list[str]:
    forms = [form]
    gen = genitive(form)
    if gen:
        forms.append(gen)
    return forms


def county_board_forms(actor: GazetteerActor) -> list[str]:
    """The ways a county board is written: "Länsstyrelsen i Kalmar län", "Länsstyrelsen Kalmar
    län", "Länsstyrelsen i Kalmar", "Länsstyrelsen Kalmar" (from its county, "Kalmar län")."""
    if actor.type != "county_board" or len(actor.counties) != 1:
        return []
    county = actor.counties[0]
    base = re.sub(r"\s+län$", "", county)
    bare = base[:-1] if base.endswith("s") and not base.endswith("ss") else base
    return [f"Länsstyrelsen{sep}{place}" for sep in (" ", " i ") for place in (county, base, bare)]


@dataclass
class Gazetteer:
    actors: dict[str, GazetteerActor]
    extra_places: frozenset[str] = frozenset()  # provinces and areas (places.txt)

    def by_type(self, actor_type: str) -> list[GazetteerActor]:
        return [a for a in self.actors.values() if a.type == actor_type]

    def forms(self, county: str | None) -> dict[str, str]:
        """Surface form -> actor id, with local aliases of the actors serving `county`."""
        table: dict[str, str] = {}
        local: dict[str, str] = {}
        for actor in self.actors.values():
            for name in [actor.name, *actor.aliases, *county_board_forms(actor)]:
                for form in inflections(name):
                    table.setdefault(form, actor.id)
            if county and county in actor.counties:
                for name in actor.local_aliases:
                    for form in inflections(name):
                        local.setdefault(form, actor.id)
        table.update(local)  # in its county, "Coompanion" is the county's Coompanion, not the federation
        return table

    def place_names(self) -> set[str]:
        """Place names taken from municipality and county names ("Luleå", "Norrbotten")."""
        places = set()
        for actor in self.actors.values():
            if actor.type == "municipality":
                place = re.sub(r"\s+(kommun|stad|Stad)$", "", actor.name)
                places.update({place, re.sub(r"s$", "", place)})  # "Lunds kommun" -> Lund
            for county in actor.counties:
                base = re.sub(r"\s+län$", "", county)
                places.update({base, re.sub(r"s$", "", base)})
        places |= self.extra_places
        return {p for p in places if p}

    def municipality_by_place(self) -> dict[str, str]:
        """Place name (and its genitive) -> municipality id: "Tierp" and "Tierps" -> tierps-kommun."""
        table: dict[str, str] = {}
        for actor in self.actors.values():
            if actor.type != "municipality":
                continue
            place = re.sub(r"\s+(kommun|stad|Stad)$", "", actor.name)
            if " " in place:
                continue
            bare = place[:-1] if place.endswith("s") and actor.name.endswith(" kommun") and not place.endswith("ss") else place
            for form in {place, bare, bare + "s"}:
                table.setdefault(form, actor.id)
        return table

    def county_of(self, actor_id: str) -> str | None:
        actor = self.actors.get(actor_id)
        return actor.counties[0] if actor and len(actor.counties) == 1 else None


def read_gazetteer(path: Path) -> Gazetteer:
    actors: dict[str, GazetteerActor] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("name") or "").strip()
            if not name:
                continue
            actor_type = (row.get("type") or "other").strip()
            if actor_type not in ACTOR_TYPES:
                actor_type = "other"
            actor_id = (row.get("id") or "").strip() or slugify(name)
            actors[actor_id] = GazetteerActor(
                id=actor_id,
                name=name,
                type=actor_type,
                aliases=_split(row.get("aliases")),
                counties=_split(row.get("county")),
                local_aliases=_split(row.get("local_aliases")),
            )
    return Gazetteer(actors)


@lru_cache(maxsize=4)
def load_gazetteer(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    merged: dict[str, GazetteerActor] = {}
    for path in sorted(directory.glob("*.csv")):
        merged.update(read_gazetteer(path).actors)
    places_file = directory / "places.txt"
    places = frozenset()
    if places_file.exists():
        places = frozenset(line.strip() for line in places_file.read_text(encoding="utf-8").splitlines()
                           if line.strip() and not line.startswith("#"))
    return Gazetteer(merged, places)
