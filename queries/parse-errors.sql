-- TUs with parse errors, and their first errors
SELECT tu, n_errors, file || ':' || line || ':' || col AS at, message
FROM tu_errors
ORDER BY tu, seq;
