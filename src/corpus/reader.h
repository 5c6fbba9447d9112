/*
 * reader.h: turning files into articles (article.h), whatever their
 * format. One dispatch (reader.c) picks the reader by the name's extension,
 * or by the first bytes when the extension says nothing; each format has
 * its own function and file:
 *   plain text (.txt; a sibling manifest.tsv gives outlet and date)  reader_txt.c
 *   JSON: an array of objects or one object (.json)                   reader_json.c
 *   JSON Lines (.jsonl, .ndjson)                                      reader_json.c
 *   zip archives of any of these (.zip)                               reader_zip.c
 *   HTML pages (.html, .htm), RSS/Atom feeds (.xml, .rss, .atom)      html.c, feed.c
 *   http(s) URLs (fetched, then read by their content type)           fetch.c
 *   directories, recursively, in name order                           reader.c
 *
 * Only regular files are opened: a FIFO, socket or device (given by name
 * or met in a directory) is refused from its stat() before any open(), so
 * that nothing can block reading it. A directory walk reads each directory
 * once: a symlink back to a directory on the current path (a loop), or to
 * one already read, is not followed, nor (unless follow_symlinks) a
 * symlink whose target lies outside the directory given.
 *
 * A reader never stops at a bad record: it reports it to on_skip (the
 * message names the file, the member, the line or the byte) and goes on.
 * The whole call fails only when the input itself cannot be opened.
 */
#ifndef RASD_READER_H
#define RASD_READER_H

#include "corpus/article.h"

/* Which JSON members hold which field. NULL: the defaults, tried in order:
 * title|headline, content|text|body|article, source|outlet|site,
 * url|link, published|date|pubDate|date_published|date_extracted,
 * author|byline (the SaudiNewsNet layout works with none set). */
typedef struct rasd_field_map {
    const char *title, *content, *source, *url, *date, *author;
} rasd_field_map;

typedef struct rasd_reader_options {
    const char *source;  /* outlet for articles that name none, or NULL */
    rasd_field_map map;
    size_t max_bytes;    /* per file or archive member; 0: RASD_DEFAULT_MAX_BYTES * 16 */
    const struct rasd_boilerplate *boilerplate; /* filters HTML bodies (boilerplate.h); NULL: not */
    bool follow_symlinks; /* follow symlinks out of a directory's tree (loops are never followed) */
} rasd_reader_options;

typedef struct rasd_reader_sink {
    rasd_article_fn on_article;
    rasd_skip_fn on_skip;
    /* after each file (not archive member) is read, with its size; may be NULL */
    void (*on_file)(void *ctx, const char *path, uint64_t bytes);
    void *ctx;
    bool stop;           /* set when on_article asked to stop */
    void *manifest;      /* the readers' cache (reader_txt.c); free with rasd_reader_sink_done */
} rasd_reader_sink;

/* Frees what the readers cached in the sink. */
void rasd_reader_sink_done(rasd_reader_sink *sink);

/* Parses "title=headline,content=body,..." into map (the strings point
 * into spec, which must outlive map). */
rasd_status rasd_field_map_parse(const char *spec, rasd_field_map *map, rasd_error *err);

/* RASD_OK when path is a regular file, or cannot be looked at (the opener
 * then says why); else an error naming what it is (a FIFO, a socket, a
 * device, a directory), decided by stat() alone, without opening it. */
rasd_status rasd_reader_check_file(const char *path, rasd_error *err);
/* Opens path for reading when it is a regular file: checked before the
 * open, opened without blocking, checked again on the descriptor (the name
 * may have changed in between). Returns the descriptor and its size, or -1
 * with err. */
int rasd_reader_open(const char *path, uint64_t *size, rasd_error *err);

/* Reads every article in path: a file of any format above, or a directory. */
rasd_status rasd_read_path(const char *path, const rasd_reader_options *opt, rasd_reader_sink *sink, rasd_error *err);

/* Reads one buffer already in memory; name (a path or "archive.zip:member")
 * picks the format and names the articles' origin. */
rasd_status rasd_read_buffer(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                             rasd_reader_sink *sink, rasd_error *err);

/* The formats (called through the dispatch). */
rasd_status rasd_read_json(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                           rasd_reader_sink *sink, rasd_error *err);
rasd_status rasd_read_jsonl(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                            rasd_reader_sink *sink, rasd_error *err);
rasd_status rasd_read_txt(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                          rasd_reader_sink *sink, rasd_error *err);
rasd_status rasd_read_zip(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                          rasd_reader_sink *sink, rasd_error *err);
rasd_status rasd_read_html(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                           rasd_reader_sink *sink, rasd_error *err);
rasd_status rasd_read_feed(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                           rasd_reader_sink *sink, rasd_error *err);

/* Hands a to the sink and clears it; false when the sink asked to stop. */
bool rasd_reader_emit(rasd_reader_sink *sink, rasd_article *a);
/* Reports a skipped record to the sink. */
void rasd_reader_skip(rasd_reader_sink *sink, const rasd_error *err);
/* s[0..n) as a YYYY-MM-DD date (malloc'd) when it starts with one
 * (2015-07-21, "2015-07-21 02:51:32", 2015-07-21T...); else NULL. */
char *rasd_reader_date(const char *s, size_t n);

#endif
