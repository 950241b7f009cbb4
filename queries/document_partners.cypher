// name: document_partners
// title: Each report's partners
// title_sv: Varje rapports samverkansparter
// description_sv: Varje rapports parter: aktörer som rapporten säger finansierar, leder,
//   deltar eller samverkar, med antal belägg. Grunden för att jämföra två rapporter.
// description: For each report, the actors its chapter 3 (sections 3.1-3.5) names in a fact,
//   the reporting region itself left out: one row per report, actor and relation type, with
//   the number of facts. `samverkan diff` and the app's Jämför page compare two reports with
//   it (partners gained, lost and kept).
// params: docs (list, optional: document ids; none = every document)
// columns: doc, actor, name, type, relation, facts
MATCH (a:Actor)-[r:COLLABORATES_WITH|FINANCES|LEADS|PARTICIPATES_IN|MEMBER_OF]-()
WHERE (size($docs) = 0 OR r.doc IN $docs) AND (r.section = '3' OR r.section STARTS WITH '3.')
OPTIONAL MATCH (d:Document) WHERE d.id = r.doc
WITH r, a, d
WHERE d IS NULL OR a.name <> d.region
RETURN r.doc AS doc, a.id AS actor, a.name AS name, a.type AS type, type(r) AS relation, count(DISTINCT r.id) AS facts
ORDER BY doc, actor, relation
