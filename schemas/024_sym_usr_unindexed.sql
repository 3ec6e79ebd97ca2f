-- ndoscope schema, migration 024: sym has no index of its USRs. Only the
-- writers look a symbol up by USR: index keeps every USR of the index in
-- memory while it writes (store.c), and merge joins a shard's to the
-- output's once per shard. The unique index was 1.3 of 29.9 MiB on
-- bench/queries' corpus (3.2 of 76.8 on the subsystem). A USR still names
-- one symbol: the writers keep it so.
--
-- SQLite cannot drop a UNIQUE constraint: the table is made again, with
-- its ids. legacy_alter_table keeps the RENAME from checking the views,
-- which name sym and would fail between the DROP and the RENAME.
CREATE TABLE sym_new (
	id	INTEGER PRIMARY KEY,
	usr	TEXT NOT NULL,
	name	TEXT NOT NULL,
	kind	TEXT NOT NULL		-- function, var, field, enum
);
INSERT INTO sym_new(id, usr, name, kind) SELECT id, usr, name, kind FROM sym ORDER BY id;
DROP TABLE sym;
PRAGMA legacy_alter_table = ON;
ALTER TABLE sym_new RENAME TO sym;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX sym_by_name ON sym(name);
