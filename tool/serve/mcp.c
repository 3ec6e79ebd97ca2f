// SPDX-License-Identifier: GPL-2.0
/*
 * The Model Context Protocol over stdio: one JSON-RPC 2.0 message per line
 * in, one per line out. Every request gets one answer (a result, or a
 * JSON-RPC error for a message that is not a well-formed request), every
 * notification none, and nothing a client sends stops the server: only the
 * end of its input does.
 */
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "ndoscope.h"
#include "serve/mcp.h"

/* Newest first: an unknown version is answered with the newest. */
static const char *const versions[] = { "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05", NULL };

/* Messages longer than this are refused unparsed (but the server goes on). */
#define MAX_MESSAGE (32 << 20)
#define MAX_BATCH 100

static json_t *rpc_result(json_t *id, json_t *result)
{
	json_t *o = json_object();

	json_object_set_new(o, "jsonrpc", json_string("2.0"));
	json_object_set(o, "id", id);
	json_object_set_new(o, "result", result);
	return o;
}

json_t *rpc_error(json_t *id, int code, const char *fmt, ...)
{
	json_t *o = json_object(), *e = json_object();
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	json_object_set_new(o, "jsonrpc", json_string("2.0"));
	json_object_set(o, "id", id && (json_is_string(id) || json_is_integer(id)) ? id : json_null());
	json_object_set_new(e, "code", json_integer(code));
	json_object_set_new(e, "message", json_text(buf, strlen(buf)));
	json_object_set_new(o, "error", e);
	return o;
}

json_t *json_text(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;

	if (!s)
		return json_null();
	j = json_stringn(s, len);
	if (j)
		return j;
	/* not UTF-8 (a Latin-1 comment, a name cut short): U+FFFD for each bad byte */
	for (size_t i = 0; i < len;) {
		unsigned char c = s[i];
		size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		json_t *one = n && c && i + n <= len ? json_stringn(s + i, n) : NULL;

		if (one) {
			sb_add(&sb, s + i, n);
			json_decref(one);
			i += n;
		} else {
			sb_adds(&sb, "\xef\xbf\xbd");
			i++;
		}
	}
	j = json_stringn(sb.buf ? sb.buf : "", sb.len);
	sb_free(&sb);
	return j ? j : json_string("");
}

/* A JSON string's value, or NULL when it is not a string or holds a NUL. */
const char *json_cstr(const json_t *v)
{
	const char *s = json_string_value(v);

	return s && strlen(s) == json_string_length(v) ? s : NULL;
}

static json_t *initialize(struct mcp *m, json_t *id, json_t *params)
{
	json_t *v = json_object_get(params, "protocolVersion"), *caps;
	const char *want = json_cstr(v);

	if (!json_is_object(params) || !want)
		return rpc_error(id, RPC_INVALID_PARAMS, "initialize needs params.protocolVersion, a string");
	m->version = versions[0];
	for (int i = 0; versions[i]; i++)
		if (!strcmp(want, versions[i]))
			m->version = versions[i];
	m->structured = strcmp(m->version, "2025-06-18") >= 0;
	caps = json_pack("{s:{s:b}, s:{s:b, s:b}}", "tools", "listChanged", 0,
			 "resources", "listChanged", 0, "subscribe", 0);
	return rpc_result(id, json_pack("{s:s, s:o, s:{s:s, s:s}, s:s}",
		"protocolVersion", m->version, "capabilities", caps,
		"serverInfo", "name", "ndoscope", "version", NDOSCOPE_VERSION,
		"instructions",
		"ndoscope answers questions about an indexed Linux kernel tree: who calls a "
		"function (through function pointers too: ops tables, runtime assignments, "
		"parameters), the call paths between two functions, the functions bound to a "
		"struct field, ops tables, references, driver reports, flag values, source "
		"lines with the targets of their indirect calls, and read-only SQL over the "
		"index. Every edge says why it exists: kind (direct, field, param, type, macro "
		"(callers of a macro: the calls written with its name), or a hand-off such as "
		"queue, softirq, napi, wakeup, work, timer), via (STRUCT.FIELD, param:N, the "
		"macro or the hand-off's object), its call site and its binding site; "
		"type_only edges are guesses from the function type alone. Lists are cut at "
		"'limit': 'total' and 'truncated' say what was left out."));
}

static json_t *tools_call(struct mcp *m, json_t *id, json_t *params)
{
	const char *name = json_cstr(json_object_get(params, "name"));
	json_t *args = json_object_get(params, "arguments"), *r;

	if (!name)
		return rpc_error(id, RPC_INVALID_PARAMS, "tools/call needs params.name, a string");
	if (args && !json_is_object(args) && !json_is_null(args))
		return rpc_error(id, RPC_INVALID_PARAMS, "tools/call's params.arguments is an object");
	r = mcp_tools_call(m, name, json_is_object(args) ? args : NULL);
	if (!r)
		return rpc_error(id, RPC_INVALID_PARAMS, "%s", error_last());
	return rpc_result(id, r);
}

static json_t *resources(struct mcp *m, json_t *id, const char *method, json_t *params)
{
	json_t *r, *arg;

	if (!strcmp(method, "resources/templates/list"))
		return rpc_result(id, json_pack("{s:[]}", "resourceTemplates"));
	if (!strcmp(method, "resources/list")) {
		arg = json_object_get(params, "cursor");
		if (arg && !json_cstr(arg) && !json_is_null(arg))
			return rpc_error(id, RPC_INVALID_PARAMS, "params.cursor is a string");
		r = mcp_resources_list(m, json_cstr(arg));
		return r ? rpc_result(id, r) : rpc_error(id, RPC_INVALID_PARAMS, "%s", error_last());
	}
	arg = json_object_get(params, "uri");
	if (!json_cstr(arg))
		return rpc_error(id, RPC_INVALID_PARAMS, "resources/read needs params.uri, a string");
	r = mcp_resources_read(m, json_cstr(arg));
	if (!r) {
		json_t *e = rpc_error(id, MCP_RESOURCE_NOT_FOUND, "%s", error_last());

		json_object_set_new(json_object_get(e, "error"), "data", json_pack("{s:O}", "uri", arg));
		return e;
	}
	return rpc_result(id, r);
}

