// SPDX-License-Identifier: GPL-2.0
/*
 * The source browser's router and the pieces every page shares: escaping,
 * links (relative, so that the export works from file://), the page
 * template (web/page.html), the static files, search.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/error.h"
#include "query/report.h"
#include "render/html_site.h"

#define SQL "tool/sql/html.sql"

void h_esc(struct strbuf *sb, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\0': rep = "\xef\xbf\xbd"; break;
		default: continue;
		}
		sb_add(sb, s + start, i - start);
		sb_adds(sb, rep);
		start = i + 1;
	}
	sb_add(sb, s + start, n - start);
}

void h_escs(struct strbuf *sb, const char *s)
{
	if (s)
		h_esc(sb, s, strlen(s));
}

void h_url(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = *s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '/' || c == '.' || c == '_' || c == '-' || c == '~') {
			sb_add(sb, (const char *)&c, 1);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };

			sb_add(sb, e, 3);
		}
	}
}

static const char *ext(struct page *p)
{
	return p->site->export ? ".html" : "";
}

bool h_source_exported(struct html_site *s, const char *path)
{
	if (!path || path[0] == '/')
		return false;
	return !s->have_only || strmap_get(&s->only, path);
}

void h_href_source(struct page *p, const char *path, int line)
{
	sb_adds(&p->body, p->root);
	sb_adds(&p->body, "source/");
	h_url(&p->body, path);
	sb_adds(&p->body, ext(p));
	if (line > 0)
		sb_addf(&p->body, "#L%d", line);
}

void h_link_source(struct page *p, const char *path, int line, const char *text)
{
	bool link = h_source_exported(p->site, path);

	if (link) {
		sb_adds(&p->body, "<a class=\"at\" href=\"");
		h_href_source(p, path, line);
		sb_adds(&p->body, "\">");
	} else {
		sb_adds(&p->body, "<span class=\"at\">");
	}
	if (text) {
		h_escs(&p->body, text);
	} else {
		h_escs(&p->body, path);
		if (line > 0)
			sb_addf(&p->body, ":%d", line);
	}
	sb_adds(&p->body, link ? "</a>" : "</span>");
}

char *h_fn_path(struct html_site *s, const char *name, const char *file)
{
	sqlite3_stmt *st = db_stmt(s->db, SQL, "fn_count");
	int n = 0;

	bind_text(st, 1, name);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (n > 1 && file)
		return xasprintf("fn/%s:%s", file, name);
	return xasprintf("fn/%s", name);
}

void h_href_fn(struct page *p, const char *name, const char *file)
{
	char *path = h_fn_path(p->site, name, file);

	sb_adds(&p->body, p->root);
	h_url(&p->body, path);
	sb_adds(&p->body, ext(p));
	free(path);
}

void h_link_fn(struct page *p, const char *name, const char *file, const char *text)
{
	sb_adds(&p->body, "<a class=\"fn\" href=\"");
	h_href_fn(p, name, file);
	sb_adds(&p->body, "\">");
	h_escs(&p->body, text ? text : name);
	sb_adds(&p->body, "</a>");
}

void h_link_dir(struct page *p, const char *dir, const char *text)
{
	sb_adds(&p->body, "<a class=\"dir\" href=\"");
	sb_adds(&p->body, p->root);
	sb_adds(&p->body, "source/");
	if (*dir) {
		h_url(&p->body, dir);
		sb_adds(&p->body, "/");
	}
	if (p->site->export)
		sb_adds(&p->body, "index.html");
	sb_adds(&p->body, "\">");
	h_escs(&p->body, text ? text : dir);
	sb_adds(&p->body, "</a>");
}

void h_link_device(struct page *p, const char *name)
{
	sb_adds(&p->body, "<a class=\"dev\" href=\"");
	sb_adds(&p->body, p->root);
	sb_adds(&p->body, "device/");
	h_url(&p->body, name);
	sb_adds(&p->body, ext(p));
	sb_adds(&p->body, "\">");
	h_escs(&p->body, name);
	sb_adds(&p->body, "</a>");
}

void h_link_struct(struct page *p, const char *name)
{
	sb_adds(&p->body, "<a class=\"st\" href=\"");
	sb_adds(&p->body, p->root);
	sb_adds(&p->body, "struct/");
	h_url(&p->body, name);
	sb_adds(&p->body, ext(p));
	sb_adds(&p->body, "\">struct ");
	h_escs(&p->body, name);
	sb_adds(&p->body, "</a>");
}

/* --- pages ---------------------------------------------------------------- */

