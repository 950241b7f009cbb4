// name: partners_of
// title: Partners of an actor
// title_sv: En aktörs samarbetsparter
// description_sv: En aktörs samarbetsparter: direkt eller via gemensamma insatser, med första
//   avsnitt och rad där det står.
// description: Who the actor (by id) is linked to, one row per partner and way of being linked:
//   COLLABORATES_WITH (either direction; via_name = the area when the sentence names one),
//   MEMBER_OF (the actor is a member of the partner), HAS_MEMBER (the partner is a member of
//   the actor), CO_FINANCES (both FINANCE the initiative via) and SHARED_INITIATIVE (both
//   FINANCE, LEAD or PARTICIPATE_IN the initiative via, but not both finance it). facts
//   counts the relationships behind the link; first_section and first_line are the smallest
//   section number and line among them. via is the initiative id (null otherwise).
// params: actor (string: an actor id, e.g. "vinnova"), docs (list, optional: document ids; none = every document)
// columns: partner, partner_name, partner_type, relation, via, via_name, facts, first_section, first_line
// order: partner, relation, via, via_name
MATCH (a:Actor {id: $actor})-[r:COLLABORATES_WITH]-(b:Actor)
WHERE b.id <> a.id AND (size($docs) = 0 OR r.doc IN $docs)
RETURN b.id AS partner, b.name AS partner_name, b.type AS partner_type, 'COLLABORATES_WITH' AS relation,
       CASE WHEN false THEN '' END AS via, r.area AS via_name, count(r) AS facts, min(r.section) AS first_section, min(r.line) AS first_line
UNION ALL
MATCH (a:Actor {id: $actor})-[r:MEMBER_OF]->(b:Actor)
WHERE b.id <> a.id AND (size($docs) = 0 OR r.doc IN $docs)
RETURN b.id AS partner, b.name AS partner_name, b.type AS partner_type, 'MEMBER_OF' AS relation,
       CASE WHEN false THEN '' END AS via, CASE WHEN false THEN '' END AS via_name,
       count(r) AS facts, min(r.section) AS first_section, min(r.line) AS first_line
UNION ALL
MATCH (a:Actor {id: $actor})<-[r:MEMBER_OF]-(b:Actor)
WHERE b.id <> a.id AND (size($docs) = 0 OR r.doc IN $docs)
RETURN b.id AS partner, b.name AS partner_name, b.type AS partner_type, 'HAS_MEMBER' AS relation,
       CASE WHEN false THEN '' END AS via, CASE WHEN false THEN '' END AS via_name,
       count(r) AS facts, min(r.section) AS first_section, min(r.line) AS first_line
UNION ALL
MATCH (a:Actor {id: $actor})-[r1:FINANCES]->(ini:Initiative)<-[r2:FINANCES]-(b:Actor)
WHERE b.id <> a.id AND (size($docs) = 0 OR (r1.doc IN $docs AND r2.doc IN $docs))
RETURN b.id AS partner, b.name AS partner_name, b.type AS partner_type, 'CO_FINANCES' AS relation,
       ini.id AS via, ini.name AS via_name, count(DISTINCT r1.id) + count(DISTINCT r2.id) AS facts,
       min(r2.section) AS first_section, min(r2.line) AS first_line
UNION ALL
MATCH (a:Actor {id: $actor})-[r1:FINANCES|LEADS|PARTICIPATES_IN]->(ini:Initiative)<-[r2:FINANCES|LEADS|PARTICIPATES_IN]-(b:Actor)
WHERE b.id <> a.id AND (size($docs) = 0 OR (r1.doc IN $docs AND r2.doc IN $docs))
  AND NOT (EXISTS { MATCH (a)-[f1:FINANCES]->(ini) WHERE size($docs) = 0 OR f1.doc IN $docs }
           AND EXISTS { MATCH (b)-[f2:FINANCES]->(ini) WHERE size($docs) = 0 OR f2.doc IN $docs })
RETURN b.id AS partner, b.name AS partner_name, b.type AS partner_type, 'SHARED_INITIATIVE' AS relation,
       ini.id AS via, ini.name AS via_name, count(DISTINCT r1.id) + count(DISTINCT r2.id) AS facts,
       min(r2.section) AS first_section, min(r2.line) AS first_line
