-- The resolved call graph, by symbol id, for callers, callees, path and
-- graph. Each row: other end id, its name, kind, via, call site file and
-- line, binding file and line. ?1 is the function, ?2 is 1 to include
-- type-only matches, ?3 is 1 to include the asynchronous hops (queue,
-- softirq, wakeup, ...: the handoff_edge view of schemas/002_handoff.sql).
-- A call's via ("net_device_ops.ndo_start_xmit") is split into struct and
-- field, and the call is the outer loop (CROSS JOIN), so that binding_by_field
-- and assign_by_field answer each call instead of a scan of either table.

-- name: callees
SELECT c.callee_id, ce.name, 'direct', NULL, f.path, c.line, NULL, NULL
FROM call c JOIN sym ce ON ce.id = c.callee_id JOIN file f ON f.id = c.file_id
WHERE c.caller_id = ?1 AND c.kind = 'direct'
UNION ALL
SELECT b.fn_id, fs.name, 'field', c.via, f.path, c.line, bf.path, b.line
FROM call c CROSS JOIN binding b ON b.struct = substr(c.via, 1, instr(c.via, '.') - 1)
	AND b.field = substr(c.via, instr(c.via, '.') + 1)
JOIN sym fs ON fs.id = b.fn_id JOIN file f ON f.id = c.file_id JOIN file bf ON bf.id = b.file_id
WHERE c.caller_id = ?1 AND c.kind = 'field'
UNION ALL
SELECT a.target_id, ts.name, 'field', c.via, f.path, c.line, af.path, a.line
FROM call c CROSS JOIN assign s ON s.struct = substr(c.via, 1, instr(c.via, '.') - 1)
	AND s.field = substr(c.via, instr(c.via, '.') + 1) AND s.param IS NOT NULL AND s.op = '='
JOIN fn_arg a ON a.callee_id = s.func_id AND a.arg = s.param AND a.target_kind = 'function'
JOIN sym ts ON ts.id = a.target_id JOIN file f ON f.id = c.file_id JOIN file af ON af.id = a.file_id
WHERE c.caller_id = ?1 AND c.kind = 'field'
UNION ALL
SELECT a.target_id, ts.name, 'param', c.via, f.path, c.line, af.path, a.line
FROM call c JOIN fn_arg a ON a.callee_id = c.caller_id
	AND a.arg = CAST(substr(c.via, 7) AS INTEGER) AND a.target_kind = 'function'
JOIN sym ts ON ts.id = a.target_id JOIN file f ON f.id = c.file_id JOIN file af ON af.id = a.file_id
WHERE c.caller_id = ?1 AND c.kind = 'param'
UNION ALL
SELECT fn.sym_id, fs.name, 'type', NULL, f.path, c.line, ff.path, fn.line
FROM call c JOIN func fn ON fn.type = c.fn_type
JOIN sym fs ON fs.id = fn.sym_id JOIN file f ON f.id = c.file_id JOIN file ff ON ff.id = fn.file_id
WHERE ?2 AND c.caller_id = ?1 AND c.kind = 'pointer' AND c.fn_type IS NOT NULL
UNION ALL
SELECT h.to_id, ts.name, h.kind, h.via, f.path, h.line, bf.path, h.bound_line
FROM handoff_edge h JOIN sym ts ON ts.id = h.to_id
JOIN file f ON f.id = h.file_id JOIN file bf ON bf.id = h.bound_file_id
WHERE ?3 AND h.from_id = ?1
ORDER BY 5, 6, 2;

