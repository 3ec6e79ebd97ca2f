// SPDX-License-Identifier: GPL-2.0
/* ndoscope ops [STRUCT | TABLE]: ops tables and what they bind. */
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

static const char usage[] = "ndoscope [--db PATH] ops [STRUCT | TABLE] [--json]";

struct table {
	sqlite3_int64 id;
	char *name, *strct, *file;
	int line, members;
	bool is_array;
};

static json_t *members(struct db *db, const struct table *t, bool json)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "ops_members");
	json_t *arr = json ? json_array() : NULL;

	bind_int(st, 1, t->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *field = (const char *)sqlite3_column_text(st, 0);
		const char *target = (const char *)sqlite3_column_text(st, 1);
		const char *file = (const char *)sqlite3_column_text(st, 2);
		int line = sqlite3_column_int(st, 3);
		bool var = sqlite3_column_int(st, 5);

		if (json) {
			json_t *o = json_object();

			json_object_set_new(o, "field", json_string(field));
			json_object_set_new(o, var ? "variable" : "function", json_string(target));
			json_object_set_new(o, "file", json_string(file));
			json_object_set_new(o, "line", json_integer(line));
			json_array_append_new(arr, o);
		} else {
			printf("%s:%d:   .%s = %s%s\n", file, line, field, var ? "&" : "", target);
		}
	}
	sqlite3_reset(st);
	return arr;
}

int cmd_ops(int argc, char **argv, const struct global *g)
{
	VEC(struct table) tables = { 0 };
	const char *what = NULL;
	bool json = false, is_table = false;
	json_t *arr = NULL;
	sqlite3_stmt *st;
	struct db db;
	int c, rc = -1;

	c = json_only_options(argc, argv, usage, &json);
	if (c >= 0)
		return c;
	if (optind + 1 < argc)
		return usage_error(usage, "name at most one struct or table");
	if (optind < argc)
		what = argv[optind];
	if (db_open(&db, db_default_path(g->db), DB_READ))
		return -1;
	st = db_stmt(&db, SQL, "ops_all");
	bind_text(st, 1, what);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct table t = {
			.id = sqlite3_column_int64(st, 0),
			.name = xstrdup((const char *)sqlite3_column_text(st, 1)),
			.strct = xstrdup((const char *)sqlite3_column_text(st, 2)),
			.file = xstrdup((const char *)sqlite3_column_text(st, 3)),
			.line = sqlite3_column_int(st, 4),
			.is_array = sqlite3_column_int(st, 5),
			.members = sqlite3_column_int(st, 6),
		};

		if (what && !strcmp(t.name, what))
			is_table = true;
		VEC_PUSH(&tables, t);
	}
	sqlite3_reset(st);
	if (what && !tables.n) {
		char *s = suggest(&db, what, "var");

		error_set("no ops table or struct named '%s' in the index%s", what, s);
		free(s);
		goto out;
	}
	if (json)
		arr = json_array();
	for (size_t i = 0; i < tables.n; i++) {
		struct table *t = &tables.v[i];

		if (json) {
			json_t *o = json_object();

			json_object_set_new(o, "table", json_string(t->name));
			json_object_set_new(o, "struct", json_string(t->strct));
			json_object_set_new(o, "is_array", json_boolean(t->is_array));
			json_object_set_new(o, "file", json_string(t->file));
			json_object_set_new(o, "line", json_integer(t->line));
			json_object_set_new(o, "members", members(&db, t, true));
			json_array_append_new(arr, o);
			continue;
		}
		printf("%s:%d: %s (struct %s%s, %d function%s)\n", t->file, t->line, t->name,
		       t->strct, t->is_array ? " array" : "", t->members, t->members == 1 ? "" : "s");
		if (is_table)
			members(&db, t, false);
	}
	if (json) {
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	}
	rc = 0;
out:
	for (size_t i = 0; i < tables.n; i++) {
		free(tables.v[i].name);
		free(tables.v[i].strct);
		free(tables.v[i].file);
	}
	VEC_FREE(&tables);
	json_decref(arr);
	db_close(&db);
	return rc;
}
