"""Cypher generated from the schema: DDL for LadybugDB, constraints for Neo4j, batched writes.

Pure functions of `graph.schema.SCHEMA`; nothing here talks to a database. The write and read
statements are the same text on both engines (they stay in the subset both accept: no
`SET n += map`, no list comprehensions, no APOC), so one generator serves both stores.

Write statements take `$rows` (a list of maps, see `graph.model.node_rows/rel_rows`) and
return one row `n` = how many nodes or relationships were merged, so the caller can tell
a relationship whose endpoint is missing (MATCH finds nothing, nothing is merged) from
success. They SET every property to the row's value: the store has already merged each
node row with the stored node (a null never erases a stored value; aliases/nyps lists are
united), because computing that in Cypher (`coalesce(row.p, n.p)`) makes LadybugDB slow
down as the transaction grows. A relationship's properties are replaced as given.

Dialects: the text is the same on both engines except that for LadybugDB every value is
wrapped in `CAST(row.p AS <type>)`: it types a parameter column from its values, so a
column that is null in every row (or a list that is empty in every row) would otherwise
be STRING and refused for an INT64 property.
"""
from __future__ import annotations

import re
from typing import Iterable

from .schema import SCHEMA, Schema

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# Node labels in write order: endpoints before the relationships that need them.
NODE_ORDER = ("Document", "Section", "Actor", "Initiative")


def ident(name: str) -> str:
    """An identifier taken from the schema; refuses anything that would need quoting."""
    if not _IDENT.match(name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return name


def node_labels(schema: Schema = SCHEMA) -> list[str]:
    known = [label for label in NODE_ORDER if label in schema.nodes]
    return known + [label for label in schema.nodes if label not in known]


def list_properties(label: str, schema: Schema = SCHEMA) -> list[str]:
    """Node properties of a list type."""
    return [p for p, t in schema.nodes[label].properties.items() if t.endswith("[]")]


def shared_across_documents(label: str, schema: Schema = SCHEMA) -> bool:
    """Actor and Initiative nodes are shared by every document that names them; a Document
    and its Sections (nodes with a `doc` property) belong to one document."""
    return label != "Document" and "doc" not in schema.nodes[label].properties


def merged_list_properties(label: str, schema: Schema = SCHEMA) -> list[str]:
    """List properties merged with the stored list on write (aliases, nyps of shared nodes);
    the lists of a document's own nodes (a Section's results) are replaced as given."""
    return list_properties(label, schema) if shared_across_documents(label, schema) else []


def _value(expr: str, ptype: str, dialect: str) -> str:
    """The value written for a property: cast to its schema type on LadybugDB (see module doc)."""
    return f"CAST({expr} AS {ladybug_type(ptype)})" if dialect == "ladybug" else expr


def rel_pairs(schema: Schema = SCHEMA) -> list[tuple[str, str, str]]:
    """(type, from label, to label) for every relationship type and endpoint pair."""
    return [(rtype, a, b) for rtype, rel in schema.relationships.items() for a, b in rel.pairs]


def provenance_types(schema: Schema = SCHEMA) -> list[str]:
    """Relationship types that carry provenance (and so a `doc` property)."""
    return [rtype for rtype, rel in schema.relationships.items() if rel.provenance]


# --- LadybugDB DDL --------------------------------------------------------------------
def ladybug_type(ptype: str) -> str:
    if ptype not in ("STRING", "INT64", "DOUBLE", "STRING[]", "INT64[]", "DOUBLE[]", "BOOLEAN"):
        raise ValueError(f"unsupported property type in schema: {ptype}")
    return ptype


def ladybug_node_table(label: str, schema: Schema = SCHEMA) -> str:
    props = dict(schema.nodes[label].properties)
    props.setdefault("id", "STRING")
    cols = ", ".join(f"{ident(p)} {ladybug_type(t)}" for p, t in props.items())
    return f"CREATE NODE TABLE IF NOT EXISTS {ident(label)}({cols}, PRIMARY KEY(id))"


def rel_columns(rel_type: str, schema: Schema = SCHEMA) -> dict[str, str]:
    """Every stored column of a relationship type: its id, then provenance and own properties."""
    return {"id": "STRING", **schema.rel_properties(rel_type)}


def ladybug_rel_table(rel_type: str, schema: Schema = SCHEMA) -> str:
    rel = schema.relationships[rel_type]
    parts = [f"FROM {ident(a)} TO {ident(b)}" for a, b in rel.pairs]
    parts += [f"{ident(p)} {ladybug_type(t)}" for p, t in rel_columns(rel_type, schema).items()]
    return f"CREATE REL TABLE IF NOT EXISTS {ident(rel_type)}({', '.join(parts)})"


def ladybug_ddl(schema: Schema = SCHEMA) -> list[str]:
    """Node tables first, then relationship tables (which reference them)."""
    return [ladybug_node_table(label, schema) for label in node_labels(schema)] + [
        ladybug_rel_table(rtype, schema) for rtype in schema.relationships
    ]


def ladybug_table_columns(schema: Schema = SCHEMA) -> dict[str, dict[str, str]]:
    """table name -> {column: type}, to add columns a newer schema declares (ALTER TABLE ... ADD)."""
    tables = {label: {"id": "STRING", **schema.nodes[label].properties} for label in node_labels(schema)}
    tables.update({rtype: rel_columns(rtype, schema) for rtype in schema.relationships})
    return tables


def ladybug_add_column(table: str, column: str, ptype: str) -> str:
    return f"ALTER TABLE {ident(table)} ADD {ident(column)} {ladybug_type(ptype)}"


# --- Neo4j DDL ------------------------------------------------------------------------
def neo4j_constraints(schema: Schema = SCHEMA) -> list[str]:
    """Uniqueness of node ids and relationship ids (Community Edition supports both),
    and an index on each provenance relationship's `doc` (drop_document, per-document views)."""
    out = [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{ident(label)}) REQUIRE n.id IS UNIQUE"
        for label in node_labels(schema)
    ]
    out += [
        f"CREATE CONSTRAINT {rtype.lower()}_id IF NOT EXISTS FOR ()-[r:{ident(rtype)}]-() REQUIRE r.id IS UNIQUE"
        for rtype in schema.relationships
    ]
    out += [
        f"CREATE INDEX {rtype.lower()}_doc IF NOT EXISTS FOR ()-[r:{ident(rtype)}]-() ON (r.doc)"
        for rtype in provenance_types(schema)
    ]
    if "Section" in schema.nodes and "doc" in schema.nodes["Section"].properties:
        out.append("CREATE INDEX section_doc IF NOT EXISTS FOR (n:Section) ON (n.doc)")
    return out


