// SPDX-License-Identifier: GPL-2.0
/*
 * The source browser's other pages: the front page, directories, a
 * function with its call graph, a device's report, a struct, and the
 * hover cards. Every string from the source or the DB is escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "query/report.h"
#include "render/draw.h"
#include "render/html_site.h"

#define SQL "tool/sql/html.sql"
#define CARD_ROWS 8

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* --- front page and directories ------------------------------------------- */

int html_front_page(struct page *p)
{
	struct strbuf *b = &p->body;
	sqlite3_stmt *st;
	json_t *d;
	size_t k;
	const char *last = NULL;
	char *prev = NULL;

	sb_adds(b, "<h1>ndoscope</h1><p class=\"lead\">The kernel's networking code, indexed: "
		"click a name to reach its definition, hover it for its callers and callees; "
		"under each call through a function pointer, the functions it reaches.</p>");
	sb_adds(b, "<div class=\"cols\"><section><h2>Source</h2><ul class=\"dirs\">");
	st = db_stmt(p->site->db, SQL, "top_dirs");
	while (sqlite3_step(st) == SQLITE_ROW) {
		sb_adds(b, "<li>");
		h_link_dir(p, col(st, 0), NULL);
		sb_adds(b, "/</li>");
	}
	sqlite3_reset(st);
	sb_adds(b, "</ul></section><section><h2>Devices</h2><ul class=\"devs\">");
	json_array_foreach(p->site->devices, k, d) {
		sb_adds(b, "<li>");
		h_link_device(p, json_string_value(json_object_get(d, "name")));
		sb_adds(b, " <span class=\"dim\">set up by ");
		h_escs(b, json_string_value(json_object_get(d, "setup")));
		sb_adds(b, "</span></li>");
	}
	if (!json_array_size(p->site->devices))
		sb_adds(b, "<li class=\"dim\">none in this index</li>");
	sb_adds(b, "</ul></section></div><section><h2>Ops tables</h2>");
	st = db_stmt(p->site->db, SQL, "all_ops");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *strct = col(st, 1);

		if (!last || strcmp(last, strct)) {
			if (last)
				sb_adds(b, "</ul>");
			sb_adds(b, "<h3>");
			h_link_struct(p, strct);
			sb_adds(b, "</h3><ul class=\"ops\">");
			free(prev);
			prev = xstrdup(strct);
			last = prev;
		}
		sb_adds(b, "<li>");
		h_link_source(p, col(st, 2), sqlite3_column_int(st, 3), col(st, 0));
		sb_adds(b, " <span class=\"dim\">");
		h_escs(b, col(st, 2));
		sb_adds(b, "</span></li>");
	}
	sqlite3_reset(st);
	if (last)
		sb_adds(b, "</ul>");
	free(prev);
	sb_adds(b, "</section>");
	return 200;
}

int html_dir_page(struct page *p, const char *dir)
{
	struct strbuf *b = &p->body, lo = STRBUF_INIT, hi = STRBUF_INIT;
	sqlite3_stmt *st;
	char *last_sub = NULL;
	int n = 0;

	if (*dir && !html_safe_path(dir))
		return 404;
	if (*dir) {
		sb_addf(&lo, "%s/", dir);
		sb_addf(&hi, "%s0", dir);
	} else {
		sb_adds(&lo, "");
		sb_adds(&hi, "\xff");
	}
	sb_adds(b, "<nav class=\"crumbs\">");
	h_link_dir(p, "", "tree");
	if (*dir) {
		sb_adds(b, " / <b>");
		h_escs(b, dir);
		sb_adds(b, "</b>");
	}
	sb_adds(b, "</nav><ul class=\"files\">");
	st = db_stmt(p->site->db, SQL, "files_under");
	bind_text(st, 1, lo.buf ? lo.buf : "");
	bind_text(st, 2, hi.buf);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *path = col(st, 0), *rest = path + lo.len, *slash = strchr(rest, '/');

		if (slash) {
			char *sub = xstrndup(path, slash - path);

			if (!last_sub || strcmp(last_sub, sub)) {
				sb_adds(b, "<li class=\"d\">");
				h_link_dir(p, sub, NULL);
				sb_adds(b, "/</li>");
				free(last_sub);
				last_sub = sub;
				n++;
			} else {
				free(sub);
			}
			continue;
		}
		if (!h_source_exported(p->site, path))
			continue;
		n++;
		sb_adds(b, "<li>");
		h_link_source(p, path, 0, rest);
		sb_addf(b, " <span class=\"dim\">%d function%s%s</span></li>", sqlite3_column_int(st, 1),
			sqlite3_column_int(st, 1) == 1 ? "" : "s", sqlite3_column_int(st, 2) ? ", a TU" : "");
	}
	sqlite3_reset(st);
	sb_adds(b, "</ul>");
	free(last_sub);
	sb_free(&lo);
	sb_free(&hi);
	return n ? 200 : 404;
}

