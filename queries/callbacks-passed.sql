-- Functions and ops tables passed as arguments to a function, by whom and in which position
-- :callee  the function they are passed to, e.g. alloc_netdev_mqs (required)
SELECT a.caller, a.arg, a.function AS passed, a.file, a.line
FROM fn_args a
WHERE a.callee = :callee
ORDER BY a.arg, a.file, a.line;
