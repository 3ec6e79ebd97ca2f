// SPDX-License-Identifier: GPL-2.0
/*
 * The MCP tools: each a thin layer over the answer the CLI gives
 * (query/answers.c, report_build()), with a JSON Schema for its arguments,
 * which is also what the arguments are checked against, and one for its
 * structured result. Lists are cut at `limit` and say so (`total`,
 * `truncated`); every edge carries its provenance.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/error.h"
#include "query/answers.h"
#include "query/journey.h"
#include "query/report.h"
#include "render/edge_format.h"
#include "render/journey_render.h"
#include "serve/mcp.h"

#define SQL "tool/sql/mcp.sql"
#define MAX_NAME 512		/* a name longer than this names nothing */
#define MAX_SOURCE_LINES 500
#define MAX_TARGETS 20		/* per indirect call, in source */

struct tool {
	const char *name, *description;
	json_t *(*input)(void);
	json_t *(*output)(void);
	/* the structured result, or NULL with the error set; TEXT when not JSON */
	json_t *(*run)(struct mcp *m, json_t *args, struct strbuf *text);
};

/* --- schemas --- */

static json_t *s_string(const char *desc)
{
	return json_pack("{s:s, s:s, s:i}", "type", "string", "description", desc, "maxLength", MAX_NAME);
}

static json_t *s_int(const char *desc, int min, int max, int def)
{
	json_t *o = json_pack("{s:s, s:s, s:i, s:i}", "type", "integer", "description", desc,
			      "minimum", min, "maximum", max);

	if (def)
		json_object_set_new(o, "default", json_integer(def));
	return o;
}

static json_t *s_bool(const char *desc)
{
	return json_pack("{s:s, s:s, s:b}", "type", "boolean", "description", desc, "default", 0);
}

static json_t *s_type(const char *type)
{
	return json_pack("{s:s}", "type", type);
}

static json_t *s_nullable(const char *type)
{
	return json_pack("{s:[s, s]}", "type", type, "null");
}

static json_t *s_array(json_t *items)
{
	return json_pack("{s:s, s:o}", "type", "array", "items", items);
}

/* {type: object, properties: PROPS, required: [the names in AP, to a NULL]} */
static json_t *s_vobject(json_t *props, va_list ap)
{
	json_t *req = json_array();
	const char *r;

	while ((r = va_arg(ap, const char *)))
		json_array_append_new(req, json_string(r));
	return json_pack("{s:s, s:o, s:o}", "type", "object", "properties", props, "required", req);
}

static json_t *s_object(json_t *props, ...)
{
	json_t *o;
	va_list ap;

	va_start(ap, props);
	o = s_vobject(props, ap);
	va_end(ap);
	return o;
}

/* An input schema: an object that takes no other property. */
static json_t *s_input(json_t *props, ...)
{
	json_t *o;
	va_list ap;

	va_start(ap, props);
	o = s_vobject(props, ap);
	va_end(ap);
	json_object_set_new(o, "additionalProperties", json_false());
	return o;
}

static json_t *s_limit(int def, int max)
{
	return s_int("return at most this many items; the answer says the total and whether it was cut",
		     1, max, def);
}

/* The provenance every edge carries. */
static json_t *s_edge(void)
{
	return s_object(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"caller", s_type("string"), "callee", s_type("string"),
		"kind", json_pack("{s:s, s:s}", "type", "string", "description",
				  "direct; field (through STRUCT.FIELD); param (through a parameter); type (a guess "
				  "from the function type); or a hand-off where another context picks the work up: "
				  "queue, wakeup, softirq, napi, work, timer, tasklet, notifier, rcu, irq"),
		"via", json_pack("{s:[s, s], s:s}", "type", "string", "null", "description",
				 "STRUCT.FIELD, param:N, the hand-off's object (NET_RX_SOFTIRQ, ...), or null for a direct call"),
		"call_site", json_pack("{s:s, s:s}", "type", "string", "description", "FILE:LINE of the call"),
		"binding_site", json_pack("{s:[s, s], s:s}", "type", "string", "null", "description",
			"FILE:LINE of the evidence: where the function is bound to the field, passed as the "
			"argument, (type) defined, or (a hand-off) where the queue is taken off, the wait "
			"is, or the handler is registered; null for a direct call"),
		"type_only", json_pack("{s:s, s:s}", "type", "boolean", "description",
				       "true when the edge is a guess from the function type alone"),
		"depth", s_type("integer")),
		"caller", "callee", "kind", "via", "call_site", "binding_site", "type_only", NULL);
}

/* Adds total and truncated to the properties PROPS of a bounded answer. */
static json_t *s_bounded(json_t *props)
{
	json_object_set_new(props, "total", s_type("integer"));
	json_object_set_new(props, "truncated", s_type("boolean"));
	return props;
}

/* --- arguments, checked against the input schema --- */

static bool is_int(const json_t *v)
{
	double d = json_number_value(v);

	return json_is_integer(v) || (json_is_real(v) && d == (double)(json_int_t)d);
}

static bool type_is(const json_t *v, const char *type)
{
	if (!strcmp(type, "string"))
		return json_is_string(v);
	if (!strcmp(type, "integer"))
		return is_int(v);
	if (!strcmp(type, "boolean"))
		return json_is_boolean(v);
	if (!strcmp(type, "array"))
		return json_is_array(v);
	return false;
}

