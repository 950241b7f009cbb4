// name: actor_profile
// title: Actor profile
// title_sv: Aktörsprofil
// description: One actor (by id) in one row: its name, type and aliases, how many facts of each
//   kind it takes part in (collaborates_with counts both directions), how many distinct
//   initiatives and collaboration partners it has, how often it is mentioned, and the
//   sections and documents that mention it.
// params: actor (string: an actor id, e.g. "vinnova")
// columns: id, name, type, aliases, county, finances, leads, participates_in, collaborates_with, member_of, has_members, initiatives, partners, mentions, sections, documents
MATCH (a:Actor {id: $actor})
RETURN a.id AS id, a.name AS name, a.type AS type, a.aliases AS aliases, a.county AS county,
       COUNT { MATCH (a)-[:FINANCES]->(:Initiative) } AS finances,
       COUNT { MATCH (a)-[:LEADS]->(:Initiative) } AS leads,
       COUNT { MATCH (a)-[:PARTICIPATES_IN]->(:Initiative) } AS participates_in,
       COUNT { MATCH (a)-[:COLLABORATES_WITH]-(:Actor) } AS collaborates_with,
       COUNT { MATCH (a)-[:MEMBER_OF]->(:Actor) } AS member_of,
       COUNT { MATCH (a)<-[:MEMBER_OF]-(:Actor) } AS has_members,
       size(COLLECT { MATCH (a)-[:FINANCES|LEADS|PARTICIPATES_IN]->(i:Initiative) RETURN DISTINCT i.id AS v }) AS initiatives,
       size(COLLECT { MATCH (a)-[:COLLABORATES_WITH]-(b:Actor) RETURN DISTINCT b.id AS v }) AS partners,
       reduce(total = 0, v IN COLLECT { MATCH (a)-[m:MENTIONED_IN]->(:Section) RETURN m.count AS v } | total + coalesce(v, 0)) AS mentions,
       COLLECT { MATCH (a)-[:MENTIONED_IN]->(s:Section) RETURN DISTINCT s.number AS v ORDER BY v } AS sections,
       COLLECT { MATCH (a)-[m:MENTIONED_IN]->(:Section) RETURN DISTINCT m.doc AS v ORDER BY v } AS documents
