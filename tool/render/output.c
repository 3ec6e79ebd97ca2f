// SPDX-License-Identifier: GPL-2.0
/* Result sets out: aligned columns for people, TSV and JSON for scripts. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/error.h"
#include "render/output.h"
#include "base/util.h"

static char *cell(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		return xstrdup("");
	case SQLITE_INTEGER:
		return xasprintf("%lld", (long long)sqlite3_column_int64(st, i));
	default:
		return xstrdup((const char *)sqlite3_column_text(st, i));
	}
}

static json_t *json_cell(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		return json_null();
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(st, i));
	case SQLITE_FLOAT:
		return json_real(sqlite3_column_double(st, i));
	default:
		return json_string((const char *)sqlite3_column_text(st, i));
	}
}

/* TSV cells escape what would break a line or a column. */
static void put_tsv(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			fputs("\\t", out);
		else if (*s == '\n')
			fputs("\\n", out);
		else if (*s == '\\')
			fputs("\\\\", out);
		else
			fputc(*s, out);
	}
}

int print_rows(FILE *out, sqlite3 *db, sqlite3_stmt *st, enum out_format fmt)
{
	int ncol = sqlite3_column_count(st), rows = 0, rc;
	VEC(char *) cells = { 0 };
	size_t *width = xcalloc(ncol + 1, sizeof(*width));
	json_t *arr = fmt == OUT_JSON ? json_array() : NULL;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows++;
		if (fmt == OUT_JSON) {
			json_array_append_new(arr, row_json(st));
		} else {
			for (int i = 0; i < ncol; i++)
				VEC_PUSH(&cells, cell(st, i));
		}
	}
	if (rc != SQLITE_DONE) {
		error_set("query failed: %s", sqlite3_errmsg(db));
		rows = -1;
		goto out;
	}
	if (fmt == OUT_JSON) {
		json_dumpf(arr, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', out);
	} else if (fmt == OUT_TSV) {
		for (int i = 0; i < ncol; i++) {
			put_tsv(out, sqlite3_column_name(st, i));
			fputc(i + 1 < ncol ? '\t' : '\n', out);
		}
		for (size_t r = 0; r < (size_t)rows; r++)
			for (int i = 0; i < ncol; i++) {
				put_tsv(out, cells.v[r * ncol + i]);
				fputc(i + 1 < ncol ? '\t' : '\n', out);
			}
	} else {
		for (int i = 0; i < ncol; i++)
			width[i] = strlen(sqlite3_column_name(st, i));
		for (size_t k = 0; k < cells.n; k++) {
			size_t l = strlen(cells.v[k]);

			if (l > width[k % ncol])
				width[k % ncol] = l;
		}
		for (int i = 0; i < ncol; i++)
			fprintf(out, "%-*s%s", i + 1 < ncol ? (int)width[i] : 0,
				sqlite3_column_name(st, i), i + 1 < ncol ? "  " : "\n");
		for (int i = 0; i < ncol; i++) {
			for (size_t k = 0; k < width[i]; k++)
				fputc('-', out);
			fputs(i + 1 < ncol ? "  " : "\n", out);
		}
		for (size_t r = 0; r < (size_t)rows; r++)
			for (int i = 0; i < ncol; i++)
				fprintf(out, "%-*s%s", i + 1 < ncol ? (int)width[i] : 0,
					cells.v[r * ncol + i], i + 1 < ncol ? "  " : "\n");
	}
out:
	for (size_t k = 0; k < cells.n; k++)
		free(cells.v[k]);
	VEC_FREE(&cells);
	free(width);
	json_decref(arr);
	return rows;
}

int bind_params(sqlite3_stmt *st, char *const *params, int n)
{
	for (int i = 0; i < n; i++) {
		const char *eq = strchr(params[i], '=');
		char name[128];
		int idx = 0;

		if (!eq || eq == params[i] || eq - params[i] >= (int)sizeof(name) - 2)
			return error_set("parameter '%s' is not NAME=VALUE", params[i]);
		if (params[i][0] >= '0' && params[i][0] <= '9') {
			snprintf(name, sizeof(name), "?%.*s", (int)(eq - params[i]), params[i]);
			idx = sqlite3_bind_parameter_index(st, name);
		} else {
			static const char sigils[] = ":@$";

			for (int s = 0; s < 3 && !idx; s++) {
				snprintf(name, sizeof(name), "%c%.*s", sigils[s],
					 (int)(eq - params[i]), params[i]);
				idx = sqlite3_bind_parameter_index(st, name);
			}
		}
		if (!idx)
			return error_set("the query has no parameter '%.*s'",
					 (int)(eq - params[i]), params[i]);
		sqlite3_bind_text(st, idx, eq + 1, -1, SQLITE_TRANSIENT);
	}
	return 0;
}

int prepare_statement(sqlite3 *db, const char *sql, const char *what, sqlite3_stmt **out)
{
	sqlite3_stmt *st = NULL;
	const char *tail;

	*out = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK) {
		error_set("bad %s: %s", what, sqlite3_errmsg(db));
		goto fail;
	}
	if (!st) {
		error_set("bad %s: no statement", what);
		goto fail;
	}
	while (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';')
		tail++;
	if (*tail) {
		error_set("bad %s: give one statement, not several", what);
		goto fail;
	}
	if (!sqlite3_stmt_readonly(st)) {
		error_set("%s would write: the index is only read here", what);
		goto fail;
	}
	*out = st;
	return 0;
fail:
	sqlite3_finalize(st);
	return -1;
}

json_t *row_json(sqlite3_stmt *st)
{
	json_t *o = json_object();

	for (int i = 0; i < sqlite3_column_count(st); i++)
		json_object_set_new(o, sqlite3_column_name(st, i), json_cell(st, i));
	return o;
}

int run_statement(sqlite3 *db, const char *sql, const char *what,
		  char *const *params, int n_params, enum out_format fmt)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (prepare_statement(db, sql, what, &st))
		return -1;
	if (bind_params(st, params, n_params))
		goto out;
	if (print_rows(stdout, db, st, fmt) >= 0)
		rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

FILE *output_open(const char *output)
{
	FILE *out;

	if (!output)
		return stdout;
	out = fopen(output, "w");
	if (!out)
		error_set("cannot write '%s': %m", output);
	return out;
}

int output_json(FILE *out, json_t *doc)
{
	if (json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER))
		return error_set("cannot write the JSON document");
	fputc('\n', out);
	return 0;
}

int output_close(FILE *out, const char *output, int rc)
{
	if (output && fclose(out) && !rc)
		return error_set("cannot write '%s': %m", output);
	return rc;
}