-- name: callers
SELECT c.caller_id, cr.name, 'direct', NULL, f.path, c.line, NULL, NULL
FROM call c JOIN sym cr ON cr.id = c.caller_id JOIN file f ON f.id = c.file_id
WHERE c.callee_id = ?1 AND c.kind = 'direct'
UNION ALL
SELECT c.caller_id, cr.name, 'field', c.via, f.path, c.line, bf.path, b.line
FROM binding b JOIN call c ON c.via = b.struct || '.' || b.field AND c.kind = 'field'
JOIN sym cr ON cr.id = c.caller_id JOIN file f ON f.id = c.file_id JOIN file bf ON bf.id = b.file_id
WHERE b.fn_id = ?1
UNION ALL
SELECT c.caller_id, cr.name, 'field', c.via, f.path, c.line, af.path, a.line
FROM fn_arg a JOIN assign s ON s.func_id = a.callee_id AND s.param = a.arg AND s.op = '='
JOIN call c ON c.via = s.struct || '.' || s.field AND c.kind = 'field'
JOIN sym cr ON cr.id = c.caller_id JOIN file f ON f.id = c.file_id JOIN file af ON af.id = a.file_id
WHERE a.target_id = ?1 AND a.target_kind = 'function'
UNION ALL
SELECT c.caller_id, cr.name, 'param', c.via, f.path, c.line, af.path, a.line
FROM fn_arg a JOIN call c ON c.caller_id = a.callee_id AND c.kind = 'param'
	AND c.via = 'param:' || a.arg
JOIN sym cr ON cr.id = c.caller_id JOIN file f ON f.id = c.file_id JOIN file af ON af.id = a.file_id
WHERE a.target_id = ?1 AND a.target_kind = 'function'
UNION ALL
SELECT c.caller_id, cr.name, 'type', NULL, f.path, c.line, ff.path, fn.line
FROM func fn JOIN call c ON c.fn_type = fn.type AND c.kind = 'pointer'
JOIN sym cr ON cr.id = c.caller_id JOIN file f ON f.id = c.file_id JOIN file ff ON ff.id = fn.file_id
WHERE ?2 AND fn.sym_id = ?1
UNION ALL
SELECT h.from_id, cr.name, h.kind, h.via, f.path, h.line, bf.path, h.bound_line
FROM handoff_edge h JOIN sym cr ON cr.id = h.from_id
JOIN file f ON f.id = h.file_id JOIN file bf ON bf.id = h.bound_file_id
WHERE ?3 AND h.to_id = ?1
ORDER BY 5, 6, 2;

-- Functions by name, with where they are defined (none for a declaration only).
-- name: functions_named
SELECT s.id, s.name, f.path, fn.line
FROM sym s LEFT JOIN func fn ON fn.sym_id = s.id LEFT JOIN file f ON f.id = fn.file_id
WHERE s.name = ?1 AND s.kind = 'function'
ORDER BY f.path, fn.line;

-- Names close to a misspelt one, ranked in C.
-- name: names_like
SELECT DISTINCT name FROM sym
WHERE kind = ?2 AND (name LIKE '%' || ?1 || '%'
	OR (substr(name, 1, 2) = substr(?1, 1, 2) AND abs(length(name) - length(?1)) <= 4)
	OR (substr(name, -3) = substr(?1, -3) AND abs(length(name) - length(?1)) <= 4))
LIMIT 5000;

-- name: function_def
SELECT f.path, fn.line FROM func fn JOIN file f ON f.id = fn.file_id
WHERE fn.sym_id = ?1 ORDER BY f.path LIMIT 1;

-- Where a function drops a packet (the drop_site view), as graph labels them.
-- name: drops
SELECT CASE
	WHEN d.kind = 'return' THEN 'returns ' || d.what
	WHEN d.kind = 'counter' AND d.callee IS NULL THEN 'counts ' || d.what
	WHEN d.kind = 'counter' THEN 'calls ' || d.callee
	ELSE 'calls ' || d.what END, f.path, d.line
FROM drop_site d JOIN file f ON f.id = d.file_id
WHERE d.func_id = ?1 AND d.kind <> 'stop'
ORDER BY 2, 3, 1;

-- How many functions are bound to a field: the size of a fan-out.
-- name: bound_count
SELECT count(DISTINCT fn_id) FROM binding WHERE struct || '.' || field = ?1;