static bool type_ok(const json_t *v, const json_t *type, struct strbuf *names)
{
	size_t i;
	json_t *t;

	if (json_is_string(type)) {
		sb_adds(names, json_string_value(type));
		return type_is(v, json_string_value(type));
	}
	json_array_foreach(type, i, t) {
		sb_addf(names, "%s%s", i ? " or " : "", json_string_value(t));
		if (type_is(v, json_string_value(t)))
			return true;
	}
	return false;
}

static int check_value(const char *tool, const char *key, const json_t *v, const json_t *p)
{
	struct strbuf names = STRBUF_INIT;
	json_t *lim;
	bool ok = type_ok(v, json_object_get(p, "type"), &names);

	if (!ok) {
		error_set("%s: argument '%s' takes a%s %s", tool, key,
			  strchr("aeiou", names.buf[0]) ? "n" : "", names.buf);
		sb_free(&names);
		return -1;
	}
	sb_free(&names);
	if (json_is_string(v) && !json_cstr(v))
		return error_set("%s: argument '%s' holds a NUL character", tool, key);
	if (json_is_string(v) && (lim = json_object_get(p, "maxLength")) &&
	    json_string_length(v) > (size_t)json_integer_value(lim))
		return error_set("%s: argument '%s' is longer than %lld bytes", tool, key,
				 (long long)json_integer_value(lim));
	if (json_is_string(v) && (lim = json_object_get(p, "enum"))) {
		size_t i;
		json_t *e;

		json_array_foreach(lim, i, e)
			if (json_equal(e, v))
				return 0;
		return error_set("%s: argument '%s' takes one of %s", tool, key,
				 json_string_value(json_object_get(p, "description")));
	}
	if (is_int(v) && json_is_number(v) && json_object_get(p, "minimum")) {
		double d = json_number_value(v);
		json_int_t lo = json_integer_value(json_object_get(p, "minimum"));
		json_int_t hi = json_integer_value(json_object_get(p, "maximum"));

		if (d < lo || d > hi)
			return error_set("%s: argument '%s' takes a number from %lld to %lld, not %g",
					 tool, key, (long long)lo, (long long)hi, d);
	}
	if (json_is_array(v)) {
		const json_t *items = json_object_get(p, "items");
		size_t i;
		json_t *e;

		if ((lim = json_object_get(p, "maxItems")) &&
		    json_array_size(v) > (size_t)json_integer_value(lim))
			return error_set("%s: argument '%s' takes at most %lld items", tool, key,
					 (long long)json_integer_value(lim));
		json_array_foreach(v, i, e)
			if (check_value(tool, key, e, items))
				return -1;
	}
	return 0;
}

static int check_args(const char *tool, json_t *args, json_t *schema)
{
	json_t *props = json_object_get(schema, "properties"), *v;
	const char *key;
	size_t i;

	json_object_foreach(args, key, v) {
		json_t *p = json_object_get(props, key);

		if (!p) {
			struct strbuf sb = STRBUF_INIT;
			const char *k;
			json_t *x;

			json_object_foreach(props, k, x)
				sb_addf(&sb, "%s'%s'", sb.len ? ", " : "", k);
			error_set("%s: no argument '%.80s'; it takes %s", tool, key, sb.buf);
			sb_free(&sb);
			return -1;
		}
		if (check_value(tool, key, v, p))
			return -1;
	}
	json_array_foreach(json_object_get(schema, "required"), i, v)
		if (!json_object_get(args, json_string_value(v)))
			return error_set("%s: argument '%s' is required", tool, json_string_value(v));
	return 0;
}

/* An argument, or the schema's default, once checked. */
static json_t *arg(json_t *args, const char *key)
{
	return json_object_get(args, key);
}

static const char *arg_str(json_t *args, const char *key)
{
	return json_string_value(arg(args, key));
}

static int arg_int(json_t *args, const char *key, int def)
{
	json_t *v = arg(args, key);

	return v ? (int)json_number_value(v) : def;
}

static bool arg_bool(json_t *args, const char *key)
{
	return json_is_true(arg(args, key));
}

/* --- answers --- */

static json_t *jstr(const char *s)
{
	return s ? json_text(s, strlen(s)) : json_null();
}

static json_t *site(const json_t *o, const char *file, const char *line)
{
	const char *f = json_string_value(json_object_get(o, file));
	char *s;
	json_t *j;

	if (!f)
		return json_null();
	s = xasprintf("%s:%lld", f, (long long)json_integer_value(json_object_get(o, line)));
	j = jstr(s);
	free(s);
	return j;
}

/* An edge of the CLI's --json, as the tools give it: provenance first. */
static json_t *mcp_edge(const json_t *e)
{
	static const char *const known[] = { "caller", "callee", "kind", "via", "file", "line",
					     "bound_file", "bound_line", NULL };
	const char *kind = json_string_value(json_object_get(e, "kind"));
	json_t *o = json_object(), *v;
	const char *key;

	json_object_set(o, "caller", json_object_get(e, "caller"));
	json_object_set(o, "callee", json_object_get(e, "callee"));
	json_object_set(o, "kind", json_object_get(e, "kind"));
	json_object_set(o, "via", json_object_get(e, "via"));
	json_object_set_new(o, "call_site", site(e, "file", "line"));
	json_object_set_new(o, "binding_site", site(e, "bound_file", "bound_line"));
	json_object_set_new(o, "type_only", json_boolean(kind && !strcmp(kind, "type")));
	/* whatever else an edge learns to say (depth, ...) passes through */
	json_object_foreach((json_t *)e, key, v) {
		int k = 0;

		while (known[k] && strcmp(known[k], key))
			k++;
		if (!known[k])
			json_object_set(o, key, v);
	}
	return o;
}

