// name: documents
// title: Reports in the store
// title_sv: Rapporter i grafen
// description_sv: Rapporterna i grafen: titel, region, år, slag, diarienummer och källfil.
// description: One row per report (Document): its id, title, region, year, kind
//   (aterrapportering or text), diarienummer and source file, and region_actor, the id of the Actor whose name is the document's region
//   (the reporting region itself; null when none is named so).
// params: none
// columns: doc, title, region, year, kind, diarienr, source, region_actor
MATCH (d:Document)
OPTIONAL MATCH (ra:Actor)
WHERE ra.name = d.region
WITH d, min(ra.id) AS region_actor
RETURN d.id AS doc, d.title AS title, d.region AS region, d.year AS year, d.kind AS kind, d.diarienr AS diarienr,
       d.source AS source, region_actor
ORDER BY doc
