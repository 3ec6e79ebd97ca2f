-- Statements the indexer uses to write one TU's facts. Each "-- name:"
-- section is one prepared statement, or a list of statements run in order
-- with ?1 bound (db_run_section).

-- name: file_insert
INSERT OR IGNORE INTO file(path) VALUES (?1);
-- name: file_id
SELECT id FROM file WHERE path = ?1;
-- Symbols by USR: the writer holds them all (store.c), sym has no index
-- of them (schemas/024_sym_usr_unindexed.sql).
-- name: sym_all
SELECT usr, id FROM sym;
-- name: sym_insert
INSERT INTO sym(usr, name, kind) VALUES (?1, ?2, ?3) RETURNING id;
-- name: tu_upsert
INSERT INTO tu(file_id, args_hash, status, n_errors, n_warnings, parse_ms, walk_ms, indexed_at, blanked)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
ON CONFLICT(file_id) DO UPDATE SET
	args_hash = excluded.args_hash, status = excluded.status,
	n_errors = excluded.n_errors, n_warnings = excluded.n_warnings,
	parse_ms = excluded.parse_ms, walk_ms = excluded.walk_ms,
	indexed_at = excluded.indexed_at, blanked = excluded.blanked
RETURNING id;
-- A TU's lists (schemas/019_tu_lists.sql) go before it is written again:
-- its units are candidates for gc, and each counts one TU less. The TU's
-- new lists are gathered in link_unit and link_stat (unit_link, dep_insert)
-- and written by tu_links.
-- name: tu_detach
CREATE TEMP TABLE IF NOT EXISTS gc_units(id INTEGER PRIMARY KEY);
CREATE TEMP TABLE IF NOT EXISTS link_unit(id INTEGER PRIMARY KEY);
CREATE TEMP TABLE IF NOT EXISTS link_stat(id INTEGER PRIMARY KEY);
DELETE FROM link_unit;
DELETE FROM link_stat;
INSERT OR IGNORE INTO gc_units SELECT j.value FROM tu t, json_each(t.units) j WHERE t.id = ?1;
UPDATE unit SET n_tu = n_tu - 1
WHERE id IN (SELECT j.value FROM tu t, json_each(t.units) j WHERE t.id = ?1);
UPDATE tu SET units = '[]', deps = '[]' WHERE id = ?1;
DELETE FROM tu_diag WHERE tu_id = ?1;
-- (a unit naming the TU as its first goes unnamed until derive: a new TU
-- may take the id)
-- name: tu_delete
DELETE FROM tu WHERE id = ?1;
UPDATE unit SET tu_id = NULL WHERE tu_id = ?1;
-- name: gc
-- A unit's rows are found through its spans (schemas/015_unit_span.sql):
-- CROSS JOIN and +unit_id keep the planner on that path, from the few
-- units to collect to their ranges, rather than scanning each table.
-- A unit some TU still links (n_tu, kept by tu_detach and tu_links) stays.
DELETE FROM gc_units WHERE (SELECT n_tu FROM unit u WHERE u.id = gc_units.id) > 0;
DELETE FROM func WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN func x
	WHERE s.unit_id = g.id AND s.tbl = 'func' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM call WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN call x
	WHERE s.unit_id = g.id AND s.tbl = 'call' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM binding WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN binding x
	WHERE s.unit_id = g.id AND s.tbl = 'binding' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM var_binding WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN var_binding x
	WHERE s.unit_id = g.id AND s.tbl = 'var_binding' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM ops_table WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN ops_table x
	WHERE s.unit_id = g.id AND s.tbl = 'ops_table' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM fn_arg WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN fn_arg x
	WHERE s.unit_id = g.id AND s.tbl = 'fn_arg' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM assign WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN assign x
	WHERE s.unit_id = g.id AND s.tbl = 'assign' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM ret WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN ret x
	WHERE s.unit_id = g.id AND s.tbl = 'ret' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM init_field WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN init_field x
	WHERE s.unit_id = g.id AND s.tbl = 'init_field' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM flow WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN flow x
	WHERE s.unit_id = g.id AND s.tbl = 'flow' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM local WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN local x
	WHERE s.unit_id = g.id AND s.tbl = 'local' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM flag WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN flag x
	WHERE s.unit_id = g.id AND s.tbl = 'flag' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM ref WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN ref x
	WHERE s.unit_id = g.id AND s.tbl = 'ref' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM file_lex WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN file_lex x
	WHERE s.unit_id = g.id AND s.tbl = 'file_lex' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM macro_def WHERE rowid IN (SELECT x.rowid FROM gc_units g CROSS JOIN unit_span s CROSS JOIN macro_def x
	WHERE s.unit_id = g.id AND s.tbl = 'macro_def' AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = g.id);
