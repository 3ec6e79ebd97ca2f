// SPDX-License-Identifier: GPL-2.0
/*
 * The indexed tree's source files: as MCP resources (file:// URIs), and
 * for the source tool. Only files of the index are given, and only from
 * inside the tree: a path that leaves it, by '..' or by a symlink, is
 * refused.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "serve/mcp.h"

#define SQL "tool/sql/mcp.sql"
#define PAGE 500
#define MAX_FILE (16 << 20)

static bool unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("-._~/", c);
}

static char *file_uri(const char *tree, const char *rel)
{
	struct strbuf sb = STRBUF_INIT;
	char *abs = xasprintf("%s/%s", tree, rel);

	sb_adds(&sb, "file://");
	for (const unsigned char *p = (const unsigned char *)abs; *p; p++)
		if (unreserved(*p))
			sb_add(&sb, (const char *)p, 1);
		else
			sb_addf(&sb, "%%%02X", *p);
	free(abs);
	return sb_detach(&sb);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The path of a file:// URI, or NULL. */
static char *uri_path(const char *uri)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	if (strncmp(uri, "file://", 7))
		return NULL;
	for (p = uri + 7; *p; p++) {
		if (*p == '%') {
			int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);
			char c;

			if (lo < 0 || (hi == 0 && lo == 0))
				goto bad;
			c = (char)(hi * 16 + lo);
			sb_add(&sb, &c, 1);
			p += 2;
		} else if (*p == '?' || *p == '#') {
			goto bad;
		} else {
			sb_add(&sb, p, 1);
		}
	}
	if (!sb.len || sb.buf[0] != '/')
		goto bad;
	return sb_detach(&sb);
bad:
	sb_free(&sb);
	return NULL;
}

/* FILE, tree-relative or absolute inside the tree, as a path inside the tree; NULL when it is not one. */
static const char *tree_relative(struct mcp *m, const char *file)
{
	size_t tl = m->tree ? strlen(m->tree) : 0;

	if (!m->tree) {
		error_set("the tree of this index is unknown: start 'ndoscope mcp -C TREE'");
		return NULL;
	}
	if (file[0] == '/') {
		if (strncmp(file, m->tree, tl) || file[tl] != '/') {
			error_set("'%.200s' is outside the indexed tree %s", file, m->tree);
			return NULL;
		}
		file += tl + 1;
	}
	return file;
}

char *mcp_tree_path(struct mcp *m, const char *file)
{
	const char *rel = tree_relative(m, file);
	size_t tl = m->tree ? strlen(m->tree) : 0;
	char *abs, *real;

	if (!rel)
		return NULL;
	abs = xasprintf("%s/%s", m->tree, rel);
	real = realpath(abs, NULL);
	free(abs);
	/* one message for both: what lies outside the tree is not told */
	if (!real || strncmp(real, m->tree, tl) || real[tl] != '/') {
		error_set("'%.200s' is not a file of the indexed tree", rel);
		free(real);
		return NULL;
	}
	return real;
}

char *mcp_tree_file(struct mcp *m, const char *file, char **rel_out, size_t *len)
{
	char *rel, *real = NULL, *buf = NULL;
	sqlite3_stmt *st;
	bool known;

	*rel_out = NULL;
	file = tree_relative(m, file);
	if (!file)
		return NULL;
	st = db_stmt(m->db, SQL, "file_known");
	bind_text(st, 1, file);
	known = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!known) {
		error_set("'%.200s' is not a file of the index (name it relative to the tree, "
			  "as drivers/net/loopback.c)", file);
		return NULL;
	}
	rel = xstrdup(file);
	real = mcp_tree_path(m, rel);
	if (!real)
		goto fail;
	buf = read_file(real, MAX_FILE, len, NULL);
	if (!buf) {
		if (errno == EFBIG)
			error_set("'%s' is over 16 MiB", rel);
		else if (errno == EINVAL)
			error_set("'%s' is not a file", rel);
		else
			error_set("cannot read '%s': %m", rel);
		goto fail;
	}
	*rel_out = rel;
	free(real);
	return buf;
fail:
	free(rel);
	free(real);
	return NULL;
}

json_t *mcp_resources_list(struct mcp *m, const char *cursor)
{
	json_t *list = json_array(), *o;
	long long offset = 0;
	sqlite3_stmt *st;
	char *end;
	int n = 0;

	if (cursor) {
		offset = strtoll(cursor, &end, 10);
		if (*end || end == cursor || offset < 0) {
			json_decref(list);
			error_set("'%.80s' is not a cursor of resources/list", cursor);
			return NULL;
		}
	}
	if (!m->tree)
		return json_pack("{s:o}", "resources", list);
	st = db_stmt(m->db, SQL, "tree_files");
	bind_int(st, 1, offset);
	bind_int(st, 2, PAGE + 1);
	while (sqlite3_step(st) == SQLITE_ROW && n++ < PAGE) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		const char *ext = strrchr(path, '.');
		char *uri = file_uri(m->tree, path);

		json_array_append_new(list, json_pack("{s:o, s:o, s:s}",
			"uri", json_text(uri, strlen(uri)), "name", json_text(path, strlen(path)),
			"mimeType", ext && !strcmp(ext, ".h") ? "text/x-chdr" : "text/x-csrc"));
		free(uri);
	}
	sqlite3_reset(st);
	o = json_pack("{s:o}", "resources", list);
	if (n > PAGE) {
		char next[32];

		snprintf(next, sizeof(next), "%lld", offset + PAGE);
		json_object_set_new(o, "nextCursor", json_string(next));
	}
	return o;
}

json_t *mcp_resources_read(struct mcp *m, const char *uri)
{
	char *path = uri_path(uri), *rel, *text;
	const char *ext;
	json_t *o;
	size_t len;

	if (!path) {
		error_set("'%.200s' is not a file:// URI of the index", uri);
		return NULL;
	}
	text = mcp_tree_file(m, path, &rel, &len);
	free(path);
	if (!text)
		return NULL;
	ext = strrchr(rel, '.');
	o = json_pack("{s:[{s:s, s:s, s:o}]}", "contents", "uri", uri,
		      "mimeType", ext && !strcmp(ext, ".h") ? "text/x-chdr" : "text/x-csrc",
		      "text", json_text(text, len));
	free(rel);
	free(text);
	return o;
}
