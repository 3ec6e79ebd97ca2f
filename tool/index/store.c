// SPDX-License-Identifier: GPL-2.0
/*
 * One TU's facts go in as one transaction, so that a process killed at any
 * moment leaves every earlier TU whole and this one absent. Facts of shared
 * units are written by the TU that walked them, once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/error.h"
#include "index/store.h"

#define SQL "tool/sql/store.sql"

void store_init(struct store *s, struct db *db)
{
	memset(s, 0, sizeof(*s));
	s->db = db;
}

/* Rows rolled back may have been cached: forget them all. */
static void forget_cache(struct store *s)
{
	strmap_free(&s->file_ids);
	strmap_free(&s->sym_ids);
	s->syms_loaded = false;
}

void store_release(struct store *s)
{
	forget_cache(s);
}

static sqlite3_int64 file_id(struct store *s, const char *path)
{
	int *slot = strmap_get(&s->file_ids, path);
	sqlite3_stmt *st;
	sqlite3_int64 id;

	if (slot)
		return *slot;
	st = db_stmt(s->db, SQL, "file_insert");
	bind_text(st, 1, path);
	if (db_step_done(s->db, st))
		return -1;
	st = db_stmt(s->db, SQL, "file_id");
	bind_text(st, 1, path);
	id = db_step_id(s->db, st);
	if (id >= 0)
		strmap_put(&s->file_ids, path, (int)id, NULL);
	return id;
}

/*
 * Every symbol of the index by USR, read once a run first needs one (and
 * again after a rollback): sym has no index of its USRs, the writer keeps
 * them unique (schemas/024_sym_usr_unindexed.sql).
 */
static int load_syms(struct store *s)
{
	sqlite3_stmt *st = db_stmt(s->db, SQL, "sym_all");
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strmap_put(&s->sym_ids, (const char *)sqlite3_column_text(st, 0),
			   sqlite3_column_int(st, 1), NULL);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return error_set("cannot read '%s': %s", s->db->path, sqlite3_errmsg(s->db->h));
	s->syms_loaded = true;
	return 0;
}

static sqlite3_int64 sym_id(struct store *s, const struct f_sym *sym)
{
	sqlite3_stmt *st;
	sqlite3_int64 id;
	int *slot;

	if (!s->syms_loaded && load_syms(s))
		return -1;
	slot = strmap_get(&s->sym_ids, sym->usr);
	if (slot)
		return *slot;
	st = db_stmt(s->db, SQL, "sym_insert");
	bind_text(st, 1, sym->usr);
	bind_text(st, 2, sym->name);
	bind_text(st, 3, sym->kind);
	id = db_step_id(s->db, st);
	if (id >= 0)
		strmap_put(&s->sym_ids, sym->usr, (int)id, NULL);
	return id;
}

struct ids {
	sqlite3_int64 *file, *sym, *unit;
	bool *write;		/* unit's facts are written by this TU */
};

/* Map local indices to ids lazily: most syms of a TU belong to units it did not walk. */
static sqlite3_int64 SYM(struct store *s, struct tu_facts *f, struct ids *ids, int i)
{
	if (i < 0)
		return -1;
	if (ids->sym[i] == 0)
		ids->sym[i] = sym_id(s, &f->syms.v[i]);
	return ids->sym[i];
}

static void bind_sym(struct store *s, struct tu_facts *f, struct ids *ids,
		     sqlite3_stmt *st, int col, int i)
{
	sqlite3_int64 id = SYM(s, f, ids, i);

	bind_opt_int(st, col, id > 0, id);
}

static int write_units(struct store *s, struct tu_facts *f, struct ids *ids)
{
	for (size_t i = 0; i < f->units.n; i++) {
		struct f_unit *u = &f->units.v[i];
		sqlite3_stmt *st = db_stmt(s->db, SQL, "unit_get");
		sqlite3_int64 id = -2;
		int complete = 0, rc;

		bind_text(st, 1, u->key);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			complete = sqlite3_column_int(st, 1);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return error_set("cannot read '%s': %s", s->db->path, sqlite3_errmsg(s->db->h));
		if (id < 0) {
			st = db_stmt(s->db, SQL, "unit_insert");
			bind_text(st, 1, u->key);
			id = db_step_id(s->db, st);
			if (id < 0)
				return -1;
		} else if (u->own && (!strncmp(u->key, "tu:", 3) || !complete)) {
			/* the TU's own file, or a unit an older walk wrote: its old facts go */
			if (db_run_section(s->db, SQL, "unit_clear", id))
				return -1;
			complete = 0;
		}
		ids->unit[i] = id;
		ids->write[i] = u->own && !complete;
		st = db_stmt(s->db, SQL, "unit_link");
		bind_int(st, 1, id);
		if (db_step_done(s->db, st))
			return -1;
	}
	return 0;
}

