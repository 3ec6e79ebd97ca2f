// SPDX-License-Identifier: GPL-2.0
/*
 * index: header function bodies already walked, blanked out of later
 * parses (see bodies.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "index/bodies.h"
#include "index/include_scan.h"

#define SQL "tool/sql/store.sql"

struct range {
	int start, end;		/* offsets of '{' and '}' */
};

/* One header blanked: its text as read, and what is blanked in it. */
struct blank_file {
	char *orig;
	long long mtime, size;
	VEC(struct range) ranges;	/* the bodies, by start */
	VEC(struct range) defines;	/* the #defines of those a macro spells */
};

void bodies_init(struct bodies *b, const char *tree)
{
	memset(b, 0, sizeof(*b));
	b->tree = tree;
	pthread_mutex_init(&b->lock, NULL);
}

void bodies_free(struct bodies *b)
{
	for (size_t i = 0; i < b->files.n; i++) {
		struct blank_file *bf = b->blank.v[i];

		free((char *)b->files.v[i].Filename);
		free((char *)b->files.v[i].Contents);
		free((char *)b->own.v[i].Contents);
		free(bf->orig);
		VEC_FREE(&bf->ranges);
		VEC_FREE(&bf->defines);
		free(bf);
	}
	for (size_t i = 0; i < b->retired.n; i++)
		free(b->retired.v[i]);
	VEC_FREE(&b->files);
	VEC_FREE(&b->n_bodies);
	VEC_FREE(&b->own);
	VEC_FREE(&b->n_own);
	VEC_FREE(&b->blank);
	VEC_FREE(&b->retired);
	strmap_free(&b->idx);
	pthread_mutex_destroy(&b->lock);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

/* A newline at T[i] that a backslash before it splices to the next line. */
static bool spliced(const char *t, size_t from, size_t i)
{
	if (i > from && t[i - 1] == '\r')
		i--;
	return i > from && t[i - 1] == '\\';
}

/*
 * A preprocessor line of a body, from its '#' at T[i]: kept as written.
 * Returns where it ends (its newline), or 0 when blanking around it is not
 * safe: an #include (its text belongs inside the function), or a comment or
 * literal that runs on past the line.
 */
static size_t directive_end(const char *t, size_t i, size_t end)
{
	size_t k = i + 1, n;

	while (k <= end && is_space(t[k]))
		k++;
	for (n = 0; k + n <= end && (t[k + n] == '_' || (t[k + n] >= 'a' && t[k + n] <= 'z')); n++)
		;
	if ((n == 7 && !strncmp(t + k, "include", 7)) || (n == 12 && !strncmp(t + k, "include_next", 12)) ||
	    (n == 6 && !strncmp(t + k, "import", 6)))
		return 0;
	for (; k <= end; k++) {
		char c = t[k];

		if (c == '\n') {
			if (!spliced(t, i, k))
				return k;
		} else if (c == '/' && k < end && t[k + 1] == '*') {
			for (k += 2; k < end && !(t[k] == '*' && t[k + 1] == '/'); k++)
				if (t[k] == '\n')
					return 0;
			k++;
		} else if (c == '/' && k < end && t[k + 1] == '/') {
			while (k <= end && t[k] != '\n')
				k++;
			return k <= end && !spliced(t, i, k) ? k : 0;
		} else if (c == '"' || c == '\'') {
			for (k++; k <= end && t[k] != c; k++) {
				if (t[k] == '\n')
					return 0;
				if (t[k] == '\\')
					k++;
			}
		}
	}
	return 0;	/* the '}' is code: a directive cannot run into it */
}

/*
 * Blank the body T[start..end] ('{' to '}') in place, keeping its lines and
 * columns: the '{' becomes ';', so that the definition reads as a
 * declaration, and every other character but a newline a space, except on
 * the preprocessor lines, which stay as written: the #if's inside still
 * balance, and a #define or #undef still changes the macros for what
 * follows. False, with T untouched, when that is not safe.
 */
static bool blank_body(char *t, size_t start, size_t end)
{
	enum { CODE, BLOCK, LINE, STR, CHR } st = CODE;
	size_t n = end - start + 1, i = start;
	char *o = xmalloc(n);
	bool bol = false;	/* at the start of a line, outside comments and literals */

	memcpy(o, t + start, n);
	while (i <= end) {
		char c = t[i];

		if (bol) {
			size_t j = i;

			while (j <= end && is_space(t[j]))
				j++;
			bol = false;
			if (j <= end && t[j] == '#') {
				i = directive_end(t, j, end);
				if (!i)
					goto unsafe;
				continue;	/* at its newline */
			}
		}
		if (c == '\n') {
			bool splice = spliced(t, start, i);

			if (!splice && st != BLOCK)
				st = CODE;
			bol = st == CODE && !splice;
			i++;
			continue;
		}
		/* a line splice stays: in a #define, it holds the rest of the macro */
		if (c == '\\' && ((i < end && t[i + 1] == '\n') ||
				   (i + 1 < end && t[i + 1] == '\r' && t[i + 2] == '\n'))) {
			i++;
			continue;
		}
		o[i - start] = ' ';
		switch (st) {
		case CODE:
			if (c == '/' && i < end && (t[i + 1] == '*' || t[i + 1] == '/')) {
				st = t[i + 1] == '*' ? BLOCK : LINE;
				o[++i - start] = ' ';
			} else if (c == '"') {
				st = STR;
			} else if (c == '\'') {
				st = CHR;
			}
			break;
		case BLOCK:
			if (c == '*' && i < end && t[i + 1] == '/') {
				st = CODE;
				o[++i - start] = ' ';
			}
			break;
		case STR:
		case CHR:
			if (c == '\\' && i < end && t[i + 1] != '\n')
				o[++i - start] = ' ';
			else if (c == (st == STR ? '"' : '\''))
				st = CODE;
			break;
		case LINE:
			break;
		}
		i++;
	}
	if (st != CODE)
		goto unsafe;
	o[0] = ';';
	memcpy(t + start, o, n);
	free(o);
	return true;
unsafe:
	free(o);
	return false;
}

static int by_start(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

bool bodies_define_around(const char *t, size_t size, size_t pos, int *start, int *end)
{
	size_t s = pos, e = pos, k;

	for (;;) {
		while (s && t[s - 1] != '\n')
			s--;
		if (s && spliced(t, 0, s - 1)) {
			s--;
			continue;
		}
		break;
	}
	for (k = s; k < size && is_space(t[k]); k++)
		;
	if (k >= size || t[k] != '#')
		return false;
	for (k++; k < size && is_space(t[k]); k++)
		;
	if (size - k < 6 || strncmp(t + k, "define", 6))
		return false;
	while (e < size && !(t[e] == '\n' && !spliced(t, 0, e)))
		e++;
	*start = (int)s;
	*end = (int)e;
	return true;
}

/* Read the header REL, if it is still the version MTIME.SIZE. */
static char *read_version(struct bodies *b, const char *rel, long long mtime, long long size, char **abs_out)
{
	char *abs = rel[0] == '/' ? xstrdup(rel) : xasprintf("%s/%s", b->tree, rel);
	struct stat st;
	size_t len;
	char *text = read_file(abs, size, &len, &st);

	if (!text || (long long)len != size ||
	    (long long)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec != mtime) {
		free(text);
		free(abs);
		return NULL;
	}
	*abs_out = abs;
	return text;
}

/*
 * Blank RANGES (more of them) in the header of unit KEY (hdr:PATH#MTIME.SIZE),
 * if the file is still that version. The text a snapshot may hold is kept
 * until bodies_free(). Called with b->lock held.
 */
static void add_header(struct bodies *b, const char *key, struct range *ranges, size_t n)
{
	const char *path = key + 4, *hash = strrchr(key, '#');
	struct blank_file *bf;
	long long mtime, size;
	char *rel, *abs = NULL, *text, *own;
	size_t blanked = 0, blanked_own = 0, added = 0;
	int *slot;

	if (!n || strncmp(key, "hdr:", 4) || !hash || sscanf(hash + 1, "%lld.%lld", &mtime, &size) != 2)
		return;
	rel = xstrndup(path, hash - path);
	slot = strmap_get(&b->idx, rel);
	if (slot) {
		bf = b->blank.v[*slot];
		if (bf->mtime != mtime || bf->size != size)
			goto out;
	} else {
		bf = xcalloc(1, sizeof(*bf));
		bf->orig = read_version(b, rel, mtime, size, &abs);
		bf->mtime = mtime;
		bf->size = size;
		if (!bf->orig) {
			free(bf);
			bf = NULL;
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++) {
		bool known = false;

		for (size_t k = 0; k < bf->ranges.n && !known; k++)
			known = bf->ranges.v[k].start == ranges[i].start;
		if (!known && ranges[i].start >= 0 && ranges[i].end < size &&
		    ranges[i].end > ranges[i].start) {
			VEC_PUSH(&bf->ranges, ranges[i]);
			added++;
		}
	}
	if (!added)
		goto out;
	qsort(bf->ranges.v, bf->ranges.n, sizeof(*bf->ranges.v), by_start);
	text = xmalloc(size + 1);
	memcpy(text, bf->orig, size);
	own = xmalloc(size + 1);
	memcpy(own, bf->orig, size);
	bf->defines.n = 0;
	for (size_t i = 0; i < bf->ranges.n; i++) {
		struct range *r = &bf->ranges.v[i], d;
		bool in_define;

		if ((i && r->start <= r[-1].end) || text[r->start] != '{' || text[r->end] != '}' ||
		    !blank_body(text, r->start, r->end))
			continue;
		blanked++;
		in_define = bodies_define_around(bf->orig, size, r->start, &d.start, &d.end);
		if (in_define)
			VEC_PUSH(&bf->defines, d);
		else
			blanked_own += blank_body(own, r->start, r->end);
	}
	if (slot) {
		VEC_PUSH(&b->retired, (char *)b->files.v[*slot].Contents);
		VEC_PUSH(&b->retired, (char *)b->own.v[*slot].Contents);
		b->files.v[*slot].Contents = text;
		b->n_bodies.v[*slot] = (int)blanked;
		b->own.v[*slot].Contents = own;
		b->n_own.v[*slot] = (int)blanked_own;
	} else if (blanked) {
		strmap_put(&b->idx, rel, (int)b->files.n, NULL);
		VEC_PUSH(&b->files, ((struct CXUnsavedFile){ .Filename = abs, .Contents = text,
							     .Length = (unsigned long)size }));
		VEC_PUSH(&b->n_bodies, (int)blanked);
		/* the name is the same string: freed once, with files */
		VEC_PUSH(&b->own, ((struct CXUnsavedFile){ .Filename = abs, .Contents = own,
							   .Length = (unsigned long)size }));
		VEC_PUSH(&b->n_own, (int)blanked_own);
		VEC_PUSH(&b->blank, bf);
		abs = NULL;
		bf = NULL;
	} else {
		free(text);
		free(own);
	}
out:
	if (!slot && bf) {
		free(bf->orig);
		VEC_FREE(&bf->ranges);
		VEC_FREE(&bf->defines);
		free(bf);
	}
	free(abs);
	free(rel);
}

int bodies_load(struct bodies *b, struct db *db)
{
	sqlite3_stmt *st = db_stmt(db, SQL, "header_bodies");
	VEC(struct range) r = { 0 };
	char *key = NULL;
	int rc;

	pthread_mutex_lock(&b->lock);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);

		if (key && strcmp(key, k)) {
			add_header(b, key, r.v, r.n);
			r.n = 0;
		}
		if (!key || strcmp(key, k)) {
			free(key);
			key = xstrdup(k);
		}
		VEC_PUSH(&r, ((struct range){ sqlite3_column_int(st, 1), sqlite3_column_int(st, 2) }));
	}
	if (key)
		add_header(b, key, r.v, r.n);
	pthread_mutex_unlock(&b->lock);
	sqlite3_reset(st);
	free(key);
	VEC_FREE(&r);
	if (rc != SQLITE_DONE)
		return error_set("cannot read '%s': %s", db->path, sqlite3_errmsg(db->h));
	return 0;
}

void bodies_add(struct bodies *b, const struct tu_facts *f)
{
	/* by the header that spells them: a unit's own, or one a #define is in */
	struct strmap at = { 0 };
	VEC(const char *) keys = { 0 };
	VEC(struct range) *per = xcalloc(f->unit_fns.n + 1, sizeof(*per));

	for (size_t i = 0; i < f->unit_fns.n; i++) {
		const struct f_unit_fn *uf = &f->unit_fns.v[i];
		const char *key = uf->body_file ? uf->body_file : f->units.v[uf->unit].key;
		bool ins;
		int *slot;

		if (uf->body_start < 0 || !f->units.v[uf->unit].own)
			continue;
		slot = strmap_put(&at, key, (int)keys.n, &ins);
		if (ins)
			VEC_PUSH(&keys, key);
		VEC_PUSH(&per[*slot], ((struct range){ uf->body_start, uf->body_end }));
	}
	pthread_mutex_lock(&b->lock);
	for (size_t k = 0; k < keys.n; k++)
		add_header(b, keys.v[k], per[k].v, per[k].n);
	pthread_mutex_unlock(&b->lock);
	for (size_t k = 0; k < keys.n; k++)
		VEC_FREE(&per[k]);
	free(per);
	VEC_FREE(&keys);
	strmap_free(&at);
}

/*
 * Does the declaration that starts at FROM run into the body blanked at TO,
 * with no ';' of its own between them (outside brackets, literals and
 * comments)? 'extern int __traceiter_##name(data_proto);' in the same
 * #define as the bodies is a declaration as written.
 */
static bool runs_into(const char *t, int from, int to)
{
	int depth = 0;

	for (int i = from; i < to; i++) {
		char c = t[i];

		if (c == '"' || c == '\'') {
			for (i++; i < to && t[i] != c; i++)
				if (t[i] == '\\')
					i++;
		} else if (c == '/' && i + 1 < to && t[i + 1] == '*') {
			for (i += 2; i + 1 < to && !(t[i] == '*' && t[i + 1] == '/'); i++)
				;
			i++;
		} else if (c == '(' || c == '[') {
			depth++;
		} else if (c == ')' || c == ']') {
			depth--;
		} else if ((c == ';' || c == '{' || c == '}') && !depth) {
			return false;
		}
	}
	return true;
}

bool bodies_macro_blanked(struct bodies *b, const char *path, unsigned offset, unsigned n)
{
	bool hit = false;
	int *slot;

	pthread_mutex_lock(&b->lock);
	slot = strmap_get(&b->idx, path);
	if (slot && (unsigned)*slot < n) {
		const struct blank_file *bf = b->blank.v[*slot];

		if (offset == UINT_MAX)
			hit = bf->defines.n > 0;
		for (size_t i = 0; i < bf->defines.n && !hit && offset != UINT_MAX; i++) {
			const struct range *d = &bf->defines.v[i];

			if (offset < (unsigned)d->start || offset >= (unsigned)d->end)
				continue;
			/* the first body blanked after it, in this #define */
			for (size_t k = 0; k < bf->ranges.n; k++) {
				const struct range *r = &bf->ranges.v[k];

				if ((unsigned)r->start > offset && r->start < d->end) {
					hit = runs_into(bf->orig, (int)offset, r->start);
					break;
				}
			}
		}
	}
	pthread_mutex_unlock(&b->lock);
	return hit;
}

struct unclaimed_arg {
	bool (*claimed)(void *arg, const char *hdr);
	void *arg;
};

static bool unclaimed(void *arg, const char *rel)
{
	struct unclaimed_arg *u = arg;

	return !u->claimed(u->arg, rel);
}

const char *const bodies_fn_dirs[] = { "include/trace/events/", NULL };

const char *const bodies_fn_defines[] = { "CREATE_TRACE_POINTS", NULL };

const char *const bodies_fn_macros[] = {
	"TRACE_EVENT", "TRACE_EVENT_FN", "TRACE_EVENT_FN_COND", "TRACE_EVENT_CONDITION",
	"DECLARE_EVENT_CLASS", "DEFINE_EVENT", "DEFINE_EVENT_FN", "DEFINE_EVENT_PRINT",
	"DEFINE_EVENT_CONDITION", "DECLARE_TRACE", "DECLARE_TRACE_CONDITION",
	"DEFINE_FREE", "DEFINE_CLASS", "EXTEND_CLASS", "DEFINE_GUARD", "DEFINE_GUARD_COND",
	"DEFINE_LOCK_GUARD_0", "DEFINE_LOCK_GUARD_1", "DEFINE_LOCK_GUARD_1_COND",
	NULL
};

bool bodies_guess_defines(const char *path, struct include_scan *scan, const char *workdir,
			  const char *const *argv, int argc,
			  bool (*claimed)(void *arg, const char *hdr), void *arg)
{
	struct unclaimed_arg u = { claimed, arg };

	return include_scan_marked(scan, path, workdir, argv, argc, unclaimed, &u);
}

struct CXUnsavedFile *bodies_snapshot(struct bodies *b, unsigned *n, bool macros)
{
	struct CXUnsavedFile *v;

	pthread_mutex_lock(&b->lock);
	*n = (unsigned)b->files.n;
	v = b->files.n ? xmalloc(b->files.n * sizeof(*v)) : NULL;
	if (v)
		memcpy(v, macros ? b->files.v : b->own.v, b->files.n * sizeof(*v));
	pthread_mutex_unlock(&b->lock);
	return v;
}

bool bodies_owned_blanked(struct bodies *b, const struct tu_facts *f, unsigned n)
{
	bool hit = false;

	pthread_mutex_lock(&b->lock);
	for (size_t u = 0; u < f->units.n && !hit; u++) {
		const char *key = f->units.v[u].key, *hash = strrchr(key, '#');
		char *rel;
		int *slot;

		if (!f->units.v[u].own || strncmp(key, "hdr:", 4) || !hash)
			continue;
		rel = xstrndup(key + 4, hash - key - 4);
		slot = strmap_get(&b->idx, rel);
		hit = slot && (unsigned)*slot < n;
		free(rel);
	}
	pthread_mutex_unlock(&b->lock);
	return hit;
}

int bodies_read(struct bodies *b, const struct tu_facts *f, unsigned n, bool macros)
{
	int sum = 0;

	pthread_mutex_lock(&b->lock);
	for (size_t i = 0; i < f->files.n; i++) {
		int *slot = strmap_get(&b->idx, f->files.v[i].path);

		if (slot && (unsigned)*slot < n)
			sum += macros ? b->n_bodies.v[*slot] : b->n_own.v[*slot];
	}
	pthread_mutex_unlock(&b->lock);
	return sum;
}