/* The first LIMIT items of ARR (each through FN when given) as O[KEY], with total and truncated. */
static void bounded(json_t *o, const char *key, json_t *arr, int limit, json_t *(*fn)(const json_t *))
{
	json_t *out = json_array();
	size_t n = json_array_size(arr);

	for (size_t i = 0; i < n && i < (size_t)limit; i++) {
		json_t *e = json_array_get(arr, i);

		json_array_append_new(out, fn ? fn(e) : json_incref(e));
	}
	json_object_set_new(o, key, out);
	json_object_set_new(o, "total", json_integer((json_int_t)n));
	json_object_set_new(o, "truncated", json_boolean(n > (size_t)limit));
}

static void edges_text(struct strbuf *text, const json_t *edges, bool depth)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);
	json_t *e;

	if (!f)
		return;
	json_array_foreach(edges, i, e)
		edge_print(f, e, depth ? (int)json_integer_value(json_object_get(e, "depth")) - 1 : 0);
	fclose(f);
	sb_add(text, buf, len);
	free(buf);
}

static void cut_note(struct strbuf *text, const json_t *o, const char *what)
{
	if (json_is_true(json_object_get(o, "truncated")))
		sb_addf(text, "(%zu of %lld %s shown: raise 'limit' for more)\n",
			json_array_size(json_object_get(o, what)),
			(long long)json_integer_value(json_object_get(o, "total")), what);
}

static json_t *calls(struct mcp *m, json_t *args, struct strbuf *text, bool reverse)
{
	json_t *ans = answer_calls_sync(m->db, arg_str(args, "function"), reverse, arg_int(args, "depth", 1),
					arg_bool(args, "include_type_matches"), arg_bool(args, "sync_only"));
	json_t *o, *edges;

	if (!ans)
		return NULL;
	o = json_object();
	json_object_set(o, "function", json_object_get(ans, "function"));
	json_object_set(o, "file", json_object_get(ans, "file"));
	json_object_set(o, "line", json_object_get(ans, "line"));
	bounded(o, "edges", json_object_get(ans, "edges"), arg_int(args, "limit", 50), NULL);
	edges = json_object_get(o, "edges");
	edges_text(text, edges, true);
	for (size_t i = 0; i < json_array_size(edges); i++)
		json_array_set_new(edges, i, mcp_edge(json_array_get(edges, i)));
	if (!json_array_size(edges))
		sb_addf(text, "%s has no %s in the index\n", json_string_value(json_object_get(o, "function")),
			reverse ? "callers" : "callees");
	cut_note(text, o, "edges");
	json_decref(ans);
	return o;
}

static json_t *run_callers(struct mcp *m, json_t *args, struct strbuf *text)
{
	return calls(m, args, text, true);
}

static json_t *run_callees(struct mcp *m, json_t *args, struct strbuf *text)
{
	return calls(m, args, text, false);
}

static json_t *run_path(struct mcp *m, json_t *args, struct strbuf *text)
{
	json_t *via = arg(args, "via"), *ans, *paths;
	struct path_query q = {
		.max_depth = arg_int(args, "depth", 40), .k = arg_int(args, "limit", 1),
		.time_limit_ms = 2000, .types = arg_bool(args, "include_type_matches"),
		.sync_only = arg_bool(args, "sync_only"),
	};
	const char **names = xcalloc(json_array_size(via) + 1, sizeof(*names));

	for (size_t i = 0; i < json_array_size(via); i++)
		names[i] = json_string_value(json_array_get(via, i));
	q.via = names;
	q.n_via = (int)json_array_size(via);
	ans = answer_path(m->db, arg_str(args, "from"), arg_str(args, "to"), &q);
	free(names);
	if (!ans)
		return NULL;
	json_object_set_new(ans, "via", via ? json_incref(via) : json_array());
	paths = json_object_get(ans, "paths");
	for (size_t p = 0; p < json_array_size(paths); p++) {
		json_t *hops = json_object_get(json_array_get(paths, p), "hops");

		if (json_array_size(paths) > 1)
			sb_addf(text, "%spath %zu (%zu calls):\n", p ? "\n" : "", p + 1, json_array_size(hops));
		edges_text(text, hops, false);
		for (size_t h = 0; h < json_array_size(hops); h++)
			json_array_set_new(hops, h, mcp_edge(json_array_get(hops, h)));
	}
	json_object_set_new(ans, "total", json_integer((json_int_t)json_array_size(paths)));
	/* the search stops at the limit: there may be more paths */
	json_object_set_new(ans, "truncated", json_boolean(json_array_size(paths) == (size_t)q.k));
	if (!json_array_size(paths))
		sb_addf(text, "no path from %s to %s%s within %d calls (searched %lld functions%s)\n",
			json_string_value(json_object_get(ans, "from")),
			json_string_value(json_object_get(ans, "to")),
			q.n_via ? " through the 'via' functions" : "", q.max_depth,
			(long long)json_integer_value(json_object_get(ans, "functions_searched")),
			json_is_true(json_object_get(ans, "timed_out")) ? ", stopped at the time limit" : "");
	return ans;
}

