// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope diff: one question asked of two indexes, and the answers
 * compared. Each side's answer is the JSON the single-index commands give
 * (report.c's device, answers.c's impl, ops and path); this file reduces
 * each to keyed items ("netdev_ops.ndo_get_stats" -> "loopback_get_stats")
 * and compares the keys. Functions are matched by name and file; a
 * function that only one side has is matched to one of the other side when
 * the evidence allows (same ops slot, same callers), and that is said to be
 * a guess.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/util.h"
#include "query/answers.h"
#include "query/diff.h"
#include "query/report.h"

#define SQL "tool/sql/diff.sql"

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* vsnprintf into a new string */
static char *vfmt(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	s = xmalloc(n > 0 ? n + 1 : 1);
	if (n < 0 || vsnprintf(s, n + 1, fmt, ap) < 0)
		*s = '\0';
	return s;
}

static void put(json_t *items, const char *key, const char *value)
{
	json_object_set_new(items, key, json_string(value ? value : ""));
}

static void putf(json_t *items, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void putf(json_t *items, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vfmt(fmt, ap);
	va_end(ap);
	put(items, key, s);
	free(s);
}

static json_t *row(const char *change, const char *key, const char *old, const char *new)
{
	json_t *r = json_object();

	json_object_set_new(r, "change", json_string(change));
	json_object_set_new(r, "key", json_string(key));
	json_object_set_new(r, "old", old ? json_string(old) : json_null());
	json_object_set_new(r, "new", new ? json_string(new) : json_null());
	return r;
}

/* A section comparing two {key: value} objects: old's keys in order, then new's. */
static json_t *compare(const char *title, json_t *old, json_t *new)
{
	json_t *sec = json_object(), *rows = json_array(), *v;
	const char *k;

	json_object_foreach(old, k, v) {
		json_t *nv = json_object_get(new, k);
		const char *os = json_string_value(v);

		if (!nv)
			json_array_append_new(rows, row("removed", k, os, NULL));
		else
			json_array_append_new(rows, row(strcmp(os, json_string_value(nv)) ? "changed" : "same",
						      k, os, json_string_value(nv)));
	}
	json_object_foreach(new, k, v) {
		if (!json_object_get(old, k))
			json_array_append_new(rows, row("added", k, NULL, json_string_value(v)));
	}
	json_object_set_new(sec, "title", json_string(title));
	json_object_set_new(sec, "rows", rows);
	json_object_set_new(sec, "guesses", json_array());
	return sec;
}

static json_t *doc_new(const struct diff_sides *d, const char *what)
{
	json_t *doc = json_object();

	json_object_set_new(doc, "what", json_string(what));
	json_object_set_new(doc, "old", json_string(d->old_path));
	json_object_set_new(doc, "new", json_string(d->new_path));
	json_object_set_new(doc, "sections", json_array());
	return doc;
}

static void add_section(json_t *doc, json_t *sec)
{
	json_array_append_new(json_object_get(doc, "sections"), sec);
}

static void guess(json_t *sec, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void guess(json_t *sec, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vfmt(fmt, ap);
	va_end(ap);
	json_array_append_new(json_object_get(sec, "guesses"), json_string(s));
	free(s);
}

/*
 * Slots one side lost and the other gained in the same table: a renamed
 * slot when the function name says so (ndo_get_stats -> ndo_get_stats64,
 * loopback_get_stats -> loopback_get_stats64): one name starts with the other.
 */
static void guess_renamed_slots(json_t *sec)
{
	json_t *rows = json_object_get(sec, "rows"), *a, *b;
	size_t i, k;

	json_array_foreach(rows, i, a) {
		const char *ak = str(a, "key"), *dot = strrchr(ak, '.');

		if (strcmp(str(a, "change"), "removed") || !dot)
			continue;
		json_array_foreach(rows, k, b) {
			const char *bk = str(b, "key");

			if (strcmp(str(b, "change"), "added") || strncmp(ak, bk, dot - ak + 1) ||
			    strncmp(bk, ak, strlen(ak)))
				continue;
			guess(sec, "%s became %s (a guess: same table, the new slot's name extends the old one)",
			      ak, bk);
		}
	}
}

/* A setting one side lost and the other gained with the same value: a renamed field. */
static void guess_renamed_fields(json_t *sec)
{
	json_t *rows = json_object_get(sec, "rows"), *a, *b;
	size_t i, k;

	json_array_foreach(rows, i, a) {
		if (strcmp(str(a, "change"), "removed"))
			continue;
		json_array_foreach(rows, k, b) {
			if (!strcmp(str(b, "change"), "added") && !strcmp(str(a, "old"), str(b, "new")))
				guess(sec, "%.*s became %.*s (a guess: the same value, %s)",
				      (int)strcspn(str(a, "key"), " "), str(a, "key"),
				      (int)strcspn(str(b, "key"), " "), str(b, "key"), str(a, "old"));
		}
	}
}

/*
 * A feature flag one side lost whose name, lowercased without its prefix,
 * is a field the other side sets: NETIF_F_LLTX became net_device.lltx.
 */
static void guess_flags_to_fields(json_t *sec, json_t *settings)
{
	json_t *a, *b;
	size_t i, k;

	json_array_foreach(json_object_get(sec, "rows"), i, a) {
		const char *flag = strrchr(str(a, "key"), ' '), *sfx;

		if (strcmp(str(a, "change"), "removed") || !flag || !(sfx = strstr(flag, "_F_")))
			continue;
		sfx += 3;
		json_array_foreach(json_object_get(settings, "rows"), k, b) {
			const char *key = str(b, "key"), *dot = strchr(key, '.');
			size_t n = strlen(sfx);

			if (strcmp(str(b, "change"), "added") || !dot || strncasecmp(dot + 1, sfx, n) ||
			    dot[1 + n] != ' ')
				continue;
			guess(sec, "%s became the field %.*s (a guess: the same name)", flag + 1,
			      (int)strcspn(key, " "), key);
		}
	}
}

/* --- report ------------------------------------------------------------------ */

/* The first device DEVICE names in DB, or NULL (no error: the other side may have it). */
static json_t *device_of(struct db *db, const char *device)
{
	json_t *devs = report_build(db, device, false), *dev;

	if (!devs) {
		error_clear();
		return NULL;
	}
	dev = json_incref(json_array_get(devs, 0));
	json_decref(devs);
	return dev;
}

static void report_items(json_t *dev, json_t *set, json_t *flags, json_t *feat, json_t *ops,
			 json_t *drops)
{
	json_t *x, *y;
	size_t i, k;

	if (!dev)
		return;
	json_array_foreach(json_object_get(dev, "settings"), i, x) {
		char key[256];
		json_t *v = json_object_get(x, "value");

		snprintf(key, sizeof(key), "%s.%s %s", str(x, "struct"), str(x, "field"), str(x, "op"));
		if (json_is_integer(v))
			putf(set, key, "%lld (%s)", (long long)json_integer_value(v), str(x, "rhs"));
		else
			put(set, key, str(x, "rhs"));
	}
	json_array_foreach(json_object_get(dev, "flags"), i, x)
		putf(flags, str(x, "name"), "flags: %s", str(x, "doc"));
	json_array_foreach(json_object_get(dev, "priv_flags"), i, x)
		putf(flags, str(x, "name"), "priv_flags: %s", str(x, "doc"));
	json_array_foreach(json_object_get(dev, "features"), i, x) {
		json_array_foreach(json_object_get(x, "bits"), k, y) {
			char key[256];

			snprintf(key, sizeof(key), "%s: %s", str(x, "field"), str(y, "name"));
			put(feat, key, str(y, "doc"));
		}
	}
	json_array_foreach(json_object_get(dev, "ops"), i, x) {
		const char *field = str(x, "field");

		putf(ops, field, "%s (struct %s)", str(x, "table"), str(x, "struct"));
		json_array_foreach(json_object_get(x, "members"), k, y) {
			char key[256];

			snprintf(key, sizeof(key), "%s.%s", field, str(y, "field"));
			put(ops, key, str(y, "function"));
		}
	}
	json_array_foreach(json_object_get(dev, "drop_points"), i, x) {
		struct strbuf sb = STRBUF_INIT;
		char key[256];

		snprintf(key, sizeof(key), "%s: %s", str(x, "function"), str(x, "what"));
		json_array_foreach(json_object_get(x, "conditions"), k, y)
			sb_addf(&sb, "%s%s", sb.len ? "; " : "", json_string_value(y));
		json_array_foreach(json_object_get(x, "explained"), k, y)
			if (strstr(json_string_value(y), "sysctl"))
				sb_addf(&sb, "%s%s", sb.len ? "; " : "", json_string_value(y));
		put(drops, key, sb.len ? sb.buf : "always");
		sb_free(&sb);
	}
}

/* The functions of a path: the first caller, then each hop's callee (with how it is called). */
static void path_nodes(json_t *hops, struct strvec *names, struct strvec *labels)
{
	json_t *h;
	size_t i;

	json_array_foreach(hops, i, h) {
		const char *via = str(h, "via");

		if (!i) {
			VEC_PUSH(names, xstrdup(str(h, "caller")));
			VEC_PUSH(labels, xstrdup(str(h, "caller")));
		}
		VEC_PUSH(names, xstrdup(str(h, "callee")));
		VEC_PUSH(labels, *via ? xasprintf("%s (through %s, called at %s:%lld)", str(h, "callee"), via,
						  str(h, "file"), (long long)json_integer_value(json_object_get(h, "line"))) :
			 xasprintf("%s (called at %s:%lld)", str(h, "callee"), str(h, "file"),
				   (long long)json_integer_value(json_object_get(h, "line"))));
	}
}

/*
 * Two paths aligned hop by hop: the functions both pass through (their
 * longest common subsequence) on one row; between two such, the others
 * paired in order, a function only one side has on a row of its own.
 */
static json_t *align_paths(const char *title, json_t *old_hops, json_t *new_hops)
{
	struct strvec on = { 0 }, ol = { 0 }, nn = { 0 }, nl = { 0 };
	json_t *sec = json_object(), *rows = json_array();
	size_t n, m, i, j;
	int *L;

	path_nodes(old_hops, &on, &ol);
	path_nodes(new_hops, &nn, &nl);
	n = on.n;
	m = nn.n;
	L = xcalloc((n + 1) * (m + 1), sizeof(*L));
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			L[i * (m + 1) + j] = !strcmp(on.v[i], nn.v[j]) ? L[(i + 1) * (m + 1) + j + 1] + 1 :
					     L[(i + 1) * (m + 1) + j] > L[i * (m + 1) + j + 1] ?
					     L[(i + 1) * (m + 1) + j] : L[i * (m + 1) + j + 1];
	i = j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && !strcmp(on.v[i], nn.v[j])) {
			json_array_append_new(rows, row("same", on.v[i], ol.v[i], nl.v[j]));
			i++, j++;
			continue;
		}
		/* the run of unmatched functions on each side up to the next common one */
		size_t i2 = i, j2 = j;

		while (i2 < n && (j2 >= m || L[i2 * (m + 1) + j2] == L[(i2 + 1) * (m + 1) + j2]) &&
		       !(j2 < m && !strcmp(on.v[i2], nn.v[j2])))
			i2++;
		while (j2 < m && (i2 >= n || L[i2 * (m + 1) + j2] == L[i2 * (m + 1) + j2 + 1]) &&
		       !(i2 < n && !strcmp(on.v[i2], nn.v[j2])))
			j2++;
		if (i2 == i && j2 == j) {
			/* cannot happen with a consistent table; step to stay finite */
			if (i < n)
				json_array_append_new(rows, row("removed", on.v[i], ol.v[i], NULL)), i++;
			else
				json_array_append_new(rows, row("added", nn.v[j], NULL, nl.v[j])), j++;
			continue;
		}
		while (i < i2 || j < j2) {
			if (i < i2 && j < j2) {
				char *k = xasprintf("%s -> %s", on.v[i], nn.v[j]);

				json_array_append_new(rows, row("changed", k, ol.v[i], nl.v[j]));
				free(k);
				i++, j++;
			} else if (i < i2) {
				json_array_append_new(rows, row("removed", on.v[i], ol.v[i], NULL));
				i++;
			} else {
				json_array_append_new(rows, row("added", nn.v[j], NULL, nl.v[j]));
				j++;
			}
		}
	}
	free(L);
	strvec_clear(&on);
	strvec_clear(&ol);
	strvec_clear(&nn);
	strvec_clear(&nl);
	json_object_set_new(sec, "title", json_string(title));
	json_object_set_new(sec, "aligned", json_true());
	json_object_set_new(sec, "rows", rows);
	json_object_set_new(sec, "guesses", json_array());
	return sec;
}

