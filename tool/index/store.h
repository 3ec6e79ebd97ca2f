/* Writing one TU's facts into the index, atomically. */
#ifndef NDOSCOPE_STORE_H
#define NDOSCOPE_STORE_H

#include "base/db.h"
#include "index/facts.h"

struct store {
	struct db *db;
	struct strmap file_ids;		/* path -> id, this run */
	struct strmap sym_ids;		/* usr -> id: every symbol of the index */
	bool syms_loaded;		/* sym_ids holds them (store.c's load_syms) */
};

void store_init(struct store *s, struct db *db);
void store_release(struct store *s);

/* Replace the facts of f->path's TU with F, in one transaction. */
int store_tu(struct store *s, struct tu_facts *f);

/* Mark the index to be walked again when another version of the walk wrote it. */
int store_walker(struct store *s);

/* Forget a TU (its source is gone), in one transaction. */
int store_purge_tu(struct store *s, sqlite3_int64 tu_id);
/* Rebuild the facts derived from every TU (hand-offs); 0 or -1. */
int store_derive(struct store *s);


#endif
