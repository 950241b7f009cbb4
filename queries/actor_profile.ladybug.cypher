// The LadybugDB form of actor_profile.cypher: OPTIONAL MATCH stages, collect() and list_sort().
MATCH (a:Actor {id: $actor})
OPTIONAL MATCH (a)-[m:MENTIONED_IN]->(s:Section)
WITH a, coalesce(sum(m.count), 0) AS mentions,
     list_sort(collect(DISTINCT s.number)) AS sections, list_sort(collect(DISTINCT m.doc)) AS documents
OPTIONAL MATCH (a)-[:FINANCES|LEADS|PARTICIPATES_IN]->(i:Initiative)
WITH a, mentions, sections, documents, count(DISTINCT i.id) AS initiatives
OPTIONAL MATCH (a)-[:COLLABORATES_WITH]-(b:Actor)
WITH a, mentions, sections, documents, initiatives, count(DISTINCT b.id) AS partners
RETURN a.id AS id, a.name AS name, a.type AS type, a.aliases AS aliases, a.county AS county,
       COUNT { MATCH (a)-[:FINANCES]->(:Initiative) } AS finances,
       COUNT { MATCH (a)-[:LEADS]->(:Initiative) } AS leads,
       COUNT { MATCH (a)-[:PARTICIPATES_IN]->(:Initiative) } AS participates_in,
       COUNT { MATCH (a)-[:COLLABORATES_WITH]-(:Actor) } AS collaborates_with,
       COUNT { MATCH (a)-[:MEMBER_OF]->(:Actor) } AS member_of,
       COUNT { MATCH (a)<-[:MEMBER_OF]-(:Actor) } AS has_members,
       initiatives, partners, mentions, sections, documents
