// The LadybugDB form of cofinance_by_section.cypher (same header, same rows): LadybugDB has
// no COLLECT { } subquery and no toString(), so the lists are collected and list_sort()ed.
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
WHERE list_contains(here, f.id) AND fin.doc = doc AND ($reviewed = '' OR fin.review IS NOT NULL)
  AND (ini.kind <> 'area' OR fin.section = $section OR fin.section STARTS WITH ($section + '.'))
WITH doc, ini, here, first_line, first_section, first_evidence,
     count(fin.amount_sek) AS n_amounts, sum(fin.amount_sek) AS total,
     list_sort(collect(DISTINCT f.name)) AS funders,
     list_sort(collect(DISTINCT CASE WHEN fin.amount_sek IS NOT NULL
                                     THEN f.name + ': ' + cast(fin.amount_sek AS STRING) END)) AS amounts,
     list_sort(collect(DISTINCT fin.instrument)) AS instruments
MATCH (:Actor)-[x:FINANCES]->(ini)
WHERE x.doc = doc AND ($reviewed = '' OR x.review IS NOT NULL)
WITH doc, ini, here, first_line, first_section, first_evidence, n_amounts, total, funders, amounts, instruments,
     list_sort(collect(DISTINCT x.section)) AS sections
RETURN doc, ini.id AS initiative, ini.name AS name, ini.kind AS kind, size(here) AS n_funders, funders,
       list_sort(here) AS funder_ids,
       CASE WHEN n_amounts = 0 THEN null ELSE total END AS amount_sek,
       amounts, instruments, sections, first_section AS section, first_line AS line, first_evidence AS evidence
ORDER BY doc, line, initiative