/* --- functions ------------------------------------------------------------ */

/*
 * "int name(struct sk_buff *)" from the canonical type "int (struct sk_buff *)":
 * the name goes before the '(' that matches the type's last ')'.
 */
static void signature(struct strbuf *b, const char *name, const char *type)
{
	size_t n = type ? strlen(type) : 0;
	const char *paren = NULL;
	int depth = 0;

	for (size_t i = n; i-- > 0; ) {
		if (type[i] == ')')
			depth++;
		else if (type[i] == '(' && --depth == 0) {
			paren = type + i;
			break;
		}
	}
	if (!paren || type[n - 1] != ')') {
		h_escs(b, name);
		sb_adds(b, "()");
		return;
	}
	while (paren > type && paren[-1] == ' ')
		paren--;
	h_esc(b, type, paren - type);
	sb_adds(b, paren > type && paren[-1] != '*' ? " <b>" : "<b>");
	h_escs(b, name);
	sb_adds(b, "</b>");
	h_escs(b, paren + strspn(paren, " "));
}

/*
 * The callers or callees (STMT) of the functions called NAME, each at its
 * call site in FILE (where the function the page is about is defined) when
 * there is one, else at its first.
 */
static void edge_list(struct page *p, const char *stmt, const char *count, const char *name,
		      const char *file, int limit, const char *none)
{
	struct strbuf *b = &p->body;
	sqlite3_stmt *st = db_stmt(p->site->db, SQL, count);
	int n = 0, shown = 0;

	bind_text(st, 1, name);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (!n) {
		sb_addf(b, "<p class=\"dim\">%s</p>", none);
		return;
	}
	sb_adds(b, "<ul class=\"edges\">");
	st = db_stmt(p->site->db, SQL, stmt);
	bind_text(st, 1, name);
	bind_int(st, 2, limit);
	bind_text(st, 3, file);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *kind = col(st, 1), *via = col(st, 2);

		sb_adds(b, "<li>");
		h_link_fn(p, col(st, 0), NULL, NULL);
		if (strcmp(kind, "direct")) {
			sb_adds(b, " <span class=\"via\">");
			h_escs(b, kind);
			if (via) {
				sb_adds(b, " ");
				h_escs(b, via);
			}
			sb_adds(b, "</span>");
		}
		sb_adds(b, " ");
		h_link_source(p, col(st, 3), sqlite3_column_int(st, 4), NULL);
		sb_adds(b, "</li>");
		shown++;
	}
	sqlite3_reset(st);
	sb_adds(b, "</ul>");
	if (n > shown)
		sb_addf(b, "<p class=\"dim\">and %d more</p>", n - shown);
}

static bool exported(void *site, const char *file)
{
	return h_source_exported(site, file);
}

/*
 * A drawing, inline. Graphviz sizes it in points; the page takes them as
 * pixels (three quarters of the size), so that a wide graph stays
 * readable at its own size and scrolls rather than shrinking its text.
 */
