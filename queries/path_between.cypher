// name: path_between
// title: Shortest paths between two actors
// title_sv: Kortaste vägar mellan två aktörer
// description_sv: De kortaste vägarna mellan två aktörer i grafen, steg för steg genom aktörer
//   och insatser.
// description: Every shortest path (at most 6 steps) between two actors (by id) over the facts
//   of the graph (FINANCES, LEADS, PARTICIPATES_IN, COLLABORATES_WITH, MEMBER_OF, in either
//   direction; the MENTIONED_IN and PART_OF bookkeeping is left out), one row per distinct
//   sequence of nodes and relationship types, at most 25, ordered by the node ids. nodes and
//   names run from a to b. Neo4j spells it `ALL SHORTEST` with a quantified path pattern (the
//   document filter inside it is applied while searching; a filter after allShortestPaths()
//   made Neo4j search every path when none qualified: 23 s), LadybugDB `* ALL SHORTEST`
//   (path_between.ladybug.cypher).
// params: a (string: an actor id), b (string: another actor id), docs (list, optional: document ids; only their facts are steps; none = every document)
// columns: hops, nodes, names, relations
MATCH (x:Actor {id: $a}), (y:Actor {id: $b})
WHERE x.id <> y.id
MATCH p = ALL SHORTEST (x) (()-[r:FINANCES|LEADS|PARTICIPATES_IN|COLLABORATES_WITH|MEMBER_OF]-()
                            WHERE size($docs) = 0 OR r.doc IN $docs){1,6} (y)
WITH DISTINCT length(p) AS steps, [v IN nodes(p) | v.id] AS ids, [v IN nodes(p) | v.name] AS labels_,
     [e IN relationships(p) | type(e)] AS kinds
RETURN steps AS hops, ids AS nodes, labels_ AS names, kinds AS relations
ORDER BY reduce(key = '', s IN ids + kinds | key + s + '|')
LIMIT 25
