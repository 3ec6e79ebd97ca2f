// SPDX-License-Identifier: GPL-2.0
/*
 * Names are resolved exactly; a miss suggests the closest names by edit
 * distance, and an ambiguous static name asks for FILE:NAME.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "query/names.h"

#define SQL "tool/sql/graph.sql"

static int edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int *row = xmalloc((lb + 1) * sizeof(*row)), d;

	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];

		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

struct cand {
	char *name;
	int score;
	int uses;	/* of a field: its refs, the most used first among equals */
};

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score - y->score;
	if (x->uses != y->uses)
		return y->uses - x->uses;
	return strcmp(x->name, y->name);
}

char *suggest(struct db *db, const char *name, const char *kind)
{
	const char *dot = strrchr(name, '.');
	sqlite3_stmt *st = db_stmt(db, SQL, "names_like");
	VEC(struct cand) c = { 0 };
	struct strbuf sb = STRBUF_INIT;
	const char *said[5];
	size_t shown = 0;

	bind_text(st, 1, name);
	bind_text(st, 2, kind);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 0);
		struct cand k = { .name = xstrdup(n), .score = edit_distance(name, n), .uses = 0 };

		/* a name containing what was typed is close, whatever its length */
		if (strstr(n, name))
			k.score = 1 + (int)(strlen(n) - strlen(name)) / 4;
		VEC_PUSH(&c, k);
	}
	sqlite3_reset(st);
	/*
	 * A plain name may be a field's now: first among the suggestions. Of
	 * STRUCT.FIELD, the fields of that name in other structs ('dev.mtu',
	 * written as a variable's, suggests 'net_device.mtu').
	 */
	if (!dot || dot[1]) {
		st = db_stmt(db, SQL, "fields_named_like");
		bind_text(st, 1, dot ? dot + 1 : name);
		while (sqlite3_step(st) == SQLITE_ROW) {
			struct cand k;

			if (dot && sqlite3_column_int(st, 1))
				continue;	/* 'x.len' suggests every '*.len', not '*.max_len' */
			k.name = xstrdup((const char *)sqlite3_column_text(st, 0));
			k.score = sqlite3_column_int(st, 1) + (dot ? 2 : 0);
			k.uses = sqlite3_column_int(st, 2);

			VEC_PUSH(&c, k);
		}
		sqlite3_reset(st);
	}
	if (c.n)
		qsort(c.v, c.n, sizeof(*c.v), cmp_cand);
	/* the closest first, each once (a field can be found by its spelling and as a field) */
	for (size_t i = 0; i < c.n && shown < 5 && c.v[i].score <= 2 + (int)strlen(name) / 3; i++) {
		bool again = false;

		for (size_t k = 0; k < shown; k++)
			again = again || !strcmp(said[k], c.v[i].name);
		if (again)
			continue;
		sb_addf(&sb, "%s'%s'", shown ? ", " : "; did you mean ", c.v[i].name);
		said[shown++] = c.v[i].name;
	}
	for (size_t i = 0; i < c.n; i++)
		free(c.v[i].name);
	VEC_FREE(&c);
	if (shown)
		sb_adds(&sb, "?");
	return sb_detach(&sb);
}

char *c_name(const char *arg)
{
	struct strbuf sb = STRBUF_INIT;

	while (*arg == ' ' || *arg == '\t')
		arg++;
	if (!strncmp(arg, "struct ", 7))
		arg += 7;
	while (*arg == ' ' || *arg == '\t')
		arg++;
	for (; *arg; arg++) {
		if (arg[0] == '-' && arg[1] == '>') {
			sb_adds(&sb, ".");
			arg++;
		} else {
			sb_add(&sb, arg, 1);
		}
	}
	return sb_detach(&sb);
}

