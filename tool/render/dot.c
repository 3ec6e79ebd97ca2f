// SPDX-License-Identifier: GPL-2.0
/*
 * DOT output. Rendering it (libgvc) is render/graphviz.c, in a module.
 *
 * Styles: direct calls solid; calls through a struct field dashed and
 * labelled with the field, their tooltip saying where the binding is;
 * calls through a parameter dotted; type-only matches grey. A function
 * that drops packets has a red border and says how in its label.
 */
#include <stdlib.h>
#include <string.h>

#include "render/dot.h"
#include "render/edge_format.h"
#include "base/error.h"
#include "base/module.h"

static void esc(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		if (*s == '\n') {
			fputs("\\n", out);
			continue;
		}
		fputc(*s, out);
	}
}

static char *group_of(const struct dot_graph *g, const char *file)
{
	const char *slash;

	if (!file)
		return NULL;
	if (!g->cluster_by_dir)
		return xstrdup(file);
	slash = strrchr(file, '/');
	return slash ? xstrndup(file, slash - file) : xstrdup(".");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A node's DOT id: the function's name, so that SVG titles name functions;
 * with the file when a static name repeats; an index for collapsed nodes.
 */
static void write_id(FILE *out, const struct dot_graph *g, int i)
{
	const struct gnode *n = &g->nodes.v[i];
	bool repeated = false;

	if (!n->id) {
		fprintf(out, "\"collapsed %d\"", i);
		return;
	}
	for (size_t k = 0; k < g->nodes.n; k++)
		if ((int)k != i && g->nodes.v[k].id && !strcmp(g->nodes.v[k].name, n->name))
			repeated = true;
	fputc('"', out);
	esc(out, n->name);
	if (repeated && n->file) {
		fputs(" (", out);
		esc(out, n->file);
		fputc(')', out);
	}
	fputc('"', out);
}

static void write_node(FILE *out, const struct dot_graph *g, const struct gnode *n, int i,
		       const char *indent)
{
	fputs(indent, out);
	write_id(out, g, i);
	fputs(" [label=\"", out);
	esc(out, n->name);
	if (n->file) {
		fprintf(out, "\\n");
		esc(out, n->file);
		fprintf(out, ":%d", n->line);
	}
	if (n->drops_short) {
		fprintf(out, "\\n");
		esc(out, n->drops_short);
	}
	fputc('"', out);
	if (!n->id) {
		fputs(", shape=note, style=\"filled\", fillcolor=\"#eeeeee\", fontcolor=\"#555555\"", out);
	} else if (!n->file) {
		fputs(", style=\"rounded,dashed\", fontcolor=\"#555555\"", out);
	} else if (n->focus) {
		fputs(", style=\"rounded,filled,bold\", fillcolor=\"#dbe9f6\"", out);
	}
	if (n->drops)
		fputs(", color=\"#c62828\", penwidth=2", out);
	fputs(", tooltip=\"", out);
	if (n->drops) {
		fputs("drops here:\\n", out);
		esc(out, n->drops);
	} else if (n->file) {
		esc(out, n->file);
		fprintf(out, ":%d", n->line);
	} else if (n->id) {
		fputs("declared only: not defined in the indexed files", out);
	} else {
		esc(out, n->name);
	}
	fputc('"', out);
	if (g->fn_url_base && n->file && (!g->fn_url_ok || g->fn_url_ok(g->fn_url_arg, n->file))) {
		fputs(", URL=\"", out);
		esc(out, g->fn_url_base);
		esc(out, n->name);
		fprintf(out, "%s\"", g->fn_url_ext ? g->fn_url_ext : "");
	} else if (g->url_base && n->file) {
		fputs(", URL=\"", out);
		esc(out, g->url_base);
		fputc('/', out);
		esc(out, n->file);
		fprintf(out, ".html#L%d\"", n->line);
	}
	fputs("];\n", out);
}

static void write_edge(FILE *out, const struct dot_graph *g, const struct gedge *ge)
{
	const struct edge *e = ge->e;

	fputs("  ", out);
	write_id(out, g, ge->from);
	fputs(" -> ", out);
	write_id(out, g, ge->to);
	fputs(" [", out);
	if (ge->on_path)
		fputs("penwidth=2, ", out);
	if (!e) {
		fputs("style=dashed, color=\"#888888\", label=\"", out);
		esc(out, ge->via);
		fputs("\"];\n", out);
		return;
	}
	if (!strcmp(e->kind, "field")) {
		fputs("style=dashed, color=\"#1565c0\", fontcolor=\"#1565c0\", label=\"", out);
		esc(out, e->via);
		fputs("\", tooltip=\"", out);
		esc(out, e->file);
		fprintf(out, ":%d calls through ", e->line);
		esc(out, e->via);
		fputs(", bound at ", out);
		esc(out, e->bound_file);
		fprintf(out, ":%d\"", e->bound_line);
	} else if (!strcmp(e->kind, "param")) {
		fputs("style=dotted, color=\"#6a1b9a\", fontcolor=\"#6a1b9a\", label=\"", out);
		esc(out, e->via);
		fputs("\", tooltip=\"", out);
		esc(out, e->file);
		fprintf(out, ":%d calls its ", e->line);
		esc(out, e->via);
		fputs(", passed at ", out);
		esc(out, e->bound_file);
		fprintf(out, ":%d\"", e->bound_line);
	} else if (!strcmp(e->kind, "type")) {
		fputs("style=dashed, color=\"#aaaaaa\", fontcolor=\"#888888\", label=\"type match\", tooltip=\"", out);
		esc(out, e->file);
		fprintf(out, ":%d: only the function's type matches\"", e->line);
	} else if (edge_is_async(e)) {
		/* a hand-off: the data or work waits, then another context runs */
		fputs("style=bold, arrowhead=veevee, color=\"#e65100\", fontcolor=\"#e65100\", label=\"", out);
		esc(out, e->kind);
		if (e->via) {
			fputs(" ", out);
			esc(out, e->via);
		}
		fputs("\", tooltip=\"", out);
		esc(out, e->file);
		fprintf(out, ":%d hands off through ", e->line);
		esc(out, e->via ? e->via : e->kind);
		fputs(", ", out);
		esc(out, edge_bound_what(e->kind));
		fputs(" ", out);
		esc(out, e->bound_file);
		fprintf(out, ":%d\"", e->bound_line);
	} else {
		fputs("tooltip=\"", out);
		esc(out, e->file);
		fprintf(out, ":%d\"", e->line);
	}
	fputs("];\n", out);
}

void dotout_write(FILE *out, struct dot_graph *g)
{
	struct strvec groups = { 0 };

	fputs("digraph ndoscope {\n", out);
	if (g->title) {
		fputs("  label=\"", out);
		esc(out, g->title);
		fputs("\"; labelloc=t; fontsize=16;\n", out);
	}
	fprintf(out, "  rankdir=%s; newrank=true; nodesep=0.3; ranksep=0.45;\n",
		g->left_to_right ? "LR" : "TB");
	fputs("  fontname=\"Helvetica\";\n"
	      "  node [shape=box, style=\"rounded\", fontname=\"Helvetica\", fontsize=11];\n"
	      "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#333333\"];\n", out);

	for (size_t i = 0; i < g->nodes.n; i++) {
		char *grp = group_of(g, g->nodes.v[i].file);
		bool seen = false;

		if (!grp)
			continue;
		for (size_t k = 0; k < groups.n; k++)
			if (!strcmp(groups.v[k], grp))
				seen = true;
		if (seen)
			free(grp);
		else
			VEC_PUSH(&groups, grp);
	}
	if (groups.n)
		qsort(groups.v, groups.n, sizeof(*groups.v), cmp_str);
	for (size_t k = 0; k < groups.n; k++) {
		fprintf(out, "  subgraph cluster_%zu {\n    label=\"", k);
		esc(out, groups.v[k]);
		fputs("\"; style=\"rounded,filled\"; fillcolor=\"#fafafa\"; color=\"#bbbbbb\"; fontsize=10; fontcolor=\"#666666\";\n", out);
		for (size_t i = 0; i < g->nodes.n; i++) {
			char *grp = group_of(g, g->nodes.v[i].file);

			if (grp && !strcmp(grp, groups.v[k]))
				write_node(out, g, &g->nodes.v[i], (int)i, "    ");
			free(grp);
		}
		fputs("  }\n", out);
	}
	for (size_t i = 0; i < g->nodes.n; i++)
		if (!g->nodes.v[i].file)
			write_node(out, g, &g->nodes.v[i], (int)i, "  ");
	for (size_t i = 0; i < g->edges.n; i++)
		write_edge(out, g, &g->edges.v[i]);
	fputs("}\n", out);
	for (size_t k = 0; k < groups.n; k++)
		free(groups.v[k]);
	VEC_FREE(&groups);
}

void dotout_release(struct dot_graph *g)
{
	for (size_t i = 0; i < g->nodes.n; i++) {
		free(g->nodes.v[i].name);
		free(g->nodes.v[i].file);
		free(g->nodes.v[i].drops);
		free(g->nodes.v[i].drops_short);
	}
	for (size_t i = 0; i < g->edges.n; i++)
		free(g->edges.v[i].via);
	VEC_FREE(&g->nodes);
	VEC_FREE(&g->edges);
}

/* Graphviz is in ndoscope-render.so, loaded the first time a graph is drawn. */
int dotout_render(const char *dot, size_t len, const char *format, FILE *out)
{
	return module_render(dot, len, format, out);
}
