-- Statements of the MCP server (tool/serve/mcp*.c) beyond the CLI's answers.

-- The tree the index was made from, as 'ndoscope index' records it.
-- name: tree
SELECT value FROM meta WHERE key = 'tree';

-- Flags of one family: NETIF_F_* features, or the IFF_* of dev->flags
-- (include/uapi/linux/if.h) or of dev->priv_flags (include/linux/netdevice.h),
-- which reuse the same bits.
-- name: flags
SELECT name, value, bit, doc, file, line FROM flags
WHERE CASE ?1
	WHEN 'features' THEN name LIKE 'NETIF\_F\_%' ESCAPE '\' AND bit IS NOT NULL
	WHEN 'flags' THEN name LIKE 'IFF\_%' ESCAPE '\' AND file LIKE '%uapi/linux/if.h'
	WHEN 'priv_flags' THEN name LIKE 'IFF\_%' ESCAPE '\' AND file LIKE '%linux/netdevice.h'
	ELSE 0 END
ORDER BY value & -value, name;

-- name: file_known
SELECT 1 FROM file WHERE path = ?1;

-- Source files inside the tree (stored relative to it), a page at a time.
-- name: tree_files
SELECT path FROM file WHERE path NOT LIKE '/%' ORDER BY path LIMIT ?2 OFFSET ?1;

-- The calls made on lines ?2 to ?3 of a file, found through the functions
-- whose bodies overlap those lines (the call table has no index by file).
-- name: source_calls
SELECT DISTINCT c.line, cr.name, ce.name, c.kind, c.via
FROM file f JOIN func fn ON fn.file_id = f.id AND fn.line <= ?3 AND fn.end_line >= ?2
JOIN call c ON c.caller_id = fn.sym_id AND c.file_id = f.id AND c.line BETWEEN ?2 AND ?3
JOIN sym cr ON cr.id = c.caller_id LEFT JOIN sym ce ON ce.id = c.callee_id
WHERE f.path = ?1
ORDER BY c.line, c.kind, ce.name, c.via;

-- The functions an indirect call reaches, with the evidence for each; a
-- 'pointer' call reaches its type matches.
-- name: source_targets
SELECT DISTINCT callee, kind, via, bound_file, bound_line FROM edges
WHERE file = ?1 AND line = ?2 AND caller = ?3
	AND kind = CASE ?4 WHEN 'pointer' THEN 'type' ELSE ?4 END AND via IS ?5
ORDER BY callee, bound_file, bound_line;