void page_init(struct page *p, struct html_site *s, const char *url)
{
	struct strbuf root = STRBUF_INIT;

	memset(p, 0, sizeof(*p));
	p->site = s;
	for (const char *c = url + (url[0] == '/'); *c; c++)
		if (*c == '/')
			sb_adds(&root, "../");
	p->root = root.len ? sb_detach(&root) : xstrdup("./");
}

void page_release(struct page *p)
{
	free((char *)p->root);
	sb_free(&p->body);
	sb_free(&p->cards);
	strmap_free(&p->card_keys);
	strvec_clear(&p->card_names);
}

/* web/page.html with its {{NAME}} slots filled. */
void page_finish(struct page *p, struct strbuf *out, const char *title, const char *bodyclass)
{
	const char *t = embedded_get("web/page.html"), *slot;

	while ((slot = strstr(t, "{{"))) {
		const char *end = strstr(slot, "}}");
		size_t n;

		if (!end)
			break;
		sb_add(out, t, slot - t);
		n = end - slot - 2;
		if (n == 5 && !strncmp(slot + 2, "title", 5))
			h_escs(out, title);
		else if (n == 4 && !strncmp(slot + 2, "root", 4))
			sb_adds(out, p->root);
		else if (n == 4 && !strncmp(slot + 2, "mode", 4))
			sb_adds(out, p->site->export ? "static" : "serve");
		else if (n == 5 && !strncmp(slot + 2, "class", 5))
			sb_adds(out, bodyclass ? bodyclass : "");
		else if (n == 4 && !strncmp(slot + 2, "body", 4))
			sb_add(out, p->body.buf ? p->body.buf : "", p->body.len);
		else if (n == 5 && !strncmp(slot + 2, "cards", 5))
			sb_add(out, p->cards.buf ? p->cards.buf : "", p->cards.len);
		t = end + 2;
	}
	sb_adds(out, t);
}

/* --- paths ---------------------------------------------------------------- */

bool html_safe_path(const char *path)
{
	const char *seg = path;

	if (!path || !*path || path[0] == '/')
		return false;
	for (const char *c = path;; c++) {
		if (*c == '/' || *c == '\0') {
			size_t n = c - seg;

			if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
				return false;
			if (*c == '\0')
				return true;
			seg = c + 1;
		} else if ((unsigned char)*c < 0x20 || *c == '\\' || *c == 0x7f) {
			return false;
		}
	}
}

char *html_read_tree(struct html_site *s, const char *path, size_t *len)
{
	char *full, real[PATH_MAX];
	size_t tl = strlen(s->tree);

	if (!html_safe_path(path))
		return NULL;
	full = xasprintf("%s/%s", s->tree, path);
	if (!realpath(full, real) || strncmp(real, s->tree, tl) || real[tl] != '/') {
		free(full);
		return NULL;
	}
	free(full);
	return read_file(real, 64 << 20, len, NULL);
}

/* --- site ----------------------------------------------------------------- */

static void free_members(struct html_site *s);

/* Every device the reports know, by top directory: [{name, setup, file}]. */
static json_t *list_devices(struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "top_dirs");
	json_t *out = json_array();
	struct strvec dirs = { 0 };

	while (sqlite3_step(st) == SQLITE_ROW)
		VEC_PUSH(&dirs, xstrdup((const char *)sqlite3_column_text(st, 0)));
	sqlite3_reset(st);
	for (size_t i = 0; i < dirs.n; i++) {
		json_t *devs = report_build(db, dirs.v[i], true), *d;
		size_t k;

		free(dirs.v[i]);
		if (!devs) {	/* a directory without devices */
			error_clear();
			continue;
		}
		json_array_foreach(devs, k, d) {
			json_t *e = json_object();

			json_object_set(e, "name", json_object_get(d, "name"));
			json_object_set(e, "setup", json_object_get(d, "setup"));
			json_object_set(e, "file", json_object_get(d, "file"));
			json_array_append_new(out, e);
		}
		json_decref(devs);
	}
	VEC_FREE(&dirs);
	return out;
}

int html_site_init(struct html_site *s, struct db *db, const char *tree, bool export)
{
	char real[PATH_MAX];

	memset(s, 0, sizeof(*s));
	s->db = db;
	s->export = export;
	if (!tree) {
		sqlite3_stmt *st = db_stmt(db, SQL, "tree");

		if (sqlite3_step(st) == SQLITE_ROW)
			tree = (const char *)sqlite3_column_text(st, 0);
		if (!tree) {
			sqlite3_reset(st);
			return error_set("the index names no tree: pass -C TREE");
		}
		s->tree = xstrdup(tree);
		sqlite3_reset(st);
	} else {
		s->tree = xstrdup(tree);
	}
	if (!realpath(s->tree, real)) {
		error_set("cannot open the tree '%s': %m", s->tree);
		free(s->tree);
		s->tree = NULL;
		return -1;
	}
	free(s->tree);
	s->tree = xstrdup(real);
	s->devices = list_devices(db);
	return 0;
}

