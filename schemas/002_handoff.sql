-- ndoscope schema, version 2: asynchronous hand-offs.
--
-- A packet's trip crosses points where one function leaves data or work
-- and another picks it up later: an skb put on a queue field and taken off
-- the same field elsewhere, a softirq raised and its handler, a work item,
-- a timer, a tasklet, a notifier chain, a wait queue woken. The APIs that
-- make these hand-offs are data (handoff_api, seeded below); the walker
-- records, for every call argument, the STRUCT.FIELD it names; 'ndoscope
-- index' then fills handoff with every call to such an API and the object
-- it names, and the edges view joins the two sides.

-- The hand-off APIs. One row per function and role:
--   producer  puts data on the object           (__skb_queue_tail, queue)
--   consumer  takes data from the object         (skb_dequeue, skb_peek, a waiter)
--   trigger   makes the object's handler run     (raise_softirq, mod_timer, __wake_up)
--   register  binds a handler to the object      (open_softirq, timer_setup, INIT_WORK)
--   defer     both at once: the handler runs later (call_rcu, request_irq)
--   object    not a hand-off: a call that names an object (sk_sleep(sk) is
--             socket_wq.wait), so that an argument sk_sleep(sk) counts as it
-- The object is the argument obj_arg (the STRUCT.FIELD it names, or its
-- text when it is a constant such as NET_RX_SOFTIRQ), or the fixed object.
-- The handler is the argument fn_arg (a function, or a table whose field
-- fn_field holds it), or, with no fn_arg, the function bound to fn_field on
-- the same line (INIT_WORK assigns work_struct.func).
CREATE TABLE handoff_api (
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL,	-- queue, softirq, napi, wakeup, work, timer, tasklet, rcu, notifier, irq
	role		TEXT NOT NULL,
	obj_arg		INTEGER,
	object		TEXT,
	fn_arg		INTEGER,
	fn_field	TEXT
);
CREATE INDEX handoff_api_by_name ON handoff_api(name);

