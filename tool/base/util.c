// SPDX-License-Identifier: GPL-2.0
/* Allocation helpers, string buffers and two small open-addressing maps. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"

static void oom(void)
{
	fputs("fatal: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	sb.buf = xmalloc(n + 1);
	va_start(ap, fmt);
	vsnprintf(sb.buf, n + 1, fmt, ap);
	va_end(ap);
	return sb.buf;
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->alloc) {
		size_t a = sb->alloc ? sb->alloc * 2 : 64;

		while (a < sb->len + n + 1)
			a *= 2;
		sb->buf = xrealloc(sb->buf, a);
		sb->alloc = a;
	}
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < (int)sizeof(small)) {
		sb_add(sb, small, n);
		return;
	}
	char *big = xmalloc(n + 1);

	va_start(ap, fmt);
	vsnprintf(big, n + 1, fmt, ap);
	va_end(ap);
	sb_add(sb, big, n);
	free(big);
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
}

char *sb_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	return p;
}

/* FNV-1a, 64 bit. */
uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n--) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void strmap_grow(struct strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct strmap_entry *e = xcalloc(cap, sizeof(*e));

	for (size_t i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->e[i].key)
			continue;
		for (j = m->e[i].hash & (cap - 1); e[j].key; j = (j + 1) & (cap - 1))
			;
		e[j] = m->e[i];
	}
	free(m->e);
	m->e = e;
	m->cap = cap;
}

int *strmap_get(const struct strmap *m, const char *key)
{
	uint64_t h;

	if (!m->cap)
		return NULL;
	h = hash_str(key);
	for (size_t j = h & (m->cap - 1); m->e[j].key; j = (j + 1) & (m->cap - 1))
		if (m->e[j].hash == h && !strcmp(m->e[j].key, key))
			return &m->e[j].value;
	return NULL;
}

int *strmap_put(struct strmap *m, const char *key, int value, bool *inserted)
{
	uint64_t h;
	size_t j;

	if ((m->n + 1) * 2 > m->cap)
		strmap_grow(m);
	h = hash_str(key);
	for (j = h & (m->cap - 1); m->e[j].key; j = (j + 1) & (m->cap - 1)) {
		if (m->e[j].hash == h && !strcmp(m->e[j].key, key)) {
			if (inserted)
				*inserted = false;
			return &m->e[j].value;
		}
	}
	m->e[j].key = xstrdup(key);
	m->e[j].hash = h;
	m->e[j].value = value;
	m->n++;
	if (inserted)
		*inserted = true;
	return &m->e[j].value;
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->e[i].key);
	free(m->e);
	m->e = NULL;
	m->n = m->cap = 0;
}

static size_t ptr_slot(uintptr_t k, size_t cap)
{
	return (size_t)((k >> 3) * 0x9e3779b97f4a7c15ULL) & (cap - 1);
}

static void ptrmap_grow(struct ptrmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct ptrmap_entry *e = xcalloc(cap, sizeof(*e));

	for (size_t i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->e[i].key)
			continue;
		for (j = ptr_slot(m->e[i].key, cap); e[j].key; j = (j + 1) & (cap - 1))
			;
		e[j] = m->e[i];
	}
	free(m->e);
	m->e = e;
	m->cap = cap;
}

int *ptrmap_get(const struct ptrmap *m, uintptr_t key)
{
	if (!m->cap)
		return NULL;
	for (size_t j = ptr_slot(key, m->cap); m->e[j].key; j = (j + 1) & (m->cap - 1))
		if (m->e[j].key == key)
			return &m->e[j].value;
	return NULL;
}

int *ptrmap_put(struct ptrmap *m, uintptr_t key, int value, bool *inserted)
{
	size_t j;

	if ((m->n + 1) * 2 > m->cap)
		ptrmap_grow(m);
	for (j = ptr_slot(key, m->cap); m->e[j].key; j = (j + 1) & (m->cap - 1)) {
		if (m->e[j].key == key) {
			if (inserted)
				*inserted = false;
			return &m->e[j].value;
		}
	}
	m->e[j].key = key;
	m->e[j].value = value;
	m->n++;
	if (inserted)
		*inserted = true;
	return &m->e[j].value;
}

void ptrmap_free(struct ptrmap *m)
{
	free(m->e);
	m->e = NULL;
	m->n = m->cap = 0;
}

int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void strvec_push(struct strvec *v, const char *s)
{
	VEC_PUSH(v, xstrdup(s));
}

void strvec_clear(struct strvec *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->v[i]);
	VEC_FREE(v);
}

char *read_file(const char *path, size_t max, size_t *len, struct stat *st)
{
	struct stat sb;
	char *buf = NULL;
	size_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb))
		goto fail;
	if (!S_ISREG(sb.st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	if ((unsigned long long)sb.st_size > max) {
		errno = EFBIG;
		goto fail;
	}
	buf = xmalloc(sb.st_size + 1);
	while (n < (size_t)sb.st_size) {
		ssize_t r = read(fd, buf + n, sb.st_size - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (!r)
			break;		/* shrunk since the fstat: what there was */
		n += r;
	}
	buf[n] = '\0';
	close(fd);
	if (len)
		*len = n;
	if (st)
		*st = sb;
	return buf;
fail:
	err = errno;
	close(fd);
	free(buf);
	errno = err;
	return NULL;
}
