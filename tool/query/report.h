/*
 * Driver reports: everything the index knows about each device a driver
 * sets up, gathered into one JSON document that the md and html renderers
 * (report_render.c) and --json all read.
 */
#ifndef NDOSCOPE_REPORT_H
#define NDOSCOPE_REPORT_H

#include <stdio.h>
#include <jansson.h>

#include "base/db.h"

/*
 * The devices matching DRIVER: a source file, an interface name as passed
 * to alloc_netdev ("lo"), a setup function or an ops table. With MATRIX,
 * DRIVER is a directory and every device set up under it is included, as
 * a matrix row: without the transmit path and its drop points. Returns a JSON array of devices, or NULL with the error set.
 */
json_t *report_build(struct db *db, const char *driver, bool matrix);

/*
 * The matrix's coverage of DIR: {"tables": the net_device_ops tables defined
 * under DIR, "attributed": how many of them DEVICES attach, "unattributed":
 * [{table, file, line}]}.
 */
json_t *report_coverage(struct db *db, const char *dir, json_t *devices);

/*
 * The drop points of one function, as the reports list them: [{function,
 * what, file, line, conditions, explained (locals and sysctls behind the
 * conditions), counters}]. journey uses it for every function on a trip.
 */
json_t *report_drops(struct db *db, sqlite3_int64 fn, const char *name);

/* The file defining FN, the first by path (a malloc'd string), or NULL when it is not indexed. */
char *report_fn_file(struct db *db, sqlite3_int64 fn);

int report_md(FILE *out, json_t *devices);
int report_html(FILE *out, json_t *devices, const char *title);
int report_matrix(FILE *out, json_t *devices, json_t *coverage, const char *format);

#endif
