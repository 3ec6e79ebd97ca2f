// SPDX-License-Identifier: GPL-2.0
/*
 * Gathering a driver report. A device is a setup function passed to
 * alloc_netdev_mqs; from there the report follows what the index knows:
 * how the allocation is reached, what the setup path assigns (through
 * helpers, with each argument's value), which ops tables it attaches, the
 * transmit path through ndo_start_xmit, and where that path drops packets
 * and under which conditions.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/draw.h"
#include "render/edge_format.h"
#include "base/error.h"
#include "query/report.h"

#define SQL "tool/sql/report.sql"

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : NULL;
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *step(const char *text, const char *file, int line)
{
	json_t *o = json_object();

	json_object_set_new(o, "text", json_string(text));
	json_object_set_new(o, "file", jstr(file));
	json_object_set_new(o, "line", json_integer(line));
	return o;
}

/* "lo" from "\"lo\"" */
static char *unquote(const char *s)
{
	size_t n;

	if (!s)
		return NULL;
	n = strlen(s);
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		return xstrndup(s + 1, n - 2);
	return xstrdup(s);
}

static bool is_ident_char(char c);
static bool under(const char *path, const char *dir);
static char *fn_dir(struct db *db, sqlite3_int64 fn);
static void net_device_only(json_t *from, const char *dir, json_t *to);

static const char *ordinal(int n)
{
	static char buf[16];
	const char *suf = "th";

	if (n % 100 < 11 || n % 100 > 13)
		suf = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
	snprintf(buf, sizeof(buf), "%d%s", n, suf);
	return buf;
}

/* --- 1. registration ------------------------------------------------------ */

/*
 * How FN is reached, bottom up, prepended to STEPS; each function once. AT
 * is the file of the device reported: of the tables FN is bound in, the
 * one there.
 */
static void reached(struct db *db, sqlite3_int64 fn, const char *name, const char *at, json_t *steps,
		    int depth)
{
	static __thread sqlite3_int64 seen[8];
	sqlite3_stmt *st;
	char text[512];

	if (depth > 5)
		return;
	for (int i = 0; i < depth; i++)
		if (seen[i] == fn)
			return;
	seen[depth] = fn;
	st = db_stmt(db, SQL, "bound_in");
	bind_int(st, 1, fn);
	bind_text(st, 2, at);
	if (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_int64 table = sqlite3_column_int64(st, 2);
		char *strct = xstrdup(col(st, 0)), *field = xstrdup(col(st, 1));
		char *tname = xstrdup(col(st, 3)), *file = xstrdup(col(st, 4));
		int line = sqlite3_column_int(st, 5);

		sqlite3_reset(st);
		snprintf(text, sizeof(text), "%s.%s = %s (struct %s)", tname, field, name, strct);
		json_array_insert_new(steps, 0, step(text, file, line));
		st = db_stmt(db, SQL, "table_passed");
		bind_int(st, 1, table);
		if (sqlite3_step(st) == SQLITE_ROW) {
			sqlite3_int64 caller = sqlite3_column_int64(st, 0);
			char *cname = xstrdup(col(st, 1));

			snprintf(text, sizeof(text), "%s calls %s(&%s)", cname,
				 col(st, 2) ? col(st, 2) : "?", tname);
			json_array_insert_new(steps, 0, step(text, col(st, 3), sqlite3_column_int(st, 4)));
			sqlite3_reset(st);
			reached(db, caller, cname, at, steps, depth + 1);
			free(cname);
		} else {
			sqlite3_reset(st);
		}
		free(strct);
		free(field);
		free(tname);
		free(file);
		return;
	}
	sqlite3_reset(st);

	/*
	 * a direct caller first: a function taken at file scope is an initcall,
	 * or only exported (EXPORT_SYMBOL takes its address too)
	 */
	st = db_stmt(db, SQL, "direct_caller");
	bind_int(st, 1, fn);
	if (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_int64 caller = sqlite3_column_int64(st, 0);
		char *cname = xstrdup(col(st, 1));

		snprintf(text, sizeof(text), "%s calls %s", cname, name);
		json_array_insert_new(steps, 0, step(text, col(st, 2), sqlite3_column_int(st, 3)));
		sqlite3_reset(st);
		reached(db, caller, cname, at, steps, depth + 1);
		free(cname);
		return;
	}
	sqlite3_reset(st);

	/* module_init(fn), device_initcall(fn): the address taken at file scope */
	st = db_stmt(db, SQL, "file_scope_addr");
	bind_int(st, 1, fn);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(text, sizeof(text), "%s is an initcall (module_init or *_initcall)", name);
		json_array_insert_new(steps, 0, step(text, col(st, 0), sqlite3_column_int(st, 1)));
		sqlite3_reset(st);
		return;
	}
	sqlite3_reset(st);
}

/* --- 2. settings ---------------------------------------------------------- */

static void add_setting(json_t *settings, sqlite3_stmt *st, const char *rhs, json_t *value,
			const char *from)
{
	json_t *o = json_object();

	json_object_set_new(o, "struct", json_string(col(st, 0)));
	json_object_set_new(o, "field", json_string(col(st, 1)));
	json_object_set_new(o, "op", json_string(col(st, 2)));
	json_object_set_new(o, "rhs", json_string(rhs));
	json_object_set_new(o, "value", value);
	json_object_set_new(o, "from", json_string(from));
	json_object_set_new(o, "file", json_string(col(st, 6)));
	json_object_set_new(o, "line", json_integer(sqlite3_column_int(st, 7)));
	if (col(st, 8))
		json_object_set_new(o, "condition", json_string(col(st, 8)));
	json_array_append_new(settings, o);
}

static json_t *col_value(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? json_null() :
	       json_integer(sqlite3_column_int64(st, i));
}

/* Does FN call a function that allocates a net_device (netdev_api)? */
static bool allocates(struct db *db, sqlite3_int64 fn)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "netdev_call");
	bool yes;

	bind_int(st, 1, fn);
	bind_text(st, 2, "alloc");
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

/*
 * A walk over what a setup path assigns: a function's own assignments, the
 * helpers it calls (their parameters replaced by its arguments), and below
 * them the driver's own helpers, those defined in DIR, down to
 * SETTINGS_DEPTH calls. With BIND_FILE, a call through a struct field goes to
 * the functions bound to that field in BIND_FILE: usbnet_probe's
 * info->bind is the bind of the minidriver whose usb_driver is probed.
 */
#define SETTINGS_DEPTH 4

struct settings_walk {
	struct db *db;
	const char *dir, *bind_file;
	struct ptrmap seen;
	json_t *settings;
};

static bool is_driver_own(struct settings_walk *w, sqlite3_int64 fn);

/*
 * An argument of call.args: {"text": ..., "value": N, "field": ...}, or its
 * text alone when it has no value or field (schemas/023_call_args_text.sql).
 */
static const char *arg_text(const json_t *a)
{
	return json_is_string(a) ? json_string_value(a) : json_string_value(json_object_get(a, "text"));
}

static void walk_settings(struct settings_walk *w, sqlite3_int64 fn, const char *name,
			  const char *called_by, const char *args_text, int depth)
{
	struct call_row {
		sqlite3_int64 id;
		char *name, *args, *via;
	};
	VEC(struct call_row) calls = { 0 };
	json_t *args = args_text ? json_loads(args_text, 0, NULL) : NULL;
	struct db *db = w->db;
	sqlite3_stmt *st;
	char from[1024];
	char *caller_name = called_by ? xstrndup(called_by, strcspn(called_by, " ,")) : NULL;
	bool inserted;

	ptrmap_put(&w->seen, (uintptr_t)fn, 1, &inserted);
	if (!inserted)
		goto out;
	st = db_stmt(db, SQL, "assigns");
	bind_int(st, 1, fn);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int p = sqlite3_column_type(st, 5) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 5);
		json_t *arg = p && args ? json_array_get(args, p - 1) : NULL;

		if (arg) {
			json_t *v = json_object_get(arg, "value");

			snprintf(from, sizeof(from), "passed by %s as %s's %s argument",
				 caller_name, name, ordinal(p));
			add_setting(w->settings, st, arg_text(arg),
				    v ? json_incref(v) : json_null(), from);
		} else {
			if (called_by)
				snprintf(from, sizeof(from), "set by %s, called by %s", name, called_by);
			else
				snprintf(from, sizeof(from), "set by %s", name);
			add_setting(w->settings, st, col(st, 3), col_value(st, 4), from);
		}
	}
	sqlite3_reset(st);
	if (depth >= SETTINGS_DEPTH)
		goto out;

	st = db_stmt(db, SQL, "calls_from");
	bind_int(st, 1, fn);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct call_row c = { .id = sqlite3_column_int64(st, 0), .name = xstrdup(col(st, 1)),
				      .args = col(st, 2) ? xstrdup(col(st, 2)) : NULL };

		VEC_PUSH(&calls, c);
	}
	sqlite3_reset(st);
	if (w->bind_file) {
		st = db_stmt(db, SQL, "field_targets_in");
		bind_int(st, 1, fn);
		bind_text(st, 2, w->bind_file);
		while (sqlite3_step(st) == SQLITE_ROW) {
			struct call_row c = { .id = sqlite3_column_int64(st, 0), .name = xstrdup(col(st, 1)),
					      .via = xstrdup(col(st, 2)) };

			VEC_PUSH(&calls, c);
		}
		sqlite3_reset(st);
	}
	for (size_t i = 0; i < calls.n; i++) {
		char *chain;

		/* a helper that allocates a net_device sets up that one (net_failover_create) */
		if (ptrmap_get(&w->seen, (uintptr_t)calls.v[i].id) || allocates(db, calls.v[i].id))
			continue;
		/* past the first level, only the driver's own helpers */
		if (depth && !is_driver_own(w, calls.v[i].id))
			continue;
		/* "fxmini_bind, called by fxusbnet_probe through fxusb_driver_info.bind" */
		chain = xasprintf("%s%s%s%s%s", name, calls.v[i].via ? " through " : "",
				  calls.v[i].via ? calls.v[i].via : "", called_by ? ", called by " : "",
				  called_by ? called_by : "");
		walk_settings(w, calls.v[i].id, calls.v[i].name, chain, calls.v[i].args, depth + 1);
		free(chain);
	}
