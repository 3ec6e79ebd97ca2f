// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope stats: how many facts of each kind, how many indirect calls are
 * classified and resolved, which TUs had errors, and how many of the
 * net_device_ops tables the driver reports attribute to a device.
 */
#include <getopt.h>
#include <stdio.h>

#include "base/db.h"
#include "base/error.h"
#include "ndoscope.h"
#include "query/report.h"
#include "render/output.h"

/* The coverage rows: every device of the index as a matrix row, against every table. */
static int print_coverage(struct db *db, enum out_format fmt)
{
	json_t *devices = report_build(db, ".", true), *cov;
	sqlite3_stmt *st;
	int n;

	if (!devices) {		/* no device at all: every table is unattributed */
		error_clear();
		devices = json_array();
	}
	cov = report_coverage(db, ".", devices);
	st = db_stmt(db, "tool/sql/stats.sql", "coverage");
	sqlite3_bind_int64(st, 1, json_integer_value(json_object_get(cov, "tables")));
	sqlite3_bind_int64(st, 2, json_integer_value(json_object_get(cov, "attributed")));
	n = print_rows(stdout, db->h, st, fmt);
	json_decref(cov);
	json_decref(devices);
	return n;
}

static const char usage[] = "ndoscope [--db PATH] stats [--json]";

int cmd_stats(int argc, char **argv, const struct global *g)
{
	enum out_format fmt = OUT_TABLE;
	bool json;
	struct db db;
	int c, n, rc = -1;

	c = json_only_options(argc, argv, usage, &json);
	if (c >= 0)
		return c;
	if (json)
		fmt = OUT_JSON;
	if (optind != argc)
		return usage_error(usage, "stats takes no argument");
	if (db_open(&db, db_default_path(g->db), DB_SNAPSHOT))
		return -1;
	if (print_rows(stdout, db.h, db_stmt(&db, "tool/sql/stats.sql", "counts"), fmt) < 0)
		goto out;
	if (fmt == OUT_TABLE)
		printf("\nIndirect calls:\n");
	if (print_rows(stdout, db.h, db_stmt(&db, "tool/sql/stats.sql", "indirect"), fmt) < 0)
		goto out;
	if (fmt == OUT_TABLE)
		printf("\nTUs with errors:\n");
	n = print_rows(stdout, db.h, db_stmt(&db, "tool/sql/stats.sql", "errors"), fmt);
	if (n < 0)
		goto out;
	if (fmt == OUT_TABLE)
		printf("\nDriver coverage:\n");
	if (print_coverage(&db, fmt) < 0)
		goto out;
	rc = 0;
out:
	db_close(&db);
	return rc;
}
