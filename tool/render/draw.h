/*
 * Building a drawing (struct dot_graph) from the call graph: a tree of
 * callers or callees, or paths, with drop points marked and fan-outs
 * collapsed. cmd_graph and report draw with it.
 */
#ifndef NDOSCOPE_DRAW_H
#define NDOSCOPE_DRAW_H

#include "render/dot.h"
#include "query/graph.h"
#include "query/names.h"

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

void draw_init(struct builder *b, struct db *db, bool types);
void draw_release(struct builder *b);
/* The node of a function, added when new: its definition and drop points looked up. */
int draw_node(struct builder *b, sqlite3_int64 id, const char *name);
/* Callees (or callers, with b->reverse) of FN, DEPTH levels. */
int draw_tree(struct builder *b, struct resolved *fn, int depth);
/* The paths of PS, searched FROM -> TO through VIA, with their fan-outs. */
int draw_paths(struct builder *b, struct resolved *from, struct resolved *to,
	       struct resolved *via, int n_via, struct path_search *ps);
/* The drawing as DOT text (malloc'd). */
char *draw_dot(struct builder *b, size_t *len);

#endif
