// SPDX-License-Identifier: GPL-2.0
/*
 * The index database. One writer at a time (a lock file next to the DB),
 * any number of readers (WAL while a writer runs, the rollback journal at
 * rest). The schema is versioned with PRAGMA user_version and brought up to
 * date by the migrations in schemas/.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/db.h"
#include "base/embedded.h"
#include "base/error.h"

/* How long a statement waits for another connection's lock. */
#define BUSY_MS 10000

/* schemas/NNN_*.sql, in order: migration i brings user_version from i to i+1. */
static const char *const migrations[] = {
	"schemas/001_init.sql",
	"schemas/002_handoff.sql",
	"schemas/003_drivers.sql",
	"schemas/004_source.sql",
	"schemas/006_merge.sql",
	"schemas/007_edges_by_field.sql",
	"schemas/008_unit_fn_body.sql",
	"schemas/009_edge_table.sql",
	"schemas/010_derived_tables.sql",
	"schemas/011_lex_zlib.sql",
	"schemas/012_drop_init_field_by_text.sql",
	"schemas/013_macro_bodies.sql",
	"schemas/014_file_stat.sql",
	"schemas/015_unit_span.sql",
	"schemas/016_partial_call_indexes.sql",
	"schemas/017_macro_def_skipped.sql",
	"schemas/018_drop_ref_by_file.sql",
	"schemas/019_tu_lists.sql",
	"schemas/020_call_refs.sql",
	"schemas/021_drop_macro_def_by_file.sql",
	"schemas/022_ref_kind.sql",
	"schemas/023_call_args_text.sql",
	"schemas/024_sym_usr_unindexed.sql",
	"schemas/025_assign_src.sql",
};

/* The schema version this build knows: the number of migrations. */
#define SCHEMA_LATEST ((int)(sizeof(migrations) / sizeof(migrations[0])))

/*
 * Schema version V by the name of its last migration ("013_macro_bodies"):
 * the versions count migrations, and the files' numbers skip 005, so a bare
 * number would not name the file a reader looks for.
 */
static const char *schema_name(int v, char *buf, size_t len)
{
	const char *base = strrchr(migrations[v - 1], '/') + 1;

	snprintf(buf, len, "%.*s", (int)(strlen(base) - strlen(".sql")), base);
	return buf;
}

/* A version above SCHEMA_LATEST has no file here: its number, and ours. */
static int refuse_newer(const char *path, int v)
{
	char name[64];

	return error_set("'%s' was made by a newer ndoscope (schema version %d; this one reads up to %d, %s)",
			 path, v, SCHEMA_LATEST, schema_name(SCHEMA_LATEST, name, sizeof(name)));
}

const char *embedded_get(const char *path)
{
	for (const struct embedded_file *f = embedded_files; f->path; f++)
		if (!strcmp(f->path, path))
			return f->text;
	return NULL;
}

const char *sql_section(const char *file, const char *name, size_t *len)
{
	const char *text = embedded_get(file), *p, *end;
	size_t nlen = strlen(name);

	if (!text)
		return NULL;
	for (p = text; (p = strstr(p, "-- name: ")); p++) {
		const char *n = p + 9;

		if (strncmp(n, name, nlen) || (n[nlen] != '\n' && n[nlen] != ' '))
			continue;
		p = strchr(n, '\n');
		if (!p)
			return NULL;
		p++;
		end = strstr(p, "-- name: ");
		if (!end)
			end = p + strlen(p);
		*len = end - p;
		return p;
	}
	return NULL;
}

const char *db_default_path(const char *opt)
{
	const char *env;

	if (opt && *opt)
		return opt;
	env = getenv("NDOSCOPE_DB");
	if (env && *env)
		return env;
	return "ndoscope.db";
}

static int sqlerr(struct db *db, const char *what)
{
	return error_set("%s '%s': %s", what, db->path, sqlite3_errmsg(db->h));
}

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error_set("database '%s': %s", db->path, msg ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int take_lock(struct db *db)
{
	char *lock = xasprintf("%s.lock", db->path);
	char pid[32];
	int fd, n;

	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		error_set("cannot create lock '%s': %s", lock, strerror(errno));
		free(lock);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		n = read(fd, pid, sizeof(pid) - 1);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		error_set("'%s' is being written by another 'ndoscope index'%s%s%s",
			  db->path, *pid ? " (pid " : "", pid, *pid ? ")" : "");
		close(fd);
		free(lock);
		return -1;
	}
	if (ftruncate(fd, 0) == 0) {
		n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
		if (pwrite(fd, pid, n, 0) != n) {
			/* the pid is only a courtesy */
		}
	}
	free(lock);
	db->lock_fd = fd;
	return 0;
}

