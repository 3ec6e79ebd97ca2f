-- ndoscope schema, version 1.
--
-- Raw tables are internal and may change between versions; the views at the
-- end of this file (functions, calls, bindings, ops_tables, fn_args,
-- assignments, flags, refs, tu_errors) are the stable public interface.
-- docs/schema.md documents both.
--
-- Facts belong to a "unit", not directly to a translation unit: the main
-- file of a TU is one unit, and each version of each header is a unit
-- shared by every TU that includes it.
-- That is how a static inline in netdevice.h is recorded once, not once per
-- TU, and how its facts disappear only when the last TU using it goes.

CREATE TABLE meta (
	key	TEXT PRIMARY KEY,
	value	TEXT
) WITHOUT ROWID;

CREATE TABLE file (
	id	INTEGER PRIMARY KEY,
	path	TEXT NOT NULL UNIQUE	-- relative to the tree when inside it
);

CREATE TABLE tu (
	id		INTEGER PRIMARY KEY,
	file_id		INTEGER NOT NULL UNIQUE REFERENCES file(id),
	args_hash	TEXT NOT NULL,		-- of the compile flags used
	status		TEXT NOT NULL,		-- 'ok', 'errors' or 'failed'
	n_errors	INTEGER NOT NULL DEFAULT 0,
	n_warnings	INTEGER NOT NULL DEFAULT 0,
	parse_ms	INTEGER,
	walk_ms		INTEGER,
	indexed_at	INTEGER NOT NULL	-- unix time
);

-- Every file a TU read, with what it looked like then: the incremental check.
CREATE TABLE tu_dep (
	tu_id	INTEGER NOT NULL,
	file_id	INTEGER NOT NULL,
	mtime	INTEGER NOT NULL,
	size	INTEGER NOT NULL,
	PRIMARY KEY (tu_id, file_id)
) WITHOUT ROWID;

-- The first few libclang errors of each TU.
CREATE TABLE tu_diag (
	tu_id		INTEGER NOT NULL,
	seq		INTEGER NOT NULL,
	severity	TEXT NOT NULL,
	file_id		INTEGER,
	line		INTEGER,
	col		INTEGER,
	message		TEXT NOT NULL
);
CREATE INDEX tu_diag_by_tu ON tu_diag(tu_id);

CREATE TABLE unit (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,	-- tu:PATH, hdr:PATH#MTIME.SIZE or fn:PATH#MTIME.SIZE@OFFSET:NAME
	complete	INTEGER NOT NULL DEFAULT 0
);

-- The function definitions a header unit's owner walked, by position:
-- fn:PATH#STAMP@OFFSET:NAME. A TU that sees a definition not listed here
-- (its configuration differs) walks it into a unit of that key.
CREATE TABLE unit_fn (
	unit_id	INTEGER NOT NULL,
	key	TEXT NOT NULL
);
CREATE INDEX unit_fn_by_unit ON unit_fn(unit_id);

