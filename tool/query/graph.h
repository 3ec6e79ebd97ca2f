/*
 * The resolved call graph over the index: edges into or out of a function,
 * with each edge's kind and evidence, and bounded shortest-path search.
 */
#ifndef NDOSCOPE_GRAPH_H
#define NDOSCOPE_GRAPH_H

#include "base/db.h"

struct edge {
	sqlite3_int64 from, to;
	char *from_name, *to_name;
	const char *kind;		/* direct, field, param, type, or an async kind (queue, softirq, ...) */
	char *via;			/* STRUCT.FIELD or param:N, or NULL */
	char *file;			/* the call site */
	int line;
	char *bound_file;		/* where the binding is, or NULL */
	int bound_line;
};

struct edge_list {
	VEC(struct edge) v;
};

struct graph {
	struct db *db;
	bool types;			/* include type-only matches */
	bool sync_only;			/* leave out the asynchronous hops */
	struct ptrmap out_idx, in_idx;	/* id -> index + 1 into lists */
	VEC(struct edge_list *) lists;
	int loaded;			/* adjacency lists fetched */
};

void callgraph_init(struct graph *g, struct db *db, bool types);
/* A hand-off (queue, softirq, wakeup, ...), not a call. */
bool kind_is_async(const char *kind);
bool edge_is_async(const struct edge *e);
void callgraph_release(struct graph *g);

/* Edges out of (callees) or into (callers) a function; NULL on a DB error. */
const struct edge_list *callgraph_out(struct graph *g, sqlite3_int64 id, const char *name);
const struct edge_list *callgraph_in(struct graph *g, sqlite3_int64 id, const char *name);

struct call_path {
	VEC(const struct edge *) hops;
};

struct path_list {
	struct call_path *v;
	size_t n, alloc;
};

/* The default --max-depth of path and graph --to: the real stack's depth. */
#define PATH_MAX_DEPTH 40

struct path_search {
	int max_depth;
	int k;
	int64_t time_limit_ms;
	/*
	 * 0: calls first, then the hand-offs that decide who runs next, then
	 * queues (edge_tier). QUEUED: every edge at once, the shortest path
	 * wins, for a journey's waypoint that takes the data off a queue.
	 */
	bool queued;
	/* results */
	struct path_list paths;
	int visited;			/* functions looked at */
	bool timed_out;
	bool depth_limited;		/* functions at max_depth had callers left unsearched */
};

/*
 * The k shortest simple paths FROM -> TO, each at most max_depth calls,
 * through every function in VIA in order. Returns -1 on a DB error.
 */
int callgraph_paths(struct graph *g, sqlite3_int64 from, const char *from_name,
		sqlite3_int64 to, const char *to_name,
		const sqlite3_int64 *via, const char *const *via_names, int n_via,
		struct path_search *ps);
void path_search_release(struct path_search *ps);

#endif