/* One message: the answer to send, or NULL for none. */
static json_t *handle(struct mcp *m, json_t *msg, bool in_batch)
{
	json_t *id, *params, *v;
	const char *method;

	if (!json_is_object(msg))
		return rpc_error(NULL, RPC_INVALID_REQUEST, "a message is a JSON object");
	id = json_object_get(msg, "id");
	if (id && !json_is_string(id) && !json_is_integer(id))
		return rpc_error(NULL, RPC_INVALID_REQUEST, "id is a string or an integer");
	v = json_object_get(msg, "jsonrpc");
	if (!json_cstr(v) || strcmp(json_cstr(v), "2.0"))
		return rpc_error(id, RPC_INVALID_REQUEST, "jsonrpc must be \"2.0\"");
	v = json_object_get(msg, "method");
	if (!v) {
		/* a response to a request of ours: we send none, so ignore it */
		if (id && (json_object_get(msg, "result") || json_object_get(msg, "error")))
			return NULL;
		return rpc_error(id, RPC_INVALID_REQUEST, "a request has a method");
	}
	if (!json_is_string(v))
		return rpc_error(id, RPC_INVALID_REQUEST, "method is a string");
	method = json_cstr(v);
	if (!method)
		return id ? rpc_error(id, RPC_METHOD_NOT_FOUND, "no method with a NUL in its name") : NULL;
	params = json_object_get(msg, "params");
	if (params && !json_is_object(params) && !json_is_array(params))
		return rpc_error(id, RPC_INVALID_REQUEST, "params is an object");
	if (!id)
		return NULL;	/* notifications/initialized, cancelled, ...: nothing to say */
	if (params && !json_is_object(params))
		return rpc_error(id, RPC_INVALID_PARAMS, "params of '%.80s' is an object, not an array", method);
	error_clear();
	if (!strcmp(method, "initialize"))
		return in_batch ? rpc_error(id, RPC_INVALID_REQUEST, "initialize cannot be part of a batch") :
				  initialize(m, id, params);
	if (!strcmp(method, "ping"))
		return rpc_result(id, json_object());
	if (!strcmp(method, "tools/list"))
		return rpc_result(id, json_pack("{s:o}", "tools", mcp_tools_list(m)));
	if (!strcmp(method, "tools/call"))
		return tools_call(m, id, params);
	if (!strncmp(method, "resources/", 10) && (!strcmp(method + 10, "list") ||
	    !strcmp(method + 10, "read") || !strcmp(method + 10, "templates/list")))
		return resources(m, id, method, params);
	return rpc_error(id, RPC_METHOD_NOT_FOUND, "no method '%.80s'", method);
}

/* A batch (JSON-RPC 2.0; MCP 2025-03-26): the answers, as one array or none. */
static json_t *handle_batch(struct mcp *m, json_t *batch)
{
	json_t *out, *msg;
	size_t i;

	if (!json_array_size(batch))
		return rpc_error(NULL, RPC_INVALID_REQUEST, "an empty batch");
	if (json_array_size(batch) > MAX_BATCH)
		return rpc_error(NULL, RPC_INVALID_REQUEST, "a batch of more than %d messages", MAX_BATCH);
	out = json_array();
	json_array_foreach(batch, i, msg) {
		json_t *r = handle(m, msg, true);

		if (r)
			json_array_append_new(out, r);
	}
	if (!json_array_size(out)) {
		json_decref(out);
		return NULL;
	}
	return out;
}

static int send(FILE *out, json_t *msg)
{
	int rc = 0;

	if (!msg)
		return 0;
	/* compact: strings escape their newlines, so one message is one line */
	if (json_dumpf(msg, out, JSON_COMPACT | JSON_PRESERVE_ORDER) || fputc('\n', out) == EOF ||
	    fflush(out))
		rc = error_set("cannot write to the client: %m");
	json_decref(msg);
	return rc;
}

int mcp_serve(struct mcp *m, FILE *in, FILE *out)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	m->version = versions[0];
	m->structured = true;
	while (!rc && (len = getline(&line, &cap, in)) >= 0) {
		json_error_t jerr;
		json_t *msg, *r;
		size_t n = (size_t)len;

		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (!n || strspn(line, " \t") == n)
			continue;
		if (n > MAX_MESSAGE) {
			rc = send(out, rpc_error(NULL, RPC_INVALID_REQUEST,
						 "a message of %zu bytes: the limit is %d", n, MAX_MESSAGE));
			continue;
		}
		/* NULs are let in, and refused where a name is read (json_cstr) */
		msg = json_loadb(line, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
		if (!msg) {
			rc = send(out, rpc_error(NULL, RPC_PARSE_ERROR, "parse error at character %d: %s",
						 jerr.position, jerr.text));
			continue;
		}
		r = json_is_array(msg) ? handle_batch(m, msg) : handle(m, msg, false);
		json_decref(msg);
		rc = send(out, r);
		/* a long line once is no reason to keep its buffer */
		if (cap > (1 << 20)) {
			free(line);
			line = NULL;
			cap = 0;
		}
	}
	free(line);
	return rc;
}