static void dot_svg(struct page *p, const char *dot)
{
	char *svg = NULL, *start, *end;
	size_t len = 0;
	FILE *mem = open_memstream(&svg, &len);

	if (!mem)
		return;
	if (dotout_render(dot, strlen(dot), "svg", mem))
		error_clear();
	fclose(mem);
	start = svg ? strstr(svg, "<svg") : NULL;
	if (start) {
		end = strchr(start, '>');
		sb_adds(&p->body, "<div class=\"graph\">");
		for (char *c = start; *c; c++) {
			if (c < end && c[0] == 'p' && c[1] == 't' && c[2] == '"' && c > start &&
			    (c[-1] == '.' || (c[-1] >= '0' && c[-1] <= '9'))) {
				sb_adds(&p->body, "px");
				c++;
				continue;
			}
			sb_add(&p->body, c, 1);
		}
		sb_adds(&p->body, "</div>");
	}
	free(svg);
}

/*
 * One drawing per function page: its callers and its callees, one level
 * each (one Graphviz layout: the export draws thousands), nodes linked to
 * their definitions.
 */
static void fn_graph(struct page *p, sqlite3_int64 id, const char *name, const char *file,
		     int line)
{
	struct builder bd = { .max_fanout = 8, .dot.left_to_right = true };
	struct resolved fn = { .id = id, .name = (char *)name, .file = (char *)file, .line = line };
	struct strbuf base = STRBUF_INIT;
	char *dot = NULL;
	size_t dot_len = 0;

	sb_adds(&base, p->root);
	sb_adds(&base, "fn/");
	bd.dot.fn_url_base = base.buf;
	bd.dot.fn_url_ext = p->site->export ? ".html" : "";
	bd.dot.fn_url_ok = exported;
	bd.dot.fn_url_arg = p->site;
	draw_init(&bd, p->site->db, false);
	bd.reverse = true;
	if (draw_tree(&bd, &fn, 1))
		goto fail;
	bd.reverse = false;
	if (draw_tree(&bd, &fn, 1))
		goto fail;
	bd.dot.nodes.v[0].focus = true;
	dot = draw_dot(&bd, &dot_len);
	dot_svg(p, dot);
	goto out;
fail:
	error_clear();
out:
	draw_release(&bd);
	free(dot);
	sb_free(&base);
}

int html_fn_page(struct page *p, const char *arg, struct strbuf *title)
{
	struct strbuf *b = &p->body;
	const char *colon = strrchr(arg, ':'), *name = colon ? colon + 1 : arg;
	char *file = colon ? xstrndup(arg, colon - arg) : NULL;
	sqlite3_stmt *st = db_stmt(p->site->db, SQL, "fn_by_name");
	struct {
		sqlite3_int64 id;
		char *file, *type;
		int line;
	} hit[64];
	int n = 0, total = 0;

	bind_text(st, 1, name);
	while (sqlite3_step(st) == SQLITE_ROW) {
		total++;
		if (file && strcmp(file, col(st, 1)))
			continue;
		if (n == 64)
			break;
		hit[n].id = sqlite3_column_int64(st, 0);
		hit[n].file = xstrdup(col(st, 1));
		hit[n].line = sqlite3_column_int(st, 2);
		hit[n].type = xstrdup(col(st, 3));
		n++;
	}
	sqlite3_reset(st);
	free(file);
	if (!n)
		return 404;
	sb_addf(title, "%s()", name);
	if (n > 1) {
		sb_adds(b, "<h1>");
		h_escs(b, name);
		sb_addf(b, "</h1><p>%d static functions have this name:</p><ul>", n);
		for (int i = 0; i < n; i++) {
			sb_adds(b, "<li>");
			h_link_fn(p, name, hit[i].file, hit[i].file);
			sb_adds(b, " <code>");
			signature(b, name, hit[i].type);
			sb_adds(b, "</code></li>");
		}
		sb_adds(b, "</ul>");
		goto out;
	}
	sb_adds(b, "<h1 class=\"sig\"><code>");
	signature(b, name, hit[0].type);
	sb_adds(b, "</code></h1><p>Defined at ");
	h_link_source(p, hit[0].file, hit[0].line, NULL);
	sb_adds(b, total > 1 ? " (one of several static functions of this name)." : ".");
	sb_adds(b, "</p><div class=\"cols\"><section><h2>Callers</h2>");
	edge_list(p, "callers", "n_callers", name, hit[0].file, 40, "No caller in the index.");
	sb_adds(b, "</section><section><h2>Callees</h2>");
	edge_list(p, "callees", "n_callees", name, hit[0].file, 60, "Calls nothing the index knows.");
	sb_adds(b, "</section></div><h2>Call graph: callers and callees</h2>");
	fn_graph(p, hit[0].id, name, hit[0].file, hit[0].line);
out:
	for (int i = 0; i < n; i++) {
		free(hit[i].file);
		free(hit[i].type);
	}
	return 200;
}

