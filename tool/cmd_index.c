// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope index: parse every TU that changed since the last run, N at a
 * time, and commit each one's facts as it finishes.
 */
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/compact.h"
#include "base/db.h"
#include "base/error.h"
#include "index/bodies.h"
#include "index/flags.h"
#include "index/include_scan.h"
#include "index/realpath_cache.h"
#include "ndoscope.h"
#include "base/progress.h"
#include "index/store.h"
#include "index/walk.h"

#define SQL "tool/sql/store.sql"


struct tu_state {
	sqlite3_int64 id;
	char *path, *args_hash, *status;
	int incomplete;
	bool seen;
};

struct stat_entry {
	bool ok;
	int64_t mtime, size;
};

struct indexer {
	const char *tree;
	bool force, verbose;
	bool full_parse;			/* --full-parse: no blanked bodies */
	struct bodies bodies;			/* index/bodies.c */
	struct include_scan *scan;		/* for bodies_guess_defines */
	int reparsed;				/* TUs parsed again (walk_job) */
	int jobs_n;
	int shard_k, shard_n;			/* --shard K/N; shard_n 0: all TUs */

	struct db db;
	struct store store;
	struct job_list jobs;
	VEC(struct tu_state) state;
	struct strmap state_idx;		/* path -> state index */
	struct strmap stat_idx;			/* path -> stats index */
	VEC(struct stat_entry) stats;

	pthread_rwlock_t claim_lock;
	pthread_mutex_t queue_lock, db_lock, stamp_lock;
	struct strmap claims;			/* unit keys walked or being walked */
	struct strmap stamp_idx;		/* name -> stamps index */
	struct realpath_cache stamp_dirs;	/* the stamped files' directories */
	VEC(struct file_stamp) stamps;

	VEC(int) todo;				/* indices into jobs */
	int next;
	struct progress prog;
	int done, indexed, failed, with_errors, unchanged, purged;
	bool store_failed;
	char *store_error;
};

/*
 * Most claims find the key taken: look under a read lock first. A value of 0
 * is a claim given back (release_claims). KIND 0 only looks.
 */
static int claim(void *arg, const char *key, int kind)
{
	struct indexer *ix = arg;
	int *slot, taken = 0;
	bool ins;

	pthread_rwlock_rdlock(&ix->claim_lock);
	slot = strmap_get(&ix->claims, key);
	if (slot)
		taken = *slot;
	pthread_rwlock_unlock(&ix->claim_lock);
	if (taken || !kind)	/* kind 0 only looks */
		return taken;
	pthread_rwlock_wrlock(&ix->claim_lock);
	slot = strmap_put(&ix->claims, key, kind, &ins);
	if (!ins && !*slot)
		*slot = kind;
	else if (!ins)
		taken = *slot;
	pthread_rwlock_unlock(&ix->claim_lock);
	return taken;
}

/* The header HDR and the functions KEYS in it, claimed at once (walk.h). */
static int claim_header(void *arg, const char *hdr, char *const *keys, int n, bool *granted)
{
	struct indexer *ix = arg;
	int *slot, taken = 0;
	bool ins;

	pthread_rwlock_wrlock(&ix->claim_lock);
	slot = strmap_put(&ix->claims, hdr, CLAIM_UNIT, &ins);
	if (!ins && *slot) {
		taken = *slot;
		goto out;
	}
	*slot = CLAIM_UNIT;
	for (int i = 0; i < n; i++) {
		slot = strmap_put(&ix->claims, keys[i], CLAIM_IN_UNIT, &ins);
		granted[i] = ins || !*slot;
		if (granted[i])
			*slot = CLAIM_IN_UNIT;
	}
out:
	pthread_rwlock_unlock(&ix->claim_lock);
	return taken;
}

