// SPDX-License-Identifier: GPL-2.0
/* ndoscope path: the shortest call paths between two functions. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "render/edge_format.h"
#include "base/error.h"
#include "query/graph.h"
#include "query/names.h"
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
	struct path_search ps = { .max_depth = PATH_MAX_DEPTH, .k = 1, .time_limit_ms = 2000 };
	struct strvec via_args = { 0 };
	struct resolved from = { 0 }, to = { 0 }, *via = NULL;
	sqlite3_int64 *via_ids = NULL;
	const char **via_names = NULL;
	bool json = false, types = false, sync_only = false;
	int64_t t0 = now_ms();
	struct graph g;
	struct db db;
	int c, rc = -1, n_via;

	while ((c = getopt_long(argc, argv, "k:", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			VEC_PUSH(&via_args, optarg);
			break;
		case 'm':
			ps.max_depth = atoi(optarg);
			if (ps.max_depth < 1)
				return usage_error(usage, "--max-depth takes a number from 1, not '%s'", optarg);
			break;
		case 'k':
			ps.k = atoi(optarg);
			if (ps.k < 1)
				return usage_error(usage, "-k takes a number from 1, not '%s'", optarg);
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
	if (optind + 2 != argc) {
		VEC_FREE(&via_args);
		return usage_error(usage, "name FROM and TO");
	}
	n_via = (int)via_args.n;
	if (db_open(&db, db_default_path(gl->db), DB_READ)) {
		VEC_FREE(&via_args);
		return -1;
	}
	via = xcalloc(n_via + 1, sizeof(*via));
	via_ids = xcalloc(n_via + 1, sizeof(*via_ids));
	via_names = xcalloc(n_via + 1, sizeof(*via_names));
	if (resolve_function(&db, argv[optind], &from) || resolve_function(&db, argv[optind + 1], &to))
		goto out;
	for (int i = 0; i < n_via; i++) {
		if (resolve_function(&db, via_args.v[i], &via[i]))
			goto out;
		via_ids[i] = via[i].id;
		via_names[i] = via[i].name;
	}
	callgraph_init(&g, &db, types);
	g.sync_only = sync_only;
	if (callgraph_paths(&g, from.id, from.name, to.id, to.name, via_ids, via_names, n_via, &ps))
		goto out_graph;
	rc = 0;
	if (json) {
		json_t *o = json_object(), *arr = json_array();

		for (size_t p = 0; p < ps.paths.n; p++) {
			json_t *hops = json_array(), *po = json_object();

			for (size_t h = 0; h < ps.paths.v[p].hops.n; h++)
				json_array_append_new(hops, edge_json(ps.paths.v[p].hops.v[h]));
			json_object_set_new(po, "length", json_integer((json_int_t)ps.paths.v[p].hops.n));
			json_object_set_new(po, "hops", hops);
			json_array_append_new(arr, po);
		}
		json_object_set_new(o, "from", json_string(from.name));
		json_object_set_new(o, "to", json_string(to.name));
		json_object_set_new(o, "paths", arr);
		json_object_set_new(o, "max_depth", json_integer(ps.max_depth));
		json_object_set_new(o, "functions_searched", json_integer(ps.visited));
		json_object_set_new(o, "timed_out", json_boolean(ps.timed_out));
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(o);
	} else {
		for (size_t p = 0; p < ps.paths.n; p++) {
			if (ps.paths.n > 1 || p)
				printf("%spath %zu (%zu calls):\n", p ? "\n" : "", p + 1,
				       ps.paths.v[p].hops.n);
			for (size_t h = 0; h < ps.paths.v[p].hops.n; h++)
				edge_print(stdout, ps.paths.v[p].hops.v[h], 0);
		}
	}
	if (!ps.paths.n) {
		fprintf(stderr, "no path from %s to %s%s within %d calls (searched %d functions in %lld ms%s)\n",
			from.name, to.name, n_via ? " through the --via functions" : "", ps.max_depth,
			ps.visited, (long long)(now_ms() - t0),
			ps.timed_out ? ", stopped at the time limit" : "");
		if (!ps.timed_out)
			fprintf(stderr, "hint: a longer path may exist: try --max-depth %d%s\n",
				ps.max_depth * 2, sync_only ? " or leave out --sync-only" : "");
		rc = 1;
	}
out_graph:
	path_search_release(&ps);
	callgraph_release(&g);
out:
	resolved_release(&from);
	resolved_release(&to);
	for (int i = 0; i < n_via; i++)
		resolved_release(&via[i]);
	free(via);
	free(via_ids);
	free(via_names);
	VEC_FREE(&via_args);
	db_close(&db);
	return rc;
}
