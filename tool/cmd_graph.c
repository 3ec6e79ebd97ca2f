// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope graph: a call graph around a function, or the path between two,
 * as DOT, or as SVG or PNG rendered in process by libgvc.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dot.h"
#include "error.h"
#include "graph.h"
#include "names.h"
#include "ndoscope.h"

#define SQL "tool/sql/graph.sql"

static const char usage[] =
	"ndoscope [--db PATH] graph FUNC [--callers | --callees] [--depth N] [--to FUNC [--via FUNC]... [-k N]]\n"
	"                [-f dot|svg|png] [-o FILE] [--cluster file|dir] [--url-base URL]\n"
	"                [--max-fanout N] [--expand] [--include-type-matches]";

struct id_list {
	sqlite3_int64 *v;
	size_t n, alloc;
};

struct builder {
	struct db *db;
	struct graph g;
	struct dot_graph dot;
	struct ptrmap node_idx;		/* sym id -> node index + 1 */
	struct strmap edge_keys;	/* "from to via" already drawn */
	int max_fanout;
	bool expand, reverse;
};

static void mark_drops(struct builder *b, struct gnode *n)
{
	sqlite3_stmt *st = db_stmt(b->db, SQL, "drops");
	struct strbuf full = STRBUF_INIT, brief = STRBUF_INIT;

	bind_int(st, 1, n->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *what = (const char *)sqlite3_column_text(st, 0);
		const char *file = (const char *)sqlite3_column_text(st, 1);
		int line = sqlite3_column_int(st, 2);
		const char *word = strchr(what, ' ') + 1;

		sb_addf(&full, "%s%s (%s:%d)", full.len ? "\n" : "", what, file, line);
		/* the label names each way of dropping once */
		if (!brief.buf || !strstr(brief.buf, word))
			sb_addf(&brief, "%s%s", brief.len ? ", " : "drops: ", word);
	}
	sqlite3_reset(st);
	n->drops = full.len ? sb_detach(&full) : NULL;
	n->drops_short = brief.len ? sb_detach(&brief) : NULL;
	sb_free(&full);
	sb_free(&brief);
}

