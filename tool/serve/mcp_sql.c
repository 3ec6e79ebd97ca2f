// SPDX-License-Identifier: GPL-2.0
/*
 * The sql tool: one read-only statement, its first rows and their count.
 * Besides what 'ndoscope sql' checks (one statement, sqlite3_stmt_readonly),
 * an authorizer refuses ATTACH, DETACH, pragmas that set something and
 * load_extension(), and a progress handler stops a statement that runs
 * too long. mcp_sql_harden() closes the rest on the connection itself.
 */
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "render/output.h"
#include "serve/mcp.h"

#define TIME_LIMIT_MS 5000

/* Pragmas that only read, with an argument naming what to read. */
static const char *const read_pragmas[] = {
	"table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
	"foreign_key_list", "function_list", "collation_list", "pragma_list", NULL,
};

/* What the authorizer refused, for the message. */
struct refusal {
	char what[128];
};

static int deny(struct refusal *r, const char *fmt, const char *s)
{
	if (!r->what[0])
		snprintf(r->what, sizeof(r->what), fmt, s ? s : "");
	return SQLITE_DENY;
}

static int authorize(void *arg, int action, const char *a, const char *b,
		     const char *dbname, const char *trigger)
{
	struct refusal *r = arg;

	switch (action) {
	case SQLITE_ATTACH:
		return deny(r, "ATTACH", NULL);
	case SQLITE_DETACH:
		return deny(r, "DETACH", NULL);
	case SQLITE_FUNCTION:
		return b && !strcasecmp(b, "load_extension") ? deny(r, "load_extension()", NULL) : SQLITE_OK;
	case SQLITE_PRAGMA:
		if (!b)
			return SQLITE_OK;
		for (int i = 0; read_pragmas[i]; i++)
			if (!strcasecmp(a, read_pragmas[i]))
				return SQLITE_OK;
		return deny(r, "PRAGMA %.60s with a value", a);
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	default:
		/* every write, create, drop, transaction or savepoint */
		return deny(r, "a statement that writes", NULL);
	}
}

static int too_long(void *arg)
{
	return now_ms() > *(int64_t *)arg;
}

void mcp_sql_harden(sqlite3 *h)
{
	sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_limit(h, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_limit(h, SQLITE_LIMIT_LENGTH, 16 << 20);
	sqlite3_limit(h, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
	sqlite3_exec(h, "PRAGMA query_only = 1", NULL, NULL, NULL);
}

json_t *mcp_sql(struct db *db, const char *query, int limit)
{
	json_t *rows = json_array(), *cols = json_array(), *o = NULL;
	int64_t deadline = now_ms() + TIME_LIMIT_MS;
	struct refusal refused = { "" };
	sqlite3_stmt *st = NULL;
	int rc, total = 0;

	sqlite3_set_authorizer(db->h, authorize, &refused);
	if (prepare_statement(db->h, query, "SQL", &st)) {
		if (refused.what[0])
			error_set("the sql tool only reads the index: %s is refused", refused.what);
		goto out;
	}
	if (sqlite3_bind_parameter_count(st)) {
		error_set("bad SQL: it has parameters, and the sql tool binds none");
		goto out;
	}
	for (int i = 0; i < sqlite3_column_count(st); i++)
		json_array_append_new(cols, json_text(sqlite3_column_name(st, i),
						      strlen(sqlite3_column_name(st, i))));
	sqlite3_progress_handler(db->h, 10000, too_long, &deadline);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (total++ < limit)
			json_array_append_new(rows, row_json(st));
	sqlite3_progress_handler(db->h, 0, NULL, NULL);
	if (rc == SQLITE_INTERRUPT) {
		error_set("the query ran for more than %d s and was stopped", TIME_LIMIT_MS / 1000);
		goto out;
	}
	if (rc != SQLITE_DONE) {
		error_set("query failed: %s", sqlite3_errmsg(db->h));
		goto out;
	}
	o = json_pack("{s:O, s:O, s:i, s:b}", "columns", cols, "rows", rows,
		      "total", total, "truncated", total > limit);
out:
	sqlite3_finalize(st);
	sqlite3_set_authorizer(db->h, NULL, NULL);
	json_decref(rows);
	json_decref(cols);
	return o;
}