#define WRITING(x) (ids->write[(x)->unit])
#define UNIT(x) ids->unit[(x)->unit]
#define FILE_(x) ids->file[(x)->file]

/* The source browser's rows (index/lex.c): tokens, skipped lines, #defines. */
static int write_source(struct store *s, struct tu_facts *f, struct ids *ids)
{
	struct db *db = s->db;
	sqlite3_stmt *st;

	for (size_t i = 0; i < f->lexes.n; i++) {
		struct f_lex *x = &f->lexes.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "lex_insert");
		bind_int(st, 1, UNIT(x));
		bind_int(st, 2, FILE_(x));
		sqlite3_bind_blob(st, 3, x->tokens, (int)x->len, SQLITE_STATIC);
		bind_text(st, 4, x->skipped);
		if (x->raw_len)
			bind_int(st, 5, (sqlite3_int64)x->raw_len);
		else
			sqlite3_bind_null(st, 5);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->macros.n; i++) {
		struct f_macro *x = &f->macros.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "macro_insert");
		bind_int(st, 1, UNIT(x));
		bind_text(st, 2, x->name);
		bind_int(st, 3, FILE_(x));
		bind_int(st, 4, x->line);
		bind_int(st, 5, x->skipped);
		if (db_step_done(db, st))
			return -1;
	}
	return 0;
}

