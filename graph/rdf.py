"""GraphData -> RDF (rdflib), in established vocabularies, every fact with its provenance.

Terms come from graph/schema.yaml where it declares them (`rdf:` on node labels, relationship
types and actor types); the rest of the mapping is here, in the tables below.

    Actor       {base}actor/{id}        org:Organization + the actor type's class
                                        (schema:GovernmentOrganization, schema:CollegeOrUniversity, …)
    Initiative  {base}initiative/{id}   schema:Project; Nyps ids as schema:identifier
                                        [schema:PropertyValue; schema:propertyID "Nyps"; schema:value]
    Document    {base}document/{id}     schema:Report
    Section     {base}section/{doc}/{n} samverkan:Section (a schema:CreativeWork), schema:isPartOf its Document
    fact        {base}fact/{rel id}     samverkan:Fact + prov:Entity + samverkan:<Class> (Funding,
                                        Leadership, Participation, Collaboration, Membership, Mention)
    vocabulary  {base}ontology#         prefix `samverkan:`

Every relationship that carries provenance becomes a qualified node (a fact) with
samverkan:source / samverkan:target, prov:wasDerivedFrom its Section, samverkan:evidence
(the verbatim sentence, @sv, a sub-property of prov:value), samverkan:line, samverkan:method
and samverkan:confidence. A funding is also a schema:MonetaryGrant (schema:funder,
schema:fundedItem, schema:amount [schema:MonetaryAmount; schema:currency "SEK"; schema:value]),
a membership also an org:Membership (org:member, org:organization). The direct edge is
emitted beside it for easy SPARQL (actor samverkan:finances initiative, org:memberOf, …);
samverkan:collaboratesWith is symmetric and emitted in both directions.

The base IRI is the setting SAMVERKAN_BASE_IRI (default https://w3id.org/samverkan/).
SHACL shapes for the result are in shapes.ttl (`validate`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, XSD

from samverkan import settings
from samverkan.errors import EXIT_USAGE, SamverkanError

from .model import GraphData, Node, Relationship
from .schema import SCHEMA

DEFAULT_BASE = settings.SETTINGS["SAMVERKAN_BASE_IRI"][0]
SHAPES_FILE = Path(__file__).with_name("shapes.ttl")
CURRENCY = "SEK"
NYPS = "Nyps"

# Qualified-node class per relationship type (a noun: the fact, not the edge). A type missing
# here gets the CamelCase of its name, so a new type in schema.yaml still exports.
FACT_CLASSES: dict[str, str] = {
    "FINANCES": "Funding",
    "LEADS": "Leadership",
    "PARTICIPATES_IN": "Participation",
    "COLLABORATES_WITH": "Collaboration",
    "MEMBER_OF": "Membership",
    "MENTIONED_IN": "Mention",
}
# Established classes a fact also has, and the established properties naming its two ends.
FACT_EXTRA_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "FINANCES": (SDO.MonetaryGrant,),
    "MEMBER_OF": (ORG.Membership,),
}
FACT_ENDS: dict[str, tuple[URIRef, URIRef]] = {
    "FINANCES": (SDO.funder, SDO.fundedItem),
    "MEMBER_OF": (ORG.member, ORG.organization),
}

# Node properties -> predicate (a CURIE, "samverkan:" is the vocabulary). Properties not
# listed become samverkan:<camelCase> literals. `@iri` marks a property holding a node id.
NODE_PROPERTIES: dict[str, dict[str, str]] = {
    "Actor": {"name": "schema:name", "aliases": "schema:alternateName", "type": "samverkan:actorType",
              "county": "samverkan:county", "method": "samverkan:method"},
    "Initiative": {"name": "schema:name", "aliases": "schema:alternateName", "kind": "samverkan:kind"},
    "Document": {"title": "schema:name", "region": "samverkan:region", "year": "samverkan:year",
                 "diarienr": "samverkan:diarienr", "sha256": "samverkan:sha256", "source": "samverkan:sourceFile"},
    "Section": {"number": "samverkan:sectionNumber", "title": "schema:name"},
}
# Relationship properties (besides provenance: doc and section become prov:wasDerivedFrom).
REL_PROPERTIES: dict[str, str] = {
    "evidence": "samverkan:evidence", "line": "samverkan:line", "method": "samverkan:method",
    "confidence": "samverkan:confidence", "instrument": "samverkan:instrument", "area": "samverkan:area",
    "count": "samverkan:count",
}

# The samverkan vocabulary: term -> (rdf:type, English label, Swedish label). Direct-edge
# properties (`rdf: samverkan:…` in schema.yaml) are added from the schema.
CLASS_TERMS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # name: (en, sv, superclasses)
    "Fact": ("fact", "uppgift", ("prov:Entity",)),
    "Funding": ("funding", "finansiering", ("samverkan:Fact", "schema:MonetaryGrant")),
    "Leadership": ("leadership (project owner or driver)", "ledning (projektägare eller drivande)", ("samverkan:Fact",)),
    "Participation": ("participation", "deltagande", ("samverkan:Fact",)),
    "Collaboration": ("collaboration", "samverkan", ("samverkan:Fact",)),
    "Membership": ("membership", "medlemskap", ("samverkan:Fact", "org:Membership")),
    "Mention": ("mention", "omnämnande", ("samverkan:Fact",)),
    "Section": ("report section", "avsnitt", ("schema:CreativeWork",)),
}
PROPERTY_TERMS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    # name: (owl kind, en, sv, superproperties)
    "source": ("ObjectProperty", "from", "från", ()),
    "target": ("ObjectProperty", "to", "till", ()),
    "evidence": ("DatatypeProperty", "evidence (the verbatim sentence)", "belägg (meningen ordagrant)", ("prov:value",)),
    "line": ("DatatypeProperty", "line", "rad", ()),
    "method": ("DatatypeProperty", "method", "metod", ()),
    "confidence": ("DatatypeProperty", "confidence", "tillförlitlighet", ()),
    "instrument": ("DatatypeProperty", "funding instrument", "finansieringsinstrument", ()),
    "area": ("DatatypeProperty", "area", "område", ()),
    "count": ("DatatypeProperty", "number of mentions", "antal omnämnanden", ()),
    "actorType": ("DatatypeProperty", "actor type", "aktörstyp", ()),
    "kind": ("DatatypeProperty", "kind of initiative", "typ av insats", ()),
    "county": ("DatatypeProperty", "county", "län", ()),
    "region": ("DatatypeProperty", "region", "region", ()),
    "year": ("DatatypeProperty", "report year", "rapportår", ()),
    "diarienr": ("DatatypeProperty", "registration number", "diarienummer", ()),
    "sha256": ("DatatypeProperty", "SHA-256 of the text", "SHA-256 för texten", ()),
    "sourceFile": ("DatatypeProperty", "source file", "källfil", ()),
    "sectionNumber": ("DatatypeProperty", "section number", "avsnittsnummer", ()),
}

XSD_TYPES = {"INT64": XSD.integer, "DOUBLE": XSD.double, "STRING": XSD.string, "BOOLEAN": XSD.boolean}


def _camel(name: str) -> str:
    head, *rest = name.lower().split("_")
    return head + "".join(p.capitalize() for p in rest)


def fact_class_name(rel_type: str) -> str:
    return FACT_CLASSES.get(rel_type) or "".join(p.capitalize() for p in rel_type.lower().split("_"))


def base_iri(base: str | None = None) -> str:
    """The configured base (SAMVERKAN_BASE_IRI), checked, ending in "/" (IRIs are
    {base}actor/{id}, …, and the vocabulary {base}ontology#, so the base has no fragment)."""
    base = (base or settings.get("SAMVERKAN_BASE_IRI") or DEFAULT_BASE).strip()
    parsed = urlparse(base)
    if (not parsed.scheme or not parsed.netloc or "#" in base or "?" in base
            or any(c in base for c in ' <>"{}|\\^`')):
        raise SamverkanError(f"SAMVERKAN_BASE_IRI must be an absolute http(s) IRI without '#' or '?' "
                             f"such as {DEFAULT_BASE}, not {base!r}", EXIT_USAGE)
    return base if base.endswith("/") else base + "/"


def _segment(value: str) -> str:
    return quote(str(value), safe="-._~")


@dataclass(frozen=True)
class IRIs:
    """Stable IRIs under one base."""

    base: str

    @classmethod
    def from_settings(cls, base: str | None = None) -> "IRIs":
        return cls(base_iri(base))

    @cached_property
    def vocab(self) -> Namespace:
        return Namespace(self.base + "ontology#")

    @property
    def ontology(self) -> URIRef:
        return URIRef(self.base + "ontology")

    def actor(self, node_id: str) -> URIRef:
        return URIRef(f"{self.base}actor/{_segment(node_id)}")

    def initiative(self, node_id: str) -> URIRef:
        return URIRef(f"{self.base}initiative/{_segment(node_id)}")

    def document(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}document/{_segment(doc_id)}")

    def section(self, doc_id: str, number: str) -> URIRef:
        return URIRef(f"{self.base}section/{_segment(doc_id)}/{_segment(number)}")

    def fact(self, rel_id: str) -> URIRef:
        return URIRef(f"{self.base}fact/{_segment(rel_id)}")

    def amount(self, rel_id: str) -> URIRef:
        return URIRef(f"{self.base}fact/{_segment(rel_id)}#amount")

    def nyps(self, node_id: str, nyps: str) -> URIRef:
        return URIRef(f"{self.base}initiative/{_segment(node_id)}#nyps-{_segment(nyps)}")

    def section_of_id(self, section_id: str) -> URIRef:
        """A Section node id is "<docid>#<number>"."""
        doc_id, _, number = section_id.partition("#")
        return self.section(doc_id, number)

    def prefixes(self) -> dict[str, str]:
        return {
            "samverkan": str(self.vocab), "schema": str(SDO), "org": str(ORG), "prov": str(PROV),
            "dcterms": str(DCTERMS), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD),
            "actor": f"{self.base}actor/", "initiative": f"{self.base}initiative/",
            "document": f"{self.base}document/", "section": f"{self.base}section/", "fact": f"{self.base}fact/",
        }

    def term(self, curie: str) -> URIRef:
        """Expand a CURIE such as "schema:Project" or "samverkan:finances"."""
        prefix, sep, local = curie.partition(":")
        namespaces = self.prefixes()
        if not sep or prefix not in namespaces or not local:
            raise ValueError(f"cannot expand RDF term {curie!r}: known prefixes are {', '.join(sorted(namespaces))}")
        return URIRef(namespaces[prefix] + local)


