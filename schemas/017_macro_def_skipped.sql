-- ndoscope schema, migration 017: a #define's row says whether it sits in an
-- #if region that the configuration of the TU owning its file compiled out
-- (index/lex.c, from the ranges file_lex.skipped holds). The browser then
-- links a macro to the definition that TU compiles, not to the first by
-- path: include/linux/cache.h's '#define __read_mostly' under '#ifndef
-- __read_mostly' is skipped once arch/x86's asm/cache.h has defined it.
-- Rows indexed before this migration read 0, as if compiled, until their
-- unit is walked again: the browser's choice is then what it was.
ALTER TABLE macro_def ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
