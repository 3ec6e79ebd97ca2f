-- ndoscope schema, migration 020: a direct call's reference to its callee
-- (the `refs` row of kind `call` at the callee's name) is the call's own
-- row, not a row of ref with the same unit, symbol, file, line and column.
-- Of the 52,703 refs of kind call on bench/queries' corpus, 46,980 are such
-- a call's (the rest: a call under sizeof, in an initializer, ...); without
-- their rows and their entries in ref_by_sym the index went from 32.7 to
-- 31.0 MiB.
--   call.ref	NULL: no ref of its own; else the ref's in_macro (0 or 1)
-- The refs view reads both; its rows are the same.
ALTER TABLE call ADD COLUMN ref INTEGER;
-- (an index for the pairing alone: by callee only, it reads a callee's
-- calls for each of its refs, 1.1 s against 0.3 s for the migration there;
-- the pairs' table is typed, or the UPDATE reads all of it for each row)
CREATE INDEX call_place ON call(callee_id, file_id, line, col);
CREATE TEMP TABLE call_ref(ref_row INTEGER, in_macro INTEGER, call_row INTEGER);
INSERT INTO temp.call_ref
SELECT r.rowid, r.in_macro,
	(SELECT min(c.rowid) FROM call c WHERE c.callee_id = r.sym_id AND c.unit_id = r.unit_id
	 AND c.file_id = r.file_id AND c.line = r.line AND c.col = r.col)
FROM ref r WHERE r.kind = 'call';
-- one ref to a call: of two at one place, the second stays a ref row
DELETE FROM temp.call_ref WHERE call_row IS NULL
	OR ref_row NOT IN (SELECT min(ref_row) FROM temp.call_ref GROUP BY call_row);
CREATE INDEX temp.call_ref_by_call ON call_ref(call_row);
UPDATE call SET ref = (SELECT x.in_macro FROM temp.call_ref x WHERE x.call_row = call.rowid)
WHERE rowid IN (SELECT call_row FROM temp.call_ref);
DELETE FROM ref WHERE rowid IN (SELECT ref_row FROM temp.call_ref);
DROP TABLE temp.call_ref;
DROP INDEX call_place;

DROP VIEW refs;
CREATE VIEW refs AS
SELECT s.name, s.kind AS target_kind, r.kind, f.path AS file, r.line, r.col,
       r.in_macro
FROM ref r JOIN sym s ON s.id = r.sym_id JOIN file f ON f.id = r.file_id
UNION ALL
SELECT s.name, s.kind, 'call', f.path, c.line, c.col, c.ref
FROM call c JOIN sym s ON s.id = c.callee_id JOIN file f ON f.id = c.file_id
WHERE c.ref IS NOT NULL;
