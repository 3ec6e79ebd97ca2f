-- Functions on a call path from :from that free an skb (kfree_skb and friends)
-- :from   the function to start from (required)
-- :depth  how many calls deep to look (default 10)
WITH RECURSIVE
edge(a, b) AS (
	SELECT caller_id, callee_id FROM call WHERE kind = 'direct'
	UNION ALL
	SELECT c.caller_id, b.fn_id FROM call c
	JOIN binding b ON b.struct || '.' || b.field = c.via WHERE c.kind = 'field'
	UNION ALL
	SELECT c.caller_id, a.target_id FROM call c
	JOIN fn_arg a ON a.callee_id = c.caller_id AND 'param:' || a.arg = c.via
		AND a.target_kind = 'function'
	WHERE c.kind = 'param'
),
reach(id, depth) AS (
	SELECT id, 0 FROM sym WHERE name = :from AND kind = 'function'
	UNION
	SELECT e.b, r.depth + 1 FROM reach r JOIN edge e ON e.a = r.id
	WHERE r.depth < coalesce(:depth, 10)
),
frees(func_id, callee, file_id, line) AS (
	-- the drop frees graph and report mark, and consume_skb: a free that is no drop
	SELECT func_id, callee, file_id, line FROM drop_site WHERE kind = 'free'
	UNION
	SELECT c.caller_id, ce.name, c.file_id, c.line FROM call c
	JOIN sym ce ON ce.id = c.callee_id AND ce.name = 'consume_skb'
)
SELECT s.name AS function, d.callee AS frees_with, f.path AS file, d.line,
	min(r.depth) AS depth
FROM reach r
JOIN frees d ON d.func_id = r.id
JOIN sym s ON s.id = r.id
JOIN file f ON f.id = d.file_id
GROUP BY s.name, d.callee, f.path, d.line
ORDER BY depth, f.path, d.line, function, frees_with;