CREATE TABLE tu_unit (
	tu_id	INTEGER NOT NULL,
	unit_id	INTEGER NOT NULL,
	PRIMARY KEY (tu_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX tu_unit_by_unit ON tu_unit(unit_id);

-- Every named entity a fact points at: functions, variables, struct fields
-- (named STRUCT.FIELD) and enumerators, keyed by clang's USR.
CREATE TABLE sym (
	id	INTEGER PRIMARY KEY,
	usr	TEXT NOT NULL UNIQUE,
	name	TEXT NOT NULL,
	kind	TEXT NOT NULL		-- function, var, field, enum
);
CREATE INDEX sym_by_name ON sym(name);

CREATE TABLE func (
	unit_id		INTEGER NOT NULL,
	sym_id		INTEGER NOT NULL,
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL,
	col		INTEGER NOT NULL,
	end_line	INTEGER NOT NULL,
	is_static	INTEGER NOT NULL,
	is_inline	INTEGER NOT NULL,
	type		TEXT NOT NULL		-- canonical, e.g. int (struct sk_buff *)
);
CREATE INDEX func_by_unit ON func(unit_id);
CREATE INDEX func_by_type ON func(type);
CREATE INDEX func_by_file ON func(file_id, line);
CREATE INDEX func_by_sym ON func(sym_id);

CREATE TABLE call (
	unit_id		INTEGER NOT NULL,
	caller_id	INTEGER NOT NULL,
	callee_id	INTEGER,		-- direct calls only
	kind		TEXT NOT NULL,		-- direct, field, param, pointer
	via		TEXT,			-- STRUCT.FIELD or param:N
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL,
	col		INTEGER NOT NULL,
	macro		TEXT,
	fn_type		TEXT,			-- indirect calls: the callee's function type
	args		TEXT,			-- JSON [{"text": "(64 * 1024)", "value": 65536}, ...]
	guard		TEXT			-- the if-conditions it is under, joined by &&
);
CREATE INDEX call_by_unit ON call(unit_id);
CREATE INDEX call_by_caller ON call(caller_id);
CREATE INDEX call_by_callee ON call(callee_id);
CREATE INDEX call_by_via ON call(via);
CREATE INDEX call_by_type ON call(fn_type);

CREATE TABLE binding (
	unit_id		INTEGER NOT NULL,
	struct		TEXT NOT NULL,
	field		TEXT NOT NULL,
	fn_id		INTEGER NOT NULL,
	table_id	INTEGER,
	context		TEXT NOT NULL,		-- initializer or assignment
	func_id		INTEGER,		-- the function doing an assignment
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL,
	col		INTEGER NOT NULL
);
CREATE INDEX binding_by_unit ON binding(unit_id);
CREATE INDEX binding_by_field ON binding(struct, field);
CREATE INDEX binding_by_via ON binding(struct || '.' || field);
CREATE INDEX binding_by_fn ON binding(fn_id);
CREATE INDEX binding_by_table ON binding(table_id);

-- Variables (not functions) bound to fields in initializers:
-- .data = &netdev_max_backlog, .netdev_ops = &loopback_ops.
CREATE TABLE var_binding (
	unit_id		INTEGER NOT NULL,
	struct		TEXT NOT NULL,
	field		TEXT NOT NULL,
	var_id		INTEGER NOT NULL,
	table_id	INTEGER,
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL
);
CREATE INDEX var_binding_by_unit ON var_binding(unit_id);
CREATE INDEX var_binding_by_var ON var_binding(var_id);

CREATE TABLE ops_table (
	unit_id		INTEGER NOT NULL,
	sym_id		INTEGER NOT NULL,
	struct		TEXT NOT NULL,
	is_array	INTEGER NOT NULL,
	is_static	INTEGER NOT NULL,
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL
);
CREATE INDEX ops_table_by_unit ON ops_table(unit_id);
CREATE INDEX ops_table_by_sym ON ops_table(sym_id);

CREATE TABLE fn_arg (
	unit_id		INTEGER NOT NULL,
	caller_id	INTEGER NOT NULL,
	callee_id	INTEGER,
	arg		INTEGER NOT NULL,	-- 1-based
	target_id	INTEGER NOT NULL,
	target_kind	TEXT NOT NULL,		-- function or var (&var)
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL
);
CREATE INDEX fn_arg_by_unit ON fn_arg(unit_id);
CREATE INDEX fn_arg_by_callee ON fn_arg(callee_id, arg);
CREATE INDEX fn_arg_by_target ON fn_arg(target_id);

CREATE TABLE assign (
	unit_id		INTEGER NOT NULL,
	func_id		INTEGER NOT NULL,
	struct		TEXT NOT NULL,
	field		TEXT NOT NULL,
	op		TEXT NOT NULL,		-- =, |=, &=, +=, ...
	rhs		TEXT NOT NULL,		-- as spelled
	value		INTEGER,
	param		INTEGER,
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL
);
CREATE INDEX assign_by_unit ON assign(unit_id);
CREATE INDEX assign_by_func ON assign(func_id);
CREATE INDEX assign_by_field ON assign(struct, field);
CREATE INDEX assign_by_via ON assign(struct || '.' || field);

-- Every return statement with an expression: return NET_RX_DROP;
CREATE TABLE ret (
	unit_id		INTEGER NOT NULL,
	func_id		INTEGER NOT NULL,
	expr		TEXT NOT NULL,		-- as spelled
	value		INTEGER,
	guard		TEXT,
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL
);
CREATE INDEX ret_by_unit ON ret(unit_id);

-- Every scalar value in a table's initializer, by array element:
-- .procname = "netdev_max_backlog", .data = &net_hotdata.max_backlog.
CREATE TABLE init_field (
	unit_id		INTEGER NOT NULL,
	table_id	INTEGER NOT NULL,
	elem		INTEGER NOT NULL,	-- index in an array table, -1 otherwise
	struct		TEXT NOT NULL,
	field		TEXT NOT NULL,
	text		TEXT NOT NULL,		-- as spelled
	value		INTEGER,
	str		TEXT,			-- a string constant's value: DRV_NAME -> veth
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL
);
CREATE INDEX init_field_by_unit ON init_field(unit_id);
CREATE INDEX init_field_by_table ON init_field(table_id, elem);
CREATE INDEX init_field_by_text ON init_field(text);

-- Labels and the gotos that jump to them, with the goto's conditions.
CREATE TABLE flow (
	unit_id		INTEGER NOT NULL,
	func_id		INTEGER NOT NULL,
	kind		TEXT NOT NULL,		-- label or goto
	label		TEXT NOT NULL,
	guard		TEXT,
	line		INTEGER NOT NULL
);
CREATE INDEX flow_by_unit ON flow(unit_id);
CREATE INDEX flow_by_func ON flow(func_id);

-- Assignments to local variables: max_backlog = READ_ONCE(net_hotdata.max_backlog)
CREATE TABLE local (
	unit_id		INTEGER NOT NULL,
	func_id		INTEGER NOT NULL,
	var		TEXT NOT NULL,
	rhs		TEXT NOT NULL,
	line		INTEGER NOT NULL
);
CREATE INDEX local_by_unit ON local(unit_id);
CREATE INDEX local_by_func ON local(func_id);
CREATE INDEX ret_by_func ON ret(func_id);

CREATE TABLE flag (
	unit_id		INTEGER NOT NULL,
	name		TEXT NOT NULL,
	value		INTEGER,
	bit		INTEGER,
	doc		TEXT,
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL
);
CREATE INDEX flag_by_unit ON flag(unit_id);
CREATE INDEX flag_by_name ON flag(name);

CREATE TABLE ref (
	unit_id		INTEGER NOT NULL,
	sym_id		INTEGER NOT NULL,
	kind		TEXT NOT NULL,		-- read, write, call, addr
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL,
	col		INTEGER NOT NULL,
	in_macro	INTEGER NOT NULL	-- the name is spelled in a macro body
);
CREATE INDEX ref_by_unit ON ref(unit_id);
CREATE INDEX ref_by_sym ON ref(sym_id);
CREATE INDEX ref_by_file ON ref(file_id, line);

-- Public views.

CREATE VIEW functions AS
SELECT s.name, f.path AS file, fn.line, fn.is_static, s.usr
FROM func fn JOIN sym s ON s.id = fn.sym_id JOIN file f ON f.id = fn.file_id;

CREATE VIEW calls AS
SELECT cr.name AS caller, ce.name AS callee, c.kind, c.via,
       f.path AS file, c.line, c.macro
FROM call c JOIN sym cr ON cr.id = c.caller_id
LEFT JOIN sym ce ON ce.id = c.callee_id
JOIN file f ON f.id = c.file_id;

CREATE VIEW bindings AS
SELECT b.struct, b.field, fs.name AS function, ts.name AS table_name,
       b.context, f.path AS file, b.line
FROM binding b JOIN sym fs ON fs.id = b.fn_id
LEFT JOIN sym ts ON ts.id = b.table_id
JOIN file f ON f.id = b.file_id;

CREATE VIEW ops_tables AS
SELECT s.name, o.struct, f.path AS file, o.line
FROM ops_table o JOIN sym s ON s.id = o.sym_id JOIN file f ON f.id = o.file_id;

CREATE VIEW fn_args AS
SELECT cr.name AS caller, ce.name AS callee, a.arg, t.name AS function,
       f.path AS file, a.line
FROM fn_arg a JOIN sym cr ON cr.id = a.caller_id
LEFT JOIN sym ce ON ce.id = a.callee_id
JOIN sym t ON t.id = a.target_id
JOIN file f ON f.id = a.file_id
WHERE a.target_kind = 'function'
   OR EXISTS (SELECT 1 FROM ops_table o WHERE o.sym_id = a.target_id);

CREATE VIEW assignments AS
SELECT fs.name AS function, a.struct, a.field,
       CASE WHEN a.op = '=' THEN a.rhs WHEN a.rhs = '' THEN a.op
	    ELSE a.op || ' ' || a.rhs END AS rhs,
       a.value, a.param, f.path AS file, a.line
FROM assign a JOIN sym fs ON fs.id = a.func_id JOIN file f ON f.id = a.file_id;

CREATE VIEW flags AS
SELECT g.name, g.value, g.bit, g.doc, f.path AS file, g.line
FROM flag g JOIN file f ON f.id = g.file_id;

-- The resolved call graph: direct calls, field calls to every function bound
-- to the field, parameter calls to every function passed in that position,
-- and pointer calls matched on the function's type alone (kind 'type').
CREATE VIEW edges AS
SELECT cr.name AS caller, ce.name AS callee, 'direct' AS kind, NULL AS via,
       f.path AS file, c.line, NULL AS bound_file, NULL AS bound_line
FROM call c JOIN sym cr ON cr.id = c.caller_id JOIN sym ce ON ce.id = c.callee_id
JOIN file f ON f.id = c.file_id
WHERE c.kind = 'direct'
UNION ALL
SELECT cr.name, fs.name, 'field', c.via, f.path, c.line, bf.path, b.line
FROM call c JOIN binding b ON b.struct || '.' || b.field = c.via
JOIN sym cr ON cr.id = c.caller_id JOIN sym fs ON fs.id = b.fn_id
JOIN file f ON f.id = c.file_id JOIN file bf ON bf.id = b.file_id
WHERE c.kind = 'field'
UNION ALL
-- a helper assigns the field from its parameter N; a caller passes the function as argument N
SELECT cr.name, ts.name, 'field', c.via, f.path, c.line, af.path, a.line
FROM call c JOIN assign s ON s.struct || '.' || s.field = c.via
	AND s.param IS NOT NULL AND s.op = '='
JOIN fn_arg a ON a.callee_id = s.func_id AND a.arg = s.param AND a.target_kind = 'function'
JOIN sym cr ON cr.id = c.caller_id JOIN sym ts ON ts.id = a.target_id
JOIN file f ON f.id = c.file_id JOIN file af ON af.id = a.file_id
WHERE c.kind = 'field'
UNION ALL
SELECT cr.name, ts.name, 'param', c.via, f.path, c.line, af.path, a.line
FROM call c JOIN fn_arg a ON a.callee_id = c.caller_id
	AND a.arg = CAST(substr(c.via, 7) AS INTEGER) AND a.target_kind = 'function'
JOIN sym cr ON cr.id = c.caller_id JOIN sym ts ON ts.id = a.target_id
JOIN file f ON f.id = c.file_id JOIN file af ON af.id = a.file_id
WHERE c.kind = 'param'
UNION ALL
SELECT cr.name, fs.name, 'type', NULL, f.path, c.line, ff.path, fn.line
FROM call c JOIN func fn ON fn.type = c.fn_type
JOIN sym cr ON cr.id = c.caller_id JOIN sym fs ON fs.id = fn.sym_id
JOIN file f ON f.id = c.file_id JOIN file ff ON ff.id = fn.file_id
WHERE c.kind = 'pointer' AND c.fn_type IS NOT NULL;

CREATE VIEW refs AS
SELECT s.name, s.kind AS target_kind, r.kind, f.path AS file, r.line, r.col,
       r.in_macro
FROM ref r JOIN sym s ON s.id = r.sym_id JOIN file f ON f.id = r.file_id;

-- The arguments of every call, as spelled, with their values when constant.
CREATE VIEW call_args AS
SELECT cr.name AS caller, ce.name AS callee, f.path AS file, c.line,
       j.key + 1 AS arg, json_extract(j.value, '$.text') AS text,
       json_extract(j.value, '$.value') AS value
FROM call c JOIN sym cr ON cr.id = c.caller_id
LEFT JOIN sym ce ON ce.id = c.callee_id
JOIN file f ON f.id = c.file_id, json_each(c.args) j
WHERE c.args IS NOT NULL;

-- Where a function drops a packet, one definition for graph, report and
-- queries: a call that frees the skb ('free'), a return of NET_RX_DROP or
-- NETDEV_TX_BUSY ('return'), an increment of a drop counter ('counter').
-- Internal: by ids.
CREATE VIEW drop_site AS
SELECT c.caller_id AS func_id, 'free' AS kind, coalesce(c.macro, ce.name) AS what,
       ce.name AS callee, c.file_id, c.line, c.guard
FROM call c JOIN sym ce ON ce.id = c.callee_id
WHERE ce.name IN ('kfree_skb', 'kfree_skb_reason', 'sk_skb_reason_drop', 'kfree_skb_list',
		  'kfree_skb_list_reason')
   OR ce.name LIKE 'dev\_kfree\_skb%' ESCAPE '\'
   OR c.macro LIKE 'dev\_kfree\_skb%' ESCAPE '\'
UNION ALL
SELECT r.func_id, 'return', r.expr, NULL, r.file_id, r.line, r.guard
FROM ret r
WHERE r.expr IN ('NET_RX_DROP', 'NETDEV_TX_BUSY')
UNION ALL
SELECT c.caller_id, 'counter', ce.name || '(' || coalesce(json_extract(c.args, '$[0].text'), '') || ')',
       ce.name, c.file_id, c.line, c.guard
FROM call c JOIN sym ce ON ce.id = c.callee_id
WHERE ce.name LIKE '%\_dropped\_inc' ESCAPE '\'
   OR (ce.name LIKE 'atomic%\_inc' ESCAPE '\' AND c.args LIKE '%drop%')
UNION ALL
SELECT a.func_id, 'counter', a.struct || '.' || a.field || a.op, NULL, a.file_id, a.line, NULL
FROM assign a
WHERE a.op IN ('++', '+=') AND a.field LIKE '%drop%';

CREATE VIEW init_fields AS
SELECT ts.name AS table_name, i.elem, i.struct, i.field, i.text, i.value,
       f.path AS file, i.line, i.str
FROM init_field i JOIN sym ts ON ts.id = i.table_id JOIN file f ON f.id = i.file_id;

CREATE VIEW returns AS
SELECT fs.name AS function, r.expr, r.value, f.path AS file, r.line
FROM ret r JOIN sym fs ON fs.id = r.func_id JOIN file f ON f.id = r.file_id;

CREATE VIEW tu_errors AS
SELECT f.path AS tu, t.n_errors, d.seq, d.severity, df.path AS file,
       d.line, d.col, d.message
FROM tu t JOIN file f ON f.id = t.file_id
JOIN tu_diag d ON d.tu_id = t.id
LEFT JOIN file df ON df.id = d.file_id;