static int write_fact_rows(struct store *s, struct tu_facts *f, struct ids *ids,
			   const signed char *ref_of, const bool *paired)
{
	struct db *db = s->db;
	sqlite3_stmt *st;

	for (size_t i = 0; i < f->funcs.n; i++) {
		struct f_func *x = &f->funcs.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "func_insert");
		bind_int(st, 1, UNIT(x));
		bind_sym(s, f, ids, st, 2, x->sym);
		bind_int(st, 3, FILE_(x));
		bind_int(st, 4, x->line);
		bind_int(st, 5, x->col);
		bind_int(st, 6, x->end_line);
		bind_int(st, 7, x->is_static);
		bind_int(st, 8, x->is_inline);
		bind_text(st, 9, x->type);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->calls.n; i++) {
		struct f_call *x = &f->calls.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "call_insert");
		bind_int(st, 1, UNIT(x));
		bind_sym(s, f, ids, st, 2, x->caller);
		bind_sym(s, f, ids, st, 3, x->callee);
		bind_text(st, 4, x->kind);
		bind_text(st, 5, x->via);
		bind_int(st, 6, FILE_(x));
		bind_int(st, 7, x->line);
		bind_int(st, 8, x->col);
		bind_text(st, 9, x->macro);
		bind_text(st, 10, x->fn_type);
		bind_text(st, 11, x->args);
		bind_text(st, 12, x->guard);
		bind_opt_int(st, 13, ref_of[i] > 0, ref_of[i] - 1);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->bindings.n; i++) {
		struct f_binding *x = &f->bindings.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "binding_insert");
		bind_int(st, 1, UNIT(x));
		bind_text(st, 2, x->struct_name);
		bind_text(st, 3, x->field);
		bind_sym(s, f, ids, st, 4, x->fn);
		bind_sym(s, f, ids, st, 5, x->table);
		bind_text(st, 6, x->context);
		bind_sym(s, f, ids, st, 7, x->func);
		bind_int(st, 8, FILE_(x));
		bind_int(st, 9, x->line);
		bind_int(st, 10, x->col);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->var_bindings.n; i++) {
		struct f_var_binding *x = &f->var_bindings.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "var_binding_insert");
		bind_int(st, 1, UNIT(x));
		bind_text(st, 2, x->struct_name);
		bind_text(st, 3, x->field);
		bind_sym(s, f, ids, st, 4, x->var);
		bind_sym(s, f, ids, st, 5, x->table);
		bind_int(st, 6, FILE_(x));
		bind_int(st, 7, x->line);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->ops.n; i++) {
		struct f_ops *x = &f->ops.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "ops_insert");
		bind_int(st, 1, UNIT(x));
		bind_sym(s, f, ids, st, 2, x->sym);
		bind_text(st, 3, x->struct_name);
		bind_int(st, 4, x->is_array);
		bind_int(st, 5, x->is_static);
		bind_int(st, 6, FILE_(x));
		bind_int(st, 7, x->line);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->args.n; i++) {
		struct f_arg *x = &f->args.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "arg_insert");
		bind_int(st, 1, UNIT(x));
		bind_sym(s, f, ids, st, 2, x->caller);
		bind_sym(s, f, ids, st, 3, x->callee);
		bind_int(st, 4, x->arg);
		bind_sym(s, f, ids, st, 5, x->target);
		bind_text(st, 6, x->target_kind);
		bind_int(st, 7, FILE_(x));
		bind_int(st, 8, x->line);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->assigns.n; i++) {
		struct f_assign *x = &f->assigns.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "assign_insert");
		bind_int(st, 1, UNIT(x));
		bind_sym(s, f, ids, st, 2, x->func);
		bind_text(st, 3, x->struct_name);
		bind_text(st, 4, x->field);
		bind_text(st, 5, x->op);
		bind_text(st, 6, x->rhs);
		bind_opt_int(st, 7, x->has_value, x->value);
		bind_opt_int(st, 8, x->param > 0, x->param);
		bind_int(st, 9, FILE_(x));
		bind_int(st, 10, x->line);
		bind_text(st, 11, x->guard);
		bind_text(st, 12, x->src);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->rets.n; i++) {
		struct f_ret *x = &f->rets.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "ret_insert");
		bind_int(st, 1, UNIT(x));
		bind_sym(s, f, ids, st, 2, x->func);
		bind_text(st, 3, x->expr);
		bind_opt_int(st, 4, x->has_value, x->value);
		bind_text(st, 5, x->guard);
		bind_int(st, 6, FILE_(x));
		bind_int(st, 7, x->line);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->inits.n; i++) {
		struct f_init *x = &f->inits.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "init_insert");
		bind_int(st, 1, UNIT(x));
		bind_sym(s, f, ids, st, 2, x->table);
		bind_int(st, 3, x->elem);
		bind_text(st, 4, x->struct_name);
		bind_text(st, 5, x->field);
		bind_text(st, 6, x->text);
		bind_opt_int(st, 7, x->has_value, x->value);
		bind_int(st, 8, FILE_(x));
		bind_int(st, 9, x->line);
		bind_text(st, 10, x->str);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->flows.n; i++) {
		struct f_flow *x = &f->flows.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "flow_insert");
		bind_int(st, 1, UNIT(x));
		bind_sym(s, f, ids, st, 2, x->func);
		bind_text(st, 3, x->kind);
		bind_text(st, 4, x->label);
		bind_text(st, 5, x->guard);
		bind_int(st, 6, x->line);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->locals.n; i++) {
		struct f_local *x = &f->locals.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "local_insert");
		bind_int(st, 1, UNIT(x));
		bind_sym(s, f, ids, st, 2, x->func);
		bind_text(st, 3, x->var);
		bind_text(st, 4, x->rhs);
		bind_int(st, 5, x->line);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->flags.n; i++) {
		struct f_flag *x = &f->flags.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "flag_insert");
		bind_int(st, 1, UNIT(x));
		bind_text(st, 2, x->name);
		bind_opt_int(st, 3, x->has_value, x->value);
		bind_opt_int(st, 4, x->bit >= 0, x->bit);
		bind_text(st, 5, x->doc);
		bind_int(st, 6, FILE_(x));
		bind_int(st, 7, x->line);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->refs.n; i++) {
		struct f_ref *x = &f->refs.v[i];

		if (!WRITING(x) || paired[i])
			continue;
		st = db_stmt(db, SQL, "ref_insert");
		bind_int(st, 1, UNIT(x));
		bind_sym(s, f, ids, st, 2, x->sym);
		bind_text(st, 3, x->kind);
		bind_int(st, 4, FILE_(x));
		bind_int(st, 5, x->line);
		bind_int(st, 6, x->col);
		bind_int(st, 7, x->in_macro);
		if (db_step_done(db, st))
			return -1;
	}
	if (write_source(s, f, ids))
		return -1;
	for (size_t i = 0; i < f->unit_fns.n; i++) {
		struct f_unit_fn *x = &f->unit_fns.v[i];

		if (!WRITING(x))
			continue;
		st = db_stmt(db, SQL, "unit_fn_insert");
		bind_int(st, 1, UNIT(x));
		bind_text(st, 2, x->key);
		bind_opt_int(st, 3, x->body_start >= 0, x->body_start);
		bind_opt_int(st, 4, x->body_start >= 0, x->body_end);
		if (x->body_file)
			bind_text(st, 5, x->body_file);
		else
			sqlite3_bind_null(st, 5);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->units.n; i++) {
		if (!ids->write[i])
			continue;
		st = db_stmt(db, SQL, "unit_complete");
		bind_int(st, 1, ids->unit[i]);
		if (db_step_done(db, st))
			return -1;
	}
	return 0;
}

