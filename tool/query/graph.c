// SPDX-License-Identifier: GPL-2.0
/*
 * Call graph traversal. Adjacency lists come from tool/sql/graph.sql one
 * function at a time and are cached, so a search touches only the part of
 * the graph it needs.
 *
 * Paths: a backward breadth-first search from TO gives every function's
 * distance to TO; a forward depth-first search from FROM then follows only
 * edges that can still reach TO within the remaining budget. Lengths are
 * tried in increasing order, so paths come out shortest first.
 */
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "query/graph.h"

#define SQL "tool/sql/graph.sql"

void callgraph_init(struct graph *g, struct db *db, bool types)
{
	memset(g, 0, sizeof(*g));
	g->db = db;
	g->types = types;
}

static void free_list(struct edge_list *l)
{
	for (size_t i = 0; i < l->v.n; i++) {
		struct edge *e = &l->v.v[i];

		free(e->from_name);
		free(e->to_name);
		free(e->via);
		free(e->file);
		free(e->bound_file);
	}
	VEC_FREE(&l->v);
	free(l);
}

void callgraph_release(struct graph *g)
{
	for (size_t i = 0; i < g->lists.n; i++)
		free_list(g->lists.v[i]);
	VEC_FREE(&g->lists);
	ptrmap_free(&g->out_idx);
	ptrmap_free(&g->in_idx);
}

static char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

static const char *const kinds[] = {
	"direct", "field", "param", "type",
	/* asynchronous hops */
	"queue", "softirq", "napi", "wakeup", "work", "timer", "tasklet", "rcu", "notifier", "irq",
};

static const char *kind_name(const char *k)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(k, kinds[i]))
			return kinds[i];
	return "?";
}

bool kind_is_async(const char *kind)
{
	return strcmp(kind, "direct") && strcmp(kind, "field") &&
	       strcmp(kind, "param") && strcmp(kind, "type");
}

bool edge_is_async(const struct edge *e)
{
	return kind_is_async(e->kind);
}

/*
 * Which pass of a path search may take an edge: 1 for calls, 2 for the
 * hand-offs that decide who runs next (softirq, napi, wakeup, work, timer,
 * tasklet, rcu, notifier, irq), 3 for a queue, which only says where data
 * waits. A path search tries the passes in order and keeps the first that
 * connects: a chain of calls when there is one, and a queue hop only when
 * nothing else links the two functions.
 */
static int edge_tier(const struct edge *e)
{
	if (!edge_is_async(e))
		return 1;
	return strcmp(e->kind, "queue") ? 2 : 3;
}

static const struct edge_list *load(struct graph *g, sqlite3_int64 id, const char *name,
				    bool reverse)
{
	struct ptrmap *idx = reverse ? &g->in_idx : &g->out_idx;
	int *slot = ptrmap_get(idx, (uintptr_t)id);
	struct edge_list *l;
	sqlite3_stmt *st;
	int rc;

	if (slot)
		return g->lists.v[*slot - 1];
	l = xcalloc(1, sizeof(*l));
	st = db_stmt(g->db, SQL, reverse ? "callers" : "callees");
	bind_int(st, 1, id);
	bind_int(st, 2, g->types);
	bind_int(st, 3, !g->sync_only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct edge e = { 0 };
		sqlite3_int64 other = sqlite3_column_int64(st, 0);
		char *other_name = col_text(st, 1);

		if (reverse) {
			e.from = other;
			e.from_name = other_name;
			e.to = id;
			e.to_name = xstrdup(name);
		} else {
			e.from = id;
			e.from_name = xstrdup(name);
			e.to = other;
			e.to_name = other_name;
		}
		e.kind = kind_name((const char *)sqlite3_column_text(st, 2));
		e.via = col_text(st, 3);
		e.file = col_text(st, 4);
		e.line = sqlite3_column_int(st, 5);
		e.bound_file = col_text(st, 6);
		e.bound_line = sqlite3_column_int(st, 7);
		VEC_PUSH(&l->v, e);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		error_set("cannot read '%s': %s", g->db->path, sqlite3_errmsg(g->db->h));
		free_list(l);
		return NULL;
	}
	VEC_PUSH(&g->lists, l);
	ptrmap_put(idx, (uintptr_t)id, (int)g->lists.n, NULL);
	g->loaded++;
	return l;
}

