// SPDX-License-Identifier: GPL-2.0
/* ndoscope callers / callees: resolved edges into or out of a function. */
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

struct walk {
	struct graph g;
	bool reverse, json;
	int depth;
	struct ptrmap expanded;
	json_t *arr;
	int printed;
};

static int tree(struct walk *w, sqlite3_int64 id, const char *name, int level)
{
	const struct edge_list *l;
	bool ins;

	ptrmap_put(&w->expanded, (uintptr_t)id, 1, &ins);
	if (!ins)
		return 0;
	l = w->reverse ? callgraph_in(&w->g, id, name) : callgraph_out(&w->g, id, name);
	if (!l)
		return -1;
	for (size_t i = 0; i < l->v.n; i++) {
		const struct edge *e = &l->v.v[i];
		sqlite3_int64 next = w->reverse ? e->from : e->to;
		const char *next_name = w->reverse ? e->from_name : e->to_name;

		if (w->json) {
			json_t *o = edge_json(e);

			json_object_set_new(o, "depth", json_integer(level + 1));
			json_array_append_new(w->arr, o);
		} else {
			edge_print(stdout, e, level);
		}
		w->printed++;
		if (level + 1 < w->depth && tree(w, next, next_name, level + 1))
			return -1;
	}
	return 0;
}

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
	struct walk w = { .reverse = reverse, .depth = 1 };
	struct resolved fn;
	bool types = false, sync_only = false;
	struct db db;
	int c, rc = -1;

	while ((c = getopt_long(argc, argv, "d:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			w.depth = atoi(optarg);
			if (w.depth < 1)
				return usage_error(usage, "--depth takes a number from 1, not '%s'", optarg);
			break;
		case 'J':
			w.json = true;
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
	if (db_open(&db, db_default_path(gl->db), DB_READ))
		return -1;
	if (resolve_function(&db, argv[optind], &fn))
		goto out;
	callgraph_init(&w.g, &db, types);
	w.g.sync_only = sync_only;
	if (w.json)
		w.arr = json_array();
	if (!tree(&w, fn.id, fn.name, 0)) {
		rc = 0;
		if (w.json) {
			json_dumpf(w.arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			putchar('\n');
		} else if (!w.printed) {
			fprintf(stderr, "%s:%d: %s has no %s in the index\n", fn.file ? fn.file : "?",
				fn.line, fn.name, reverse ? "callers" : "callees");
		}
	}
	json_decref(w.arr);
	ptrmap_free(&w.expanded);
	callgraph_release(&w.g);
	resolved_release(&fn);
out:
	db_close(&db);
	return rc;
}

int cmd_callers(int argc, char **argv, const struct global *g)
{
	return run(argc, argv, g, true);
}

int cmd_callees(int argc, char **argv, const struct global *g)
{
	return run(argc, argv, g, false);
}