DELETE FROM unit_span WHERE unit_id IN (SELECT id FROM gc_units);
DELETE FROM unit_fn WHERE unit_id IN (SELECT id FROM gc_units);
DELETE FROM unit WHERE id IN (SELECT id FROM gc_units);
DELETE FROM gc_units;
-- name: unit_clear
DELETE FROM func WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'func') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'func');
DELETE FROM call WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'call') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'call');
DELETE FROM binding WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'binding') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'binding');
DELETE FROM var_binding WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'var_binding') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'var_binding');
DELETE FROM ops_table WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'ops_table') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'ops_table');
DELETE FROM fn_arg WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'fn_arg') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'fn_arg');
DELETE FROM assign WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'assign') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'assign');
DELETE FROM ret WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'ret') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'ret');
DELETE FROM init_field WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'init_field') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'init_field');
DELETE FROM flow WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'flow') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'flow');
DELETE FROM local WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'local') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'local');
DELETE FROM flag WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'flag') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'flag');
DELETE FROM ref WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'ref') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'ref');
DELETE FROM file_lex WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'file_lex') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'file_lex');
DELETE FROM macro_def WHERE unit_id = ?1 AND rowid BETWEEN
	(SELECT lo FROM unit_span WHERE unit_id = ?1 AND tbl = 'macro_def') AND
	(SELECT hi FROM unit_span WHERE unit_id = ?1 AND tbl = 'macro_def');
DELETE FROM unit_fn WHERE unit_id = ?1;
DELETE FROM unit_span WHERE unit_id = ?1;
UPDATE unit SET complete = 0 WHERE id = ?1;
-- Where each fact table ends before a TU's (or a shard's) rows are written,
-- then the span of each unit those rows belong to.
-- name: span_mark
CREATE TEMP TABLE IF NOT EXISTS span_mark(tbl TEXT PRIMARY KEY, top INTEGER NOT NULL) WITHOUT ROWID;
DELETE FROM span_mark;
INSERT INTO span_mark VALUES
	('func', (SELECT coalesce(max(rowid), 0) FROM func)),
	('call', (SELECT coalesce(max(rowid), 0) FROM call)),
	('binding', (SELECT coalesce(max(rowid), 0) FROM binding)),
	('var_binding', (SELECT coalesce(max(rowid), 0) FROM var_binding)),
	('ops_table', (SELECT coalesce(max(rowid), 0) FROM ops_table)),
	('fn_arg', (SELECT coalesce(max(rowid), 0) FROM fn_arg)),
	('assign', (SELECT coalesce(max(rowid), 0) FROM assign)),
	('ret', (SELECT coalesce(max(rowid), 0) FROM ret)),
	('init_field', (SELECT coalesce(max(rowid), 0) FROM init_field)),
	('flow', (SELECT coalesce(max(rowid), 0) FROM flow)),
	('local', (SELECT coalesce(max(rowid), 0) FROM local)),
	('flag', (SELECT coalesce(max(rowid), 0) FROM flag)),
	('ref', (SELECT coalesce(max(rowid), 0) FROM ref)),
	('file_lex', (SELECT coalesce(max(rowid), 0) FROM file_lex)),
	('macro_def', (SELECT coalesce(max(rowid), 0) FROM macro_def));
