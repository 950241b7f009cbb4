// The LadybugDB form of actor_profile.cypher: OPTIONAL MATCH stages, collect() and list_sort().
MATCH (a:Actor {id: $actor})
OPTIONAL MATCH (a)-[m:MENTIONED_IN]->(s:Section)
WHERE size($docs) = 0 OR m.doc IN $docs
WITH a, coalesce(sum(m.count), 0) AS mentions,
     list_sort(collect(DISTINCT s.number)) AS sections, list_sort(collect(DISTINCT m.doc)) AS documents
OPTIONAL MATCH (a)-[r:FINANCES|LEADS|PARTICIPATES_IN]->(i:Initiative)
WHERE size($docs) = 0 OR r.doc IN $docs
WITH a, mentions, sections, documents, count(DISTINCT i.id) AS initiatives
OPTIONAL MATCH (a)-[r:COLLABORATES_WITH]-(b:Actor)
WHERE size($docs) = 0 OR r.doc IN $docs
WITH a, mentions, sections, documents, initiatives, count(DISTINCT b.id) AS partners
RETURN a.id AS id, a.name AS name, a.type AS type, a.aliases AS aliases, a.county AS county,
       COUNT { MATCH (a)-[r:FINANCES]->(:Initiative) WHERE size($docs) = 0 OR r.doc IN $docs } AS finances,
       COUNT { MATCH (a)-[r:LEADS]->(:Initiative) WHERE size($docs) = 0 OR r.doc IN $docs } AS leads,
       COUNT { MATCH (a)-[r:PARTICIPATES_IN]->(:Initiative) WHERE size($docs) = 0 OR r.doc IN $docs } AS participates_in,
       COUNT { MATCH (a)-[r:COLLABORATES_WITH]-(:Actor) WHERE size($docs) = 0 OR r.doc IN $docs } AS collaborates_with,
       COUNT { MATCH (a)-[r:MEMBER_OF]->(:Actor) WHERE size($docs) = 0 OR r.doc IN $docs } AS member_of,
       COUNT { MATCH (a)<-[r:MEMBER_OF]-(:Actor) WHERE size($docs) = 0 OR r.doc IN $docs } AS has_members,
       initiatives, partners, mentions, sections, documents
