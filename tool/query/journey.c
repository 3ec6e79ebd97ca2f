// SPDX-License-Identifier: GPL-2.0
/*
 * A packet's whole trip, from the sending syscall to the receiving one: the
 * path between each pair of waypoints of a journey file (journeys/NAME.journey,
 * or a user's own), with what happens on the way: the layers crossed, the
 * hand-offs where the data waits, the drop points and their sysctls (as
 * report explains them), the locks taken and the copies of the data. All of
 * it goes into one JSON document that tool/render/journey_render.c prints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/error.h"
#include "query/graph.h"
#include "query/journey.h"
#include "query/names.h"
#include "query/report.h"
#include "render/draw.h"
#include "render/edge_format.h"

#define SQL "tool/sql/journey.sql"

struct waypoint {
	char *func, *layers;
	bool reader;
	bool queued;	/* '~': reached by the queue it takes the data off */
};

struct journey_file {
	char *name, *title;
	struct strvec needs;
	VEC(struct waypoint) wps;
};

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = 0;
	return s;
}

/* The latest kernels' first (tcp4-lo), then those of one version (tcp4-lo-2.6.35). */
char *journey_names(void)
{
	struct strbuf sb = STRBUF_INIT;

	for (int versioned = 0; versioned < 2; versioned++)
		for (const struct embedded_file *f = embedded_files; f->path; f++) {
			const char *name = f->path + strlen("journeys/");
			size_t n = strlen(f->path);

			if (strncmp(f->path, "journeys/", 9) || n <= 17 || strcmp(f->path + n - 8, ".journey") ||
			    (memchr(name, '.', n - 17) != NULL) != versioned)
				continue;
			sb_addf(&sb, "%s%.*s", sb.len ? ", " : "", (int)(n - 17), name);
		}
	return sb_detach(&sb);
}

/* The text of journey NAME: a file path, or a journey shipped in journeys/. */
static char *journey_text(const char *name, char **label)
{
	char *path = xasprintf("journeys/%s.journey", name);
	const char *text = embedded_get(path);
	char *file;

	free(path);
	if (text && !strchr(name, '/')) {
		*label = xstrdup(name);
		return xstrdup(text);
	}
	file = read_file(name, 16 << 20, NULL, NULL);
	if (!file) {
		if (errno == ENOENT) {
			char *names = journey_names();

			error_set("no journey named '%s': give %s or the path of a .journey file", name, names);
			free(names);
		}
		else if (errno == EFBIG)
			error_set("'%s' is over 16 MiB: not a journey", name);
		else if (errno == EINVAL)
			error_set("'%s' is not a file", name);
		else
			error_set("cannot read '%s': %m", name);
		return NULL;
	}
	/* a file's journey is named by its base name, less .journey */
	{
		const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
		const char *dot = strstr(base, ".journey");

		*label = dot ? xstrndup(base, dot - base) : xstrdup(base);
	}
	return file;
}

static int parse(const char *name, struct journey_file *j)
{
	char *text = journey_text(name, &j->name), *line, *save = NULL;
	int lineno = 0;

	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *s = trim(line), *rest;
		struct waypoint wp = { 0 };

		lineno++;
		if (!*s || *s == '#')
			continue;
		if (!strncmp(s, "title", 5) && (s[5] == ' ' || s[5] == '\t')) {
			free(j->title);
			j->title = xstrdup(trim(s + 5));
			continue;
		}
		if (!strncmp(s, "needs", 5) && (s[5] == ' ' || s[5] == '\t')) {
			char *tok, *sv = NULL;

			for (tok = strtok_r(s + 5, " \t", &sv); tok; tok = strtok_r(NULL, " \t", &sv))
				VEC_PUSH(&j->needs, xstrdup(tok));
			continue;
		}
		if (*s == '<') {
			wp.reader = true;
			s = trim(s + 1);
		} else if (*s == '~') {
			wp.queued = true;
			s = trim(s + 1);
		}
		if (*s == '<' || *s == '~') {
			free(text);
			return error_set("'%s': a waypoint is a reader ('<') or reached by a queue ('~'), not both",
					 name);
		}
		if (wp.queued && !j->wps.n) {
			free(text);
			return error_set("'%s': the first waypoint has no path into it, by a queue ('~') or not",
					 name);
		}
		rest = s + strcspn(s, " \t");
		if (*rest)
			*rest++ = 0;
		wp.func = xstrdup(s);
		wp.layers = xstrdup(trim(rest));
		if (wp.reader && !j->wps.n) {
			free(wp.func);
			free(wp.layers);
			free(text);
			return error_set("'%s': a reader ('<') needs a waypoint above it", name);
		}
		VEC_PUSH(&j->wps, wp);
	}
	free(text);
	if (j->wps.n < 2)
		return error_set("'%s' names fewer than two waypoints", name);
	return 0;
}

