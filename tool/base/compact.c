/*
 * Packing an index once a run (an index or a merge) has rewritten much of
 * it, and what that takes: VACUUM may renumber the fact tables' rows, so
 * each unit's rowid spans (schemas/015_unit_span.sql) are derived again.
 */
#include <sqlite3.h>

#include "base/compact.h"
#include "base/error.h"

#define SQL "tool/sql/store.sql"

/* Every unit's rowid span in every fact table, derived from the tables. */
static int spans_rebuild(struct db *db)
{
	static const char *const steps[] = { "span_mark", "spans_zero", "span_put", NULL };

	return db_run_sections(db, SQL, steps, 0);
}

int compact_spans_check(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "spans_stale");
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return error_set("cannot read '%s': %s", db->path, sqlite3_errmsg(db->h));
	return spans_rebuild(db);
}

/*
 * A run that wrote much of the index leaves its pages part empty (an
 * index's pages split as keys arrive out of order) and the pages of what
 * went on the free list: 4% of bench/queries' corpus. VACUUM packs them.
 * SQLite says it may renumber the rows of a table without an INTEGER
 * PRIMARY KEY, as every fact table is (3.40 keeps them when the table has
 * an index), and unit_span holds their rowids: the spans are derived again
 * after it. 'spans' = 'stale' in meta, committed before the
 * VACUUM, has the next writer do that should this process die in between.
 */
int compact_index(struct db *db, int tus, int shards)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "free_pages");
	sqlite3_int64 free_n = 0, pages = 0, n_tus = 0, n_shards = 0;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		free_n = sqlite3_column_int64(st, 0);
		pages = sqlite3_column_int64(st, 1);
		n_tus = sqlite3_column_int64(st, 2);
		n_shards = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return error_set("cannot read '%s': %s", db->path, sqlite3_errmsg(db->h));
	if (!(tus > 0 && 4 * tus >= n_tus) && !(shards > 0 && 4 * shards >= n_shards) &&
	    8 * free_n < pages && !db->migrated)
		return 0;

	st = db_stmt(db, SQL, "meta_set");
	bind_text(st, 1, "spans");
	bind_text(st, 2, "stale");
	if (db_step_done(db, st))
		return -1;
	/*
	 * The copy VACUUM builds is a temporary database: in a file, not in
	 * memory as db_open's temp_store = MEMORY has it, or a kernel's index
	 * would take its size in RAM (a 120 MB merge peaked at 276 MB). The
	 * setting drops the connection's temporary tables; the run is done
	 * with them, and spans_rebuild's span_mark makes its own again.
	 */
	if (db_exec(db, "PRAGMA temp_store = FILE"))
		return -1;
	/* the facts are written: a VACUUM that cannot run (a full disk) costs space only */
	if (db_exec(db, "VACUUM")) {
		warning("%s; the index keeps its free pages", error_last());
		error_clear();
	}
	return spans_rebuild(db);
}
