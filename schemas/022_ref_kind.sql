-- ndoscope schema, migration 022: a ref's kind is a one-letter code
-- (ref_kind: r read, w write, a addr, c call), not the word in each of its
-- rows. Four or five bytes a row: 0.4 of 30.6 MiB on bench/queries' corpus.
-- The refs view gives the words, as before.
CREATE TABLE ref_kind (
	name	TEXT PRIMARY KEY,
	code	TEXT NOT NULL UNIQUE
) WITHOUT ROWID;
INSERT INTO ref_kind(name, code) VALUES ('read', 'r'), ('write', 'w'), ('addr', 'a'), ('call', 'c');
UPDATE ref SET kind = (SELECT k.code FROM ref_kind k WHERE k.name = ref.kind);

DROP VIEW refs;
CREATE VIEW refs AS
SELECT s.name, s.kind AS target_kind, k.name AS kind, f.path AS file, r.line, r.col,
       r.in_macro
FROM ref r JOIN ref_kind k ON k.code = r.kind JOIN sym s ON s.id = r.sym_id
JOIN file f ON f.id = r.file_id
UNION ALL
SELECT s.name, s.kind, 'call', f.path, c.line, c.col, c.ref
FROM call c JOIN sym s ON s.id = c.callee_id JOIN file f ON f.id = c.file_id
WHERE c.ref IS NOT NULL;