/*
 * A direct call's reference to its callee, the ref of kind call at the
 * callee's name, is written as the call's 'ref' column, not as a row of
 * its own (schemas/020_call_refs.sql). Each such ref is paired with one
 * call of the same unit, callee, file, line and column: ref_of[call] gets
 * 1 + the ref's in_macro, and paired[ref] is set.
 */
static void pair_call_refs(const struct tu_facts *f, signed char *ref_of, bool *paired)
{
	struct strmap at = { 0 };
	int *next = xcalloc(f->refs.n + 1, sizeof(*next));	/* 1 + the next ref at one place */
	char key[80];

	for (size_t i = 0; i < f->refs.n; i++) {
		const struct f_ref *r = &f->refs.v[i];
		bool fresh;
		int *head;

		if (strcmp(r->kind, "call"))
			continue;
		snprintf(key, sizeof(key), "%d:%d:%d:%d:%d", r->unit, r->sym, r->file, r->line, r->col);
		head = strmap_put(&at, key, (int)i, &fresh);
		if (!fresh) {
			next[i] = next[*head];
			next[*head] = (int)i + 1;
		}
	}
	for (size_t i = 0; i < f->calls.n; i++) {
		const struct f_call *c = &f->calls.v[i];
		int *head;

		if (c->callee < 0)
			continue;
		snprintf(key, sizeof(key), "%d:%d:%d:%d:%d", c->unit, c->callee, c->file, c->line, c->col);
		head = strmap_get(&at, key);
		if (!head || *head < 0)
			continue;
		ref_of[i] = (signed char)(1 + f->refs.v[*head].in_macro);
		paired[*head] = true;
		*head = next[*head] - 1;
	}
	strmap_free(&at);
	free(next);
}

static int write_facts(struct store *s, struct tu_facts *f, struct ids *ids)
{
	signed char *ref_of = xcalloc(f->calls.n + 1, sizeof(*ref_of));
	bool *paired = xcalloc(f->refs.n + 1, sizeof(*paired));
	int rc;

	pair_call_refs(f, ref_of, paired);
	rc = write_fact_rows(s, f, ids, ref_of, paired);

	free(ref_of);
	free(paired);
	return rc;
}