void html_site_release(struct html_site *s)
{
	free(s->tree);
	strmap_free(&s->only);
	json_decref(s->devices);
	free_members(s);
}

/* --- search --------------------------------------------------------------- */

static void add_entry(json_t *out, const char *name, const char *kind, const char *url,
		      const char *where)
{
	json_t *e = json_object();

	json_object_set_new(e, "n", json_string(name));
	json_object_set_new(e, "k", json_string(kind));
	json_object_set_new(e, "u", json_string(url));
	if (where)
		json_object_set_new(e, "w", json_string(where));
	json_array_append_new(out, e);
}

static char *next_prefix(const char *prefix)
{
	char *hi = xstrdup(prefix);
	size_t n = strlen(hi);

	while (n && (unsigned char)hi[n - 1] == 0xff)
		hi[--n] = '\0';
	if (n)
		hi[n - 1]++;
	else {
		free(hi);
		hi = xstrdup("\xff");
	}
	return hi;
}

static void search_struct(json_t *out, const char *name, struct strmap *seen, const char *ext)
{
	char *url;
	bool ins;

	strmap_put(seen, name, 1, &ins);
	if (!ins)
		return;
	url = xasprintf("struct/%s%s", name, ext);
	add_entry(out, name, "struct", url, NULL);
	free(url);
}

/*
 * A field "struct.member", linked to its struct's page; WITH_STRUCT: the
 * struct first (the prefix named it). SEEN keeps each name once.
 */
static void search_field(json_t *out, const char *name, struct strmap *seen, const char *ext,
			 int limit, bool with_struct)
{
	char *sname = xstrdup(name), *dot = strchr(sname, '.'), *url;
	bool ins;

	if (dot)
		*dot = '\0';
	if (with_struct)
		search_struct(out, sname, seen, ext);
	strmap_put(seen, name, 1, &ins);
	if (ins && (int)json_array_size(out) < limit) {
		url = xasprintf("struct/%s%s#%s", sname, ext, dot ? dot + 1 : "");
		add_entry(out, name, "field", url, NULL);
		free(url);
	}
	free(sname);
}

/*
 * Fields by their member's name ("ndo_start" finds
 * net_device_ops.ndo_start_xmit). The index has no column for the member,
 * and scanning every field per keystroke costs more than the whole answer
 * may, so serve keeps them sorted by member, read again when the index has
 * changed since (an 'index' run writing while serve serves).
 */
struct field_member {
	const char *member;	/* inside name */
	char *name;
};

static int member_cmp(const void *a, const void *b)
{
	const struct field_member *x = a, *y = b;
	int c = strcmp(x->member, y->member);

	return c ? c : strcmp(x->name, y->name);
}

static void free_members(struct html_site *s)
{
	for (size_t i = 0; i < s->n_members; i++)
		free(s->members[i].name);
	free(s->members);
	s->members = NULL;
	s->n_members = 0;
}

static void load_members(struct html_site *s)
{
	sqlite3_stmt *st = db_stmt(s->db, SQL, "data_version");
	sqlite3_int64 version = 0;
	size_t cap = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s->members && version == s->members_version)
		return;
	free_members(s);
	s->members_version = version;
	st = db_stmt(s->db, SQL, "field_names");
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *name = xstrdup((const char *)sqlite3_column_text(st, 0));
		const char *dot = strchr(name, '.');

		if (s->n_members == cap) {
			cap = cap ? 2 * cap : 1024;
			s->members = xrealloc(s->members, cap * sizeof(*s->members));
		}
		s->members[s->n_members].name = name;
		s->members[s->n_members].member = dot ? dot + 1 : name;
		s->n_members++;
	}
	sqlite3_reset(st);
	if (!s->members)
		s->members = xcalloc(1, sizeof(*s->members));
	qsort(s->members, s->n_members, sizeof(*s->members), member_cmp);
}

static void search_members(struct html_site *s, json_t *out, const char *prefix,
			   struct strmap *seen, const char *ext, int limit)
{
	size_t lo = 0, hi, n = strlen(prefix);