# --- writes ---------------------------------------------------------------------------
def node_merge(label: str, props: Iterable[str] | None = None, schema: Schema = SCHEMA,
               dialect: str = "neo4j") -> str:
    """`UNWIND $rows AS row MERGE (n:Label {id: row.id}) SET n.p = row.p, ... RETURN count(n) AS n`

    `props` limits the SET list (default: every property of the label)."""
    types = schema.nodes[label].properties
    declared = [p for p in types if p != "id"]
    wanted = declared if props is None else [p for p in declared if p in set(props)]
    sets = [f"n.{ident(p)} = {_value('row.' + ident(p), types[p], dialect)}" for p in wanted]
    set_clause = f" SET {', '.join(sets)}" if sets else ""
    return f"UNWIND $rows AS row MERGE (n:{ident(label)} {{id: row.id}}){set_clause} RETURN count(n) AS n"


def rel_merge(rel_type: str, from_label: str, to_label: str, props: Iterable[str] | None = None,
              schema: Schema = SCHEMA, dialect: str = "neo4j") -> str:
    """`UNWIND $rows AS row MATCH (a:From {id: row.source}) MATCH (b:To {id: row.target})
    MERGE (a)-[r:TYPE {id: row.id}]->(b) SET r.p = row.p, ... RETURN count(r) AS n`

    Two MATCH clauses, not one `MATCH (a ...), (b ...)`: LadybugDB plans the comma form as a
    join over full scans of both tables (~0.7 ms a row at 20k nodes) and the chained form as
    primary-key lookups (~0.03 ms a row). Neo4j plans both as index seeks."""
    types = rel_columns(rel_type, schema)
    declared = [p for p in types if p != "id"]
    wanted = declared if props is None else [p for p in declared if p in set(props)]
    sets = [f"r.{ident(p)} = {_value('row.' + ident(p), types[p], dialect)}" for p in wanted]
    set_clause = f" SET {', '.join(sets)}" if sets else ""
    return (
        f"UNWIND $rows AS row MATCH (a:{ident(from_label)} {{id: row.source}}) MATCH (b:{ident(to_label)} {{id: row.target}}) "
        f"MERGE (a)-[r:{ident(rel_type)} {{id: row.id}}]->(b){set_clause} RETURN count(r) AS n"
    )


