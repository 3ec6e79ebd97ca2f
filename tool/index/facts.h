/*
 * The facts of one translation unit, as the walker finds them and before
 * the store writes them. Indices (file, sym, unit) are local to the TU;
 * the store maps them to database ids. Strings live in the TU's arena.
 */
#ifndef NDOSCOPE_FACTS_H
#define NDOSCOPE_FACTS_H

#include <stdint.h>
#include "base/util.h"

/*
 * The version of what a walk records. Bumped whenever a change to the walk
 * changes the facts of a TU that did not change: an index made by another
 * version (meta 'walker') has its TUs walked again by the next index run,
 * and merge takes no shard of another version.
 * 2: one ref and one call per place; a macro body's text; a header's
 * functions claimed with the header; no label a macro makes.
 * 3: a header's skipped #if ranges once each, however many times the TU
 * that owns it read it.
 * 4: those of its first reading only; the #defines in them marked skipped
 * (schema 017); a token's end and line from the text (the same values).
 * 5: x in *(volatile T *)&(x), READ_ONCE(x) and WRITE_ONCE(x, v), is read or
 * written, not its address taken; WRITE_ONCE(s->f, v) and
 * smp_store_release(&s->f, v) are assignments; a name under sizeof or typeof
 * adds no ref at a place another use has, and a call there is no call.
 * 6: a switch on a constant (switch (sizeof(x))) walks only the statements
 * its value selects: no call to __bad_size_call_parameter() from every
 * per-CPU read.
 */
#define WALKER_VERSION "7"

struct arena {
	struct arena_block *head;
};
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

struct f_file {
	char *path;		/* relative to the tree when inside it */
	int64_t mtime, size;
};

struct f_sym {
	char *usr, *name;
	const char *kind;	/* function, var, field, enum */
};

struct f_unit {
	char *key;
	bool own;		/* this TU walked it and carries its facts */
};

/* A function definition walked as part of a header unit, by position. */
struct f_unit_fn {
	int unit;
	char *key;		/* fn:PATH#STAMP@OFFSET */
	int body_start, body_end;	/* offsets of its body's '{' and '}', or -1 (index/bodies.c) */
	char *body_file;	/* the header whose #define spells the body (hdr:PATH#STAMP), or NULL: the unit's */
};

struct f_func {
	int unit, sym, file, line, col, end_line;
	bool is_static, is_inline;
	char *type;		/* canonical function type */
};

struct f_call {
	int unit, caller, callee, file, line, col;	/* callee -1 unless direct */
	const char *kind;
	char *via, *macro;
	char *fn_type;		/* indirect calls: the function type called */
	char *args;		/* JSON: [{"text": ..., "value": N}, ...] or NULL */
	char *guard;		/* the if-conditions around it, or NULL */
};

/* A scalar value in an initializer: .procname = "netdev_max_backlog" */
struct f_init {
	int unit, table, elem, file, line;	/* elem: index in an array, or -1 */
	char *struct_name, *field, *text;
	char *str;				/* a string constant's value, or NULL */
	bool has_value;
	int64_t value;
};

/* A label, or a goto to one, in a function body. */
struct f_flow {
	int unit, func, line;
	const char *kind;	/* label or goto */
	char *label, *guard;
};

/* An assignment to a local variable: max_backlog = READ_ONCE(...) */
struct f_local {
	int unit, func, line;
	char *var, *rhs;
};

struct f_ret {
	int unit, func, file, line;
	char *expr;		/* as spelled */
	char *guard;
	bool has_value;
	int64_t value;
};

struct f_binding {
	int unit, fn, table, func, file, line, col;	/* table, func may be -1 */
	char *struct_name, *field;
	const char *context;
};

struct f_var_binding {
	int unit, var, table, file, line;
	char *struct_name, *field;
};

struct f_ops {
	int unit, sym, file, line;
	char *struct_name;
	bool is_array, is_static;
};

struct f_arg {
	int unit, caller, callee, arg, target, file, line;
	const char *target_kind;
};

struct f_assign {
	int unit, func, file, line, param;		/* param 0: none */
	char *struct_name, *field, *op, *rhs;
	char *src;					/* a function-pointer field read: STRUCT.FIELD */
	char *guard;					/* if-conditions around it, or NULL */
	bool has_value;
	int64_t value;
};

struct f_flag {
	int unit, file, line, bit;			/* bit -1: none */
	char *name, *doc;
	bool has_value;
	int64_t value;
};

struct f_ref {
	int unit, sym, file, line, col;
	const char *kind;	/* read, write, call, addr */
	bool in_macro;
	bool uneval;		/* under sizeof or typeof (index/walk.c); not stored */
};

/* A file's tokens and compiled-out lines, for the source browser (index/lex.c). */
struct f_lex {
	int unit, file;
	char *tokens;		/* varints (offset delta, length, kind), deflated */
	size_t len;		/* of tokens as stored */
	size_t raw_len;		/* of the varints inflated; 0: not deflated */
	char *skipped;		/* "12-40 55-60" */
	size_t macros_from, macros_to;	/* its #defines: [from, to) of tu_facts.macros */
};

/* A #define NAME, where it is written. */
struct f_macro {
	int unit, file, line;
	char *name;
	bool skipped;		/* in an #if region the owner's configuration compiled out */
};

struct f_diag {
	const char *severity;
	char *message;
	int file, line, col;	/* file -1: none */
};

struct tu_facts {
	struct arena arena;
	char *path;		/* the TU's main file */
	char *args_hash;
	const char *status;	/* ok, errors, failed */
	char *failure;		/* why, when failed */
	int n_errors, n_warnings;
	int n_blanked;		/* header bodies its parse read blanked (index/bodies.c) */
	int64_t parse_ms, walk_ms;

	VEC(struct f_file) files;
	VEC(struct f_sym) syms;
	VEC(struct f_unit) units;
	VEC(struct f_unit_fn) unit_fns;
	/* the function keys claimed with their header before the walk (walk.c, preclaim) */
	VEC(char *) fn_claims;
	bool needs_full;	/* its parse read blanked a body it must walk (walk.c, blanked_decl) */
	VEC(struct f_func) funcs;
	VEC(struct f_call) calls;
	VEC(struct f_binding) bindings;
	VEC(struct f_var_binding) var_bindings;
	VEC(struct f_ops) ops;
	VEC(struct f_arg) args;
	VEC(struct f_assign) assigns;
	VEC(struct f_ret) rets;
	VEC(struct f_init) inits;
	VEC(struct f_flow) flows;
	VEC(struct f_local) locals;
	VEC(struct f_flag) flags;
	VEC(struct f_ref) refs;
	VEC(struct f_diag) diags;
	VEC(struct f_lex) lexes;
	VEC(struct f_macro) macros;
};

void tu_facts_free(struct tu_facts *f);

#endif
