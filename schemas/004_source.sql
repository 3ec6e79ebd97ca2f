-- ndoscope schema, migration 004: what the source browser (serve, html)
-- needs to show a file without libclang: its tokens, the #if regions the
-- configuration compiled out, and the macros it #defines. Recorded by the
-- unit that owns the file (tu:PATH for a .c file, hdr:PATH#STAMP for a
-- header), and removed with it.

-- One row per file version: the lexer's tokens as a blob of varints
-- (offset delta from the previous token's end, length, kind; kinds:
-- 0 punctuation, 1 keyword, 2 identifier, 3 literal, 4 comment,
-- 5 preprocessor directive), and the compiled-out line ranges as text
-- ("12-40 55-60").
CREATE TABLE file_lex (
	unit_id		INTEGER NOT NULL,
	file_id		INTEGER NOT NULL,
	tokens		BLOB NOT NULL,
	skipped		TEXT NOT NULL
);
CREATE INDEX file_lex_by_unit ON file_lex(unit_id);
CREATE INDEX file_lex_by_file ON file_lex(file_id);

-- Every #define, where it is written.
CREATE TABLE macro_def (
	unit_id		INTEGER NOT NULL,
	name		TEXT NOT NULL,
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL
);
CREATE INDEX macro_def_by_unit ON macro_def(unit_id);
CREATE INDEX macro_def_by_name ON macro_def(name);
CREATE INDEX macro_def_by_file ON macro_def(file_id, line);

-- A unit's rows go with it: when it is garbage collected, and when it is
-- cleared to be walked again.
CREATE TRIGGER unit_delete_source AFTER DELETE ON unit BEGIN
	DELETE FROM file_lex WHERE unit_id = old.id;
	DELETE FROM macro_def WHERE unit_id = old.id;
END;
CREATE TRIGGER unit_clear_source AFTER UPDATE OF complete ON unit
WHEN new.complete = 0 BEGIN
	DELETE FROM file_lex WHERE unit_id = old.id;
	DELETE FROM macro_def WHERE unit_id = old.id;
END;

-- Public: every #define the index saw.
CREATE VIEW macros AS
SELECT m.name, f.path AS file, m.line
FROM macro_def m JOIN file f ON f.id = m.file_id;
