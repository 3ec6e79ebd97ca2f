-- Static function names defined in more than one file (name them as FILE:NAME)
SELECT name, count(*) AS definitions, group_concat(file || ':' || line, ' ') AS where_defined
FROM (SELECT DISTINCT name, file, line FROM functions WHERE is_static = 1)
GROUP BY name
HAVING count(*) > 1
ORDER BY count(*) DESC, name;
