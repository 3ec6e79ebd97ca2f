// SPDX-License-Identifier: GPL-2.0
/* ndoscope mcp: the index as Model Context Protocol tools, over stdio. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/db.h"
#include "base/error.h"
#include "ndoscope.h"
#include "serve/mcp.h"

#define SQL "tool/sql/mcp.sql"

static const char usage[] = "ndoscope [--db PATH] mcp [-C TREE]";

/* -C TREE, else the tree 'ndoscope index' recorded; NULL when neither is there. */
static char *tree_root(struct db *db, const char *arg)
{
	sqlite3_stmt *st;
	char *tree = NULL;

	if (arg) {
		tree = realpath(arg, NULL);
		if (!tree)
			error_set("cannot use '%s' as the tree: %m", arg);
		return tree;
	}
	st = db_stmt(db, SQL, "tree");
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		tree = realpath((const char *)sqlite3_column_text(st, 0), NULL);
	sqlite3_reset(st);
	if (!tree)
		warning("the tree of this index is unknown: 'source' and resources need -C TREE");
	return tree;
}

int cmd_mcp(int argc, char **argv, const struct global *g)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *tree_arg = NULL;
	struct mcp m = { 0 };
	struct db db;
	int c, rc;

	while ((c = getopt_long(argc, argv, "C:", opts, NULL)) != -1) {
		switch (c) {
		case 'C':
			tree_arg = optarg;
			break;
		case 'h':
			printf("usage: %s\n", usage);
			return 0;
		default:
			return usage_error(usage, NULL);
		}
	}
	if (optind != argc)
		return usage_error(usage, "mcp takes no arguments");
	/* db_open() refuses an index of an older schema: no answer meets a missing table */
	if (db_open(&db, db_default_path(g->db), DB_READ))
		return -1;
	mcp_sql_harden(db.h);
	m.db = &db;
	m.tree = tree_root(&db, tree_arg);
	if (tree_arg && !m.tree) {
		db_close(&db);
		return -1;
	}
	/* a client that goes away is an end of input, not a signal */
	signal(SIGPIPE, SIG_IGN);
	rc = mcp_serve(&m, stdin, stdout);
	free(m.tree);
	db_close(&db);
	return rc;
}