/* ANS's first LIMIT items as O[LIST], O[KEY] = VALUE when given; NULL when ANS is. */
static json_t *listed(json_t *ans, const char *key, const char *value, const char *list, int limit)
{
	json_t *o;

	if (!ans)
		return NULL;
	o = key ? json_pack("{s:s}", key, value) : json_object();
	bounded(o, list, ans, limit, NULL);
	json_decref(ans);
	return o;
}

static json_t *run_impl(struct mcp *m, json_t *args, struct strbuf *text)
{
	return listed(answer_impl(m->db, arg_str(args, "field")), "field", arg_str(args, "field"),
		      "bindings", arg_int(args, "limit", 100));
}

static json_t *run_ops(struct mcp *m, json_t *args, struct strbuf *text)
{
	return listed(answer_ops(m->db, arg_str(args, "name")), NULL, NULL, "tables", arg_int(args, "limit", 50));
}

static json_t *run_refs(struct mcp *m, json_t *args, struct strbuf *text)
{
	return listed(answer_refs(m->db, arg_str(args, "function")), "name", arg_str(args, "function"),
		      "refs", arg_int(args, "limit", 100));
}

/* Every edge inside a document (a report's transmit_path, a journey's hops, ...) as the tools give edges. */
static json_t *with_provenance(const json_t *v)
{
	json_t *o, *x;
	const char *key;
	size_t i;

	if (json_is_array(v)) {
		o = json_array();
		json_array_foreach(v, i, x)
			json_array_append_new(o, with_provenance(x));
		return o;
	}
	if (!json_is_object(v))
		return json_incref((json_t *)v);
	if (json_object_get(v, "caller") && json_object_get(v, "callee") && json_object_get(v, "kind"))
		return mcp_edge(v);
	o = json_object();
	json_object_foreach((json_t *)v, key, x)
		json_object_set_new(o, key, with_provenance(x));
	return o;
}

static json_t *run_report(struct mcp *m, json_t *args, struct strbuf *text)
{
	json_t *ans = report_build(m->db, arg_str(args, "name"), false), *o, *devices;
	char *md = NULL;
	size_t len = 0;
	FILE *f;

	if (!ans)
		return NULL;
	o = json_pack("{s:s}", "driver", arg_str(args, "name"));
	bounded(o, "devices", ans, arg_int(args, "limit", 10), with_provenance);
	devices = json_object_get(o, "devices");
	/* the text is the Markdown report of the devices given */
	f = open_memstream(&md, &len);
	if (f) {
		json_t *shown = json_array();

		for (size_t i = 0; i < json_array_size(devices); i++)
			json_array_append(shown, json_array_get(ans, i));
		report_md(f, shown);
		fclose(f);
		sb_add(text, md, len);
		free(md);
		json_decref(shown);
	}
	cut_note(text, o, "devices");
	json_decref(ans);
	return o;
}

/*
 * A shipped journey, or a .journey file inside the tree: the server reads
 * no other file for a client.
 */
static json_t *run_journey(struct mcp *m, json_t *args, struct strbuf *text)
{
	const char *name = arg_str(args, "name");
	size_t n = strlen(name);
	char *path = NULL, *md = NULL, *list;
	json_t *doc, *o, *one;
	size_t len = 0;
	FILE *f;

	if (strchr(name, '/') || (n > 8 && !strcmp(name + n - 8, ".journey"))) {
		if (n <= 8 || strcmp(name + n - 8, ".journey"))
			return error_set("journey: '%.200s' is not a .journey file", name), NULL;
		path = mcp_tree_path(m, name);
		if (!path)
			return NULL;
	} else {
		char *shipped = xasprintf("journeys/%s.journey", name);
		bool known = embedded_get(shipped);

		free(shipped);
		if (!known) {
			list = journey_names();
			error_set("no journey named '%.200s': give %s, or a .journey file of the tree", name, list);
			free(list);
			return NULL;
		}
	}
	doc = journey_build(m->db, path ? path : name);
	free(path);
	if (!doc)
		return NULL;
	f = open_memstream(&md, &len);
	if (f) {
		one = json_pack("[O]", doc);
		journey_md(f, one);
		fclose(f);
		sb_add(text, md, len);
		free(md);
		json_decref(one);
	}
	o = with_provenance(doc);
	json_decref(doc);
	return o;
}

static int parse_value(const json_t *v, uint64_t *out)
{
	const char *s = json_string_value(v);
	char *end;

	if (!s) {
		*out = (uint64_t)json_integer_value(v);
		if (json_is_real(v))
			*out = (uint64_t)(json_int_t)json_real_value(v);
		return 0;
	}
	errno = 0;
	*out = strtoull(s, &end, 0);
	if (errno || end == s || *end || strchr(s, '-'))
		return error_set("flags: '%.80s' is not a number (decimal, or 0x hexadecimal)", s);
	return 0;
}