json_t *diff_report(const struct diff_sides *d, const char *device)
{
	json_t *od = device_of(d->old, device), *nd = device_of(d->new, device);
	json_t *doc, *sec, *items[2][5];
	static const char *const titles[5] = { "Settings", "Flags", "Features", "Ops tables",
					       "Drop points" };
	char *what;

	if (!od && !nd) {
		error_set("no device matches '%s' in either index", device);
		return NULL;
	}
	what = xasprintf("report %s", device);
	doc = doc_new(d, what);
	free(what);
	json_object_set_new(doc, "old_found", json_boolean(od != NULL));
	json_object_set_new(doc, "new_found", json_boolean(nd != NULL));
	for (int s = 0; s < 2; s++)
		for (int k = 0; k < 5; k++)
			items[s][k] = json_object();
	report_items(od, items[0][0], items[0][1], items[0][2], items[0][3], items[0][4]);
	report_items(nd, items[1][0], items[1][1], items[1][2], items[1][3], items[1][4]);
	for (int k = 0; k < 5; k++) {
		if (k == 4) {
			sec = align_paths("Transmit path", json_object_get(od, "transmit_path"),
					  json_object_get(nd, "transmit_path"));
			add_section(doc, sec);
		}
		sec = compare(titles[k], items[0][k], items[1][k]);
		if (k == 0)
			guess_renamed_fields(sec);
		if (k == 2)
			guess_flags_to_fields(sec, json_array_get(json_object_get(doc, "sections"), 0));
		if (k == 3)
			guess_renamed_slots(sec);
		add_section(doc, sec);
	}
	for (int s = 0; s < 2; s++)
		for (int k = 0; k < 5; k++)
			json_decref(items[s][k]);
	json_decref(od);
	json_decref(nd);
	return doc;
}