out:
	free(caller_name);
	for (size_t i = 0; i < calls.n; i++) {
		free(calls.v[i].name);
		free(calls.v[i].args);
		free(calls.v[i].via);
	}
	VEC_FREE(&calls);
	json_decref(args);
}

/*
 * What FN assigns, with its helpers' assignments, into SETTINGS. DIR is the
 * driver's directory (NULL: FN's own), BIND_FILE as in settings_walk.
 */
static void settings_from(struct db *db, sqlite3_int64 fn, const char *name, const char *dir,
			  const char *bind_file, json_t *settings)
{
	char *own = dir ? NULL : fn_dir(db, fn);
	struct settings_walk w = { .db = db, .dir = dir ? dir : own, .bind_file = bind_file,
				   .settings = settings };

	walk_settings(&w, fn, name, NULL, NULL, 0);
	ptrmap_free(&w.seen);
	free(own);
}

static void settings_of(struct db *db, sqlite3_int64 fn, const char *name, json_t *settings)
{
	settings_from(db, fn, name, NULL, NULL, settings);
}

static json_t *effective_upto(json_t *settings, size_t upto, const char *strct, const char *field,
			      const char **rhs, int depth);

/*
 * "netdev->hw_features" as a value: the field of the same struct as it is
 * at setting UPTO, when the settings before made it a constant.
 */
static json_t *field_ref(json_t *settings, size_t upto, const char *strct, const char *text, int depth)
{
	const char *arrow = text ? strstr(text, "->") : NULL;
	const char *unused;
	json_t *v;

	if (!arrow || depth > 4 || strchr(arrow + 2, ' ') || strstr(arrow + 2, "->"))
		return NULL;
	for (const char *p = text; p < arrow; p++)
		if (!is_ident_char(*p))
			return NULL;
	v = effective_upto(settings, upto, strct, arrow + 2, &unused, depth + 1);
	return json_is_integer(v) ? v : NULL;
}

/* The value a field ends with: '=' sets, '|=' and '&=' combine. */
static json_t *effective(json_t *settings, const char *strct, const char *field, const char **rhs)
{
	return effective_upto(settings, json_array_size(settings), strct, field, rhs, 0);
}

static json_t *effective_upto(json_t *settings, size_t upto, const char *strct, const char *field,
			      const char **rhs, int depth)
{
	json_t *s, *out = NULL;
	size_t i;

	*rhs = NULL;
	json_array_foreach(settings, i, s) {
		const char *op = json_string_value(json_object_get(s, "op"));
		json_t *v = json_object_get(s, "value");

		if (i >= upto)
			break;
		if (strcmp(json_string_value(json_object_get(s, "struct")), strct) ||
		    strcmp(json_string_value(json_object_get(s, "field")), field))
			continue;
		if (!json_is_integer(v) && depth < 4) {
			json_t *r = field_ref(settings, i, strct, json_string_value(json_object_get(s, "rhs")),
					      depth);

			if (r)
				v = r;
		}
		if (!strcmp(op, "=")) {
			*rhs = json_string_value(json_object_get(s, "rhs"));
			out = json_is_integer(v) ? v : NULL;
		} else if (out && json_is_integer(v) && !strcmp(op, "|=")) {
			out = json_integer(json_integer_value(out) | json_integer_value(v));
			json_object_set_new(s, "_combined", out);
		} else if (out && json_is_integer(v) && !strcmp(op, "&=")) {
			out = json_integer(json_integer_value(out) & json_integer_value(v));
			json_object_set_new(s, "_combined", out);
		} else if (!strcmp(op, "|=") && json_is_integer(v) && !*rhs) {
			/* |= on a field the setup path never set: the core left it 0 */
			out = v;
			*rhs = json_string_value(json_object_get(s, "rhs"));
		} else {
			out = NULL;
		}
	}
	return out;
}

/* --- 3, 4. flags and features ---------------------------------------------- */

/*
 * Where each kind of flag is declared, as data, newest layout first: 6.x
 * keeps device flags in uapi/linux/if.h, private flags in netdevice.h and
 * features in netdev_features.h; 2.6 keeps both IFF_ groups in linux/if.h
 * and the features in netdevice.h. The first header with flags of the
 * family in the index is used.
 */
enum flag_kind { FK_FLAGS, FK_PRIV, FK_FEATURES };
static const struct flag_home {
	const char *like;
	const char *files[3];
} flag_homes[] = {
	[FK_FLAGS] = { "IFF\\_%", { "%uapi/linux/if.h", "%include/linux/if.h" } },
	[FK_PRIV] = { "IFF\\_%", { "%linux/netdevice.h", "%include/linux/if.h" } },
	[FK_FEATURES] = { "NETIF\\_F\\_%", { "%netdev_features.h", "%linux/netdevice.h" } },
};

static const char *flag_file(struct db *db, enum flag_kind kind)
{
	const struct flag_home *h = &flag_homes[kind];

	for (size_t i = 0; i < sizeof(h->files) / sizeof(*h->files) && h->files[i]; i++) {
		sqlite3_stmt *st = db_stmt(db, SQL, "flags_in");
		bool any;

		bind_text(st, 1, h->like);
		bind_text(st, 2, h->files[i]);
		any = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (any)
			return h->files[i];
	}
	return h->files[0];
}

static bool is_ident_char(char c);

static bool names_word(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = text; p && (p = strstr(p, name)); p += n)
		if ((p == text || !is_ident_char(p[-1])) && !is_ident_char(p[n]))
			return true;
	return false;
}

/*
 * The flags of KIND set in VALUE. Two flags of one bit (2.6's linux/if.h
 * holds device and private flags alike) are told apart by the one RHS names.
 */
static json_t *decode(struct db *db, long long value, enum flag_kind kind, const char *rhs)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "flags_in");
	json_t *arr = json_array(), *o;
	size_t i;

	bind_text(st, 1, flag_homes[kind].like);
	bind_text(st, 2, flag_file(db, kind));
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long f = sqlite3_column_int64(st, 1);

		if (!f || (value & f) != f || sqlite3_column_type(st, 2) == SQLITE_NULL)
			continue;
		o = json_object();
		json_object_set_new(o, "name", json_string(col(st, 0)));
		json_object_set_new(o, "bit", json_integer(sqlite3_column_int(st, 2)));
		json_object_set_new(o, "doc", jstr(col(st, 3)));
		json_array_append_new(arr, o);
	}
	sqlite3_reset(st);
	for (i = 0; rhs && i < json_array_size(arr); i++) {
		json_t *a = json_array_get(arr, i);
		const char *an = json_string_value(json_object_get(a, "name"));
		json_int_t abit = json_integer_value(json_object_get(a, "bit"));

		for (size_t k = 0; k < json_array_size(arr); k++) {
			json_t *b = json_array_get(arr, k);

			if (k == i || json_integer_value(json_object_get(b, "bit")) != abit)
				continue;
			if (!names_word(rhs, an) &&
			    names_word(rhs, json_string_value(json_object_get(b, "name")))) {
				json_array_remove(arr, i--);
				break;
			}
		}
	}
	return arr;
}

/* NETIF_F_* names in RHS that are not single flags: composites, with the bits they add. */
static json_t *composites(struct db *db, const char *rhs, long long value)
{
	json_t *arr = json_array();
	long long single = 0;
	struct strvec comp = { 0 };
	const char *p = rhs;

	while (p && (p = strstr(p, "NETIF_F_"))) {
		size_t n = 0;
		char *name;
		sqlite3_stmt *st;

		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		name = xstrndup(p, n);
		p += n;
		st = db_stmt(db, SQL, "flag_named");
		bind_text(st, 1, name);
		if (sqlite3_step(st) == SQLITE_ROW)
			single |= sqlite3_column_int64(st, 0);
		else
			VEC_PUSH(&comp, xstrdup(name));
		sqlite3_reset(st);
		free(name);
	}
	for (size_t i = 0; i < comp.n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "name", json_string(comp.v[i]));
		/* with one composite, its bits are what the single flags leave */
		if (comp.n == 1)
			json_object_set_new(o, "bits", decode(db, value & ~single, FK_FEATURES, NULL));
		json_array_append_new(arr, o);
		free(comp.v[i]);
	}
	VEC_FREE(&comp);
	return arr;
}

