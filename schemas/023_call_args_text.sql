-- ndoscope schema, migration 023: a call's argument with no constant value
-- and no field is its text alone in call.args, a JSON string, not an
-- object {"text": ...}: ["dev", {"text": "(64 * 1024)", "value": 65536}].
-- Two arguments in three are so, and the nine bytes each saved were 0.6 of
-- 30.3 MiB on bench/queries' corpus (1.6 of 78.4 on the subsystem). The
-- call_args view reads both shapes; its rows are the same.
UPDATE call SET args = (
	SELECT json_group_array(CASE
		WHEN j.type <> 'object' THEN j.value
		WHEN json_extract(j.value, '$.field') IS NULL AND json_extract(j.value, '$.value') IS NULL
		THEN json_extract(j.value, '$.text')
		ELSE json(j.value) END)
	FROM json_each(call.args) j)
WHERE args IS NOT NULL;

DROP VIEW call_args;
CREATE VIEW call_args AS
SELECT cr.name AS caller, ce.name AS callee, f.path AS file, c.line,
       j.key + 1 AS arg,
       CASE j.type WHEN 'object' THEN json_extract(j.value, '$.text') ELSE j.value END AS text,
       CASE j.type WHEN 'object' THEN json_extract(j.value, '$.value') END AS value
FROM call c JOIN sym cr ON cr.id = c.caller_id
LEFT JOIN sym ce ON ce.id = c.callee_id
JOIN file f ON f.id = c.file_id, json_each(c.args) j
WHERE c.args IS NOT NULL;
