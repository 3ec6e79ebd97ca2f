-- The source browser's statements (render/html_*.c). Read-only.

-- name: tree
SELECT value FROM meta WHERE key = 'tree';
-- name: file_id
SELECT id FROM file WHERE path = ?1;
-- A file's tokens. Lexed by two units (a .c file compiled and also
-- #included by another, or two versions of a header an older run left):
-- the file's own TU's first, then the newest version (hdr:PATH#MTIME.SIZE).
-- name: lex
SELECT x.tokens, x.skipped, x.raw_size FROM file_lex x JOIN unit u ON u.id = x.unit_id
WHERE x.file_id = ?1 ORDER BY u.key NOT LIKE 'tu:%', u.key DESC LIMIT 1;
-- A file's references and #defines, ?1 its id and ?2 its path: 'r' rows
-- (line, col, symbol, name, kind) and 'm' rows (line, name). A unit's rows
-- all lie in the file its key names, so they are the rows of the file's
-- units, found by key (the tu: unit, and hdr: and fn: units by prefix: '#'
-- follows the path, and '$' is the byte after '#') and read by their rowid
-- spans (schemas/018_drop_ref_by_file.sql, 021_drop_macro_def_by_file.sql).
-- CROSS JOIN and the unary + keep SQLite on that path rather than a scan.
-- (html_source.c keeps the first row at a position, and of a name: two
-- units that walked the same header function can name two symbols there)
-- name: file_marks
WITH u(id) AS (
	SELECT id FROM unit WHERE key = 'tu:' || ?2
	UNION ALL
	SELECT id FROM unit WHERE key > 'hdr:' || ?2 || '#' AND key < 'hdr:' || ?2 || '$'
	UNION ALL
	SELECT id FROM unit WHERE key > 'fn:' || ?2 || '#' AND key < 'fn:' || ?2 || '$')
SELECT 'r', r.line, r.col, r.sym_id, s.name, s.kind, s.usr
FROM u CROSS JOIN unit_span p CROSS JOIN ref r JOIN sym s ON s.id = r.sym_id
WHERE p.unit_id = u.id AND p.tbl = 'ref' AND r.rowid BETWEEN p.lo AND p.hi
  AND +r.unit_id = u.id AND +r.file_id = ?1 AND +r.in_macro = 0
UNION ALL	-- a direct call's own ref (schemas/020_call_refs.sql)
SELECT 'r', c.line, c.col, c.callee_id, s.name, s.kind, s.usr
FROM u CROSS JOIN unit_span p CROSS JOIN call c JOIN sym s ON s.id = c.callee_id
WHERE p.unit_id = u.id AND p.tbl = 'call' AND c.rowid BETWEEN p.lo AND p.hi
  AND +c.unit_id = u.id AND +c.file_id = ?1 AND +c.ref = 0
UNION ALL
SELECT 'm', m.line, NULL, NULL, m.name, NULL, NULL
FROM u CROSS JOIN unit_span p CROSS JOIN macro_def m
WHERE p.unit_id = u.id AND p.tbl = 'macro_def' AND m.rowid BETWEEN p.lo AND p.hi
  AND +m.unit_id = u.id AND +m.file_id = ?1
ORDER BY 1, 2, 3, 6, 5, 7;
-- name: file_funcs
SELECT fn.sym_id, s.name, fn.line, fn.col FROM func fn JOIN sym s ON s.id = fn.sym_id
WHERE fn.file_id = ?1;
-- name: file_ops
SELECT o.sym_id, s.name, o.line FROM ops_table o JOIN sym s ON s.id = o.sym_id
WHERE o.file_id = ?1;
-- name: file_indirect
SELECT line, callee, kind, via, bound_file, bound_line FROM edges
WHERE file = ?1 AND kind <> 'direct'
ORDER BY line, via, kind, callee;
-- Where symbol ?1 (named ?2) is defined: a function's definition, else an
-- ops table's, else a flag's; of several (a function defined in two
-- files), the first by file and line.
-- name: sym_def
SELECT f.path, fn.line, 0 FROM func fn JOIN file f ON f.id = fn.file_id WHERE fn.sym_id = ?1
UNION ALL
SELECT f.path, o.line, 1 FROM ops_table o JOIN file f ON f.id = o.file_id WHERE o.sym_id = ?1
UNION ALL
SELECT f.path, g.line, 2 FROM flag g JOIN file f ON f.id = g.file_id WHERE g.name = ?2
ORDER BY 3, 1, 2 LIMIT 1;
-- The #define of ?1 for file ?2 (0: none): of those the file's TU can see
-- (in that file or in a header it read), one its configuration compiles
-- (not in a skipped #if region: '#ifndef __read_mostly' after the arch's
-- own), in that file first; else the first by file and line.
-- name: macro_def
SELECT f.path, m.line FROM macro_def m JOIN file f ON f.id = m.file_id
WHERE m.name = ?1
ORDER BY m.file_id = ?2 OR
	-- (from the few versions of that header to the TU's list of what it read)
	EXISTS (SELECT 1 FROM file_stat fs CROSS JOIN tu t, json_each(t.deps) d
		WHERE fs.file_id = m.file_id AND t.file_id = ?2 AND d.value = fs.id) DESC,
	m.skipped, m.file_id = ?2 DESC, f.path, m.line LIMIT 1;
-- Functions named ?1, a row each, with where each is defined: a function
-- defined in two files (not static) at the first by file and line, not at
-- a GROUP BY's bare columns from whichever row came last.
-- name: fn_by_name
SELECT s.id, f.path, fn.line, fn.type, fn.is_static
FROM sym s JOIN func fn ON fn.rowid = (SELECT d.rowid FROM func d JOIN file df ON df.id = d.file_id
	WHERE d.sym_id = s.id ORDER BY df.path, d.line, d.type, d.is_static LIMIT 1)
JOIN file f ON f.id = fn.file_id
WHERE s.name = ?1 AND s.kind = 'function'
ORDER BY f.path, fn.line, s.usr;
-- name: fn_count
SELECT count(DISTINCT fn.sym_id) FROM sym s JOIN func fn ON fn.sym_id = s.id
WHERE s.name = ?1 AND s.kind = 'function';
-- name: sym
SELECT name, kind FROM sym WHERE id = ?1;
-- A function's definition, the first by file and line, as fn_by_name.
-- name: fn_of_sym
SELECT f.path, fn.line, fn.type, fn.end_line FROM func fn JOIN file f ON f.id = fn.file_id
WHERE fn.sym_id = ?1 ORDER BY f.path, fn.line, fn.type, fn.end_line LIMIT 1;
-- Callers and callees of a name, a row each for each kind and field, at
-- its call site in file ?3 (where the function the page is about is
-- defined: two static functions share the name) if it has one, else at its
-- first by file and line; a GROUP BY's bare file and line came from
-- whichever row of the group was read last.
-- name: callers
SELECT caller, kind, via, file, line FROM (
	SELECT caller, kind, via, file, line, row_number() OVER (PARTITION BY caller, kind, via
		ORDER BY file IS NOT ?3, file, line) AS nth
	FROM edges WHERE callee = ?1)
WHERE nth = 1 ORDER BY kind <> 'direct', caller, kind, via LIMIT ?2;
-- name: n_callers
SELECT count(DISTINCT caller) FROM edges WHERE callee = ?1;
-- name: callees
SELECT callee, kind, via, file, line FROM (
	SELECT callee, kind, via, file, line, row_number() OVER (PARTITION BY callee, kind, via
		ORDER BY file IS NOT ?3, file, line) AS nth
	FROM edges WHERE caller = ?1)
WHERE nth = 1 ORDER BY line, callee, file, kind, via LIMIT ?2;
-- name: n_callees
SELECT count(DISTINCT callee) FROM edges WHERE caller = ?1;
-- A field's card: the functions bound to it, then those bound to a field
-- copied into it (hh->hh_output = n->ops->hh_output: the binding of
-- neigh_ops.hh_output, once however many copies; schemas/025_assign_src.sql),
-- with the table as "arp_hh_ops, copied from neigh_ops.hh_output". The
-- first ?2 of them, each with how many there are in all.
-- name: field_bindings
WITH copied AS (
	SELECT DISTINCT src FROM assign
	WHERE struct || '.' || field = ?1 AND src IS NOT NULL AND src <> ?1 AND op = '='),
bound AS (
	SELECT function, table_name, context, file, line FROM bindings
	WHERE struct || '.' || field = ?1
	UNION ALL
	SELECT b.function, coalesce(b.table_name || ', ', '') || 'copied from ' || c.src, b.context, b.file, b.line
	FROM copied c JOIN bindings b ON b.struct || '.' || b.field = c.src)
SELECT function, table_name, context, file, line, count(*) OVER () FROM bound
ORDER BY 4, 5, 1, 2 LIMIT ?2;
-- (with the direct calls' own refs, schemas/020_call_refs.sql)
-- name: sym_uses
SELECT r.kind, f.path, r.line FROM (
	SELECT k.name AS kind, r.file_id, r.line, r.col FROM ref r JOIN ref_kind k ON k.code = r.kind
	WHERE r.sym_id = ?1
	UNION ALL
	SELECT 'call', file_id, line, col FROM call WHERE callee_id = ?1 AND ref IS NOT NULL) r
JOIN file f ON f.id = r.file_id
ORDER BY r.kind = 'read', f.path, r.line, r.kind, r.col LIMIT ?2;
-- name: n_sym_uses
SELECT kind, count(*) FROM (
	SELECT k.name AS kind FROM ref r JOIN ref_kind k ON k.code = r.kind WHERE r.sym_id = ?1
	UNION ALL
	SELECT 'call' FROM call WHERE callee_id = ?1 AND ref IS NOT NULL)
GROUP BY kind ORDER BY kind;
-- name: ops_members
SELECT b.field, fs.name, f.path, b.line FROM binding b
JOIN sym fs ON fs.id = b.fn_id JOIN file f ON f.id = b.file_id
WHERE b.table_id = ?1 ORDER BY b.line, b.col, f.path, b.field, fs.name;
-- An ops table's definition, the first by file and line (a table of one
-- name, not static, defined in two files is one symbol).
-- name: ops_of_sym
SELECT o.struct, f.path, o.line FROM ops_table o JOIN file f ON f.id = o.file_id
WHERE o.sym_id = ?1 ORDER BY f.path, o.line, o.struct LIMIT 1;
-- A flag by name, as report.sql's flag_named: one with a value first, then
-- by file and line.
-- name: flag
SELECT value, bit, doc, file, line FROM flags WHERE name = ?1
ORDER BY value IS NULL, file, line LIMIT 1;
-- name: top_dirs
SELECT DISTINCT substr(f.path, 1, instr(f.path, '/') - 1) FROM file f
WHERE f.path NOT LIKE '/%' AND instr(f.path, '/') > 0
  AND (EXISTS (SELECT 1 FROM file_lex l WHERE l.file_id = f.id)
       OR EXISTS (SELECT 1 FROM tu WHERE tu.file_id = f.id))
ORDER BY 1;
-- Indexed files under a directory (?1 = 'DIR/', ?2 = 'DIR0'), or all (?1 = '', ?2 = x'ff').
-- name: files_under
SELECT f.path, (SELECT count(*) FROM func fn WHERE fn.file_id = f.id),
       EXISTS (SELECT 1 FROM tu WHERE tu.file_id = f.id)
FROM file f
WHERE f.path >= ?1 AND f.path < ?2 AND f.path NOT LIKE '/%'
  AND (EXISTS (SELECT 1 FROM file_lex l WHERE l.file_id = f.id)
       OR EXISTS (SELECT 1 FROM tu WHERE tu.file_id = f.id))
ORDER BY f.path;
-- name: all_ops
SELECT s.name, o.struct, f.path, o.line, s.id FROM ops_table o JOIN sym s ON s.id = o.sym_id
JOIN file f ON f.id = o.file_id ORDER BY o.struct, s.name, f.path, o.line;
-- name: funcs_in_file
SELECT s.name, fn.line FROM func fn JOIN sym s ON s.id = fn.sym_id
WHERE fn.file_id = ?1 ORDER BY fn.line;
-- name: struct_fields
SELECT s.id, substr(s.name, length(?1) + 2),
       (SELECT count(*) FROM binding b WHERE b.struct || '.' || b.field = s.name),
       (SELECT count(*) FROM ref r WHERE r.sym_id = s.id)
FROM sym s WHERE s.kind = 'field' AND s.name >= ?1 || '.' AND s.name < ?1 || '/'
ORDER BY s.name;
-- name: struct_ops
SELECT s.name, f.path, o.line FROM ops_table o JOIN sym s ON s.id = o.sym_id
JOIN file f ON f.id = o.file_id WHERE o.struct = ?1 ORDER BY s.name, f.path, o.line;
-- name: search_sym
SELECT DISTINCT name, kind FROM sym
WHERE name >= ?1 AND name < ?2 AND kind IN ('function', 'field')
  AND (kind = 'field' OR EXISTS (SELECT 1 FROM func fn WHERE fn.sym_id = sym.id))
ORDER BY length(name), name LIMIT ?3;
-- name: field_names
-- every field, for the search by member name (html_site.c keeps them sorted)
SELECT DISTINCT name FROM sym WHERE kind = 'field';
-- name: data_version
PRAGMA data_version;
-- name: all_fields
-- the fields of the structs that have a page (all_structs)
SELECT DISTINCT name FROM sym
WHERE kind = 'field' AND substr(name, 1, instr(name, '.') - 1) IN
  (SELECT struct FROM binding UNION SELECT struct FROM ops_table)
ORDER BY name;
-- name: search_ops
SELECT s.name, f.path, o.line FROM ops_table o JOIN sym s ON s.id = o.sym_id
JOIN file f ON f.id = o.file_id WHERE s.name >= ?1 AND s.name < ?2
ORDER BY s.name, f.path, o.line LIMIT ?3;
-- name: all_structs
SELECT DISTINCT struct FROM binding UNION SELECT struct FROM ops_table ORDER BY 1;
-- name: all_search
SELECT DISTINCT s.name, 'function', f.path FROM func fn JOIN sym s ON s.id = fn.sym_id
JOIN file f ON f.id = fn.file_id
UNION ALL
SELECT s.name, 'ops', f.path || ':' || o.line FROM ops_table o JOIN sym s ON s.id = o.sym_id
JOIN file f ON f.id = o.file_id;
-- name: all_funcs
SELECT DISTINCT s.name, f.path FROM func fn JOIN sym s ON s.id = fn.sym_id
JOIN file f ON f.id = fn.file_id ORDER BY f.path, s.name;