/* --- 5. ops tables --------------------------------------------------------- */

static bool is_member(json_t *members, const char *field, size_t len)
{
	size_t i;
	json_t *m;

	json_array_foreach(members, i, m) {
		const char *f = json_string_value(json_object_get(m, "field"));

		if (strlen(f) == len && !strncmp(f, field, len))
			return true;
	}
	return false;
}

/*
 * Does a call made under GUARD happen for this table? Each condition of the
 * guard that tests a slot (->slot) must hold: "!(ops->x)" needs x empty,
 * "ops->x" needs x set.
 */
static bool fallback_applies(struct db *db, const char *strct, const char *guard, json_t *members)
{
	const char *c = guard;

	while (c && *c) {
		const char *end = strstr(c, " && ");
		size_t clen = end ? (size_t)(end - c) : strlen(c);
		bool negated = !strncmp(c, "!(", 2);
		const char *p = c;

		while ((p = strstr(p, "->")) && p < c + clen) {
			const char *id = p + 2;
			size_t n = 0;
			char *via;
			sqlite3_stmt *st;
			bool slot;

			while (isalnum((unsigned char)id[n]) || id[n] == '_')
				n++;
			p = id + n;
			via = xasprintf("%s.%.*s", strct, (int)n, id);
			st = db_stmt(db, SQL, "is_slot");
			bind_text(st, 1, via);
			slot = sqlite3_step(st) == SQLITE_ROW;
			sqlite3_reset(st);
			free(via);
			if (!slot)
				continue;
			if (negated == is_member(members, id, n))
				return false;
		}
		c = end ? end + 4 : NULL;
	}
	return true;
}

/*
 * The table an assignment's right-hand side names: &table, &table[port] (an
 * element of an array of tables), or a getter's call, xgbe_get_netdev_ops(),
 * when the getter returns &table (*getter then gets its name).
 */
static char *table_named(struct db *db, const char *rhs, char **getter)
{
	sqlite3_stmt *st;
	char *name = NULL;

	*getter = NULL;
	if (!rhs)
		return NULL;
	if (rhs[0] == '&')
		return xstrndup(rhs + 1, strcspn(rhs + 1, "[ "));
	if (!is_ident_char(rhs[0]) || rhs[strcspn(rhs, "(")] != '(')
		return NULL;
	*getter = xstrndup(rhs, strcspn(rhs, "( "));
	st = db_stmt(db, SQL, "returned_table");
	bind_text(st, 1, *getter);
	if (sqlite3_step(st) == SQLITE_ROW)
		name = xstrndup(col(st, 0) + 1, strcspn(col(st, 0) + 1, "[ "));
	sqlite3_reset(st);
	if (!name) {
		free(*getter);
		*getter = NULL;
	}
	return name;
}

static json_t *ops_table(struct db *db, const char *field, const char *rhs, const char *from,
			 const char *at_file, sqlite3_int64 *table_id)
{
	json_t *o = json_object(), *members = json_array(), *nulls = json_array();
	char *getter = NULL, *name = table_named(db, rhs, &getter);
	sqlite3_stmt *st;
	char *strct = NULL;

	*table_id = 0;
	json_object_set_new(o, "field", json_string(field));
	json_object_set_new(o, "from", json_string(from));
	if (getter)
		json_object_set_new(o, "returned_by", json_string(getter));
	free(getter);
	json_object_set_new(o, "table", jstr(name));
	if (name) {
		st = db_stmt(db, SQL, "ops_table_named");
		bind_text(st, 1, name);
		bind_text(st, 2, at_file);
		if (sqlite3_step(st) == SQLITE_ROW) {
			*table_id = sqlite3_column_int64(st, 0);
			strct = xstrdup(col(st, 1));
			json_object_set_new(o, "struct", json_string(strct));
			json_object_set_new(o, "file", json_string(col(st, 2)));
			json_object_set_new(o, "line", json_integer(sqlite3_column_int(st, 3)));
		}
		sqlite3_reset(st);
	}
	if (*table_id) {
		st = db_stmt(db, SQL, "table_members");
		bind_int(st, 1, *table_id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			json_t *m = json_object();

			json_object_set_new(m, "field", json_string(col(st, 0)));
			json_object_set_new(m, "function", json_string(col(st, 1)));
			json_object_set_new(m, "file", json_string(col(st, 2)));
			json_object_set_new(m, "line", json_integer(sqlite3_column_int(st, 3)));
			json_object_set_new(m, "_id", json_integer(sqlite3_column_int64(st, 4)));
			json_array_append_new(members, m);
		}
		sqlite3_reset(st);
		/*
		 * Empty slots the core calls, and what it does instead: a call made
		 * when the condition says the slot is NULL. Every slot the condition
		 * needs NULL must be empty in this table.
		 */
		st = db_stmt(db, SQL, "null_slots");
		bind_text(st, 1, strct);
		bind_int(st, 2, *table_id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *slot = col(st, 0), *guard = col(st, 5);
			bool ok = true, dup = false;
			size_t k;
			json_t *m, *n;

			(void)m;
			ok = fallback_applies(db, strct, guard, members);
			json_array_foreach(nulls, k, n)
				if (!strcmp(json_string_value(json_object_get(n, "slot")), slot))
					dup = true;
			if (!ok || dup)
				continue;
			n = json_object();
			json_object_set_new(n, "slot", json_string(slot));
			json_object_set_new(n, "core", json_string(col(st, 1)));
			json_object_set_new(n, "fallback", json_string(col(st, 2)));
			json_object_set_new(n, "file", json_string(col(st, 3)));
			json_object_set_new(n, "line", json_integer(sqlite3_column_int(st, 4)));
			json_array_append_new(nulls, n);
		}
		sqlite3_reset(st);
	}
	json_object_set_new(o, "members", members);
	json_object_set_new(o, "null_slots", nulls);
	free(strct);
	free(name);
	return o;
}

/* --- 6, 7. transmit path and its drop points -------------------------------- */

static sqlite3_int64 function_id(struct db *db, const char *name)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "function_named");
	sqlite3_int64 id = 0;

	bind_text(st, 1, name);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

/* "net/core" from the ctl_path array NAME, or NULL when NAME is not one. */
static char *ctl_path(struct db *db, const char *name)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "ctl_path");
	struct strbuf sb = STRBUF_INIT;

	bind_text(st, 1, name);
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_addf(&sb, "%s%s", sb.len ? "/" : "", col(st, 0));
	sqlite3_reset(st);
	return sb.len ? sb_detach(&sb) : NULL;
}

/* The sysctl that binds EXPR (a global, or global.member), as net.core.NAME. */
static char *sysctl_name(struct db *db, const char *expr, char **where)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "sysctl_of");
	sqlite3_int64 table;
	char *proc, *path = NULL, *out;

	*where = NULL;
	bind_text(st, 1, expr);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return NULL;
	}
	table = sqlite3_column_int64(st, 0);
	proc = unquote(col(st, 2));
	*where = xasprintf("%s:%d", col(st, 5), sqlite3_column_int(st, 4));
	sqlite3_reset(st);

	/*
	 * register_net_sysctl(&init_net, "net/core", table): the first string
	 * argument; 2.6's register_net_sysctl_rotable(net_core_path, table):
	 * the directories of the ctl_path array it names.
	 */
	st = db_stmt(db, SQL, "table_registered");
	bind_int(st, 1, table);
	if (sqlite3_step(st) == SQLITE_ROW && col(st, 1)) {
		json_t *args = json_loads(col(st, 1), 0, NULL), *a;
		size_t i;

		json_array_foreach(args, i, a) {
			const char *t = arg_text(a);
			const char *q = t ? strchr(t, '"') : NULL;
			const char *e = q ? strchr(q + 1, '"') : NULL;

			if (q && e && !path)
				path = xstrndup(q + 1, e - q - 1);
		}
		json_array_foreach(args, i, a) {
			const char *t = arg_text(a);

			if (!path && t)
				path = ctl_path(db, t);
		}
		json_decref(args);
	}
	sqlite3_reset(st);
	if (path) {
		for (char *c = path; *c; c++)
			if (*c == '/')
				*c = '.';
		out = xasprintf("%s.%s", path, proc);
	} else {
		out = xstrdup(proc);
	}
	free(path);
	free(proc);
	return out;
}

static void append_unique(json_t *arr, const char *text)
{
	size_t i;
	json_t *e;

	json_array_foreach(arr, i, e)
		if (!strcmp(json_string_value(e), text))
			return;
	json_array_append_new(arr, json_string(text));
}

