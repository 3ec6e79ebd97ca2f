-- Who sets a struct field, to what, and where
-- :field  STRUCT.FIELD, e.g. net_device.mtu (required)
SELECT a.function, a.rhs, a.value, a.param, a.file, a.line
FROM assignments a
WHERE a.struct || '.' || a.field = :field
ORDER BY a.file, a.line;