static void journey_file_release(struct journey_file *j)
{
	for (size_t i = 0; i < j->wps.n; i++) {
		free(j->wps.v[i].func);
		free(j->wps.v[i].layers);
	}
	VEC_FREE(&j->wps);
	for (size_t i = 0; i < j->needs.n; i++)
		free(j->needs.v[i]);
	VEC_FREE(&j->needs);
	free(j->name);
	free(j->title);
}

/* "tcp4-lo needs net/ipv4/tcp_input.c in the index" */
static int check_needs(struct db *db, struct journey_file *j)
{
	struct strbuf sb = STRBUF_INIT;
	int missing = 0, rc = 0;

	for (size_t i = 0; i < j->needs.n; i++) {
		sqlite3_stmt *st = db_stmt(db, SQL, "tu_indexed");
		bool have;

		bind_text(st, 1, j->needs.v[i]);
		have = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (have)
			continue;
		sb_addf(&sb, "%s%s", missing++ ? ", " : "", j->needs.v[i]);
	}
	if (missing)
		rc = error_set("%s needs %s in the index", j->name, sb.buf);
	sb_free(&sb);
	return rc;
}

/* [{what, file, line}] of statement NAME in journey.sql for function ID */
static void rows_of(struct db *db, const char *stmt, sqlite3_int64 id, const char *fn, json_t *out)
{
	sqlite3_stmt *st = db_stmt(db, SQL, stmt);

	bind_int(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *o = json_object();

		json_object_set_new(o, "function", json_string(fn));
		json_object_set_new(o, "what", json_string((const char *)sqlite3_column_text(st, 0)));
		json_object_set_new(o, "file", json_string((const char *)sqlite3_column_text(st, 1)));
		json_object_set_new(o, "line", json_integer(sqlite3_column_int(st, 2)));
		json_array_append_new(out, o);
	}
	sqlite3_reset(st);
}

struct trip {
	struct db *db;
	struct builder b;		/* the drawing, and its graph b.g */
	struct ptrmap seen;		/* functions on the trip */
	VEC(sqlite3_int64) ids;
	struct strvec names;
};

static void on_trip(struct trip *t, sqlite3_int64 id, const char *name)
{
	bool ins;

	ptrmap_put(&t->seen, (uintptr_t)id, 1, &ins);
	if (!ins)
		return;
	VEC_PUSH(&t->ids, id);
	VEC_PUSH(&t->names, xstrdup(name));
}

static void count(json_t *summary, const char *counter)
{
	json_object_set_new(summary, counter,
		json_integer(json_integer_value(json_object_get(summary, counter)) + 1));
}

/*
 * The caller of FN (DEPTH levels up, through calls) that comes latest in
 * the segment ON (sym id -> position + 1), at most at position LIMIT: its
 * position + 1 and name, or 0.
 */
static int called_from(struct trip *t, struct ptrmap *on, int limit, sqlite3_int64 fn,
		       const char *name, int depth, const char **from)
{
	const struct edge_list *in = callgraph_in(&t->b.g, fn, name);
	int best = 0;

	for (size_t i = 0; in && i < in->v.n; i++) {
		const struct edge *e = &in->v.v[i];
		int *pos, up;
		const char *up_name = NULL;

		if (edge_is_async(e))
			continue;
		pos = ptrmap_get(on, (uintptr_t)e->from);
		if (pos && *pos <= limit && *pos > best) {
			best = *pos;
			*from = e->from_name;
		}
		if (depth > 1 &&
		    (up = called_from(t, on, limit, e->from, e->from_name, depth - 1, &up_name)) > best) {
			best = up;
			*from = up_name;
		}
	}
	return best;
}

