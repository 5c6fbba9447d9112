/*
 * watch.h: polling news feeds. Each round fetches every feed with the
 * validators of its last answer (a 304 costs nothing), and for each item
 * not seen before fetches its page and reads the article out of it (or,
 * when the page cannot be had, takes the feed's own content), hands the
 * article to a callback, and marks its URL seen: no article is fetched
 * twice. What the watcher remembers goes through rasd_watch_state, so the
 * store can keep it in its database; rasd_watch_file keeps it in a JSON
 * file, written atomically (a temporary file renamed over the old one).
 */
#ifndef RASD_WATCH_H
#define RASD_WATCH_H

#include "article.h"
#include "boilerplate.h"
#include "fetch.h"

#include <signal.h>

/* The watcher's memory. Every callback gets ctx first. */
typedef struct rasd_watch_state {
    void *ctx;
    /* Whether an item's key (its URL, else feed URL + '#' + a hash of its
     * text) was handed on before. */
    bool (*seen)(void *ctx, const char *key);
    /* Remembers a key as handed on. */
    rasd_status (*mark)(void *ctx, const char *key, rasd_error *err);
    /* The validators of a feed's last answer (malloc'd, or NULL each);
     * false when there are none. */
    bool (*get_validators)(void *ctx, const char *feed_url, char **etag, char **last_modified);
    rasd_status (*put_validators)(void *ctx, const char *feed_url, const char *etag, const char *last_modified,
                                  rasd_error *err);
    /* Called after each feed, to make what was marked durable; may be NULL. */
    rasd_status (*flush)(void *ctx, rasd_error *err);
} rasd_watch_state;

typedef struct rasd_watch_options {
    rasd_fetch_options fetch;   /* timeouts and limits of every request */
    const rasd_boilerplate *bp; /* plain-text filter over page bodies, or NULL */
    bool feed_only;             /* never fetch pages: the feed's content only */
} rasd_watch_options;

typedef struct rasd_watch_stats {
    size_t feeds, not_modified, failed_feeds; /* feeds polled; answered 304; failed */
    size_t items, new_items;                  /* items in the feeds; not seen before */
    size_t pages, page_failures;              /* pages fetched; failed (feed content used) */
    size_t skipped;                           /* new items with nothing to read */
} rasd_watch_stats;

/* One round over feeds[0, n). A feed that fails is reported to on_skip and
 * the round goes on; only a failing state (or memory) stops it with an
 * error. Stops early, with RASD_OK, when on_article returns false. */
rasd_status rasd_watch_poll(const char *const *feeds, size_t n, const rasd_watch_options *opt,
                            const rasd_watch_state *state, rasd_article_fn on_article, rasd_skip_fn on_skip,
                            void *ctx, rasd_watch_stats *stats, rasd_error *err);

/* Reads a feed list: one URL a line; blank lines and lines starting with
 * '#' are skipped; anything else but an http(s) URL is an error naming
 * file:line. *feeds is a malloc'd array of malloc'd strings. */
rasd_status rasd_watch_read_list(const char *path, char ***feeds, size_t *n, rasd_error *err);
void rasd_watch_free_list(char **feeds, size_t n);

/* The file-backed state. A missing file is an empty state; a broken one
 * is an error naming it (never silently replaced: it holds what was seen). */
typedef struct rasd_watch_file rasd_watch_file;

rasd_watch_file *rasd_watch_file_open(const char *path, rasd_error *err);
/* The callbacks over f (valid while f is open). */
rasd_watch_state rasd_watch_file_state(rasd_watch_file *f);
/* Writes the state now (also done by the state's flush). */
rasd_status rasd_watch_file_save(rasd_watch_file *f, rasd_error *err);
void rasd_watch_file_close(rasd_watch_file *f);

#endif