const struct edge_list *callgraph_out(struct graph *g, sqlite3_int64 id, const char *name)
{
	return load(g, id, name, false);
}

const struct edge_list *callgraph_in(struct graph *g, sqlite3_int64 id, const char *name)
{
	return load(g, id, name, true);
}

/* --- paths ---------------------------------------------------------------- */

struct seg_search {
	struct graph *g;
	struct path_search *ps;
	sqlite3_int64 to;
	struct ptrmap dist;		/* id -> distance to TO + 1 */
	/* the backward search, a level at a time: the functions at distance level */
	VEC(sqlite3_int64) frontier;
	struct strvec names;
	int level;
	VEC(const struct edge *) stack;
	sqlite3_int64 stack_base;	/* the segment's start */
	struct path_list found;
	int want;
	int tier;			/* the highest edge_tier() taken */
	int64_t deadline;
	int err;
};

static int dist_of(struct seg_search *s, sqlite3_int64 id)
{
	int *d = ptrmap_get(&s->dist, (uintptr_t)id);

	return d ? *d - 1 : -1;
}

static void backward_reset(struct seg_search *s, const char *to_name)
{
	ptrmap_free(&s->dist);
	s->frontier.n = 0;
	strvec_clear(&s->names);
	s->level = 0;
	ptrmap_put(&s->dist, (uintptr_t)s->to, 1, NULL);
	VEC_PUSH(&s->frontier, s->to);
	strvec_push(&s->names, to_name);
}

/*
 * The backward search from TO, one level further: every caller of the
 * frontier gets its distance to TO. Afterwards every function at most
 * s->level calls from TO has its distance; the others are farther. False
 * when there was nothing left to search (or it ran out of time).
 */
static bool backward_level(struct seg_search *s)
{
	VEC(sqlite3_int64) next = { 0 };
	struct strvec next_names = { 0 };

	if (!s->frontier.n || s->level >= s->ps->max_depth || s->err)
		return false;
	for (size_t i = 0; i < s->frontier.n; i++) {
		const struct edge_list *in;

		if (now_ms() > s->deadline) {
			s->ps->timed_out = true;
			goto out;
		}
		in = callgraph_in(s->g, s->frontier.v[i], s->names.v[i]);
		if (!in) {
			s->err = -1;
			goto out;
		}
		s->ps->visited++;
		for (size_t j = 0; j < in->v.n; j++) {
			bool ins;

			if (edge_tier(&in->v.v[j]) > s->tier)
				continue;
			ptrmap_put(&s->dist, (uintptr_t)in->v.v[j].from, s->level + 2, &ins);
			if (ins) {
				VEC_PUSH(&next, in->v.v[j].from);
				strvec_push(&next_names, in->v.v[j].from_name);
			}
		}
	}
	VEC_FREE(&s->frontier);
	strvec_clear(&s->names);
	s->frontier.v = next.v;
	s->frontier.n = next.n;
	s->frontier.alloc = next.alloc;
	s->names = next_names;
	s->level++;
	/* functions max_depth calls away whose callers were not looked at */
	if (s->level == s->ps->max_depth && s->frontier.n)
		s->ps->depth_limited = true;
	return true;
out:
	VEC_FREE(&next);
	strvec_clear(&next_names);
	return false;
}

static bool is_site(const struct edge *in, const char *file, int line)
{
	return in->line == line && !strcmp(in->file, file);
}

