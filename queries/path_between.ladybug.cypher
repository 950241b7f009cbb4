// The LadybugDB form of path_between.cypher: `* ALL SHORTEST 1..6`, properties(nodes(p), ...),
// list_transform() and label() for the relationship types, list_to_string() for the order, and
// the documents as a filter on the steps (r, n | WHERE …).
MATCH (x:Actor {id: $a}), (y:Actor {id: $b})
WHERE x.id <> y.id
MATCH p = (x)-[:FINANCES|LEADS|PARTICIPATES_IN|COLLABORATES_WITH|MEMBER_OF* ALL SHORTEST 1..6 (r, n | WHERE size($docs) = 0 OR r.doc IN $docs)]-(y)
WITH DISTINCT length(p) AS steps, properties(nodes(p), 'id') AS ids, properties(nodes(p), 'name') AS labels_,
     list_transform(rels(p), e -> label(e)) AS kinds
RETURN steps AS hops, ids AS nodes, labels_ AS names, kinds AS relations
ORDER BY list_to_string('|', list_concat(ids, kinds)) + '|'
LIMIT 25
