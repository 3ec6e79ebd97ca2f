-- Counts for 'ndoscope stats'.

-- name: counts
SELECT 'translation units' AS what, count(*) AS count FROM tu
UNION ALL SELECT '  with parse errors', count(*) FROM tu WHERE n_errors > 0
UNION ALL SELECT '  failed', count(*) FROM tu WHERE status = 'failed'
UNION ALL SELECT '  parsed with walked header bodies blanked', count(*) FROM tu WHERE blanked > 0
UNION ALL SELECT 'header bodies blanked in those parses', coalesce(sum(blanked), 0) FROM tu
UNION ALL SELECT 'files', count(*) FROM file
UNION ALL SELECT 'units', count(*) FROM unit
UNION ALL SELECT 'symbols', count(*) FROM sym
UNION ALL SELECT 'functions', count(*) FROM func
UNION ALL SELECT 'calls', count(*) FROM call
UNION ALL SELECT '  direct', count(*) FROM call WHERE kind = 'direct'
UNION ALL SELECT '  field', count(*) FROM call WHERE kind = 'field'
UNION ALL SELECT '  param', count(*) FROM call WHERE kind = 'param'
UNION ALL SELECT '  pointer', count(*) FROM call WHERE kind = 'pointer'
UNION ALL SELECT 'bindings', count(*) FROM binding
UNION ALL SELECT 'ops tables', count(*) FROM ops_table
UNION ALL SELECT 'function arguments', count(*) FROM fn_arg
UNION ALL SELECT 'field assignments', count(*) FROM assign
UNION ALL SELECT 'flags', count(*) FROM flag
UNION ALL SELECT 'references', (SELECT count(*) FROM ref) + (SELECT count(*) FROM call WHERE ref IS NOT NULL);

-- name: errors
SELECT f.path AS tu, t.status, t.n_errors AS errors,
	coalesce(df.path || ':' || d.line || ':' || d.col || ': ', '') || d.message AS first_error
FROM tu t JOIN file f ON f.id = t.file_id
LEFT JOIN tu_diag d ON d.tu_id = t.id AND d.seq = 1
LEFT JOIN file df ON df.id = d.file_id
WHERE t.n_errors > 0 OR t.status = 'failed'
ORDER BY f.path;

-- Indirect call sites (field, param, pointer): how many are classified
-- (the field or parameter they go through is known) and how many resolve
-- to at least one function with evidence (a binding, a function passed in
-- that position, a field copied into it): an edge derived from the site,
-- so that this count and callees follow the same rules (store.sql derive).
-- name: indirect
WITH ind AS (
	SELECT c.kind, c.via, c.caller_id,
	       c.kind <> 'pointer' AND EXISTS (SELECT 1 FROM edge e
			WHERE e.from_id = c.caller_id AND e.file_id = c.file_id
			  AND e.line = c.line AND e.kind = c.kind AND e.via = c.via) AS resolved
	FROM call c WHERE c.kind IN ('field', 'param', 'pointer')
), n AS (SELECT count(*) AS total FROM ind)
SELECT 'indirect call sites' AS what, total AS count, '100%' AS share FROM n
UNION ALL
SELECT '  classified (field or param)', count(*),
       printf('%.1f%%', 100.0 * count(*) / max(n.total, 1))
FROM ind, n WHERE kind <> 'pointer'
UNION ALL
SELECT '  resolved (at least one target)', count(*),
       printf('%.1f%%', 100.0 * count(*) / max(n.total, 1))
FROM ind, n WHERE resolved
UNION ALL
SELECT '  pointer (query pointer-calls says why)', count(*),
       printf('%.1f%%', 100.0 * count(*) / max(n.total, 1))
FROM ind, n WHERE kind = 'pointer';

-- The driver matrix's coverage of the whole index: ?1 net_device_ops tables
-- defined in indexed files, ?2 of them attached to a device by a report
-- (query/report.c does the attributing; this only lays the figures out).
-- name: coverage
SELECT 'net_device_ops tables defined' AS what, ?1 AS count, '100%' AS share
UNION ALL
SELECT '  attributed to a device', ?2, printf('%.1f%%', 100.0 * ?2 / max(?1, 1))
UNION ALL
SELECT '  not attributed (report --matrix DIR lists them)', ?1 - ?2,
       printf('%.1f%%', 100.0 * (?1 - ?2) / max(?1, 1));