static bool is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Explain the names in a condition: locals' values, and sysctls behind globals. */
static void explain(struct db *db, sqlite3_int64 fn, const char *cond, json_t *out)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "locals_of");
	struct strvec exprs = { 0 };

	bind_int(st, 1, fn);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *var = col(st, 0), *rhs = col(st, 1), *p = cond;
		size_t n = strlen(var);
		char text[512];
		bool used = false;

		while ((p = strstr(p, var))) {
			if ((p == cond || !is_ident_char(p[-1])) && !is_ident_char(p[n]))
				used = true;
			p += n;
		}
		if (!used)
			continue;
		snprintf(text, sizeof(text), "%s = %s", var, rhs);
		append_unique(out, text);
		VEC_PUSH(&exprs, xstrdup(rhs));
	}
	sqlite3_reset(st);
	VEC_PUSH(&exprs, xstrdup(cond));
	/* every identifier or a.b.c in those expressions may be a sysctl's data */
	for (size_t i = 0; i < exprs.n; i++) {
		const char *p = exprs.v[i];

		while (*p) {
			size_t n = 0;
			char *name, *where, *sys;

			if (!is_ident_char(*p) || isdigit((unsigned char)*p)) {
				p++;
				continue;
			}
			while (is_ident_char(p[n]) || (p[n] == '.' && is_ident_char(p[n + 1])))
				n++;
			name = xstrndup(p, n);
			p += n;
			sys = sysctl_name(db, name, &where);
			if (sys) {
				char *text = xasprintf("%s is the sysctl %s (%s)", name, sys, where);

				append_unique(out, text);
				free(text);
				free(sys);
				free(where);
			}
			free(name);
		}
		free(exprs.v[i]);
	}
	VEC_FREE(&exprs);
}

static json_t *drops_of(struct db *db, sqlite3_int64 fn, const char *name)
{
	struct row {
		char *kind, *what, *file, *guard;
		int line;
	};
	VEC(struct row) rows = { 0 };
	json_t *arr = json_array(), *counters = json_array();
	sqlite3_stmt *st = db_stmt(db, SQL, "drop_points");

	bind_int(st, 1, fn);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct row r = { xstrdup(col(st, 0)), xstrdup(col(st, 1)), xstrdup(col(st, 2)),
				 col(st, 4) ? xstrdup(col(st, 4)) : NULL, sqlite3_column_int(st, 3) };

		VEC_PUSH(&rows, r);
	}
	sqlite3_reset(st);
	st = db_stmt(db, SQL, "drop_counters");
	bind_int(st, 1, fn);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(counters, step(col(st, 1), col(st, 2), sqlite3_column_int(st, 3)));
	sqlite3_reset(st);

	for (size_t i = 0; i < rows.n; i++) {
		struct row *r = &rows.v[i];
		json_t *o = json_object(), *conds = json_array(), *why = json_array();

		json_object_set_new(o, "function", json_string(name));
		if (r->kind[0] == 'r') {
			char *t = xasprintf("return %s", r->what);

			json_object_set_new(o, "what", json_string(t));
			free(t);
		} else {
			json_object_set_new(o, "what", json_string(r->what));
		}
		json_object_set_new(o, "file", json_string(r->file));
		json_object_set_new(o, "line", json_integer(r->line));
		if (r->guard) {
			json_array_append_new(conds, json_string(r->guard));
			explain(db, fn, r->guard, why);
		}
		/* reached by goto: the conditions of the gotos to the labels before it */
		st = db_stmt(db, SQL, "labels_before");
		bind_int(st, 1, fn);
		bind_int(st, 2, r->line);
		{
			struct strvec labels = { 0 };

			while (sqlite3_step(st) == SQLITE_ROW)
				VEC_PUSH(&labels, xstrdup(col(st, 0)));
			sqlite3_reset(st);
			for (size_t k = 0; k < labels.n; k++) {
				sqlite3_stmt *g = db_stmt(db, SQL, "gotos_to");

				bind_int(g, 1, fn);
				bind_text(g, 2, labels.v[k]);
				while (sqlite3_step(g) == SQLITE_ROW) {
					char *t = xasprintf("goto %s if %s", labels.v[k],
							    col(g, 0) ? col(g, 0) : "(always)");

					json_array_append_new(conds, json_string(t));
					if (col(g, 0))
						explain(db, fn, col(g, 0), why);
					free(t);
				}
				sqlite3_reset(g);
				free(labels.v[k]);
			}
			VEC_FREE(&labels);
		}
		/*
		 * No condition of its own: it is reached when the returns before
		 * it were not taken (2.6's enqueue_to_backlog returns inside
		 * "if (qlen <= netdev_max_backlog)" and drops after it).
		 */
		if (!json_array_size(conds)) {
			st = db_stmt(db, SQL, "returns_before");
			bind_int(st, 1, fn);
			bind_int(st, 2, r->line);
			while (sqlite3_step(st) == SQLITE_ROW) {
				char *t = xasprintf("not (%s): line %d %s", col(st, 1),
						    sqlite3_column_int(st, 2), col(st, 0));

				json_array_append_new(conds, json_string(t));
				explain(db, fn, col(st, 1), why);
				free(t);
			}
			sqlite3_reset(st);
		}
		json_object_set_new(o, "conditions", conds);
		json_object_set_new(o, "explained", why);
		json_object_set_new(o, "counters", json_incref(counters));
		json_array_append_new(arr, o);
		free(r->kind);
		free(r->what);
		free(r->file);
		free(r->guard);
	}
	json_decref(counters);
	VEC_FREE(&rows);
	return arr;
}

json_t *report_drops(struct db *db, sqlite3_int64 fn, const char *name)
{
	return drops_of(db, fn, name);
}

static void transmit(struct db *db, const char *xmit, sqlite3_int64 xid, json_t *dev)
{
	struct builder b = { .max_fanout = 8, .dot.left_to_right = true };
	struct path_search ps = { .max_depth = 16, .k = 1, .time_limit_ms = 2000 };
	struct resolved from = { 0 }, to = { 0 }, via = { 0 };
	json_t *hops = json_array(), *drops = json_array();
	const char *stops[] = { "enqueue_to_backlog", NULL };
	/* where a packet enters the stack: __dev_queue_xmit from 3.19, dev_queue_xmit before */
	const char *entries[] = { "__dev_queue_xmit", "dev_queue_xmit", NULL };
	bool found = false;

	for (int i = 0; entries[i] && !from.id; i++) {
		from.id = function_id(db, entries[i]);
		if (from.id)
			from.name = xstrdup(entries[i]);
	}
	via.id = xid;
	via.name = xstrdup(xmit);
	draw_init(&b, db, false);
	for (int i = 0; stops[i] && from.id && xid && !found; i++) {
		to.id = function_id(db, stops[i]);
		free(to.name);
		to.name = xstrdup(stops[i]);
		if (!to.id)
			continue;
		path_search_release(&ps);
		if (!draw_paths(&b, &from, &to, &via, 1, &ps))
			found = true;
	}
	if (!found && from.id && xid) {
		/* the packet stops in the driver: the path to ndo_start_xmit */
		dotout_release(&b.dot);
		draw_release(&b);
		draw_init(&b, db, false);
		path_search_release(&ps);
		found = !draw_paths(&b, &from, &via, NULL, 0, &ps);
	}
	error_clear();
	if (found && ps.paths.n) {
		size_t len;
		char *dot;
		struct ptrmap seen = { 0 };

		for (size_t h = 0; h < ps.paths.v[0].hops.n; h++)
			json_array_append_new(hops, edge_json(ps.paths.v[0].hops.v[h]));
		/* drop points of the driver's xmit and of what it leads to */
		for (size_t h = 0; h < ps.paths.v[0].hops.n; h++) {
			const struct edge *e = ps.paths.v[0].hops.v[h];
			bool ins, after = false;
			json_t *d, *x;
			size_t k;

			for (size_t j = 0; j <= h; j++)
				if (ps.paths.v[0].hops.v[j]->to == xid)
					after = true;
			if (!after)
				continue;
			ptrmap_put(&seen, (uintptr_t)e->to, 1, &ins);
			if (!ins)
				continue;
			d = drops_of(db, e->to, e->to_name);
			json_array_foreach(d, k, x)
				json_array_append(drops, x);
			json_decref(d);
		}
		ptrmap_free(&seen);
		dot = draw_dot(&b, &len);
		json_object_set_new(dev, "transmit_dot", json_stringn(dot, len));
		free(dot);
	}
	json_object_set_new(dev, "transmit_path", hops);
	json_object_set_new(dev, "drop_points", drops);
	path_search_release(&ps);
	draw_release(&b);
	resolved_release(&from);
	resolved_release(&to);
	resolved_release(&via);
}

/* --- 8. what ip link shows --------------------------------------------------- */