/*
 * Did parameter hop E's function come in with the path? Passed at the call
 * the path came in through, or at one up to four calls before it, each call
 * since passing the function on as the parameter the next one calls
 * (store.sql's derive follows the same chains: fwd). NF_HOOK(...,
 * ip_rcv_finish) goes on to ip_rcv_finish through NF_HOOK_THRESH, and not
 * to every okfn any caller passes.
 */
static bool passed_on_path(struct seg_search *s, const struct edge *e)
{
	size_t k = s->stack.n - 1;
	int n = atoi(e->via + strlen("param:"));

	if (is_site(s->stack.v[k], e->bound_file, e->bound_line))
		return true;
	for (int depth = 0; depth < 4 && k > 0 && n > 0; depth++, k--) {
		const struct edge *in = s->stack.v[k];
		sqlite3_stmt *st = db_stmt(s->g->db, SQL, "param_passed_on");

		bind_int(st, 1, in->from);
		bind_int(st, 2, in->to);
		bind_text(st, 3, in->file);
		bind_int(st, 4, in->line);
		bind_int(st, 5, n);
		n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
		sqlite3_reset(st);
		if (n > 0 && is_site(s->stack.v[k - 1], e->bound_file, e->bound_line))
			return true;
	}
	return false;
}

/* Forward DFS for paths of exactly LEFT more calls from NODE. */
static void forward(struct seg_search *s, sqlite3_int64 node, const char *name, int left)
{
	const struct edge_list *out;
	struct ptrmap seen_to = { 0 };

	if ((int)s->found.n >= s->want || s->err)
		return;
	if (left == 0) {
		if (node == s->to) {
			struct call_path p = { 0 };

			for (size_t i = 0; i < s->stack.n; i++)
				VEC_PUSH(&p.hops, s->stack.v[i]);
			VEC_PUSH(&s->found, p);
		}
		return;
	}
	if (now_ms() > s->deadline) {
		s->ps->timed_out = true;
		return;
	}
	out = callgraph_out(s->g, node, name);
	if (!out) {
		s->err = -1;
		return;
	}
	for (size_t i = 0; i < out->v.n && (int)s->found.n < s->want; i++) {
		const struct edge *e = &out->v.v[i];
		const struct edge *in = s->stack.n ? s->stack.v[s->stack.n - 1] : NULL;
		int d = dist_of(s, e->to);
		bool ins, cycle = false;

		if (d < 0 || d > left - 1 || edge_tier(e) > s->tier)
			continue;
		/*
		 * A parameter hop follows the function passed at the call site
		 * the path came in through: NF_HOOK(..., ip_rcv_finish) goes on
		 * to ip_rcv_finish, not to every okfn any caller passes. Or
		 * passed a few calls up, and passed on since: 2.6.35's NF_HOOK
		 * hands okfn to NF_HOOK_THRESH (store.sql derive, fwd).
		 */
		if (in && !strcmp(e->kind, "param") && e->via && !passed_on_path(s, e))
			continue;
		/* one edge per callee: the first call site stands for the others */
		ptrmap_put(&seen_to, (uintptr_t)e->to + 1, 1, &ins);
		if (!ins)
			continue;
		/* a function may recur on a path, entered from another call site */
		for (size_t k = 0; k < s->stack.n; k++)
			if (s->stack.v[k]->to == e->to && s->stack.v[k]->line == e->line &&
			    !strcmp(s->stack.v[k]->file, e->file))
				cycle = true;
		if (e->to == s->stack_base)
			cycle = true;
		if (cycle)
			continue;
		VEC_PUSH(&s->stack, e);
		forward(s, e->to, e->to_name, left - 1);
		s->stack.n--;
	}
	ptrmap_free(&seen_to);
}

/*
 * The k shortest paths of one segment, into OUT, by the first pass that
 * connects. Paths of LEN calls need the distances to TO up to LEN - 1, so
 * the backward search goes only as deep as the lengths tried: a caller of
 * kfree_skb_reason two calls from FROM does not wait for the thousands
 * twelve calls up.
 */
