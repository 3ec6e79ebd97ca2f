// SPDX-License-Identifier: GPL-2.0
/* ndoscope ops [STRUCT | TABLE]: ops tables and what they bind. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/db.h"
#include "base/error.h"
#include "query/answers.h"
#include "ndoscope.h"

static const char usage[] = "ndoscope [--db PATH] ops [STRUCT | TABLE] [--json]";

/* Each table on one line; with TABLE named, its members below it. */
static void print_table(const json_t *t, bool members)
{
	const json_t *m = json_object_get(t, "members");
	int n = (int)json_integer_value(json_object_get(t, "functions"));

	printf("%s:%d: %s (struct %s%s, %d function%s)\n",
	       json_string_value(json_object_get(t, "file")),
	       (int)json_integer_value(json_object_get(t, "line")),
	       json_string_value(json_object_get(t, "table")),
	       json_string_value(json_object_get(t, "struct")),
	       json_is_true(json_object_get(t, "is_array")) ? " array" : "", n, n == 1 ? "" : "s");
	for (size_t i = 0; members && i < json_array_size(m); i++) {
		const json_t *o = json_array_get(m, i);
		const char *var = json_string_value(json_object_get(o, "variable"));

		printf("%s:%d:   .%s = %s%s\n", json_string_value(json_object_get(o, "file")),
		       (int)json_integer_value(json_object_get(o, "line")),
		       json_string_value(json_object_get(o, "field")), var ? "&" : "",
		       var ? var : json_string_value(json_object_get(o, "function")));
	}
}

int cmd_ops(int argc, char **argv, const struct global *g)
{
	const char *what = NULL;
	bool json = false, is_table = false;
	json_t *arr;
	struct db db;
	int c;

	c = json_only_options(argc, argv, usage, &json);
	if (c >= 0)
		return c;
	if (optind + 1 < argc)
		return usage_error(usage, "name at most one struct or table");
	if (optind < argc)
		what = argv[optind];
	if (db_open(&db, db_default_path(g->db), DB_SNAPSHOT))
		return -1;
	arr = answer_ops(&db, what);
	db_close(&db);
	if (!arr)
		return -1;
	for (size_t i = 0; what && i < json_array_size(arr); i++)
		if (!strcmp(json_string_value(json_object_get(json_array_get(arr, i), "table")), what))
			is_table = true;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *t = json_array_get(arr, i);

		if (json)
			json_object_del(t, "functions");	/* not in --json's pinned output */
		else
			print_table(t, is_table);
	}
	if (json) {
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	}
	json_decref(arr);
	return 0;
}