/* --- devices: the report's JSON, rendered whatever its keys ---------------- */

static bool fn_key(const char *k)
{
	static const char *const keys[] = { "setup", "init", "xmit", "function", "caller",
					     "callee", NULL };

	for (int i = 0; k && keys[i]; i++)
		if (!strcmp(k, keys[i]))
			return true;
	return false;
}

static void json_html(struct page *p, const char *key, json_t *v);

static void json_scalar(struct page *p, const char *key, json_t *v)
{
	struct strbuf *b = &p->body;

	if (json_is_string(v)) {
		const char *s = json_string_value(v);

		if (fn_key(key))
			h_link_fn(p, s, NULL, NULL);
		else if (key && !strcmp(key, "struct"))
			h_link_struct(p, s);
		else if (strchr(s, '\n')) {
			sb_adds(b, "<pre>");
			h_escs(b, s);
			sb_adds(b, "</pre>");
		} else {
			h_escs(b, s);
		}
	} else if (json_is_integer(v)) {
		sb_addf(b, "%lld", (long long)json_integer_value(v));
	} else if (json_is_real(v)) {
		sb_addf(b, "%g", json_real_value(v));
	} else if (json_is_true(v)) {
		sb_adds(b, "yes");
	} else if (json_is_false(v)) {
		sb_adds(b, "no");
	} else {
		sb_adds(b, "<span class=\"dim\">none</span>");
	}
}

static bool is_where(const char *k)
{
	return !strcmp(k, "file") || !strcmp(k, "line");
}

static void where(struct page *p, json_t *o)
{
	const char *f = json_string_value(json_object_get(o, "file"));

	if (f)
		h_link_source(p, f, (int)json_integer_value(json_object_get(o, "line")), NULL);
}

static void json_table(struct page *p, json_t *arr)
{
	struct strbuf *b = &p->body;
	struct strvec cols = { 0 };
	struct strmap seen = { 0 };
	bool has_where = false, ins;
	json_t *o, *v;
	const char *k;
	size_t i;

	json_array_foreach(arr, i, o) {
		json_object_foreach(o, k, v) {
			if (is_where(k)) {
				has_where = true;
				continue;
			}
			strmap_put(&seen, k, 1, &ins);
			if (ins)
				VEC_PUSH(&cols, (char *)k);
		}
	}
	sb_adds(b, "<table class=\"rep\"><tr>");
	for (size_t c = 0; c < cols.n; c++) {
		sb_adds(b, "<th>");
		h_escs(b, cols.v[c]);
		sb_adds(b, "</th>");
	}
	if (has_where)
		sb_adds(b, "<th>where</th>");
	sb_adds(b, "</tr>");
	json_array_foreach(arr, i, o) {
		sb_adds(b, "<tr>");
		for (size_t c = 0; c < cols.n; c++) {
			sb_adds(b, "<td>");
			v = json_object_get(o, cols.v[c]);
			if (v)
				json_html(p, cols.v[c], v);
			sb_adds(b, "</td>");
		}
		if (has_where) {
			sb_adds(b, "<td>");
			where(p, o);
			sb_adds(b, "</td>");
		}
		sb_adds(b, "</tr>");
	}
	sb_adds(b, "</table>");
	strmap_free(&seen);
	VEC_FREE(&cols);
}