/* --- impl, ops, path ----------------------------------------------------------- */

/* ASK on both sides; an error on one side is dropped (the other may answer). */
static void ask_both(const struct diff_sides *d, json_t *(*ask)(struct db *, const char *),
		     const char *arg, json_t **a, json_t **b)
{
	if (!(*a = ask(d->old, arg)))
		error_clear();
	if (!(*b = ask(d->new, arg)))
		error_clear();
}

json_t *diff_impl(const struct diff_sides *d, const char *field)
{
	json_t *side[2], *items[2] = { json_object(), json_object() }, *x, *doc = NULL;
	size_t i;
	char *what;

	ask_both(d, answer_impl, field, &side[0], &side[1]);
	if (!json_array_size(side[0]) && !json_array_size(side[1])) {
		error_set("no field '%s' is bound in either index", field);
		goto out;
	}
	for (int s = 0; s < 2; s++)
		json_array_foreach(side[s], i, x)
			putf(items[s], str(x, "function"), "%s%s%s:%lld", str(x, "table"),
			     *str(x, "table") ? ", " : "", str(x, "file"),
			     (long long)json_integer_value(json_object_get(x, "line")));
	what = xasprintf("impl %s", field);
	doc = doc_new(d, what);
	free(what);
	add_section(doc, compare("Implementations", items[0], items[1]));
out:
	for (int s = 0; s < 2; s++) {
		json_decref(side[s]);
		json_decref(items[s]);
	}
	return doc;
}

