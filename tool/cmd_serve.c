// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope serve: the annotated source browser over HTTP, pages rendered on
 * demand from the index (opened read-only: an 'index' run may write it
 * meanwhile) and the source tree.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/db.h"
#include "render/html_site.h"
#include "serve/http_server.h"
#include "ndoscope.h"

static const char usage[] =
	"ndoscope [--db PATH] serve [-C TREE] [--bind ADDR] [--port N]";

int cmd_serve(int argc, char **argv, const struct global *g)
{
	static const struct option opts[] = {
		{ "bind", required_argument, NULL, 'b' },
		{ "port", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *tree = NULL, *bind = "127.0.0.1";
	struct html_site site;
	struct db db;
	int port = 8080, c, rc;
	char *end;

	while ((c = getopt_long(argc, argv, "C:", opts, NULL)) != -1) {
		switch (c) {
		case 'C':
			tree = optarg;
			break;
		case 'b':
			bind = optarg;
			break;
		case 'p':
			port = (int)strtol(optarg, &end, 10);
			if (*end || port < 0 || port > 65535)
				return usage_error(usage, "'%s' is not a port number", optarg);
			break;
		case 'h':
			printf("usage: %s\n", usage);
			return 0;
		default:
			return usage_error(usage, NULL);
		}
	}
	if (optind != argc)
		return usage_error(usage, "serve takes no arguments");
	if (db_open(&db, db_default_path(g->db), DB_READ))
		return -1;
	rc = html_site_init(&site, &db, tree, false);
	if (!rc)
		rc = http_serve(&site, bind, port);
	html_site_release(&site);
	db_close(&db);
	return rc;
}