static void json_html(struct page *p, const char *key, json_t *v)
{
	struct strbuf *b = &p->body;
	const char *k;
	json_t *x;
	size_t i;

	if (json_is_array(v)) {
		bool objects = json_array_size(v) > 0;

		json_array_foreach(v, i, x)
			if (!json_is_object(x))
				objects = false;
		if (objects) {
			json_table(p, v);
			return;
		}
		json_array_foreach(v, i, x) {
			if (i)
				sb_adds(b, ", ");
			json_html(p, key, x);
		}
		return;
	}
	if (json_is_object(v)) {
		sb_adds(b, "<dl class=\"kv\">");
		json_object_foreach(v, k, x) {
			if (is_where(k))
				continue;
			sb_adds(b, "<dt>");
			h_escs(b, k);
			sb_adds(b, "</dt><dd>");
			json_html(p, k, x);
			sb_adds(b, "</dd>");
		}
		if (json_object_get(v, "file")) {
			sb_adds(b, "<dt>where</dt><dd>");
			where(p, v);
			sb_adds(b, "</dd>");
		}
		sb_adds(b, "</dl>");
		return;
	}
	json_scalar(p, key, v);
}

int html_device_page(struct page *p, const char *name)
{
	struct strbuf *b = &p->body;
	json_t *devs = report_build(p->site->db, name, false), *d, *v;
	const char *k;
	size_t i;
	int n = 0;

	if (!devs) {
		error_clear();
		return 404;
	}
	json_array_foreach(devs, i, d) {
		const char *dn = json_string_value(json_object_get(d, "name"));

		if (!dn || strcmp(dn, name))
			continue;
		n++;
		sb_adds(b, "<h1>device ");
		h_escs(b, dn);
		sb_adds(b, "</h1><dl class=\"kv top\">");
		json_object_foreach(d, k, v) {
			if (json_is_array(v) || json_is_object(v) || !strcmp(k, "name"))
				continue;
			if (json_is_string(v) && strchr(json_string_value(v), '\n'))
				continue;
			sb_adds(b, "<dt>");
			h_escs(b, k);
			sb_adds(b, "</dt><dd>");
			json_scalar(p, k, v);
			sb_adds(b, "</dd>");
		}
		sb_adds(b, "</dl>");
		json_object_foreach(d, k, v) {
			size_t kl = strlen(k);

			if (!json_is_array(v) && !json_is_object(v) &&
			    !(json_is_string(v) && strchr(json_string_value(v), '\n')))
				continue;
			sb_adds(b, "<section><h2>");
			h_escs(b, k);
			sb_adds(b, "</h2>");
			if (kl > 4 && !strcmp(k + kl - 4, "_dot") && json_is_string(v))
				dot_svg(p, json_string_value(v));
			else
				json_html(p, k, v);
			sb_adds(b, "</section>");
		}
	}
	json_decref(devs);
	return n ? 200 : 404;
}

/* --- structs -------------------------------------------------------------- */

