// name: actor_reach
// title: Where each actor co-finances and collaborates (the national picture)
// title_sv: Var aktörerna medfinansierar och samverkar
// description_sv: Den nationella bilden: för varje aktör i hur många regioner och år den
//   nämns, medfinansierar och samverkar.
// description: For each actor other than a report's own region: in how many regions' reports,
//   years and reports it FINANCES something or COLLABORATES_WITH someone, and in how many
//   regions it does each ("Tillväxtverket co-finances in 12 of 21 regions"). Actors no report
//   names in such a fact are left out.
// params: docs (list, optional: document ids; none = every document)
// columns: actor, name, type, regions, years, documents, cofinance_regions, collaborate_regions
MATCH (a:Actor)
OPTIONAL MATCH (a)-[f:FINANCES]->(:Initiative)
OPTIONAL MATCH (df:Document) WHERE df.id = f.doc AND (size($docs) = 0 OR df.id IN $docs) AND df.region <> a.name
WITH a, count(DISTINCT df.region) AS cofinance_regions
OPTIONAL MATCH (a)-[c:COLLABORATES_WITH]-(:Actor)
OPTIONAL MATCH (dc:Document) WHERE dc.id = c.doc AND (size($docs) = 0 OR dc.id IN $docs) AND dc.region <> a.name
WITH a, cofinance_regions, count(DISTINCT dc.region) AS collaborate_regions
OPTIONAL MATCH (a)-[r:FINANCES|COLLABORATES_WITH]-()
OPTIONAL MATCH (d:Document) WHERE d.id = r.doc AND (size($docs) = 0 OR d.id IN $docs) AND d.region <> a.name
WITH a, cofinance_regions, collaborate_regions,
     count(DISTINCT d.region) AS regions, count(DISTINCT d.year) AS years, count(DISTINCT d.id) AS documents
WHERE documents > 0
RETURN a.id AS actor, a.name AS name, a.type AS type, regions, years, documents, cofinance_regions, collaborate_regions
ORDER BY regions DESC, documents DESC, actor
