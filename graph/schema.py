"""The graph schema, loaded once from schema.yaml; the rest of the code derives from it."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from samverkan.yamlio import read_yaml

SCHEMA_FILE = Path(__file__).with_name("schema.yaml")


@dataclass(frozen=True)
class NodeType:
    label: str
    label_sv: str
    rdf: str
    properties: dict[str, str]


@dataclass(frozen=True)
class RelType:
    type: str
    label_sv: str
    pairs: tuple[tuple[str, str], ...]
    properties: dict[str, str]
    provenance: bool = True
    undirected: bool = False
    rdf: str = ""
    relation: bool = True  # a fact between actors and initiatives; False: a bookkeeping link


@dataclass(frozen=True)
class Schema:
    nodes: dict[str, NodeType]
    relationships: dict[str, RelType]
    provenance: dict[str, str]
    actor_types: dict[str, dict]
    initiative_kinds: dict[str, dict]
    derived_relationships: dict[str, dict]

    def rel_properties(self, rel_type: str) -> dict[str, str]:
        """All properties of a relationship type, provenance included."""
        rel = self.relationships[rel_type]
        props = dict(self.provenance) if rel.provenance else {}
        props.update(rel.properties)
        return props

    def relation_types(self) -> tuple[str, ...]:
        """What the app calls a relation: the stored relationship types between actors and
        initiatives that the report states (FINANCES, COLLABORATES_WITH, …), not the
        bookkeeping links to sections and documents (`relation: false` in schema.yaml)."""
        return tuple(rtype for rtype, rel in self.relationships.items() if rel.relation)

    def relation_label_sv(self, rel_type: str) -> str:
        """"finansierar", "har som medlem": the Swedish label of a stored or derived relation."""
        if rel_type in self.relationships:
            return self.relationships[rel_type].label_sv
        return (self.derived_relationships.get(rel_type) or {}).get("label_sv", rel_type)


def _as_list(value) -> list[str]:
    return value if isinstance(value, list) else [value]


@lru_cache(maxsize=1)
def load_schema(path: Path = SCHEMA_FILE) -> Schema:
    raw = read_yaml(path)
    nodes = {
        label: NodeType(label, spec.get("label_sv", label), spec.get("rdf", ""), dict(spec["properties"]))
        for label, spec in raw["nodes"].items()
    }
    rels = {}
    for rtype, spec in raw["relationships"].items():
        pairs = tuple((a, b) for a in _as_list(spec["from"]) for b in _as_list(spec["to"]))
        rels[rtype] = RelType(
            type=rtype,
            label_sv=spec.get("label_sv", rtype),
            pairs=pairs,
            properties=dict(spec.get("properties") or {}),
            provenance=spec.get("provenance", True),
            undirected=spec.get("undirected", False),
            rdf=spec.get("rdf", ""),
            relation=spec.get("relation", True),
        )
    return Schema(nodes, rels, dict(raw["provenance"]), dict(raw["actor_types"]), dict(raw["initiative_kinds"]),
                  dict(raw.get("derived_relationships") or {}))


SCHEMA = load_schema()

ACTOR_TYPES = tuple(SCHEMA.actor_types)
INITIATIVE_KINDS = tuple(SCHEMA.initiative_kinds)
REL_TYPES = tuple(SCHEMA.relationships)


def count_relations(per_type: Mapping[str, int] | Iterable[Any], schema: Schema = SCHEMA) -> int:
    """The one count of relations every message and table shows: given counts per
    relationship type (a store's `counts()`, what `write` wrote), or relationships with a
    `.type` (a GraphData's), the number of those whose type `relation_types()` lists."""
    wanted = set(schema.relation_types())
    if isinstance(per_type, Mapping):
        return sum(int(n or 0) for rtype, n in per_type.items() if rtype in wanted)
    return sum(1 for rel in per_type if rel.type in wanted)
