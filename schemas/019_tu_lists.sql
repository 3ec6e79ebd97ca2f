-- ndoscope schema, migration 019: what a TU read and which units it links
-- are two lists in the TU's own row, JSON arrays of ids (json_each() reads
-- them), instead of a row per (TU, file) in tu_dep and per (TU, unit) in
-- tu_unit with an index by unit. Every TU of a kernel reads most of the
-- same few hundred headers: on bench/queries' corpus (174 TUs of 6.12), those
-- 281,000 rows took 4.2 of 36.9 MiB, and the lists take 1.3 MiB; on the
-- net and drivers/net subsystem the rows took 11.2 of 96.4 MiB.
--
-- What the index by unit answered is kept in the unit's row:
--   n_tu	how many TUs link the unit: a unit at 0 goes (store.sql's gc)
--   tu_id	the first of them by path, the TU named with a header's facts
--		(lookup.sql's impl); set at the end of each index run and merge
ALTER TABLE tu ADD COLUMN units TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tu ADD COLUMN deps TEXT NOT NULL DEFAULT '[]';
ALTER TABLE unit ADD COLUMN n_tu INTEGER NOT NULL DEFAULT 0;
ALTER TABLE unit ADD COLUMN tu_id INTEGER;
UPDATE tu SET
	units = (SELECT json_group_array(unit_id) FROM
		 (SELECT unit_id FROM tu_unit WHERE tu_id = tu.id ORDER BY unit_id)),
	deps = (SELECT json_group_array(stat_id) FROM
		(SELECT stat_id FROM tu_dep WHERE tu_id = tu.id ORDER BY stat_id));
UPDATE unit SET
	n_tu = (SELECT count(*) FROM tu_unit WHERE unit_id = unit.id),
	tu_id = (SELECT x.tu_id FROM tu_unit x JOIN tu t ON t.id = x.tu_id
		 JOIN file f ON f.id = t.file_id
		 WHERE x.unit_id = unit.id ORDER BY f.path LIMIT 1);
DROP TABLE tu_unit;
DROP TABLE tu_dep;