static void ip_link(json_t *dev, json_t *flags, long long priv, bool have_priv, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *mtu = json_object_get(dev, "mtu"), *f;
	const char *type = json_string_value(json_object_get(dev, "type"));
	json_t *qlen = json_object_get(dev, "tx_queue_len");
	long long no_queue = json_integer_value(json_object_get(dev, "_iff_no_queue"));
	char link[64] = "ether";
	size_t i;
	bool first = true;

	sb_addf(&sb, "N: %s: <", name);
	json_array_foreach(flags, i, f) {
		const char *flag = json_string_value(json_object_get(f, "name"));

		/* ip prints UP last, with LOWER_UP, and never RUNNING */
		if (!strcmp(flag, "IFF_UP") || !strcmp(flag, "IFF_RUNNING"))
			continue;
		sb_addf(&sb, "%s%s", first ? "" : ",", flag + 4);
		first = false;
	}
	sb_addf(&sb, "%sUP,LOWER_UP>", first ? "" : ",");
	if (json_is_integer(mtu))
		sb_addf(&sb, " mtu %lld", (long long)json_integer_value(mtu));
	if (have_priv && no_queue && (priv & no_queue))
		sb_adds(&sb, " qdisc noqueue");
	else
		sb_adds(&sb, " qdisc (the default qdisc)");
	sb_adds(&sb, " state UNKNOWN mode DEFAULT group default");
	if (json_is_integer(qlen))
		sb_addf(&sb, " qlen %lld", (long long)json_integer_value(qlen));
	if (type && !strncmp(type, "ARPHRD_", 7)) {
		snprintf(link, sizeof(link), "%s", type + 7);
		for (char *c = link; *c; c++)
			*c = (char)tolower((unsigned char)*c);
	}
	sb_addf(&sb, "\n    link/%s 00:00:00:00:00:00 brd 00:00:00:00:00:00", link);
	json_object_set_new(dev, "ip_link", json_string(sb.buf));
	sb_free(&sb);
}

/* --- 6b. where the packet leaves the CPU ------------------------------------ */

static char *dir_of(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
}

char *report_fn_file(struct db *db, sqlite3_int64 fn)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "defined_in");
	char *path = NULL;

	bind_int(st, 1, fn);
	if (sqlite3_step(st) == SQLITE_ROW)
		path = xstrdup(col(st, 0));
	sqlite3_reset(st);
	return path;
}

/* The directory of the file defining FN, or NULL when it is not indexed. */
static char *fn_dir(struct db *db, sqlite3_int64 fn)
{
	char *path = report_fn_file(db, fn), *dir = path ? dir_of(path) : NULL;

	free(path);
	return dir;
}

/* Is FN defined in the walk's directory: one of the driver's own helpers? */
static bool is_driver_own(struct settings_walk *w, sqlite3_int64 fn)
{
	char *d = w->dir ? fn_dir(w->db, fn) : NULL;
	bool own = d && !strcmp(d, w->dir);

	free(d);
	return own;
}

struct callee {
	sqlite3_int64 id;
	char *name;
};

/* Up to MAX functions FN calls directly that are defined in DIR: the driver's own helpers. */
static int driver_callees(struct db *db, sqlite3_int64 fn, const char *dir, struct callee *out, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "calls_from");
	VEC(struct callee) all = { 0 };
	int kept = 0;

	bind_int(st, 1, fn);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct callee c = { sqlite3_column_int64(st, 0), xstrdup(col(st, 1)) };

		VEC_PUSH(&all, c);
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < all.n; i++) {
		char *d = dir && kept < max ? fn_dir(db, all.v[i].id) : NULL;

		if (d && !strcmp(d, dir))
			out[kept++] = all.v[i];
		else
			free(all.v[i].name);
		free(d);
	}
	VEC_FREE(&all);
	return kept;
}

/*
 * From XMIT down the driver's own functions (those defined in its
 * directory), breadth first: the calls where the packet leaves the CPU, a
 * DMA mapping or a doorbell (xmit_exit). The functions on the way to them
 * get their drop points listed too.
 */
static void leaves_cpu(struct db *db, const char *xmit, sqlite3_int64 xid, json_t *dev)
{
	struct node {
		sqlite3_int64 id;
		char *name;
		int parent, depth;
		bool leads;
	};
	VEC(struct node) q = { 0 };
	struct node root = { .id = xid, .name = xstrdup(xmit), .parent = -1 };
	json_t *exits = json_array(), *drops = json_object_get(dev, "drop_points");
	sqlite3_stmt *st;
	char *dir;

	dir = fn_dir(db, xid);
	VEC_PUSH(&q, root);
	for (size_t i = 0; i < q.n; i++) {
		struct callee kids[64];
		int n_kids;

		st = db_stmt(db, SQL, "exit_calls");
		bind_int(st, 1, q.v[i].id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			json_t *o = json_object();
			struct strbuf chain = STRBUF_INIT;
			int path[8], n = 0;

			for (int k = (int)i; k >= 0 && n < 8; k = q.v[k].parent) {
				path[n++] = k;
				q.v[k].leads = true;
			}
			while (n--)
				sb_addf(&chain, "%s%s", chain.len ? " → " : "", q.v[path[n]].name);
			json_object_set_new(o, "kind", json_string(col(st, 0)));
			json_object_set_new(o, "call", json_string(col(st, 2)));
			json_object_set_new(o, "function", json_string(q.v[i].name));
			json_object_set_new(o, "chain", json_string(chain.buf));
			json_object_set_new(o, "file", json_string(col(st, 3)));
			json_object_set_new(o, "line", json_integer(sqlite3_column_int(st, 4)));
			if (col(st, 5))
				json_object_set_new(o, "condition", json_string(col(st, 5)));
			json_array_append_new(exits, o);
			sb_free(&chain);
		}
		sqlite3_reset(st);
		if (!dir || q.v[i].depth >= 4 || q.n >= 48)
			continue;
		n_kids = driver_callees(db, q.v[i].id, dir, kids, 64);
		for (int k = 0; k < n_kids; k++) {
			bool seen = false;

			for (size_t j = 0; j < q.n; j++)
				if (q.v[j].id == kids[k].id)
					seen = true;
			if (!seen) {
				struct node nd = { .id = kids[k].id, .name = kids[k].name, .parent = (int)i,
						   .depth = q.v[i].depth + 1 };

				VEC_PUSH(&q, nd);
			} else {
				free(kids[k].name);
			}
		}
	}
	json_object_set_new(dev, "leaves_cpu", exits);

	/* drop points of the xmit and of the functions that lead out, each once */
	for (size_t i = 0; i < q.n && drops; i++) {
		bool listed = false;
		size_t k;
		json_t *x, *more;

		if (i && !q.v[i].leads)
			continue;
		json_array_foreach(drops, k, x)
			if (!strcmp(json_string_value(json_object_get(x, "function")), q.v[i].name))
				listed = true;
		if (listed)
			continue;
		more = drops_of(db, q.v[i].id, q.v[i].name);
		json_array_extend(drops, more);
		json_decref(more);
	}
	for (size_t i = 0; i < q.n; i++)
		free(q.v[i].name);
	VEC_FREE(&q);
	free(dir);
}

/* --- a device ---------------------------------------------------------------- */

/*
 * A device found through a bus driver: the structure the bus probes with,
 * the probe, what it allocates and registers. setup is the allocator's
 * setup function (ether_setup for alloc_etherdev), when indexed.
 */
struct bus_dev {
	sqlite3_int64 probe, table, setup, alloc_in, register_in;
	char *probe_name, *table_name, *bus, *file, *drv_name, *ids, *probe_file;
	char *alloc, *alloc_caller, *alloc_file, *ifname, *setup_name;
	char *reg, *reg_caller, *reg_file;
	int line, n_ids, alloc_line, reg_line, file_id;
};

static void bus_dev_free(struct bus_dev *b)
{
	free(b->probe_name);
	free(b->table_name);
	free(b->bus);
	free(b->file);
	free(b->drv_name);
	free(b->ids);
	free(b->probe_file);
	free(b->alloc);
	free(b->alloc_caller);
	free(b->alloc_file);
	free(b->ifname);
	free(b->setup_name);
	free(b->reg);
	free(b->reg_caller);
	free(b->reg_file);
}

/* Everything from the settings on, for a device of any kind. */
/*
 * Sections 2 to 8 of DEV from its SETTINGS. A matrix row (ROW) needs the
 * settings, flags, features and ops tables only: the transmit path and its
 * drop points, a path search per device, are left out.
 */
