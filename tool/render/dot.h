/*
 * A call graph as Graphviz DOT: nodes clustered by file or directory,
 * edges styled by kind, drop points marked. Deterministic: the same graph
 * always gives the same bytes.
 */
#ifndef NDOSCOPE_DOT_H
#define NDOSCOPE_DOT_H

#include <stdio.h>

#include "query/graph.h"

struct gnode {
	sqlite3_int64 id;		/* 0 for a collapsed fan-out */
	char *name;
	char *file;			/* NULL when only declared */
	int line;
	char *drops;			/* "calls kfree_skb_reason (file:line)\n...", or NULL */
	char *drops_short;		/* one line for the label, or NULL */
	bool focus;			/* the function asked about */
};

struct gedge {
	int from, to;			/* node indices */
	const struct edge *e;		/* NULL for an edge to a collapsed node */
	char *via;			/* for a collapsed node's edge */
	bool on_path;			/* a hop of the requested path: drawn heavier */
};

struct dot_graph {
	VEC(struct gnode) nodes;
	VEC(struct gedge) edges;
	bool cluster_by_dir;
	bool left_to_right;
	const char *url_base;
	/* the source browser: a node links to FN_URL_BASE NAME FN_URL_EXT (its /fn/ page) */
	const char *fn_url_base, *fn_url_ext;
	bool (*fn_url_ok)(void *arg, const char *file);	/* NULL: every defined node */
	void *fn_url_arg;
	const char *title;
};

void dotout_write(FILE *out, struct dot_graph *g);
void dotout_release(struct dot_graph *g);

/* Render DOT text to svg or png with libgvc, in process. */
int dotout_render(const char *dot, size_t len, const char *format, FILE *out);

#endif
