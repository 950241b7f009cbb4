// The LadybugDB form of cofinance_by_section.cypher (same header, same rows): LadybugDB has
// no COLLECT { } subquery and no toString(), so the lists are collected and list_sort()ed.
MATCH (:Actor)-[hit:FINANCES]->(ini:Initiative)
WHERE (hit.section = $section OR hit.section STARTS WITH ($section + '.'))
  AND ($doc = '' OR hit.doc = $doc)
WITH DISTINCT ini
MATCH (funder:Actor)-[fin:FINANCES]->(ini)
WHERE $doc = '' OR fin.doc = $doc
WITH ini, count(DISTINCT funder.id) AS n_funders,
     count(fin.amount_sek) AS n_amounts, sum(fin.amount_sek) AS total,
     min(CASE WHEN fin.section = $section OR fin.section STARTS WITH ($section + '.') THEN fin.line END) AS first_line,
     list_sort(collect(DISTINCT funder.name)) AS funders,
     list_sort(collect(DISTINCT funder.id)) AS funder_ids,
     list_sort(collect(DISTINCT CASE WHEN fin.amount_sek IS NOT NULL
                                     THEN funder.name + ': ' + cast(fin.amount_sek AS STRING) END)) AS amounts,
     list_sort(collect(DISTINCT fin.instrument)) AS instruments,
     list_sort(collect(DISTINCT fin.section)) AS sections
WHERE n_funders >= 2
MATCH (:Actor)-[ev:FINANCES]->(ini)
WHERE ev.line = first_line AND (ev.section = $section OR ev.section STARTS WITH ($section + '.'))
  AND ($doc = '' OR ev.doc = $doc)
WITH ini, n_funders, n_amounts, total, first_line, funders, funder_ids, amounts, instruments, sections,
     min(ev.section) AS first_section, min(ev.evidence) AS first_evidence
RETURN ini.id AS initiative, ini.name AS name, ini.kind AS kind, n_funders, funders, funder_ids,
       CASE WHEN n_amounts = 0 THEN null ELSE total END AS amount_sek,
       amounts, instruments, sections, first_section AS section, first_line AS line, first_evidence AS evidence
ORDER BY line, initiative
