// The LadybugDB form of initiatives_by_funder.cypher: lists by collect() and list_sort().
MATCH (fa:Actor {id: $actor})-[fin:FINANCES]->(ini:Initiative)
WHERE size($docs) = 0 OR fin.doc IN $docs
WITH fa, ini, count(fin) AS facts, count(fin.amount_sek) AS n_amounts, sum(fin.amount_sek) AS total,
     list_sort(collect(DISTINCT fin.instrument)) AS instruments,
     list_sort(collect(DISTINCT fin.section)) AS sections
OPTIONAL MATCH (other:Actor)-[x:FINANCES]->(ini)
WHERE other.id <> fa.id AND (size($docs) = 0 OR x.doc IN $docs)
WITH ini, facts, n_amounts, total, instruments, sections, list_sort(collect(DISTINCT other.name)) AS co_funders
RETURN ini.id AS initiative, ini.name AS name, ini.kind AS kind, facts,
       CASE WHEN n_amounts = 0 THEN null ELSE total END AS amount_sek,
       instruments, sections, co_funders
ORDER BY initiative
