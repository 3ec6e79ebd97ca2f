// SPDX-License-Identifier: GPL-2.0
/*
 * One edge per line, in the form vim's quickfix and Emacs' compile mode
 * jump to: the call site first, then why the edge exists.
 */
#include <string.h>

#include "render/edge_format.h"

/* What the other location of an edge is: "bound at", "taken at", ... */
const char *edge_bound_what(const struct edge *e)
{
	if (!strcmp(e->kind, "type"))
		return "defined at";
	if (!strcmp(e->kind, "param"))
		return "passed at";
	if (!strcmp(e->kind, "queue"))
		return "taken off at";
	if (!strcmp(e->kind, "wakeup"))
		return "waited on at";
	if (edge_is_async(e))
		return "registered at";
	return "bound at";
}

void edge_print(FILE *out, const struct edge *e, int depth)
{
	fprintf(out, "%s:%d: %*s%s -> %s [", e->file, e->line, depth * 2, "",
		e->from_name, e->to_name);
	if (!strcmp(e->kind, "type"))
		fputs("type match", out);
	else
		fputs(e->kind, out);
	if (e->via)
		fprintf(out, " %s", e->via);
	if (e->bound_file && !(!strcmp(e->bound_file, e->file) && e->bound_line == e->line))
		fprintf(out, ", %s %s:%d", edge_bound_what(e), e->bound_file, e->bound_line);
	fputs("]\n", out);
}

json_t *edge_json(const struct edge *e)
{
	json_t *o = json_object();

	json_object_set_new(o, "caller", json_string(e->from_name));
	json_object_set_new(o, "callee", json_string(e->to_name));
	json_object_set_new(o, "kind", json_string(e->kind));
	json_object_set_new(o, "via", e->via ? json_string(e->via) : json_null());
	json_object_set_new(o, "file", json_string(e->file));
	json_object_set_new(o, "line", json_integer(e->line));
	json_object_set_new(o, "bound_file", e->bound_file ? json_string(e->bound_file) : json_null());
	json_object_set_new(o, "bound_line", e->bound_file ? json_integer(e->bound_line) : json_null());
	return o;
}