static json_t *run_flags(struct mcp *m, json_t *args, struct strbuf *text)
{
	const char *family = arg_str(args, "family") ? arg_str(args, "family") : "features";
	sqlite3_stmt *st = db_stmt(m->db, SQL, "flags");
	json_t *flags = json_array(), *o;
	uint64_t value, known = 0;
	char hex[32];

	if (parse_value(arg(args, "value"), &value)) {
		json_decref(flags);
		return NULL;
	}
	bind_text(st, 1, family);
	while (sqlite3_step(st) == SQLITE_ROW) {
		uint64_t v = (uint64_t)sqlite3_column_int64(st, 1);

		if (!v || (value & v) != v)
			continue;
		known |= v;
		json_array_append_new(flags, json_pack("{s:o, s:s, s:o, s:o, s:o, s:i}",
			"name", jstr((const char *)sqlite3_column_text(st, 0)),
			"value", (snprintf(hex, sizeof(hex), "0x%" PRIx64, v), hex),
			"bit", sqlite3_column_type(st, 2) == SQLITE_NULL ? json_null() :
				json_integer(sqlite3_column_int(st, 2)),
			"doc", jstr((const char *)sqlite3_column_text(st, 3)),
			"file", jstr((const char *)sqlite3_column_text(st, 4)),
			"line", sqlite3_column_int(st, 5)));
	}
	sqlite3_reset(st);
	snprintf(hex, sizeof(hex), "0x%" PRIx64, value);
	o = json_pack("{s:s, s:s, s:o}", "value", hex, "family", family, "flags", flags);
	snprintf(hex, sizeof(hex), "0x%" PRIx64, value & ~known);
	json_object_set_new(o, "unknown_bits", json_string(hex));
	return o;
}

static json_t *run_sql(struct mcp *m, json_t *args, struct strbuf *text)
{
	return mcp_sql(m->db, arg_str(args, "query"), arg_int(args, "limit", 100));
}

/* The functions an indirect call C reaches, with their evidence. */
static void call_targets(struct mcp *m, json_t *c, const char *file, int line)
{
	sqlite3_stmt *st = db_stmt(m->db, SQL, "source_targets");
	json_t *targets = json_array();
	int total = 0;

	bind_text(st, 1, file);
	bind_int(st, 2, line);
	bind_text(st, 3, json_string_value(json_object_get(c, "caller")));
	bind_text(st, 4, json_string_value(json_object_get(c, "kind")));
	bind_text(st, 5, json_string_value(json_object_get(c, "via")));
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *e;

		if (++total > MAX_TARGETS)
			continue;
		e = json_pack("{s:O, s:o, s:o, s:o, s:s, s:i, s:o, s:i}",
			"caller", json_object_get(c, "caller"),
			"callee", jstr((const char *)sqlite3_column_text(st, 0)),
			"kind", jstr((const char *)sqlite3_column_text(st, 1)),
			"via", jstr((const char *)sqlite3_column_text(st, 2)),
			"file", file, "line", line,
			"bound_file", jstr((const char *)sqlite3_column_text(st, 3)),
			"bound_line", sqlite3_column_int(st, 4));
		json_array_append_new(targets, mcp_edge(e));
		json_decref(e);
	}
	sqlite3_reset(st);
	json_object_set_new(c, "targets", targets);
	json_object_set_new(c, "targets_total", json_integer(total));
}

/* Each line's calls, the indirect ones with their targets. */
static void source_calls(struct mcp *m, json_t *lines, const char *file, int start, int end)
{
	sqlite3_stmt *st = db_stmt(m->db, SQL, "source_calls");
	VEC(int) at = { 0 };
	json_t *all = json_array();

	bind_text(st, 1, file);
	bind_int(st, 2, start);
	bind_int(st, 3, end);
	while (sqlite3_step(st) == SQLITE_ROW) {
		VEC_PUSH(&at, sqlite3_column_int(st, 0));
		json_array_append_new(all, json_pack("{s:o, s:o, s:o, s:o}",
			"caller", jstr((const char *)sqlite3_column_text(st, 1)),
			"callee", jstr((const char *)sqlite3_column_text(st, 2)),
			"kind", jstr((const char *)sqlite3_column_text(st, 3)),
			"via", jstr((const char *)sqlite3_column_text(st, 4))));
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < at.n; i++) {
		json_t *c = json_array_get(all, i);
		json_t *l = json_array_get(lines, at.v[i] - start);

		if (!l)
			continue;
		if (strcmp(json_string_value(json_object_get(c, "kind")), "direct"))
			call_targets(m, c, file, at.v[i]);
		json_array_append(json_object_get(l, "calls"), c);
	}
	json_decref(all);
	VEC_FREE(&at);
}

/* LINE<tab>text, and under a line each target of its indirect calls. */
static void source_text(struct strbuf *text, const json_t *lines)
{
	const json_t *l, *c, *t;
	size_t i, j, k;

	json_array_foreach(lines, i, l) {
		sb_addf(text, "%lld\t%s\n", (long long)json_integer_value(json_object_get(l, "line")),
			json_string_value(json_object_get(l, "text")));
		json_array_foreach(json_object_get(l, "calls"), j, c) {
			json_int_t n = json_integer_value(json_object_get(c, "targets_total"));

			json_array_foreach(json_object_get(c, "targets"), k, t) {
				const char *bs = json_string_value(json_object_get(t, "binding_site"));

				sb_addf(text, "\t-> %s [%s %s%s%s]\n",
					json_string_value(json_object_get(t, "callee")),
					json_string_value(json_object_get(t, "kind")),
					json_string_value(json_object_get(t, "via")) ?: "",
					bs ? ", evidence at " : "", bs ? bs : "");
			}
			if (n > (json_int_t)json_array_size(json_object_get(c, "targets")))
				sb_addf(text, "\t-> ... %lld targets in all\n", (long long)n);
			else if (json_object_get(c, "targets") && !n)
				sb_addf(text, "\t-> (%s call through %s: no target in the index)\n",
					json_string_value(json_object_get(c, "kind")),
					json_string_value(json_object_get(c, "via")) ?: "a pointer");
		}
	}
}

