// SPDX-License-Identifier: GPL-2.0
/* The answers of callers, callees, path, impl, ops and refs, as JSON. */
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "query/answers.h"
#include "query/graph.h"
#include "query/names.h"
#include "render/edge_format.h"

#define SQL "tool/sql/lookup.sql"

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

struct calls {
	struct graph g;
	bool reverse;
	int depth;
	struct ptrmap expanded;
	json_t *arr;
};

/* Depth-first, each function expanded once: the order the CLI prints. */
static int calls_tree(struct calls *w, sqlite3_int64 id, const char *name, int level)
{
	const struct edge_list *l;
	bool ins;

	ptrmap_put(&w->expanded, (uintptr_t)id, 1, &ins);
	if (!ins)
		return 0;
	l = w->reverse ? callgraph_in(&w->g, id, name) : callgraph_out(&w->g, id, name);
	if (!l)
		return -1;
	for (size_t i = 0; i < l->v.n; i++) {
		const struct edge *e = &l->v.v[i];
		sqlite3_int64 next = w->reverse ? e->from : e->to;
		const char *next_name = w->reverse ? e->from_name : e->to_name;
		json_t *o = edge_json(e);

		json_object_set_new(o, "depth", json_integer(level + 1));
		json_array_append_new(w->arr, o);
		if (level + 1 < w->depth && calls_tree(w, next, next_name, level + 1))
			return -1;
	}
	return 0;
}

json_t *answer_calls(struct db *db, const char *function, bool reverse, int depth, bool types)
{
	return answer_calls_sync(db, function, reverse, depth, types, false);
}

struct macro_site {
	sqlite3_int64 caller;
	char *caller_name;
	json_t *edge;
};

/*
 * The callers of macro NAME: its call sites (call.macro), each an edge of
 * kind "macro" from the caller to the function the expansion calls there,
 * then the callers of those callers to DEPTH. NULL, with resolve_function's
 * error kept, when NAME is no macro or no call is written with it.
 */
static json_t *macro_callers(struct db *db, const char *name, int depth, bool types, bool sync_only)
{
	struct calls w = { .reverse = true, .depth = depth };
	sqlite3_stmt *st = db_stmt(db, "tool/sql/graph.sql", "functions_named");
	VEC(struct macro_site) sites = { 0 };
	json_t *o = NULL;
	char *file = NULL;
	int line = 0, rc = 0;
	bool function;

	/* a function of that name failed otherwise (defined in several files): say that */
	bind_text(st, 1, name);
	function = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (function)
		return NULL;
	st = db_stmt(db, "tool/sql/graph.sql", "macro_named");
	bind_text(st, 1, name);
	if (sqlite3_step(st) == SQLITE_ROW) {
		file = xstrdup((const char *)sqlite3_column_text(st, 0));
		line = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (!file)
		return NULL;
	st = db_stmt(db, SQL, "macro_callers");
	bind_text(st, 1, name);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct macro_site m = { .caller = sqlite3_column_int64(st, 0),
					.caller_name = xstrdup((const char *)sqlite3_column_text(st, 1)) };
		struct edge e = { .from_name = m.caller_name, .to_name = (char *)sqlite3_column_text(st, 2),
				  .kind = "macro", .via = (char *)name,
				  .file = (char *)sqlite3_column_text(st, 3), .line = sqlite3_column_int(st, 4) };

		m.edge = edge_json(&e);
		VEC_PUSH(&sites, m);
	}
	sqlite3_reset(st);
	if (!sites.n)
		goto out;
	callgraph_init(&w.g, db, types);
	w.g.sync_only = sync_only;
	w.arr = json_array();
	for (size_t i = 0; i < sites.n; i++) {
		json_object_set_new(sites.v[i].edge, "depth", json_integer(1));
		json_array_append(w.arr, sites.v[i].edge);
		if (!rc && depth > 1)
			rc = calls_tree(&w, sites.v[i].caller, sites.v[i].caller_name, 1);
	}
	if (!rc) {
		error_clear();
		o = json_object();
		json_object_set_new(o, "function", json_string(name));
		json_object_set_new(o, "file", json_string(file));
		json_object_set_new(o, "line", json_integer(line));
		json_object_set_new(o, "edges", json_incref(w.arr));
	}
	json_decref(w.arr);
	ptrmap_free(&w.expanded);
	callgraph_release(&w.g);
out:
	for (size_t i = 0; i < sites.n; i++) {
		free(sites.v[i].caller_name);
		json_decref(sites.v[i].edge);
	}
	VEC_FREE(&sites);
	free(file);
	return o;
}