static int node(struct builder *b, sqlite3_int64 id, const char *name)
{
	int *slot = ptrmap_get(&b->node_idx, (uintptr_t)id);
	struct gnode n = { .id = id };
	sqlite3_stmt *st;

	if (slot)
		return *slot - 1;
	n.name = xstrdup(name);
	st = db_stmt(b->db, SQL, "function_def");
	bind_int(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		n.file = xstrdup((const char *)sqlite3_column_text(st, 0));
		n.line = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	mark_drops(b, &n);
	VEC_PUSH(&b->dot.nodes, n);
	ptrmap_put(&b->node_idx, (uintptr_t)id, (int)b->dot.nodes.n, NULL);
	return (int)b->dot.nodes.n - 1;
}

static bool add_edge(struct builder *b, const struct edge *e, bool on_path)
{
	char key[128];
	bool ins;
	int from, to;

	snprintf(key, sizeof(key), "%lld %lld %s", (long long)e->from, (long long)e->to,
		 e->via ? e->via : "");
	strmap_put(&b->edge_keys, key, 1, &ins);
	if (!ins)
		return false;
	from = node(b, e->from, e->from_name);
	to = node(b, e->to, e->to_name);
	VEC_PUSH(&b->dot.edges, ((struct gedge){ .from = from, .to = to, .e = e,
						 .on_path = on_path }));
	return true;
}

/* "+N more ndo_start_xmit implementations" hanging off FROM */
static void collapsed(struct builder *b, int from, const char *via, int n, bool more)
{
	const char *dot = strrchr(via, '.');
	struct gnode c = { 0 };
	char *label;

	if (!strncmp(via, "param:", 6))
		label = xasprintf("%s%d %sfunctions passed as %s", more ? "+" : "", n,
				  more ? "more " : "", via);
	else
		label = xasprintf("%s%d %s%s implementations", more ? "+" : "", n,
				  more ? "more " : "", dot ? dot + 1 : via);
	c.name = label;
	VEC_PUSH(&b->dot.nodes, c);
	VEC_PUSH(&b->dot.edges, ((struct gedge){ .from = from, .to = (int)b->dot.nodes.n - 1,
						 .via = xstrdup(via) }));
}

/*
 * The edges of one function, fan-outs collapsed: a field or parameter call
 * with more than max_fanout targets is drawn as one node, except for the
 * targets in KEEP (on the requested path).
 */
static int expand_node(struct builder *b, const struct edge_list *l, sqlite3_int64 keep_from,
		       const struct path_list *keep, const char *only_via,
		       struct strvec *next_names, struct id_list *next)
{
	for (size_t i = 0; i < l->v.n; i++) {
		const struct edge *e = &l->v.v[i];
		size_t group = 0, kept = 0;

		if (only_via && (!e->via || strcmp(e->via, only_via)))
			continue;
		if (e->via && !b->reverse) {
			bool first = true;

			/* the group's size counts distinct functions, not call sites */
			for (size_t k = 0; k < l->v.n; k++) {
				bool again = false;

				if (!l->v.v[k].via || strcmp(l->v.v[k].via, e->via))
					continue;
				if (k < i)
					first = false;
				for (size_t j = 0; j < k; j++)
					if (l->v.v[j].to == l->v.v[k].to && l->v.v[j].via &&
					    !strcmp(l->v.v[j].via, e->via))
						again = true;
				if (!again)
					group++;
			}
			if (group > (size_t)b->max_fanout && !b->expand) {
				bool on_path = false;

				for (size_t p = 0; keep && p < keep->n; p++)
					for (size_t h = 0; h < keep->v[p].hops.n; h++)
						if (keep->v[p].hops.v[h]->from == keep_from &&
						    keep->v[p].hops.v[h]->to == e->to)
							on_path = true;
				if (on_path)
					add_edge(b, e, true);
				if (first) {
					for (size_t p = 0; keep && p < keep->n; p++)
						for (size_t h = 0; h < keep->v[p].hops.n; h++)
							if (keep->v[p].hops.v[h]->from == keep_from &&
							    keep->v[p].hops.v[h]->via &&
							    !strcmp(keep->v[p].hops.v[h]->via, e->via))
								kept++;
					collapsed(b, node(b, keep_from, e->from_name), e->via,
						  (int)(group - kept), kept > 0);
				}
				continue;
			}
		}
		if (add_edge(b, e, false) && next) {
			sqlite3_int64 other = b->reverse ? e->from : e->to;

			VEC_PUSH(next, other);
			VEC_PUSH(next_names, xstrdup(b->reverse ? e->from_name : e->to_name));
		}
	}
	return 0;
}

static int tree(struct builder *b, struct resolved *fn, int depth)
{
	struct id_list frontier = { 0 }, next = { 0 };
	struct strvec names = { 0 }, next_names = { 0 };
	struct ptrmap done = { 0 };
	int rc = 0;

	node(b, fn->id, fn->name);
	VEC_PUSH(&frontier, fn->id);
	VEC_PUSH(&names, xstrdup(fn->name));
	for (int d = 0; d < depth && frontier.n; d++) {
		for (size_t i = 0; i < frontier.n; i++) {
			const struct edge_list *l;
			bool ins;

			ptrmap_put(&done, (uintptr_t)frontier.v[i], 1, &ins);
			if (!ins)
				continue;
			l = b->reverse ? callgraph_in(&b->g, frontier.v[i], names.v[i]) :
					 callgraph_out(&b->g, frontier.v[i], names.v[i]);
			if (!l) {
				rc = -1;
				goto out;
			}
			expand_node(b, l, frontier.v[i], NULL, NULL, &next_names, &next);
		}
		for (size_t i = 0; i < names.n; i++)
			free(names.v[i]);
		frontier.n = names.n = 0;
		for (size_t i = 0; i < next.n; i++) {
			VEC_PUSH(&frontier, next.v[i]);
			VEC_PUSH(&names, next_names.v[i]);
		}
		next.n = next_names.n = 0;
	}
out:
	for (size_t i = 0; i < names.n; i++)
		free(names.v[i]);
	for (size_t i = 0; i < next_names.n; i++)
		free(next_names.v[i]);
	VEC_FREE(&frontier);
	VEC_FREE(&next);
	VEC_FREE(&names);
	VEC_FREE(&next_names);
	ptrmap_free(&done);
	return rc;
}

static int paths(struct builder *b, struct resolved *from, struct resolved *to,
		 struct resolved *via, int n_via, struct path_search *ps)
{
	sqlite3_int64 *ids = xcalloc(n_via + 1, sizeof(*ids));
	const char **names = xcalloc(n_via + 1, sizeof(*names));
	int rc;

	for (int i = 0; i < n_via; i++) {
		ids[i] = via[i].id;
		names[i] = via[i].name;
	}
	rc = callgraph_paths(&b->g, from->id, from->name, to->id, to->name, ids, names, n_via, ps);
	free(ids);
	free(names);
	if (rc)
		return -1;
	if (!ps->paths.n)
		return error_set("no path from %s to %s within %d calls (searched %d functions)",
				 from->name, to->name, ps->max_depth, ps->visited);
	node(b, from->id, from->name);
	for (size_t p = 0; p < ps->paths.n; p++) {
		for (size_t h = 0; h < ps->paths.v[p].hops.n; h++) {
			const struct edge *e = ps->paths.v[p].hops.v[h];

			add_edge(b, e, true);
			/* the other targets of a field or parameter hop, collapsed */
			if (e->via) {
				const struct edge_list *l = callgraph_out(&b->g, e->from, e->from_name);

				if (!l)
					return -1;
				expand_node(b, l, e->from, &ps->paths, e->via, NULL, NULL);
			}
		}
	}
	return 0;
}

int cmd_graph(int argc, char **argv, const struct global *gl)
{
	static const struct option opts[] = {
		{ "callers", no_argument, NULL, 'r' },
		{ "callees", no_argument, NULL, 'e' },
		{ "depth", required_argument, NULL, 'd' },
		{ "to", required_argument, NULL, 't' },
		{ "via", required_argument, NULL, 'v' },
		{ "cluster", required_argument, NULL, 'c' },
		{ "url-base", required_argument, NULL, 'u' },
		{ "max-fanout", required_argument, NULL, 'm' },
		{ "expand", no_argument, NULL, 'x' },
		{ "include-type-matches", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct builder b = { .max_fanout = 8, .dot.left_to_right = true };
	struct path_search ps = { .max_depth = 16, .k = 1, .time_limit_ms = 2000 };
	struct resolved fn = { 0 }, to = { 0 }, *via = NULL;
	struct strvec via_args = { 0 };
	const char *format = NULL, *output = NULL, *to_arg = NULL;
	bool types = false;
	char *dot = NULL, *title = NULL;
	size_t dot_len = 0;
	int depth = 2, c, rc = -1, n_via;
	FILE *mem, *out = stdout;
	struct db db;

	while ((c = getopt_long(argc, argv, "f:o:k:", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			b.reverse = true;
			break;
		case 'e':
			b.reverse = false;
			break;
		case 'd':
			depth = atoi(optarg);
			if (depth < 1)
				goto bad_number;
			break;
		case 't':
			to_arg = optarg;
			break;
		case 'v':
			VEC_PUSH(&via_args, optarg);
			break;
		case 'c':
			if (strcmp(optarg, "file") && strcmp(optarg, "dir")) {
				VEC_FREE(&via_args);
				return usage_error(usage, "--cluster takes 'file' or 'dir', not '%s'", optarg);
			}
			b.dot.cluster_by_dir = !strcmp(optarg, "dir");
			break;
		case 'u':
			b.dot.url_base = optarg;
			break;
		case 'm':
			b.max_fanout = atoi(optarg);
			if (b.max_fanout < 1)
				goto bad_number;
			break;
		case 'x':
			b.expand = true;
			break;
		case 'T':
			types = true;
			break;
		case 'k':
			ps.k = atoi(optarg);
			if (ps.k < 1)
				goto bad_number;
			break;
		case 'f':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			printf("usage: %s\n", usage);
			VEC_FREE(&via_args);
			return 0;
		default:
			VEC_FREE(&via_args);
			return usage_error(usage, NULL);
		}
	}
	if (optind + 1 != argc) {
		VEC_FREE(&via_args);
		return usage_error(usage, "name one function");
	}
	if (via_args.n && !to_arg) {
		VEC_FREE(&via_args);
		return usage_error(usage, "--via goes with --to");
	}
	if (!format && output) {
		const char *ext = strrchr(output, '.');

		format = ext && (!strcmp(ext, ".svg") || !strcmp(ext, ".png")) ? ext + 1 : "dot";
	}
	if (!format)
		format = "dot";
	if (strcmp(format, "dot") && strcmp(format, "svg") && strcmp(format, "png")) {
		VEC_FREE(&via_args);
		return usage_error(usage, "-f takes dot, svg or png, not '%s'", format);
	}
	n_via = (int)via_args.n;
	if (db_open(&db, db_default_path(gl->db), DB_READ)) {
		VEC_FREE(&via_args);
		return -1;
	}
	b.db = &db;
	callgraph_init(&b.g, &db, types);
	via = xcalloc(n_via + 1, sizeof(*via));
	if (resolve_function(&db, argv[optind], &fn))
		goto out;
	fn.name = fn.name ? fn.name : xstrdup(argv[optind]);
	if (to_arg) {
		if (resolve_function(&db, to_arg, &to))
			goto out;
		for (int i = 0; i < n_via; i++)
			if (resolve_function(&db, via_args.v[i], &via[i]))
				goto out;
		title = xasprintf("%s → %s", fn.name, to.name);
		if (paths(&b, &fn, &to, via, n_via, &ps))
			goto out;
	} else {
		title = xasprintf("%s of %s, %d deep", b.reverse ? "callers" : "callees", fn.name, depth);
		if (tree(&b, &fn, depth))
			goto out;
	}
	b.dot.title = title;
	b.dot.nodes.v[0].focus = true;

	mem = open_memstream(&dot, &dot_len);
	if (!mem)
		die("out of memory");
	dotout_write(mem, &b.dot);
	fclose(mem);

	if (output) {
		out = fopen(output, strcmp(format, "png") ? "w" : "wb");
		if (!out) {
			error_set("cannot write '%s': %m", output);
			goto out;
		}
	}
	if (!strcmp(format, "dot"))
		rc = fwrite(dot, 1, dot_len, out) == dot_len ? 0 : error_set("cannot write the graph");
	else
		rc = dotout_render(dot, dot_len, format, out);
	if (output && fclose(out) && !rc)
		rc = error_set("cannot write '%s': %m", output);
out:
	path_search_release(&ps);
	callgraph_release(&b.g);
	dotout_release(&b.dot);
	ptrmap_free(&b.node_idx);
	strmap_free(&b.edge_keys);
	resolved_release(&fn);
	resolved_release(&to);
	for (int i = 0; i < n_via; i++)
		resolved_release(&via[i]);
	free(via);
	free(dot);
	free(title);
	VEC_FREE(&via_args);
	db_close(&db);
	return rc;
bad_number:
	VEC_FREE(&via_args);
	return usage_error(usage, "'%s' is not a number from 1", optarg);
}
