// SPDX-License-Identifier: GPL-2.0
/* Drawings of the call graph: which nodes and edges, and how they look. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/draw.h"
#include "base/error.h"

#define SQL "tool/sql/graph.sql"

void draw_init(struct builder *b, struct db *db, bool types)
{
	int fanout = b->max_fanout ? b->max_fanout : 8;
	bool expand = b->expand, reverse = b->reverse, lr = b->dot.left_to_right;
	bool by_dir = b->dot.cluster_by_dir;
	const char *url = b->dot.url_base;
	struct dot_graph keep = b->dot;

	memset(b, 0, sizeof(*b));
	b->db = db;
	b->max_fanout = fanout;
	b->expand = expand;
	b->reverse = reverse;
	b->dot.left_to_right = lr;
	b->dot.cluster_by_dir = by_dir;
	b->dot.url_base = url;
	b->dot.fn_url_base = keep.fn_url_base;
	b->dot.fn_url_ext = keep.fn_url_ext;
	b->dot.fn_url_ok = keep.fn_url_ok;
	b->dot.fn_url_arg = keep.fn_url_arg;
	callgraph_init(&b->g, db, types);
}

void draw_release(struct builder *b)
{
	callgraph_release(&b->g);
	dotout_release(&b->dot);
	ptrmap_free(&b->node_idx);
	strmap_free(&b->edge_keys);
}

char *draw_dot(struct builder *b, size_t *len)
{
	char *dot = NULL;
	FILE *mem = open_memstream(&dot, len);

	if (!mem)
		die("out of memory");
	dotout_write(mem, &b->dot);
	fclose(mem);
	return dot;
}

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

int draw_node(struct builder *b, sqlite3_int64 id, const char *name)
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
	from = draw_node(b, e->from, e->from_name);
	to = draw_node(b, e->to, e->to_name);
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
					collapsed(b, draw_node(b, keep_from, e->from_name), e->via,
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

int draw_tree(struct builder *b, struct resolved *fn, int depth)
{
	struct id_list frontier = { 0 }, next = { 0 };
	struct strvec names = { 0 }, next_names = { 0 };
	struct ptrmap done = { 0 };
	int rc = 0;

	draw_node(b, fn->id, fn->name);
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

int draw_paths(struct builder *b, struct resolved *from, struct resolved *to,
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
	draw_node(b, from->id, from->name);
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

