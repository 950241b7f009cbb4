// name: actor_profile
// title: Actor profile
// title_sv: Aktörsprofil
// description_sv: En aktör på en rad: typ, andra namn, län, hur många insatser den
//   finansierar, leder och deltar i, vilka den samverkar med, i vilka avsnitt och rapporter
//   den nämns.
// description: One actor (by id) in one row: its name, type and aliases, how many facts of each
//   kind it takes part in (collaborates_with counts both directions), how many distinct
//   initiatives and collaboration partners it has, how often it is mentioned, and the
//   sections and documents that mention it; all within the documents given.
// params: actor (string: an actor id, e.g. "vinnova"), docs (list, optional: document ids; none = every document)
// columns: id, name, type, aliases, county, finances, leads, participates_in, collaborates_with, member_of, has_members, initiatives, partners, mentions, sections, documents
MATCH (a:Actor {id: $actor})
RETURN a.id AS id, a.name AS name, a.type AS type, a.aliases AS aliases, a.county AS county,
       COUNT { MATCH (a)-[r:FINANCES]->(:Initiative) WHERE size($docs) = 0 OR r.doc IN $docs } AS finances,
       COUNT { MATCH (a)-[r:LEADS]->(:Initiative) WHERE size($docs) = 0 OR r.doc IN $docs } AS leads,
       COUNT { MATCH (a)-[r:PARTICIPATES_IN]->(:Initiative) WHERE size($docs) = 0 OR r.doc IN $docs } AS participates_in,
       COUNT { MATCH (a)-[r:COLLABORATES_WITH]-(:Actor) WHERE size($docs) = 0 OR r.doc IN $docs } AS collaborates_with,
       COUNT { MATCH (a)-[r:MEMBER_OF]->(:Actor) WHERE size($docs) = 0 OR r.doc IN $docs } AS member_of,
       COUNT { MATCH (a)<-[r:MEMBER_OF]-(:Actor) WHERE size($docs) = 0 OR r.doc IN $docs } AS has_members,
       size(COLLECT { MATCH (a)-[r:FINANCES|LEADS|PARTICIPATES_IN]->(i:Initiative) WHERE size($docs) = 0 OR r.doc IN $docs
                      RETURN DISTINCT i.id AS v }) AS initiatives,
       size(COLLECT { MATCH (a)-[r:COLLABORATES_WITH]-(b:Actor) WHERE size($docs) = 0 OR r.doc IN $docs
                      RETURN DISTINCT b.id AS v }) AS partners,
       reduce(total = 0, v IN COLLECT { MATCH (a)-[m:MENTIONED_IN]->(:Section) WHERE size($docs) = 0 OR m.doc IN $docs
                                        RETURN m.count AS v } | total + coalesce(v, 0)) AS mentions,
       COLLECT { MATCH (a)-[m:MENTIONED_IN]->(s:Section) WHERE size($docs) = 0 OR m.doc IN $docs
                 RETURN DISTINCT s.number AS v ORDER BY v } AS sections,
       COLLECT { MATCH (a)-[m:MENTIONED_IN]->(:Section) WHERE size($docs) = 0 OR m.doc IN $docs
                 RETURN DISTINCT m.doc AS v ORDER BY v } AS documents
