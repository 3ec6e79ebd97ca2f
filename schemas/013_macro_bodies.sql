-- ndoscope schema, migration 013: a header function whose body a macro's
-- #define spells (the tracepoint functions __DECLARE_TRACE writes for each
-- TRACE_EVENT) has its body blanked too, in the header that holds the
-- #define, for the TUs that only link it (index/bodies.c). body_file names
-- that header's unit key (hdr:PATH#STAMP), and body_start/body_end are
-- offsets in it; NULL: the body is spelled in the unit's own header.
ALTER TABLE unit_fn ADD COLUMN body_file TEXT;
