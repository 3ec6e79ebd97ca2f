-- Indirect calls still of kind 'pointer', and why: what they call through and where it gets its value
SELECT cr.name AS caller, f.path AS file, c.line, coalesce(v.name, '') AS through,
	CASE
	WHEN v.id IS NULL THEN
		'a local variable or an expression: no field, parameter or global behind it'
	WHEN rk.name = 'read' THEN
		'an element of the array ' || v.name || ', which no field names'
	ELSE 'a global function pointer, set at run time' ||
		coalesce(' (written at ' || (SELECT wf.path || ':' || w.line FROM ref w
			JOIN file wf ON wf.id = w.file_id
			WHERE w.sym_id = v.id AND w.kind = (SELECT code FROM ref_kind WHERE name = 'write')
			ORDER BY wf.path, w.line LIMIT 1) || ')', '')
	END AS why
FROM call c JOIN sym cr ON cr.id = c.caller_id JOIN file f ON f.id = c.file_id
LEFT JOIN ref r ON r.file_id = c.file_id AND r.line = c.line AND r.col = c.col
	AND r.kind IN (SELECT code FROM ref_kind WHERE name IN ('call', 'read'))
	AND r.sym_id IN (SELECT id FROM sym WHERE kind = 'var')
LEFT JOIN ref_kind rk ON rk.code = r.kind
LEFT JOIN sym v ON v.id = r.sym_id
WHERE c.kind = 'pointer'
ORDER BY f.path, c.line, cr.name;
