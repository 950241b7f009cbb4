// name: funding_flows
// title: Funding flows
// title_sv: Finansieringsflöden
// description_sv: Varje finansieringsflöde från en aktör till en insats, med belopp och
//   instrument där texten anger dem och meningen det står i.
// description: Every FINANCES fact: who finances which initiative, with the sum (SEK) and the
//   instrument (for example 1:1, ERUF, ESF) the sentence states, and where it says so.
// params: docs (list, optional: document ids; none = every document)
// columns: funder, funder_name, funder_type, initiative, initiative_name, kind, amount_sek, instrument, doc, section, line, evidence
MATCH (fa:Actor)-[fin:FINANCES]->(ini:Initiative)
WHERE size($docs) = 0 OR fin.doc IN $docs
RETURN fa.id AS funder, fa.name AS funder_name, fa.type AS funder_type,
       ini.id AS initiative, ini.name AS initiative_name, ini.kind AS kind,
       fin.amount_sek AS amount_sek, fin.instrument AS instrument,
       fin.doc AS doc, fin.section AS section, fin.line AS line, fin.evidence AS evidence
ORDER BY funder, initiative, doc, line