	load_members(s);
	hi = s->n_members;
	while (lo < hi) {	/* the first member >= prefix */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(s->members[mid].member, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->n_members && (int)json_array_size(out) < limit &&
	       !strncmp(s->members[lo].member, prefix, n); lo++)
		search_field(out, s->members[lo].name, seen, ext, limit, false);
}

json_t *html_search(struct html_site *s, const char *prefix, int limit)
{
	const char *ext = s->export ? ".html" : "";
	json_t *out = json_array(), *d;
	char *hi, *url;
	struct strmap seen = { 0 };
	sqlite3_stmt *st;
	size_t k;

	if (!*prefix)
		return out;
	hi = next_prefix(prefix);
	json_array_foreach(s->devices, k, d) {
		const char *n = json_string_value(json_object_get(d, "name"));

		if (n && !strncmp(n, prefix, strlen(prefix)) && (int)json_array_size(out) < limit) {
			url = xasprintf("device/%s%s", n, ext);
			add_entry(out, n, "device", url, json_string_value(json_object_get(d, "file")));
			free(url);
		}
	}
	st = db_stmt(s->db, SQL, "search_sym");
	bind_text(st, 1, prefix);
	bind_text(st, 2, hi);
	bind_int(st, 3, limit * 4);
	while (sqlite3_step(st) == SQLITE_ROW && (int)json_array_size(out) < limit) {
		const char *n = (const char *)sqlite3_column_text(st, 0);
		const char *kind = (const char *)sqlite3_column_text(st, 1);

		if (!strcmp(kind, "field")) {
			search_field(out, n, &seen, ext, limit, true);
		} else {
			url = xasprintf("fn/%s%s", n, ext);
			add_entry(out, n, "function", url, NULL);
			free(url);
		}
	}
	sqlite3_reset(st);
	search_members(s, out, prefix, &seen, ext, limit);
	st = db_stmt(s->db, SQL, "search_ops");
	bind_text(st, 1, prefix);
	bind_text(st, 2, hi);
	bind_int(st, 3, limit);
	while (sqlite3_step(st) == SQLITE_ROW && (int)json_array_size(out) < limit) {
		const char *path = (const char *)sqlite3_column_text(st, 1);
		char *where = xasprintf("%s:%d", path, sqlite3_column_int(st, 2));

		url = xasprintf("source/%s%s#L%d", path, ext, sqlite3_column_int(st, 2));
		add_entry(out, (const char *)sqlite3_column_text(st, 0), "ops", url, where);
		free(url);
		free(where);
	}
	sqlite3_reset(st);
	strmap_free(&seen);
	free(hi);
	return out;
}

json_t *html_search_all(struct html_site *s)
{
	json_t *out = json_array(), *d;
	sqlite3_stmt *st;
	struct strmap seen = { 0 };
	char *url;
	size_t k;

	json_array_foreach(s->devices, k, d) {
		const char *n = json_string_value(json_object_get(d, "name"));

		url = xasprintf("device/%s.html", n);
		add_entry(out, n, "device", url, json_string_value(json_object_get(d, "file")));
		free(url);
	}
	st = db_stmt(s->db, SQL, "all_funcs");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 0);
		const char *file = (const char *)sqlite3_column_text(st, 1);
		char *path;
		bool ins;

		if (!h_source_exported(s, file))
			continue;
		path = h_fn_path(s, n, file);
		strmap_put(&seen, path, 1, &ins);
		if (ins) {
			url = xasprintf("%s.html", path);
			add_entry(out, n, "function", url, file);
			free(url);
		}
		free(path);
	}
	sqlite3_reset(st);
	strmap_free(&seen);
	st = db_stmt(s->db, SQL, "all_structs");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 0);

		url = xasprintf("struct/%s.html", n);
		add_entry(out, n, "struct", url, NULL);
		free(url);
	}
	sqlite3_reset(st);
	st = db_stmt(s->db, SQL, "all_fields");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 0);
		const char *dot = strchr(n, '.');

		url = xasprintf("struct/%.*s.html#%s", (int)(dot ? dot - n : 0), n, dot ? dot + 1 : "");
		add_entry(out, n, "field", url, NULL);
		free(url);
	}
	sqlite3_reset(st);
	st = db_stmt(s->db, SQL, "all_ops");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 2);
		char *where = xasprintf("%s:%d", path, sqlite3_column_int(st, 3));

		if (h_source_exported(s, path)) {
			url = xasprintf("source/%s.html#L%d", path, sqlite3_column_int(st, 3));
			add_entry(out, (const char *)sqlite3_column_text(st, 0), "ops", url, where);
			free(url);
		}
		free(where);
	}
	sqlite3_reset(st);
	return out;
}