INSERT INTO handoff_api (name, kind, role, obj_arg, object, fn_arg, fn_field) VALUES
	-- sk_buff_head queues (6.x and 2.6.35)
	('__skb_queue_tail', 'queue', 'producer', 1, NULL, NULL, NULL),
	('skb_queue_tail', 'queue', 'producer', 1, NULL, NULL, NULL),
	('__skb_queue_head', 'queue', 'producer', 1, NULL, NULL, NULL),
	('skb_queue_head', 'queue', 'producer', 1, NULL, NULL, NULL),
	('__skb_queue_after', 'queue', 'producer', 1, NULL, NULL, NULL),
	('skb_append', 'queue', 'producer', 3, NULL, NULL, NULL),
	('skb_queue_splice', 'queue', 'producer', 2, NULL, NULL, NULL),
	('skb_queue_splice_init', 'queue', 'producer', 2, NULL, NULL, NULL),
	('skb_queue_splice_tail', 'queue', 'producer', 2, NULL, NULL, NULL),
	('skb_queue_splice_tail_init', 'queue', 'producer', 2, NULL, NULL, NULL),
	('__skb_dequeue', 'queue', 'consumer', 1, NULL, NULL, NULL),
	('skb_dequeue', 'queue', 'consumer', 1, NULL, NULL, NULL),
	('__skb_dequeue_tail', 'queue', 'consumer', 1, NULL, NULL, NULL),
	('skb_dequeue_tail', 'queue', 'consumer', 1, NULL, NULL, NULL),
	('skb_peek', 'queue', 'consumer', 1, NULL, NULL, NULL),
	('skb_peek_tail', 'queue', 'consumer', 1, NULL, NULL, NULL),
	('skb_peek_next', 'queue', 'consumer', 2, NULL, NULL, NULL),
	('__skb_unlink', 'queue', 'consumer', 2, NULL, NULL, NULL),
	('skb_unlink', 'queue', 'consumer', 2, NULL, NULL, NULL),
	('skb_queue_splice', 'queue', 'consumer', 1, NULL, NULL, NULL),
	('skb_queue_splice_init', 'queue', 'consumer', 1, NULL, NULL, NULL),
	('skb_queue_splice_tail', 'queue', 'consumer', 1, NULL, NULL, NULL),
	('skb_queue_splice_tail_init', 'queue', 'consumer', 1, NULL, NULL, NULL),
	-- softirqs
	('open_softirq', 'softirq', 'register', 1, NULL, 2, NULL),
	('raise_softirq', 'softirq', 'trigger', 1, NULL, NULL, NULL),
	('raise_softirq_irqoff', 'softirq', 'trigger', 1, NULL, NULL, NULL),
	('__raise_softirq_irqoff', 'softirq', 'trigger', 1, NULL, NULL, NULL),
	-- NAPI: netif_napi_add(dev, &priv->napi, poll) ... napi_schedule(&priv->napi)
	('netif_napi_add', 'napi', 'register', 2, NULL, 3, NULL),
	('netif_napi_add_weight', 'napi', 'register', 2, NULL, 3, NULL),
	('netif_napi_add_tx', 'napi', 'register', 2, NULL, 3, NULL),
	('netif_napi_add_tx_weight', 'napi', 'register', 2, NULL, 3, NULL),
	('napi_schedule', 'napi', 'trigger', 1, NULL, NULL, NULL),
	('napi_schedule_irqoff', 'napi', 'trigger', 1, NULL, NULL, NULL),
	('__napi_schedule', 'napi', 'trigger', 1, NULL, NULL, NULL),
	('__napi_schedule_irqoff', 'napi', 'trigger', 1, NULL, NULL, NULL),
	-- wait queues: a waker and the functions that sleep on the same queue
	('__wake_up', 'wakeup', 'producer', 1, NULL, NULL, NULL),
	('__wake_up_sync_key', 'wakeup', 'producer', 1, NULL, NULL, NULL),
	('__wake_up_sync', 'wakeup', 'producer', 1, NULL, NULL, NULL),
	('__wake_up_locked', 'wakeup', 'producer', 1, NULL, NULL, NULL),
	('__wake_up_locked_key', 'wakeup', 'producer', 1, NULL, NULL, NULL),
	('prepare_to_wait', 'wakeup', 'consumer', 1, NULL, NULL, NULL),
	('prepare_to_wait_exclusive', 'wakeup', 'consumer', 1, NULL, NULL, NULL),
	('prepare_to_wait_event', 'wakeup', 'consumer', 1, NULL, NULL, NULL),
	('add_wait_queue', 'wakeup', 'consumer', 1, NULL, NULL, NULL),
	('add_wait_queue_exclusive', 'wakeup', 'consumer', 1, NULL, NULL, NULL),
	('sk_sleep', 'wakeup', 'object', NULL, 'socket_wq.wait', NULL, NULL),
	-- workqueues: INIT_WORK(&x->w, fn) calls __init_work(&x->w) and binds work_struct.func
	('__init_work', 'work', 'register', 1, NULL, NULL, 'work_struct.func'),
	('queue_work', 'work', 'trigger', 2, NULL, NULL, NULL),
	('queue_work_on', 'work', 'trigger', 3, NULL, NULL, NULL),
	('schedule_work', 'work', 'trigger', 1, NULL, NULL, NULL),
	('queue_delayed_work', 'work', 'trigger', 2, NULL, NULL, NULL),
	('mod_delayed_work', 'work', 'trigger', 2, NULL, NULL, NULL),
	('schedule_delayed_work', 'work', 'trigger', 1, NULL, NULL, NULL),
	-- timers: timer_setup() is init_timer_key() in 6.x, setup_timer_key() in 2.6.35
	('init_timer_key', 'timer', 'register', 1, NULL, 2, NULL),
	('setup_timer_key', 'timer', 'register', 1, NULL, 4, NULL),
	('mod_timer', 'timer', 'trigger', 1, NULL, NULL, NULL),
	('mod_timer_pending', 'timer', 'trigger', 1, NULL, NULL, NULL),
	('add_timer', 'timer', 'trigger', 1, NULL, NULL, NULL),
	('add_timer_on', 'timer', 'trigger', 1, NULL, NULL, NULL),
	('timer_reduce', 'timer', 'trigger', 1, NULL, NULL, NULL),
	-- tasklets
	('tasklet_init', 'tasklet', 'register', 1, NULL, 2, NULL),
	('tasklet_setup', 'tasklet', 'register', 1, NULL, 2, NULL),
	('tasklet_schedule', 'tasklet', 'trigger', 1, NULL, NULL, NULL),
	('tasklet_hi_schedule', 'tasklet', 'trigger', 1, NULL, NULL, NULL),
	('__tasklet_schedule', 'tasklet', 'trigger', 1, NULL, NULL, NULL),
	-- RCU callbacks
	('call_rcu', 'rcu', 'defer', 1, NULL, 2, NULL),
	('call_rcu_hurry', 'rcu', 'defer', 1, NULL, 2, NULL),
	('call_srcu', 'rcu', 'defer', 2, NULL, 3, NULL),
	-- notifier chains: the notifier_block passed, its .notifier_call
	('register_netdevice_notifier', 'notifier', 'register', NULL, 'netdev_chain', 1, 'notifier_block.notifier_call'),
	('register_netdevice_notifier_net', 'notifier', 'register', NULL, 'netdev_chain', 2, 'notifier_block.notifier_call'),
	('register_netdevice_notifier_dev_net', 'notifier', 'register', NULL, 'netdev_chain', 2, 'notifier_block.notifier_call'),
	('call_netdevice_notifiers', 'notifier', 'trigger', NULL, 'netdev_chain', NULL, NULL),
	('call_netdevice_notifiers_info', 'notifier', 'trigger', NULL, 'netdev_chain', NULL, NULL),
	('call_netdevice_notifiers_mtu', 'notifier', 'trigger', NULL, 'netdev_chain', NULL, NULL),
	('register_inetaddr_notifier', 'notifier', 'register', NULL, 'inetaddr_chain', 1, 'notifier_block.notifier_call'),
	('register_netevent_notifier', 'notifier', 'register', NULL, 'netevent_notif_chain', 1, 'notifier_block.notifier_call'),
	('call_netevent_notifiers', 'notifier', 'trigger', NULL, 'netevent_notif_chain', NULL, NULL),
	-- interrupt handlers: they run when the device raises the line
	('request_irq', 'irq', 'defer', 1, NULL, 2, NULL),
	('request_threaded_irq', 'irq', 'defer', 1, NULL, 2, NULL),
	('request_threaded_irq', 'irq', 'defer', 1, NULL, 3, NULL),
	('devm_request_irq', 'irq', 'defer', 2, NULL, 3, NULL);