int html_struct_page(struct page *p, const char *name)
{
	struct strbuf *b = &p->body;
	sqlite3_stmt *st;
	int n = 0;

	sb_adds(b, "<h1>struct ");
	h_escs(b, name);
	sb_adds(b, "</h1><h2>Ops tables of this type</h2><ul class=\"ops\">");
	st = db_stmt(p->site->db, SQL, "struct_ops");
	bind_text(st, 1, name);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sb_adds(b, "<li>");
		h_link_source(p, col(st, 1), sqlite3_column_int(st, 2), col(st, 0));
		sb_adds(b, " <span class=\"dim\">");
		h_escs(b, col(st, 1));
		sb_adds(b, "</span></li>");
		n++;
	}
	sqlite3_reset(st);
	if (!n)
		sb_adds(b, "<li class=\"dim\">none</li>");
	sb_adds(b, "</ul><h2>Fields the index saw</h2><table class=\"rep\"><tr><th>field</th>"
		"<th>functions bound</th><th>references</th></tr>");
	st = db_stmt(p->site->db, SQL, "struct_fields");
	bind_text(st, 1, name);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char key[32];

		snprintf(key, sizeof(key), "s%lld", (long long)sqlite3_column_int64(st, 0));
		sb_adds(b, "<tr id=\"");
		h_escs(b, col(st, 1));
		sb_adds(b, "\"><td><span class=\"fld\" tabindex=\"0\" data-c=\"");
		sb_adds(b, html_card_key(p, key));
		sb_adds(b, "\">");
		h_escs(b, col(st, 1));
		sb_addf(b, "</span></td><td>%d</td><td>%d</td></tr>", sqlite3_column_int(st, 2),
			sqlite3_column_int(st, 3));
		n++;
	}
	sqlite3_reset(st);
	sb_adds(b, "</table>");
	return n ? 200 : 404;
}

/* --- cards ---------------------------------------------------------------- */

/* A card's first line: "KIND <code>NAME</code>", left open for more. */
static void card_head(struct strbuf *b, const char *kind, const char *name)
{
	sb_adds(b, "<div class=\"card-h\">");
	sb_adds(b, kind);
	sb_adds(b, " <code>");
	h_escs(b, name);
	sb_adds(b, "</code>");
}

static void card_fn(struct page *p, sqlite3_int64 id, const char *name)
{
	struct strbuf *b = &p->body;
	sqlite3_stmt *st = db_stmt(p->site->db, SQL, "fn_of_sym");
	char *file = NULL, *type = NULL;
	int line = 0;

	bind_int(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		file = xstrdup(col(st, 0));
		line = sqlite3_column_int(st, 1);
		type = xstrdup(col(st, 2));
	}
	sqlite3_reset(st);
	sb_adds(b, "<div class=\"card-h\"><code>");
	signature(b, name, type);
	sb_adds(b, "</code></div>");
	if (file) {
		sb_adds(b, "<div>defined at ");
		h_link_source(p, file, line, NULL);
		sb_adds(b, " · ");
		h_link_fn(p, name, file, "function page");
		sb_adds(b, "</div>");
	} else {
		sb_adds(b, "<div class=\"dim\">declared only: not defined in the indexed files</div>");
	}
	sb_adds(b, "<div class=\"card-s\">callers</div>");
	edge_list(p, "callers", "n_callers", name, file, CARD_ROWS, "none in the index");
	sb_adds(b, "<div class=\"card-s\">callees</div>");
	edge_list(p, "callees", "n_callees", name, file, CARD_ROWS, "none in the index");
	free(file);
	free(type);
}

/* The uses of a field or variable, counted by kind, and the first few. */
static void card_uses(struct page *p, sqlite3_int64 id)
{
	struct strbuf *b = &p->body;
	sqlite3_stmt *st;
	int n = 0;

	sb_adds(b, "<div class=\"card-s\">uses</div><div>");
	st = db_stmt(p->site->db, SQL, "n_sym_uses");
	bind_int(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *kind = col(st, 0);
		int k = sqlite3_column_int(st, 1);

		sb_addf(b, "%s%d ", n++ ? ", " : "", k);
		if (kind && !strcmp(kind, "addr"))
			sb_adds(b, k == 1 ? "address taken" : "addresses taken");
		else {
			h_escs(b, kind);
			if (k != 1)
				sb_adds(b, "s");
		}
	}
	sqlite3_reset(st);
	sb_adds(b, n ? "</div><ul class=\"edges\">" : "none</div><ul class=\"edges\">");
	st = db_stmt(p->site->db, SQL, "sym_uses");
	bind_int(st, 1, id);
	bind_int(st, 2, 5);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sb_adds(b, "<li>");
		h_escs(b, col(st, 0));
		sb_adds(b, " ");
		h_link_source(p, col(st, 1), sqlite3_column_int(st, 2), NULL);
		sb_adds(b, "</li>");
	}
	sqlite3_reset(st);
	sb_adds(b, "</ul>");
}

