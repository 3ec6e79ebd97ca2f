-- ndo_start_xmit implementations that can return NETDEV_TX_BUSY
SELECT DISTINCT fs.name AS xmit, ts.name AS ops_table, f.path AS file, r.line AS busy_line
FROM binding b
JOIN sym fs ON fs.id = b.fn_id
LEFT JOIN sym ts ON ts.id = b.table_id
JOIN func fn ON fn.sym_id = b.fn_id
JOIN file f ON f.id = fn.file_id
JOIN ref r ON r.file_id = fn.file_id AND r.line BETWEEN fn.line AND fn.end_line
JOIN sym busy ON busy.id = r.sym_id AND busy.name = 'NETDEV_TX_BUSY'
WHERE b.struct = 'net_device_ops' AND b.field = 'ndo_start_xmit'
ORDER BY f.path, r.line, xmit, ops_table;