static void device_rest(struct db *db, json_t *dev, json_t *settings, const char *ifname, bool row)
{
	json_t *features = json_array(), *ops = json_array(), *v;
	const char *rhs, *xmit = NULL;
	sqlite3_int64 xid = 0;
	sqlite3_stmt *st;
	long long priv = 0;
	bool have_priv = false;

	json_object_set_new(dev, "settings", settings);
	v = effective(settings, "net_device", "mtu", &rhs);
	json_object_set_new(dev, "mtu", v ? json_incref(v) : json_null());
	v = effective(settings, "net_device", "type", &rhs);
	json_object_set_new(dev, "type", jstr(rhs));
	v = effective(settings, "net_device", "tx_queue_len", &rhs);
	json_object_set_new(dev, "tx_queue_len", v ? json_incref(v) : json_null());

	/* 3. flags */
	v = effective(settings, "net_device", "flags", &rhs);
	json_object_set_new(dev, "flags", v ? decode(db, json_integer_value(v), FK_FLAGS, rhs) : json_array());
	v = effective(settings, "net_device", "priv_flags", &rhs);
	if (v) {
		priv = json_integer_value(v);
		have_priv = true;
	}
	json_object_set_new(dev, "priv_flags", v ? decode(db, priv, FK_PRIV, rhs) :
			    json_array());
	st = db_stmt(db, SQL, "flag_named");
	bind_text(st, 1, "IFF_NO_QUEUE");
	if (sqlite3_step(st) == SQLITE_ROW)
		json_object_set_new(dev, "_iff_no_queue", json_integer(sqlite3_column_int64(st, 0)));
	sqlite3_reset(st);

	/* 4. features */
	{
		static const char *const fields[] = { "features", "hw_features", "vlan_features",
						      "hw_enc_features", "mpls_features", NULL };

		for (int i = 0; fields[i]; i++) {
			json_t *o;

			v = effective(settings, "net_device", fields[i], &rhs);
			if (!rhs)
				continue;
			o = json_object();
			json_object_set_new(o, "field", json_string(fields[i]));
			json_object_set_new(o, "rhs", json_string(rhs));
			json_object_set_new(o, "value", v ? json_incref(v) : json_null());
			json_object_set_new(o, "bits", v ? decode(db, json_integer_value(v), FK_FEATURES, rhs) : json_array());
			json_object_set_new(o, "composites", v ? composites(db, rhs, json_integer_value(v)) :
					    json_array());
			json_array_append_new(features, o);
		}
	}
	json_object_set_new(dev, "features", features);

	/* 5. ops tables: every *_ops field the setup path assigns */
	{
		size_t i;
		json_t *s;

		json_array_foreach(settings, i, s) {
			const char *field = json_string_value(json_object_get(s, "field"));
			size_t n = strlen(field), k;
			sqlite3_int64 tid;
			json_t *t, *m;

			if (strcmp(json_string_value(json_object_get(s, "struct")), "net_device") ||
			    n < 4 || strcmp(field + n - 4, "_ops"))
				continue;
			t = ops_table(db, field, json_string_value(json_object_get(s, "rhs")),
				      json_string_value(json_object_get(s, "from")),
				      json_string_value(json_object_get(s, "file")), &tid);
			/* a table picked at run time: the condition it is picked under */
			if (json_object_get(s, "condition"))
				json_object_set(t, "condition", json_object_get(s, "condition"));
			json_array_foreach(json_object_get(t, "members"), k, m) {
				if (!xmit && !strcmp(field, "netdev_ops") &&
				    !strcmp(json_string_value(json_object_get(m, "field")), "ndo_start_xmit")) {
					xmit = json_string_value(json_object_get(m, "function"));
					xid = json_integer_value(json_object_get(m, "_id"));
				}
				json_object_del(m, "_id");
			}
			json_array_append_new(ops, t);
		}
	}
	json_object_set_new(dev, "ops", ops);

	/* 6, 7. transmit path, where it leaves the CPU, and drop points */
	json_object_set_new(dev, "xmit", jstr(xmit));
	if (xmit && !row) {
		char *x = xstrdup(xmit);

		transmit(db, x, xid, dev);
		leaves_cpu(db, x, xid, dev);
		free(x);
	} else {
		json_object_set_new(dev, "transmit_path", json_array());
		json_object_set_new(dev, "leaves_cpu", json_array());
		json_object_set_new(dev, "drop_points", json_array());
	}

	/* 8. ip link */
	ip_link(dev, json_object_get(dev, "flags"), priv, have_priv, ifname);
	json_object_del(dev, "_iff_no_queue");
}

/*
 * What a reader knows a device by, from the name alloc_netdev() is given
 * (NAME_TEXT, as written) and the kind of the rtnl_link_ops with the same
 * setup (KIND_TEXT): the name when it is a string ("dummy%d"), else the
 * pattern a name expression falls back to (name ? name : "bond%d"), else
 * the kind ("ppp", allocated as ""), else NULL.
 */
static char *device_name(const char *name_text, const char *kind_text)
{
	const char *q, *e;

	/* not a bare "%d" pasted to a macro (DRV_NAME "%d"): that names nothing */
	if (name_text && (q = strchr(name_text, '"')) && (e = strchr(q + 1, '"')) && e > q + 1 &&
	    q[1] != '%')
		return xstrndup(q + 1, e - q - 1);
	if (kind_text && kind_text[0] == '"' && kind_text[1] != '"')
		return unquote(kind_text);
	return NULL;
}

/*
 * A device with no name to go by is its setup function's, unless that is
 * a helper from elsewhere (ether_setup): then the function allocating it.
 */
static const char *device_label(struct db *db, sqlite3_int64 setup, const char *setup_name,
				sqlite3_int64 init, const char *init_name)
{
	char *sd, *id;
	bool shared;

	if (!init)
		return setup_name;
	sd = fn_dir(db, setup);
	id = fn_dir(db, init);
	shared = !sd || !id || strcmp(sd, id);
	free(sd);
	free(id);
	return shared ? init_name : setup_name;
}

static json_t *device(struct db *db, sqlite3_int64 setup, const char *setup_name,
		      sqlite3_int64 init, const char *init_name, const char *file, int line,
		      const char *name_text, const char *kind_text, sqlite3_int64 rtnl_table, bool row)
{
	json_t *dev = json_object(), *steps = json_array(), *settings = json_array();
	char *name = device_name(name_text, kind_text), text[512], *newlink_name = NULL;
	const char *label;
	sqlite3_int64 newlink = 0, then;
	sqlite3_stmt *st;

	if (rtnl_table) {
		st = db_stmt(db, SQL, "table_slot");
		bind_int(st, 1, rtnl_table);
		bind_text(st, 2, "newlink");
		if (sqlite3_step(st) == SQLITE_ROW) {
			newlink = sqlite3_column_int64(st, 0);
			newlink_name = xstrdup(col(st, 1));
		}
		sqlite3_reset(st);
	}

	label = name ? name : device_label(db, setup, setup_name, init, init_name);
	json_object_set_new(dev, "name", json_string(label));
	json_object_set_new(dev, "setup", json_string(setup_name));
	json_object_set_new(dev, "init", init ? json_string(init_name) : json_string("rtnetlink"));

	/* 1. registration, top down */
	if (!init) {
		/* made by rtnetlink: "ip link add type KIND" calls the setup */
		reached(db, setup, setup_name, file, steps, 0);
		snprintf(text, sizeof(text), "'ip link add ... type %s' makes the device: rtnetlink allocates it and calls %s",
			 name ? name : "?", setup_name);
		json_array_append_new(steps, step(text, file, line));
	} else {
		reached(db, init, init_name, file, steps, 0);
		snprintf(text, sizeof(text), "%s calls alloc_netdev(..., %s, %s)", init_name,
			 name_text ? name_text : "?", setup_name);
		json_array_append_new(steps, step(text, file, line));
		st = db_stmt(db, SQL, "register_call");
		bind_int(st, 1, init);
		if (sqlite3_step(st) == SQLITE_ROW) {
			snprintf(text, sizeof(text), "%s calls %s(dev)", init_name, col(st, 0));
			json_array_append_new(steps, step(text, col(st, 1), sqlite3_column_int(st, 2)));
		}
		sqlite3_reset(st);
	}
	json_object_set_new(dev, "registration", steps);

	/* 2. settings: the setup, then what the allocating function (or rtnetlink's newlink) sets after it */
	settings_of(db, setup, setup_name, settings);
	then = init ? init : newlink;
	if (then) {
		json_t *all = json_array();
		char *dir = fn_dir(db, then);

		settings_from(db, then, init ? init_name : newlink_name, dir, NULL, all);
		net_device_only(all, dir, settings);
		json_decref(all);
		free(dir);
	}
	device_rest(db, dev, settings, label, row);
	free(newlink_name);
	free(name);
	return dev;
}

/*
 * The netdev_api call of ROLE that FN makes, or one of the driver's
 * functions it calls (two levels down): sets *in, *caller, *api and where.
 */
