-- edges, the public call graph, answered by index in both directions. A
-- call's via ("net_device_ops.ndo_start_xmit") was matched against
-- struct || '.' || field, which SQLite cannot look up from the call's side:
-- every query for a function's callees scanned binding and fn_arg. Now the
-- via is also split into struct and field (binding_by_field,
-- assign_by_field), and the concatenation stays for the other direction
-- (call_by_via). The rows are the same.
DROP VIEW edges;
CREATE VIEW edges AS
SELECT cr.name AS caller, ce.name AS callee, 'direct' AS kind, NULL AS via,
       f.path AS file, c.line, NULL AS bound_file, NULL AS bound_line
FROM call c JOIN sym cr ON cr.id = c.caller_id JOIN sym ce ON ce.id = c.callee_id
JOIN file f ON f.id = c.file_id
WHERE c.kind = 'direct'
UNION ALL
SELECT cr.name, fs.name, 'field', c.via, f.path, c.line, bf.path, b.line
FROM call c JOIN binding b ON b.struct = substr(c.via, 1, instr(c.via, '.') - 1)
	AND b.field = substr(c.via, instr(c.via, '.') + 1) AND c.via = b.struct || '.' || b.field
JOIN sym cr ON cr.id = c.caller_id JOIN sym fs ON fs.id = b.fn_id
JOIN file f ON f.id = c.file_id JOIN file bf ON bf.id = b.file_id
WHERE c.kind = 'field'
UNION ALL
SELECT cr.name, ts.name, 'field', c.via, f.path, c.line, af.path, a.line
FROM call c JOIN assign s ON s.struct = substr(c.via, 1, instr(c.via, '.') - 1)
	AND s.field = substr(c.via, instr(c.via, '.') + 1) AND c.via = s.struct || '.' || s.field
	AND s.param IS NOT NULL AND s.op = '='
JOIN fn_arg a ON a.callee_id = s.func_id AND a.arg = s.param AND a.target_kind = 'function'
JOIN sym cr ON cr.id = c.caller_id JOIN sym ts ON ts.id = a.target_id
JOIN file f ON f.id = c.file_id JOIN file af ON af.id = a.file_id
WHERE c.kind = 'field'
UNION ALL
SELECT cr.name, ts.name, 'param', c.via, f.path, c.line, af.path, a.line
FROM call c JOIN fn_arg a ON a.callee_id = c.caller_id
	AND a.arg = CAST(substr(c.via, 7) AS INTEGER) AND a.target_kind = 'function'
JOIN sym cr ON cr.id = c.caller_id JOIN sym ts ON ts.id = a.target_id
JOIN file f ON f.id = c.file_id JOIN file af ON af.id = a.file_id
WHERE c.kind = 'param'
UNION ALL
SELECT cr.name, fs.name, 'type', NULL, f.path, c.line, ff.path, fn.line
FROM call c JOIN func fn ON fn.type = c.fn_type
JOIN sym cr ON cr.id = c.caller_id JOIN sym fs ON fs.id = fn.sym_id
JOIN file f ON f.id = c.file_id JOIN file ff ON ff.id = fn.file_id
WHERE c.kind = 'pointer' AND c.fn_type IS NOT NULL
UNION ALL
SELECT cr.name, ts.name, h.kind, h.via, f.path, h.line, bf.path, h.bound_line
FROM handoff_edge h JOIN sym cr ON cr.id = h.from_id JOIN sym ts ON ts.id = h.to_id
JOIN file f ON f.id = h.file_id JOIN file bf ON bf.id = h.bound_file_id;