def per_row(statement: str) -> str:
    """The one-row form of a batched statement: `$row_<p>` parameters instead of
    `UNWIND $rows AS row` (the benchmark's per-row baseline; pass `{f"row_{k}": v}`)."""
    prefix = "UNWIND $rows AS row "
    if not statement.startswith(prefix):
        raise ValueError("not a batched statement")
    return statement[len(prefix):].replace("row.", "$row_")


def existing_nodes(label: str, schema: Schema = SCHEMA) -> str:
    """The stored properties of the nodes in `$ids` (to merge a node row with the stored node).
    `UNWIND ... MATCH {id: i}` is a primary-key lookup on LadybugDB; `WHERE n.id IN $ids` scans."""
    cols = ", ".join(["n.id AS id"] + [f"n.{ident(p)} AS {ident(p)}" for p in schema.nodes[label].properties if p != "id"])
    return f"UNWIND $ids AS i MATCH (n:{ident(label)} {{id: i}}) RETURN {cols}"


def existing_ids(label: str) -> str:
    return f"UNWIND $ids AS i MATCH (n:{ident(label)} {{id: i}}) RETURN n.id AS id"


# --- reads ----------------------------------------------------------------------------
def read_nodes(label: str, schema: Schema = SCHEMA) -> str:
    cols = ["n.id AS id"] + [f"n.{ident(p)} AS {ident(p)}" for p in schema.nodes[label].properties if p != "id"]
    return f"MATCH (n:{ident(label)}) RETURN {', '.join(cols)} ORDER BY id"


def read_rels(rel_type: str, from_label: str, to_label: str, schema: Schema = SCHEMA,
              by_doc: bool = False) -> str:
    """Every relationship of one type between two labels; with `by_doc`, only those whose
    `doc` is in the parameter $docs."""
    cols = ["r.id AS id", "a.id AS source", "b.id AS target"]
    cols += [f"r.{ident(p)} AS {ident(p)}" for p in rel_columns(rel_type, schema) if p != "id"]
    where = " WHERE r.doc IN $docs" if by_doc else ""
    return (f"MATCH (a:{ident(from_label)})-[r:{ident(rel_type)}]->(b:{ident(to_label)}){where} "
            f"RETURN {', '.join(cols)} ORDER BY id")


def count_nodes(label: str) -> str:
    return f"MATCH (n:{ident(label)}) RETURN count(n) AS n"


def count_rels(rel_type: str) -> str:
    return f"MATCH ()-[r:{ident(rel_type)}]->() RETURN count(r) AS n"


# --- drop a document ------------------------------------------------------------------
def doc_endpoints(rel_type: str) -> str:
    """Ids of the nodes at either end of a document's relationships of one type."""
    return f"MATCH (a)-[r:{ident(rel_type)}]->(b) WHERE r.doc = $doc RETURN a.id AS a, b.id AS b"


def delete_doc_rels(rel_type: str) -> str:
    return f"MATCH ()-[r:{ident(rel_type)}]->() WHERE r.doc = $doc DELETE r"


def delete_doc_sections() -> str:
    return "MATCH (s:Section) WHERE s.doc = $doc DETACH DELETE s"


def delete_document() -> str:
    return "MATCH (d:Document) WHERE d.id = $doc DETACH DELETE d"


def delete_orphans(label: str) -> str:
    """Nodes among `$ids` that no relationship touches any more."""
    return (f"UNWIND $ids AS i MATCH (n:{ident(label)} {{id: i}}) WHERE NOT EXISTS {{ MATCH (n)--() }} "
            f"DELETE n")