static json_t *run_source(struct mcp *m, json_t *args, struct strbuf *text)
{
	int start = arg_int(args, "start", 1), end = arg_int(args, "end", start + 49), n = 0;
	char *rel, *src, *p;
	json_t *lines, *o;
	size_t len;
	bool cut = false;

	if (end < start)
		return error_set("source: 'end' (%d) is before 'start' (%d)", end, start), NULL;
	if (end - start >= MAX_SOURCE_LINES) {
		end = start + MAX_SOURCE_LINES - 1;
		cut = true;
	}
	src = mcp_tree_file(m, arg_str(args, "file"), &rel, &len);
	if (!src)
		return NULL;
	lines = json_array();
	for (p = src; p < src + len && ++n <= end;) {
		char *nl = memchr(p, '\n', src + len - p);
		size_t l = nl ? (size_t)(nl - p) : (size_t)(src + len - p);

		if (n >= start)
			json_array_append_new(lines, json_pack("{s:i, s:o, s:[]}", "line", n,
							       "text", json_text(p, l), "calls"));
		p += l + 1;
	}
	if (!json_array_size(lines)) {
		error_set("source: %s has %d lines; 'start' is %d", rel, n, start);
		json_decref(lines);
		free(rel);
		free(src);
		return NULL;
	}
	end = start + (int)json_array_size(lines) - 1;
	source_calls(m, lines, rel, start, end);
	source_text(text, lines);
	o = json_pack("{s:s, s:i, s:i, s:o, s:b}", "file", rel, "start", start,
		      "end", end, "lines", lines, "truncated", cut);
	free(rel);
	free(src);
	return o;
}

/* --- the table --- */

static json_t *in_calls(void)
{
	return s_input(json_pack("{s:o, s:o, s:o, s:o, s:o}",
		"function", s_string("a function: NAME, or FILE:NAME for a static one defined in several files"),
		"depth", s_int("levels to follow (each function expanded once)", 1, 10, 1),
		"limit", s_limit(50, 1000),
		"include_type_matches", s_bool("add pointer calls matched on the function type alone (guesses)"),
		"sync_only", s_bool("calls only: leave out the hand-offs (queue, softirq, napi, wakeup, work, timer, ...)")),
		"function", NULL);
}

static json_t *out_calls(void)
{
	return s_object(s_bounded(json_pack("{s:o, s:o, s:o, s:o}",
		"function", s_type("string"), "file", s_nullable("string"), "line", s_type("integer"),
		"edges", s_array(s_edge()))), "function", "edges", "total", "truncated", NULL);
}

static json_t *in_path(void)
{
	return s_input(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"from", s_string("the function the path starts at"),
		"to", s_string("the function the path ends at"),
		"via", json_pack("{s:s, s:o, s:i, s:s}", "type", "array", "items", s_string("a function"),
				 "maxItems", 8, "description", "functions the path must go through, in order"),
		"depth", s_int("the longest path to look for, in calls", 1, 64, 40),
		"limit", s_int("how many shortest paths to give; 'truncated' says the search stopped there", 1, 10, 1),
		"include_type_matches", s_bool("also follow pointer calls matched on the function type alone"),
		"sync_only", s_bool("calls only: no hand-off (queue, softirq, napi, wakeup, ...) on the path")),
		"from", "to", NULL);
}

static json_t *out_path(void)
{
	json_t *path = s_object(json_pack("{s:o, s:o}", "length", s_type("integer"),
					  "hops", s_array(s_edge())), "length", "hops", NULL);

	return s_object(s_bounded(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"from", s_type("string"), "to", s_type("string"), "via", s_array(s_type("string")),
		"paths", s_array(path), "max_depth", s_type("integer"),
		"functions_searched", s_type("integer"), "timed_out", s_type("boolean"))),
		"from", "to", "paths", "timed_out", "total", "truncated", NULL);
}

static json_t *in_impl(void)
{
	return s_input(json_pack("{s:o, s:o}",
		"field", s_string("STRUCT.FIELD (net_device_ops.ndo_start_xmit), or FIELD when one struct has it"),
		"limit", s_limit(100, 1000)), "field", NULL);
}

static json_t *out_impl(void)
{
	json_t *b = s_object(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"struct", s_type("string"), "field", s_type("string"), "function", s_type("string"),
		"context", json_pack("{s:s, s:s}", "type", "string", "description",
				     "initializer, assignment or helper: how the function is bound"),
		"table", s_nullable("string"), "file", s_type("string"), "line", s_type("integer"),
		"tu", s_nullable("string"), "helper", s_nullable("string"), "arg", s_nullable("integer"),
		"copied_from", json_pack("{s:[s,s], s:s}", "type", "string", "null", "description",
					 "STRUCT.FIELD the function is bound to, which helper copies into this field"),
		"copy_file", s_nullable("string"), "copy_line", s_nullable("integer")),
		"function", "context", "file", "line", NULL);

	return s_object(s_bounded(json_pack("{s:o, s:o}", "field", s_type("string"),
		"bindings", s_array(b))), "field", "bindings", "total", "truncated", NULL);
}

