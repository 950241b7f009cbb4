// name: cofinance_by_section
// title: Who co-finances what in a report section
// title_sv: Gemensam finansiering i ett avsnitt
// description_sv: Vad avsnittets egna meningar säger finansieras gemensamt: en rad per insats
//   som två eller fler aktörer finansierar där, eller som en part till den rapporterande
//   regionen finansierar, med finansiärer, belopp och belägg. Flera rapporter hålls isär (en
//   rad per rapport).
// description: What the given section's own sentences ("3.1" matches 3.1 and 3.1.x) say is
//   financed together: one row per initiative that two or more actors finance there, or that
//   a partner of the reporting region finances there (in a report's chapter 3 the region is
//   the other party, as the template asks "inom vilka områden har gemensam finansiering skett
//   med …"). funders and funder_ids are the actors the section names as funders (an area such
//   as "kompetensförsörjning" financed with other partners in another section keeps those
//   apart); amounts and amount_sek are the sums these funders are said to give anywhere in
//   the document (for an area, in the section; null when no fact states one); sections lists every section that tells of
//   the initiative's funding; section, line and evidence are those of the first FINANCES fact
//   in the section. One row per document: a store with several reports never merges two
//   reports' funders (doc says whose row it is; everything in a row is from that document).
// params: section (string, e.g. "3.1"), docs (list, optional: document ids; none = every document),
//   reviewed (string, optional, default "": "ja" (any text) counts only the facts a reviewer accepted, changed or added)
// columns: doc, initiative, name, kind, n_funders, funders, funder_ids, amount_sek, amounts, instruments, sections, section, line, evidence
MATCH (funder:Actor)-[hit:FINANCES]->(ini:Initiative)
WHERE (hit.section = $section OR hit.section STARTS WITH ($section + '.'))
  AND (size($docs) = 0 OR hit.doc IN $docs) AND ($reviewed = '' OR hit.review IS NOT NULL)
OPTIONAL MATCH (d:Document) WHERE d.id = hit.doc
WITH hit.doc AS doc, ini, collect(DISTINCT funder.id) AS here, min(hit.line) AS first_line,
     count(CASE WHEN d IS NULL OR funder.name <> d.region THEN 1 END) AS partner_facts
WHERE size(here) >= 2 OR partner_facts > 0
MATCH (:Actor)-[ev:FINANCES]->(ini)
WHERE ev.doc = doc AND ev.line = first_line AND ($reviewed = '' OR ev.review IS NOT NULL) AND (ev.section = $section OR ev.section STARTS WITH ($section + '.'))
WITH doc, ini, here, first_line, min(ev.section) AS first_section, min(ev.evidence) AS first_evidence
MATCH (f:Actor)-[fin:FINANCES]->(ini)
WHERE f.id IN here AND fin.doc = doc AND ($reviewed = '' OR fin.review IS NOT NULL)
  AND (ini.kind <> 'area' OR fin.section = $section OR fin.section STARTS WITH ($section + '.'))
WITH doc, ini, here, first_line, first_section, first_evidence,
     count(fin.amount_sek) AS n_amounts, sum(fin.amount_sek) AS total
RETURN doc, ini.id AS initiative, ini.name AS name, ini.kind AS kind, size(here) AS n_funders,
       COLLECT { MATCH (f:Actor)-[:FINANCES]->(ini) WHERE f.id IN here RETURN DISTINCT f.name AS v ORDER BY v } AS funders,
       COLLECT { UNWIND here AS v RETURN v ORDER BY v } AS funder_ids,
       CASE WHEN n_amounts = 0 THEN null ELSE total END AS amount_sek,
       COLLECT { MATCH (f:Actor)-[x:FINANCES]->(ini) WHERE f.id IN here AND x.doc = doc AND x.amount_sek IS NOT NULL AND ($reviewed = '' OR x.review IS NOT NULL)
                   AND (ini.kind <> 'area' OR x.section = $section OR x.section STARTS WITH ($section + '.'))
                 RETURN DISTINCT f.name + ': ' + toString(x.amount_sek) AS v ORDER BY v } AS amounts,
       COLLECT { MATCH (f:Actor)-[x:FINANCES]->(ini) WHERE f.id IN here AND x.doc = doc AND x.instrument IS NOT NULL AND ($reviewed = '' OR x.review IS NOT NULL)
                   AND (ini.kind <> 'area' OR x.section = $section OR x.section STARTS WITH ($section + '.'))
                 RETURN DISTINCT x.instrument AS v ORDER BY v } AS instruments,
       COLLECT { MATCH (:Actor)-[x:FINANCES]->(ini) WHERE x.doc = doc AND ($reviewed = '' OR x.review IS NOT NULL) RETURN DISTINCT x.section AS v ORDER BY v } AS sections,
       first_section AS section, first_line AS line, first_evidence AS evidence
ORDER BY doc, line, initiative
