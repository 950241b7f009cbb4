// name: section_results
// title: Results a report section gives
// title_sv: Exempel på resultat i ett avsnitt
// description_sv: Exempel på resultat som ett avsnitt redovisar, med raderna de står på.
// description: The sentences of a section ("3.1" matches 3.1 and 3.1.x) that answer the
//   template's "Ge exempel på resultat …" (where one block answers several sub-questions, the
//   sentences with a result cue), as the loaders stored them on the Section node, with the
//   line each starts on (results and result_lines run in step).
// params: section (string, e.g. "3.1"), docs (list, optional: document ids; none = every document)
// columns: doc, section, title, results, result_lines
MATCH (s:Section)
WHERE (s.number = $section OR s.number STARTS WITH ($section + '.')) AND (size($docs) = 0 OR s.doc IN $docs)
RETURN s.doc AS doc, s.number AS section, s.title AS title, s.results AS results, s.result_lines AS result_lines
ORDER BY doc, section
