/*
 * kbuild_make.c: the .c files a configured tree's Makefiles build, with the
 * flags those Makefiles add (ccflags-y, subdir-ccflags-y, CFLAGS_foo.o).
 */
#ifndef NDOSCOPE_KBUILD_MAKE_H
#define NDOSCOPE_KBUILD_MAKE_H

#include "base/util.h"

struct kb_file {
	char *rel;		/* source, relative to the tree */
	char *modname;		/* KBUILD_MODNAME of its module, or NULL when unknown */
	bool module;		/* part of an obj-m object: kbuild adds -DMODULE */
	struct strvec flags;	/* extra flags, absolute paths */
};

struct kb_plan {
	VEC(struct kb_file) files;
	struct strvec dirs;	/* directories whose Makefile was read */
};

/* Append the files DIR (relative to TREE) builds, subdirectories included. */
void kbuild_plan_dir(const char *tree, const char *dir, struct kb_plan *plan);
/* Append REL, a file named explicitly, with its directory's flags. */
void kbuild_plan_file(const char *tree, const char *rel, struct kb_plan *plan);
void kb_plan_free(struct kb_plan *plan);

#endif
