-- Call sites through a struct field, and how many functions are bound to it
-- :via  STRUCT.FIELD, e.g. net_device_ops.ndo_start_xmit (required)
SELECT c.caller, c.file, c.line, c.macro,
	(SELECT count(*) FROM bindings b WHERE b.struct || '.' || b.field = c.via) AS implementations
FROM calls c
WHERE c.kind = 'field' AND c.via = :via
ORDER BY c.file, c.line;
