// SPDX-License-Identifier: GPL-2.0
/* ndoscope callers / callees: resolved edges into or out of a function. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "render/edge_format.h"
#include "base/error.h"
#include "query/answers.h"
#include "ndoscope.h"

static int run(int argc, char **argv, const struct global *gl, bool reverse)
{
	static const struct option opts[] = {
		{ "depth", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'J' },
		{ "include-type-matches", no_argument, NULL, 'T' },
		{ "sync-only", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *usage = reverse ?
		"ndoscope [--db PATH] callers FUNC [--depth N] [--sync-only] [--include-type-matches] [--json]" :
		"ndoscope [--db PATH] callees FUNC [--depth N] [--sync-only] [--include-type-matches] [--json]";
	bool json = false, types = false, sync_only = false;
	json_t *ans, *edges;
	int c, depth = 1;
	struct db db;

	while ((c = getopt_long(argc, argv, "d:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			depth = atoi(optarg);
			if (depth < 1)
				return usage_error(usage, "--depth takes a number from 1, not '%s'", optarg);
			break;
		case 'J':
			json = true;
			break;
		case 'T':
			types = true;
			break;
		case 'S':
			sync_only = true;
			break;
		case 'h':
			printf("usage: %s\n", usage);
			return 0;
		default:
			return usage_error(usage, NULL);
		}
	}
	if (optind + 1 != argc)
		return usage_error(usage, "name one function");
	if (db_open(&db, db_default_path(gl->db), DB_SNAPSHOT))
		return -1;
	ans = answer_calls_sync(&db, argv[optind], reverse, depth, types, sync_only);
	db_close(&db);
	if (!ans)
		return -1;
	edges = json_object_get(ans, "edges");
	if (json) {
		json_dumpf(edges, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	}
	for (size_t i = 0; !json && i < json_array_size(edges); i++) {
		json_t *e = json_array_get(edges, i);

		edge_print(stdout, e, (int)json_integer_value(json_object_get(e, "depth")) - 1);
	}
	if (!json && !json_array_size(edges)) {
		const char *file = json_string_value(json_object_get(ans, "file"));

		if (file)
			fprintf(stderr, "%s:%d: ", file, (int)json_integer_value(json_object_get(ans, "line")));
		fprintf(stderr, "%s%s has no %s in the index\n",
			json_string_value(json_object_get(ans, "function")),
			file ? "" : " (declared only)", reverse ? "callers" : "callees");
	}
	json_decref(ans);
	return 0;
}

int cmd_callers(int argc, char **argv, const struct global *g)
{
	return run(argc, argv, g, true);
}

int cmd_callees(int argc, char **argv, const struct global *g)
{
	return run(argc, argv, g, false);
}
