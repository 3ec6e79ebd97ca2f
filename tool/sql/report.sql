-- Statements of 'ndoscope report'.

-- Devices: every function passed to an allocator as its setup, with the
-- interface name and where the allocation is. The allocators are data, the
-- netdev_api table: alloc_netdev_mqs (setup is argument 4) since 2.6.38,
-- alloc_netdev_mq (argument 3) before, which is what 2.6's alloc_netdev()
-- macro expands to. One row per setup and allocating function: when it
-- allocates with that setup more than once (or is defined in two files),
-- its first call by file and line, not a GROUP BY's bare columns from
-- whichever row came last. (The setup's file: report.c asks defined_in.)
-- name: devices
SELECT setup_id, setup, caller_id, caller, path, line, ifname FROM (
	SELECT s.id AS setup_id, s.name AS setup, cr.id AS caller_id, cr.name AS caller,
		f.path AS path, a.line AS line,
		coalesce(json_extract(c.args, '$[' || (n.name_arg - 1) || '].text'),	-- (or its text alone)
			 json_extract(c.args, '$[' || (n.name_arg - 1) || ']')) AS ifname,
		row_number() OVER (PARTITION BY s.id, a.caller_id
				   ORDER BY f.path, a.line, c.col, c.args) AS nth
	FROM fn_arg a JOIN sym ce ON ce.id = a.callee_id
	JOIN netdev_api n ON n.name = ce.name AND n.role = 'alloc' AND n.setup_arg = a.arg
	JOIN sym s ON s.id = a.target_id JOIN sym cr ON cr.id = a.caller_id
	JOIN file f ON f.id = a.file_id
	LEFT JOIN call c ON c.caller_id = a.caller_id AND c.callee_id = a.callee_id
		AND c.file_id = a.file_id AND c.line = a.line
	WHERE a.target_kind = 'function')
WHERE nth = 1
ORDER BY path, line, setup, caller;

-- Bus drivers (bus_driver): the structure, its probe, the driver's name
-- and its table of device IDs. A field initialised more than once (the
-- table in a header walked under two configurations) gives its first value
-- by line, a string constant first for the name. (The probe's file:
-- report.c asks defined_in.)
-- name: bus_drivers
SELECT b.fn_id, fs.name, b.table_id, ts.name, b.struct, f.path, b.line,
	(SELECT coalesce('"' || i.str || '"', i.text) FROM init_field i
	 WHERE i.table_id = b.table_id AND i.field = 'name'
	 ORDER BY i.str IS NULL, i.line, i.str, i.text LIMIT 1),
	(SELECT i.text FROM init_field i WHERE i.table_id = b.table_id AND i.field = d.id_table
	 ORDER BY i.line, i.text LIMIT 1),
	b.file_id
FROM binding b JOIN bus_driver d ON d.struct = b.struct AND d.probe = b.field
JOIN sym fs ON fs.id = b.fn_id JOIN sym ts ON ts.id = b.table_id
JOIN file f ON f.id = b.file_id
WHERE b.context = 'initializer'
ORDER BY f.path, b.line;
-- The entries of an ID table defined in a file, the terminating zero one left out.
-- name: id_count
SELECT count(*) FROM (SELECT i.elem FROM init_field i JOIN sym s ON s.id = i.table_id
	WHERE s.name = ?1 AND i.file_id = ?2 AND i.elem >= 0
	GROUP BY i.elem HAVING max(i.value IS NOT 0 AND i.text NOT IN ('0', '{}', '{ }')) = 1);
-- The first call FN makes to a netdev_api function of ROLE (alloc,
-- register), by file and line (FN may be defined in two files).
-- name: netdev_call
SELECT ce.name, n.setup_arg, n.implied_setup, n.ifname, n.name_arg, c.args, f.path, c.line
FROM call c JOIN sym ce ON ce.id = c.callee_id
JOIN netdev_api n ON n.name = ce.name AND n.role = ?2
JOIN file f ON f.id = c.file_id
WHERE c.caller_id = ?1 AND c.kind = 'direct' ORDER BY f.path, c.line, ce.name LIMIT 1;
-- The function FN passes to CALLEE as its ARG-th argument: at its first
-- call by file and line, the one netdev_call picks.
-- name: fn_passed
SELECT s.id, s.name FROM fn_arg a JOIN sym ce ON ce.id = a.callee_id JOIN sym s ON s.id = a.target_id
JOIN file f ON f.id = a.file_id
WHERE a.caller_id = ?1 AND ce.name = ?2 AND a.arg = ?3 AND a.target_kind = 'function'
ORDER BY f.path, a.line, s.name LIMIT 1;
-- Where a function is defined: of two definitions, the first by path.
-- name: defined_in
SELECT f.path FROM func d JOIN file f ON f.id = d.file_id WHERE d.sym_id = ?1 ORDER BY f.path LIMIT 1;
-- The calls of FN where a transmitted packet leaves the CPU (xmit_exit).
-- name: exit_calls
SELECT x.kind, ce.name, coalesce(c.macro, ce.name), f.path, c.line, c.guard
FROM call c JOIN sym ce ON ce.id = c.callee_id JOIN xmit_exit x ON x.name = ce.name
JOIN file f ON f.id = c.file_id
WHERE c.caller_id = ?1 AND c.kind = 'direct' ORDER BY c.line;

-- How a function is reached: bound in a table, a table passed to a register
-- function, an initcall, or a direct call; of several, the first by file
-- and line. A function bound in many tables (the shared probe every
-- minidriver's usb_driver names) is reached through its binding in ?2, the
-- file of the device reported, when it has one there; an initializer
-- before an assignment.
-- name: bound_in
SELECT b.struct, b.field, ts.id, ts.name, f.path, b.line
FROM binding b JOIN sym ts ON ts.id = b.table_id JOIN file f ON f.id = b.file_id
WHERE b.fn_id = ?1
ORDER BY f.path IS NOT ?2, b.context <> 'initializer', f.path, b.line, b.col LIMIT 1;
-- name: table_passed
SELECT cr.id, cr.name, ce.name, f.path, a.line
FROM fn_arg a JOIN sym cr ON cr.id = a.caller_id LEFT JOIN sym ce ON ce.id = a.callee_id
JOIN file f ON f.id = a.file_id
WHERE a.target_id = ?1
ORDER BY ce.name LIKE '%register%' DESC, f.path, a.line, ce.name, cr.name LIMIT 1;
-- name: file_scope_addr
SELECT f.path, r.line FROM ref r JOIN file f ON f.id = r.file_id
WHERE r.sym_id = ?1 AND r.kind = (SELECT code FROM ref_kind WHERE name = 'addr')
  AND NOT EXISTS (SELECT 1 FROM func fn WHERE fn.file_id = r.file_id
		  AND r.line BETWEEN fn.line AND fn.end_line)
ORDER BY f.path, r.line LIMIT 1;
-- name: direct_caller
SELECT c.caller_id, s.name, f.path, c.line FROM call c JOIN sym s ON s.id = c.caller_id
JOIN file f ON f.id = c.file_id
WHERE c.callee_id = ?1 AND c.kind = 'direct' ORDER BY f.path, c.line, s.name LIMIT 1;
-- name: register_call
SELECT ce.name, f.path, c.line FROM call c JOIN sym ce ON ce.id = c.callee_id
JOIN file f ON f.id = c.file_id
WHERE c.caller_id = ?1 AND ce.name LIKE 'register\_netdev%' ESCAPE '\'
ORDER BY f.path, c.line, ce.name LIMIT 1;

-- What a function assigns to struct fields, in order.
-- name: assigns
SELECT a.struct, a.field, a.op, a.rhs, a.value, a.param, f.path, a.line, a.guard
FROM assign a JOIN file f ON f.id = a.file_id
WHERE a.func_id = ?1 ORDER BY f.path, a.line;
-- The direct calls a function makes, with their arguments.
-- name: calls_from
SELECT c.callee_id, ce.name, c.args, f.path, c.line
FROM call c JOIN sym ce ON ce.id = c.callee_id JOIN file f ON f.id = c.file_id
WHERE c.caller_id = ?1 AND c.kind = 'direct' ORDER BY c.line;

-- Flags of a family: device flags live in if.h, private flags in netdevice.h.
-- name: flags_in
SELECT name, value, bit, doc FROM flag g JOIN file f ON f.id = g.file_id
WHERE name LIKE ?1 ESCAPE '\' AND f.path LIKE ?2
ORDER BY value;
-- A flag by name. Defined twice (in two headers, or under two
-- configurations): one with a value first, then by file and line.
-- name: flag_named
SELECT g.value, g.bit, g.doc FROM flag g JOIN file f ON f.id = g.file_id
WHERE g.name = ?1 ORDER BY g.value IS NULL, f.path, g.line LIMIT 1;

-- The table named ?1, the one defined in ?2 (where it is attached) first,
-- then by file and line.
-- name: ops_table_named
SELECT o.sym_id, o.struct, f.path, o.line FROM ops_table o JOIN sym s ON s.id = o.sym_id
JOIN file f ON f.id = o.file_id WHERE s.name = ?1
ORDER BY f.path IS NOT ?2, f.path, o.line, o.struct LIMIT 1;
-- name: table_members
SELECT b.field, fs.name, f.path, b.line, b.fn_id FROM binding b JOIN sym fs ON fs.id = b.fn_id
JOIN file f ON f.id = b.file_id WHERE b.table_id = ?1 AND b.context = 'initializer'
ORDER BY b.line, b.col, f.path;
-- A function by name (an allocator's implied setup, the core's entry to the
-- transmit path). Of several (static functions of one name in two files):
-- one defined in the index before one only declared, one the linker sees
-- (not static) before a static one, then by file and line.
-- name: function_named
SELECT s.id FROM sym s LEFT JOIN func fn ON fn.sym_id = s.id LEFT JOIN file f ON f.id = fn.file_id
WHERE s.name = ?1 AND s.kind = 'function'
ORDER BY fn.sym_id IS NULL, fn.is_static, f.path, fn.line, s.usr LIMIT 1;

-- Drop points of a function (the drop_site view), each with its conditions.
-- name: drop_points
SELECT CASE d.kind WHEN 'return' THEN 'return' ELSE 'call' END, d.what, f.path, d.line, d.guard
FROM drop_site d JOIN file f ON f.id = d.file_id
WHERE d.func_id = ?1 AND d.kind IN ('free', 'return', 'stop')
ORDER BY 3, 4;
-- Drop counters a function increments.
-- name: drop_counters
SELECT d.kind, d.what, f.path, d.line
FROM drop_site d JOIN file f ON f.id = d.file_id
WHERE d.func_id = ?1 AND d.kind = 'counter'
ORDER BY 3, 4;
-- The labels before a line, and the gotos to a label, in a function.
-- name: labels_before
SELECT label, line FROM flow WHERE func_id = ?1 AND kind = 'label' AND line <= ?2
  AND NOT EXISTS (SELECT 1 FROM ret r WHERE r.func_id = ?1 AND r.line > flow.line AND r.line < ?2)
ORDER BY line;
-- name: gotos_to
SELECT guard, line FROM flow WHERE func_id = ?1 AND kind = 'goto' AND label = ?2 ORDER BY line;
-- The guarded returns before a line that are not drops, and the guarded
-- gotos before it to a label such a return follows: a drop after them is
-- reached when none was taken.
-- name: returns_before
WITH ok AS (SELECT r.expr, r.guard, r.line FROM ret r
	WHERE r.func_id = ?1 AND r.line < ?2
	  AND NOT EXISTS (SELECT 1 FROM drop_site d WHERE d.func_id = r.func_id
			  AND d.kind = 'return' AND d.line = r.line))
SELECT 'returns ' || expr, guard, line FROM ok WHERE guard IS NOT NULL AND guard != ''
UNION ALL
SELECT 'goes to ' || g.label || ', which returns ' || (SELECT ok.expr FROM ok
	WHERE ok.line >= l.line ORDER BY ok.line LIMIT 1), g.guard, g.line
FROM flow g JOIN flow l ON l.func_id = g.func_id AND l.kind = 'label' AND l.label = g.label
WHERE g.func_id = ?1 AND g.kind = 'goto' AND g.line < ?2 AND g.guard IS NOT NULL
  AND g.guard != '' AND EXISTS (SELECT 1 FROM ok WHERE ok.line >= l.line)
ORDER BY 3;
-- name: locals_of
SELECT var, rhs, line FROM local WHERE func_id = ?1 ORDER BY line;
-- A sysctl that binds an expression: the element of a table whose .data is
-- &EXPR; of several (one global in two tables), the first by file and line.
-- name: sysctl_of
SELECT ts.id, ts.name, p.text, d.file_id, d.line,
	(SELECT f.path FROM file f WHERE f.id = d.file_id)
FROM init_field d JOIN sym ts ON ts.id = d.table_id
JOIN init_field p ON p.table_id = d.table_id AND p.elem = d.elem AND p.field = 'procname'
WHERE d.field = 'data' AND d.text = '&' || ?1
ORDER BY 6, d.line, p.text, ts.name LIMIT 1;
-- Where a table is registered, and the arguments of that call: a register
-- function first, as table_passed, then by file and line.
-- name: table_registered
SELECT ce.name, c.args, f.path, c.line FROM fn_arg a
JOIN call c ON c.caller_id = a.caller_id AND c.callee_id = a.callee_id AND c.file_id = a.file_id
	AND c.line = a.line
JOIN sym ce ON ce.id = a.callee_id JOIN file f ON f.id = a.file_id
WHERE a.target_id = ?1
ORDER BY ce.name LIKE '%register%' DESC, f.path, a.line, ce.name, c.col, c.args LIMIT 1;
-- The directories of a ctl_path array, in order: 2.6 kernels registered a
-- table under { { .procname = "net" }, { .procname = "core" }, { } }. Of
-- two arrays of that name (static, in two files), the first by file and
-- line, not the elements of both interleaved.
-- name: ctl_path
WITH a AS (SELECT i.table_id, i.file_id FROM init_field i JOIN sym s ON s.id = i.table_id
	JOIN file f ON f.id = i.file_id
	WHERE s.name = ?1 AND i.struct = 'ctl_path' AND i.field = 'procname'
	ORDER BY f.path, i.line, s.usr LIMIT 1)
SELECT coalesce(i.str, trim(i.text, '"')) FROM a JOIN init_field i ON i.table_id = a.table_id
	AND i.file_id = a.file_id
WHERE i.struct = 'ctl_path' AND i.field = 'procname'
ORDER BY i.elem, i.line;
-- Slots of a struct the core calls through but this table leaves empty, and
-- what the core calls instead: a call in the same function under the
-- negated condition, e.g. netdev_stats_to_stats64() when !(ops->ndo_get_stats64).
-- name: null_slots
SELECT substr(k.via, length(?1) + 2) AS slot, ks.name, ce.name, f.path, c.line, c.guard
FROM call k
JOIN call c ON c.caller_id = k.caller_id AND c.kind = 'direct'
	AND c.guard LIKE '%!(%' || substr(k.via, length(?1) + 2) || ')%'
JOIN sym ce ON ce.id = c.callee_id JOIN sym ks ON ks.id = k.caller_id JOIN file f ON f.id = c.file_id
WHERE k.kind = 'field' AND k.via > ?1 || '.' AND k.via < ?1 || '/'	-- "?1.*", by call_by_via
  AND NOT EXISTS (SELECT 1 FROM binding b WHERE b.table_id = ?2 AND ?1 || '.' || b.field = k.via)
-- report.c keeps each slot's first: by file and line, then in the order the
-- caller's walk met the calls (one unit writes a function's calls at once, in
-- source order), so of strscpy(x, dev_name(p)) strscpy comes first
ORDER BY slot, f.path, c.line, ks.name, c.rowid;
-- name: is_slot
SELECT 1 FROM call WHERE via = ?1 AND kind = 'field' LIMIT 1;

-- Devices made by rtnetlink: a setup function bound in an rtnl_link_ops,
-- named by its .kind (the first by line, a string constant first, as
-- bus_drivers' name). (The setup's file: report.c asks defined_in.)
-- name: rtnl_devices
SELECT b.fn_id, fs.name, b.table_id, ts.name, f.path, b.line,
	(SELECT coalesce('"' || i.str || '"', i.text) FROM init_field i
	 WHERE i.table_id = b.table_id AND i.field = 'kind'
	 ORDER BY i.str IS NULL, i.line, i.str, i.text LIMIT 1)
FROM binding b JOIN sym fs ON fs.id = b.fn_id JOIN sym ts ON ts.id = b.table_id
JOIN file f ON f.id = b.file_id
WHERE b.struct = 'rtnl_link_ops' AND b.field = 'setup'
ORDER BY f.path, b.line;

-- The net_device_ops tables defined in the index, for the matrix's coverage.
-- name: netdev_ops_tables
SELECT DISTINCT s.name, f.path, o.line FROM ops_table o JOIN sym s ON s.id = o.sym_id
JOIN file f ON f.id = o.file_id WHERE o.struct = 'net_device_ops'
ORDER BY f.path, o.line;

-- Where ?1 calls ?2 directly, first by file and line.
-- name: call_site
SELECT f.path, c.line FROM call c JOIN file f ON f.id = c.file_id
WHERE c.caller_id = ?1 AND c.callee_id = ?2 AND c.kind = 'direct' ORDER BY f.path, c.line LIMIT 1;

-- Functions that allocate a net_device with no setup function of their own
-- to name it (alloc_etherdev and kin): the devices not probed by a bus,
-- net_failover_create's for one. (The caller's file: report.c asks
-- defined_in.)
-- name: alloc_callers
SELECT DISTINCT c.caller_id, cs.name, f.path, c.line
FROM call c JOIN sym ce ON ce.id = c.callee_id
JOIN netdev_api n ON n.name = ce.name AND n.role = 'alloc' AND n.setup_arg IS NULL
JOIN sym cs ON cs.id = c.caller_id JOIN file f ON f.id = c.file_id
WHERE c.kind = 'direct' AND f.path NOT LIKE 'include/%'
ORDER BY f.path, c.line;
-- The functions bound in file ?2 to the struct fields FN (?1) calls through.
-- name: field_targets_in
-- (via split into struct and field, so that binding_by_field is used per call)
SELECT b.fn_id, s.name, c.via FROM call c
JOIN binding b ON b.struct = substr(c.via, 1, instr(c.via, '.') - 1)
	AND b.field = substr(c.via, instr(c.via, '.') + 1)
JOIN sym s ON s.id = b.fn_id
WHERE c.caller_id = ?1 AND c.kind = 'field' AND b.file_id = (SELECT id FROM file WHERE path = ?2)
ORDER BY c.line, b.line;
-- The function table ?1 binds at field ?2: the first binding by file and
-- line (a table of one name defined in two files is one symbol).
-- name: table_slot
SELECT b.fn_id, s.name FROM binding b JOIN sym s ON s.id = b.fn_id JOIN file f ON f.id = b.file_id
WHERE b.table_id = ?1 AND b.field = ?2 ORDER BY f.path, b.line, s.name LIMIT 1;
-- The table a getter function named ?1 returns: "return &xgbe_netdev_ops;".
-- Of several getters of that name (static, in two drivers), the first
-- return by file and line.
-- name: returned_table
SELECT r.expr FROM ret r JOIN sym s ON s.id = r.func_id JOIN file f ON f.id = r.file_id
WHERE s.name = ?1 AND r.expr LIKE '&%' ORDER BY f.path, r.line, r.expr LIMIT 1;