static bool find_netdev_call(struct db *db, sqlite3_int64 fn, const char *fn_name, const char *role,
			     int depth, struct bus_dev *b, bool alloc)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "netdev_call");
	struct callee kids[32];
	int n_kids;
	bool found = false;
	char *pd;

	bind_int(st, 1, fn);
	bind_text(st, 2, role);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = true;
		if (alloc) {
			b->alloc = xstrdup(col(st, 0));
			b->alloc_caller = xstrdup(fn_name);
			b->alloc_in = fn;
			b->alloc_file = xstrdup(col(st, 6));
			b->alloc_line = sqlite3_column_int(st, 7);
			if (col(st, 2))
				b->setup_name = xstrdup(col(st, 2));
			if (col(st, 3)) {
				b->ifname = unquote(col(st, 3));
			} else if (sqlite3_column_type(st, 4) != SQLITE_NULL && col(st, 5)) {
				json_t *args = json_loads(col(st, 5), 0, NULL);
				const char *t = arg_text(json_array_get(args, (size_t)sqlite3_column_int(st, 4) - 1));

				b->ifname = t ? unquote(t) : NULL;
				json_decref(args);
			}
			if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
				/* alloc_netdev(..., setup): the setup function passed */
				int arg = sqlite3_column_int(st, 1);
				sqlite3_stmt *p;

				sqlite3_reset(st);
				p = db_stmt(db, SQL, "fn_passed");
				bind_int(p, 1, fn);
				bind_text(p, 2, b->alloc);
				bind_int(p, 3, arg);
				if (sqlite3_step(p) == SQLITE_ROW) {
					free(b->setup_name);
					b->setup = sqlite3_column_int64(p, 0);
					b->setup_name = xstrdup(col(p, 1));
				}
				sqlite3_reset(p);
			}
		} else {
			b->reg = xstrdup(col(st, 0));
			b->reg_caller = xstrdup(fn_name);
			b->register_in = fn;
			b->reg_file = xstrdup(col(st, 6));
			b->reg_line = sqlite3_column_int(st, 7);
		}
	}
	sqlite3_reset(st);
	if (found || depth >= 2)
		return found;
	/* the driver's own helpers: defined next to the probe */
	pd = b->probe_file ? dir_of(b->probe_file) : NULL;
	n_kids = driver_callees(db, fn, pd, kids, 32);
	for (int k = 0; k < n_kids; k++) {
		if (!found)
			found = find_netdev_call(db, kids[k].id, kids[k].name, role, depth + 1, b, alloc);
		free(kids[k].name);
	}
	free(pd);
	return found;
}

/*
 * Keep only the settings of struct net_device (the probe sets much else),
 * and with DIR those written in the driver's directory: the probe's
 * helpers, not the core functions it calls (free_netdev on an error path).
 */
static void net_device_only(json_t *from, const char *dir, json_t *to)
{
	size_t i;
	json_t *s;

	json_array_foreach(from, i, s)
		if (!strcmp(json_string_value(json_object_get(s, "struct")), "net_device") &&
		    (!dir || under(json_string_value(json_object_get(s, "file")), dir)))
			json_array_append(to, s);
}

/* What the probe and the function that allocates (when another) assign, in DIR's helpers. */
static void bus_settings(struct db *db, struct bus_dev *b, const char *dir, json_t *all)
{
	settings_from(db, b->probe, b->probe_name, dir, b->file, all);
	if (b->alloc_in && b->alloc_in != b->probe)
		settings_from(db, b->alloc_in, b->alloc_caller, dir, b->file, all);
}

static json_t *bus_device(struct db *db, struct bus_dev *b, bool row)
{
	json_t *dev = json_object(), *steps = json_array(), *settings = json_array(), *all, *o;
	char *name = unquote(b->drv_name), text[512], *ifname, *dir;
	sqlite3_int64 setup = b->setup;

	json_object_set_new(dev, "name", json_string(name ? name : b->table_name));
	if (b->bus) {
		json_object_set_new(dev, "setup", json_string(b->probe_name));
		json_object_set_new(dev, "init", json_string(b->bus));
		o = json_object();
		json_object_set_new(o, "struct", json_string(b->bus));
		json_object_set_new(o, "driver", json_string(b->table_name));
		json_object_set_new(o, "name", jstr(name));
		json_object_set_new(o, "probe", json_string(b->probe_name));
		json_object_set_new(o, "id_table", jstr(b->ids));
		json_object_set_new(o, "ids", b->ids ? json_integer(b->n_ids) : json_null());
		json_object_set_new(o, "allocator", json_string(b->alloc));
		json_object_set_new(o, "ifname", jstr(b->ifname));
		json_object_set_new(o, "setup", jstr(b->setup_name));
		json_object_set_new(o, "file", json_string(b->file));
		json_object_set_new(o, "line", json_integer(b->line));
		json_object_set_new(dev, "bus", o);
	} else {
		/* allocated by a function no bus probe leads to (net_failover_create) */
		json_object_set_new(dev, "setup", json_string(b->setup_name ? b->setup_name : b->probe_name));
		json_object_set_new(dev, "init", json_string(b->probe_name));
	}

	if (!setup && b->setup_name)
		setup = function_id(db, b->setup_name);

	/* 1. registration: the module registers the driver, the bus probes it */
	reached(db, b->probe, b->probe_name, b->file, steps, 0);
	if (b->bus) {
		if (b->ids)
			snprintf(text, sizeof(text), "the bus calls %s for each device matching %s (%d ID%s)",
				 b->probe_name, b->ids, b->n_ids, b->n_ids == 1 ? "" : "s");
		else
			snprintf(text, sizeof(text), "the bus calls %s for each device it matches", b->probe_name);
		json_array_append_new(steps, step(text, b->file, b->line));
	}
	if (b->alloc_in != b->probe) {
		/* the probe allocates in a helper (sky2_probe -> sky2_init_netdev) */
		sqlite3_stmt *st = db_stmt(db, SQL, "call_site");

		bind_int(st, 1, b->probe);
		bind_int(st, 2, b->alloc_in);
		if (sqlite3_step(st) == SQLITE_ROW) {
			snprintf(text, sizeof(text), "%s calls %s", b->probe_name, b->alloc_caller);
			json_array_append_new(steps, step(text, col(st, 0), sqlite3_column_int(st, 1)));
		}
		sqlite3_reset(st);
	}
	snprintf(text, sizeof(text), "%s calls %s: the net_device%s%s%s%s%s", b->alloc_caller, b->alloc,
		 b->ifname ? ", named " : "", b->ifname ? b->ifname : "",
		 b->setup_name ? ", set up by " : "", b->setup_name ? b->setup_name : "",
		 b->setup_name && !setup ? " (not in the index)" : "");
	json_array_append_new(steps, step(text, b->alloc_file, b->alloc_line));
	if (b->reg) {
		snprintf(text, sizeof(text), "%s calls %s", b->reg_caller, b->reg);
		json_array_append_new(steps, step(text, b->reg_file, b->reg_line));
	}
	json_object_set_new(dev, "registration", steps);

	/* 2. settings: the allocator's setup, then the probe and its helpers */
	if (setup) {
		all = json_array();
		settings_of(db, setup, b->setup_name, all);
		net_device_only(all, NULL, settings);
		json_decref(all);
	}
	all = json_array();
	dir = dir_of(b->probe_file);
	bus_settings(db, b, dir, all);
	net_device_only(all, dir, settings);
	free(dir);
	json_decref(all);

	ifname = b->ifname ? xstrdup(b->ifname) : xstrdup(name ? name : b->probe_name);
	{
		char *pct = strstr(ifname, "%d");

		if (pct) {
			pct[0] = '0';
			memmove(pct + 1, pct + 2, strlen(pct + 2) + 1);
		}
	}
	device_rest(db, dev, settings, ifname, row);
	free(ifname);
	free(name);
	return dev;
}

struct bus_devs {
	VEC(struct bus_dev) v;
};

/* The bus drivers whose probe allocates a net_device. */
static void bus_devices(struct db *db, struct bus_devs *out)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "bus_drivers");
	VEC(struct bus_dev) all = { 0 };

	while (sqlite3_step(st) == SQLITE_ROW) {
		struct bus_dev b = {
			.probe = sqlite3_column_int64(st, 0), .probe_name = xstrdup(col(st, 1)),
			.table = sqlite3_column_int64(st, 2), .table_name = xstrdup(col(st, 3)),
			.bus = xstrdup(col(st, 4)), .file = xstrdup(col(st, 5)),
			.line = sqlite3_column_int(st, 6),
			.drv_name = col(st, 7) ? xstrdup(col(st, 7)) : NULL,
			.ids = col(st, 8) ? xstrdup(col(st, 8) + (col(st, 8)[0] == '&')) : NULL,
			.probe_file = report_fn_file(db, sqlite3_column_int64(st, 0)),
			.file_id = sqlite3_column_int(st, 9),
		};

		VEC_PUSH(&all, b);
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < all.n; i++) {
		struct bus_dev *b = &all.v[i];

		if (!find_netdev_call(db, b->probe, b->probe_name, "alloc", 0, b, true)) {
			bus_dev_free(b);
			continue;
		}
		find_netdev_call(db, b->probe, b->probe_name, "register", 0, b, false);
		if (b->ids) {
			st = db_stmt(db, SQL, "id_count");
			bind_text(st, 1, b->ids);
			bind_int(st, 2, b->file_id);
			if (sqlite3_step(st) == SQLITE_ROW)
				b->n_ids = sqlite3_column_int(st, 0);
			sqlite3_reset(st);
		}
		VEC_PUSH(&out->v, *b);
	}
	VEC_FREE(&all);

	/* allocations no bus probe leads to: the device of the allocating function */
	st = db_stmt(db, SQL, "alloc_callers");
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct bus_dev b = {
			.probe = sqlite3_column_int64(st, 0), .probe_name = xstrdup(col(st, 1)),
			.table_name = xstrdup(col(st, 1)), .file = xstrdup(col(st, 2)),
			.line = sqlite3_column_int(st, 3),
			.probe_file = report_fn_file(db, sqlite3_column_int64(st, 0)),
		};

		VEC_PUSH(&all, b);
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < all.n; i++) {
		struct bus_dev *b = &all.v[i];
		bool known = false;

		for (size_t k = 0; k < out->v.n; k++)
			if (out->v.v[k].alloc_in == b->probe || out->v.v[k].probe == b->probe)
				known = true;
		if (known || !find_netdev_call(db, b->probe, b->probe_name, "alloc", 0, b, true)) {
			bus_dev_free(b);
			continue;
		}
		find_netdev_call(db, b->probe, b->probe_name, "register", 0, b, false);
		VEC_PUSH(&out->v, *b);
	}
	VEC_FREE(&all);
}

