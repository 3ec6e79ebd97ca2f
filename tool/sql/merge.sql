-- ndoscope merge: combining shard indexes into one. The shard being merged
-- is attached as "s". Ids differ between DBs: files map by path, syms by
-- USR, units by key, TUs by their file. A unit already in the output (a
-- header every shard read) is linked, not copied: its facts are counted once.

-- Every table the index has; merge refuses an output or a shard (attached)
-- with a table it does not know, rather than drop its rows.
-- name: unknown_tables
WITH known(name) AS (VALUES
	('meta'), ('file'), ('file_stat'), ('tu'), ('tu_diag'), ('unit'), ('unit_fn'), ('unit_span'),
	('sym'), ('func'), ('call'), ('binding'), ('var_binding'), ('ops_table'), ('fn_arg'),
	('assign'), ('ret'), ('init_field'), ('flow'), ('local'), ('flag'), ('ref'), ('ref_kind'),
	('file_lex'), ('macro_def'), ('handoff_api'), ('handoff'), ('edge'), ('drop_site'), ('bus_driver'),
	('netdev_api'), ('xmit_exit'), ('merge_shard'), ('merge_tu'))
SELECT 0, name FROM main.sqlite_master
WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT IN known
UNION ALL
SELECT 1, name FROM s.sqlite_master
WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT IN known
ORDER BY 1, 2;

-- name: attach
ATTACH DATABASE ?1 AS s;
-- name: detach
DETACH DATABASE s;
-- name: shard_meta
SELECT value FROM s.meta WHERE key = ?1;
-- name: shard_user_version
PRAGMA s.user_version;

-- The content stamp of the attached shard: every TU with its flags and
-- outcome, every file it read as it was then, every unit and whether it
-- is complete. Hashed in this order by merge.c.
-- name: shard_stamp
SELECT 'tu', f.path, t.args_hash, t.status, t.n_errors
FROM s.tu t JOIN s.file f ON f.id = t.file_id
UNION ALL
SELECT 'dep', tf.path, df.path, ds.mtime, ds.size
FROM s.tu t, json_each(t.deps) d JOIN s.file_stat ds ON ds.id = d.value
JOIN s.file tf ON tf.id = t.file_id JOIN s.file df ON df.id = ds.file_id
UNION ALL
SELECT 'unit', u.key, u.complete, NULL, NULL FROM s.unit u
ORDER BY 1, 2, 3, 4, 5;

-- name: shard_get
SELECT id, stamp FROM merge_shard WHERE name = ?1;
-- name: shard_put
INSERT INTO merge_shard(name, stamp, path, merged_at) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT(name) DO UPDATE SET stamp = excluded.stamp, path = excluded.path,
	merged_at = excluded.merged_at
RETURNING id;

