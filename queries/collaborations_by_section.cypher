// name: collaborations_by_section
// title: Collaboration facts of a report section
// title_sv: Samverkan i ett avsnitt
// description_sv: Allt avsnittet säger om samverkan: vem som finansierar, leder, deltar i
//   eller samverkar med vad, en rad per belägg.
// description: Every fact from the section ("3.1" matches 3.1 and 3.1.x) that ties an actor to a
//   partner: COLLABORATES_WITH read undirected (a row from each side), MEMBER_OF from the member
//   (MEMBER_OF) and from the council or network (HAS_MEMBER), and FINANCES, LEADS and
//   PARTICIPATES_IN from the actor to the initiative. partner_label says whether the partner is
//   an Actor or an Initiative; partner_kind is its actor type or initiative kind. answers is
//   the template sub-question the evidence sentence answers (areas, cofinance, results or null).
//   Columns a part has no value for are typed nulls (CASE WHEN false THEN '' END), which
//   LadybugDB needs to line up the parts of a UNION.
// params: section (string, e.g. "3.1"), docs (list, optional: document ids; none = every document)
// columns: actor, actor_name, actor_type, relation, partner, partner_name, partner_label, partner_kind, area, amount_sek, instrument, doc, section, line, evidence, answers, method, confidence
// order: actor, relation, partner, doc, line, area
MATCH (a:Actor)-[r:COLLABORATES_WITH]-(b:Actor)
WHERE (r.section = $section OR r.section STARTS WITH ($section + '.')) AND (size($docs) = 0 OR r.doc IN $docs)
RETURN a.id AS actor, a.name AS actor_name, a.type AS actor_type, 'COLLABORATES_WITH' AS relation,
       b.id AS partner, b.name AS partner_name, 'Actor' AS partner_label, b.type AS partner_kind,
       r.area AS area, CASE WHEN false THEN 0 END AS amount_sek, CASE WHEN false THEN '' END AS instrument,
       r.doc AS doc, r.section AS section, r.line AS line, r.evidence AS evidence, r.answers AS answers,
       r.method AS method, r.confidence AS confidence
UNION ALL
MATCH (a:Actor)-[r:MEMBER_OF]->(b:Actor)
WHERE (r.section = $section OR r.section STARTS WITH ($section + '.')) AND (size($docs) = 0 OR r.doc IN $docs)
RETURN a.id AS actor, a.name AS actor_name, a.type AS actor_type, 'MEMBER_OF' AS relation,
       b.id AS partner, b.name AS partner_name, 'Actor' AS partner_label, b.type AS partner_kind,
       CASE WHEN false THEN '' END AS area, CASE WHEN false THEN 0 END AS amount_sek, CASE WHEN false THEN '' END AS instrument,
       r.doc AS doc, r.section AS section, r.line AS line, r.evidence AS evidence, r.answers AS answers,
       r.method AS method, r.confidence AS confidence
UNION ALL
MATCH (b:Actor)-[r:MEMBER_OF]->(a:Actor)
WHERE (r.section = $section OR r.section STARTS WITH ($section + '.')) AND (size($docs) = 0 OR r.doc IN $docs)
RETURN a.id AS actor, a.name AS actor_name, a.type AS actor_type, 'HAS_MEMBER' AS relation,
       b.id AS partner, b.name AS partner_name, 'Actor' AS partner_label, b.type AS partner_kind,
       CASE WHEN false THEN '' END AS area, CASE WHEN false THEN 0 END AS amount_sek, CASE WHEN false THEN '' END AS instrument,
       r.doc AS doc, r.section AS section, r.line AS line, r.evidence AS evidence, r.answers AS answers,
       r.method AS method, r.confidence AS confidence
UNION ALL
MATCH (a:Actor)-[r:FINANCES]->(ini:Initiative)
WHERE (r.section = $section OR r.section STARTS WITH ($section + '.')) AND (size($docs) = 0 OR r.doc IN $docs)
RETURN a.id AS actor, a.name AS actor_name, a.type AS actor_type, 'FINANCES' AS relation,
       ini.id AS partner, ini.name AS partner_name, 'Initiative' AS partner_label, ini.kind AS partner_kind,
       CASE WHEN false THEN '' END AS area, r.amount_sek AS amount_sek, r.instrument AS instrument,
       r.doc AS doc, r.section AS section, r.line AS line, r.evidence AS evidence, r.answers AS answers,
       r.method AS method, r.confidence AS confidence
UNION ALL
MATCH (a:Actor)-[r:LEADS]->(ini:Initiative)
WHERE (r.section = $section OR r.section STARTS WITH ($section + '.')) AND (size($docs) = 0 OR r.doc IN $docs)
RETURN a.id AS actor, a.name AS actor_name, a.type AS actor_type, 'LEADS' AS relation,
       ini.id AS partner, ini.name AS partner_name, 'Initiative' AS partner_label, ini.kind AS partner_kind,
       CASE WHEN false THEN '' END AS area, CASE WHEN false THEN 0 END AS amount_sek, CASE WHEN false THEN '' END AS instrument,
       r.doc AS doc, r.section AS section, r.line AS line, r.evidence AS evidence, r.answers AS answers,
       r.method AS method, r.confidence AS confidence
UNION ALL
MATCH (a:Actor)-[r:PARTICIPATES_IN]->(ini:Initiative)
WHERE (r.section = $section OR r.section STARTS WITH ($section + '.')) AND (size($docs) = 0 OR r.doc IN $docs)
RETURN a.id AS actor, a.name AS actor_name, a.type AS actor_type, 'PARTICIPATES_IN' AS relation,
       ini.id AS partner, ini.name AS partner_name, 'Initiative' AS partner_label, ini.kind AS partner_kind,
       CASE WHEN false THEN '' END AS area, CASE WHEN false THEN 0 END AS amount_sek, CASE WHEN false THEN '' END AS instrument,
       r.doc AS doc, r.section AS section, r.line AS line, r.evidence AS evidence, r.answers AS answers,
       r.method AS method, r.confidence AS confidence