/* A walk whose facts are thrown away gives back what it claimed, for the next one. */
static void release_claims(struct indexer *ix, const struct tu_facts *f)
{
	int *slot;

	pthread_rwlock_wrlock(&ix->claim_lock);
	for (size_t i = 0; i < f->units.n; i++)
		if (f->units.v[i].own && (slot = strmap_get(&ix->claims, f->units.v[i].key)))
			*slot = 0;
	for (size_t i = 0; i < f->unit_fns.n; i++)
		if ((slot = strmap_get(&ix->claims, f->unit_fns.v[i].key)))
			*slot = 0;
	for (size_t i = 0; i < f->fn_claims.n; i++)
		if ((slot = strmap_get(&ix->claims, f->fn_claims.v[i])))
			*slot = 0;
	pthread_rwlock_unlock(&ix->claim_lock);
}

/* Every header is resolved and stat'ed once per run, not once per TU. */
static void stamp(void *arg, const char *name, struct file_stamp *out)
{
	struct indexer *ix = arg;
	int *slot;

	pthread_mutex_lock(&ix->stamp_lock);
	slot = strmap_get(&ix->stamp_idx, name);
	if (!slot) {
		struct file_stamp fs;

		file_stamp_make(ix->tree, name, &ix->stamp_dirs, &fs);
		VEC_PUSH(&ix->stamps, fs);
		slot = strmap_put(&ix->stamp_idx, name, (int)ix->stamps.n - 1, NULL);
	}
	*out = ix->stamps.v[*slot];
	pthread_mutex_unlock(&ix->stamp_lock);
}

static struct stat_entry *stat_cached(struct indexer *ix, const char *path)
{
	char abs[PATH_MAX];
	struct stat st;
	struct stat_entry e = { 0 };
	int *slot = strmap_get(&ix->stat_idx, path);

	if (slot)
		return &ix->stats.v[*slot];
	if (path[0] == '/')
		snprintf(abs, sizeof(abs), "%s", path);
	else
		snprintf(abs, sizeof(abs), "%s/%s", ix->tree, path);
	if (stat(abs, &st) == 0) {
		e.ok = true;
		e.mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
		e.size = st.st_size;
	}
	strmap_put(&ix->stat_idx, path, (int)ix->stats.n, NULL);
	VEC_PUSH(&ix->stats, e);
	return &ix->stats.v[ix->stats.n - 1];
}

static int load_state(struct indexer *ix)
{
	sqlite3_stmt *st = db_stmt(&ix->db, SQL, "tu_state");
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct tu_state s = {
			.id = sqlite3_column_int64(st, 0),
			.path = xstrdup((const char *)sqlite3_column_text(st, 1)),
			.args_hash = xstrdup((const char *)sqlite3_column_text(st, 2)),
			.status = xstrdup((const char *)sqlite3_column_text(st, 3)),
			.incomplete = sqlite3_column_int(st, 4),
		};

		strmap_put(&ix->state_idx, s.path, (int)ix->state.n, NULL);
		VEC_PUSH(&ix->state, s);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return error_set("cannot read '%s': %s", ix->db.path, sqlite3_errmsg(ix->db.h));

	st = db_stmt(&ix->db, SQL, "complete_units");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strmap_put(&ix->claims, (const char *)sqlite3_column_text(st, 0),
			   sqlite3_column_int(st, 1) ? CLAIM_UNIT : CLAIM_IN_UNIT, NULL);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return error_set("cannot read '%s': %s", ix->db.path, sqlite3_errmsg(ix->db.h));
	return 0;
}

/* Same flags, same source, same headers: nothing to do. */
static bool unchanged(struct indexer *ix, struct tu_job *j)
{
	int *slot = strmap_get(&ix->state_idx, j->rel);
	struct tu_state *s;
	sqlite3_stmt *st;
	bool same = true;
	int n = 0;

	if (!slot)
		return false;
	s = &ix->state.v[*slot];
	s->seen = true;
	if (ix->force || strcmp(s->args_hash, j->args_hash) || !strcmp(s->status, "failed") ||
	    s->incomplete)
		return false;
	st = db_stmt(&ix->db, SQL, "tu_deps");
	bind_int(st, 1, s->id);
	while (same && sqlite3_step(st) == SQLITE_ROW) {
		struct stat_entry *e = stat_cached(ix, (const char *)sqlite3_column_text(st, 0));

		n++;
		if (!e->ok || e->mtime != sqlite3_column_int64(st, 1) ||
		    e->size != sqlite3_column_int64(st, 2))
			same = false;
	}
	sqlite3_reset(st);
	return same && n > 0;
}

