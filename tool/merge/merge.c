// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope merge: shard indexes into one. Each shard is attached to the
 * output, its ids are mapped (files by path, syms by USR, units by key,
 * TUs by their file), units the output already has whole are linked rather
 * than copied, and the TUs the shard brought last time are replaced, all in
 * one transaction: a merge killed at any moment leaves the output as it was.
 * The SQL is tool/sql/merge.sql.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/error.h"
#include "index/facts.h"
#include "merge/merge.h"

#define SQL "tool/sql/merge.sql"
#define STORE_SQL "tool/sql/store.sql"

/* A meta value, from a named SELECT of FILE binding the key, or NULL. */
static char *meta_value(struct db *db, const char *file, const char *name, const char *key)
{
	sqlite3_stmt *st = db_stmt(db, file, name);
	char *v = NULL;

	bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return v;
}

#define shard_meta(db, key) meta_value(db, SQL, "shard_meta", key)
#define out_meta(db, key) meta_value(db, STORE_SQL, "meta_get", key)

/* A table of the output or of the attached shard that merge does not know. */
static int unknown_table(struct db *db, const char *shard)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "unknown_tables");
	int rc = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		rc = error_set("'%s' has a table merge does not know, '%s': this ndoscope cannot merge it",
			       sqlite3_column_int(st, 0) ? shard : db->path,
			       (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return rc;
}

/* FNV-1a, fed row by row: the stamp of a shard's content. */
static void fnv(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++) {
		*h ^= c[i];
		*h *= 0x100000001b3ULL;
	}
}

static int shard_stamp(struct db *db, char out[17])
{
	sqlite3_stmt *st = db_stmt(db, SQL, "shard_stamp");
	uint64_t h = 0xcbf29ce484222325ULL;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 5; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);

			if (t)
				fnv(&h, t, strlen((const char *)t));
			fnv(&h, t ? "\x1f" : "\x1e", 1);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return error_set("cannot read shard: %s", sqlite3_errmsg(db->h));
	snprintf(out, 17, "%016llx", (unsigned long long)h);
	return 0;
}

/* Same schema, same build, same tree as the output. */
static int check_shard(struct db *out, const char *path)
{
	sqlite3_stmt *st = db_stmt(out, SQL, "shard_user_version");
	char *ours = out_meta(out, "schema"), *theirs = shard_meta(out, "schema");
	char *tree = out_meta(out, "tree"), *stree = shard_meta(out, "tree");
	char *walker = shard_meta(out, "walker"), *out_walker = out_meta(out, "walker");
	int v = 0, rc = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (v == 0)
		rc = error_set("'%s' is not an ndoscope index", path);
	else if (!theirs || !ours || strcmp(ours, theirs) || !walker || strcmp(walker, WALKER_VERSION))
		rc = error_set("'%s' was made by another build of ndoscope: index that shard again", path);
	else if (out_walker && strcmp(out_walker, WALKER_VERSION))
		rc = error_set("'%s' holds shards another build of ndoscope made: merge them all again into a new index",
			       out->path);
	else if (tree && stree && strcmp(tree, stree))
		rc = error_set("'%s' indexes '%s', not '%s' like '%s'", path, stree, tree, out->path);
	else if (!tree && stree) {
		sqlite3_stmt *ms = db_stmt(out, STORE_SQL, "meta_set");

		bind_text(ms, 1, "tree");
		bind_text(ms, 2, stree);
		rc = db_step_done(out, ms);
	}
	if (!rc) {
		sqlite3_stmt *ms = db_stmt(out, STORE_SQL, "meta_set");

		bind_text(ms, 1, "walker");
		bind_text(ms, 2, WALKER_VERSION);
		rc = db_step_done(out, ms);
	}
	if (!rc)
		rc = unknown_table(out, path);
	free(ours);
	free(theirs);
	free(tree);
	free(stree);
	free(walker);
	free(out_walker);
	return rc;
}