json_t *answer_calls_sync(struct db *db, const char *function, bool reverse, int depth, bool types,
			  bool sync_only)
{
	struct calls w = { .reverse = reverse, .depth = depth };
	struct resolved fn;
	json_t *o = NULL;

	if (resolve_function(db, function, &fn))
		return reverse ? macro_callers(db, function, depth, types, sync_only) : NULL;
	callgraph_init(&w.g, db, types);
	w.g.sync_only = sync_only;
	w.arr = json_array();
	if (!calls_tree(&w, fn.id, fn.name, 0)) {
		o = json_object();
		json_object_set_new(o, "function", json_string(fn.name));
		json_object_set_new(o, "file", jstr(fn.file));
		json_object_set_new(o, "line", json_integer(fn.line));
		json_object_set_new(o, "edges", json_incref(w.arr));
	}
	json_decref(w.arr);
	ptrmap_free(&w.expanded);
	callgraph_release(&w.g);
	resolved_release(&fn);
	return o;
}

json_t *answer_path(struct db *db, const char *from_arg, const char *to_arg, const struct path_query *q)
{
	struct path_search ps = { .max_depth = q->max_depth, .k = q->k,
				  .time_limit_ms = q->time_limit_ms };
	struct resolved from = { 0 }, to = { 0 }, *via;
	sqlite3_int64 *via_ids;
	const char **via_names;
	json_t *o = NULL, *arr;
	struct graph g;

	via = xcalloc(q->n_via + 1, sizeof(*via));
	via_ids = xcalloc(q->n_via + 1, sizeof(*via_ids));
	via_names = xcalloc(q->n_via + 1, sizeof(*via_names));
	if (resolve_function(db, from_arg, &from) || resolve_function(db, to_arg, &to))
		goto out;
	for (int i = 0; i < q->n_via; i++) {
		if (resolve_function(db, q->via[i], &via[i]))
			goto out;
		via_ids[i] = via[i].id;
		via_names[i] = via[i].name;
	}
	callgraph_init(&g, db, q->types);
	g.sync_only = q->sync_only;
	if (callgraph_paths(&g, from.id, from.name, to.id, to.name, via_ids, via_names, q->n_via, &ps))
		goto out_graph;
	o = json_object();
	arr = json_array();
	for (size_t p = 0; p < ps.paths.n; p++) {
		json_t *hops = json_array(), *po = json_object();

		for (size_t h = 0; h < ps.paths.v[p].hops.n; h++)
			json_array_append_new(hops, edge_json(ps.paths.v[p].hops.v[h]));
		json_object_set_new(po, "length", json_integer((json_int_t)ps.paths.v[p].hops.n));
		json_object_set_new(po, "hops", hops);
		json_array_append_new(arr, po);
	}
	json_object_set_new(o, "from", json_string(from.name));
	json_object_set_new(o, "to", json_string(to.name));
	json_object_set_new(o, "paths", arr);
	json_object_set_new(o, "max_depth", json_integer(ps.max_depth));
	json_object_set_new(o, "functions_searched", json_integer(ps.visited));
	json_object_set_new(o, "timed_out", json_boolean(ps.timed_out));
	json_object_set_new(o, "depth_limited", json_boolean(ps.depth_limited));
out_graph:
	path_search_release(&ps);
	callgraph_release(&g);
out:
	resolved_release(&from);
	resolved_release(&to);
	for (int i = 0; i < q->n_via; i++)
		resolved_release(&via[i]);
	free(via);
	free(via_ids);
	free(via_names);
	return o;
}