static void report_tu(struct indexer *ix, struct tu_facts *f)
{
	if (!strcmp(f->status, "failed")) {
		progress_clear(&ix->prog);
		error("'%s' failed: %s", f->path, f->failure ? f->failure : "unknown");
	} else if (f->n_errors && f->diags.n) {
		struct f_diag *d = &f->diags.v[0];

		progress_clear(&ix->prog);
		warning("'%s': %d parse error%s, first at %s:%d:%d: %s", f->path, f->n_errors,
			f->n_errors == 1 ? "" : "s",
			d->file >= 0 ? f->files.v[d->file].path : "?", d->line, d->col, d->message);
	}
}

/* F's facts are thrown away, to parse job J again: what it claimed is given back. */
static void restart_facts(struct indexer *ix, const struct tu_job *j, struct tu_facts *f)
{
	release_claims(ix, f);
	tu_facts_free(f);
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(j->rel);
	f->args_hash = xstrdup(j->args_hash);
}

/*
 * Parse job J with the header bodies already walked blanked out (index/
 * bodies.c); in full with --full-parse, and again in full when the blanks
 * could have changed its facts: a parse error, or a header unit it walked
 * itself although its parse had the header blanked. A TU that finds a
 * blanked #define made a declaration of a function it must walk is parsed
 * again with no #define blanked, the headers' own bodies still blanked; one
 * that looks as if it will (bodies_guess_defines: the first to reach a
 * trace header or a cleanup class's) is parsed that way from the start.
 */
struct macro_check {
	struct bodies *bodies;
	unsigned n;	/* the files of the snapshot the parse read */
};

static bool macro_blanked(void *arg, const char *path, unsigned offset)
{
	struct macro_check *m = arg;

	return bodies_macro_blanked(m->bodies, path, offset, m->n);
}

/* Has a TU taken the unit of the header REL (tree-relative), as it is now? */
static bool header_claimed(void *arg, const char *rel)
{
	struct indexer *ix = arg;
	char abs[PATH_MAX], key[PATH_MAX + 96];
	struct file_stamp fs;

	snprintf(abs, sizeof(abs), "%s/%s", ix->tree, rel);
	stamp(ix, abs, &fs);
	header_unit_key(fs.path, fs.mtime, fs.size, key, sizeof(key));
	return claim(ix, key, 0) != 0;
}

static void walk_job(struct indexer *ix, CXIndex index, const struct tu_job *j,
		     const char *const *argv, int argc, struct tu_facts *f)
{
	struct walk_opts opts = { .tree = ix->tree, .claim = claim, .claim_header = claim_header,
				  .claim_arg = ix, .stamp = stamp, .stamp_arg = ix };
	struct macro_check mc = { .bodies = &ix->bodies };
	bool macros = true, needed_define;

	if (!ix->full_parse) {
		macros = !bodies_guess_defines(j->abs, ix->scan, j->workdir, argv, argc,
					       header_claimed, ix);
		opts.unsaved = bodies_snapshot(&ix->bodies, &opts.n_unsaved, macros);
	}
	if (opts.n_unsaved) {
		mc.n = opts.n_unsaved;
		if (macros) {
			opts.macro_blanked = macro_blanked;
			opts.macro_blanked_arg = &mc;
		}
again:
		walk_tu(index, j->abs, j->workdir, argv, argc, &opts, f);
		if (!strcmp(f->status, "ok") && !f->needs_full &&
		    !bodies_owned_blanked(&ix->bodies, f, opts.n_unsaved)) {
			f->n_blanked = bodies_read(&ix->bodies, f, opts.n_unsaved, macros);
			goto out;
		}
		needed_define = f->needs_full;
		restart_facts(ix, j, f);
		__atomic_add_fetch(&ix->reparsed, 1, __ATOMIC_RELAXED);
		if (macros && needed_define) {
			/* it needed a #define's bodies: the same, with no #define blanked */
			free(opts.unsaved);
			opts.unsaved = bodies_snapshot(&ix->bodies, &opts.n_unsaved, false);
			opts.macro_blanked = NULL;
			macros = false;
			goto again;
		}
		opts.n_unsaved = 0;
		opts.macro_blanked = NULL;
	}
	walk_tu(index, j->abs, j->workdir, argv, argc, &opts, f);
out:
	free(opts.unsaved);
}

