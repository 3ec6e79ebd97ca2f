// SPDX-License-Identifier: GPL-2.0
/*
 * The #include graph of the tree as the files spell it (include_scan.h):
 * each file's #include lines and whether it is marked, read the first time
 * a TU reaches the file and kept for the run; each name resolved once per
 * including directory and search path. A TU's scan is then a walk over the
 * cached graph, a millisecond where its parse takes a hundred or more.
 */
#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/util.h"
#include "index/include_scan.h"
#include "index/realpath_cache.h"

struct scan_inc {
	char *name;
	bool quoted;		/* "name", else <name> */
};

struct scan_file {
	char *path;		/* absolute, as realpath() gives it */
	const char *rel;	/* in path: tree-relative; NULL outside the tree (a main file) */
	char *dir;		/* where its "name"s are looked up first */
	bool marked, defines, read;
	VEC(struct scan_inc) incs;
};

struct include_scan {
	char *tree;
	size_t tree_len;
	const char *const *dirs, *const *markers, *const *defines;
	pthread_mutex_t lock;
	VEC(struct scan_file *) files;
	struct strmap file_idx;		/* absolute path -> index in files */
	struct realpath_cache real;
	struct strmap resolved;		/* search key -> index in files + 1, 0: none */
	struct strmap paths;		/* a TU's search path, joined -> its id */
};

struct include_scan *include_scan_new(const char *tree, const char *const *dirs,
				      const char *const *markers, const char *const *defines)
{
	struct include_scan *s = xcalloc(1, sizeof(*s));
	char real[PATH_MAX];

	s->tree = xstrdup(realpath(tree, real) ? real : tree);
	s->tree_len = strlen(s->tree);
	s->dirs = dirs;
	s->markers = markers;
	s->defines = defines;
	pthread_mutex_init(&s->lock, NULL);
	return s;
}

void include_scan_free(struct include_scan *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->files.n; i++) {
		struct scan_file *f = s->files.v[i];

		for (size_t k = 0; k < f->incs.n; k++)
			free(f->incs.v[k].name);
		VEC_FREE(&f->incs);
		free(f->path);
		free(f->dir);
		free(f);
	}
	VEC_FREE(&s->files);
	strmap_free(&s->file_idx);
	realpath_cache_free(&s->real);
	strmap_free(&s->resolved);
	strmap_free(&s->paths);
	pthread_mutex_destroy(&s->lock);
	free(s->tree);
	free(s);
}

static const char *blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* P past the identifier W, if P opens with it, whole; else NULL. */
static const char *word(const char *p, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(p, w, n) || p[n] == '_' || isalnum((unsigned char)p[n]))
		return NULL;
	return p + n;
}

/* Does the line at P open with a marker used as a macro: 'NAME(' or 'NAME ('? */
static bool marker_use(const char *const *markers, const char *p)
{
	for (size_t i = 0; markers[i]; i++) {
		size_t n = strlen(markers[i]);

		if (!strncmp(p, markers[i], n) && *blanks(p + n) == '(')
			return true;
	}
	return false;
}

/*
 * F's #include lines, mark and #defines of DEFINES, from its text (a file
 * that cannot be read has none).
 */
static void read_includes(struct include_scan *s, struct scan_file *f)
{
	char *text = read_file(f->path, 64 << 20, NULL, NULL), *nl;

	f->read = true;
	for (size_t i = 0; f->rel && s->dirs[i]; i++)
		f->marked |= !strncmp(f->rel, s->dirs[i], strlen(s->dirs[i]));
	for (char *l = text; l; l = nl ? nl + 1 : NULL) {
		const char *p = blanks(l), *q, *end;
		struct scan_inc inc;

		nl = strchr(l, '\n');
		if (*p != '#') {
			f->marked |= marker_use(s->markers, p);
			continue;
		}
		p = blanks(p + 1);
		if ((q = word(p, "define"))) {
			for (size_t i = 0; s->defines[i]; i++)
				f->defines |= word(blanks(q), s->defines[i]) != NULL;
			continue;
		}
		if (!(q = word(p, "include")))
			continue;	/* not #include (#include_next, #if, ...) */
		p = blanks(q);
		if (*p != '"' && *p != '<')
			continue;	/* a macro names the file: not followed */
		end = strchr(p + 1, *p == '"' ? '"' : '>');
		if (!end || (nl && end > nl) || end == p + 1)
			continue;
		inc.quoted = *p == '"';
		inc.name = xstrndup(p + 1, end - p - 1);
		VEC_PUSH(&f->incs, inc);
	}
	free(text);
}

/*
 * The index of the file at PATH (made absolute and real), added if new; -1
 * outside the tree, unless IS_MAIN: a TU's main file, read for its #defines.
 */
static int file_at(struct include_scan *s, const char *path, bool is_main)
{
	char real[PATH_MAX], *slash;
	struct scan_file *f;
	bool ins, inside;
	int *slot;

	if (!realpath_cached(&s->real, path, real))
		return -1;
	inside = !strncmp(real, s->tree, s->tree_len) && real[s->tree_len] == '/';
	if (!inside && !is_main)
		return -1;
	slot = strmap_put(&s->file_idx, real, (int)s->files.n, &ins);
	if (!ins)
		return *slot;
	f = xcalloc(1, sizeof(*f));
	f->path = xstrdup(real);
	f->rel = inside ? f->path + s->tree_len + 1 : NULL;
	slash = strrchr(f->path, '/');
	f->dir = xstrndup(f->path, slash - f->path);
	VEC_PUSH(&s->files, f);
	return (int)s->files.n - 1;
}

static bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

struct search {
	struct strvec quote, angle;	/* -iquote dirs; -I then -isystem dirs */
	int id;				/* of the two lists, for the resolution cache */
};

/* INC as the file DIR's text includes it, with search path SP: a file index, or -1. */
static int resolve(struct include_scan *s, const char *dir, const struct scan_inc *inc,
		   const struct search *sp)
{
	char key[PATH_MAX * 2 + 32], path[PATH_MAX * 2];
	int idx = -1, *slot;
	bool ins;

	snprintf(key, sizeof(key), "%d%c%s%c%s", sp->id, inc->quoted ? 'q' : 'a',
		 inc->quoted ? dir : "", '\x1f', inc->name);
	slot = strmap_get(&s->resolved, key);
	if (slot)
		return *slot - 1;
	if (inc->name[0] == '/') {
		if (is_file(inc->name))
			idx = file_at(s, inc->name, false);
	} else {
		const struct strvec *lists[] = { &sp->quote, &sp->angle };

		if (inc->quoted) {
			snprintf(path, sizeof(path), "%s/%s", dir, inc->name);
			if (is_file(path))
				idx = file_at(s, path, false);
		}
		for (size_t l = inc->quoted ? 0 : 1; idx < 0 && l < 2; l++)
			for (size_t i = 0; idx < 0 && i < lists[l]->n; i++) {
				snprintf(path, sizeof(path), "%s/%s", lists[l]->v[i], inc->name);
				if (is_file(path))
					idx = file_at(s, path, false);
			}
	}
	strmap_put(&s->resolved, key, idx + 1, &ins);
	return idx;
}

/* ARGV's search path and forced includes, relative paths taken from WORKDIR. */
static void search_of(struct include_scan *s, const char *workdir, const char *const *argv, int argc,
		      struct search *sp, struct strvec *forced)
{
	struct strbuf joined = STRBUF_INIT;
	bool ins;

	for (int i = 0; i < argc; i++) {
		static const char *const opts[] = { "-iquote", "-I", "-isystem", "-include" };
		const char *val = NULL;
		size_t o;

		for (o = 0; o < sizeof(opts) / sizeof(*opts); o++) {
			size_t n = strlen(opts[o]);

			if (strncmp(argv[i], opts[o], n))
				continue;
			if (argv[i][n])
				val = argv[i] + n;
			else if (i + 1 < argc)
				val = argv[++i];
			break;
		}
		if (!val || !*val)
			continue;
		char *abs = val[0] == '/' || !workdir ? xstrdup(val) : xasprintf("%s/%s", workdir, val);

		strvec_push(o == 0 ? &sp->quote : o == 3 ? forced : &sp->angle, abs);
		if (o != 3)
			sb_addf(&joined, "%zu:%s\n", o, abs);
		free(abs);
	}
	sp->id = (int)s->paths.n;
	sp->id = *strmap_put(&s->paths, joined.buf ? joined.buf : "", sp->id, &ins);
	sb_free(&joined);
}

bool include_scan_marked(struct include_scan *s, const char *main, const char *workdir,
			 const char *const *argv, int argc,
			 bool (*visit)(void *arg, const char *rel), void *arg)
{
	struct search sp = { 0 };
	struct strvec forced = { 0 };
	VEC(int) stack = { 0 };
	VEC(unsigned char) seen = { 0 };
	bool hit = false;
	int idx;

	pthread_mutex_lock(&s->lock);
	search_of(s, workdir, argv, argc, &sp, &forced);
	for (size_t i = forced.n; i-- > 0;)
		if ((idx = file_at(s, forced.v[i], false)) >= 0)
			VEC_PUSH(&stack, idx);
	if ((idx = file_at(s, main, true)) >= 0) {
		struct scan_file *f = s->files.v[idx];

		if (!f->read)
			read_includes(s, f);
		hit = f->defines;
		if (f->rel)	/* outside the tree: its #defines alone */
			VEC_PUSH(&stack, idx);
	}
	while (stack.n && !hit) {
		struct scan_file *f;

		idx = stack.v[--stack.n];
		while (seen.n <= (size_t)idx)
			VEC_PUSH(&seen, 0);
		if (seen.v[idx])
			continue;
		seen.v[idx] = 1;
		f = s->files.v[idx];
		if (!f->read)
			read_includes(s, f);
		if (f->marked && visit(arg, f->rel)) {
			hit = true;
			break;
		}
		for (size_t k = f->incs.n; k-- > 0;) {
			int to = resolve(s, f->dir, &f->incs.v[k], &sp);

			if (to >= 0)
				VEC_PUSH(&stack, to);
		}
	}
	pthread_mutex_unlock(&s->lock);
	VEC_FREE(&stack);
	VEC_FREE(&seen);
	strvec_clear(&sp.quote);
	strvec_clear(&sp.angle);
	strvec_clear(&forced);
	return hit;
}
