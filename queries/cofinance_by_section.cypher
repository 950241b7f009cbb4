// name: cofinance_by_section
// title: Who co-finances what in a report section
// title_sv: Gemensam finansiering i ett avsnitt
// description: Initiatives that two or more actors finance (FINANCES), where at least one
//   FINANCES fact comes from the given section ("3.1" matches 3.1 and 3.1.x). One row per
//   initiative. funders, funder_ids, amounts, instruments and sections cover every FINANCES
//   fact of the initiative (in the chosen document, or all); section, line and evidence are
//   those of the first FINANCES fact inside the section. amounts are "funder: SEK" for the facts that state a
//   sum; amount_sek is their total (null when no fact states one).
// params: section (string, e.g. "3.1"), doc (string, optional, default "": a document id; "" = every document)
// columns: initiative, name, kind, n_funders, funders, funder_ids, amount_sek, amounts, instruments, sections, section, line, evidence
MATCH (:Actor)-[hit:FINANCES]->(ini:Initiative)
WHERE (hit.section = $section OR hit.section STARTS WITH ($section + '.'))
  AND ($doc = '' OR hit.doc = $doc)
WITH DISTINCT ini
MATCH (funder:Actor)-[fin:FINANCES]->(ini)
WHERE $doc = '' OR fin.doc = $doc
WITH ini, count(DISTINCT funder.id) AS n_funders,
     count(fin.amount_sek) AS n_amounts, sum(fin.amount_sek) AS total,
     min(CASE WHEN fin.section = $section OR fin.section STARTS WITH ($section + '.') THEN fin.line END) AS first_line
WHERE n_funders >= 2
MATCH (:Actor)-[ev:FINANCES]->(ini)
WHERE ev.line = first_line AND (ev.section = $section OR ev.section STARTS WITH ($section + '.'))
  AND ($doc = '' OR ev.doc = $doc)
WITH ini, n_funders, n_amounts, total, first_line, min(ev.section) AS first_section, min(ev.evidence) AS first_evidence
RETURN ini.id AS initiative, ini.name AS name, ini.kind AS kind, n_funders,
       COLLECT { MATCH (f:Actor)-[x:FINANCES]->(ini) WHERE $doc = '' OR x.doc = $doc
                 RETURN DISTINCT f.name AS v ORDER BY v } AS funders,
       COLLECT { MATCH (f:Actor)-[x:FINANCES]->(ini) WHERE $doc = '' OR x.doc = $doc
                 RETURN DISTINCT f.id AS v ORDER BY v } AS funder_ids,
       CASE WHEN n_amounts = 0 THEN null ELSE total END AS amount_sek,
       COLLECT { MATCH (f:Actor)-[x:FINANCES]->(ini) WHERE ($doc = '' OR x.doc = $doc) AND x.amount_sek IS NOT NULL
                 RETURN DISTINCT f.name + ': ' + toString(x.amount_sek) AS v ORDER BY v } AS amounts,
       COLLECT { MATCH (:Actor)-[x:FINANCES]->(ini) WHERE ($doc = '' OR x.doc = $doc) AND x.instrument IS NOT NULL
                 RETURN DISTINCT x.instrument AS v ORDER BY v } AS instruments,
       COLLECT { MATCH (:Actor)-[x:FINANCES]->(ini) WHERE $doc = '' OR x.doc = $doc
                 RETURN DISTINCT x.section AS v ORDER BY v } AS sections,
       first_section AS section, first_line AS line, first_evidence AS evidence
ORDER BY line, initiative
