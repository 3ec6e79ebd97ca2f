// SPDX-License-Identifier: GPL-2.0
/* ndoscope sql: one read-only statement over the index, printed. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "ndoscope.h"
#include "output.h"

static const char usage[] = "ndoscope [--db PATH] sql [--json | --tsv] [-P NAME=VALUE]... 'SELECT ...'";

int cmd_sql(int argc, char **argv, const struct global *g)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "tsv", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum out_format fmt = OUT_TABLE;
	VEC(char *) params = { 0 };
	sqlite3_stmt *st = NULL;
	const char *tail;
	struct db db;
	int c, rc = -1;

	while ((c = getopt_long(argc, argv, "P:", opts, NULL)) != -1) {
		switch (c) {
		case 'J':
			fmt = OUT_JSON;
			break;
		case 'T':
			fmt = OUT_TSV;
			break;
		case 'P':
			VEC_PUSH(&params, optarg);
			break;
		case 'h':
			printf("usage: %s\n", usage);
			VEC_FREE(&params);
			return 0;
		default:
			VEC_FREE(&params);
			return usage_error(usage, NULL);
		}
	}
	if (optind + 1 != argc) {
		VEC_FREE(&params);
		return usage_error(usage, "give one SQL statement");
	}
	if (db_open(&db, db_default_path(g->db), DB_READ))
		goto out;
	if (sqlite3_prepare_v2(db.h, argv[optind], -1, &st, &tail) != SQLITE_OK) {
		error_set("bad SQL: %s", sqlite3_errmsg(db.h));
		goto out_close;
	}
	if (!st) {
		error_set("bad SQL: no statement");
		goto out_close;
	}
	while (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';')
		tail++;
	if (*tail) {
		error_set("bad SQL: give one statement, not several");
		goto out_close;
	}
	if (!sqlite3_stmt_readonly(st)) {
		error_set("'sql' only reads: the statement would write");
		goto out_close;
	}
	if (bind_params(st, params.v, (int)params.n))
		goto out_close;
	if (print_rows(stdout, db.h, st, fmt) >= 0)
		rc = 0;
out_close:
	sqlite3_finalize(st);
	db_close(&db);
out:
	VEC_FREE(&params);
	return rc;
}
