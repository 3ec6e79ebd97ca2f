-- bench/xref-size.sql: the part of an index that answers what cscope's
-- cross-reference answers, copied into a database of its own so that its
-- size can be set beside cscope's: symbols, function definitions, call
-- sites and references, each with the indexes its queries use. Left out are
-- the facts cscope has no counterpart for (call arguments and guards,
-- function types, bindings, assignments, returns, locals, table
-- initializers, hand-offs, the browser's tokens and #defines) and the
-- bookkeeping of incremental indexing (units, TU dependencies).
--
--   sqlite3 XREF.db "ATTACH 'INDEX.db' AS i" ".read bench/xref-size.sql"
CREATE TABLE file (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
INSERT INTO file SELECT id, path FROM i.file ORDER BY id;
CREATE TABLE sym (id INTEGER PRIMARY KEY, usr TEXT NOT NULL, name TEXT NOT NULL,
	kind TEXT NOT NULL);
INSERT INTO sym SELECT id, usr, name, kind FROM i.sym ORDER BY id;
CREATE INDEX sym_by_name ON sym(name);
CREATE TABLE func (sym_id INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL,
	col INTEGER NOT NULL, end_line INTEGER NOT NULL);
INSERT INTO func SELECT sym_id, file_id, line, col, end_line FROM i.func ORDER BY rowid;
CREATE INDEX func_by_sym ON func(sym_id);
CREATE INDEX func_by_file ON func(file_id, line);
CREATE TABLE call (caller_id INTEGER NOT NULL, callee_id INTEGER, kind TEXT NOT NULL, via TEXT,
	file_id INTEGER NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL, ref INTEGER);
INSERT INTO call SELECT caller_id, callee_id, kind, via, file_id, line, col, ref FROM i.call ORDER BY rowid;
CREATE INDEX call_by_caller ON call(caller_id);
CREATE INDEX call_by_callee ON call(callee_id);
-- (as the index holds them: a direct call's reference to its callee is its
-- call row's ref column, a ref's kind a letter; schemas/020 and 022)
CREATE TABLE ref (sym_id INTEGER NOT NULL, kind TEXT NOT NULL, file_id INTEGER NOT NULL,
	line INTEGER NOT NULL, col INTEGER NOT NULL, in_macro INTEGER NOT NULL);
INSERT INTO ref SELECT sym_id, kind, file_id, line, col, in_macro FROM i.ref ORDER BY rowid;
CREATE INDEX ref_by_sym ON ref(sym_id);
