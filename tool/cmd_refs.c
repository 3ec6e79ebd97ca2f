// SPDX-License-Identifier: GPL-2.0
/* ndoscope refs NAME: every read, write, call and address-of of a name. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/db.h"
#include "base/error.h"
#include "query/answers.h"
#include "ndoscope.h"

static const char usage[] = "ndoscope [--db PATH] refs NAME|STRUCT.FIELD [--json]";

int cmd_refs(int argc, char **argv, const struct global *g)
{
	bool json = false;
	json_t *arr;
	struct db db;
	int c;

	c = json_only_options(argc, argv, usage, &json);
	if (c >= 0)
		return c;
	if (optind + 1 != argc)
		return usage_error(usage, "name one function, global or STRUCT.FIELD");
	if (db_open(&db, db_default_path(g->db), DB_SNAPSHOT))
		return -1;
	arr = answer_refs(&db, argv[optind]);
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

		printf("%s:%d:%d: %s %s%s%s%s\n", json_string_value(json_object_get(o, "file")),
		       (int)json_integer_value(json_object_get(o, "line")),
		       (int)json_integer_value(json_object_get(o, "col")),
		       json_string_value(json_object_get(o, "kind")),
		       json_string_value(json_object_get(o, "name")),
		       fn ? " in " : "", fn ? fn : "",
		       json_is_true(json_object_get(o, "in_macro")) ? " (through a macro)" : "");
	}
	json_decref(arr);
	return 0;
}
