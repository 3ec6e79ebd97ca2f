-- Statements of impl, ops and refs.

-- The TU a unit's facts came from (the first by path, when a header is
-- shared: unit.tu_id, schemas/019_tu_lists.sql).
-- name: impl
SELECT fs.name, b.context, ts.name, bf.path, b.line,
	(SELECT tf.path FROM unit u JOIN tu t ON t.id = u.tu_id JOIN file tf ON tf.id = t.file_id
	 WHERE u.id = b.unit_id),
	NULL, NULL
FROM binding b JOIN sym fs ON fs.id = b.fn_id LEFT JOIN sym ts ON ts.id = b.table_id
JOIN file bf ON bf.id = b.file_id
WHERE b.struct = ?1 AND b.field = ?2
UNION ALL
SELECT ts.name, 'parameter', NULL, af.path, a.line,
	(SELECT tf.path FROM unit u JOIN tu t ON t.id = u.tu_id JOIN file tf ON tf.id = t.file_id
	 WHERE u.id = a.unit_id),
	hs.name, a.arg
FROM assign s JOIN fn_arg a ON a.callee_id = s.func_id AND a.arg = s.param AND a.target_kind = 'function'
JOIN sym ts ON ts.id = a.target_id JOIN sym hs ON hs.id = s.func_id JOIN file af ON af.id = a.file_id
WHERE s.struct = ?1 AND s.field = ?2 AND s.param IS NOT NULL AND s.op = '='
ORDER BY 4, 5, 1;

-- Is field ?1.?2 copied from another function-pointer field anywhere
-- (schemas/025_assign_src.sql)? Rarely: impl_copies, with its seven
-- tables to plan, runs only then.
-- name: field_copied
SELECT 1 FROM assign WHERE struct = ?1 AND field = ?2 AND src IS NOT NULL LIMIT 1;

-- The functions bound to a field copied into ?1.?2 (hh->hh_output =
-- n->ops->hh_output): impl's columns for the binding of the field read,
-- then the function that copies it, the copy's line, the field read and
-- the copy's file.
-- name: impl_copies
SELECT fs.name, b.context, ts.name, bf.path, b.line,
	(SELECT tf.path FROM unit u JOIN tu t ON t.id = u.tu_id JOIN file tf ON tf.id = t.file_id
	 WHERE u.id = b.unit_id),
	hs.name, s.line, s.src, sf.path
FROM assign s JOIN binding b ON b.struct = substr(s.src, 1, instr(s.src, '.') - 1)
	AND b.field = substr(s.src, instr(s.src, '.') + 1)
JOIN sym fs ON fs.id = b.fn_id LEFT JOIN sym ts ON ts.id = b.table_id JOIN sym hs ON hs.id = s.func_id
JOIN file bf ON bf.id = b.file_id JOIN file sf ON sf.id = s.file_id
WHERE s.struct = ?1 AND s.field = ?2 AND s.src IS NOT NULL AND s.src <> ?1 || '.' || ?2 AND s.op = '='
ORDER BY 4, 5, 1, 10, 8;

-- Structs with a bound or called field of this name.
-- name: structs_with_field
SELECT struct FROM binding WHERE field = ?1
UNION SELECT struct FROM assign WHERE field = ?1 AND (param IS NOT NULL OR src IS NOT NULL)
ORDER BY 1;

-- name: field_known
SELECT 1 FROM sym WHERE kind = 'field' AND name = ?1 LIMIT 1;

-- name: ops_all
SELECT o.sym_id, s.name, o.struct, f.path, o.line, o.is_array,
	(SELECT count(*) FROM binding b WHERE b.table_id = o.sym_id AND b.unit_id = o.unit_id)
FROM ops_table o JOIN sym s ON s.id = o.sym_id JOIN file f ON f.id = o.file_id
WHERE ?1 IS NULL OR s.name = ?1 OR o.struct = ?1
ORDER BY f.path, o.line;

-- Members bound to functions, and to variables by address.
-- name: ops_members
SELECT b.field, fs.name, f.path, b.line, b.col, 0
FROM binding b JOIN sym fs ON fs.id = b.fn_id JOIN file f ON f.id = b.file_id
WHERE b.table_id = ?1 AND b.context = 'initializer'
UNION ALL
SELECT v.field, vs.name, f.path, v.line, 0, 1
FROM var_binding v JOIN sym vs ON vs.id = v.var_id JOIN file f ON f.id = v.file_id
WHERE v.table_id = ?1
ORDER BY 3, 4, 5;

-- The function a reference is in: the one that starts last before it; of
-- two starting on one line (a macro that defines several), by column, then
-- name. First the functions of the last line before the reference that one
-- starts on, found by one seek of func_by_file: they hold it unless it is
-- outside every function (an initializer) or two versions of a header
-- overlap. Only then all the functions before it, as the whole answer
-- always did: that read every function above the line, for each reference
-- (5.8 ms for the 502 refs of sk_buff.len on the bench index, 1.1 ms now).
-- A direct call's own ref is its row of call (schemas/020_call_refs.sql).
-- name: refs
WITH r(name, kind, file_id, line, col, in_macro) AS (
	SELECT s.name, k.name, r.file_id, r.line, r.col, r.in_macro
	FROM sym s JOIN ref r ON r.sym_id = s.id JOIN ref_kind k ON k.code = r.kind WHERE s.name = ?1
	UNION ALL
	SELECT s.name, 'call', c.file_id, c.line, c.col, c.ref
	FROM sym s JOIN call c ON c.callee_id = s.id WHERE s.name = ?1 AND c.ref IS NOT NULL)
SELECT r.name, r.kind, f.path, r.line, r.col, r.in_macro,
	coalesce(
	(SELECT fs.name FROM func fn JOIN sym fs ON fs.id = fn.sym_id
	 WHERE fn.file_id = r.file_id AND fn.end_line >= r.line
	   AND fn.line = (SELECT max(g.line) FROM func g
			  WHERE g.file_id = r.file_id AND g.line <= r.line)
	 ORDER BY fn.col DESC, fs.name LIMIT 1),
	(SELECT fs.name FROM func fn JOIN sym fs ON fs.id = fn.sym_id
	 WHERE fn.file_id = r.file_id AND r.line BETWEEN fn.line AND fn.end_line
	 ORDER BY fn.line DESC, fn.col DESC, fs.name LIMIT 1))
FROM r JOIN file f ON f.id = r.file_id
ORDER BY f.path, r.line, r.col, r.kind, r.in_macro;

-- name: sym_kinds
SELECT DISTINCT kind FROM sym WHERE name = ?1;

-- The callers of a macro: the call sites written with its name (call.macro
-- of a direct call), each with the function the expansion calls there.
-- name: macro_callers
SELECT DISTINCT c.caller_id, cr.name, ce.name, f.path, c.line
FROM call c JOIN sym cr ON cr.id = c.caller_id JOIN sym ce ON ce.id = c.callee_id
JOIN file f ON f.id = c.file_id
WHERE c.macro = ?1 AND c.kind = 'direct'
ORDER BY f.path, c.line, cr.name, ce.name;