-- name: span_put
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'func', min(rowid), max(rowid) FROM func
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'func') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'call', min(rowid), max(rowid) FROM call
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'call') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'binding', min(rowid), max(rowid) FROM binding
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'binding') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'var_binding', min(rowid), max(rowid) FROM var_binding
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'var_binding') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'ops_table', min(rowid), max(rowid) FROM ops_table
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'ops_table') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'fn_arg', min(rowid), max(rowid) FROM fn_arg
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'fn_arg') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'assign', min(rowid), max(rowid) FROM assign
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'assign') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'ret', min(rowid), max(rowid) FROM ret
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'ret') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'init_field', min(rowid), max(rowid) FROM init_field
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'init_field') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'flow', min(rowid), max(rowid) FROM flow
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'flow') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'local', min(rowid), max(rowid) FROM local
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'local') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'flag', min(rowid), max(rowid) FROM flag
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'flag') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'ref', min(rowid), max(rowid) FROM ref
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'ref') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'file_lex', min(rowid), max(rowid) FROM file_lex
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'file_lex') GROUP BY unit_id;
INSERT OR REPLACE INTO unit_span(unit_id, tbl, lo, hi)
SELECT unit_id, 'macro_def', min(rowid), max(rowid) FROM macro_def
WHERE rowid > (SELECT top FROM span_mark WHERE tbl = 'macro_def') GROUP BY unit_id;
-- After a VACUUM (base/compact.c): every span from the first rowid, once
-- span_mark has the tables, and the mark that asked for it gone.
-- name: spans_zero
UPDATE span_mark SET top = 0;
DELETE FROM unit_span;
DELETE FROM meta WHERE key = 'spans';
-- name: spans_stale
SELECT 1 FROM meta WHERE key = 'spans' AND value = 'stale';
-- How much of the file is free pages (what a VACUUM gives back at least),
-- and how many TUs and merged shards the index holds.
-- name: free_pages
SELECT (SELECT freelist_count FROM pragma_freelist_count), (SELECT page_count FROM pragma_page_count),
	(SELECT count(*) FROM tu), (SELECT count(*) FROM merge_shard);
-- name: unit_get
SELECT id, complete FROM unit WHERE key = ?1;
-- name: unit_insert
INSERT INTO unit(key, complete) VALUES (?1, 0) RETURNING id;
-- name: unit_complete
UPDATE unit SET complete = 1 WHERE id = ?1;
-- name: unit_link
INSERT OR IGNORE INTO link_unit(id) VALUES (?1);
-- name: complete_units
-- 1: a unit of its own; 0: a function walked inside its header's unit
SELECT key, 1 FROM unit WHERE complete = 1
UNION ALL
SELECT f.key, 0 FROM unit_fn f JOIN unit u ON u.id = f.unit_id WHERE u.complete = 1;
-- name: header_bodies
-- The bodies the owners of whole header units walked, by the header that
-- spells them (the unit's own, or the one with the #define that writes
-- them): later TUs parse those headers with them blanked (index/bodies.c).
SELECT coalesce(f.body_file, u.key) AS file, f.body_start, f.body_end
FROM unit u JOIN unit_fn f ON f.unit_id = u.id
WHERE u.complete = 1 AND u.key LIKE 'hdr:%' AND f.body_start IS NOT NULL
ORDER BY file;
-- name: unit_fn_insert
INSERT INTO unit_fn(unit_id, key, body_start, body_end, body_file) VALUES (?1, ?2, ?3, ?4, ?5);
-- A file as a TU read it: the version's id, shared by the TUs that read it.
-- name: stat_insert
INSERT OR IGNORE INTO file_stat(file_id, mtime, size) VALUES (?1, ?2, ?3);
-- name: dep_insert
INSERT OR IGNORE INTO link_stat(id)
SELECT id FROM file_stat WHERE file_id = ?1 AND mtime = ?2 AND size = ?3;
-- The TU's lists, in id order, and one TU more for each unit it links.
-- A unit's first TU by path (tu_id) is set by derive: until then a new
-- unit names the TU that wrote it.
-- name: tu_links
UPDATE tu SET
	units = (SELECT json_group_array(id) FROM (SELECT id FROM link_unit ORDER BY id)),
	deps = (SELECT json_group_array(id) FROM (SELECT id FROM link_stat ORDER BY id))