json_t *diff_ops(const struct diff_sides *d, const char *table)
{
	json_t *side[2], *items[2] = { json_object(), json_object() }, *x, *y, *doc = NULL, *sec;
	size_t i, k;
	char *what;

	ask_both(d, answer_ops, table, &side[0], &side[1]);
	if (!json_array_size(side[0]) && !json_array_size(side[1])) {
		error_set("no ops table or struct named '%s' in either index", table);
		goto out;
	}
	for (int s = 0; s < 2; s++) {
		json_array_foreach(side[s], i, x) {
			json_array_foreach(json_object_get(x, "members"), k, y) {
				char key[256];

				snprintf(key, sizeof(key), "%s.%s", str(x, "table"), str(y, "field"));
				put(items[s], key, str(y, "function"));
			}
		}
	}
	what = xasprintf("ops %s", table);
	doc = doc_new(d, what);
	free(what);
	sec = compare("Members", items[0], items[1]);
	guess_renamed_slots(sec);
	add_section(doc, sec);
out:
	for (int s = 0; s < 2; s++) {
		json_decref(side[s]);
		json_decref(items[s]);
	}
	return doc;
}

static json_t *one_path(struct db *db, const char *from, const char *to)
{
	struct path_query q = { .max_depth = 16, .k = 1, .time_limit_ms = 5000 };
	json_t *p = answer_path(db, from, to, &q), *hops;

	if (!p) {
		error_clear();
		return json_array();
	}
	hops = json_object_get(json_array_get(json_object_get(p, "paths"), 0), "hops");
	hops = hops ? json_incref(hops) : json_array();
	json_decref(p);
	return hops;
}

