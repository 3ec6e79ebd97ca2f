// SPDX-License-Identifier: GPL-2.0
/* ndoscope path: the shortest call paths between two functions. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "render/edge_format.h"
#include "base/error.h"
#include "query/answers.h"
#include "ndoscope.h"

static const char usage[] =
	"ndoscope [--db PATH] path FROM TO [--via FUNC]... [--max-depth N] [-k N] [--sync-only] [--include-type-matches] [--json]";

int cmd_path(int argc, char **argv, const struct global *gl)
{
	static const struct option opts[] = {
		{ "via", required_argument, NULL, 'v' },
		{ "max-depth", required_argument, NULL, 'm' },
		{ "json", no_argument, NULL, 'J' },
		{ "include-type-matches", no_argument, NULL, 'T' },
		{ "sync-only", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct path_query q = { .max_depth = PATH_MAX_DEPTH, .k = 1, .time_limit_ms = 2000 };
	struct strvec via_args = { 0 };
	bool json = false;
	int64_t t0 = now_ms();
	json_t *ans, *paths;
	struct db db;
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "k:", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			VEC_PUSH(&via_args, optarg);
			break;
		case 'm':
			q.max_depth = atoi(optarg);
			if (q.max_depth < 1)
				return usage_error(usage, "--max-depth takes a number from 1, not '%s'", optarg);
			break;
		case 'k':
			q.k = atoi(optarg);
			if (q.k < 1)
				return usage_error(usage, "-k takes a number from 1, not '%s'", optarg);
			break;
		case 'J':
			json = true;
			break;
		case 'T':
			q.types = true;
			break;
		case 'S':
			q.sync_only = true;
			break;
		case 'h':
			printf("usage: %s\n", usage);
			return 0;
		default:
			return usage_error(usage, NULL);
		}
	}
	if (optind + 2 != argc) {
		VEC_FREE(&via_args);
		return usage_error(usage, "name FROM and TO");
	}
	q.via = (const char *const *)via_args.v;
	q.n_via = (int)via_args.n;
	if (db_open(&db, db_default_path(gl->db), DB_SNAPSHOT)) {
		VEC_FREE(&via_args);
		return -1;
	}
	ans = answer_path(&db, argv[optind], argv[optind + 1], &q);
	db_close(&db);
	if (!ans) {
		VEC_FREE(&via_args);
		return -1;
	}
	paths = json_object_get(ans, "paths");
	if (json) {
		json_dumpf(ans, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	}
	for (size_t p = 0; !json && p < json_array_size(paths); p++) {
		json_t *hops = json_object_get(json_array_get(paths, p), "hops");

		if (json_array_size(paths) > 1 || p)
			printf("%spath %zu (%zu calls):\n", p ? "\n" : "", p + 1, json_array_size(hops));
		for (size_t h = 0; h < json_array_size(hops); h++)
			edge_print(stdout, json_array_get(hops, h), 0);
	}
	if (!json_array_size(paths)) {
		fprintf(stderr, "no path from %s to %s%s within %d calls (searched %d functions in %lld ms%s)\n",
			json_string_value(json_object_get(ans, "from")),
			json_string_value(json_object_get(ans, "to")),
			q.n_via ? " through the --via functions" : "", q.max_depth,
			(int)json_integer_value(json_object_get(ans, "functions_searched")),
			(long long)(now_ms() - t0),
			json_is_true(json_object_get(ans, "timed_out")) ? ", stopped at the time limit" : "");
		/* a hint only where it can help: a deeper search, or the hand-offs */
		if (json_is_true(json_object_get(ans, "depth_limited")) &&
		    !json_is_true(json_object_get(ans, "timed_out")))
			fprintf(stderr, "hint: a longer path may exist: try --max-depth %d%s\n",
				q.max_depth * 2, q.sync_only ? " or leave out --sync-only" : "");
		else if (q.sync_only)
			fprintf(stderr, "hint: no chain of calls at any depth: leave out --sync-only to follow the hand-offs\n");
		rc = 1;
	}
	json_decref(ans);
	VEC_FREE(&via_args);
	return rc;
}
