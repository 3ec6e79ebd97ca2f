// SPDX-License-Identifier: GPL-2.0
/*
 * bench/queries' floor: what any query of an index pays before its own
 * statement, built with the same SQLite as ndoscope.
 *
 *   floor          start and exit (a process and its libraries)
 *   floor DB       open DB as ndoscope does, read meta's one row, exit:
 *                  SQLite reads and parses the whole schema first
 */
#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int rc = 1;

	if (argc < 2)
		return 0;
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);	/* as tool/main.c */
	if (sqlite3_open_v2(argv[1], &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT value FROM meta WHERE key = 'schema'", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "floor: cannot read '%s': %s\n", argv[1], h ? sqlite3_errmsg(h) : "out of memory");
		goto out;
	}
	rc = sqlite3_step(st) == SQLITE_ROW ? 0 : 1;
out:
	sqlite3_finalize(st);
	sqlite3_close(h);
	return rc;
}
