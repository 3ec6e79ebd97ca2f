// SPDX-License-Identifier: GPL-2.0
/* ndoscope: the command table and the global options. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "base/error.h"
#include "base/module.h"
#include "ndoscope.h"

static const struct command commands[] = {
	{ "index", module_command, "[-C TREE] [-p COMPILE_COMMANDS] [-j N] [--shard K/N] [--force] [FILE|DIR ...]",
	  "index a kernel tree (incremental)" },
	{ "flags", module_command, "[-C TREE] [-p COMPILE_COMMANDS] [FILE|DIR ...]",
	  "print the compile commands index uses, as compile_commands.json" },
	{ "merge", cmd_merge, "OUT.db SHARD.db...",
	  "combine shard indexes (index --shard K/N) into one" },
	{ "stats", cmd_stats, "[--json]", "count the facts, list TUs with parse errors" },
	{ "callers", cmd_callers, "FUNC [--depth N] [--sync-only] [--include-type-matches] [--json]",
	  "who calls FUNC, through pointers too" },
	{ "callees", cmd_callees, "FUNC [--depth N] [--sync-only] [--include-type-matches] [--json]",
	  "what FUNC calls, through pointers too" },
	{ "path", cmd_path, "FROM TO [--via FUNC]... [--max-depth N] [-k N] [--sync-only] [--json]",
	  "the shortest call paths from FROM to TO" },
	{ "graph", cmd_graph, "FUNC [--callers|--callees] [--depth N] [--to FUNC [--via FUNC]...] [--sync-only] [-f dot|svg|png] [-o FILE]",
	  "an annotated call graph, as DOT, SVG or PNG" },
	{ "impl", cmd_impl, "STRUCT.FIELD [--json]", "every function bound to a struct field" },
	{ "ops", cmd_ops, "[STRUCT | TABLE] [--json]", "ops tables, or one table's members" },
	{ "refs", cmd_refs, "NAME|STRUCT.FIELD [--json]", "every read, write, call and address-of" },
	{ "report", cmd_report, "DRIVER [-f md|html|json] [-o FILE] | --matrix DIR",
	  "a driver explained end to end, or a driver matrix" },
	{ "diff", cmd_diff, "OLD.db NEW.db [report DEV | impl S.F | ops TABLE | path FROM TO] [-f md|html|json]",
	  "compare two indexes: what was added, removed or changed" },
	{ "journey", cmd_journey, "NAME|FILE... [-f md|html|json] [-o FILE]",
	  "a packet's whole trip (tcp4-lo, unix-stream), or several side by side" },
	{ "query", cmd_query, "NAME [-P NAME=VALUE]... | --list", "run a named query from queries/" },
	{ "serve", module_command, "[-C TREE] [--bind ADDR] [--port N]",
	  "browse the annotated source over HTTP" },
	{ "html", cmd_html, "[-C TREE] -o DIR [-j N] [PATH...]",
	  "write the annotated source browser as static files" },
	{ "sql", cmd_sql, "[--json | --tsv] [-P NAME=VALUE]... 'SELECT ...'",
	  "run one read-only SQL statement over the index" },
	{ "mcp", cmd_mcp, "[-C TREE]", "serve the index to coding agents (Model Context Protocol, stdio)" },
	{ NULL, NULL, NULL, NULL },
};

static void print_usage(FILE *out)
{
	fprintf(out, "usage: ndoscope [--db PATH] COMMAND [ARGS]\n\n"
		"The index is --db PATH, else $NDOSCOPE_DB, else ./ndoscope.db.\n\n"
		"commands:\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-8s %s\n", c->name, c->help);
	fprintf(out, "\n'ndoscope COMMAND --help' shows a command's options.\n");
}

int json_only_options(int argc, char **argv, const char *usage, bool *json)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*json = false;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'J':
			*json = true;
			break;
		case 'h':
			printf("usage: %s\n", usage);
			return 0;
		default:
			return usage_error(usage, NULL);
		}
	}
	return -1;
}

int format_option(const char **format, const char *output, const char *const *formats,
		  const char *usage)
{
	const char *ext = output ? strrchr(output, '.') : NULL;
	char list[128] = "";
	size_t i;

	for (i = 0; formats[i]; i++) {
		if (*format ? !strcmp(*format, formats[i]) : ext && !strcmp(ext + 1, formats[i])) {
			*format = formats[i];
			return -1;
		}
	}
	if (!*format) {
		*format = formats[0];
		return -1;
	}
	for (i = 0; formats[i]; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
			 !i ? "" : formats[i + 1] ? ", " : " or ", formats[i]);
	return usage_error(usage, "-f takes %s, not '%s'", list, *format);
}

int usage_error(const char *usage, const char *fmt, ...)
{
	if (fmt) {
		char buf[512];
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(buf, sizeof(buf), fmt, ap);
		va_end(ap);
		fprintf(stderr, "error: %s\n", buf);
	}
	fprintf(stderr, "usage: %s\n", usage);
	return 129;
}

int main(int argc, char **argv)
{
	struct global g = { 0 };
	int i = 1, rc;

	/*
	 * SQLite keeps memory statistics under a global mutex, taken on every
	 * allocation: a query spends a tenth of its instructions there, parsing
	 * the schema. Nothing here reads them.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			g.db = argv[i + 1];
			i += 2;
		} else if (!strncmp(argv[i], "--db=", 5)) {
			g.db = argv[i] + 5;
			i++;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			printf("ndoscope %s\n", NDOSCOPE_VERSION);
			return 0;
		} else {
			fprintf(stderr, "error: unknown option '%s'\n", argv[i]);
			print_usage(stderr);
			return 129;
		}
	}
	if (i >= argc) {
		print_usage(stderr);
		return 129;
	}
	if (!strcmp(argv[i], "help")) {
		print_usage(stdout);
		return 0;
	}
	for (const struct command *c = commands; c->name; c++) {
		if (strcmp(c->name, argv[i]))
			continue;
		rc = c->fn(argc - i, argv + i, &g);
		if (rc < 0) {
			fprintf(stderr, "error: %s\n", error_last() ? error_last() : "failed");
			return 1;
		}
		return rc;
	}
	fprintf(stderr, "error: '%s' is not an ndoscope command\n", argv[i]);
	print_usage(stderr);
	return 129;
}
