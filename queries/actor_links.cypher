// name: actor_links
// title: Actor-to-actor links (the actor projection)
// title_sv: Länkar mellan aktörer
// description_sv: Aktörer som hänger ihop: direkt (samverkar, är medlem) eller via en insats
//   som båda finansierar, leder eller deltar i; en rad per par och sätt, med antal belägg.
// description: The graph projected on actors, one row per linked pair and way of being linked:
//   COLLABORATES_WITH (read undirected, source < target by id), MEMBER_OF (member -> council or
//   network), CO_FINANCES (both FINANCE the same initiative, via = the initiative) and
//   SHARED_INITIATIVE (both FINANCE, LEAD or PARTICIPATE_IN the same initiative, but not both
//   finance it). via is the initiative id (null for the other kinds of link), via_name its
//   name or the area of a collaboration; facts counts the relationships behind the link.
//   Analytics (brokers, communities) run on this. (No UNION part projects one expression
//   twice: LadybugDB 0.22 then mixes up the columns of the later parts.)
// params: docs (list, optional: document ids; none = every document)
// columns: source, source_name, source_type, target, target_name, target_type, relation, via, via_name, facts
// order: source, target, relation, via, via_name
MATCH (a:Actor)-[r:COLLABORATES_WITH]-(b:Actor)
WHERE a.id < b.id AND (size($docs) = 0 OR r.doc IN $docs)
RETURN a.id AS source, a.name AS source_name, a.type AS source_type,
       b.id AS target, b.name AS target_name, b.type AS target_type,
       'COLLABORATES_WITH' AS relation, CASE WHEN false THEN '' END AS via, r.area AS via_name, count(r) AS facts
UNION ALL
MATCH (a:Actor)-[r:MEMBER_OF]->(b:Actor)
WHERE a.id <> b.id AND (size($docs) = 0 OR r.doc IN $docs)
RETURN a.id AS source, a.name AS source_name, a.type AS source_type,
       b.id AS target, b.name AS target_name, b.type AS target_type,
       'MEMBER_OF' AS relation, CASE WHEN false THEN '' END AS via, CASE WHEN false THEN '' END AS via_name,
       count(r) AS facts
UNION ALL
MATCH (a:Actor)-[r1:FINANCES]->(ini:Initiative)<-[r2:FINANCES]-(b:Actor)
WHERE a.id < b.id AND (size($docs) = 0 OR (r1.doc IN $docs AND r2.doc IN $docs))
RETURN a.id AS source, a.name AS source_name, a.type AS source_type,
       b.id AS target, b.name AS target_name, b.type AS target_type,
       'CO_FINANCES' AS relation, ini.id AS via, ini.name AS via_name,
       count(DISTINCT r1.id) + count(DISTINCT r2.id) AS facts
UNION ALL
MATCH (a:Actor)-[r1:FINANCES|LEADS|PARTICIPATES_IN]->(ini:Initiative)<-[r2:FINANCES|LEADS|PARTICIPATES_IN]-(b:Actor)
WHERE a.id < b.id AND (size($docs) = 0 OR (r1.doc IN $docs AND r2.doc IN $docs))
  AND NOT (EXISTS { MATCH (a)-[f1:FINANCES]->(ini) WHERE size($docs) = 0 OR f1.doc IN $docs }
           AND EXISTS { MATCH (b)-[f2:FINANCES]->(ini) WHERE size($docs) = 0 OR f2.doc IN $docs })
RETURN a.id AS source, a.name AS source_name, a.type AS source_type,
       b.id AS target, b.name AS target_name, b.type AS target_type,
       'SHARED_INITIATIVE' AS relation, ini.id AS via, ini.name AS via_name,
       count(DISTINCT r1.id) + count(DISTINCT r2.id) AS facts
