/*
 * The command table, libgit2 CLI style: each subcommand is one cmd_*.c
 * file exporting one function. A command returns 0, a positive exit code,
 * or -1 with the message set by error_set(), which main() prints once.
 */
#ifndef NDOSCOPE_H
#define NDOSCOPE_H

#include <stdbool.h>

#define NDOSCOPE_VERSION "0.1.0"

struct global {
	const char *db;		/* --db, or NULL for the default */
};

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, const struct global *g);
	const char *usage;
	const char *help;
};

int cmd_index(int argc, char **argv, const struct global *g);
int cmd_flags(int argc, char **argv, const struct global *g);
int cmd_stats(int argc, char **argv, const struct global *g);
int cmd_sql(int argc, char **argv, const struct global *g);
int cmd_callers(int argc, char **argv, const struct global *g);
int cmd_callees(int argc, char **argv, const struct global *g);
int cmd_path(int argc, char **argv, const struct global *g);
int cmd_graph(int argc, char **argv, const struct global *g);
int cmd_impl(int argc, char **argv, const struct global *g);
int cmd_ops(int argc, char **argv, const struct global *g);
int cmd_report(int argc, char **argv, const struct global *g);
int cmd_diff(int argc, char **argv, const struct global *g);
int cmd_journey(int argc, char **argv, const struct global *g);
int cmd_refs(int argc, char **argv, const struct global *g);
int cmd_query(int argc, char **argv, const struct global *g);
int cmd_serve(int argc, char **argv, const struct global *g);
int cmd_html(int argc, char **argv, const struct global *g);
int cmd_mcp(int argc, char **argv, const struct global *g);

/*
 * Options of a command whose only option is --json: returns -1 to go on
 * (optind at the first argument), else the exit code to return now.
 */
int json_only_options(int argc, char **argv, const char *usage, bool *json);

/*
 * The output format of a command with -f FORMAT and -o FILE: FORMAT, else
 * FILE's extension when it is one of FORMATS (NULL-terminated, the default
 * first), else the default. Returns -1 to go on, else the exit code of a
 * usage error ("-f takes md, html or json, not 'x'").
 */
int format_option(const char **format, const char *output, const char *const *formats,
		  const char *usage);

/* Print a command's usage line to stderr and return the exit code for misuse. */
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
