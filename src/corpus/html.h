/*
 * html.h: reading news pages. gumbo parses the HTML (the WHATWG algorithm,
 * so any bytes give a tree); this file finds the article in it. The body
 * comes from a content score in the manner of Readability and boilerpipe:
 * text and comma density per block, link density, and the page's own
 * marks (itemprop=articleBody, <article>, <main>), after the page's
 * furniture is set aside (nav, header, footer, aside, forms, scripts,
 * comment sections, share bars, related lists, donation appeals). The
 * metadata comes from <meta> (Open Graph, article:*), JSON-LD and the
 * markup. docs/ingest-formats.md says what is kept and dropped, and why.
 */
#ifndef RASD_HTML_H
#define RASD_HTML_H

#include "article.h"
#include "boilerplate.h"

/* Pages larger than this are refused (RASD_ERR_TOO_LARGE). */
#define RASD_HTML_MAX_BYTES ((size_t)8 << 20)
/* Elements nested deeper than this are read as if flat: no page needs
 * it, and it bounds the recursion of the walk over the tree. */
#define RASD_HTML_MAX_DEPTH 512

typedef struct rasd_html_options {
    const char *charset;        /* from an HTTP Content-Type, or NULL: sniffed */
    const char *url;            /* where the page came from (fallback URL), or NULL */
    const rasd_boilerplate *bp; /* runs the plain-text filter on the body too; NULL: not */
    size_t max_bytes;           /* 0: RASD_HTML_MAX_BYTES */
} rasd_html_options;

/* Extracts the article of one page into *a (origin = name). A page without
 * article text is RASD_ERR_EMPTY; the metadata found is still in *a then,
 * and cleared by the caller. */
rasd_status rasd_html_read(const char *name, const char *html, size_t len, const rasd_html_options *opt,
                           rasd_article *a, rasd_error *err);

/* All the text of an HTML fragment (a feed item's content:encoded), no
 * scoring: block elements become line breaks, scripts and styles go. The
 * result is valid UTF-8, NUL-terminated, malloc'd. */
rasd_status rasd_html_text(const char *html, size_t len, char **text, size_t *text_len, rasd_error *err);

/* Converts a page to UTF-8: the charset given, else a byte-order mark, else
 * <meta charset> or http-equiv in the first 4 KB, else UTF-8. Invalid
 * sequences become U+FFFD. *out is malloc'd, NUL-terminated. Uses iconv. */
rasd_status rasd_html_to_utf8(const char *name, const char *data, size_t len, const char *charset, char **out,
                              size_t *out_len, rasd_error *err);

/* Converts data in the named charset to UTF-8 (iconv; U+FFFD for bytes it
 * cannot convert). An unknown charset is an RASD_ERR_FORMAT error. */
rasd_status rasd_charset_to_utf8(const char *name, const char *charset, const char *data, size_t len, char **out,
                                 size_t *out_len, rasd_error *err);

/* A date as web pages and feeds write it (ISO 8601 "2020-06-05T10:00:00Z",
 * RFC 822 "Fri, 05 Jun 2020 10:00:00 GMT", "2020/06/05") to YYYY-MM-DD in
 * out, as written (no time-zone shift: the outlet's local day). False when
 * it is not a real date. */
bool rasd_web_date(const char *s, char out[11]);

#endif