static int write_tu(struct store *s, struct tu_facts *f, struct ids *ids)
{
	struct db *db = s->db;
	sqlite3_stmt *st;
	sqlite3_int64 tu, main_file;

	for (size_t i = 0; i < f->files.n; i++) {
		ids->file[i] = file_id(s, f->files.v[i].path);
		if (ids->file[i] < 0)
			return -1;
	}
	main_file = f->files.n ? ids->file[0] : file_id(s, f->path);
	if (main_file < 0)
		return -1;

	st = db_stmt(db, SQL, "tu_upsert");
	bind_int(st, 1, main_file);
	bind_text(st, 2, f->args_hash);
	bind_text(st, 3, f->status);
	bind_int(st, 4, f->n_errors);
	bind_int(st, 5, f->n_warnings);
	bind_int(st, 6, f->parse_ms);
	bind_int(st, 7, f->walk_ms);
	bind_int(st, 8, (sqlite3_int64)time(NULL));
	bind_int(st, 9, f->n_blanked);
	tu = db_step_id(db, st);
	if (tu < 0)
		return -1;
	if (db_run_section(db, SQL, "tu_detach", tu))
		return -1;

	for (size_t i = 0; i < f->files.n; i++) {
		st = db_stmt(db, SQL, "stat_insert");
		bind_int(st, 1, ids->file[i]);
		bind_int(st, 2, f->files.v[i].mtime);
		bind_int(st, 3, f->files.v[i].size);
		if (db_step_done(db, st))
			return -1;
		st = db_stmt(db, SQL, "dep_insert");
		bind_int(st, 1, ids->file[i]);
		bind_int(st, 2, f->files.v[i].mtime);
		bind_int(st, 3, f->files.v[i].size);
		if (db_step_done(db, st))
			return -1;
	}
	for (size_t i = 0; i < f->diags.n; i++) {
		struct f_diag *d = &f->diags.v[i];

		st = db_stmt(db, SQL, "diag_insert");
		bind_int(st, 1, tu);
		bind_int(st, 2, (sqlite3_int64)i + 1);
		bind_text(st, 3, d->severity);
		bind_opt_int(st, 4, d->file >= 0, d->file >= 0 ? ids->file[d->file] : 0);
		bind_opt_int(st, 5, d->file >= 0, d->line);
		bind_opt_int(st, 6, d->file >= 0, d->col);
		bind_text(st, 7, d->message);
		if (db_step_done(db, st))
			return -1;
	}
	/* the spans of the units written (schemas/015_unit_span.sql) */
	if (write_units(s, f, ids) || db_run_section(db, SQL, "tu_links", tu) ||
	    db_run_section(db, SQL, "span_mark", 0) ||
	    write_facts(s, f, ids) || db_run_section(db, SQL, "span_put", 0))
		return -1;
	/* units this TU used to link and no TU links any more */
	return db_run_section(db, SQL, "gc", 0);
}

int store_tu(struct store *s, struct tu_facts *f)
{
	struct ids ids;
	int rc;

	ids.file = xcalloc(f->files.n + 1, sizeof(*ids.file));
	ids.sym = xcalloc(f->syms.n + 1, sizeof(*ids.sym));
	ids.unit = xcalloc(f->units.n + 1, sizeof(*ids.unit));
	ids.write = xcalloc(f->units.n + 1, sizeof(*ids.write));

	rc = db_exec(s->db, "BEGIN IMMEDIATE");
	if (!rc)
		rc = write_tu(s, f, &ids);
	if (!rc)
		rc = db_exec(s->db, "COMMIT");
	if (rc) {
		sqlite3_exec(s->db->h, "ROLLBACK", NULL, NULL, NULL);
		forget_cache(s);
	}
	free(ids.file);
	free(ids.sym);
	free(ids.unit);
	free(ids.write);
	return rc;
}

/*
 * An index whose facts another version of the walk recorded (meta 'walker'
 * another, or none): every unit is marked incomplete, so that every TU is
 * walked again, and each unit cleared before it is written (write_units).
 * A run over part of the tree refreshes that part; the rest keeps its facts
 * until a run reaches it, but not its source browser rows, which
 * units_stale deletes with the mark (tool/sql/store.sql).
 */
int store_walker(struct store *s)
{
	sqlite3_stmt *st = db_stmt(s->db, SQL, "meta_get");
	const char *v;
	bool same;
	int rc;

	bind_text(st, 1, "walker");
	same = sqlite3_step(st) == SQLITE_ROW && (v = (const char *)sqlite3_column_text(st, 0)) &&
	       !strcmp(v, WALKER_VERSION);
	sqlite3_reset(st);
	if (same)
		return 0;
	rc = db_exec(s->db, "BEGIN IMMEDIATE");
	if (!rc)
		rc = db_run_section(s->db, SQL, "units_stale", 0);
	if (!rc) {
		st = db_stmt(s->db, SQL, "meta_set");
		bind_text(st, 1, "walker");
		bind_text(st, 2, WALKER_VERSION);
		rc = db_step_done(s->db, st);
	}
	if (!rc)
		rc = db_exec(s->db, "COMMIT");
	if (rc)
		sqlite3_exec(s->db->h, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int store_purge_tu(struct store *s, sqlite3_int64 tu)
{
	/* (gc binds nothing: the units to collect are in its temp table) */
	static const char *const steps[] = { "tu_detach", "tu_delete", "gc", NULL };

	return db_run_sections(s->db, SQL, steps, tu);
}

/*
 * Facts that join several TUs (the hand-offs of schemas/002_handoff.sql),
 * derived again once the run's TUs are all written.
 */
int store_derive(struct store *s)
{
	static const char *const steps[] = { "derive", NULL };

	return db_run_sections(s->db, SQL, steps, 0);
}
