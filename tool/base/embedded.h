/* Files embedded at build time (cmake/embed.cmake): SQL, web/, journeys/. */
#ifndef NDOSCOPE_EMBEDDED_H
#define NDOSCOPE_EMBEDDED_H

struct embedded_file {
	const char *path;	/* relative to the source root */
	const char *text;
};

extern const struct embedded_file embedded_files[];

/* The text of an embedded file, or NULL. */
const char *embedded_get(const char *path);

#endif
