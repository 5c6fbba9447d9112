/*
 * html_internal.h: what html.c (the article body: content score, text) and
 * html_meta.c (title, author, dates, URL from meta tags and JSON-LD) share:
 * gumbo helpers, the text walker, and the metadata's record.
 */
#ifndef RASD_HTML_INTERNAL_H
#define RASD_HTML_INTERNAL_H

#include "core/internal.h"

#include <gumbo.h>

const char *html_attr(const GumboNode *n, const char *name);
bool html_contains_ci(const char *hay, const char *needle);

/* Appends the text of node's subtree to b: whitespace runs collapsed to
 * one space, block elements as line breaks. skip_furniture leaves out the
 * furniture (and, for the body, blocks that are lists of links). */
typedef struct text_ctx {
    rasd_buf *b;
    bool skip_furniture;
    bool prune_links;
    bool pending_space;
} text_ctx;
void html_text_append(text_ctx *c, const char *s);
void html_text_walk(text_ctx *c, const GumboNode *n, int depth);

/* What a page says about itself, the first source that has each field
 * winning. */
typedef struct html_meta {
    char *og_title, *title, *h1, *author, *published, *url, *site, *modified;
} html_meta;
void html_meta_walk(html_meta *m, const GumboNode *n, int depth);
void html_meta_free(html_meta *m);
/* The headline: og:title or <title> less the site's name, else <h1>
 * (malloc'd, or NULL). */
char *html_pick_title(html_meta *m);
/* Strips "By", "بقلم" and the like from an author string, in place. */
void html_clean_author(char *a);

#endif