def bind_prefixes(g: Graph, iris: IRIs) -> Graph:
    for prefix, ns in iris.prefixes().items():
        g.bind(prefix, Namespace(ns), override=True, replace=True)
    return g


def jsonld_context(iris: IRIs) -> dict[str, str]:
    """A JSON-LD @context with the prefixes, so the export is compact and self-contained."""
    return dict(iris.prefixes())


def _literal(value: Any, ptype: str = "STRING") -> Literal | None:
    if value is None or value == "":
        return None
    if ptype == "INT64":
        try:
            return Literal(int(value), datatype=XSD.integer)
        except (TypeError, ValueError):
            return Literal(str(value))
    if ptype == "DOUBLE":
        try:
            return Literal(float(value), datatype=XSD.double)
        except (TypeError, ValueError):
            return Literal(str(value))
    if ptype == "BOOLEAN":
        return Literal(bool(value), datatype=XSD.boolean)
    return Literal(str(value))


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if v not in (None, "")]
    return [value]


class RDFMapper:
    """Maps one GraphData onto an rdflib Graph."""

    def __init__(self, graph: GraphData, iris: IRIs):
        self.data = graph
        self.iris = iris
        self.v = iris.vocab
        self.g = bind_prefixes(Graph(), iris)

    # ---- nodes -------------------------------------------------------------------------
    def node_iri(self, node_id: str, rel_type: str | None = None, end: int = 0) -> URIRef:
        node = self.data.nodes.get(node_id)
        label = node.label if node is not None else None
        if label is None and rel_type in SCHEMA.relationships:
            labels = {pair[end] for pair in SCHEMA.relationships[rel_type].pairs}
            label = labels.pop() if len(labels) == 1 else None
        if label is None:
            label = "Section" if "#" in node_id else "Actor"
        if label == "Actor":
            return self.iris.actor(node_id)
        if label == "Initiative":
            return self.iris.initiative(node_id)
        if label == "Document":
            return self.iris.document(node_id)
        if label == "Section":
            if node is not None and node.props.get("doc") and node.props.get("number") not in (None, ""):
                return self.iris.section(node.props["doc"], str(node.props["number"]))
            return self.iris.section_of_id(node_id)
        return URIRef(f"{self.iris.base}{_segment(label.lower())}/{_segment(node_id)}")

    def _props(self, subject: URIRef, label: str, props: dict[str, Any]) -> None:
        mapping = NODE_PROPERTIES.get(label, {})
        types = SCHEMA.nodes[label].properties if label in SCHEMA.nodes else {}
        for key, value in props.items():
            if key in ("id", "doc", "nyps") or (label == "Actor" and key == "type"):
                continue
            if key == "name" and "name" not in types and "title" in types:
                continue  # Node.to_json adds `name` (= title) to Documents and Sections
            ptype = types.get(key, "STRING").removesuffix("[]")
            pred = self.iris.term(mapping.get(key) or f"samverkan:{_camel(key)}")
            for item in _values(value):
                lit = _literal(item, ptype)
                if lit is not None:
                    self.g.add((subject, pred, lit))

    def _common(self, subject: URIRef, node_id: str, label: str, name: Any) -> None:
        g = self.g
        g.add((subject, RDF.type, self.iris.term(SCHEMA.nodes[label].rdf)))
        g.add((subject, DCTERMS.identifier, Literal(node_id)))
        if name not in (None, ""):
            g.add((subject, RDFS.label, Literal(str(name))))

    def add_actor(self, node: Node) -> None:
        s = self.iris.actor(node.id)
        self._common(s, node.id, "Actor", node.props.get("name"))
        actor_type = node.props.get("type")
        if actor_type:
            self.g.add((s, self.v.actorType, Literal(str(actor_type))))
            spec = SCHEMA.actor_types.get(actor_type) or {}
            if spec.get("rdf"):
                self.g.add((s, RDF.type, self.iris.term(spec["rdf"])))
        self._props(s, "Actor", node.props)

    def add_initiative(self, node: Node) -> None:
        s = self.iris.initiative(node.id)
        self._common(s, node.id, "Initiative", node.props.get("name"))
        self._props(s, "Initiative", node.props)
        for nyps in _values(node.props.get("nyps")):
            pv = self.iris.nyps(node.id, str(nyps))
            self.g.add((s, SDO.identifier, pv))
            self.g.add((pv, RDF.type, SDO.PropertyValue))
            self.g.add((pv, SDO.propertyID, Literal(NYPS)))
            self.g.add((pv, SDO.value, Literal(str(nyps))))

    def add_document(self, doc_id: str, props: dict[str, Any]) -> None:
        s = self.iris.document(doc_id)
        if props.get("title") in (None, "") and props.get("name") not in (None, ""):
            props = {**props, "title": props["name"]}
        self._common(s, doc_id, "Document", props.get("title"))
        self._props(s, "Document", props)

    def add_section(self, node: Node) -> None:
        s = self.node_iri(node.id)
        self._common(s, node.id, "Section", node.props.get("title") or node.props.get("name"))
        self.g.add((s, RDF.type, self.v.Section))
        doc_id = node.props.get("doc") or node.id.partition("#")[0]
        self.g.add((s, SDO.isPartOf, self.iris.document(doc_id)))
        props = dict(node.props)
        if props.get("title") in (None, "") and props.get("name") not in (None, "", node.id):
            props["title"] = props["name"]
        if props.get("number") in (None, ""):
            props["number"] = node.id.partition("#")[2]
        self._props(s, "Section", props)

    # ---- relationships -----------------------------------------------------------------
    def add_relationship(self, rel: Relationship) -> None:
        spec = SCHEMA.relationships.get(rel.type)
        source = self.node_iri(rel.source, rel.type, 0)
        target = self.node_iri(rel.target, rel.type, 1)
        if spec is not None and not spec.provenance:
            if rel.type == "PART_OF":
                self.g.add((source, SDO.isPartOf, target))
            elif spec.rdf:
                self.g.add((source, self.iris.term(spec.rdf), target))
            return
        # the direct edge, for easy SPARQL
        direct = self.iris.term(spec.rdf) if spec is not None and spec.rdf else self.v[_camel(rel.type)]
        self.g.add((source, direct, target))
        if spec is not None and spec.undirected:
            self.g.add((target, direct, source))
        # the qualified node
        g, v = self.g, self.v
        f = self.iris.fact(rel.id)
        g.add((f, RDF.type, v.Fact))
        g.add((f, RDF.type, PROV.Entity))
        g.add((f, RDF.type, v[fact_class_name(rel.type)]))
        for cls in FACT_EXTRA_CLASSES.get(rel.type, ()):
            g.add((f, RDF.type, cls))
        g.add((f, DCTERMS.identifier, Literal(rel.id)))
        g.add((f, v.source, source))
        g.add((f, v.target, target))
        ends = FACT_ENDS.get(rel.type)
        if ends:
            g.add((f, ends[0], source))
            g.add((f, ends[1], target))
        doc, section = rel.props.get("doc"), rel.props.get("section")
        if doc and section not in (None, ""):
            g.add((f, PROV.wasDerivedFrom, self.iris.section(str(doc), str(section))))
        types = SCHEMA.rel_properties(rel.type) if spec is not None else {}
        for key, value in rel.props.items():
            if key in ("doc", "section", "amount_sek") or value in (None, ""):
                continue
            ptype = types.get(key, "STRING").removesuffix("[]")
            pred = self.iris.term(REL_PROPERTIES.get(key) or f"samverkan:{_camel(key)}")
            if key == "evidence":
                text = str(value).strip()
                if text:
                    g.add((f, pred, Literal(text, lang="sv")))
                continue
            for item in _values(value):
                lit = _literal(item, ptype)
                if lit is not None:
                    g.add((f, pred, lit))
        amount = rel.props.get("amount_sek")
        if amount not in (None, ""):
            a = self.iris.amount(rel.id)
            g.add((f, SDO.amount, a))
            g.add((a, RDF.type, SDO.MonetaryAmount))
            g.add((a, SDO.currency, Literal(CURRENCY)))
            g.add((a, SDO.value, _literal(amount, "INT64")))

    # ---- all ---------------------------------------------------------------------------
    def documents(self) -> dict[str, dict[str, Any]]:
        docs: dict[str, dict[str, Any]] = {}
        for doc in self.data.documents:
            if doc.get("id"):
                docs.setdefault(doc["id"], {}).update({k: v for k, v in doc.items() if k != "id" and v is not None})
        for node in self.data.by_label("Document"):
            docs.setdefault(node.id, {}).update({k: v for k, v in node.props.items() if k != "id" and v is not None})
        return docs

    def build(self) -> Graph:
        for doc_id, props in self.documents().items():
            self.add_document(doc_id, props)
        for node in self.data.nodes.values():
            if node.label == "Actor":
                self.add_actor(node)
            elif node.label == "Initiative":
                self.add_initiative(node)
            elif node.label == "Section":
                self.add_section(node)
        for rel in self.data.relationships.values():
            self.add_relationship(rel)
        return self.g


