"""The graph schema, loaded once from schema.yaml; the rest of the code derives from it."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
        )
    return Schema(nodes, rels, dict(raw["provenance"]), dict(raw["actor_types"]), dict(raw["initiative_kinds"]),
                  dict(raw.get("derived_relationships") or {}))


SCHEMA = load_schema()
ACTOR_TYPES = tuple(SCHEMA.actor_types)
INITIATIVE_KINDS = tuple(SCHEMA.initiative_kinds)
REL_TYPES = tuple(SCHEMA.relationships)
