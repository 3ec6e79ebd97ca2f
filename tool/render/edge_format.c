// SPDX-License-Identifier: GPL-2.0
/*
 * One edge per line, in the form vim's quickfix and Emacs' compile mode
 * jump to: the call site first, then why the edge exists.
 */
#include <string.h>

#include "render/edge_format.h"

/* What the other location of an edge is: "bound at", "taken at", ... */
const char *edge_bound_what(const char *kind)
{
	if (!strcmp(kind, "type"))
		return "defined at";
	if (!strcmp(kind, "param"))
		return "passed at";
	if (!strcmp(kind, "queue"))
		return "taken off at";
	if (!strcmp(kind, "wakeup"))
		return "waited on at";
	if (kind_is_async(kind))
		return "registered at";
	return "bound at";
}

static const char *jget(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

void edge_print(FILE *out, const json_t *e, int depth)
{
	const char *kind = jget(e, "kind"), *via = jget(e, "via");
	const char *bound_file = jget(e, "bound_file");

	fprintf(out, "%s:%d: %*s%s -> %s [", jget(e, "file"),
		(int)json_integer_value(json_object_get(e, "line")), depth * 2, "",
		jget(e, "caller"), jget(e, "callee"));
	if (!strcmp(kind, "type"))
		fputs("type match", out);
	else
		fputs(kind, out);
	if (via)
		fprintf(out, " %s", via);
	if (bound_file) {
		int line = (int)json_integer_value(json_object_get(e, "line"));
		int bound_line = (int)json_integer_value(json_object_get(e, "bound_line"));

		/* rcu, irq: the handler is passed at the call itself */
		if (strcmp(bound_file, jget(e, "file")) || bound_line != line)
			fprintf(out, ", %s %s:%d", edge_bound_what(kind), bound_file, bound_line);
	}
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
