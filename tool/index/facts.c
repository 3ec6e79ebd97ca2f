// SPDX-License-Identifier: GPL-2.0
/* A bump allocator for the strings of one TU's facts, freed all at once. */
#include <stdlib.h>
#include <string.h>

#include "index/facts.h"

#define ARENA_BLOCK (64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	char data[];
};

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	struct arena_block *b = a->head;
	char *p;

	if (!b || b->used + n + 1 > b->size) {
		size_t size = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;

		b = xmalloc(sizeof(*b) + size);
		b->used = 0;
		b->size = size;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	memcpy(p, s, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void arena_free(struct arena *a)
{
	while (a->head) {
		struct arena_block *b = a->head;

		a->head = b->next;
		free(b);
	}
}

void tu_facts_free(struct tu_facts *f)
{
	arena_free(&f->arena);
	free(f->path);
	free(f->args_hash);
	free(f->failure);
	VEC_FREE(&f->files);
	VEC_FREE(&f->syms);
	VEC_FREE(&f->units);
	VEC_FREE(&f->unit_fns);
	VEC_FREE(&f->fn_claims);
	VEC_FREE(&f->funcs);
	VEC_FREE(&f->calls);
	VEC_FREE(&f->bindings);
	VEC_FREE(&f->var_bindings);
	VEC_FREE(&f->ops);
	VEC_FREE(&f->args);
	VEC_FREE(&f->assigns);
	VEC_FREE(&f->rets);
	VEC_FREE(&f->inits);
	VEC_FREE(&f->flows);
	VEC_FREE(&f->locals);
	VEC_FREE(&f->flags);
	VEC_FREE(&f->refs);
	VEC_FREE(&f->diags);
	VEC_FREE(&f->lexes);
	VEC_FREE(&f->macros);
}
