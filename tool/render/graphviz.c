// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope-render.so: DOT text rendered to SVG or PNG in process by
 * Graphviz's libgvc. Only the commands that draw (graph -T svg/png, report
 * and journey as HTML, serve, html) load it: libgvc and the half-dozen
 * libraries under it cost every other command 0.3 ms at startup. The binary
 * finds the table at the end by name (tool/base/module.c); everything else
 * here has hidden visibility.
 */
#include <stdio.h>
#include <stdlib.h>

#include <gvc.h>

#include "base/error.h"
#include "base/module.h"
#include "base/util.h"

/*
 * One Graphviz context for the life of the process. Graphviz 2.42's pango
 * plugin keeps, in a static variable, a pointer to the last font name it
 * laid out; that name belongs to the context's font dictionary, which
 * gvFreeContext() frees. A second context then compares against freed
 * memory (ASan: heap-use-after-free in textspan_size), so a process that
 * draws more than once (serve, html, a report with several graphs) must
 * reuse the first context. Graphviz is not thread-safe: every caller
 * draws from one thread (serve answers from libmicrohttpd's one polling
 * thread).
 */
static GVC_t *gvc;

static void gvc_free(void)
{
	gvFreeContext(gvc);
	gvc = NULL;
}

/*
 * Object IDs in the order the DOT text names them. cgraph's own discipline
 * makes a named object's ID the address of its interned name, and keeps
 * subgraphs in ID order: the clusters of one graph came out of dot in a
 * different order from one run to the next, so an SVG, a report's HTML and
 * an html export were not the same bytes twice. Named objects get even IDs
 * counting up, anonymous ones odd IDs, as cgraph expects.
 */
struct seq_ids {
	struct strmap idx;	/* name -> its position in names */
	struct strvec names;
	IDTYPE anon;
};

static void *seq_open(Agraph_t *g, Agdisc_t *disc)
{
	struct seq_ids *s = xcalloc(1, sizeof(*s));

	(void)g;
	(void)disc;
	s->anon = 1;
	return s;
}

static long seq_map(void *state, int objtype, char *str, IDTYPE *id, int create)
{
	struct seq_ids *s = state;
	int *slot;
	bool ins;

	(void)objtype;
	if (!str) {
		*id = s->anon;
		s->anon += 2;
		return 1;
	}
	slot = create ? strmap_put(&s->idx, str, (int)s->names.n, &ins) : strmap_get(&s->idx, str);
	if (!slot)
		return 0;
	if (create && ins)
		strvec_push(&s->names, str);
	*id = 2 * ((IDTYPE)*slot + 1);
	return 1;
}

static long seq_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
	return 0;	/* no object asks for an ID of its own choosing */
}

static void seq_free(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;	/* a name stays mapped until the graph closes */
}

static char *seq_print(void *state, int objtype, IDTYPE id)
{
	struct seq_ids *s = state;

	(void)objtype;
	if (id % 2 || id / 2 - 1 >= s->names.n)
		return NULL;
	return s->names.v[id / 2 - 1];
}

static void seq_close(void *state)
{
	struct seq_ids *s = state;

	strmap_free(&s->idx);
	strvec_clear(&s->names);
	free(s);
}

static void seq_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t seq_id_disc = {
	seq_open, seq_map, seq_alloc, seq_free, seq_print, seq_close, seq_register,
};

static int graphviz_render(const char *dot, size_t len, const char *format, FILE *out)
{
	Agdisc_t disc = { &AgMemDisc, &seq_id_disc, &AgIoDisc };
	Agraph_t *g;
	FILE *in;
	char *data = NULL;
	unsigned int n = 0;
	int rc = -1;

	if (!gvc) {
		gvc = gvContext();
		if (!gvc)
			return error_set("cannot start Graphviz");
		atexit(gvc_free);
	}
	in = fmemopen((void *)dot, len, "r");
	if (!in)
		return error_set("cannot read the graph's DOT text: %m");
	g = agread(in, &disc);
	fclose(in);
	if (!g)
		return error_set("Graphviz cannot read the graph");
	if (gvLayout(gvc, g, "dot")) {
		error_set("Graphviz cannot lay out the graph");
		goto out_graph;
	}
	if (gvRenderData(gvc, g, format, &data, &n)) {
		error_set("Graphviz cannot render '%s' (is the graphviz package's plugin configured? run 'dot -c')",
			  format);
		goto out_layout;
	}
	if (fwrite(data, 1, n, out) != n)
		error_set("cannot write the %s output", format);
	else
		rc = 0;
	gvFreeRenderData(data);
out_layout:
	gvFreeLayout(gvc, g);
out_graph:
	agclose(g);
	return rc;
}

NDOSCOPE_MODULE(NULL, graphviz_render);
