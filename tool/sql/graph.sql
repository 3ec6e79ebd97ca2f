-- The resolved call graph, by symbol id, for callers, callees, path and
-- graph. Each row: other end id, its name, kind, via, call site file and
-- line, binding file and line. ?1 is the function, ?2 is 1 to include
-- type-only matches, ?3 is 1 to include the asynchronous hops (queue,
-- softirq, wakeup, ...). Direct calls are in call; the indirect calls
-- resolved and the hand-offs in edge, derived after each index run
-- (schemas/009_edge_table.sql). The order is total over every column
-- printed: one call through a field bound in two files is two rows that
-- differ only in where each binding is, and ids follow the order the TUs
-- were stored, which -j N varies.

-- name: callees
SELECT c.callee_id, ce.name, 'direct', NULL, f.path, c.line, NULL, NULL
FROM call c JOIN sym ce ON ce.id = c.callee_id JOIN file f ON f.id = c.file_id
WHERE c.caller_id = ?1 AND c.kind = 'direct'
UNION ALL
SELECT e.to_id, ts.name, e.kind, e.via, f.path, e.line, bf.path, e.bound_line
FROM edge e JOIN sym ts ON ts.id = e.to_id JOIN file f ON f.id = e.file_id
JOIN file bf ON bf.id = e.bound_file_id
WHERE e.from_id = ?1 AND (?3 OR e.kind IN ('field', 'param'))
UNION ALL
SELECT fn.sym_id, fs.name, 'type', NULL, f.path, c.line, ff.path, fn.line
FROM call c JOIN func fn ON fn.type = c.fn_type
JOIN sym fs ON fs.id = fn.sym_id JOIN file f ON f.id = c.file_id JOIN file ff ON ff.id = fn.file_id
WHERE ?2 AND c.caller_id = ?1 AND c.kind = 'pointer' AND c.fn_type IS NOT NULL
ORDER BY 5, 6, 2, 3, 4, 7, 8;

-- name: callers
SELECT c.caller_id, cr.name, 'direct', NULL, f.path, c.line, NULL, NULL
FROM call c JOIN sym cr ON cr.id = c.caller_id JOIN file f ON f.id = c.file_id
WHERE c.callee_id = ?1 AND c.kind = 'direct'
UNION ALL
SELECT e.from_id, cr.name, e.kind, e.via, f.path, e.line, bf.path, e.bound_line
FROM edge e JOIN sym cr ON cr.id = e.from_id JOIN file f ON f.id = e.file_id
JOIN file bf ON bf.id = e.bound_file_id
WHERE e.to_id = ?1 AND (?3 OR e.kind IN ('field', 'param'))
UNION ALL
SELECT c.caller_id, cr.name, 'type', NULL, f.path, c.line, ff.path, fn.line
FROM func fn JOIN call c ON c.fn_type = fn.type AND c.kind = 'pointer'
JOIN sym cr ON cr.id = c.caller_id JOIN file f ON f.id = c.file_id JOIN file ff ON ff.id = fn.file_id
WHERE ?2 AND fn.sym_id = ?1
ORDER BY 5, 6, 2, 3, 4, 7, 8;

-- Functions by name, with where they are defined (none for a declaration only).
-- name: functions_named
SELECT s.id, s.name, f.path, fn.line
FROM sym s LEFT JOIN func fn ON fn.sym_id = s.id LEFT JOIN file f ON f.id = fn.file_id
WHERE s.name = ?1 AND s.kind = 'function'
ORDER BY f.path, fn.line;

-- Fields whose own name (after the last '.') is ?1 (score 0), or ends ?1
-- after an '_' and is over half of it (score 1): a global that became a
-- field, as netdev_max_backlog became net_hotdata.max_backlog in 6.9, or a
-- field written through a variable ('dev->mtu'), with how often each is used.
-- The most used first: of the fields named 'len', sk_buff.len.
-- name: fields_named_like
SELECT name, min(f <> ?1), sum((SELECT count(*) FROM ref r WHERE r.sym_id = id)) FROM (
	SELECT id, name, substr(name, length(rtrim(name, replace(name, '.', ''))) + 1) AS f
	FROM sym WHERE kind = 'field')
WHERE f = ?1 OR (length(f) * 2 > length(?1) AND substr(?1, -length(f) - 1) = '_' || f)
GROUP BY name ORDER BY 2, 3 DESC, 1
LIMIT 50;

-- A name that is no function, global or field: a #define's, where first
-- defined (of its uses only the calls written with it are known: call.macro).
-- name: macro_named
SELECT f.path, m.line FROM macro_def m JOIN file f ON f.id = m.file_id
WHERE m.name = ?1 ORDER BY m.skipped, f.path, m.line LIMIT 1;

-- The functions the uses of macro ?1 call (call.macro: the macro written at
-- the call site).
-- name: macro_callees
SELECT DISTINCT ce.name FROM call c JOIN sym ce ON ce.id = c.callee_id
WHERE c.macro = ?1 ORDER BY 1 LIMIT 4;

-- Names close to a misspelt one, ranked in C.
-- name: names_like
SELECT DISTINCT name FROM sym
WHERE kind = ?2 AND (name LIKE '%' || ?1 || '%'
	OR (substr(name, 1, 2) = substr(?1, 1, 2) AND abs(length(name) - length(?1)) <= 4)
	OR (substr(name, -3) = substr(?1, -3) AND abs(length(name) - length(?1)) <= 4))
LIMIT 5000;

-- Where a function is defined: of two definitions (not static, in two
-- files, or a header's under two configurations), the first by file and line.
-- name: function_def
SELECT f.path, fn.line FROM func fn JOIN file f ON f.id = fn.file_id
WHERE fn.sym_id = ?1 ORDER BY f.path, fn.line LIMIT 1;

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

-- The parameter of caller ?1 that its direct call of ?2 at ?3:?4 passes on
-- as argument ?5 (call.args' "param"), or no row: path's check of a
-- parameter hop that store.sql's derive followed up through callers (fwd).
-- name: param_passed_on
SELECT p FROM (
	SELECT json_extract(c.args, '$[' || (?5 - 1) || '].param') AS p
	FROM call c JOIN file f ON f.id = c.file_id
	WHERE c.caller_id = ?1 AND c.callee_id = ?2 AND f.path = ?3 AND c.line = ?4 AND c.kind = 'direct')
WHERE p IS NOT NULL LIMIT 1;
