// name: initiatives_by_funder
// title: Initiatives an actor finances
// title_sv: Insatser som en aktör finansierar
// description_sv: Insatserna som en aktör finansierar, med belopp, avsnitt och vilka andra som
//   finansierar samma insats.
// description: The initiatives the actor (by id) FINANCES, one row each: the total of the sums
//   stated (null when none is), the instruments and sections, and the other funders of the
//   same initiative (co_funders, by name), so co-financing shows at a glance.
// params: actor (string: an actor id, e.g. "tillvaxtverket"), docs (list, optional: document ids; none = every document)
// columns: initiative, name, kind, facts, amount_sek, instruments, sections, co_funders
MATCH (fa:Actor {id: $actor})-[fin:FINANCES]->(ini:Initiative)
WHERE size($docs) = 0 OR fin.doc IN $docs
WITH fa, ini, count(fin) AS facts, count(fin.amount_sek) AS n_amounts, sum(fin.amount_sek) AS total
RETURN ini.id AS initiative, ini.name AS name, ini.kind AS kind, facts,
       CASE WHEN n_amounts = 0 THEN null ELSE total END AS amount_sek,
       COLLECT { MATCH (fa)-[x:FINANCES]->(ini) WHERE x.instrument IS NOT NULL AND (size($docs) = 0 OR x.doc IN $docs)
                 RETURN DISTINCT x.instrument AS v ORDER BY v } AS instruments,
       COLLECT { MATCH (fa)-[x:FINANCES]->(ini) WHERE size($docs) = 0 OR x.doc IN $docs
                 RETURN DISTINCT x.section AS v ORDER BY v } AS sections,
       COLLECT { MATCH (other:Actor)-[x:FINANCES]->(ini) WHERE other.id <> fa.id AND (size($docs) = 0 OR x.doc IN $docs)
                 RETURN DISTINCT other.name AS v ORDER BY v } AS co_funders
ORDER BY initiative