WHERE id = ?1;
UPDATE unit SET n_tu = n_tu + 1, tu_id = coalesce(tu_id, ?1) WHERE id IN (SELECT id FROM link_unit);
DELETE FROM link_unit;
DELETE FROM link_stat;
-- name: diag_insert
INSERT INTO tu_diag(tu_id, seq, severity, file_id, line, col, message)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
-- name: func_insert
INSERT INTO func(unit_id, sym_id, file_id, line, col, end_line, is_static, is_inline, type)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);
-- name: call_insert
INSERT INTO call(unit_id, caller_id, callee_id, kind, via, file_id, line, col, macro, fn_type, args, guard, ref)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13);
-- name: ret_insert
INSERT INTO ret(unit_id, func_id, expr, value, guard, file_id, line)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
-- name: init_insert
INSERT INTO init_field(unit_id, table_id, elem, struct, field, text, value, file_id, line, str)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);
-- name: flow_insert
INSERT INTO flow(unit_id, func_id, kind, label, guard, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6);
-- name: local_insert
INSERT INTO local(unit_id, func_id, var, rhs, line) VALUES (?1, ?2, ?3, ?4, ?5);
-- name: binding_insert
INSERT INTO binding(unit_id, struct, field, fn_id, table_id, context, func_id, file_id, line, col)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);
-- name: var_binding_insert
INSERT INTO var_binding(unit_id, struct, field, var_id, table_id, file_id, line)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
-- name: ops_insert
INSERT INTO ops_table(unit_id, sym_id, struct, is_array, is_static, file_id, line)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
-- name: arg_insert
INSERT INTO fn_arg(unit_id, caller_id, callee_id, arg, target_id, target_kind, file_id, line)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);
-- name: assign_insert
INSERT INTO assign(unit_id, func_id, struct, field, op, rhs, value, param, file_id, line, guard, src)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12);
-- name: flag_insert
INSERT INTO flag(unit_id, name, value, bit, doc, file_id, line)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
-- name: ref_insert
INSERT INTO ref(unit_id, sym_id, kind, file_id, line, col, in_macro)
VALUES (?1, ?2, (SELECT code FROM ref_kind WHERE name = ?3), ?4, ?5, ?6, ?7);

-- The incremental check: every indexed TU with what it read.
-- name: tu_state
SELECT t.id, f.path, t.args_hash, t.status,
	(SELECT count(*) FROM json_each(t.units) j JOIN unit u ON u.id = j.value
	 WHERE u.complete = 0)
FROM tu t JOIN file f ON f.id = t.file_id;
-- name: tu_deps
SELECT f.path, s.mtime, s.size FROM tu t, json_each(t.deps) j
JOIN file_stat s ON s.id = j.value JOIN file f ON f.id = s.file_id
WHERE t.id = ?1;
-- Facts an older walk recorded: every unit to be walked again (store_walker).
-- name: units_stale
-- Their facts go as each unit is written again (unit_clear); the browser's
-- rows go now, as before the walk's version was recorded.
DELETE FROM file_lex WHERE rowid IN (SELECT x.rowid FROM unit u CROSS JOIN unit_span s CROSS JOIN file_lex x
	WHERE u.complete = 1 AND s.unit_id = u.id AND s.tbl = 'file_lex'
	AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = u.id);
DELETE FROM macro_def WHERE rowid IN (SELECT x.rowid FROM unit u CROSS JOIN unit_span s CROSS JOIN macro_def x
	WHERE u.complete = 1 AND s.unit_id = u.id AND s.tbl = 'macro_def'
	AND x.rowid BETWEEN s.lo AND s.hi AND +x.unit_id = u.id);
DELETE FROM unit_span WHERE tbl IN ('file_lex', 'macro_def')
	AND unit_id IN (SELECT id FROM unit WHERE complete = 1);
