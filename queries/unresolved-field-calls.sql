-- Calls through a struct field that nothing in the index resolves: the blind spots
-- (no edge was derived from the site: tool/sql/store.sql, derive)
SELECT c.via, count(*) AS call_sites, min(f.path || ':' || c.line) AS first_site
FROM call c JOIN file f ON f.id = c.file_id
WHERE c.kind = 'field'
  AND NOT EXISTS (SELECT 1 FROM edge e WHERE e.from_id = c.caller_id AND e.kind = 'field'
		  AND e.via = c.via AND e.file_id = c.file_id AND e.line = c.line)
GROUP BY c.via
ORDER BY 2 DESC, 1;