def ontology_graph(iris: IRIs) -> Graph:
    """The samverkan vocabulary: classes and properties with rdfs:label in sv and en."""
    g = bind_prefixes(Graph(), iris)
    v = iris.vocab
    onto = iris.ontology
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, RDFS.label, Literal("samverkan: actors, initiatives and funding in regional growth reports", lang="en")))
    g.add((onto, RDFS.label, Literal("samverkan: aktörer, insatser och finansiering i återrapporteringar om regionalt tillväxtarbete", lang="sv")))
    g.add((onto, RDFS.seeAlso, URIRef("http://www.w3.org/ns/org#")))
    g.add((onto, RDFS.seeAlso, URIRef("http://www.w3.org/ns/prov#")))

    def declare(term: URIRef, kind: URIRef, en: str, sv: str) -> None:
        g.add((term, RDF.type, kind))
        g.add((term, RDFS.isDefinedBy, onto))
        g.add((term, RDFS.label, Literal(en, lang="en")))
        g.add((term, RDFS.label, Literal(sv, lang="sv")))

    classes = dict(CLASS_TERMS)
    for rtype, spec in SCHEMA.relationships.items():
        name = fact_class_name(rtype)
        if spec.provenance and name not in classes:
            classes[name] = (rtype.lower().replace("_", " "), spec.label_sv, ("samverkan:Fact",))
    for name, (en, sv, supers) in classes.items():
        declare(v[name], OWL.Class, en, sv)
        for sup in supers:
            g.add((v[name], RDFS.subClassOf, iris.term(sup)))
    for name, (kind, en, sv, supers) in PROPERTY_TERMS.items():
        declare(v[name], OWL[kind], en, sv)
        for sup in supers:
            g.add((v[name], RDFS.subPropertyOf, iris.term(sup)))
    for name in ("source", "target"):
        g.add((v[name], RDFS.domain, v.Fact))
    for rtype, spec in SCHEMA.relationships.items():
        if not spec.rdf.startswith("samverkan:"):
            continue
        term = iris.term(spec.rdf)
        declare(term, OWL.ObjectProperty, rtype.lower().replace("_", " "), spec.label_sv)
        if spec.undirected:
            g.add((term, RDF.type, OWL.SymmetricProperty))
    return g


