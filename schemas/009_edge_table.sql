-- ndoscope schema, migration 009: the resolved indirect calls are derived
-- once per index run (and merge) into a table, instead of joined anew by
-- every query: a call through a field to each function bound to that field
-- (by an initializer or assignment, or by a helper's parameter), a call
-- through a parameter to each function passed in that position, and the
-- asynchronous hops of handoff_edge. Direct calls stay in call, type-only
-- matches are still joined when asked for. 'ndoscope index' fills it at the
-- end of its next run (tool/sql/store.sql, derive); the rows of the edges
-- view are the same.
CREATE TABLE edge (
	from_id		INTEGER NOT NULL,	-- the calling function (sym id)
	to_id		INTEGER NOT NULL,	-- the function reached (sym id)
	kind		TEXT NOT NULL,		-- field, param, or a hand-off's kind
	via		TEXT,			-- STRUCT.FIELD, param:N, or the hand-off's object
	file_id		INTEGER NOT NULL,	-- the call site
	line		INTEGER NOT NULL,
	bound_file_id	INTEGER NOT NULL,	-- where the target was bound, passed or registered
	bound_line	INTEGER NOT NULL
);
CREATE INDEX edge_by_from ON edge(from_id);
CREATE INDEX edge_by_to ON edge(to_id);

DROP VIEW edges;
CREATE VIEW edges AS
SELECT cr.name AS caller, ce.name AS callee, 'direct' AS kind, NULL AS via,
       f.path AS file, c.line, NULL AS bound_file, NULL AS bound_line
FROM call c JOIN sym cr ON cr.id = c.caller_id JOIN sym ce ON ce.id = c.callee_id
JOIN file f ON f.id = c.file_id
WHERE c.kind = 'direct'
UNION ALL
SELECT cr.name, ts.name, e.kind, e.via, f.path, e.line, bf.path, e.bound_line
FROM edge e JOIN sym cr ON cr.id = e.from_id JOIN sym ts ON ts.id = e.to_id
JOIN file f ON f.id = e.file_id JOIN file bf ON bf.id = e.bound_file_id
UNION ALL
SELECT cr.name, fs.name, 'type', NULL, f.path, c.line, ff.path, fn.line
FROM call c JOIN func fn ON fn.type = c.fn_type
JOIN sym cr ON cr.id = c.caller_id JOIN sym fs ON fs.id = fn.sym_id
JOIN file f ON f.id = c.file_id JOIN file ff ON ff.id = fn.file_id
WHERE c.kind = 'pointer' AND c.fn_type IS NOT NULL;
