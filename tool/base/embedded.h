/* Files embedded at build time (cmake/embed.cmake): SQL, web/, journeys/. */
#ifndef NDOSCOPE_EMBEDDED_H
#define NDOSCOPE_EMBEDDED_H

struct embedded_file {
	const char *path;	/* relative to the source root */
	const char *text;
};

extern const struct embedded_file embedded_files[];
/*
 * Each migration (schemas/NNN_*.sql) with its fingerprint as text: "sha256:"
 * and the first 16 hex digits of the hash of it and the migrations before it.
 */
extern const struct embedded_file schema_fingerprints[];

/* The text of an embedded file, or NULL. */
const char *embedded_get(const char *path);

#endif
