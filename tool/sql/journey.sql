-- ndoscope journey: what each function on a trip does to the data besides
-- passing it on: ?1 is the function (sym id), but for tu_indexed.

-- Is the TU indexed? ?1 is its path as stored.
-- name: tu_indexed
SELECT 1 FROM tu t JOIN file f ON f.id = t.file_id WHERE f.path = ?1 AND t.status <> 'failed';

-- Locks it takes: spinlocks, socket locks, mutexes, RCU read sections,
-- bottom halves off, a device queue's xmit lock.
-- name: locks
SELECT coalesce(c.macro, ce.name), f.path, c.line
FROM call c JOIN sym ce ON ce.id = c.callee_id JOIN file f ON f.id = c.file_id
WHERE c.caller_id = ?1 AND c.kind = 'direct'
  AND (ce.name GLOB 'spin_lock*' OR ce.name GLOB '_raw_spin_lock*'
       OR ce.name GLOB 'read_lock*' OR ce.name GLOB 'write_lock*'
       OR ce.name GLOB 'mutex_lock*' OR ce.name IN ('lock_sock', 'lock_sock_nested',
	'lock_sock_fast', 'rcu_read_lock', 'rcu_read_lock_bh', 'local_bh_disable',
	'__netif_tx_lock', 'netif_tx_lock', '__netif_tx_lock_bh', 'rps_lock_irqsave',
	'backlog_lock_irq_save', 'bh_lock_sock', 'unix_state_lock'))
ORDER BY f.path, c.line;

-- Copies of the data: from the user's buffer into an skb, and back out
-- (not copy_from_user, which copies addresses and options).
-- name: copies
SELECT coalesce(c.macro, ce.name), f.path, c.line
FROM call c JOIN sym ce ON ce.id = c.callee_id JOIN file f ON f.id = c.file_id
WHERE c.caller_id = ?1 AND c.kind = 'direct'
  AND ce.name IN ('copy_from_iter', '_copy_from_iter', 'copy_from_iter_full',
	'copy_from_iter_full_nocache', '_copy_from_iter_nocache', 'copy_to_iter', '_copy_to_iter',
	'skb_copy_datagram_msg', 'skb_copy_datagram_iter', 'skb_copy_datagram_from_iter',
	'skb_copy_to_page_nocache', 'skb_add_data_nocache', 'skb_do_copy_data_nocache',
	'memcpy_to_msg', 'memcpy_from_msg', 'csum_and_copy_from_iter', 'csum_and_copy_to_iter',
	'skb_copy_and_csum_datagram_msg', 'copy_page_from_iter', 'copy_page_to_iter',
	'memcpy_from_iovec', 'memcpy_toiovec',
	'skb_copy_datagram_iovec', 'skb_copy_datagram_from_iovec')
ORDER BY f.path, c.line;