/* A field's card: the functions bound to it (NAME is STRUCT.FIELD), then its uses. */
static void card_field(struct page *p, sqlite3_int64 id, const char *name)
{
	struct strbuf *b = &p->body;
	sqlite3_stmt *st;
	int n = 0, shown = 0;

	card_head(b, "field", name);
	sb_adds(b, "</div><div class=\"card-s\">functions bound to it</div>");
	sb_adds(b, "<ul class=\"edges\">");
	st = db_stmt(p->site->db, SQL, "field_bindings");
	bind_text(st, 1, name);
	bind_int(st, 2, CARD_ROWS);
	while (sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_int(st, 5);
		sb_adds(b, "<li>");
		h_link_fn(p, col(st, 0), NULL, NULL);
		if (col(st, 1)) {
			sb_adds(b, " in ");
			h_escs(b, col(st, 1));
		}
		sb_adds(b, " ");
		h_link_source(p, col(st, 3), sqlite3_column_int(st, 4), NULL);
		sb_adds(b, "</li>");
		shown++;
	}
	sqlite3_reset(st);
	if (!n)
		sb_adds(b, "<li class=\"dim\">none</li>");
	sb_adds(b, "</ul>");
	if (n > shown)
		sb_addf(b, "<div class=\"dim\">and %d more</div>", n - shown);
	card_uses(p, id);
}