-- Every call to a hand-off API, with the object it names and, for register
-- and defer, the handler. Derived: 'ndoscope index' rebuilds it after each
-- run (tool/sql/store.sql, handoff_rebuild).
CREATE TABLE handoff (
	func_id		INTEGER NOT NULL,	-- the calling function (sym id)
	kind		TEXT NOT NULL,
	role		TEXT NOT NULL,
	object		TEXT NOT NULL,
	handler_id	INTEGER,		-- register, defer: the handler (sym id)
	api		TEXT NOT NULL,		-- the API called
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL
);
CREATE INDEX handoff_by_func ON handoff(func_id);
CREATE INDEX handoff_by_handler ON handoff(handler_id);
CREATE INDEX handoff_by_object ON handoff(kind, object, role);

-- Facts recorded by an older walker lack the argument fields: index every
-- TU again on the next run.
UPDATE tu SET args_hash = 'schema-002';

-- The asynchronous hops between two functions, by ids: producer to
-- consumer of the same object (queue, wakeup), trigger to the handler
-- registered for the same object (softirq, napi, work, timer, tasklet,
-- notifier), and a deferring call to its handler (rcu, irq). The site is
-- the producer's, trigger's or deferring call; bound is the other side.
CREATE VIEW handoff_edge AS
SELECT p.func_id AS from_id, q.func_id AS to_id, p.kind, p.object AS via,
       p.file_id, p.line, q.file_id AS bound_file_id, q.line AS bound_line
FROM handoff p JOIN handoff q ON q.kind = p.kind AND q.object = p.object AND q.role = 'consumer'
WHERE p.role = 'producer' AND q.func_id <> p.func_id
UNION ALL
SELECT p.func_id, q.handler_id, p.kind, p.object, p.file_id, p.line, q.file_id, q.line
FROM handoff p JOIN handoff q ON q.kind = p.kind AND q.object = p.object AND q.role = 'register'
WHERE p.role = 'trigger' AND q.handler_id IS NOT NULL
UNION ALL
SELECT p.func_id, p.handler_id, p.kind, p.object, p.file_id, p.line, p.file_id, p.line
FROM handoff p
WHERE p.role = 'defer' AND p.handler_id IS NOT NULL;

-- The resolved call graph, now with the asynchronous hops: same columns,
-- new kinds (queue, softirq, napi, wakeup, work, timer, tasklet, rcu,
-- notifier, irq), via = the object that links the two sides, bound_file
-- and bound_line = the other side (consumer, registration).
DROP VIEW edges;
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
WHERE c.kind = 'pointer' AND c.fn_type IS NOT NULL
UNION ALL
SELECT cr.name, ts.name, h.kind, h.via, f.path, h.line, bf.path, h.bound_line
FROM handoff_edge h JOIN sym cr ON cr.id = h.from_id JOIN sym ts ON ts.id = h.to_id
JOIN file f ON f.id = h.file_id JOIN file bf ON bf.id = h.bound_file_id;