/* Is PATH in directory DIR? "." (the tree's top) holds every path. */
static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (!strcmp(dir, "."))
		return path != NULL;
	while (n && dir[n - 1] == '/')
		n--;
	return path && !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

/*
 * Does ARG name the file PATH by its name alone, with or without ".c"?
 * 'loopback' names drivers/net/loopback.c: the name kbuild gives the module
 * of a one-file driver, and what a user types for it.
 */
static bool names_file(const char *path, const char *arg)
{
	const char *base = path ? strrchr(path, '/') : NULL;
	size_t n = strlen(arg);

	base = base ? base + 1 : path;
	return base && (!strcmp(base, arg) || (!strncmp(base, arg, n) && !strcmp(base + n, ".c")));
}

/*
 * Does the setup path of FN (and its helpers), or of bus device B, attach
 * the table named TABLE?
 */
static bool attaches(struct db *db, sqlite3_int64 fn, const char *fn_name, struct bus_dev *b,
		     const char *table)
{
	json_t *s = json_array(), *e;
	bool match = false;
	size_t k;

	if (b) {
		char *dir = dir_of(b->probe_file);

		bus_settings(db, b, dir, s);
		free(dir);
	} else {
		settings_of(db, fn, fn_name, s);
	}
	json_array_foreach(s, k, e) {
		char *getter, *name = table_named(db, json_string_value(json_object_get(e, "rhs")), &getter);

		if (name && !strcmp(name, table))
			match = true;
		free(name);
		free(getter);
	}
	json_decref(s);
	return match;
}

json_t *report_build(struct db *db, const char *driver, bool matrix)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "devices");
	json_t *devices = json_array();
	struct row {
		sqlite3_int64 setup, init, rtnl_table;
		char *setup_name, *init_name, *file, *name, *setup_file;
		char *kind;	/* an rtnl_link_ops with the same setup: its .kind */
		int line;
	};
	VEC(struct row) rows = { 0 };
	struct bus_devs bd = { 0 };

	while (sqlite3_step(st) == SQLITE_ROW) {
		struct row r = {
			.setup = sqlite3_column_int64(st, 0), .setup_name = xstrdup(col(st, 1)),
			.init = sqlite3_column_int64(st, 2), .init_name = xstrdup(col(st, 3)),
			.file = xstrdup(col(st, 4)), .line = sqlite3_column_int(st, 5),
			.name = col(st, 6) ? xstrdup(col(st, 6)) : NULL,
			.setup_file = report_fn_file(db, sqlite3_column_int64(st, 0)),
		};

		VEC_PUSH(&rows, r);
	}
	sqlite3_reset(st);
	/* devices made by rtnetlink, unless an alloc_netdev call already made them */
	st = db_stmt(db, SQL, "rtnl_devices");
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct row r = {
			.setup = sqlite3_column_int64(st, 0), .setup_name = xstrdup(col(st, 1)),
			.init = 0, .init_name = xstrdup(col(st, 3)), .rtnl_table = sqlite3_column_int64(st, 2),
			.file = xstrdup(col(st, 4)), .line = sqlite3_column_int(st, 5),
			.kind = col(st, 6) ? xstrdup(col(st, 6)) : NULL,
			.setup_file = report_fn_file(db, sqlite3_column_int64(st, 0)),
		};
		bool seen = false;

		for (size_t i = 0; i < rows.n; i++) {
			if (rows.v[i].setup != r.setup)
				continue;
			seen = true;
			if (!rows.v[i].kind) {
				rows.v[i].kind = r.kind;	/* names it when its alloc_netdev() does not */
				r.kind = NULL;
			}
		}
		if (seen) {
			free(r.setup_name);
			free(r.init_name);
			free(r.file);
			free(r.kind);
			free(r.setup_file);
			continue;
		}
		VEC_PUSH(&rows, r);
	}
	sqlite3_reset(st);
	/* devices a bus probes; an alloc_netdev in a probe is that device */
	bus_devices(db, &bd);
	for (size_t i = 0; i < rows.n; i++) {
		struct row *r = &rows.v[i];
		char *name = device_name(r->name, r->kind), *kind = unquote(r->kind);
		bool match, probed = false;

		for (size_t k = 0; k < bd.v.n; k++)
			if (r->init && bd.v.v[k].alloc_in == r->init)
				probed = true;
		if (probed)
			match = false;
		else if (matrix)
			match = under(r->file, driver) || under(r->setup_file, driver);
		else
			match = !strcmp(r->file, driver) || (r->setup_file && !strcmp(r->setup_file, driver)) ||
				names_file(r->file, driver) || names_file(r->setup_file, driver) ||
				(name && !strcmp(name, driver)) || (kind && !strcmp(kind, driver)) ||
				!strcmp(r->setup_name, driver) ||
				attaches(db, r->setup, r->setup_name, NULL, driver) ||
				(r->init && attaches(db, r->init, r->init_name, NULL, driver));
		if (match)
			json_array_append_new(devices, device(db, r->setup, r->setup_name, r->init,
							      r->init_name, r->file, r->line, r->name,
							      r->kind, r->rtnl_table, matrix));
		free(name);
		free(kind);
	}
	for (size_t i = 0; i < bd.v.n; i++) {
		struct bus_dev *b = &bd.v.v[i];
		char *name = unquote(b->drv_name);
		bool match;

		if (matrix)
			match = under(b->file, driver) || under(b->probe_file, driver);
		else
			match = !strcmp(b->file, driver) || (b->probe_file && !strcmp(b->probe_file, driver)) ||
				names_file(b->file, driver) || names_file(b->probe_file, driver) ||
				(name && !strcmp(name, driver)) || !strcmp(b->probe_name, driver) ||
				!strcmp(b->table_name, driver) || attaches(db, 0, NULL, b, driver);
		if (match)
			json_array_append_new(devices, bus_device(db, b, matrix));
		free(name);
		bus_dev_free(b);
	}
	VEC_FREE(&bd.v);
	for (size_t i = 0; i < rows.n; i++) {
		free(rows.v[i].setup_name);
		free(rows.v[i].init_name);
		free(rows.v[i].file);
		free(rows.v[i].name);
		free(rows.v[i].setup_file);
		free(rows.v[i].kind);
	}
	VEC_FREE(&rows);
	if (!json_array_size(devices)) {
		json_decref(devices);
		error_set(matrix ? "no device is set up under '%s' in the index" :
			  "no device matches '%s' in the index: name a source file (or its name, as 'loopback'), an interface name, a driver, a probe or setup function, or an ops table",
			  driver);
		return NULL;
	}
	return devices;
}

json_t *report_coverage(struct db *db, const char *dir, json_t *devices)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "netdev_ops_tables");
	json_t *out = json_object(), *missing = json_array();
	int tables = 0, attributed = 0;

	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = col(st, 0), *file = col(st, 1);
		bool found = false;
		size_t i, k;
		json_t *d, *o;

		if (!under(file, dir))
			continue;
		tables++;
		json_array_foreach(devices, i, d)
			json_array_foreach(json_object_get(d, "ops"), k, o)
				if (json_string_value(json_object_get(o, "table")) &&
				    json_string_value(json_object_get(o, "file")) &&
				    !strcmp(json_string_value(json_object_get(o, "table")), name) &&
				    !strcmp(json_string_value(json_object_get(o, "file")), file))
					found = true;
		if (found) {
			attributed++;
		} else {
			json_t *m = json_object();

			json_object_set_new(m, "table", json_string(name));
			json_object_set_new(m, "file", json_string(file));
			json_object_set_new(m, "line", json_integer(sqlite3_column_int(st, 2)));
			json_array_append_new(missing, m);
		}
	}
	sqlite3_reset(st);
	json_object_set_new(out, "tables", json_integer(tables));
	json_object_set_new(out, "attributed", json_integer(attributed));
	json_object_set_new(out, "unattributed", missing);
	return out;
}
