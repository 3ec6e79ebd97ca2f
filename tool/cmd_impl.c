// SPDX-License-Identifier: GPL-2.0
/* ndoscope impl STRUCT.FIELD: every function bound to a struct field. */
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

static const char usage[] = "ndoscope [--db PATH] impl STRUCT.FIELD [--json]";

/* FIELD alone is fine when one struct has it. */
static int pick_struct(struct db *db, const char *field, char **out)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "structs_with_field");
	struct strbuf sb = STRBUF_INIT;
	int n = 0;

	bind_text(st, 1, field);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		if (!n)
			*out = xstrdup(s);
		sb_addf(&sb, "\n  %s.%s", s, field);
		n++;
	}
	sqlite3_reset(st);
	if (n == 1) {
		sb_free(&sb);
		return 0;
	}
	if (n == 0)
		error_set("no function is bound to a field named '%s' in the index", field);
	else
		error_set("'%s' is a field of %d structs; name one as STRUCT.FIELD:%s", field, n, sb.buf);
	free(n ? *out : NULL);
	*out = NULL;
	sb_free(&sb);
	return -1;
}

int cmd_impl(int argc, char **argv, const struct global *g)
{
	char *strct = NULL, *field = NULL;
	json_t *arr = NULL;
	bool json = false;
	sqlite3_stmt *st;
	const char *dot;
	struct db db;
	int c, n = 0, rc = -1;

	c = json_only_options(argc, argv, usage, &json);
	if (c >= 0)
		return c;
	if (optind + 1 != argc)
		return usage_error(usage, "name one STRUCT.FIELD");
	if (db_open(&db, db_default_path(g->db), DB_READ))
		return -1;
	dot = strrchr(argv[optind], '.');
	if (dot) {
		strct = xstrndup(argv[optind], dot - argv[optind]);
		field = xstrdup(dot + 1);
	} else {
		field = xstrdup(argv[optind]);
		if (pick_struct(&db, field, &strct))
			goto out;
	}
	if (json)
		arr = json_array();
	st = db_stmt(&db, SQL, "impl");
	bind_text(st, 1, strct);
	bind_text(st, 2, field);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *fn = (const char *)sqlite3_column_text(st, 0);
		const char *ctx = (const char *)sqlite3_column_text(st, 1);
		const char *table = (const char *)sqlite3_column_text(st, 2);
		const char *file = (const char *)sqlite3_column_text(st, 3);
		int line = sqlite3_column_int(st, 4);
		const char *tu = (const char *)sqlite3_column_text(st, 5);
		const char *helper = (const char *)sqlite3_column_text(st, 6);
		int arg = sqlite3_column_int(st, 7);

		n++;
		if (json) {
			json_t *o = json_object();

			json_object_set_new(o, "struct", json_string(strct));
			json_object_set_new(o, "field", json_string(field));
			json_object_set_new(o, "function", json_string(fn));
			json_object_set_new(o, "context", json_string(ctx));
			json_object_set_new(o, "table", table ? json_string(table) : json_null());
			json_object_set_new(o, "file", json_string(file));
			json_object_set_new(o, "line", json_integer(line));
			json_object_set_new(o, "tu", tu ? json_string(tu) : json_null());
			json_object_set_new(o, "helper", helper ? json_string(helper) : json_null());
			json_object_set_new(o, "arg", helper ? json_integer(arg) : json_null());
			json_array_append_new(arr, o);
		} else if (helper) {
			printf("%s:%d: %s (passed to %s as argument %d, which assigns %s.%s; TU %s)\n",
			       file, line, fn, helper, arg, strct, field, tu ? tu : "?");
		} else {
			printf("%s:%d: %s (%s%s%s; TU %s)\n", file, line, fn,
			       table ? table : "", table ? ", " : "", ctx, tu ? tu : "?");
		}
	}
	sqlite3_reset(st);
	if (json) {
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	}
	if (!n) {
		char *full = xasprintf("%s.%s", strct, field);
		sqlite3_stmt *k = db_stmt(&db, SQL, "field_known");

		bind_text(k, 1, full);
		if (sqlite3_step(k) == SQLITE_ROW) {
			error_set("no function is bound to '%s' in the index", full);
		} else {
			char *s = suggest(&db, full, "field");

			error_set("no field '%s' in the index%s", full, s);
			free(s);
		}
		sqlite3_reset(k);
		free(full);
		goto out;
	}
	rc = 0;
out:
	json_decref(arr);
	free(strct);
	free(field);
	db_close(&db);
	return rc;
}
