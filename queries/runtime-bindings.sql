-- Functions bound to struct fields by assignment at run time, not in an initializer
SELECT b.struct || '.' || b.field AS field, b.function, b.file, b.line
FROM bindings b
WHERE b.context = 'assignment'
ORDER BY b.struct, b.field, b.file, b.line;