static int segment(struct graph *g, struct path_search *ps, sqlite3_int64 from, const char *from_name,
		   sqlite3_int64 to, const char *to_name, int64_t deadline, struct path_list *out)
{
	struct seg_search s = { .g = g, .ps = ps, .to = to, .want = ps->k, .deadline = deadline };
	int last = g->sync_only ? 1 : 3;

	for (s.tier = ps->queued ? last : 1; s.tier <= last && !s.found.n && !s.err && !ps->timed_out;
	     s.tier++) {
		int len = 1;

		backward_reset(&s, to_name);
		s.stack_base = from;
		while (dist_of(&s, from) < 0 && backward_level(&s))
			;
		if (dist_of(&s, from) < 0)
			continue;
		if (dist_of(&s, from) > len)
			len = dist_of(&s, from);
		for (; len <= ps->max_depth && (int)s.found.n < s.want && !s.err && !ps->timed_out; len++) {
			while (s.level < len - 1 && backward_level(&s))
				;
			forward(&s, from, from_name, len);
		}
	}
	ptrmap_free(&s.dist);
	VEC_FREE(&s.frontier);
	strvec_clear(&s.names);
	VEC_FREE(&s.stack);
	*out = s.found;
	return s.err;
}

static void free_paths(struct call_path *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		VEC_FREE(&p[i].hops);
	free(p);
}

int callgraph_paths(struct graph *g, sqlite3_int64 from, const char *from_name,
		sqlite3_int64 to, const char *to_name,
		const sqlite3_int64 *via, const char *const *via_names, int n_via,
		struct path_search *ps)
{
	int64_t deadline = now_ms() + ps->time_limit_ms;
	int n_seg = n_via + 1, rc = 0;
	struct path_list *segs = xcalloc(n_seg, sizeof(*segs));
	size_t *pick;

	for (int i = 0; i < n_seg; i++) {
		sqlite3_int64 a = i == 0 ? from : via[i - 1];
		sqlite3_int64 b = i == n_via ? to : via[i];
		const char *an = i == 0 ? from_name : via_names[i - 1];
		const char *bn = i == n_via ? to_name : via_names[i];

		if (segment(g, ps, a, an, b, bn, deadline, &segs[i])) {
			rc = -1;
			goto out;
		}
		if (!segs[i].n)
			goto out;	/* no path through this segment */
	}
	/*
	 * Join the segments. Each segment's paths are sorted by length; take
	 * combinations by increasing total length, k at most.
	 */
	pick = xcalloc(n_seg, sizeof(*pick));
	for (int made = 0; made < ps->k; made++) {
		struct call_path p = { 0 };
		int best = -1;
		size_t best_len = 0;

		for (int i = 0; i < n_seg; i++)
			for (size_t h = 0; h < segs[i].v[pick[i]].hops.n; h++)
				VEC_PUSH(&p.hops, segs[i].v[pick[i]].hops.v[h]);
		VEC_PUSH(&ps->paths, p);
		/* advance the segment whose next path adds least */
		for (int i = 0; i < n_seg; i++) {
			size_t cur, nxt;

			if (pick[i] + 1 >= segs[i].n)
				continue;
			cur = segs[i].v[pick[i]].hops.n;
			nxt = segs[i].v[pick[i] + 1].hops.n;
			if (best < 0 || nxt - cur < best_len) {
				best = i;
				best_len = nxt - cur;
			}
		}
		if (best < 0)
			break;
		pick[best]++;
	}
	free(pick);
out:
	for (int i = 0; i < n_seg; i++)
		free_paths(segs[i].v, segs[i].n);
	free(segs);
	return rc;
}

void path_search_release(struct path_search *ps)
{
	for (size_t i = 0; i < ps->paths.n; i++)
		VEC_FREE(&ps->paths.v[i].hops);
	VEC_FREE(&ps->paths);
}
