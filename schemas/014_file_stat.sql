-- ndoscope schema, migration 014: a TU's dependencies name the version of
-- each file it read (file_stat), which the TUs that read the same version
-- share, instead of repeating its mtime and size in each TU's row. Every TU
-- of a kernel reads most of the same few hundred headers: on the bench
-- corpus, 127,000 rows of (tu, file, mtime, size) took 2.9 MB.
CREATE TABLE file_stat (
	id	INTEGER PRIMARY KEY,
	file_id	INTEGER NOT NULL,
	mtime	INTEGER NOT NULL,
	size	INTEGER NOT NULL,
	UNIQUE (file_id, mtime, size)
);
INSERT INTO file_stat(file_id, mtime, size)
SELECT DISTINCT file_id, mtime, size FROM tu_dep ORDER BY file_id, mtime, size;
CREATE TABLE tu_dep_stat (
	tu_id	INTEGER NOT NULL,
	stat_id	INTEGER NOT NULL,
	PRIMARY KEY (tu_id, stat_id)
) WITHOUT ROWID;
INSERT INTO tu_dep_stat(tu_id, stat_id)
SELECT d.tu_id, s.id FROM tu_dep d
JOIN file_stat s ON s.file_id = d.file_id AND s.mtime = d.mtime AND s.size = d.size;
DROP TABLE tu_dep;
ALTER TABLE tu_dep_stat RENAME TO tu_dep;