/*
 * The wakeup into READER, or into a function it calls to sleep, raised
 * latest on the segment up to PRODUCER (wakeup_of), into *BEST.
 */
static void wakeup_into(struct trip *t, struct ptrmap *seg, int producer, sqlite3_int64 reader,
			const char *reader_name, const struct edge **best, const char **best_from,
			int *best_pos)
{
	const struct edge_list *out = callgraph_out(&t->b.g, reader, reader_name);

	for (size_t k = 0; k <= (out ? out->v.n : 0); k++) {
		sqlite3_int64 sleeper = k ? out->v.v[k - 1].to : reader;
		const char *sleeper_name = k ? out->v.v[k - 1].to_name : reader_name;
		const struct edge_list *in;

		if (k && strcmp(out->v.v[k - 1].kind, "direct"))
			continue;
		in = callgraph_in(&t->b.g, sleeper, sleeper_name);
		for (size_t i = 0; in && i < in->v.n; i++) {
			const struct edge *e = &in->v.v[i];
			const char *from = NULL;
			int pos;

			if (strcmp(e->kind, "wakeup"))
				continue;
			pos = called_from(t, seg, producer, e->from, e->from_name, 2, &from);
			if (pos > *best_pos) {
				*best_pos = pos;
				*best = e;
				*best_from = from;
			}
		}
	}
}

/*
 * Who wakes the reader of a queue hop: a wakeup into the consumer, or into
 * a function it calls to sleep (tcp_recvmsg_locked's sk_wait_data,
 * unix_stream_read_generic's unix_stream_data_wait), from a function that
 * the segment delivering to the queue calls within two calls, up to the
 * producer (tcp_rcv_established's sk->sk_data_ready is sock_def_readable).
 * The sender's own wakeups, such as sk_write_space, are on other segments;
 * of several wakers the one raised latest, nearest the producer, wins
 * (tcp_rcv_established's data_ready over tcp_v4_do_rcv's state_change).
 * When the consumer is a helper that takes the data off for its callers
 * (2.6.35's sk_eat_skb, which tcp_recvmsg calls), its callers are the
 * readers who sleep (tcp_recvmsg's sk_wait_data).
 */
static json_t *wakeup_of(struct trip *t, struct ptrmap *seg, int producer, const struct edge *queue)
{
	const struct edge *best = NULL;
	const char *best_from = NULL;
	int best_pos = 0;
	json_t *o;

	wakeup_into(t, seg, producer, queue->to, queue->to_name, &best, &best_from, &best_pos);
	if (!best) {
		const struct edge_list *in = callgraph_in(&t->b.g, queue->to, queue->to_name);

		for (size_t i = 0; in && i < in->v.n; i++)
			if (!strcmp(in->v.v[i].kind, "direct"))
				wakeup_into(t, seg, producer, in->v.v[i].from, in->v.v[i].from_name,
					    &best, &best_from, &best_pos);
	}
	if (!best)
		return NULL;
	o = edge_json(best);
	json_object_set_new(o, "raised_from", json_string(best_from));
	return o;
}

/*
 * The hand-offs of a segment's path, in order: each asynchronous hop, the
 * queues between two functions of the segment that the path goes around
 * (enqueue_to_backlog leaves the skb on softnet_data.input_pkt_queue while
 * the path follows the softirq to process_backlog), and after each queue
 * the wakeup of its reader.
 */