-- Forget what shard ?1 brought last time, and any TU of the output that the
-- attached shard now holds: their links go, then the units nobody links.
-- name: shard_forget
CREATE TEMP TABLE IF NOT EXISTS gc_units(id INTEGER PRIMARY KEY);
CREATE TEMP TABLE IF NOT EXISTS drop_tu(id INTEGER PRIMARY KEY);
DELETE FROM drop_tu;
INSERT OR IGNORE INTO drop_tu SELECT tu_id FROM merge_tu WHERE shard_id = ?1;
INSERT OR IGNORE INTO drop_tu
SELECT t.id FROM tu t JOIN file f ON f.id = t.file_id
WHERE f.path IN (SELECT sf.path FROM s.tu st JOIN s.file sf ON sf.id = st.file_id);
INSERT OR IGNORE INTO gc_units
SELECT j.value FROM tu t, json_each(t.units) j WHERE t.id IN (SELECT id FROM drop_tu);
DELETE FROM tu_diag WHERE tu_id IN (SELECT id FROM drop_tu);
DELETE FROM tu WHERE id IN (SELECT id FROM drop_tu);
DELETE FROM merge_tu WHERE tu_id IN (SELECT id FROM drop_tu);
DELETE FROM drop_tu;
-- name: unit_count
-- How many TUs link each unit (unit.n_tu, schemas/019_tu_lists.sql), from
-- the TUs' lists, before each gc: merge drops and adds TUs by the hundred.
CREATE TEMP TABLE IF NOT EXISTS unit_n(id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
DELETE FROM unit_n;
INSERT INTO unit_n SELECT j.value, count(*) FROM tu t, json_each(t.units) j GROUP BY j.value;
UPDATE unit SET n_tu = coalesce((SELECT x.n FROM unit_n x WHERE x.id = unit.id), 0)
WHERE n_tu IS NOT coalesce((SELECT x.n FROM unit_n x WHERE x.id = unit.id), 0);
DELETE FROM unit_n;

-- Ids of the attached shard -> ids of the output. A unit is copied when the
-- output has no complete unit of that key ('copy'), else linked.
-- name: shard_map
CREATE TEMP TABLE IF NOT EXISTS fmap(sid INTEGER PRIMARY KEY, oid INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS smap(sid INTEGER PRIMARY KEY, oid INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS umap(sid INTEGER PRIMARY KEY, oid INTEGER, copy INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS tmap(sid INTEGER PRIMARY KEY, oid INTEGER NOT NULL);
DELETE FROM fmap;
DELETE FROM smap;
DELETE FROM umap;
DELETE FROM tmap;
INSERT OR IGNORE INTO file(path) SELECT path FROM s.file ORDER BY id;
INSERT INTO fmap SELECT sf.id, f.id FROM s.file sf JOIN file f ON f.path = sf.path;
-- (sym has no index by USR: each statement makes one of its own, once)
INSERT INTO sym(usr, name, kind) SELECT usr, name, kind FROM s.sym
WHERE usr NOT IN (SELECT usr FROM main.sym) ORDER BY id;
INSERT INTO smap SELECT ss.id, m.id FROM s.sym ss JOIN sym m ON m.usr = ss.usr;
INSERT INTO umap
SELECT su.id, u.id, u.id IS NULL OR (u.complete = 0 AND su.complete = 1)
FROM s.unit su LEFT JOIN unit u ON u.key = su.key;
INSERT INTO unit(key, complete)
SELECT su.key, su.complete FROM s.unit su JOIN umap m ON m.sid = su.id AND m.oid IS NULL
ORDER BY su.id;
UPDATE umap SET oid = (SELECT u.id FROM unit u JOIN s.unit su ON su.key = u.key
		       WHERE su.id = umap.sid)
WHERE oid IS NULL;

-- An incomplete unit of the output that the shard has whole: its facts go
-- (store.sql's unit_clear, one unit at a time, by merge.c), the shard's come.
-- name: shard_redo
SELECT m.oid FROM umap m JOIN unit u ON u.id = m.oid WHERE m.copy AND u.complete = 0;
-- name: shard_complete
UPDATE unit SET complete = (SELECT su.complete FROM s.unit su JOIN umap m ON m.sid = su.id
			    WHERE m.oid = unit.id)
WHERE id IN (SELECT oid FROM umap WHERE copy);

-- The shard's TUs, with what they read, their diagnostics and their units.
-- name: shard_tus
INSERT INTO tu(file_id, args_hash, status, n_errors, n_warnings, parse_ms, walk_ms, indexed_at, blanked)
SELECT fm.oid, t.args_hash, t.status, t.n_errors, t.n_warnings, t.parse_ms, t.walk_ms, t.indexed_at, t.blanked
FROM s.tu t JOIN fmap fm ON fm.sid = t.file_id ORDER BY t.id;
INSERT INTO tmap SELECT st.id, t.id FROM s.tu st JOIN fmap fm ON fm.sid = st.file_id
JOIN tu t ON t.file_id = fm.oid;
INSERT INTO merge_tu(tu_id, shard_id) SELECT oid, ?1 FROM tmap;
INSERT OR IGNORE INTO file_stat(file_id, mtime, size)
SELECT fm.oid, ds.mtime, ds.size FROM s.file_stat ds JOIN fmap fm ON fm.sid = ds.file_id
ORDER BY ds.id;
UPDATE tu SET deps = (SELECT json_group_array(id) FROM (
	SELECT DISTINCT os.id FROM tmap tm JOIN s.tu st ON st.id = tm.sid, json_each(st.deps) d
	JOIN s.file_stat ds ON ds.id = d.value JOIN fmap fm ON fm.sid = ds.file_id
	JOIN file_stat os ON os.file_id = fm.oid AND os.mtime = ds.mtime AND os.size = ds.size
	WHERE tm.oid = tu.id ORDER BY os.id))
WHERE id IN (SELECT oid FROM tmap);
INSERT INTO tu_diag(tu_id, seq, severity, file_id, line, col, message)
SELECT tm.oid, d.seq, d.severity, fm.oid, d.line, d.col, d.message
FROM s.tu_diag d JOIN tmap tm ON tm.sid = d.tu_id LEFT JOIN fmap fm ON fm.sid = d.file_id
ORDER BY d.rowid;
UPDATE tu SET units = (SELECT json_group_array(id) FROM (
	SELECT DISTINCT um.oid AS id FROM tmap tm JOIN s.tu st ON st.id = tm.sid, json_each(st.units) x
	JOIN umap um ON um.sid = x.value
	WHERE tm.oid = tu.id ORDER BY um.oid))
WHERE id IN (SELECT oid FROM tmap);

-- The facts of the units copied.
-- name: shard_facts
INSERT INTO unit_fn(unit_id, key, body_start, body_end, body_file)
SELECT um.oid, x.key, x.body_start, x.body_end, x.body_file FROM s.unit_fn x JOIN umap um ON um.sid = x.unit_id AND um.copy
ORDER BY x.rowid;
INSERT INTO func(unit_id, sym_id, file_id, line, col, end_line, is_static, is_inline, type)
SELECT um.oid, s1.oid, fm.oid, x.line, x.col, x.end_line, x.is_static, x.is_inline, x.type
FROM s.func x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.sym_id JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO call(unit_id, caller_id, callee_id, kind, via, file_id, line, col, macro, fn_type, args, guard, ref)
SELECT um.oid, s1.oid, s2.oid, x.kind, x.via, fm.oid, x.line, x.col, x.macro, x.fn_type, x.args, x.guard, x.ref
FROM s.call x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.caller_id LEFT JOIN smap s2 ON s2.sid = x.callee_id
JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO binding(unit_id, struct, field, fn_id, table_id, context, func_id, file_id, line, col)
SELECT um.oid, x.struct, x.field, s1.oid, s2.oid, x.context, s3.oid, fm.oid, x.line, x.col
FROM s.binding x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.fn_id LEFT JOIN smap s2 ON s2.sid = x.table_id
LEFT JOIN smap s3 ON s3.sid = x.func_id JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO var_binding(unit_id, struct, field, var_id, table_id, file_id, line)
SELECT um.oid, x.struct, x.field, s1.oid, s2.oid, fm.oid, x.line
FROM s.var_binding x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.var_id LEFT JOIN smap s2 ON s2.sid = x.table_id
JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO ops_table(unit_id, sym_id, struct, is_array, is_static, file_id, line)
SELECT um.oid, s1.oid, x.struct, x.is_array, x.is_static, fm.oid, x.line
FROM s.ops_table x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.sym_id JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO fn_arg(unit_id, caller_id, callee_id, arg, target_id, target_kind, file_id, line)
SELECT um.oid, s1.oid, s2.oid, x.arg, s3.oid, x.target_kind, fm.oid, x.line
FROM s.fn_arg x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.caller_id LEFT JOIN smap s2 ON s2.sid = x.callee_id
JOIN smap s3 ON s3.sid = x.target_id JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO assign(unit_id, func_id, struct, field, op, rhs, value, param, file_id, line, guard, src)
SELECT um.oid, s1.oid, x.struct, x.field, x.op, x.rhs, x.value, x.param, fm.oid, x.line, x.guard, x.src
FROM s.assign x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.func_id JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO ret(unit_id, func_id, expr, value, guard, file_id, line)
SELECT um.oid, s1.oid, x.expr, x.value, x.guard, fm.oid, x.line
FROM s.ret x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.func_id JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO init_field(unit_id, table_id, elem, struct, field, text, value, str, file_id, line)
SELECT um.oid, s1.oid, x.elem, x.struct, x.field, x.text, x.value, x.str, fm.oid, x.line
FROM s.init_field x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.table_id JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO flow(unit_id, func_id, kind, label, guard, line)
SELECT um.oid, s1.oid, x.kind, x.label, x.guard, x.line
FROM s.flow x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.func_id
ORDER BY x.rowid;
INSERT INTO local(unit_id, func_id, var, rhs, line)
SELECT um.oid, s1.oid, x.var, x.rhs, x.line
FROM s.local x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.func_id
ORDER BY x.rowid;
INSERT INTO flag(unit_id, name, value, bit, doc, file_id, line)
SELECT um.oid, x.name, x.value, x.bit, x.doc, fm.oid, x.line
FROM s.flag x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO ref(unit_id, sym_id, kind, file_id, line, col, in_macro)
SELECT um.oid, s1.oid, x.kind, fm.oid, x.line, x.col, x.in_macro
FROM s.ref x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN smap s1 ON s1.sid = x.sym_id JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO file_lex(unit_id, file_id, tokens, skipped, raw_size)
SELECT um.oid, fm.oid, x.tokens, x.skipped, x.raw_size
FROM s.file_lex x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;
INSERT INTO macro_def(unit_id, name, file_id, line, skipped)
SELECT um.oid, x.name, fm.oid, x.line, x.skipped
FROM s.macro_def x JOIN umap um ON um.sid = x.unit_id AND um.copy
JOIN fmap fm ON fm.sid = x.file_id
ORDER BY x.rowid;

-- A function a header's owner walked is walked once: when one shard walked
-- it into a unit of its own (fn:KEY) and another shard's owner of the
-- header listed it, the header's copy stands and the fn: unit goes.
-- name: covered_fns
INSERT OR IGNORE INTO gc_units
SELECT u.id FROM unit u WHERE u.key LIKE 'fn:%' AND u.key IN (SELECT key FROM unit_fn);
UPDATE tu SET units = (SELECT json_group_array(id) FROM (
	SELECT j.value AS id FROM json_each(tu.units) j
	WHERE j.value NOT IN (SELECT id FROM gc_units) ORDER BY j.value))
WHERE EXISTS (SELECT 1 FROM json_each(tu.units) j WHERE j.value IN (SELECT id FROM gc_units));