static void *worker(void *arg)
{
	struct indexer *ix = arg;
	CXIndex index = clang_createIndex(0, 0);
	const char **argv = NULL;
	int cap = 0;

	for (;;) {
		struct tu_facts f = { 0 };
		struct tu_job *j;
		int i, argc;

		pthread_mutex_lock(&ix->queue_lock);
		i = ix->store_failed ? (int)ix->todo.n : ix->next++;
		pthread_mutex_unlock(&ix->queue_lock);
		if (i >= (int)ix->todo.n)
			break;
		j = &ix->jobs.v.v[ix->todo.v[i]];

		argc = j->argc + N_EXTRA_ARGS;
		if (argc > cap) {
			cap = argc;
			argv = xrealloc(argv, cap * sizeof(*argv));
		}
		for (int k = 0; k < j->argc; k++)
			argv[k] = j->argv[k];
		for (int k = 0; k < N_EXTRA_ARGS; k++)
			argv[j->argc + k] = extra_args[k];

		f.path = xstrdup(j->rel);
		f.args_hash = xstrdup(j->args_hash);
		walk_job(ix, index, j, argv, argc, &f);
		/* the path as stored is the tree-relative one, whatever libclang called it */
		if (f.files.n)
			f.files.v[0].path = arena_strdup(&f.arena, j->rel);

		pthread_mutex_lock(&ix->db_lock);
		if (!ix->store_failed && store_tu(&ix->store, &f)) {
			ix->store_failed = true;
			ix->store_error = xstrdup(error_last() ? error_last() : "cannot write");
		} else if (!ix->store_failed && !ix->full_parse) {
			bodies_add(&ix->bodies, &f);
		}
		ix->done++;
		if (!strcmp(f.status, "failed"))
			ix->failed++;
		else
			ix->indexed++;
		if (f.n_errors)
			ix->with_errors++;
		report_tu(ix, &f);
		progress_update(&ix->prog, ix->done, j->rel);
		pthread_mutex_unlock(&ix->db_lock);
		tu_facts_free(&f);
	}
	free(argv);
	clang_disposeIndex(index);
	return NULL;
}

/*
 * --shard K/N: the K-th (from 0) of N slices of the TUs, by a hash of the
 * path as stored, so that a TU stays in its slice when others come and go
 * and every machine computes the same slices.
 */
static bool in_shard(const struct indexer *ix, const char *rel)
{
	return !ix->shard_n || hash_str(rel) % (uint64_t)ix->shard_n == (uint64_t)ix->shard_k;
}

static int parse_shard(struct indexer *ix, const char *arg)
{
	char *end;
	long k = strtol(arg, &end, 10), n;

	if (end == arg || *end != '/')
		return -1;
	arg = end + 1;
	n = strtol(arg, &end, 10);
	if (end == arg || *end || n < 1 || n > 1000000 || k < 0 || k >= n)
		return -1;
	ix->shard_k = (int)k;
	ix->shard_n = (int)n;
	return 0;
}

static void select_shard(struct indexer *ix)
{
	size_t n = 0;

	if (!ix->shard_n)
		return;
	for (size_t i = 0; i < ix->jobs.v.n; i++) {
		struct tu_job *j = &ix->jobs.v.v[i];

		if (in_shard(ix, j->rel)) {
			ix->jobs.v.v[n++] = *j;
			continue;
		}
		/* a job_list_free() of one job */
		free(j->abs);
		free(j->rel);
		free(j->workdir);
		for (int k = 0; k < j->argc; k++)
			free(j->argv[k]);
		free(j->argv);
		free(j->args_hash);
	}
	ix->jobs.v.n = n;
}