/* --- the router ----------------------------------------------------------- */

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && !strcmp(s + n - m, suf);
}

static const char *content_type(const char *name)
{
	if (has_suffix(name, ".css"))
		return "text/css; charset=utf-8";
	if (has_suffix(name, ".js"))
		return "text/javascript; charset=utf-8";
	if (has_suffix(name, ".svg"))
		return "image/svg+xml";
	return "text/plain; charset=utf-8";
}

static int not_found(struct html_site *s, const char *url, struct strbuf *out, const char **type)
{
	struct page p;

	page_init(&p, s, url);
	sb_adds(&p.body, "<h1>Not found</h1><p>No page here. Try the <a href=\"");
	sb_adds(&p.body, p.root);
	sb_adds(&p.body, s->export ? "index.html" : "");
	sb_adds(&p.body, "\">front page</a> or the search box.</p>");
	page_finish(&p, out, "not found", "page");
	page_release(&p);
	*type = "text/html; charset=utf-8";
	return 404;
}

int html_route(struct html_site *s, const char *url, const char *query,
	       struct strbuf *out, const char **type)
{
	struct strbuf title = STRBUF_INIT;
	struct page p;
	char *arg = NULL;
	int rc = 404;
	const char *bodyclass = "page";

	*type = "text/html; charset=utf-8";
	if (!strncmp(url, "/static/", 8)) {
		char *name = xasprintf("web/%s", url + 8);
		const char *t = html_safe_path(url + 8) ? embedded_get(name) : NULL;

		free(name);
		if (!t)
			return not_found(s, url, out, type);
		sb_adds(out, t);
		*type = content_type(url);
		return 200;
	}
	if (!strcmp(url, "/search")) {
		json_t *res = html_search(s, query ? query : "", 20);
		char *j = json_dumps(res, JSON_COMPACT);

		sb_adds(out, j);
		free(j);
		json_decref(res);
		*type = "application/json";
		return 200;
	}
	page_init(&p, s, url);
	if (!strncmp(url, "/card/", 6)) {
		rc = html_card(&p, url + 6, out);
		page_release(&p);
		if (rc != 200)
			return not_found(s, url, out, type);
		return rc;
	}
	if (!strcmp(url, "/") || !strcmp(url, "/index.html")) {
		rc = html_front_page(&p);
		sb_adds(&title, "ndoscope");
	} else if (!strncmp(url, "/source/", 8) || !strcmp(url, "/source")) {
		const char *path = url[7] ? url + 8 : "";
		size_t n = strlen(path);

		arg = xstrdup(path);
		if (has_suffix(arg, "/index.html"))
			arg[n - 11] = '\0';
		else if (!strcmp(arg, "index.html"))
			arg[0] = '\0';
		n = strlen(arg);
		while (n && arg[n - 1] == '/')
			arg[--n] = '\0';
		rc = 404;
		if (n && strcmp(path + strlen(path) - 1, "/")) {
			bodyclass = "src";
			rc = html_source_page(&p, arg, &title);
			if (rc != 200 && has_suffix(arg, ".html")) {
				arg[n - 5] = '\0';
				rc = html_source_page(&p, arg, &title);
			}
		}
		if (rc != 200) {
			bodyclass = "page";
			sb_reset(&p.body);
			rc = html_dir_page(&p, arg);
			sb_addf(&title, "%s/", *arg ? arg : "tree");
		}
	} else if (!strncmp(url, "/fn/", 4)) {
		arg = xstrdup(url + 4);
		if (has_suffix(arg, ".html"))
			arg[strlen(arg) - 5] = '\0';
		rc = html_fn_page(&p, arg, &title);
	} else if (!strncmp(url, "/device/", 8)) {
		arg = xstrdup(url + 8);
		if (has_suffix(arg, ".html"))
			arg[strlen(arg) - 5] = '\0';
		rc = html_device_page(&p, arg);
		sb_addf(&title, "device %s", arg);
	} else if (!strncmp(url, "/struct/", 8)) {
		arg = xstrdup(url + 8);
		if (has_suffix(arg, ".html"))
			arg[strlen(arg) - 5] = '\0';
		rc = html_struct_page(&p, arg);
		sb_addf(&title, "struct %s", arg);
	}
	if (rc == 200)
		page_finish(&p, out, title.buf ? title.buf : "ndoscope", bodyclass);
	page_release(&p);
	sb_free(&title);
	free(arg);
	if (rc != 200)
		return not_found(s, url, out, type);
	return rc;
}
