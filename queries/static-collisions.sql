-- Static function names defined in more than one file (name them as FILE:NAME)
SELECT name, count(*) AS definitions, group_concat(file || ':' || line, ' ') AS where_defined
-- (the ORDER BY below sets group_concat's order: SQLite keeps a subquery's
-- ORDER BY when the outer query aggregates with group_concat)
FROM (SELECT DISTINCT name, file, line FROM functions WHERE is_static = 1 ORDER BY name, file, line)
GROUP BY name
HAVING count(*) > 1
ORDER BY count(*) DESC, name;
