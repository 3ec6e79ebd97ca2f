-- Calls through a struct field that no binding in the index resolves: the blind spots
SELECT c.via, count(*) AS call_sites, min(f.path || ':' || c.line) AS first_site
FROM call c JOIN file f ON f.id = c.file_id
WHERE c.kind = 'field'
  AND NOT EXISTS (SELECT 1 FROM binding b WHERE b.struct || '.' || b.field = c.via)
  AND NOT EXISTS (SELECT 1 FROM assign s WHERE s.struct || '.' || s.field = c.via
		  AND s.param IS NOT NULL)
GROUP BY c.via
ORDER BY 2 DESC, 1;