json_t *diff_path(const struct diff_sides *d, const char *from, const char *to)
{
	json_t *a = one_path(d->old, from, to), *b = one_path(d->new, from, to), *doc = NULL;
	char *what;

	if (!json_array_size(a) && !json_array_size(b)) {
		error_set("no path from '%s' to '%s' in either index", from, to);
		goto out;
	}
	what = xasprintf("path %s %s", from, to);
	doc = doc_new(d, what);
	free(what);
	add_section(doc, align_paths("Path", a, b));
out:
	json_decref(a);
	json_decref(b);
	return doc;
}

/* --- everything ----------------------------------------------------------------- */

/* The subsystem of a path: its first two directories (net/core, drivers/net). */
static char *subsystem(const char *path)
{
	const char *s = strchr(path, '/');

	if (s && strchr(s + 1, '/'))
		s = strchr(s + 1, '/');
	else if (!s)
		return xstrdup(".");
	else
		s = strrchr(path, '/');
	return xstrndup(path, s - path);
}

/* name -> file, for each row of a two-column statement */
static json_t *name_files(struct db *db, const char *stmt, int name_col, int file_col, int extra_col)
{
	sqlite3_stmt *st = db_stmt(db, SQL, stmt);
	json_t *o = json_object();

	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, name_col);
		const char *file = (const char *)sqlite3_column_text(st, file_col);
		char *key = extra_col >= 0 ? xasprintf("%s = %s%s%s", name,
					       sqlite3_column_text(st, extra_col),
					       *sqlite3_column_text(st, extra_col + 1) ? " in " : "",
					       sqlite3_column_text(st, extra_col + 1)) :
			    xasprintf("%s", name);
		char *k2 = xasprintf("%s\t%s", key, file);

		json_object_set_new(o, k2, json_string(file));
		free(key);
		free(k2);
	}
	sqlite3_reset(st);
	return o;
}

static json_t *devices_of(struct db *db)
{
	json_t *o = json_object();
	static const char *const stmts[] = { "devices", "rtnl_devices" };

	for (int s = 0; s < 2; s++) {
		sqlite3_stmt *st = db_stmt(db, "tool/sql/report.sql", stmts[s]);

		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(st, 6);
			const char *setup = (const char *)sqlite3_column_text(st, 1);
			char *file = report_fn_file(db, sqlite3_column_int64(st, 0));
			char *k = xasprintf("%s (%s)\t%s", name ? name : "?", setup, file ? file : "?");

			json_object_set_new(o, k, json_string(file ? file : "?"));
			free(k);
			free(file);
		}
		sqlite3_reset(st);
	}
	return o;
}

/* "a,b,c," for the callers of FN (NULL when it has none: no evidence then). */
static char *callers_key(struct db *db, const char *fn)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "callers_of");
	struct strbuf sb = STRBUF_INIT;

	bind_text(st, 1, fn);
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_addf(&sb, "%s,", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return sb.len ? sb_detach(&sb) : NULL;
}

/* name -> file, from "NAME\tFILE" keys */
static json_t *names_of(json_t *keyed)
{
	json_t *o = json_object(), *v;
	const char *k;

	json_object_foreach(keyed, k, v) {
		char *name = xstrndup(k, strcspn(k, "\t"));

		if (!json_object_get(o, name))
			json_object_set(o, name, v);
		free(name);
	}
	return o;
}

