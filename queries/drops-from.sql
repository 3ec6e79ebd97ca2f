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
)
SELECT s.name AS function, d.name AS frees_with, f.path AS file, c.line,
	min(r.depth) AS depth
FROM reach r
JOIN call c ON c.caller_id = r.id AND c.kind = 'direct'
JOIN sym d ON d.id = c.callee_id
JOIN sym s ON s.id = r.id
JOIN file f ON f.id = c.file_id
WHERE d.name IN ('kfree_skb', 'kfree_skb_reason', 'sk_skb_reason_drop', 'kfree_skb_list',
		 'kfree_skb_list_reason', 'dev_kfree_skb_any', 'dev_kfree_skb_irq',
		 'dev_kfree_skb_any_reason', 'dev_kfree_skb_irq_reason', 'consume_skb')
GROUP BY s.name, d.name, f.path, c.line
ORDER BY depth, f.path, c.line;
