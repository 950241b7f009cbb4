// name: search
// title: Find actors and initiatives by name or alias
// title_sv: Sök aktörer och insatser
// description_sv: Sök aktörer och insatser på en del av namnet eller ett alias; versaler och
//   accenter spelar ingen roll.
// description: Actors and initiatives whose name or one of whose aliases contains the text,
//   ignoring case and writing å/ä as a and ö as o (also é as e, ü as u): "lansstyrelsen"
//   finds every "Länsstyrelsen i ... län". The parameter is folded in Python and the stored
//   names with nested replace() calls in the query. matched says whether the name or an alias
//   matched; kind is the actor type or the initiative kind. ($text is bound to `needle`
//   first, and $docs to `within`: LadybugDB 0.22 fails on a parameter inside any(... WHERE ...).)
// params: text (string, folded: part of a name or alias, e.g. "lansstyrelsen"), docs (list, optional: document ids; only what they mention; none = every document)
// columns: label, id, name, kind, aliases, matched
// order: label, name, id
WITH $text AS needle, $docs AS within
MATCH (n:Actor)
WHERE (size(within) = 0 OR EXISTS { MATCH (n)-[m:MENTIONED_IN]->(:Section) WHERE m.doc IN within })
  AND (replace(replace(replace(replace(replace(lower(n.name), 'å', 'a'), 'ä', 'a'), 'ö', 'o'), 'é', 'e'), 'ü', 'u') CONTAINS needle
   OR any(al IN n.aliases WHERE replace(replace(replace(replace(replace(lower(al), 'å', 'a'), 'ä', 'a'), 'ö', 'o'), 'é', 'e'), 'ü', 'u') CONTAINS needle))
RETURN 'Actor' AS label, n.id AS id, n.name AS name, n.type AS kind, n.aliases AS aliases,
       CASE WHEN replace(replace(replace(replace(replace(lower(n.name), 'å', 'a'), 'ä', 'a'), 'ö', 'o'), 'é', 'e'), 'ü', 'u') CONTAINS needle THEN 'name' ELSE 'alias' END AS matched
UNION ALL
WITH $text AS needle, $docs AS within
MATCH (n:Initiative)
WHERE (size(within) = 0 OR EXISTS { MATCH (n)-[m:MENTIONED_IN]->(:Section) WHERE m.doc IN within })
  AND (replace(replace(replace(replace(replace(lower(n.name), 'å', 'a'), 'ä', 'a'), 'ö', 'o'), 'é', 'e'), 'ü', 'u') CONTAINS needle
   OR any(al IN n.aliases WHERE replace(replace(replace(replace(replace(lower(al), 'å', 'a'), 'ä', 'a'), 'ö', 'o'), 'é', 'e'), 'ü', 'u') CONTAINS needle))
RETURN 'Initiative' AS label, n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases,
       CASE WHEN replace(replace(replace(replace(replace(lower(n.name), 'å', 'a'), 'ä', 'a'), 'ö', 'o'), 'é', 'e'), 'ü', 'u') CONTAINS needle THEN 'name' ELSE 'alias' END AS matched
