-- Ops tables of a struct that leave a slot empty
-- :struct  the ops struct, e.g. net_device_ops (required)
-- :field   the slot, e.g. ndo_get_stats64 (required)
SELECT s.name AS ops_table, f.path AS file, o.line,
	(SELECT count(*) FROM binding b WHERE b.table_id = o.sym_id) AS bound_slots
FROM ops_table o
JOIN sym s ON s.id = o.sym_id
JOIN file f ON f.id = o.file_id
WHERE o.struct = :struct
  AND NOT EXISTS (SELECT 1 FROM binding b WHERE b.table_id = o.sym_id AND b.field = :field)
ORDER BY f.path, o.line;