static bool card_ops(struct page *p, sqlite3_int64 id, const char *name)
{
	struct strbuf *b = &p->body;
	sqlite3_stmt *st = db_stmt(p->site->db, SQL, "ops_of_sym");
	char *strct = NULL;

	bind_int(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		strct = xstrdup(col(st, 0));
	sqlite3_reset(st);
	if (!strct)
		return false;
	card_head(b, "ops table", name);
	sb_adds(b, ": ");
	h_link_struct(p, strct);
	sb_adds(b, "</div><table class=\"members\">");
	st = db_stmt(p->site->db, SQL, "ops_members");
	bind_int(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sb_adds(b, "<tr><td>.");
		h_escs(b, col(st, 0));
		sb_adds(b, "</td><td>");
		h_link_fn(p, col(st, 1), NULL, NULL);
		sb_adds(b, "</td></tr>");
	}
	sqlite3_reset(st);
	sb_adds(b, "</table>");
	free(strct);
	return true;
}

static bool card_flag(struct page *p, const char *name)
{
	struct strbuf *b = &p->body;
	sqlite3_stmt *st = db_stmt(p->site->db, SQL, "flag");
	bool found = false;

	bind_text(st, 1, name);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = true;
		card_head(b, "flag", name);
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			sb_addf(b, " = 0x%llx", (unsigned long long)sqlite3_column_int64(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			sb_addf(b, " (bit %d)", sqlite3_column_int(st, 1));
		sb_adds(b, "</div>");
		if (col(st, 2)) {
			sb_adds(b, "<blockquote class=\"doc\">");
			h_escs(b, col(st, 2));
			sb_adds(b, "</blockquote>");
		}
		sb_adds(b, "<div>");
		h_link_source(p, col(st, 3), sqlite3_column_int(st, 4), NULL);
		sb_adds(b, "</div>");
	}
	sqlite3_reset(st);
	return found;
}

/* The #define of NAME as written, continuation lines included. */
static void card_macro(struct page *p, const char *name)
{
	struct strbuf *b = &p->body;
	sqlite3_stmt *st = db_stmt(p->site->db, SQL, "macro_def");
	char *path = NULL, *text;
	int line = 0;
	size_t len;

	bind_text(st, 1, name);
	bind_int(st, 2, 0);
	if (sqlite3_step(st) == SQLITE_ROW) {
		path = xstrdup(col(st, 0));
		line = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (!path)
		return;
	if (!card_flag(p, name)) {
		card_head(b, "macro", name);
		sb_adds(b, "</div><div>");
		h_link_source(p, path, line, NULL);
		sb_adds(b, "</div>");
	}
	text = html_read_tree(p->site, path, &len);
	if (text) {
		const char *c = text, *end;
		int l = 1, shown = 0;

		while (l < line && (c = strchr(c, '\n')))
			c++, l++;
		if (c) {
			sb_adds(b, "<pre class=\"def\">");
			while (*c && shown < 12) {
				end = strchr(c, '\n');
				if (!end)
					end = c + strlen(c);
				h_esc(b, c, end - c);
				sb_adds(b, "\n");
				shown++;
				if (end == c || end[-1] != '\\' || !*end)
					break;
				c = end + 1;
			}
			sb_adds(b, "</pre>");
		}
		free(text);
	}
	free(path);
}

int html_card(struct page *p, const char *key, struct strbuf *out)
{
	struct strbuf saved = p->body;
	sqlite3_stmt *st;
	char *name = NULL, *kind = NULL;
	sqlite3_int64 id = 0;
	int rc = 200;

	p->body = (struct strbuf)STRBUF_INIT;
	if (!p->site->export) {
		free((char *)p->root);
		p->root = xstrdup("/");
	}
	if (key[0] == 's') {
		id = strtoll(key + 1, NULL, 10);
	} else if (!strncmp(key, "n:", 2)) {
		st = db_stmt(p->site->db, SQL, "fn_by_name");
		bind_text(st, 1, key + 2);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	} else if (!strncmp(key, "m:", 2)) {
		card_macro(p, key + 2);
		goto out;
	}
	st = db_stmt(p->site->db, SQL, "sym");
	bind_int(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		name = xstrdup(col(st, 0));
		kind = xstrdup(col(st, 1));
	}
	sqlite3_reset(st);
	if (!name) {
		rc = 404;
		goto out;
	}
	if (!strcmp(kind, "function"))
		card_fn(p, id, name);
	else if (!strcmp(kind, "field"))
		card_field(p, id, name);
	else if (!strcmp(kind, "enum")) {
		if (!card_flag(p, name)) {
			card_head(&p->body, "enumerator", name);
			sb_adds(&p->body, "</div>");
		}
	} else if (!card_ops(p, id, name)) {
		card_head(&p->body, "variable", name);
		sb_adds(&p->body, "</div>");
		card_uses(p, id);
	}
out:
	if (rc == 200)
		sb_add(out, p->body.buf ? p->body.buf : "", p->body.len);
	sb_free(&p->body);
	p->body = saved;
	free(name);
	free(kind);
	return rc;
}

const char *html_card_key(struct page *p, const char *key)
{
	struct strbuf card = STRBUF_INIT;
	const char *name;
	char local[32];
	int *slot;
	bool ins;

	if (!p->site->export)
		return key;
	slot = strmap_put(&p->card_keys, key, (int)p->card_names.n, &ins);
	if (!ins)
		return p->card_names.v[*slot];
	snprintf(local, sizeof(local), "s%zu", p->card_names.n + 1);
	strvec_push(&p->card_names, key[0] == 's' ? local : key);
	name = p->card_names.v[p->card_names.n - 1];
	if (html_card(p, key, &card) == 200 && card.len) {
		sb_adds(&p->cards, "<template id=\"card-");
		h_escs(&p->cards, name);
		sb_adds(&p->cards, "\">");
		sb_add(&p->cards, card.buf, card.len);
		sb_adds(&p->cards, "</template>\n");
	}
	sb_free(&card);
	return name;
}
