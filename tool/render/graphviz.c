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

static int graphviz_render(const char *dot, size_t len, const char *format, FILE *out)
{
	Agraph_t *g;
	char *data = NULL;
	unsigned int n = 0;
	int rc = -1;

	if (!gvc) {
		gvc = gvContext();
		if (!gvc)
			return error_set("cannot start Graphviz");
		atexit(gvc_free);
	}
	g = agmemread(dot);
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
	(void)len;
	return rc;
}

NDOSCOPE_MODULE(NULL, graphviz_render);
