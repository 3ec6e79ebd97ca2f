/* The index database: opening, schema migrations, locking, named SQL. */
#ifndef NDOSCOPE_DB_H
#define NDOSCOPE_DB_H

#include <sqlite3.h>
#include "base/util.h"

enum db_mode {
	DB_READ,	/* an existing index, read-only */
	DB_SNAPSHOT,	/* the same, every statement reading one snapshot: a command that answers and exits */
	DB_WRITE,	/* create or migrate; take the writer's lock */
};

/* The statements of a section db_run_section has run through. */
struct db_section {
	sqlite3_stmt **v;
	size_t n;
};

struct db {
	sqlite3 *h;
	char *path;
	int lock_fd;
	bool writer;		/* opened for writing, and the index is ours: db_close leaves WAL mode */
	bool migrated;		/* an index of an older schema, brought up to date by this open */
	struct strmap stmt_index;
	VEC(sqlite3_stmt *) stmts;
	struct strmap section_index;	/* db_run_section: "FILE:NAME" -> sections */
	VEC(struct db_section) sections;
	struct stmt_prof {
		char *name;
		sqlite3_int64 ns, runs;
	} *prof;		/* NDOSCOPE_PROFILE: per statement, beside stmts */
};

/* The index path: --db, else $NDOSCOPE_DB, else ./ndoscope.db. */
const char *db_default_path(const char *opt);

int db_open(struct db *db, const char *path, enum db_mode mode);
/* A DB_SNAPSHOT reader done reading: end its transaction, so that a writer's checkpoint need not wait for it. */
void db_snapshot_end(struct db *db);
void db_close(struct db *db);

/*
 * A statement from an embedded .sql file: FILE is its path ("tool/sql/store.sql"),
 * NAME the "-- name: NAME" section. Prepared once, reset before it is returned.
 */
sqlite3_stmt *db_stmt(struct db *db, const char *file, const char *name);

/*
 * Run every statement of a section, binding ?1 to id when it has one. The
 * statements are prepared as the first run reaches each (a later one may
 * name a table an earlier one creates), and kept once a run has gone
 * through them all: the indexer runs its sections once or more per TU.
 */
int db_run_section(struct db *db, const char *file, const char *name, sqlite3_int64 id);
/*
 * The sections NAMES of FILE (a NULL-terminated list), in order and in one
 * transaction, with ?1 bound to ID where a statement has it; 0, or -1
 * rolled back.
 */
int db_run_sections(struct db *db, const char *file, const char *const *names, sqlite3_int64 id);

int db_exec(struct db *db, const char *sql);
/* Step a statement that returns no row or one row we ignore. */
int db_step_done(struct db *db, sqlite3_stmt *st);
/* Step a statement returning one integer; -1 with an error when none. */
sqlite3_int64 db_step_id(struct db *db, sqlite3_stmt *st);

/* The text of a named section, or NULL; *len gets its length. */
const char *sql_section(const char *file, const char *name, size_t *len);

/* Bind helpers: text may be NULL, an int64 may be "absent". */
void bind_text(sqlite3_stmt *st, int i, const char *s);
void bind_int(sqlite3_stmt *st, int i, sqlite3_int64 v);
void bind_opt_int(sqlite3_stmt *st, int i, bool have, sqlite3_int64 v);

#endif
