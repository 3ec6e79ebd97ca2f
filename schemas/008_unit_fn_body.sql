-- ndoscope schema, migration 008: where the body of each function a header
-- unit's owner walked is written, as the byte offsets of its '{' and '}'
-- (NULL when a macro writes either brace). A later TU that only links the
-- header unit parses the header with those bodies blanked out (index/
-- bodies.c): the owner already took their facts, and a body costs a parse
-- in every TU that includes it.
ALTER TABLE unit_fn ADD COLUMN body_start INTEGER;
ALTER TABLE unit_fn ADD COLUMN body_end INTEGER;

-- How many such bodies a TU's parse read blanked ('ndoscope stats').
ALTER TABLE tu ADD COLUMN blanked INTEGER NOT NULL DEFAULT 0;
