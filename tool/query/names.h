/* Resolving the names users type to symbols in the index. */
#ifndef NDOSCOPE_NAMES_H
#define NDOSCOPE_NAMES_H

#include "base/db.h"

struct resolved {
	sqlite3_int64 id;
	char *name;		/* as stored */
	char *file;		/* where defined, or NULL for a declaration only */
	int line;
};

/*
 * A function by NAME or FILE:NAME. When there is none, the error says so
 * and suggests close names; when a static name is defined in several files,
 * it lists them and asks for FILE:NAME.
 */
int resolve_function(struct db *db, const char *arg, struct resolved *out);
void resolved_release(struct resolved *r);

/* ", did you mean 'a', 'b'?" for NAME among the syms of KIND, or "". */
char *suggest(struct db *db, const char *name, const char *kind);

/*
 * A name as C writes it, as the index names it: 'struct net_device->mtu'
 * and 'net_device->mtu' are 'net_device.mtu'. The caller frees it.
 */
char *c_name(const char *arg);

/*
 * The error for NAME, which the index has no WHAT ("function") of: that it
 * is a field, or a macro, or the close names of KIND. Returns -1.
 */
int missing_name(struct db *db, const char *name, const char *what, const char *kind);

#endif
