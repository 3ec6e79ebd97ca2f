/*
 * The source browser's pages (serve renders them on demand, html writes
 * them to files): one router from a URL to a page, shared by both, so that
 * the URLs are the same in both, with ".html" added in the export.
 *
 *   /                      front page: directories, devices, ops tables
 *   /source/DIR/           a directory
 *   /source/PATH#L123      a file, annotated
 *   /fn/NAME, /fn/FILE:NAME  a function and its call graph
 *   /device/NAME           a device's report
 *   /struct/NAME           a struct's fields and ops tables
 *   /search?q=PREFIX       completion, as JSON (serve only; the export
 *                          writes search-index.js)
 *   /card/KEY              a hover card (serve; the export embeds them)
 *   /static/FILE           web/FILE, embedded in the binary
 */
#ifndef NDOSCOPE_HTML_SITE_H
#define NDOSCOPE_HTML_SITE_H

#include <jansson.h>
#include "base/db.h"
#include "base/util.h"

struct html_site {
	struct db *db;
	char *tree;		/* real path of the indexed tree */
	bool export;		/* static files: ".html" links, cards embedded */
	struct strmap only;	/* export: the source paths written (links to others are plain) */
	bool have_only;
	json_t *devices;	/* [{name, setup, file}] cached */
	/* serve's search: every field by its member's name, sorted; rebuilt
	 * when the index changes (PRAGMA data_version) */
	struct field_member *members;
	size_t n_members;
	sqlite3_int64 members_version;
};

/* The tree from the index's meta (or TREE when given); devices looked up once. */
int html_site_init(struct html_site *s, struct db *db, const char *tree, bool export);
void html_site_release(struct html_site *s);

/*
 * Render the page at URL (decoded path, no query) with QUERY the ?q=
 * argument or NULL. Returns the HTTP status (200, 404); *TYPE gets the
 * content type.
 */
int html_route(struct html_site *s, const char *url, const char *query,
	       struct strbuf *out, const char **type);

/* --- helpers shared by the page builders (html_site.c) --- */

/* Escape for HTML text and attribute values. */
void h_esc(struct strbuf *sb, const char *s, size_t n);
void h_escs(struct strbuf *sb, const char *s);
/* Percent-encode a path for a URL (keeps / and unreserved characters). */
void h_url(struct strbuf *sb, const char *s);

struct page {
	struct html_site *site;
	const char *root;	/* "../.." back to the site root, with a trailing / (or "") */
	struct strbuf body;
	struct strbuf cards;	/* export: <template> cards used by the page */
	struct strmap card_keys;	/* export: KEY -> index in card_names */
	struct strvec card_names;	/* export: what data-c says for each */
};

/* Links to pages; TEXT escaped. */
bool h_source_exported(struct html_site *s, const char *path);
void h_link_source(struct page *p, const char *path, int line, const char *text);
void h_href_source(struct page *p, const char *path, int line);
void h_link_fn(struct page *p, const char *name, const char *file, const char *text);
void h_href_fn(struct page *p, const char *name, const char *file);
void h_link_dir(struct page *p, const char *dir, const char *text);
void h_link_device(struct page *p, const char *name);
void h_link_struct(struct page *p, const char *name);
/* The URL of a function: "fn/NAME" or "fn/FILE:NAME" when NAME is defined twice. */
char *h_fn_path(struct html_site *s, const char *name, const char *file);

/* Whole pages (html_site.c); title and body escaped by the caller. */
void page_init(struct page *p, struct html_site *s, const char *url);
void page_finish(struct page *p, struct strbuf *out, const char *title, const char *bodyclass);
void page_release(struct page *p);

/* Page builders. Each returns 200, or 404 with nothing written. */
int html_source_page(struct page *p, const char *path, struct strbuf *title);
int html_dir_page(struct page *p, const char *dir);
int html_front_page(struct page *p);
int html_fn_page(struct page *p, const char *arg, struct strbuf *title);
int html_device_page(struct page *p, const char *name);
int html_struct_page(struct page *p, const char *name);
/* A card's inner HTML, for KEY ("s123": a symbol by id, "m:NAME": a macro). */
int html_card(struct page *p, const char *key, struct strbuf *out);
/*
 * What the page writes in data-c for the card KEY, the card embedded in
 * the page in an export (once). serve's pages fetch /card/KEY: KEY. An
 * export names a symbol's card by the order the page first uses it ("s1",
 * "s2", ...), not by its row id, which follows the order the index stored
 * its TUs: two indexes of one tree export the same bytes.
 */
const char *html_card_key(struct page *p, const char *key);
/* Search: up to LIMIT entries [{n: name, k: kind, u: url, w: where}]. */
json_t *html_search(struct html_site *s, const char *prefix, int limit);
/* Every entry, for the export's search-index.js. */
json_t *html_search_all(struct html_site *s);

/* Is PATH (relative) a safe name of a file inside the tree? */
bool html_safe_path(const char *path);
/* Read a file of the tree: PATH must be safe and resolve inside the tree. */
char *html_read_tree(struct html_site *s, const char *path, size_t *len);

#endif
