// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope query NAME: run a named query from queries/. Each file's first
 * comment line is its description; "-- :param  meaning" lines document its
 * parameters. The files run as they are under sqlite3 too.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "base/embedded.h"
#include "base/error.h"
#include "ndoscope.h"
#include "render/output.h"

static const char usage[] =
	"ndoscope [--db PATH] query NAME [-P NAME=VALUE]... [--json | --tsv]\n"
	"       ndoscope query --list";

/* The first "-- " line of a query file. */
static char *description(const char *text)
{
	const char *p = text;

	while (*p == '-' && p[1] == '-') {
		const char *eol = strchr(p, '\n');

		p += 2;
		while (*p == ' ')
			p++;
		if (eol && eol > p && *p != ':')
			return xstrndup(p, eol - p);
		if (!eol)
			break;
		p = eol + 1;
	}
	return xstrdup("");
}

static const char *query_text(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "queries/%s.sql", name);
	return embedded_get(path);
}

static void list(void)
{
	for (const struct embedded_file *f = embedded_files; f->path; f++) {
		const char *base;
		char *d;
		size_t n;

		if (strncmp(f->path, "queries/", 8))
			continue;
		base = f->path + 8;
		n = strlen(base) - 4;
		d = description(f->text);
		printf("%-24.*s %s\n", (int)n, base, d);
		for (const char *p = strstr(f->text, "\n-- :"); p; p = strstr(p + 1, "\n-- :")) {
			const char *eol = strchr(p + 1, '\n');

			printf("%-24s   -P %.*s\n", "", (int)(eol ? eol - p - 5 : (long)strlen(p + 5)), p + 5);
		}
		free(d);
	}
}

int cmd_query(int argc, char **argv, const struct global *g)
{
	static const struct option opts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'J' },
		{ "tsv", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum out_format fmt = OUT_TABLE;
	struct strvec params = { 0 };
	const char *text;
	char what[160];
	struct db db;
	int c, rc = -1;

	while ((c = getopt_long(argc, argv, "P:", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			list();
			VEC_FREE(&params);
			return 0;
		case 'J':
			fmt = OUT_JSON;
			break;
		case 'T':
			fmt = OUT_TSV;
			break;
		case 'P':
			VEC_PUSH(&params, optarg);
			break;
		case 'h':
			printf("usage: %s\n", usage);
			VEC_FREE(&params);
			return 0;
		default:
			VEC_FREE(&params);
			return usage_error(usage, NULL);
		}
	}
	if (optind + 1 != argc) {
		VEC_FREE(&params);
		return usage_error(usage, "name one query; 'ndoscope query --list' lists them");
	}
	text = query_text(argv[optind]);
	if (!text) {
		error_set("no query named '%s': 'ndoscope query --list' lists them", argv[optind]);
		VEC_FREE(&params);
		return -1;
	}
	if (db_open(&db, db_default_path(g->db), DB_SNAPSHOT)) {
		VEC_FREE(&params);
		return -1;
	}
	snprintf(what, sizeof(what), "query '%s'", argv[optind]);
	rc = run_statement(db.h, text, what, params.v, (int)params.n, fmt);
	db_close(&db);
	VEC_FREE(&params);
	return rc;
}
