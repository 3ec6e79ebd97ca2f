-- Statements of 'ndoscope diff': the same questions asked of both indexes.

-- Functions defined, by name and file.
-- name: functions
SELECT s.name, f.path FROM func fn JOIN sym s ON s.id = fn.sym_id
JOIN file f ON f.id = fn.file_id
GROUP BY s.name, f.path ORDER BY f.path, s.name;

-- Ops tables: name, struct and file.
-- name: ops_tables
SELECT s.name, o.struct, f.path FROM ops_table o JOIN sym s ON s.id = o.sym_id
JOIN file f ON f.id = o.file_id
GROUP BY s.name, f.path ORDER BY f.path, s.name;

-- Bindings: STRUCT.FIELD = function, in a table (or a plain assignment).
-- name: bindings
SELECT b.struct || '.' || b.field, fs.name, coalesce(ts.name, ''), f.path
FROM binding b JOIN sym fs ON fs.id = b.fn_id LEFT JOIN sym ts ON ts.id = b.table_id
JOIN file f ON f.id = b.file_id
GROUP BY 1, 2, 3, 4 ORDER BY f.path, 1, 2;

-- The callers of a function, by name, for matching a renamed one.
-- name: callers_of
SELECT DISTINCT cr.name FROM call c JOIN sym ce ON ce.id = c.callee_id
JOIN sym cr ON cr.id = c.caller_id
WHERE ce.name = ?1 ORDER BY 1;