static int purge_missing(struct indexer *ix)
{
	for (size_t i = 0; i < ix->state.n; i++) {
		struct tu_state *s = &ix->state.v[i];

		/* a shard's DB holds its slice only: a TU of another slice goes */
		if (s->seen || (stat_cached(ix, s->path)->ok && in_shard(ix, s->path)))
			continue;
		if (store_purge_tu(&ix->store, s->id))
			return -1;
		ix->purged++;
	}
	return 0;
}

/*
 * Run FN on N threads of our own, with the stack a parse needs: libclang
 * parses on the calling thread (LIBCLANG_NOTHREADS, set in run()) rather
 * than on a thread of its own per TU, and clang wants 8 MiB for deeply
 * nested macro expansions.
 */
#define PARSE_STACK (16u << 20)

static void on_threads(struct indexer *ix, int n, void *(*fn)(void *))
{
	pthread_t *threads = xcalloc(n, sizeof(*threads));
	pthread_attr_t attr;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, PARSE_STACK);
	for (int i = 0; i < n; i++)
		if (pthread_create(&threads[i], &attr, fn, ix))
			die("cannot start an indexing thread");
	for (int i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
	pthread_attr_destroy(&attr);
	free(threads);
}

static int run(struct indexer *ix)
{
	int n;

	for (size_t i = 0; i < ix->jobs.v.n; i++) {
		if (unchanged(ix, &ix->jobs.v.v[i]))
			ix->unchanged++;
		else
			VEC_PUSH(&ix->todo, (int)i);
	}
	if (purge_missing(ix))
		return -1;
	/* the bodies already walked, read and blanked only when something is to be parsed */
	if (ix->todo.n && !ix->full_parse && bodies_load(&ix->bodies, &ix->db))
		return -1;

	/*
	 * By default libclang runs each parse on a new thread of its own: at
	 * -j2 that made every parse a third slower than at -j1 (a new thread's
	 * stack and malloc state, each time), where separate processes lose
	 * nothing. Its crash recovery works the same on ours.
	 */
	setenv("LIBCLANG_NOTHREADS", "1", 1);
	n = ix->jobs_n < (int)ix->todo.n ? ix->jobs_n : (int)ix->todo.n;
	progress_start(&ix->prog, (int)ix->todo.n);
	if (n > 0)
		on_threads(ix, n, worker);
	progress_end(&ix->prog);
	if (ix->store_failed)
		return error_set("%s", ix->store_error);
	/* the hand-offs join facts of every TU: derive them once, at the end */
	if (store_derive(&ix->store))
		return -1;
	return compact_index(&ix->db, ix->indexed + ix->failed + ix->purged, 0);
}

/* A shard's DB says which slice it holds: 'ndoscope merge' names it by that. */
static int set_shard_meta(struct indexer *ix)
{
	sqlite3_stmt *ms = db_stmt(&ix->db, SQL, "meta_set");
	char buf[32];

	if (!ix->shard_n)
		return 0;
	snprintf(buf, sizeof(buf), "%d/%d", ix->shard_k, ix->shard_n);
	bind_text(ms, 1, "shard");
	bind_text(ms, 2, buf);
	return db_step_done(&ix->db, ms);
}

static const char usage[] =
	"ndoscope [--db PATH] index [-C TREE] [-p COMPILE_COMMANDS] [-j N] [--shard K/N] [--force]\n"
	"                            [--full-parse] [--all-files] [FILE|DIR ...]";