static int user_version(struct db *db, int *v)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		goto fail;
	}
	*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
fail:
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
		return error_set("'%s' is not an ndoscope index: %s", db->path,
				 sqlite3_errmsg(db->h));
	return sqlerr(db, "cannot read");
}

/* The tables of the file named NAME, or all of them (NAME NULL); -1 if it cannot be read. */
static int count_tables_named(struct db *db, const char *name)
{
	sqlite3_stmt *st;
	int n = -1;

	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM sqlite_master WHERE ?1 IS NULL OR (type = 'table' AND name = ?1)",
			       -1, &st, NULL))
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Every schema from the first has meta: a file at a user_version without it is another's. */
static int refuse_without_meta(struct db *db)
{
	if (count_tables_named(db, "meta") == 0)
		return error_set("'%s' is not an ndoscope index: it has no meta table", db->path);
	return 0;
}

/*
 * The first n migrations' fingerprint, computed at build time over their
 * texts (cmake/embed.cmake): a database at user_version n whose fingerprint
 * differs was made by a development build whose migrations were not these
 * (another file at the same number), and migrating it further would run
 * the wrong files on it.
 */
static const char *fingerprint(int n)
{
	for (const struct embedded_file *f = schema_fingerprints; f->path; f++)
		if (!strcmp(f->path, migrations[n - 1]))
			return f->text;
	return "";
}

/*
 * The fingerprint of indexes made before the build computed them: the
 * texts' hashes, combined at run time. Still accepted (the writer's next
 * open replaces it), so that no index need be made again for the change.
 */
static const char *fingerprint_v1(int n, char out[17])
{
	uint64_t h = 0;

	for (int i = 0; i < n; i++)
		h ^= hash_str(embedded_get(migrations[i])) + (h << 6) + (h >> 2);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
	return out;
}

static int set_fingerprint(struct db *db, int n)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->h, "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?1)",
			       -1, &st, NULL) != SQLITE_OK)
		return sqlerr(db, "cannot write to");
	sqlite3_bind_text(st, 1, fingerprint(n), -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sqlerr(db, "cannot write to");
}

/* 0 when the index's schema is this build's at version n, 1 when so by its older fingerprint. */
static int check_fingerprint(struct db *db, int n)
{
	sqlite3_stmt *st;
	char v1[17], name[64];
	int same = 0;	/* indexes older than fingerprints carry none */

	if (sqlite3_prepare_v2(db->h, "SELECT value FROM meta WHERE key = 'schema'", -1, &st, NULL) != SQLITE_OK) {
		char *why = xstrdup(sqlite3_errmsg(db->h));

		sqlite3_finalize(st);
		if (!refuse_without_meta(db))
			error_set("cannot read '%s': %s", db->path, why);
		free(why);
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *have = (const char *)sqlite3_column_text(st, 0);

		if (!have || strcmp(have, fingerprint(n)))
			same = have && strlen(have) == 16 &&
			       !strcmp(have, fingerprint_v1(n, v1)) ? 1 : -1;
	}
	sqlite3_finalize(st);
	if (same < 0)
		return error_set("'%s' was made by another build of ndoscope's schema %s: delete it and run 'ndoscope index' again",
				 db->path, schema_name(n, name, sizeof(name)));
	return same;
}

/*
 * Into WAL mode, so that readers go on beside the writes to come. From the
 * rollback mode of an index at rest (db_close) the switch needs the file to
 * itself for a moment, and a reader's transaction (a long 'report --matrix')
 * delays it: say so after a second, and wait up to two minutes, not the
 * BUSY_MS of a statement.
 */
