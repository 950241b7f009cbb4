// The LadybugDB form of document_partners.cypher: label(r) where Neo4j says type(r).
MATCH (a:Actor)-[r:COLLABORATES_WITH|FINANCES|LEADS|PARTICIPATES_IN|MEMBER_OF]-()
WHERE (size($docs) = 0 OR r.doc IN $docs) AND (r.section = '3' OR r.section STARTS WITH '3.')
OPTIONAL MATCH (d:Document) WHERE d.id = r.doc
WITH r, a, d
WHERE d IS NULL OR a.name <> d.region
RETURN r.doc AS doc, a.id AS actor, a.name AS name, a.type AS type, label(r) AS relation, count(DISTINCT r.id) AS facts
ORDER BY doc, actor, relation