/* ", N WORD: a b c ..." (the first 12) */
static void sb_list(struct strbuf *sb, const char *word, json_t *list)
{
	json_t *x;
	size_t i;

	if (!json_array_size(list))
		return;
	sb_addf(sb, ", %zu %s:", json_array_size(list), word);
	json_array_foreach(list, i, x) {
		if (i == 12) {
			sb_addf(sb, " ...");
			break;
		}
		sb_addf(sb, " %s", json_string_value(x));
	}
}

/*
 * One kind of thing by subsystem: for each subsystem, how many each side
 * has and which were added, removed or moved. Keys are "NAME\tFILE"; a
 * name that only changed file is moved (matched by name), not added and
 * removed, and is said in the row of the subsystem it left.
 */
static json_t *by_subsystem(const char *title, json_t *old, json_t *new, json_t **added,
			    json_t **removed)
{
	json_t *sec = json_object(), *rows = json_array(), *subs = json_object(), *v, *s;
	json_t *names[2] = { names_of(old), names_of(new) };
	const char *k;

	*added = json_array();
	*removed = json_array();
	for (int side = 0; side < 2; side++) {
		json_object_foreach(side ? new : old, k, v) {
			char *sub = subsystem(json_string_value(v)), *name;
			json_t *e = json_object_get(subs, sub), *moved_to;

			if (!e) {
				e = json_pack("{s:i,s:i,s:[],s:[],s:[]}", "old", 0, "new", 0, "added",
					      "removed", "moved");
				json_object_set_new(subs, sub, e);
			}
			free(sub);
			json_object_set_new(e, side ? "new" : "old",
					    json_integer(json_integer_value(json_object_get(e, side ? "new" : "old")) + 1));
			if (json_object_get(side ? old : new, k))
				continue;
			name = xstrndup(k, strcspn(k, "\t"));
			moved_to = json_object_get(names[!side], name);
			if (moved_to && !side) {
				json_array_append_new(json_object_get(e, "moved"),
						      json_sprintf("%s (to %s)", name, json_string_value(moved_to)));
			} else if (!moved_to) {
				json_array_append_new(json_object_get(e, side ? "added" : "removed"),
						      json_string(name));
				json_array_append_new(side ? *added : *removed,
						      json_pack("{s:s,s:s}", "name", name, "file",
								json_string_value(v)));
			}
			free(name);
		}
	}
	json_object_foreach(subs, k, s) {
		struct strbuf o = STRBUF_INIT, n = STRBUF_INIT;
		bool changed = json_array_size(json_object_get(s, "added")) ||
			       json_array_size(json_object_get(s, "removed")) ||
			       json_array_size(json_object_get(s, "moved"));

		sb_addf(&o, "%lld", (long long)json_integer_value(json_object_get(s, "old")));
		sb_addf(&n, "%lld", (long long)json_integer_value(json_object_get(s, "new")));
		sb_list(&o, "removed", json_object_get(s, "removed"));
		sb_list(&o, "moved", json_object_get(s, "moved"));
		sb_list(&n, "added", json_object_get(s, "added"));
		json_array_append_new(rows, row(changed ? "changed" : "same", k, o.buf, n.buf));
		sb_free(&o);
		sb_free(&n);
	}
	json_decref(subs);
	json_decref(names[0]);
	json_decref(names[1]);
	json_object_set_new(sec, "title", json_string(title));
	json_object_set_new(sec, "rows", rows);
	json_object_set_new(sec, "guesses", json_array());
	return sec;
}

/*
 * Removed and added functions that are one function renamed (the same name
 * in another file is a move, said in the table), in order of evidence: the
 * same ops slot of the same table bound to it; the same callers (a
 * non-empty set that one function on each side has); the same file and a
 * name that extends the old one. One guess per removed function.
 */