int missing_name(struct db *db, const char *name, const char *what, const char *kind)
{
	sqlite3_stmt *st;
	char *s;

	if (strcmp(kind, "field") && strchr(name, '.')) {
		bool field = false;

		st = db_stmt(db, "tool/sql/lookup.sql", "sym_kinds");
		bind_text(st, 1, name);
		while (!field && sqlite3_step(st) == SQLITE_ROW)
			field = !strcmp((const char *)sqlite3_column_text(st, 0), "field");
		sqlite3_reset(st);
		if (field)
			return error_set("'%s' is a field, not a function: 'impl %s' lists the functions bound to it, 'refs %s' every use of it and call through it",
					 name, name, name);
	}
	st = db_stmt(db, SQL, "macro_named");
	bind_text(st, 1, name);
	if (sqlite3_step(st) == SQLITE_ROW) {
		struct strbuf calls = STRBUF_INIT;
		sqlite3_stmt *c = db_stmt(db, SQL, "macro_callees");
		int n = 0;

		bind_text(c, 1, name);
		while (sqlite3_step(c) == SQLITE_ROW)
			sb_addf(&calls, "%s'%s'", n++ ? ", " : "; its uses call ",
				(const char *)sqlite3_column_text(c, 0));
		sqlite3_reset(c);
		if (n)
			error_set("'%s' is a macro (#define at %s:%d)%s: 'callers %s' lists the calls written with it",
				  name, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
				  calls.buf, name);
		else
			error_set("'%s' is a macro (#define at %s:%d): ndoscope records what a macro expands to, not its uses",
				  name, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1));
		sb_free(&calls);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	s = suggest(db, name, kind);
	error_set("no %s named '%s' in the index%s", what, name, s);
	free(s);
	return -1;
}

void resolved_release(struct resolved *r)
{
	free(r->name);
	free(r->file);
	memset(r, 0, sizeof(*r));
}

/* Does PATH name FILE: the same, or ending in "/FILE"? */
static bool file_matches(const char *path, const char *file)
{
	size_t lp = strlen(path), lf = strlen(file);

	if (lp == lf)
		return !strcmp(path, file);
	return lp > lf && path[lp - lf - 1] == '/' && !strcmp(path + lp - lf, file);
}

int resolve_function(struct db *db, const char *arg, struct resolved *out)
{
	const char *colon = strrchr(arg, ':');
	char *file = colon ? xstrndup(arg, colon - arg) : NULL;
	const char *name = colon ? colon + 1 : arg;
	sqlite3_stmt *st = db_stmt(db, SQL, "functions_named");
	VEC(struct resolved) found = { 0 };
	sqlite3_int64 first_id = 0;
	bool several = false;
	int rc = -1, all = 0;

	memset(out, 0, sizeof(*out));
	bind_text(st, 1, name);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 2);
		struct resolved r = {
			.id = sqlite3_column_int64(st, 0),
			.name = xstrdup((const char *)sqlite3_column_text(st, 1)),
			.file = path ? xstrdup(path) : NULL,
			.line = sqlite3_column_int(st, 3),
		};

		all++;
		if (file && (!path || !file_matches(path, file))) {
			resolved_release(&r);
			continue;
		}
		if (found.n && r.id != first_id)
			several = true;
		if (!found.n)
			first_id = r.id;
		VEC_PUSH(&found, r);
	}
	sqlite3_reset(st);

	if (!found.n) {
		if (file && all) {
			error_set("no function named '%s' in '%s'", name, file);
		} else {
			missing_name(db, name, "function", "function");
		}
		goto out;
	}
	if (several) {
		struct strbuf sb = STRBUF_INIT;

		for (size_t i = 0; i < found.n; i++)
			sb_addf(&sb, "\n  %s:%d: %s", found.v[i].file ? found.v[i].file : "?",
				found.v[i].line, found.v[i].name);
		error_set("'%s' is defined in %zu places; name one as FILE:%s:%s", name,
			  found.n, name, sb.buf);
		sb_free(&sb);
		goto out;
	}
	*out = found.v[0];
	found.v[0].name = found.v[0].file = NULL;
	rc = 0;
out:
	for (size_t i = 0; i < found.n; i++)
		resolved_release(&found.v[i]);
	VEC_FREE(&found);
	free(file);
	return rc;
}
