/*
 * ndoscope mcp: the index as Model Context Protocol tools and resources,
 * over stdio (one JSON-RPC 2.0 message per line). mcp.c speaks the
 * protocol; mcp_tools.c, mcp_sql.c and mcp_tree.c answer.
 */
#ifndef NDOSCOPE_MCP_H
#define NDOSCOPE_MCP_H

#include <stdio.h>
#include <jansson.h>

#include "base/db.h"

struct mcp {
	struct db *db;			/* opened read-only */
	char *tree;			/* the tree's root, resolved, or NULL */
	const char *version;		/* the protocol version agreed */
	bool structured;		/* outputSchema and structuredContent (2025-06-18 on) */
};

/* Serve requests read from IN until it ends; 0, or -1 when OUT fails. */
int mcp_serve(struct mcp *m, FILE *in, FILE *out);

/* JSON-RPC error codes */
#define RPC_PARSE_ERROR		-32700
#define RPC_INVALID_REQUEST	-32600
#define RPC_METHOD_NOT_FOUND	-32601
#define RPC_INVALID_PARAMS	-32602
#define RPC_INTERNAL_ERROR	-32603
#define MCP_RESOURCE_NOT_FOUND	-32002

/* A JSON-RPC error answer to ID (null when ID is not a valid one). */
json_t *rpc_error(json_t *id, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A JSON string's value, or NULL when it is not a string or holds a NUL. */
const char *json_cstr(const json_t *v);
/* A JSON string of LEN bytes of S, any byte that is not UTF-8 made U+FFFD. */
json_t *json_text(const char *s, size_t len);

/* mcp_tools.c: the tools/list array, for the version agreed. */
json_t *mcp_tools_list(const struct mcp *m);
/*
 * tools/call: a CallToolResult, with isError and the CLI's message when the
 * tool fails; NULL with the error set when there is no tool NAME.
 */
json_t *mcp_tools_call(struct mcp *m, const char *name, json_t *args);

/* mcp_sql.c: no extensions, no ATTACH, no triggers, query_only, bounded lengths. */
void mcp_sql_harden(sqlite3 *h);
/* mcp_sql.c: one read-only statement's first LIMIT rows, bounded in time. */
json_t *mcp_sql(struct db *db, const char *query, int limit);

/* mcp_tree.c: the indexed source files of the tree, as resources. */
json_t *mcp_resources_list(struct mcp *m, const char *cursor);
/* {contents: [{uri, mimeType, text}]}, or NULL with the error set. */
json_t *mcp_resources_read(struct mcp *m, const char *uri);
/*
 * The text of FILE (tree-relative, or absolute inside the tree), which must
 * be an indexed file; *REL gets its tree-relative path. NULL with the error
 * set when it is not one or cannot be read.
 */
char *mcp_tree_file(struct mcp *m, const char *file, char **rel, size_t *len);
/* The real path of FILE (as above, indexed or not) when it stays inside the tree; NULL with the error set. */
char *mcp_tree_path(struct mcp *m, const char *file);

#endif
