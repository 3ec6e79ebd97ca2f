// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope html: the source browser written out as static files, the same
 * pages as 'serve' at the same URLs with ".html" added, for any web server
 * or file://. PATHs limit the source pages (and the functions) to files
 * under them.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/db.h"
#include "base/embedded.h"
#include "base/error.h"
#include "base/progress.h"
#include "render/html_site.h"
#include "ndoscope.h"

#define SQL "tool/sql/html.sql"

static const char usage[] = "ndoscope [--db PATH] html [-C TREE] -o DIR [-j N] [PATH...]";

static int mkdirs(char *path)
{
	for (char *c = path + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = '\0';
		if (mkdir(path, 0777) && errno != EEXIST) {
			error_set("cannot create '%s': %m", path);
			*c = '/';
			return -1;
		}
		*c = '/';
	}
	return 0;
}

static int write_file(const char *out, const char *rel, const char *data, size_t len)
{
	char *path = xasprintf("%s/%s", out, rel);
	FILE *f;
	int rc = 0;

	if (mkdirs(path)) {
		free(path);
		return -1;
	}
	f = fopen(path, "w");
	if (!f || fwrite(data, 1, len, f) != len)
		rc = error_set("cannot write '%s': %m", path);
	if (f && fclose(f) && !rc)
		rc = error_set("cannot write '%s': %m", path);
	free(path);
	return rc;
}

/* Render URL and write it as FILE under OUT. */
static int write_page(struct html_site *s, const char *out, const char *url, const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	const char *type;
	int rc = 0;

	if (html_route(s, url, NULL, &sb, &type) == 200)
		rc = write_file(out, file, sb.buf, sb.len);
	sb_free(&sb);
	return rc;
}

struct job {
	char *url, *file;
};
typedef VEC(struct job) job_vec;

/*
 * Worker W of N: its own connection to the index (never one inherited
 * across fork), every Nth page. Worker 0 draws the progress bar.
 */
static int run_jobs(struct html_site *s, const char *dbpath, const char *out,
		    job_vec *jobs, int w, int n)
{
	struct progress pr = { 0 };
	struct db db, *parent = s->db;
	int rc = 0;

	if (n > 1) {
		if (db_open(&db, dbpath, DB_READ))
			return -1;
		s->db = &db;
	}
	if (w == 0)
		progress_start(&pr, (int)jobs->n);
	for (size_t i = w; i < jobs->n && !rc; i += n) {
		if (w == 0)
			progress_update(&pr, (int)i, jobs->v[i].file);
		rc = write_page(s, out, jobs->v[i].url, jobs->v[i].file);
	}
	if (w == 0) {
		if (rc)
			progress_clear(&pr);
		else
			progress_end(&pr);
	}
	if (n > 1) {
		db_close(&db);
		s->db = parent;
	}
	return rc;
}