UPDATE unit SET complete = 0 WHERE complete = 1;
-- name: meta_set
INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2);
-- name: meta_get
SELECT value FROM meta WHERE key = ?1;
-- name: lex_insert
INSERT INTO file_lex(unit_id, file_id, tokens, skipped, raw_size) VALUES (?1, ?2, ?3, ?4, ?5);
-- name: macro_insert
INSERT INTO macro_def(unit_id, name, file_id, line, skipped) VALUES (?1, ?2, ?3, ?4, ?5);

-- What joins the facts of every TU, derived after each index run and
-- merge. First every call to a hand-off API (schemas/002_handoff.sql) with
-- the object it names and the handler it binds, from call, fn_arg and
-- binding. The object is the STRUCT.FIELD the argument names, else the
-- object of an 'object' API it calls (sk_sleep(sk)), else the argument
-- itself when it is a constant's name (NET_RX_SOFTIRQ).
-- name: derive
DELETE FROM file_stat WHERE id NOT IN (SELECT j.value FROM tu t, json_each(t.deps) j);	-- versions no TU read
-- Each unit's first TU by path (schemas/019_tu_lists.sql).
CREATE TEMP TABLE IF NOT EXISTS unit_first(id INTEGER PRIMARY KEY, tu_id INTEGER NOT NULL);
DELETE FROM unit_first;
INSERT INTO unit_first(id, tu_id)
SELECT uid, tid FROM (SELECT j.value AS uid, t.id AS tid, min(f.path)
		      FROM tu t JOIN file f ON f.id = t.file_id, json_each(t.units) j GROUP BY j.value);
UPDATE unit SET tu_id = (SELECT x.tu_id FROM unit_first x WHERE x.id = unit.id)
WHERE tu_id IS NOT (SELECT x.tu_id FROM unit_first x WHERE x.id = unit.id);
DELETE FROM unit_first;
DELETE FROM handoff;
WITH site AS (
	SELECT c.caller_id, c.callee_id, c.file_id, c.line, h.name AS api, h.kind, h.role,
	       h.object, h.fn_arg, h.fn_field,
	       json_extract(c.args, '$[' || (h.obj_arg - 1) || '].field') AS arg_field,
	       -- (an argument with no value or field is its text alone: 023_call_args_text.sql)
	       coalesce(json_extract(c.args, '$[' || (h.obj_arg - 1) || '].text'),
			json_extract(c.args, '$[' || (h.obj_arg - 1) || ']')) AS arg_text
	FROM handoff_api h JOIN sym s ON s.name = h.name AND s.kind = 'function'
	JOIN call c ON c.callee_id = s.id AND c.kind = 'direct'
	WHERE h.role <> 'object'
), obj AS (
	SELECT site.*, coalesce(site.object, site.arg_field,
		(SELECT o.object FROM handoff_api o
		 WHERE o.role = 'object' AND site.arg_text LIKE o.name || '(%'),
		CASE WHEN site.arg_text NOT GLOB '*[^A-Z0-9_]*' THEN site.arg_text END) AS obj
	FROM site
)
INSERT INTO handoff (func_id, kind, role, object, handler_id, api, file_id, line)
SELECT caller_id, kind, role, obj, NULL, api, file_id, line
FROM obj WHERE obj IS NOT NULL AND role IN ('producer', 'consumer', 'trigger')
UNION ALL
-- the handler passed as a function
SELECT o.caller_id, o.kind, o.role, o.obj, a.target_id, o.api, o.file_id, o.line
FROM obj o JOIN fn_arg a ON a.caller_id = o.caller_id AND a.callee_id = o.callee_id
	AND a.file_id = o.file_id AND a.line = o.line AND a.arg = o.fn_arg
	AND a.target_kind = 'function'