/* Clear the output's incomplete units that the shard has whole. */
static int redo_units(struct db *out)
{
	sqlite3_stmt *st = db_stmt(out, SQL, "shard_redo");
	VEC(sqlite3_int64) ids = {0};
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		VEC_PUSH(&ids, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		rc = error_set("cannot read '%s': %s", out->path, sqlite3_errmsg(out->h));
	else
		rc = 0;
	for (size_t i = 0; !rc && i < ids.n; i++)
		rc = db_run_section(out, STORE_SQL, "unit_clear", ids.v[i]);
	VEC_FREE(&ids);
	if (!rc)
		rc = db_run_section(out, SQL, "shard_complete", 0);
	return rc;
}

static int replace_shard(struct db *out, const char *name, const char *stamp, const char *path)
{
	sqlite3_stmt *st = db_stmt(out, SQL, "shard_put");
	sqlite3_int64 id;

	bind_text(st, 1, name);
	bind_text(st, 2, stamp);
	bind_text(st, 3, path);
	bind_int(st, 4, (sqlite3_int64)time(NULL));
	id = db_step_id(out, st);
	if (id < 0)
		return -1;
	if (db_run_section(out, SQL, "shard_forget", id) ||
	    db_run_section(out, SQL, "unit_count", 0) ||
	    db_run_section(out, STORE_SQL, "gc", 0) ||
	    db_run_section(out, SQL, "shard_map", 0) ||
	    redo_units(out) ||
	    db_run_section(out, SQL, "shard_tus", id) ||
	    db_run_section(out, STORE_SQL, "span_mark", 0) ||
	    db_run_section(out, SQL, "shard_facts", 0) ||
	    db_run_section(out, STORE_SQL, "span_put", 0) ||
	    db_run_section(out, SQL, "covered_fns", 0) ||
	    db_run_section(out, SQL, "unit_count", 0) ||
	    db_run_section(out, STORE_SQL, "gc", 0) ||
	    /* what index derives from all TUs once they are written (store_derive()) */
	    db_run_section(out, STORE_SQL, "derive", 0))
		return -1;
	return 0;
}

int merge_shard(struct db *out, const char *path, bool *changed)
{
	char real[PATH_MAX], real_out[PATH_MAX], stamp[17];
	char *name = NULL, *old = NULL;
	sqlite3_stmt *st;
	struct stat sb;
	int rc = -1;

	*changed = false;
	if (stat(path, &sb) < 0 || !realpath(path, real))
		return error_set("no shard index at '%s'", path);
	if (realpath(out->path, real_out) && !strcmp(real, real_out))
		return error_set("'%s' is the output: it cannot be merged into itself", path);
	st = db_stmt(out, SQL, "attach");
	bind_text(st, 1, real);
	if (db_step_done(out, st))
		return -1;
	/* a snapshot of the shard: an index writing it meanwhile is not seen half-way */
	if (db_exec(out, "BEGIN IMMEDIATE"))
		goto out_detach;
	if (check_shard(out, path) || shard_stamp(out, stamp))
		goto out_rollback;
	name = shard_meta(out, "shard");
	if (!name)
		name = xstrdup(real);
	st = db_stmt(out, SQL, "shard_get");
	bind_text(st, 1, name);
	if (sqlite3_step(st) == SQLITE_ROW)
		old = xstrdup((const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	if (old && !strcmp(old, stamp)) {
		rc = db_exec(out, "COMMIT");	/* the tree, when it was new */
		goto out_detach;
	}
	if (replace_shard(out, name, stamp, real) || db_exec(out, "COMMIT"))
		goto out_rollback;
	*changed = true;
	rc = 0;
	goto out_detach;
out_rollback:
	sqlite3_exec(out->h, "ROLLBACK", NULL, NULL, NULL);
	rc = -1;
out_detach:
	/* a failed DETACH only keeps the file open until we exit */
	db_run_section(out, SQL, "detach", 0);
	free(name);
	free(old);
	return rc;
}