static void segment_waits(struct trip *t, struct call_path *p, json_t *waits, json_t *summary)
{
	struct ptrmap seg = { 0 };	/* sym id -> position in the segment + 1 */
	bool ins;

	for (size_t h = 0; h < p->hops.n; h++)
		ptrmap_put(&seg, (uintptr_t)p->hops.v[h]->from, (int)h + 1, &ins);
	if (p->hops.n)
		ptrmap_put(&seg, (uintptr_t)p->hops.v[p->hops.n - 1]->to, (int)p->hops.n + 1, &ins);
	for (size_t h = 0; h < p->hops.n; h++) {
		const struct edge *hop = p->hops.v[h];
		const struct edge_list *out = callgraph_out(&t->b.g, hop->from, hop->from_name);
		const struct edge *queues[9];	/* 8 beside the path, and the hop */
		size_t nq = 0;

		for (size_t k = 0; out && k < out->v.n && nq < 8; k++) {
			const struct edge *e = &out->v.v[k];

			if (strcmp(e->kind, "queue") || e == hop)
				continue;
			for (size_t later = h + 1; later < p->hops.n; later++)
				if (p->hops.v[later]->to == e->to) {
					queues[nq++] = e;
					break;
				}
		}
		if (edge_is_async(hop))
			queues[nq++] = hop;
		for (size_t q = 0; q < nq; q++) {
			json_t *w;

			json_array_append_new(waits, edge_json(queues[q]));
			if (queues[q] != hop)
				count(summary, "handoffs");
			if (strcmp(queues[q]->kind, "queue"))
				continue;
			w = wakeup_of(t, &seg, (int)h + 1, queues[q]);
			if (w) {
				json_array_append_new(waits, w);
				count(summary, "handoffs");
			}
		}
	}
	ptrmap_free(&seg);
}

/* One segment: the path FROM -> TO, as edge objects with layer and waypoint marks. */
static json_t *segment(struct trip *t, struct resolved *from, struct resolved *to,
		       const struct waypoint *wp, json_t *summary, json_t *waits)
{
	struct path_search ps = { .max_depth = PATH_MAX_DEPTH, .k = 1, .time_limit_ms = 2000,
				  .queued = wp->queued };
	bool reader = wp->reader;
	const char *layers = wp->layers;
	json_t *seg = json_object(), *hops = json_array();

	json_object_set_new(seg, "from", json_string(from->name));
	json_object_set_new(seg, "to", json_string(to->name));
	json_object_set_new(seg, "reader", json_boolean(reader));
	json_object_set_new(seg, "layers", json_string(layers));
	/* searched and drawn at once; no path leaves the segment "missing" */
	if (draw_paths(&t->b, from, to, NULL, 0, &ps))
		error_clear();
	on_trip(t, from->id, from->name);
	if (ps.paths.n) {
		struct call_path *p = &ps.paths.v[0];

		for (size_t h = 0; h < p->hops.n; h++) {
			const struct edge *e = p->hops.v[h];
			const char *counter = "calls";

			json_array_append_new(hops, edge_json(e));
			on_trip(t, e->to, e->to_name);
			if (edge_is_async(e))
				counter = "handoffs";
			else if (strcmp(e->kind, "direct"))
				counter = "indirect";
			count(summary, counter);
		}
		if (!reader)
			segment_waits(t, p, waits, summary);
	} else {
		char *why = xasprintf("no path from %s to %s within %d calls", from->name, to->name,
				      ps.max_depth);

		json_object_set_new(seg, "missing", json_string(why));
		free(why);
	}
	json_object_set_new(seg, "hops", hops);
	path_search_release(&ps);
	return seg;
}