static json_t *in_ops(void)
{
	return s_input(json_pack("{s:o, s:o}",
		"name", s_string("an ops table (loopback_ops) or a struct (net_device_ops); all tables when absent"),
		"limit", s_limit(50, 1000)), NULL);
}

static json_t *out_ops(void)
{
	json_t *t = s_object(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"table", s_type("string"), "struct", s_type("string"), "is_array", s_type("boolean"),
		"file", s_type("string"), "line", s_type("integer"),
		"members", s_array(s_type("object")), "functions", s_type("integer")),
		"table", "struct", "file", "line", "members", NULL);

	return s_object(s_bounded(json_pack("{s:o}", "tables", s_array(t))),
			"tables", "total", "truncated", NULL);
}

static json_t *in_refs(void)
{
	return s_input(json_pack("{s:o, s:o}",
		"function", s_string("a function, a global, or STRUCT.FIELD"),
		"limit", s_limit(100, 1000)), "function", NULL);
}

static json_t *out_refs(void)
{
	json_t *r = s_object(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"name", s_type("string"), "kind", s_type("string"), "file", s_type("string"),
		"line", s_type("integer"), "col", s_type("integer"), "in_macro", s_type("boolean"),
		"function", s_nullable("string")), "name", "kind", "file", "line", NULL);

	return s_object(s_bounded(json_pack("{s:o, s:o}", "name", s_type("string"),
		"refs", s_array(r))), "name", "refs", "total", "truncated", NULL);
}

static json_t *in_report(void)
{
	return s_input(json_pack("{s:o, s:o}",
		"name", s_string("a driver: its source file, the interface name it allocates (lo), its setup function or ops table"),
		"limit", s_limit(10, 100)), "name", NULL);
}

static json_t *out_report(void)
{
	return s_object(s_bounded(json_pack("{s:o, s:o}", "driver", s_type("string"),
		"devices", s_array(s_type("object")))), "driver", "devices", "total", "truncated", NULL);
}

static json_t *in_journey(void)
{
	char *list = journey_names();
	char *desc = xasprintf("a journey shipped with ndoscope (%s), or the tree-relative path of a "
			       ".journey file in the indexed tree", list);
	json_t *o = s_input(json_pack("{s:o}", "name", s_string(desc)), "name", NULL);

	free(desc);
	free(list);
	return o;
}

static json_t *out_journey(void)
{
	json_t *seg = s_object(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
		"from", s_type("string"), "to", s_type("string"), "reader", s_type("boolean"),
		"layers", s_nullable("string"), "hops", s_array(s_edge()), "missing", s_type("string")),
		"from", "to", "hops", NULL);

	return s_object(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"name", s_type("string"), "title", s_nullable("string"), "waypoints", s_array(s_type("object")),
		"segments", s_array(seg), "layers", s_array(s_type("string")),
		"waits", json_pack("{s:s, s:o, s:s}", "type", "array", "items", s_edge(), "description",
				   "where the data waits: each hand-off on the trip, each queue it goes around, "
				   "and the wakeup of the queue's reader"),
		"drops", s_array(s_type("object")), "locks", s_array(s_type("object")),
		"copies", s_array(s_type("object")), "summary", s_type("object")),
		"name", "segments", "waits", "summary", NULL);
}

static json_t *in_flags(void)
{
	return s_input(json_pack("{s:{s:[s, s], s:s, s:i}, s:{s:s, s:[s, s, s], s:s, s:s}}",
		"value", "type", "integer", "string", "description",
		"the value: an integer, or a string in decimal or 0x hexadecimal", "maxLength", 40,
		"family", "type", "string", "enum", "features", "flags", "priv_flags", "default", "features",
		"description", "'features' (NETIF_F_*), 'flags' (IFF_* of dev->flags) or 'priv_flags' (IFF_* of dev->priv_flags)"),
		"value", NULL);
}

static json_t *out_flags(void)
{
	json_t *f = s_object(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
		"name", s_type("string"), "value", s_type("string"), "bit", s_nullable("integer"),
		"doc", s_nullable("string"), "file", s_type("string"), "line", s_type("integer")),
		"name", "value", NULL);

	return s_object(json_pack("{s:o, s:o, s:o, s:o}", "value", s_type("string"),
		"family", s_type("string"), "flags", s_array(f),
		"unknown_bits", json_pack("{s:s, s:s}", "type", "string", "description",
					  "the bits of value that no flag in the index explains")),
		"value", "family", "flags", "unknown_bits", NULL);
}

static json_t *in_sql(void)
{
	return s_input(json_pack("{s:{s:s, s:s, s:i}, s:o}",
		"query", "type", "string", "description",
		"one read-only SQL statement over the index's views (functions, calls, edges, bindings, "
		"ops_tables, refs, flags, ...: see docs/schema.md)", "maxLength", 100000,
		"limit", s_limit(100, 1000)), "query", NULL);
}

static json_t *out_sql(void)
{
	return s_object(s_bounded(json_pack("{s:o, s:o}", "columns", s_array(s_type("string")),
		"rows", s_array(s_type("object")))), "columns", "rows", "total", "truncated", NULL);
}

