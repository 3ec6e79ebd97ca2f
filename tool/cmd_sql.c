// SPDX-License-Identifier: GPL-2.0
/* ndoscope sql: one read-only statement over the index, printed. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "base/error.h"
#include "ndoscope.h"
#include "render/output.h"

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
	if (db_open(&db, db_default_path(g->db), DB_SNAPSHOT))
		goto out;
	rc = run_statement(db.h, argv[optind], "SQL", params.v, (int)params.n, fmt);
	db_close(&db);
out:
	VEC_FREE(&params);
	return rc;
}
