/*
 * feed.h: reading news feeds (RSS 2.0, RSS 1.0/RDF, Atom) with libxml2.
 * The parser never touches the network (XML_PARSE_NONET), never loads a
 * DTD, and a document that declares entities is refused outright, so no
 * feed can make it read a local file or expand an entity bomb. Each item
 * becomes an article: its link, title, content (content:encoded, Atom
 * content, else description or summary; HTML inside is reduced to text by
 * rasd_html_text, without the body scoring pages get), author (author,
 * dc:creator, Atom author/name) and date (pubDate in RFC 822, dc:date,
 * Atom published or updated in ISO 8601) as YYYY-MM-DD. Origins are
 * "name#N", N the item's position from 1.
 */
#ifndef RASD_FEED_H
#define RASD_FEED_H

#include "article.h"

#define RASD_FEED_MAX_BYTES ((size_t)16 << 20)
#define RASD_FEED_MAX_ITEMS 10000

typedef struct rasd_feed_options {
    const char *charset; /* from an HTTP Content-Type, or NULL: the XML declaration's */
    size_t max_bytes;    /* 0: RASD_FEED_MAX_BYTES */
    size_t max_items;    /* 0: RASD_FEED_MAX_ITEMS; items after it are skipped */
    bool keep_empty;     /* hand on items with a link but no text (text NULL): the
                            watcher fetches their page */
} rasd_feed_options;

/* Reads every item of a feed held in memory, calling on_article for each
 * (and on_skip for an item that has neither text nor link). A document
 * that is not XML, or not a feed, is an error naming name, line and
 * column; when libxml2's recovery still finds items in a broken one, they
 * are handed on and the error goes to on_skip. *n_items, when not NULL,
 * gets the number of items handed on. */
rasd_status rasd_feed_read(const char *name, const char *data, size_t len, const rasd_feed_options *opt,
                           rasd_article_fn on_article, rasd_skip_fn on_skip, void *ctx, size_t *n_items,
                           rasd_error *err);


/* Whether data looks like a feed (<rss, <feed, <rdf:RDF among the first
 * elements) or like HTML (<!doctype html, <html, <head, <body): content
 * sniffing for files with no telling extension. */
bool rasd_looks_like_feed(const char *data, size_t len);
bool rasd_looks_like_html(const char *data, size_t len);

#endif