static json_t *in_source(void)
{
	return s_input(json_pack("{s:o, s:o, s:o}",
		"file", s_string("an indexed file, relative to the tree (drivers/net/loopback.c)"),
		"start", s_int("the first line", 1, 10000000, 1),
		"end", s_int("the last line (at most 500 lines are given; default start + 49)", 1, 10000000, 0)),
		"file", NULL);
}

static json_t *out_source(void)
{
	json_t *call = s_object(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
		"caller", s_type("string"), "callee", s_nullable("string"),
		"kind", json_pack("{s:s, s:s}", "type", "string", "description",
				  "direct, field, param or pointer, as in the calls view"),
		"via", s_nullable("string"),
		"targets", json_pack("{s:s, s:o, s:s}", "type", "array", "items", s_edge(), "description",
				     "the functions an indirect call reaches (at most 20), with their evidence"),
		"targets_total", s_type("integer")), "caller", "kind", NULL);
	json_t *line = s_object(json_pack("{s:o, s:o, s:o}", "line", s_type("integer"),
		"text", s_type("string"), "calls", s_array(call)), "line", "text", "calls", NULL);

	return s_object(json_pack("{s:o, s:o, s:o, s:o, s:o}", "file", s_type("string"),
		"start", s_type("integer"), "end", s_type("integer"), "lines", s_array(line),
		"truncated", s_type("boolean")), "file", "start", "end", "lines", "truncated", NULL);
}

static const struct tool tools[] = {
	{ "callers", "Who calls a function, through function pointers too (ops tables, runtime "
	  "assignments, parameters); each edge with its kind, via, call site and binding site.",
	  in_calls, out_calls, run_callers },
	{ "callees", "What a function calls, through function pointers too; each edge with its "
	  "kind, via, call site and binding site.", in_calls, out_calls, run_callees },
	{ "path", "The shortest call paths from one function to another, through pointer calls, "
	  "optionally through given functions in order.", in_path, out_path, run_path },
	{ "impl", "Every function bound to a struct field (STRUCT.FIELD): by a table initializer, "
	  "an assignment, or a helper.", in_impl, out_impl, run_impl },
	{ "ops", "Ops tables (static struct initializers of function pointers), all or one table's "
	  "members.", in_ops, out_ops, run_ops },
	{ "refs", "Every read, write, call and address-of of a function, global or STRUCT.FIELD.",
	  in_refs, out_refs, run_refs },
	{ "report", "A network driver explained: its devices, how each is allocated and set up, "
	  "its ops, its transmit path and where that path drops packets.", in_report, out_report, run_report },
	{ "journey", "A packet's whole trip between waypoints (tcp4-lo: send() on TCP over loopback to "
	  "recvmsg() on the peer; unix-stream), hop by hop with the evidence of each indirect call and "
	  "hand-off, where the data waits, the drop points, locks and copies.",
	  in_journey, out_journey, run_journey },
	{ "flags", "Decode a NETIF_F_* features value, or an IFF_* flags or priv_flags value, "
	  "with each flag's kernel comment.", in_flags, out_flags, run_flags },
	{ "sql", "Run one read-only SQL statement over the index (views: functions, calls, edges, "
	  "bindings, ops_tables, fn_args, assignments, flags, refs, call_args, returns, init_fields).",
	  in_sql, out_sql, run_sql },
	{ "source", "Lines of an indexed source file, each call on them with the functions its "
	  "indirect calls reach.", in_source, out_source, run_source },
	{ NULL, NULL, NULL, NULL, NULL },
};

json_t *mcp_tools_list(const struct mcp *m)
{
	json_t *arr = json_array();

	for (const struct tool *t = tools; t->name; t++) {
		json_t *o = json_pack("{s:s, s:s, s:o, s:{s:b, s:b, s:b}}", "name", t->name,
				      "description", t->description, "inputSchema", t->input(),
				      "annotations", "readOnlyHint", 1, "idempotentHint", 1,
				      "openWorldHint", 0);

		if (m->structured)
			json_object_set_new(o, "outputSchema", t->output());
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *tool_error(const char *msg)
{
	return json_pack("{s:[{s:s, s:o}], s:b}", "content", "type", "text",
			 "text", json_text(msg, strlen(msg)), "isError", 1);
}

json_t *mcp_tools_call(struct mcp *m, const char *name, json_t *args)
{
	const struct tool *t;
	struct strbuf text = STRBUF_INIT;
	json_t *schema, *res, *empty = NULL, *r;

	for (t = tools; t->name && strcmp(t->name, name); t++)
		;
	if (!t->name) {
		error_set("no tool '%.80s'", name);
		return NULL;
	}
	if (!args)
		args = empty = json_object();
	schema = t->input();
	error_clear();
	res = check_args(t->name, args, schema) ? NULL : t->run(m, args, &text);
	json_decref(schema);
	json_decref(empty);
	if (!res) {
		r = tool_error(error_last() ? error_last() : "failed");
		sb_free(&text);
		return r;
	}
	if (!text.len) {
		char *s = json_dumps(res, JSON_COMPACT | JSON_PRESERVE_ORDER);

		sb_adds(&text, s ? s : "");
		free(s);
	}
	r = json_pack("{s:[{s:s, s:o}]}", "content", "type", "text", "text", json_text(text.buf, text.len));
	sb_free(&text);
	if (m->structured)
		json_object_set_new(r, "structuredContent", res);
	else
		json_decref(res);
	return r;
}
