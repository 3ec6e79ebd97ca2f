/* Printing query results: an aligned table, tab-separated, or JSON (jansson). */
#ifndef NDOSCOPE_OUTPUT_H
#define NDOSCOPE_OUTPUT_H

#include <sqlite3.h>
#include <stdio.h>
#include <jansson.h>

enum out_format { OUT_TABLE, OUT_TSV, OUT_JSON };

/* Step ST to the end and print every row; returns rows printed or -1. */
int print_rows(FILE *out, sqlite3 *db, sqlite3_stmt *st, enum out_format fmt);

/* Bind "-P name=value" parameters (":name", "@name", "$name" or "?N") to ST. */
int bind_params(sqlite3_stmt *st, char *const *params, int n);

/* The current row of ST as {column: value}, in column order. */
json_t *row_json(sqlite3_stmt *st);

/*
 * Prepare SQL as one read-only statement, or set the error. WHAT names it
 * in errors ("query 'x'", "SQL").
 */
int prepare_statement(sqlite3 *db, const char *sql, const char *what, sqlite3_stmt **out);

/*
 * Prepare SQL (one read-only statement), bind PARAMS and print its rows.
 * WHAT names it in errors ("query 'x'", "SQL").
 */
int run_statement(sqlite3 *db, const char *sql, const char *what,
		  char *const *params, int n_params, enum out_format fmt);

/*
 * A document written to -o FILE or stdout: output_open() returns the stream
 * (stdout when OUTPUT is NULL) or NULL with the error set; output_json()
 * writes DOC as indented JSON; output_close() closes a file it opened and
 * returns RC, or -1 with the error set when the close fails.
 */
FILE *output_open(const char *output);
int output_json(FILE *out, json_t *doc);
int output_close(FILE *out, const char *output, int rc);

#endif
