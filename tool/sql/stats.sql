-- Counts for 'ndoscope stats'.

-- name: counts
SELECT 'translation units' AS what, count(*) AS count FROM tu
UNION ALL SELECT '  with parse errors', count(*) FROM tu WHERE n_errors > 0
UNION ALL SELECT '  failed', count(*) FROM tu WHERE status = 'failed'
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
UNION ALL SELECT 'references', count(*) FROM ref;

-- name: errors
SELECT f.path AS tu, t.status, t.n_errors AS errors,
	coalesce(df.path || ':' || d.line || ':' || d.col || ': ', '') || d.message AS first_error
FROM tu t JOIN file f ON f.id = t.file_id
LEFT JOIN tu_diag d ON d.tu_id = t.id AND d.seq = 1
LEFT JOIN file df ON df.id = d.file_id
WHERE t.n_errors > 0 OR t.status = 'failed'
ORDER BY f.path;
