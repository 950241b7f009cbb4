// name: cofinance_facts
// title: Co-financing facts of a report section, one per funder
// title_sv: Gemensam finansiering i ett avsnitt, en rad per finansiär
// description_sv: Beläggen bakom raderna i ”Gemensam finansiering i ett avsnitt”: en rad per
//   finansiär och insats, med belopp, instrument, avsnitt, rad, mening och regel.
// description: The FINANCES facts behind cofinance_by_section: for every initiative that row
//   lists for the section, one row per FINANCES fact by one of the funders the section names,
//   wherever in its document the fact stands (a sum is often told in another chapter; an area
//   such as "kompetensförsörjning" keeps to the section's own sentences), with
//   the sum and instrument the sentence states and its provenance. in_section tells whether
//   the fact itself comes from the section. Report lines are built from these rows.
// params: section (string, e.g. "3.1"), docs (list, optional: document ids; none = every document),
//   reviewed (string, optional, default "": "ja" (any text) counts only the facts a reviewer accepted, changed or added)
// columns: initiative, initiative_name, kind, funder, funder_name, funder_type, amount_sek, instrument, in_section, doc, section, line, evidence, method, confidence
MATCH (funder:Actor)-[hit:FINANCES]->(ini:Initiative)
WHERE (hit.section = $section OR hit.section STARTS WITH ($section + '.'))
  AND (size($docs) = 0 OR hit.doc IN $docs) AND ($reviewed = '' OR hit.review IS NOT NULL)
OPTIONAL MATCH (d:Document) WHERE d.id = hit.doc
WITH hit.doc AS doc, ini, collect(DISTINCT funder.id) AS here,
     count(CASE WHEN d IS NULL OR funder.name <> d.region THEN 1 END) AS partner_facts
WHERE size(here) >= 2 OR partner_facts > 0
MATCH (fa:Actor)-[fin:FINANCES]->(ini)
WHERE fa.id IN here AND fin.doc = doc AND ($reviewed = '' OR fin.review IS NOT NULL)
  AND (ini.kind <> 'area' OR fin.section = $section OR fin.section STARTS WITH ($section + '.'))
RETURN ini.id AS initiative, ini.name AS initiative_name, ini.kind AS kind,
       fa.id AS funder, fa.name AS funder_name, fa.type AS funder_type,
       fin.amount_sek AS amount_sek, fin.instrument AS instrument,
       (fin.section = $section OR fin.section STARTS WITH ($section + '.')) AS in_section,
       fin.doc AS doc, fin.section AS section, fin.line AS line, fin.evidence AS evidence,
       fin.method AS method, fin.confidence AS confidence
ORDER BY doc, initiative, funder, line
