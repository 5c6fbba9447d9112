/*
 * article.h: one article as it arrives, before analysis. Every reader
 * (plain text, JSON and JSON Lines, zip archives, HTML pages, RSS/Atom
 * feeds, http(s) URLs) produces these and hands them to a callback, so
 * that `rasd ingest` treats every source alike and a bad record never
 * costs the records around it.
 *
 * Internal to librasd and its command line; the store consumes it.
 */
#ifndef RASD_ARTICLE_H
#define RASD_ARTICLE_H

#include "rasd.h"

typedef struct rasd_article {
    char *origin;    /* where it came from, for messages and provenance:
                        "dir/a.txt", "day.zip:2015-07-21.json#17", "feed.xml#3",
                        "https://..." ; never NULL */
    char *url;       /* canonical URL, or NULL */
    char *title;     /* or NULL */
    char *text;      /* the body, UTF-8 (readers sanitize it), boilerplate removed */
    size_t len;
    char *source;    /* outlet name as given by the input, or NULL */
    char *author;    /* or NULL */
    char *published; /* YYYY-MM-DD (rasd_valid_date), or NULL */
} rasd_article;

/* Frees every field and zeroes *a. */
void rasd_article_clear(rasd_article *a);

/* Receives each article a reader finds. The callee may steal fields (set
 * them to NULL); the reader clears the rest afterwards. Return false to
 * stop reading. */
typedef bool (*rasd_article_fn)(void *ctx, rasd_article *a);

/* Receives each record a reader had to skip (malformed JSON line, zip
 * member that is not text, feed item without content): err names the
 * file and the position. Reading goes on afterwards. May be NULL. */
typedef void (*rasd_skip_fn)(void *ctx, const rasd_error *err);

#endif
