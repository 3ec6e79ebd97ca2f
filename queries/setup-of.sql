-- Every struct field a function assigns: as written, as evaluated, or from which parameter
-- :function  the setup function, e.g. gen_lo_setup (required)
SELECT a.struct || '.' || a.field AS field, a.rhs, a.value, a.param, a.file, a.line
FROM assignments a
WHERE a.function = :function
ORDER BY a.file, a.line;