def to_rdf(graph: GraphData, base: str | None = None, ontology: bool = True) -> Graph:
    """The graph as RDF; with `ontology`, the vocabulary header is included."""
    iris = IRIs.from_settings(base)
    g = RDFMapper(graph, iris).build()
    if ontology:
        g += ontology_graph(iris)
    return g


# ---- SHACL ---------------------------------------------------------------------------
def shapes_graph(base: str | None = None) -> Graph:
    """shapes.ttl, with the vocabulary moved to the configured base."""
    iris = IRIs.from_settings(base)
    text = SHAPES_FILE.read_text(encoding="utf-8")
    default_vocab = DEFAULT_BASE + "ontology#"
    if str(iris.vocab) != default_vocab:
        text = text.replace(default_vocab, str(iris.vocab))
    return Graph().parse(data=text, format="turtle")


@dataclass
class Violation:
    focus: str
    path: str
    component: str
    message: str
    severity: str


def validate(data: Graph, base: str | None = None) -> tuple[bool, list[Violation], str]:
    """Validate an exported graph against shapes.ttl (needs pyshacl, a test dependency).
    Returns (conforms, violations, report text)."""
    try:
        from pyshacl import validate as shacl_validate
    except ImportError as exc:  # pragma: no cover - pyshacl is in the test extra
        raise SamverkanError("SHACL validation needs pyshacl (pip install 'samverkan[test]')") from exc
    conforms, report, text = shacl_validate(data, shacl_graph=shapes_graph(base), inference="none",
                                            abort_on_first=False, allow_warnings=False)
    SH = Namespace("http://www.w3.org/ns/shacl#")
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        def one(pred: URIRef) -> str:
            value = report.value(result, pred)
            return "" if value is None else str(value)
        violations.append(Violation(one(SH.focusNode), one(SH.resultPath), one(SH.sourceConstraintComponent),
                                    one(SH.resultMessage), one(SH.resultSeverity)))
    violations.sort(key=lambda x: (x.focus, x.path, x.component))
    return bool(conforms), violations, text


def count_instances(g: Graph, cls: URIRef) -> int:
    return len(set(g.subjects(RDF.type, cls)))


def facts_by_class(g: Graph, iris: IRIs | None = None) -> dict[str, int]:
    """Number of facts per samverkan class (Funding, Collaboration, …)."""
    iris = iris or IRIs.from_settings()
    v = iris.vocab
    out: dict[str, int] = {}
    for fact in set(g.subjects(RDF.type, v.Fact)):
        for cls in g.objects(fact, RDF.type):
            if isinstance(cls, URIRef) and str(cls).startswith(str(v)) and cls != v.Fact:
                name = str(cls)[len(str(v)):]
                out[name] = out.get(name, 0) + 1
    return out


__all__ = [
    "IRIs", "RDFMapper", "base_iri", "bind_prefixes", "count_instances", "facts_by_class", "fact_class_name",
    "jsonld_context", "ontology_graph", "shapes_graph", "to_rdf", "validate", "Violation",
]