/* The pages, written by N processes. */
static int run_workers(struct html_site *s, const char *dbpath, const char *out,
		       job_vec *jobs, int n)
{
	pid_t *pids;
	int rc = 0, status;

	if (n <= 1 || jobs->n < (size_t)n)
		return run_jobs(s, dbpath, out, jobs, 0, 1);
	/*
	 * An SQLite connection must not cross a fork: the parent's is closed
	 * (it has nothing left to read) and each worker opens its own.
	 */
	db_close(s->db);
	fflush(NULL);
	pids = xcalloc(n, sizeof(*pids));
	for (int w = 0; w < n; w++) {
		pids[w] = fork();
		if (pids[w] < 0) {
			rc = error_set("cannot fork: %m");
			n = w;
			break;
		}
		if (pids[w] == 0) {
			if (run_jobs(s, dbpath, out, jobs, w, n)) {
				fprintf(stderr, "error: %s\n", error_last() ? error_last() : "failed");
				_exit(1);
			}
			_exit(0);
		}
	}
	for (int w = 0; w < n; w++)
		if (waitpid(pids[w], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			rc = -1;
	free(pids);
	if (rc && !error_last())
		error_set("a worker writing the pages failed");
	return rc;
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	while (n && dir[n - 1] == '/')
		n--;
	return !n || (!strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0'));
}

static void add_job(void *v, const char *url, const char *file)
{
	job_vec *jobs = v;
	struct job j = { xstrdup(url), xstrdup(file) };

	VEC_PUSH(jobs, j);
}

/* The page /KIND/NAME, written as KIND/NAME.html. */
static void add_page(void *jobs, const char *kind, const char *name)
{
	char *url = xasprintf("/%s/%s", kind, name);
	char *file = xasprintf("%s/%s.html", kind, name);

	add_job(jobs, url, file);
	free(url);
	free(file);
}

int cmd_html(int argc, char **argv, const struct global *g)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *tree = NULL, *out = NULL;
	job_vec jobs = { 0 };
	struct strmap dirs = { 0 }, fns = { 0 };
	struct html_site site;
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *st;
	struct db db;
	int c, rc = -1, n_src = 0, n_jobs = 2;
	char *end;
	bool ins;

	while ((c = getopt_long(argc, argv, "C:o:j:", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			n_jobs = (int)strtol(optarg, &end, 10);
			if (*end || n_jobs < 1 || n_jobs > 64)
				return usage_error(usage, "'%s' is not a number of jobs from 1 to 64", optarg);
			break;
		case 'C':
			tree = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			printf("usage: %s\n", usage);
			return 0;
		default:
			return usage_error(usage, NULL);
		}
	}
	if (!out)
		return usage_error(usage, "name the output directory with -o DIR");
	if (db_open(&db, db_default_path(g->db), DB_READ))
		return -1;
	if (html_site_init(&site, &db, tree, true))
		goto out_db;

	/* the source files: every indexed file under the PATHs */
	site.have_only = true;
	st = db_stmt(&db, SQL, "files_under");
	bind_text(st, 1, "");
	bind_text(st, 2, "\xff");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		bool want = optind == argc;

		for (int i = optind; i < argc && !want; i++)
			want = under(path, argv[i]);
		if (!want || !html_safe_path(path))
			continue;
		strmap_put(&site.only, path, 1, &ins);
		n_src++;
	}
	sqlite3_reset(st);
	if (!n_src) {
		error_set("no indexed file under %s", optind < argc ? argv[optind] : "the tree");
		goto out_site;
	}

	/* what to write: sources and their directories, functions, devices, structs */
	add_job(&jobs, "/", "index.html");
	add_job(&jobs, "/source/", "source/index.html");
	for (size_t i = 0; i < site.only.cap; i++) {
		const char *path = site.only.e[i].key;
		char *url, *file, *slash, *dir;

		if (!path)
			continue;
		add_page(&jobs, "source", path);
		dir = xstrdup(path);
		while ((slash = strrchr(dir, '/'))) {
			*slash = '\0';
			strmap_put(&dirs, dir, 1, &ins);
			if (!ins)
				break;
			url = xasprintf("/source/%s/", dir);
			file = xasprintf("source/%s/index.html", dir);
			add_job(&jobs, url, file);
			free(url);
			free(file);
		}
		free(dir);
	}
	st = db_stmt(&db, SQL, "all_funcs");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *file = (const char *)sqlite3_column_text(st, 1);
		char *fp;

		if (!h_source_exported(&site, file))
			continue;
		strmap_put(&fns, name, 1, &ins);
		if (ins)
			add_page(&jobs, "fn", name);
		fp = h_fn_path(&site, name, file);
		if (strchr(fp, ':'))
			add_page(&jobs, "fn", fp + 3);
		free(fp);
	}
	sqlite3_reset(st);
	{
		json_t *d;
		size_t k;

		json_array_foreach(site.devices, k, d) {
			const char *name = json_string_value(json_object_get(d, "name"));
			if (name && html_safe_path(name) && !strchr(name, '/'))
				add_page(&jobs, "device", name);
		}
	}
	st = db_stmt(&db, SQL, "all_structs");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		if (html_safe_path(name) && !strchr(name, '/'))
			add_page(&jobs, "struct", name);
	}
	sqlite3_reset(st);

	/* the static files and the search index */
	if (write_file(out, "static/app.css", embedded_get("web/app.css"), strlen(embedded_get("web/app.css"))) ||
	    write_file(out, "static/app.js", embedded_get("web/app.js"), strlen(embedded_get("web/app.js"))))
		goto out_jobs;
	{
		json_t *all = html_search_all(&site);
		char *j = json_dumps(all, JSON_COMPACT);

		sb_adds(&sb, "window.ndoscopeSearchIndex = ");
		/* keep "</script>" and U+2028 harmless even though this is a file */
		for (const char *c = j; *c; c++) {
			if (*c == '<')
				sb_adds(&sb, "\\u003c");
			else
				sb_add(&sb, c, 1);
		}
		sb_adds(&sb, ";\n");
		free(j);
		json_decref(all);
		if (write_file(out, "search-index.js", sb.buf, sb.len))
			goto out_jobs;
	}

	if (run_workers(&site, db_default_path(g->db), out, &jobs, n_jobs))
		goto out_jobs;
	printf("wrote %zu pages (%d source files) to %s\n", jobs.n, n_src, out);
	rc = 0;
out_jobs:
	for (size_t i = 0; i < jobs.n; i++) {
		free(jobs.v[i].url);
		free(jobs.v[i].file);
	}
	VEC_FREE(&jobs);
	strmap_free(&dirs);
	strmap_free(&fns);
	sb_free(&sb);
out_site:
	html_site_release(&site);
out_db:
	db_close(&db);
	return rc;
}