WHERE o.obj IS NOT NULL AND o.role IN ('register', 'defer')
UNION ALL
-- the handler in the field of a table passed (&netdev_notifier's .notifier_call)
SELECT o.caller_id, o.kind, o.role, o.obj, b.fn_id, o.api, o.file_id, o.line
FROM obj o JOIN fn_arg a ON a.caller_id = o.caller_id AND a.callee_id = o.callee_id
	AND a.file_id = o.file_id AND a.line = o.line AND a.arg = o.fn_arg
	AND a.target_kind = 'var'
JOIN binding b ON b.table_id = a.target_id AND b.struct || '.' || b.field = o.fn_field
WHERE o.obj IS NOT NULL AND o.role IN ('register', 'defer')
UNION ALL
-- the handler bound on the same line (INIT_WORK's work_struct.func)
SELECT o.caller_id, o.kind, o.role, o.obj, b.fn_id, o.api, o.file_id, o.line
FROM obj o JOIN binding b ON b.func_id = o.caller_id AND b.file_id = o.file_id
	AND b.line = o.line AND b.struct || '.' || b.field = o.fn_field
WHERE o.obj IS NOT NULL AND o.fn_arg IS NULL AND o.role IN ('register', 'defer');
-- Then the resolved indirect calls (schemas/009_edge_table.sql): a call
-- through STRUCT.FIELD reaches every function bound to it, every
-- function passed to a helper that assigns the field from that parameter,
-- and every function bound to a field copied into it (hh->hh_output =
-- n->ops->hh_output: the functions of neigh_ops.hh_output, bound where
-- they are bound; one copy deep, schemas/025_assign_src.sql);
-- a call through parameter N, every function passed as argument N, or
-- passed to a caller that passes its own parameter on as argument N (fwd:
-- 2.6.35's NF_HOOK passes okfn on to NF_HOOK_THRESH, which calls it; up to
-- four callers up, call.args' "param"); and the
-- hand-offs: producer to consumer of the same object (queue, wakeup),
-- trigger to the handler registered for the same object (softirq, napi,
-- work, timer, tasklet, notifier), and a deferring call to its handler
-- (rcu, irq); the site is the producer's, trigger's or deferring call, the
-- bound site the other side. A call's via is split into struct and field
-- so that binding_by_field and assign_by_field answer each call.
DELETE FROM edge;
WITH RECURSIVE fwd(fn, arg, up_fn, up_arg, depth) AS (
	SELECT DISTINCT caller_id, CAST(substr(via, 7) AS INTEGER), caller_id,
	       CAST(substr(via, 7) AS INTEGER), 0
	FROM call WHERE kind = 'param'
	UNION
	SELECT s.fn, s.arg, g.caller_id, json_extract(g.args, '$[' || (s.up_arg - 1) || '].param'),
	       s.depth + 1
	FROM fwd s JOIN call g ON g.callee_id = s.up_fn
	WHERE s.depth < 4 AND g.kind = 'direct'
	  AND json_extract(g.args, '$[' || (s.up_arg - 1) || '].param') IS NOT NULL
),
-- each source once, however many chains reach it (a recursion, a diamond)
src(fn, arg, up_fn, up_arg) AS (SELECT DISTINCT fn, arg, up_fn, up_arg FROM fwd)
INSERT INTO edge (from_id, to_id, kind, via, file_id, line, bound_file_id, bound_line)
SELECT c.caller_id, b.fn_id, 'field', c.via, c.file_id, c.line, b.file_id, b.line
FROM call c CROSS JOIN binding b ON b.struct = substr(c.via, 1, instr(c.via, '.') - 1)
	AND b.field = substr(c.via, instr(c.via, '.') + 1)
WHERE c.kind = 'field'
UNION ALL
SELECT c.caller_id, a.target_id, 'field', c.via, c.file_id, c.line, a.file_id, a.line
FROM call c CROSS JOIN assign s ON s.struct = substr(c.via, 1, instr(c.via, '.') - 1)
	AND s.field = substr(c.via, instr(c.via, '.') + 1) AND s.param IS NOT NULL AND s.op = '='
JOIN fn_arg a ON a.callee_id = s.func_id AND a.arg = s.param AND a.target_kind = 'function'
WHERE c.kind = 'field'
UNION ALL
SELECT DISTINCT c.caller_id, b.fn_id, 'field', c.via, c.file_id, c.line, b.file_id, b.line
FROM call c CROSS JOIN assign s ON s.struct = substr(c.via, 1, instr(c.via, '.') - 1)
	AND s.field = substr(c.via, instr(c.via, '.') + 1) AND s.src IS NOT NULL AND s.op = '='
CROSS JOIN binding b ON b.struct = substr(s.src, 1, instr(s.src, '.') - 1)
	AND b.field = substr(s.src, instr(s.src, '.') + 1)
WHERE c.kind = 'field' AND s.src <> c.via
UNION ALL
SELECT c.caller_id, a.target_id, 'param', c.via, c.file_id, c.line, a.file_id, a.line
FROM call c JOIN src s ON s.fn = c.caller_id AND s.arg = CAST(substr(c.via, 7) AS INTEGER)
JOIN fn_arg a ON a.callee_id = s.up_fn AND a.arg = s.up_arg AND a.target_kind = 'function'
WHERE c.kind = 'param'
UNION ALL
SELECT p.func_id, q.func_id, p.kind, p.object, p.file_id, p.line, q.file_id, q.line
FROM handoff p JOIN handoff q ON q.kind = p.kind AND q.object = p.object AND q.role = 'consumer'
WHERE p.role = 'producer' AND q.func_id <> p.func_id
UNION ALL
SELECT p.func_id, q.handler_id, p.kind, p.object, p.file_id, p.line, q.file_id, q.line
FROM handoff p JOIN handoff q ON q.kind = p.kind AND q.object = p.object AND q.role = 'register'
WHERE p.role = 'trigger' AND q.handler_id IS NOT NULL
UNION ALL
SELECT p.func_id, p.handler_id, p.kind, p.object, p.file_id, p.line, p.file_id, p.line
FROM handoff p
WHERE p.role = 'defer' AND p.handler_id IS NOT NULL;
-- Last, where each function drops a packet: it frees the skb, returns
-- NET_RX_DROP or NETDEV_TX_BUSY, or counts a drop; and where it stops a
-- transmit queue (kind stop), which holds packets back rather than drop
-- them.
DELETE FROM drop_site;
INSERT INTO drop_site (func_id, kind, what, callee, file_id, line, guard)
SELECT c.caller_id, 'free', coalesce(c.macro, ce.name), ce.name, c.file_id, c.line, c.guard
FROM call c JOIN sym ce ON ce.id = c.callee_id
WHERE ce.name IN ('kfree_skb', 'kfree_skb_reason', 'sk_skb_reason_drop', 'kfree_skb_list',
		  'kfree_skb_list_reason')
   OR ce.name LIKE 'dev\_kfree\_skb%' ESCAPE '\'
   OR c.macro LIKE 'dev\_kfree\_skb%' ESCAPE '\'
UNION ALL
SELECT r.func_id, 'return', r.expr, NULL, r.file_id, r.line, r.guard
FROM ret r
WHERE r.expr IN ('NET_RX_DROP', 'NETDEV_TX_BUSY')
UNION ALL
SELECT c.caller_id, 'counter',
       ce.name || '(' || coalesce(json_extract(c.args, '$[0].text'), json_extract(c.args, '$[0]'), '') || ')',
       ce.name, c.file_id, c.line, c.guard
FROM call c JOIN sym ce ON ce.id = c.callee_id
WHERE ce.name LIKE '%\_dropped\_inc' ESCAPE '\'
   OR (ce.name LIKE 'atomic%\_inc' ESCAPE '\' AND c.args LIKE '%drop%')
UNION ALL
SELECT a.func_id, 'counter', a.struct || '.' || a.field || a.op, NULL, a.file_id, a.line, NULL
FROM assign a
WHERE a.op IN ('++', '+=') AND a.field LIKE '%drop%'
UNION ALL
SELECT c.caller_id, 'stop', coalesce(c.macro, ce.name), ce.name, c.file_id, c.line, c.guard
FROM call c JOIN sym ce ON ce.id = c.callee_id
WHERE ce.name IN ('netif_stop_queue', 'netif_tx_stop_queue', 'netif_stop_subqueue',
		  'netif_tx_stop_all_queues', 'netif_subqueue_try_stop', 'netif_txq_try_stop')
   OR c.macro IN ('netif_subqueue_maybe_stop', 'netif_txq_maybe_stop');
