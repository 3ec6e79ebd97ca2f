-- ndoscope schema, migration 016: call_by_via and call_by_type hold only the
-- calls that have a via or a function type, the indirect ones: 741 of the
-- bench index's 48057 calls. The NULLs of the direct calls were 0.8 MiB of
-- its 38.1 (2%), and no statement looks a call up by a NULL via or type:
-- 'via = ?', 'via > ?' and a join on fn_type all imply IS NOT NULL, which is
-- what lets SQLite use a partial index.
DROP INDEX call_by_via;
CREATE INDEX call_by_via ON call(via) WHERE via IS NOT NULL;
DROP INDEX call_by_type;
CREATE INDEX call_by_type ON call(fn_type) WHERE fn_type IS NOT NULL;