static void guess_functions(const struct diff_sides *d, json_t *sec, json_t *added, json_t *removed)
{
	json_t *gone = json_object(), *new_names = json_object(), *slots = json_object();
	json_t *by_callers = json_object(), *old_callers = json_object(), *x;
	sqlite3_stmt *st;
	const char *k;
	size_t i;

	json_array_foreach(added, i, x)
		json_object_set(new_names, str(x, "name"), x);
	json_array_foreach(removed, i, x)
		json_object_set(gone, str(x, "name"), x);

	/* the slots the new side binds to added functions: "S.F in TABLE" -> function */
	st = db_stmt(d->new, SQL, "bindings");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *fn = (const char *)sqlite3_column_text(st, 1);
		char *slot;

		if (!json_object_get(new_names, fn))
			continue;
		slot = xasprintf("%s in %s", sqlite3_column_text(st, 0), sqlite3_column_text(st, 2));
		json_object_set_new(slots, slot, json_string(fn));
		free(slot);
	}
	sqlite3_reset(st);
	st = db_stmt(d->old, SQL, "bindings");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *fn = (const char *)sqlite3_column_text(st, 1);
		json_t *r = json_object_get(gone, fn), *a;
		char *slot;

		if (!r)
			continue;
		slot = xasprintf("%s in %s", sqlite3_column_text(st, 0), sqlite3_column_text(st, 2));
		a = json_object_get(new_names, json_string_value(json_object_get(slots, slot)));
		if (a) {
			guess(sec, "%s (%s) may be %s (%s): a guess, both bound to %s", fn, str(r, "file"),
			      str(a, "name"), str(a, "file"), slot);
			json_object_del(gone, fn);
		}
		free(slot);
	}
	sqlite3_reset(st);

	/* the same callers: a caller set that exactly one function on each side has */
	json_array_foreach(added, i, x) {
		char *key = callers_key(d->new, str(x, "name"));

		if (key)
			json_object_set(by_callers, key, json_object_get(by_callers, key) ? json_null() : x);
		free(key);
	}
	json_object_foreach(gone, k, x) {
		char *key = callers_key(d->old, k);

		if (key)
			json_object_set_new(old_callers, key, json_object_get(old_callers, key) ? json_null() :
							      json_string(k));
		free(key);
	}
	json_object_foreach(old_callers, k, x) {
		json_t *a = json_object_get(by_callers, k), *r;

		if (json_is_null(x) || !a || json_is_null(a))
			continue;
		r = json_object_get(gone, json_string_value(x));
		guess(sec, "%s (%s) may be %s (%s): a guess, the same callers (%.*s)", str(r, "name"),
		      str(r, "file"), str(a, "name"), str(a, "file"), (int)strlen(k) - 1, k);
		json_object_del(gone, json_string_value(x));
	}

	/* the same file, and the new name extends the old one (_stats -> _stats64) */
	json_object_foreach(gone, k, x) {
		json_t *a, *match = NULL;
		size_t n = strlen(k), j;

		json_array_foreach(added, j, a) {
			if (strcmp(str(a, "file"), str(x, "file")) || strncmp(str(a, "name"), k, n))
				continue;
			match = match ? json_null() : a;
		}
		if (match && !json_is_null(match))
			guess(sec, "%s (%s) may be %s: a guess, the same file and the new name extends the old one",
			      k, str(x, "file"), str(match, "name"));
	}
	json_decref(gone);
	json_decref(new_names);
	json_decref(slots);
	json_decref(by_callers);
	json_decref(old_callers);
}

json_t *diff_summary(const struct diff_sides *d)
{
	json_t *doc = doc_new(d, "summary"), *of, *nf, *ob, *nb, *sec, *added, *removed, *o, *n;

	of = name_files(d->old, "functions", 0, 1, -1);
	nf = name_files(d->new, "functions", 0, 1, -1);
	ob = name_files(d->old, "bindings", 0, 3, 1);
	nb = name_files(d->new, "bindings", 0, 3, 1);
	sec = by_subsystem("Functions", of, nf, &added, &removed);
	guess_functions(d, sec, added, removed);
	add_section(doc, sec);
	json_decref(added);
	json_decref(removed);

	o = name_files(d->old, "ops_tables", 0, 2, -1);
	n = name_files(d->new, "ops_tables", 0, 2, -1);
	add_section(doc, by_subsystem("Ops tables", o, n, &added, &removed));
	json_decref(added);
	json_decref(removed);
	json_decref(o);
	json_decref(n);

	add_section(doc, by_subsystem("Bindings", ob, nb, &added, &removed));
	json_decref(added);
	json_decref(removed);

	o = devices_of(d->old);
	n = devices_of(d->new);
	add_section(doc, by_subsystem("Devices", o, n, &added, &removed));
	json_decref(added);
	json_decref(removed);
	json_decref(o);
	json_decref(n);
	json_decref(of);
	json_decref(nf);
	json_decref(ob);
	json_decref(nb);
	return doc;
}
