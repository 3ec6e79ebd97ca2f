// SPDX-License-Identifier: GPL-2.0
/* ndoscope refs NAME: every read, write, call and address-of of a name. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/db.h"
#include "base/error.h"
#include "query/names.h"
#include "ndoscope.h"

#define SQL "tool/sql/lookup.sql"

static const char usage[] = "ndoscope [--db PATH] refs NAME|STRUCT.FIELD [--json]";

int cmd_refs(int argc, char **argv, const struct global *g)
{
	json_t *arr = NULL;
	bool json = false;
	sqlite3_stmt *st;
	struct db db;
	int c, n = 0, rc = -1;

	c = json_only_options(argc, argv, usage, &json);
	if (c >= 0)
		return c;
	if (optind + 1 != argc)
		return usage_error(usage, "name one function, global or STRUCT.FIELD");
	if (db_open(&db, db_default_path(g->db), DB_READ))
		return -1;
	if (json)
		arr = json_array();
	st = db_stmt(&db, SQL, "refs");
	bind_text(st, 1, argv[optind]);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		const char *file = (const char *)sqlite3_column_text(st, 2);
		int line = sqlite3_column_int(st, 3), col = sqlite3_column_int(st, 4);
		bool in_macro = sqlite3_column_int(st, 5);
		const char *fn = (const char *)sqlite3_column_text(st, 6);

		n++;
		if (json) {
			json_t *o = json_object();

			json_object_set_new(o, "name", json_string(name));
			json_object_set_new(o, "kind", json_string(kind));
			json_object_set_new(o, "file", json_string(file));
			json_object_set_new(o, "line", json_integer(line));
			json_object_set_new(o, "col", json_integer(col));
			json_object_set_new(o, "in_macro", json_boolean(in_macro));
			json_object_set_new(o, "function", fn ? json_string(fn) : json_null());
			json_array_append_new(arr, o);
		} else {
			printf("%s:%d:%d: %s %s%s%s%s\n", file, line, col, kind, name,
			       fn ? " in " : "", fn ? fn : "", in_macro ? " (through a macro)" : "");
		}
	}
	sqlite3_reset(st);
	if (json) {
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	}
	if (!n) {
		sqlite3_stmt *k = db_stmt(&db, SQL, "sym_kinds");

		bind_text(k, 1, argv[optind]);
		if (sqlite3_step(k) == SQLITE_ROW) {
			error_set("'%s' is in the index but nothing refers to it", argv[optind]);
		} else {
			const char *kind = strchr(argv[optind], '.') ? "field" : "function";
			char *s = suggest(&db, argv[optind], kind);

			error_set("no function, global or field named '%s' in the index%s",
				  argv[optind], s);
			free(s);
		}
		sqlite3_reset(k);
		goto out;
	}
	rc = 0;
out:
	json_decref(arr);
	db_close(&db);
	return rc;
}