/*
 * The rows of statement NAME (impl or impl_copies, tool/sql/lookup.sql)
 * for STRCT.FIELD into ARR. Columns 6 and 7: the helper that assigns the
 * field and its parameter; for a copy (column 8, the field read), the
 * function that copies it and the copy's line, with its file in column 9.
 */
static void impl_rows(struct db *db, const char *name, const char *strct, const char *field, json_t *arr)
{
	sqlite3_stmt *st = db_stmt(db, SQL, name);

	bind_text(st, 1, strct);
	bind_text(st, 2, field);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *helper = (const char *)sqlite3_column_text(st, 6);
		const char *from = sqlite3_column_count(st) > 8 ? (const char *)sqlite3_column_text(st, 8) : NULL;
		json_t *o = json_object();

		json_object_set_new(o, "struct", json_string(strct));
		json_object_set_new(o, "field", json_string(field));
		json_object_set_new(o, "function", jstr((const char *)sqlite3_column_text(st, 0)));
		json_object_set_new(o, "context", jstr((const char *)sqlite3_column_text(st, 1)));
		json_object_set_new(o, "table", jstr((const char *)sqlite3_column_text(st, 2)));
		json_object_set_new(o, "file", jstr((const char *)sqlite3_column_text(st, 3)));
		json_object_set_new(o, "line", json_integer(sqlite3_column_int(st, 4)));
		json_object_set_new(o, "tu", jstr((const char *)sqlite3_column_text(st, 5)));
		json_object_set_new(o, "helper", jstr(helper));
		json_object_set_new(o, "arg", helper && !from ? json_integer(sqlite3_column_int(st, 7)) : json_null());
		json_object_set_new(o, "copied_from", jstr(from));
		json_object_set_new(o, "copy_file", jstr(from ? (const char *)sqlite3_column_text(st, 9) : NULL));
		json_object_set_new(o, "copy_line", from ? json_integer(sqlite3_column_int(st, 7)) : json_null());
		json_array_append_new(arr, o);
	}
	sqlite3_reset(st);
}

/* FIELD alone is fine when one struct has it. */
static int pick_struct(struct db *db, const char *field, char **out)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "structs_with_field");
	struct strbuf sb = STRBUF_INIT;
	int n = 0;

	bind_text(st, 1, field);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		if (!n)
			*out = xstrdup(s);
		sb_addf(&sb, "\n  %s.%s", s, field);
		n++;
	}
	sqlite3_reset(st);
	if (n == 1) {
		sb_free(&sb);
		return 0;
	}
	if (n == 0)
		error_set("no function is bound to a field named '%s' in the index", field);
	else
		error_set("'%s' is a field of %d structs; name one as STRUCT.FIELD:%s", field, n, sb.buf);
	free(n ? *out : NULL);
	*out = NULL;
	sb_free(&sb);
	return -1;
}

json_t *answer_impl(struct db *db, const char *c_arg)
{
	char *arg = c_name(c_arg);
	const char *dot = strrchr(arg, '.');
	char *strct = NULL, *field = NULL;
	json_t *arr = NULL;
	sqlite3_stmt *st;

	if (dot) {
		strct = xstrndup(arg, dot - arg);
		field = xstrdup(dot + 1);
	} else {
		field = xstrdup(arg);
		if (pick_struct(db, field, &strct))
			goto out;
	}
	arr = json_array();
	impl_rows(db, "impl", strct, field, arr);
	st = db_stmt(db, SQL, "field_copied");
	bind_text(st, 1, strct);
	bind_text(st, 2, field);
	if (sqlite3_step(st) == SQLITE_ROW)
		impl_rows(db, "impl_copies", strct, field, arr);
	sqlite3_reset(st);
	if (!json_array_size(arr)) {
		char *full = xasprintf("%s.%s", strct, field);
		sqlite3_stmt *k = db_stmt(db, SQL, "field_known");

		bind_text(k, 1, full);
		if (sqlite3_step(k) == SQLITE_ROW) {
			error_set("no function is bound to '%s' in the index", full);
		} else {
			char *s = suggest(db, full, "field");

			error_set("no field '%s' in the index%s", full, s);
			free(s);
		}
		sqlite3_reset(k);
		free(full);
		json_decref(arr);
		arr = NULL;
	}
out:
	free(strct);
	free(field);
	free(arg);
	return arr;
}