int cmd_index(int argc, char **argv, const struct global *g)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "shard", required_argument, NULL, 'S' },
		{ "all-files", no_argument, NULL, 'a' },
		{ "full-parse", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct indexer ix = { .jobs_n = (int)sysconf(_SC_NPROCESSORS_ONLN) };
	const char *tree_arg = ".", *compdb = NULL;
	char *tree = NULL;
	int64_t t0 = now_ms();
	int c, rc = -1;

	while ((c = getopt_long(argc, argv, "C:p:j:", opts, NULL)) != -1) {
		switch (c) {
		case 'C':
			tree_arg = optarg;
			break;
		case 'p':
			compdb = optarg;
			break;
		case 'j':
			ix.jobs_n = atoi(optarg);
			if (ix.jobs_n < 1)
				return usage_error(usage, "-j takes a number of jobs, not '%s'", optarg);
			break;
		case 'f':
			ix.force = true;
			break;
		case 'S':
			if (parse_shard(&ix, optarg))
				return usage_error(usage, "--shard takes K/N with 0 <= K < N, not '%s'", optarg);
			break;
		case 'a':
			ix.jobs.all_files = true;
			break;
		case 'F':
			ix.full_parse = true;
			break;
		case 'h':
			printf("usage: %s\n", usage);
			return 0;
		default:
			return usage_error(usage, NULL);
		}
	}
	if (ix.jobs_n < 1)
		ix.jobs_n = 1;

	if (jobs_for_tree(tree_arg, compdb, argv + optind, argc - optind, &ix.jobs, &tree))
		goto out;
	ix.tree = tree;
	bodies_init(&ix.bodies, tree);
	ix.scan = include_scan_new(tree, bodies_fn_dirs, bodies_fn_macros, bodies_fn_defines);
	select_shard(&ix);

	if (db_open(&ix.db, db_default_path(g->db), DB_WRITE))
		goto out;
	store_init(&ix.store, &ix.db);
	pthread_rwlock_init(&ix.claim_lock, NULL);
	pthread_mutex_init(&ix.queue_lock, NULL);
	pthread_mutex_init(&ix.db_lock, NULL);
	pthread_mutex_init(&ix.stamp_lock, NULL);

	if (!compact_spans_check(&ix.db) && !store_walker(&ix.store) && !load_state(&ix)) {
		sqlite3_stmt *ms = db_stmt(&ix.db, SQL, "meta_set");

		bind_text(ms, 1, "tree");
		bind_text(ms, 2, tree);
		if (!db_step_done(&ix.db, ms) && !set_shard_meta(&ix))
			rc = run(&ix);
	}
	if (!rc) {
		printf("indexed %d, unchanged %d, failed %d, purged %d in %.1fs",
		       ix.indexed, ix.unchanged, ix.failed, ix.purged, (now_ms() - t0) / 1000.0);
		if (ix.with_errors)
			printf(" (%d with parse errors: see 'ndoscope stats')", ix.with_errors);
		if (ix.reparsed)
			printf(" (%d parsed again)", ix.reparsed);
		if (ix.jobs.not_built)
			printf("; %d file%s not built by this configuration (--all-files indexes them)",
			       ix.jobs.not_built, ix.jobs.not_built == 1 ? "" : "s");
		printf("\n");
		if (ix.failed)
			rc = 1;
	}
	store_release(&ix.store);
	db_close(&ix.db);
out:
	if (ix.tree)
		bodies_free(&ix.bodies);
	include_scan_free(ix.scan);
	for (size_t i = 0; i < ix.state.n; i++) {
		free(ix.state.v[i].path);
		free(ix.state.v[i].args_hash);
		free(ix.state.v[i].status);
	}
	VEC_FREE(&ix.state);
	strmap_free(&ix.state_idx);
	strmap_free(&ix.stat_idx);
	VEC_FREE(&ix.stats);
	strmap_free(&ix.claims);
	strmap_free(&ix.stamp_idx);
	realpath_cache_free(&ix.stamp_dirs);
	for (size_t i = 0; i < ix.stamps.n; i++)
		free((char *)ix.stamps.v[i].path);
	VEC_FREE(&ix.stamps);
	VEC_FREE(&ix.todo);
	job_list_free(&ix.jobs);
	free(ix.store_error);
	free(tree);
	return rc;
}
