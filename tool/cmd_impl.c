// SPDX-License-Identifier: GPL-2.0
/* ndoscope impl STRUCT.FIELD: every function bound to a struct field. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/db.h"
#include "base/error.h"
#include "query/answers.h"
#include "ndoscope.h"

static const char usage[] = "ndoscope [--db PATH] impl STRUCT.FIELD [--json]";

int cmd_impl(int argc, char **argv, const struct global *g)
{
	bool json = false;
	json_t *arr;
	struct db db;
	int c;

	c = json_only_options(argc, argv, usage, &json);
	if (c >= 0)
		return c;
	if (optind + 1 != argc)
		return usage_error(usage, "name one STRUCT.FIELD");
	if (db_open(&db, db_default_path(g->db), DB_SNAPSHOT))
		return -1;
	arr = answer_impl(&db, argv[optind]);
	db_close(&db);
	if (!arr)
		return -1;
	if (json) {
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	}
	for (size_t i = 0; !json && i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		const char *fn = json_string_value(json_object_get(o, "function"));
		const char *ctx = json_string_value(json_object_get(o, "context"));
		const char *table = json_string_value(json_object_get(o, "table"));
		const char *file = json_string_value(json_object_get(o, "file"));
		int line = (int)json_integer_value(json_object_get(o, "line"));
		const char *tu = json_string_value(json_object_get(o, "tu"));
		const char *helper = json_string_value(json_object_get(o, "helper"));
		const char *from = json_string_value(json_object_get(o, "copied_from"));

		if (from)
			printf("%s:%d: %s (%s%s%s of %s, which %s copies into %s.%s at %s:%d; TU %s)\n",
			       file, line, fn, table ? table : "", table ? ", " : "", ctx, from, helper,
			       json_string_value(json_object_get(o, "struct")),
			       json_string_value(json_object_get(o, "field")),
			       json_string_value(json_object_get(o, "copy_file")),
			       (int)json_integer_value(json_object_get(o, "copy_line")), tu ? tu : "?");
		else if (helper)
			printf("%s:%d: %s (passed to %s as argument %d, which assigns %s.%s; TU %s)\n",
			       file, line, fn, helper, (int)json_integer_value(json_object_get(o, "arg")),
			       json_string_value(json_object_get(o, "struct")),
			       json_string_value(json_object_get(o, "field")), tu ? tu : "?");
		else
			printf("%s:%d: %s (%s%s%s; TU %s)\n", file, line, fn,
			       table ? table : "", table ? ", " : "", ctx, tu ? tu : "?");
	}
	json_decref(arr);
	return 0;
}