/* Members bound to functions, and to variables by address. */
static json_t *ops_members(struct db *db, sqlite3_int64 table)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "ops_members");
	json_t *arr = json_array();

	bind_int(st, 1, table);
	while (sqlite3_step(st) == SQLITE_ROW) {
		bool var = sqlite3_column_int(st, 5);
		json_t *o = json_object();

		json_object_set_new(o, "field", jstr((const char *)sqlite3_column_text(st, 0)));
		json_object_set_new(o, var ? "variable" : "function",
				    jstr((const char *)sqlite3_column_text(st, 1)));
		json_object_set_new(o, "file", jstr((const char *)sqlite3_column_text(st, 2)));
		json_object_set_new(o, "line", json_integer(sqlite3_column_int(st, 3)));
		json_array_append_new(arr, o);
	}
	sqlite3_reset(st);
	return arr;
}

json_t *answer_ops(struct db *db, const char *what)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "ops_all");
	VEC(sqlite3_int64) ids = { 0 };
	json_t *arr = json_array();

	bind_text(st, 1, what);
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *o = json_object();

		VEC_PUSH(&ids, sqlite3_column_int64(st, 0));
		json_object_set_new(o, "table", jstr((const char *)sqlite3_column_text(st, 1)));
		json_object_set_new(o, "struct", jstr((const char *)sqlite3_column_text(st, 2)));
		json_object_set_new(o, "is_array", json_boolean(sqlite3_column_int(st, 5)));
		json_object_set_new(o, "file", jstr((const char *)sqlite3_column_text(st, 3)));
		json_object_set_new(o, "line", json_integer(sqlite3_column_int(st, 4)));
		json_object_set_new(o, "functions", json_integer(sqlite3_column_int(st, 6)));
		json_array_append_new(arr, o);
	}
	sqlite3_reset(st);
	if (what && !ids.n) {
		char *s = suggest(db, what, "var");

		error_set("no ops table or struct named '%s' in the index%s", what, s);
		free(s);
		json_decref(arr);
		VEC_FREE(&ids);
		return NULL;
	}
	/* members last, then the count, in the order --json has always printed */
	for (size_t i = 0; i < ids.n; i++) {
		json_t *o = json_array_get(arr, i), *n = json_object_get(o, "functions");

		json_incref(n);
		json_object_del(o, "functions");
		json_object_set_new(o, "members", ops_members(db, ids.v[i]));
		json_object_set_new(o, "functions", n);
	}
	VEC_FREE(&ids);
	return arr;
}

json_t *answer_refs(struct db *db, const char *arg)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "refs");
	json_t *arr = json_array();
	char *name = c_name(arg);

	bind_text(st, 1, name);
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *o = json_object();

		json_object_set_new(o, "name", jstr((const char *)sqlite3_column_text(st, 0)));
		json_object_set_new(o, "kind", jstr((const char *)sqlite3_column_text(st, 1)));
		json_object_set_new(o, "file", jstr((const char *)sqlite3_column_text(st, 2)));
		json_object_set_new(o, "line", json_integer(sqlite3_column_int(st, 3)));
		json_object_set_new(o, "col", json_integer(sqlite3_column_int(st, 4)));
		json_object_set_new(o, "in_macro", json_boolean(sqlite3_column_int(st, 5)));
		json_object_set_new(o, "function", jstr((const char *)sqlite3_column_text(st, 6)));
		json_array_append_new(arr, o);
	}
	sqlite3_reset(st);
	if (!json_array_size(arr)) {
		sqlite3_stmt *k = db_stmt(db, SQL, "sym_kinds");

		bind_text(k, 1, name);
		if (sqlite3_step(k) == SQLITE_ROW)
			error_set("'%s' is in the index but nothing refers to it", name);
		else
			missing_name(db, name, "function, global or field",
				     strchr(name, '.') ? "field" : "function");
		sqlite3_reset(k);
		json_decref(arr);
		arr = NULL;
	}
	free(name);
	return arr;
}
