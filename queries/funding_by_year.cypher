// name: funding_by_year
// title: Funding by funder and year
// title_sv: Finansiering per finansiär och år
// description_sv: Finansiering per finansiär och år: i hur många regioner, hur många insatser
//   och belägg, hur många med belopp och summan av de angivna beloppen.
// description: For each funder and report year: how many FINANCES facts and initiatives, in
//   how many regions' reports, how many facts state a sum, and the total of the sums stated
//   (null when none is).
// params: docs (list, optional: document ids; none = every document)
// columns: funder, funder_name, funder_type, year, regions, initiatives, facts, stated, amount_sek
MATCH (a:Actor)-[f:FINANCES]->(i:Initiative)
MATCH (d:Document) WHERE d.id = f.doc AND (size($docs) = 0 OR f.doc IN $docs)
WITH a, d.year AS year, count(DISTINCT d.region) AS regions, count(DISTINCT i.id) AS initiatives,
     count(f) AS facts, count(f.amount_sek) AS stated, sum(f.amount_sek) AS total
RETURN a.id AS funder, a.name AS funder_name, a.type AS funder_type, year, regions, initiatives, facts, stated,
       CASE WHEN stated = 0 THEN null ELSE total END AS amount_sek
ORDER BY funder, year
