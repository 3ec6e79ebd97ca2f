/* Small allocation helpers, growable buffers and hash maps. */
#ifndef NDOSCOPE_UTIL_H
#define NDOSCOPE_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable array: VEC(struct foo) v; VEC_PUSH(&v, x); */
#define VEC(type) struct { type *v; size_t n, alloc; }
#define VEC_GROW(vec, need)						\
	do {								\
		if ((need) > (vec)->alloc) {				\
			size_t _a = (vec)->alloc ? (vec)->alloc * 2 : 16; \
			while (_a < (need))				\
				_a *= 2;				\
			(vec)->v = xrealloc((vec)->v, _a * sizeof(*(vec)->v)); \
			(vec)->alloc = _a;				\
		}							\
	} while (0)
#define VEC_PUSH(vec, x)						\
	do {								\
		VEC_GROW(vec, (vec)->n + 1);				\
		(vec)->v[(vec)->n++] = (x);				\
	} while (0)
#define VEC_FREE(vec)							\
	do {								\
		free((vec)->v);						\
		(vec)->v = NULL;					\
		(vec)->n = (vec)->alloc = 0;				\
	} while (0)

/* A vector of strings, for passing around. */
struct strvec {
	char **v;
	size_t n, alloc;
};
/* Append a copy of S. */
void strvec_push(struct strvec *v, const char *s);
/* Free the strings and the vector. */
void strvec_clear(struct strvec *v);

struct strbuf {
	char *buf;
	size_t len, alloc;
};
#define STRBUF_INIT { NULL, 0, 0 }
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);
char *sb_detach(struct strbuf *sb);

uint64_t hash_bytes(const void *p, size_t n);
static inline uint64_t hash_str(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return hash_bytes(s, n);
}

/* String -> int map. Keys are copied. */
struct strmap_entry {
	char *key;
	uint64_t hash;
	int value;
};
struct strmap {
	struct strmap_entry *e;
	size_t n, cap;
};
/* Returns a pointer to the value slot, or NULL when absent. */
int *strmap_get(const struct strmap *m, const char *key);
/* Inserts when absent; *inserted tells which. Returns the value slot. */
int *strmap_put(struct strmap *m, const char *key, int value, bool *inserted);
void strmap_free(struct strmap *m);

/* Pointer-sized key -> int map (key 0 is reserved). */
struct ptrmap_entry {
	uintptr_t key;
	int value;
};
struct ptrmap {
	struct ptrmap_entry *e;
	size_t n, cap;
};
int *ptrmap_get(const struct ptrmap *m, uintptr_t key);
int *ptrmap_put(struct ptrmap *m, uintptr_t key, int value, bool *inserted);
void ptrmap_free(struct ptrmap *m);

/* Milliseconds from a monotonic clock. */
int64_t now_ms(void);

struct stat;

/*
 * The whole of the regular file PATH, NUL-terminated, its length in *LEN and
 * the stat of what was read in *ST (either may be NULL). NULL with errno
 * set when it cannot be opened or read: EFBIG when it is over MAX bytes,
 * EINVAL when it is not a regular file.
 */
char *read_file(const char *path, size_t max, size_t *len, struct stat *st);

#endif