json_t *journey_build(struct db *db, const char *name)
{
	struct journey_file j = { 0 };
	struct trip t = { .db = db };
	struct ptrmap deeper = { 0 };		/* functions one call off the trip, looked at */
	VEC(struct resolved) fns = { 0 };
	json_t *o = NULL, *wps, *segs, *waits, *drops, *locks, *copies, *summary, *layers;

	if (parse(name, &j) || check_needs(db, &j))
		goto out;
	for (size_t i = 0; i < j.wps.n; i++) {
		struct resolved r = { 0 };

		if (resolve_function(db, j.wps.v[i].func, &r)) {
			char *why = xstrdup(error_last() ? error_last() : "unknown function");

			error_set("%s: %s", j.name, why);
			free(why);
			goto out_fns;
		}
		VEC_PUSH(&fns, r);
	}
	draw_init(&t.b, db, false);
	o = json_object();
	wps = json_array();
	segs = json_array();
	summary = json_object();
	layers = json_array();
	for (size_t i = 0; i < j.wps.n; i++) {
		json_t *w = json_object();

		json_object_set_new(w, "function", json_string(fns.v[i].name));
		json_object_set_new(w, "layers", json_string(j.wps.v[i].layers));
		json_object_set_new(w, "reader", json_boolean(j.wps.v[i].reader));
		json_object_set_new(w, "file", fns.v[i].file ? json_string(fns.v[i].file) : json_null());
		json_object_set_new(w, "line", json_integer(fns.v[i].line));
		json_array_append_new(wps, w);
		if (*j.wps.v[i].layers)
			json_array_append_new(layers, json_string(j.wps.v[i].layers));
	}
	for (const char *k = "calls\0indirect\0handoffs\0"; *k; k += strlen(k) + 1)
		json_object_set_new(summary, k, json_integer(0));
	/* where the data waits: the hand-offs, gathered segment by segment */
	waits = json_array();
	for (size_t i = 1; i < j.wps.n; i++) {
		json_t *seg = j.wps.v[i].reader ?
			segment(&t, &fns.v[i], &fns.v[i - 1], &j.wps.v[i], summary, waits) :
			segment(&t, &fns.v[i - 1], &fns.v[i], &j.wps.v[i], summary, waits);

		json_array_append_new(segs, seg);
	}
	/*
	 * Drops, locks and copies of every function on the trip; copies also
	 * one indirect call deeper when the function is bound in the same file
	 * (unix_stream_read_generic's state->recv_actor is
	 * unix_stream_read_actor, which copies to the user).
	 */
	drops = json_array();
	locks = json_array();
	copies = json_array();
	for (size_t i = 0; i < t.ids.n; i++) {
		json_t *d = report_drops(db, t.ids.v[i], t.names.v[i]);
		const struct edge_list *out;

		json_array_extend(drops, d);
		json_decref(d);
		rows_of(db, "locks", t.ids.v[i], t.names.v[i], locks);
		rows_of(db, "copies", t.ids.v[i], t.names.v[i], copies);
		out = callgraph_out(&t.b.g, t.ids.v[i], t.names.v[i]);
		for (size_t k = 0; out && k < out->v.n; k++) {
			const struct edge *e = &out->v.v[k];

			bool ins;

			if (edge_is_async(e) || !strcmp(e->kind, "direct") || !e->bound_file ||
			    strcmp(e->bound_file, e->file) || ptrmap_get(&t.seen, (uintptr_t)e->to))
				continue;
			ptrmap_put(&deeper, (uintptr_t)e->to, 1, &ins);
			if (ins)
				rows_of(db, "copies", e->to, e->to_name, copies);
		}
	}
	json_object_set_new(summary, "drops", json_integer((json_int_t)json_array_size(drops)));
	json_object_set_new(summary, "locks", json_integer((json_int_t)json_array_size(locks)));
	json_object_set_new(summary, "copies", json_integer((json_int_t)json_array_size(copies)));

	json_object_set_new(o, "name", json_string(j.name));
	json_object_set_new(o, "title", json_string(j.title ? j.title : j.name));
	json_object_set_new(o, "waypoints", wps);
	json_object_set_new(o, "segments", segs);
	json_object_set_new(o, "layers", layers);
	json_object_set_new(o, "waits", waits);
	json_object_set_new(o, "drops", drops);
	json_object_set_new(o, "locks", locks);
	json_object_set_new(o, "copies", copies);
	json_object_set_new(o, "summary", summary);
	{
		size_t len;
		char *dot = draw_dot(&t.b, &len);

		json_object_set_new(o, "dot", json_stringn(dot, len));
		free(dot);
	}
	draw_release(&t.b);
	ptrmap_free(&deeper);
	ptrmap_free(&t.seen);
	VEC_FREE(&t.ids);
	for (size_t i = 0; i < t.names.n; i++)
		free(t.names.v[i]);
	VEC_FREE(&t.names);
out_fns:
	for (size_t i = 0; i < fns.n; i++)
		resolved_release(&fns.v[i]);
	VEC_FREE(&fns);
out:
	journey_file_release(&j);
	return o;
}