static int to_wal(struct db *db)
{
	int rc;

	sqlite3_busy_timeout(db->h, 1000);	/* then say what it waits for */
	rc = sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	if (rc == SQLITE_BUSY) {
		fprintf(stderr, "waiting for the readers of '%s' to end their transactions...\n", db->path);
		sqlite3_busy_timeout(db->h, 120000);
		rc = sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	}
	sqlite3_busy_timeout(db->h, BUSY_MS);
	return rc == SQLITE_OK ? 0 : sqlerr(db, "cannot switch to WAL mode");
}

/*
 * Before a writer changes anything in the file at user_version V: refuse it
 * when it is not an index this build may write (a newer schema, another
 * application's tables, another build's migrations). 1 when it carries the
 * older fingerprint (check_fingerprint).
 */
static int check_writable(struct db *db, int v)
{
	if (v > SCHEMA_LATEST)
		return refuse_newer(db->path, v);
	if (v == 0 && count_tables_named(db, NULL) > 0)
		return error_set("'%s' is not an ndoscope index: it holds other tables",
				 db->path);
	return v > 0 ? check_fingerprint(db, v) : 0;
}

/* Bring an index at user_version V (check_writable passed) to this build's schema. */
static int migrate(struct db *db, int v)
{
	int latest = SCHEMA_LATEST, first = v;

	if (v == latest)
		return 0;
	/*
	 * All the pending migrations in one transaction: a run killed part way
	 * leaves the index as it was, never between two schema versions.
	 */
	if (db_exec(db, "BEGIN IMMEDIATE"))
		goto fail;
	for (; v < latest; v++) {
		const char *sql = embedded_get(migrations[v]);
		char pragma[64];

		if (db_exec(db, sql))
			goto fail;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
		if (db_exec(db, pragma) || set_fingerprint(db, v + 1))
			goto fail;
	}
	if (db_exec(db, "COMMIT"))
		goto fail;
	db->migrated = db->migrated || first > 0;
	return 0;
fail:
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/*
 * A writer killed before its first commit can leave a hot journal (or a WAL
 * to recover) that a read-only connection may not replay. SQLite replays it
 * on the first read of a read-write connection, under its own locks: do
 * that once, when the file is ours to write, then read as before.
 */
static bool replay_for_reader(sqlite3 *h, const char *path)
{
	int code = sqlite3_extended_errcode(h);
	sqlite3 *rw = NULL;
	bool done;

	if ((code != SQLITE_READONLY_ROLLBACK && code != SQLITE_READONLY_RECOVERY) ||
	    access(path, W_OK))
		return false;
	if (sqlite3_open_v2(path, &rw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqlite3_close(rw);
		return false;
	}
	sqlite3_busy_timeout(rw, BUSY_MS);
	done = sqlite3_exec(rw, "PRAGMA user_version", NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(rw);
	return done;
}

int db_open(struct db *db, const char *path, enum db_mode mode)
{
	struct stat st;
	int flags, v, fp;

	memset(db, 0, sizeof(*db));
	db->lock_fd = -1;
	db->path = xstrdup(path);

	if (mode != DB_WRITE) {
		if (stat(path, &st) < 0) {
			error_set("no index at '%s': run 'ndoscope index' first", path);
			goto fail;
		}
		flags = SQLITE_OPEN_READONLY;
	} else {
		if (take_lock(db))
			goto fail;
		flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	}
	if (sqlite3_open_v2(path, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		error_set("cannot open '%s': %s", path,
			  db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(db->h, BUSY_MS);
	sqlite3_extended_result_codes(db->h, 0);

	if (mode != DB_WRITE) {
		if (user_version(db, &v)) {
			if (!replay_for_reader(db->h, path))
				goto fail;
			error_clear();
			if (user_version(db, &v))
				goto fail;
		}
		if (v == 0) {
			error_set("'%s' is not an ndoscope index", path);
			goto fail;
		}
		if (v > SCHEMA_LATEST) {
			refuse_newer(path, v);
			goto fail;
		}
		/* Reading never migrates: say so rather than fail on a missing table. */
		if (v < SCHEMA_LATEST) {
			char have[64], want[64];

			if (refuse_without_meta(db))
				goto fail;
			error_set("'%s' is at schema %s and this ndoscope reads %s: run 'ndoscope index' on it to bring it up to date",
				  path, schema_name(v, have, sizeof(have)),
				  schema_name(SCHEMA_LATEST, want, sizeof(want)));
			goto fail;
		}
		if (check_fingerprint(db, v) < 0)
			goto fail;
		/*
		 * One read transaction for the command's statements: its answer
		 * comes from one state of the index even while an index run
		 * commits, and the WAL's read lock is taken once, not per
		 * statement. sqlite3_close() ends it.
		 */
		if (mode == DB_SNAPSHOT && db_exec(db, "BEGIN"))
			goto fail;
		return 0;
	}
	if (user_version(db, &v) || (fp = check_writable(db, v)) < 0)
		goto fail;
	if (to_wal(db) ||
	    db_exec(db, "PRAGMA synchronous = NORMAL") ||
	    /*
	     * Copy the WAL into the file every 32 MiB, not every 4: each copy
	     * rewrites the index pages that every TU touches, and syncs. A
	     * bench run at -j1 spent 0.8 s in its commits, 0.5 s with this.
	     */
	    db_exec(db, "PRAGMA wal_autocheckpoint = 8192") ||
	    db_exec(db, "PRAGMA cache_size = -131072") ||	/* 128 MiB: the ref indexes grow large */
	    db_exec(db, "PRAGMA temp_store = MEMORY") ||
	    db_exec(db, "PRAGMA foreign_keys = OFF") || migrate(db, v))
		goto fail;
	/* the older fingerprint, on an index no migration rewrote: this build's, for the readers to come */
	if (v == SCHEMA_LATEST && fp == 1 && set_fingerprint(db, v))
		goto fail;
	db->writer = true;
	return 0;
fail:
	db_close(db);
	return -1;
}

/* NDOSCOPE_PROFILE=1: time spent in each named statement, printed at close. */
static int profile_cb(unsigned type, void *ctx, void *p, void *x)
{
	struct db *db = ctx;

	(void)type;
	for (size_t i = 0; i < db->stmts.n; i++)
		if (db->stmts.v[i] == p) {
			db->prof[i].ns += *(sqlite3_int64 *)x;
			db->prof[i].runs++;
		}
	return 0;
}

static void profile_print(struct db *db)
{
	for (;;) {
		size_t best = (size_t)-1;

		for (size_t i = 0; i < db->stmts.n; i++)
			if (db->prof[i].runs && (best == (size_t)-1 || db->prof[i].ns > db->prof[best].ns))
				best = i;
		if (best == (size_t)-1 || db->prof[best].ns < 1000000)
			break;
		fprintf(stderr, "profile: %9.1f ms %7lld runs  %s\n", db->prof[best].ns / 1e6,
			(long long)db->prof[best].runs, db->prof[best].name);
		db->prof[best].runs = 0;
	}
}

void db_snapshot_end(struct db *db)
{
	if (db->h && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

void db_close(struct db *db)
{
	if (db->prof)
		profile_print(db);
	for (size_t i = 0; i < db->stmts.n; i++)
		free(db->prof ? db->prof[i].name : NULL);
	free(db->prof);
	db->prof = NULL;
	for (size_t i = 0; i < db->stmts.n; i++)
		sqlite3_finalize(db->stmts.v[i]);
	VEC_FREE(&db->stmts);
	strmap_free(&db->stmt_index);
	for (size_t i = 0; i < db->sections.n; i++) {
		for (size_t k = 0; k < db->sections.v[i].n; k++)
			sqlite3_finalize(db->sections.v[i].v[k]);
		free(db->sections.v[i].v);
	}
	VEC_FREE(&db->sections);
	strmap_free(&db->section_index);
	/*
	 * A writer that is the last connection leaves the index in rollback
	 * mode: a reader then opens it with a lock on the file, instead of
	 * rebuilding the WAL's shared-memory index as the first connection
	 * must (truncate, eight writes, a recovery: 90 us of a 1.7 ms query
	 * on the bench index). With another connection open, a serve or a
	 * reader, the switch fails at once and the index stays in WAL mode.
	 * The next writer switches back to WAL (db_open).
	 */
	if (db->h && db->writer && sqlite3_get_autocommit(db->h)) {
		sqlite3_busy_timeout(db->h, 0);
		sqlite3_exec(db->h, "PRAGMA main.journal_mode = DELETE", NULL, NULL, NULL);
	}
	if (db->h)
		sqlite3_close(db->h);
	db->h = NULL;
	if (db->lock_fd >= 0)
		close(db->lock_fd);
	db->lock_fd = -1;
	free(db->path);
	db->path = NULL;
}

sqlite3_stmt *db_stmt(struct db *db, const char *file, const char *name)
{
	char key[256];
	const char *sql;
	sqlite3_stmt *st;
	size_t len;
	int *slot;

	snprintf(key, sizeof(key), "%s:%s", file, name);
	slot = strmap_get(&db->stmt_index, key);
	if (slot) {
		st = db->stmts.v[*slot];
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	sql = sql_section(file, name, &len);
	if (!sql)
		die("no SQL section '%s' in '%s'", name, file);
	if (sqlite3_prepare_v3(db->h, sql, (int)len, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		die("cannot prepare '%s' from '%s': %s", name, file, sqlite3_errmsg(db->h));
	strmap_put(&db->stmt_index, key, (int)db->stmts.n, NULL);
	VEC_PUSH(&db->stmts, st);
	if (getenv("NDOSCOPE_PROFILE")) {
		db->prof = xrealloc(db->prof, db->stmts.n * sizeof(*db->prof));
		db->prof[db->stmts.n - 1] = (struct stmt_prof){ .name = xstrdup(key) };
		sqlite3_trace_v2(db->h, SQLITE_TRACE_PROFILE, profile_cb, db);
	}
	return st;
}

/* Step ST to its end with ?1 bound to ID when it has one, and reset it. */
static int run_stmt(struct db *db, sqlite3_stmt *st, sqlite3_int64 id)
{
	int rc;

	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sqlerr(db, "cannot write to");
}

int db_run_section(struct db *db, const char *file, const char *name, sqlite3_int64 id)
{
	VEC(sqlite3_stmt *) run = { 0 };
	const char *sql, *tail, *end;
	struct db_section sec;
	char key[256];
	sqlite3_stmt *st;
	size_t len;
	int *slot;

	snprintf(key, sizeof(key), "%s:%s", file, name);
	slot = strmap_get(&db->section_index, key);
	if (slot) {
		sec = db->sections.v[*slot];
		for (size_t i = 0; i < sec.n; i++)
			if (run_stmt(db, sec.v[i], id))
				return -1;
		return 0;
	}

	sql = sql_section(file, name, &len);
	if (!sql)
		die("no SQL section '%s' in '%s'", name, file);
	end = sql + len;
	while (sql < end) {
		if (sqlite3_prepare_v3(db->h, sql, (int)(end - sql), SQLITE_PREPARE_PERSISTENT,
				       &st, &tail) != SQLITE_OK) {
			sqlerr(db, "cannot prepare SQL for");
			goto out_free_run;
		}
		if (!st)
			break;
		VEC_PUSH(&run, st);
		if (run_stmt(db, st, id))
			goto out_free_run;
		sql = tail;
	}
	sec = (struct db_section){ .v = run.v, .n = run.n };
	strmap_put(&db->section_index, key, (int)db->sections.n, NULL);
	VEC_PUSH(&db->sections, sec);
	return 0;

out_free_run:
	for (size_t i = 0; i < run.n; i++)
		sqlite3_finalize(run.v[i]);
	VEC_FREE(&run);
	return -1;
}

int db_run_sections(struct db *db, const char *file, const char *const *names, sqlite3_int64 id)
{
	int rc = db_exec(db, "BEGIN IMMEDIATE");

	for (; !rc && *names; names++)
		rc = db_run_section(db, file, *names, id);
	if (!rc)
		rc = db_exec(db, "COMMIT");
	if (rc)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int db_step_done(struct db *db, sqlite3_stmt *st)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sqlerr(db, "cannot write to");
	return 0;
}

sqlite3_int64 db_step_id(struct db *db, sqlite3_stmt *st)
{
	sqlite3_int64 id;
	int rc = sqlite3_step(st);

	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return -2;	/* no row */
		sqlerr(db, "cannot read");
		return -1;
	}
	id = sqlite3_column_int64(st, 0);
	while (sqlite3_step(st) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	return id;
}

void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void bind_int(sqlite3_stmt *st, int i, sqlite3_int64 v)
{
	sqlite3_bind_int64(st, i, v);
}

void bind_opt_int(sqlite3_stmt *st, int i, bool have, sqlite3_int64 v)
{
	if (have)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}
