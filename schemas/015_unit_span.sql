-- ndoscope schema, migration 015: the rows of a unit are found through the
-- range of rowids it wrote in each fact table (unit_span), not through an
-- index on unit_id in each: a TU writes its units' rows in one go, so each
-- unit's rows sit together, and the 15 indexes were a tenth of the file (on
-- the bench corpus, 3.8 of 41 MB). A span is only where to look: the rows
-- in it are still checked for their unit_id, so a span that another
-- unit's rows interleave costs a longer scan, never a wrong row.
CREATE TABLE unit_span (
	unit_id	INTEGER NOT NULL,
	tbl	TEXT NOT NULL,		-- func, call, ref, ...
	lo	INTEGER NOT NULL,	-- the unit's first and last rowid in tbl
	hi	INTEGER NOT NULL,
	PRIMARY KEY (unit_id, tbl)
) WITHOUT ROWID;
INSERT INTO unit_span SELECT unit_id, 'func', min(rowid), max(rowid) FROM func GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'call', min(rowid), max(rowid) FROM call GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'binding', min(rowid), max(rowid) FROM binding GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'var_binding', min(rowid), max(rowid) FROM var_binding GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'ops_table', min(rowid), max(rowid) FROM ops_table GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'fn_arg', min(rowid), max(rowid) FROM fn_arg GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'assign', min(rowid), max(rowid) FROM assign GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'ret', min(rowid), max(rowid) FROM ret GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'init_field', min(rowid), max(rowid) FROM init_field GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'flow', min(rowid), max(rowid) FROM flow GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'local', min(rowid), max(rowid) FROM local GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'flag', min(rowid), max(rowid) FROM flag GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'ref', min(rowid), max(rowid) FROM ref GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'file_lex', min(rowid), max(rowid) FROM file_lex GROUP BY unit_id;
INSERT INTO unit_span SELECT unit_id, 'macro_def', min(rowid), max(rowid) FROM macro_def GROUP BY unit_id;
DROP INDEX func_by_unit;
DROP INDEX call_by_unit;
DROP INDEX binding_by_unit;
DROP INDEX var_binding_by_unit;
DROP INDEX ops_table_by_unit;
DROP INDEX fn_arg_by_unit;
DROP INDEX assign_by_unit;
DROP INDEX ret_by_unit;
DROP INDEX init_field_by_unit;
DROP INDEX flow_by_unit;
DROP INDEX local_by_unit;
DROP INDEX flag_by_unit;
DROP INDEX ref_by_unit;
DROP INDEX file_lex_by_unit;
DROP INDEX macro_def_by_unit;

-- The browser's rows of a unit went with it, or when it was to be written
-- again, by trigger (schemas/004_source.sql). Each trigger's body is parsed
-- by every command that opens the index, and a query is mostly that
-- parse: the statements that clear or drop units delete those rows
-- themselves, as they do a unit's other facts (tool/sql/store.sql).
DROP TRIGGER unit_delete_source;
DROP TRIGGER unit_clear_source;
