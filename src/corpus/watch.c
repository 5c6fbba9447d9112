/*
 * watch.c: see watch.h. The loop is ours (no library polls feeds the way
 * the store needs); fetching, feed and page reading are fetch.c, feed.c
 * and html.c. The state file is JSON read with jansson and written with
 * yajl, like the rest of rasd's JSON.
 */
#include "watch.h"

#include "core/internal.h"
#include "feed.h"
#include "html.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>

/* ------------------------------------------------------------ one round */

typedef struct round {
    const char *feed_url;
    const rasd_watch_options *opt;
    const rasd_watch_state *state;
    rasd_article_fn on_article;
    rasd_skip_fn on_skip;
    void *ctx;
    rasd_watch_stats *stats;
    rasd_status failure; /* of the state: stops the round */
    rasd_error *err;
    bool stopped;
} round;

/* Fills what the page did not say from what the feed did. */
static void take_missing(char **dst, char **src) {
    if (!*dst && *src) {
        *dst = *src;
        *src = NULL;
    }
}

/* The key an item is remembered by. */
static char *item_key(const char *feed_url, const rasd_article *a) {
    if (a->url) return strdup(a->url);
    char key[2100];
    uint64_t h = rasd_hash_bytes(a->text ? a->text : "", a->len);
    snprintf(key, sizeof key, "%.2000s#%016llx", feed_url, (unsigned long long)h);
    return strdup(key);
}

static bool on_item(void *ctx, rasd_article *item) {
    round *r = ctx;
    r->stats->items++;
    char *key = item_key(r->feed_url, item);
    if (!key) {
        r->failure = rasd_fail(r->err, RASD_ERR_NOMEM, "out of memory");
        return false;
    }
    if (r->state->seen(r->state->ctx, key)) {
        free(key);
        return true;
    }
    r->stats->new_items++;
    rasd_article page = {0};
    bool have_page = false;
    if (item->url && !r->opt->feed_only) {
        rasd_fetch_result res;
        rasd_error e = {0};
        rasd_fetch_options fo = r->opt->fetch;
        fo.etag = fo.last_modified = NULL;
        rasd_status st = rasd_fetch(item->url, &fo, &res, &e);
        if (st == RASD_OK) {
            r->stats->pages++;
            rasd_html_options ho = {.charset = res.charset, .url = res.final_url, .bp = r->opt->bp};
            st = rasd_html_read(item->url, res.body, res.len, &ho, &page, &e);
            have_page = st == RASD_OK;
            if (!have_page) rasd_article_clear(&page);
            rasd_fetch_result_free(&res);
        }
        if (!have_page) {
            r->stats->page_failures++;
            if (r->on_skip) {
                rasd_error w = e;
                snprintf(w.message, sizeof w.message, "%.440s%s", e.message,
                         item->text ? " (the feed's own content is used)" : " (will be tried again)");
                r->on_skip(r->ctx, &w);
            }
        }
    }
    rasd_article *a = item;
    if (have_page) {
        /* the page's article, with the feed's title, date and author where
         * the page had none, and the feed item's origin */
        take_missing(&page.title, &item->title);
        take_missing(&page.published, &item->published);
        take_missing(&page.author, &item->author);
        take_missing(&page.source, &item->source);
        free(page.origin);
        page.origin = item->origin;
        item->origin = NULL;
        if (item->url) { /* the link the feed gave is the key; the page's canonical URL is kept */
            take_missing(&page.url, &item->url);
        }
        a = &page;
    }
    if (!a->text) {
        r->stats->skipped++;
        rasd_article_clear(&page);
        free(key);
        return true; /* not marked: tried again next round */
    }
    bool go_on = r->on_article(r->ctx, a);
    rasd_article_clear(&page);
    rasd_status st = r->state->mark(r->state->ctx, key, r->err);
    free(key);
    if (st != RASD_OK) {
        r->failure = st;
        return false;
    }
    if (!go_on) r->stopped = true;
    return go_on;
}

static void on_item_skip(void *ctx, const rasd_error *e) {
    round *r = ctx;
    if (r->on_skip) r->on_skip(r->ctx, e);
}

rasd_status rasd_watch_poll(const char *const *feeds, size_t n, const rasd_watch_options *opt,
                            const rasd_watch_state *state, rasd_article_fn on_article, rasd_skip_fn on_skip,
                            void *ctx, rasd_watch_stats *stats, rasd_error *err) {
    rasd_watch_stats local;
    if (!stats) stats = &local;
    memset(stats, 0, sizeof *stats);
    rasd_watch_options none = {0};
    if (!opt) opt = &none;
    if (!state || !state->seen || !state->mark || !state->get_validators || !state->put_validators)
        return rasd_fail(err, RASD_ERR_USAGE, "watch: incomplete state callbacks");
    for (size_t i = 0; i < n; i++) {
        round r = {feeds[i], opt, state, on_article, on_skip, ctx, stats, RASD_OK, err, false};
        stats->feeds++;
        char *etag = NULL, *lm = NULL;
        state->get_validators(state->ctx, feeds[i], &etag, &lm);
        rasd_fetch_options fo = opt->fetch;
        fo.etag = etag;
        fo.last_modified = lm;
        rasd_fetch_result res;
        rasd_error e = {0};
        rasd_status st = rasd_fetch(feeds[i], &fo, &res, &e);
        free(etag);
        free(lm);
        if (st == RASD_ERR_NOMEM) return rasd_fail(err, st, "%s", e.message);
        if (st != RASD_OK) {
            stats->failed_feeds++;
            if (on_skip) on_skip(ctx, &e);
            continue;
        }
        if (res.not_modified) {
            stats->not_modified++;
            rasd_fetch_result_free(&res);
            continue;
        }
        rasd_feed_options fopt = {.charset = res.charset, .base_url = res.final_url, .keep_empty = true, .bp = opt->bp};
        st = rasd_feed_read(feeds[i], res.body, res.len, &fopt, on_item, on_item_skip, &r, NULL, &e);
        if (r.failure != RASD_OK) {
            rasd_fetch_result_free(&res);
            return r.failure;
        }
        if (st == RASD_ERR_NOMEM) {
            rasd_fetch_result_free(&res);
            return rasd_fail(err, st, "%s", e.message);
        }
        rasd_status put = RASD_OK;
        if (st != RASD_OK) {
            stats->failed_feeds++;
            if (on_skip) on_skip(ctx, &e);
        } else if (!r.stopped) {
            /* the validators are kept only once every item was handled, so
             * an interrupted round polls the feed in full next time */
            put = state->put_validators(state->ctx, feeds[i], res.etag, res.last_modified, err);
        }
        rasd_fetch_result_free(&res);
        if (put != RASD_OK) return put;
        if (state->flush && (st = state->flush(state->ctx, err)) != RASD_OK) return st;
        if (r.stopped) break;
    }
    return RASD_OK;
}

/* ------------------------------------------------------------ feed list */

rasd_status rasd_watch_read_list(const char *path, char ***feeds, size_t *n, rasd_error *err) {
    *feeds = NULL;
    *n = 0;
    FILE *f = fopen(path, "r");
    if (!f) return rasd_fail(err, RASD_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0, lcap = 0, line_no = 0;
    ssize_t got;
    rasd_status st = RASD_OK;
    while (st == RASD_OK && (got = getline(&line, &lcap, f)) >= 0) {
        line_no++;
        char *s = line;
        while (*s == ' ' || *s == '\t') s++;
        size_t len = strlen(s);
        while (len && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' ' || s[len - 1] == '\t'))
            s[--len] = '\0';
        if (len == 0 || s[0] == '#') continue;
        if ((strncasecmp(s, "http://", 7) && strncasecmp(s, "https://", 8)) || strpbrk(s, " \t"))
            st = rasd_fail(err, RASD_ERR_FORMAT, "%s:%zu: not an http(s) URL: \"%.200s\"", path, line_no, s);
        else if (!rasd_grow((void **)feeds, &cap, *n, sizeof **feeds) || !((*feeds)[*n] = strdup(s)))
            st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        else
            (*n)++;
    }
    free(line);
    fclose(f);
    if (st == RASD_OK && *n == 0) st = rasd_fail(err, RASD_ERR_EMPTY, "%s: no feed URLs", path);
    if (st != RASD_OK) {
        rasd_watch_free_list(*feeds, *n);
        *feeds = NULL;
        *n = 0;
    }
    return st;
}

void rasd_watch_free_list(char **feeds, size_t n) {
    for (size_t i = 0; i < n; i++) free(feeds[i]);
    free(feeds);
}

/* ------------------------------------------------------------ state file */

struct rasd_watch_file {
    char *path;
    json_t *feeds; /* feed URL -> {"etag": ..., "last_modified": ...} */
    json_t *seen;  /* key -> true (an object: a set with O(1) look-up) */
    bool dirty;
};

static bool wf_seen(void *ctx, const char *key) {
    rasd_watch_file *f = ctx;
    return json_object_get(f->seen, key) != NULL;
}

/* Drops the oldest keys past the limit (jansson keeps an object's keys in
 * insertion order). */
static void forget_oldest(rasd_watch_file *f) {
    size_t n = json_object_size(f->seen);
    if (n <= RASD_WATCH_FILE_MAX_SEEN) return;
    size_t drop = n - RASD_WATCH_FILE_MAX_SEEN;
    json_t *kept = json_object();
    if (!kept) return;
    const char *key;
    json_t *v;
    size_t i = 0;
    json_object_foreach(f->seen, key, v) {
        if (i++ >= drop) json_object_set(kept, key, v);
    }
    json_decref(f->seen);
    f->seen = kept;
}

static rasd_status wf_mark(void *ctx, const char *key, rasd_error *err) {
    rasd_watch_file *f = ctx;
    if (json_object_set_new(f->seen, key, json_true()) != 0)
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory (or a key that is not UTF-8)", f->path);
    f->dirty = true;
    return RASD_OK;
}

static bool wf_get(void *ctx, const char *feed, char **etag, char **lm) {
    rasd_watch_file *f = ctx;
    json_t *v = json_object_get(f->feeds, feed);
    *etag = *lm = NULL;
    if (!v) return false;
    const char *e = json_string_value(json_object_get(v, "etag"));
    const char *l = json_string_value(json_object_get(v, "last_modified"));
    /* an empty validator (a state file edited by hand) is none: sent back,
     * it would ask the server about no version at all */
    if (e && !*e) e = NULL;
    if (l && !*l) l = NULL;
    if (e) *etag = strdup(e);
    if (l) *lm = strdup(l);
    return e || l;
}

static rasd_status wf_put(void *ctx, const char *feed, const char *etag, const char *lm, rasd_error *err) {
    rasd_watch_file *f = ctx;
    json_t *v = json_object();
    if (!v) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    /* validators come from a server: keep them only when they are text */
    if (etag) json_object_set_new(v, "etag", json_string(etag));
    if (lm) json_object_set_new(v, "last_modified", json_string(lm));
    if (json_object_set_new(f->feeds, feed, v) != 0) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    f->dirty = true;
    return RASD_OK;
}

static rasd_status wf_flush(void *ctx, rasd_error *err) {
    rasd_watch_file *f = ctx;
    return f->dirty ? rasd_watch_file_save(f, err) : RASD_OK;
}

rasd_watch_file *rasd_watch_file_open(const char *path, rasd_error *err) {
    rasd_watch_file *f = calloc(1, sizeof *f);
    if (!f || !(f->path = strdup(path))) {
        free(f);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    FILE *in = fopen(path, "rb");
    if (!in && errno != ENOENT) {
        rasd_fail(err, RASD_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        goto fail;
    }
    if (in) {
        json_error_t je;
        json_t *root = json_loadf(in, JSON_REJECT_DUPLICATES, &je);
        fclose(in);
        if (!root) {
            rasd_fail_at(err, RASD_ERR_FORMAT, (size_t)je.position, "%s:%d:%d: not a watch state file: %s", path,
                         je.line, je.column, je.text);
            goto fail;
        }
        json_t *feeds = json_object_get(root, "feeds"), *seen = json_object_get(root, "seen");
        if (!json_is_object(root) || !json_is_object(feeds) || !json_is_array(seen)) {
            json_decref(root);
            rasd_fail(err, RASD_ERR_FORMAT, "%s: not a watch state file (expected \"feeds\" and \"seen\")", path);
            goto fail;
        }
        f->feeds = json_incref(feeds);
        f->seen = json_object();
        size_t i;
        json_t *k;
        json_array_foreach(seen, i, k) if (json_is_string(k) && f->seen)
            json_object_set_new(f->seen, json_string_value(k), json_true());
        json_decref(root);
    } else {
        f->feeds = json_object();
        f->seen = json_object();
    }
    if (!f->feeds || !f->seen) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        goto fail;
    }
    return f;
fail:
    rasd_watch_file_close(f);
    return NULL;
}

rasd_watch_state rasd_watch_file_state(rasd_watch_file *f) {
    return (rasd_watch_state){f, wf_seen, wf_mark, wf_get, wf_put, wf_flush};
}

static void gen_str(yajl_gen g, const char *s) {
    yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

rasd_status rasd_watch_file_save(rasd_watch_file *f, rasd_error *err) {
    forget_oldest(f);
    yajl_gen g = yajl_gen_alloc(NULL);
    if (!g) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    yajl_gen_config(g, yajl_gen_beautify, 1);
    yajl_gen_map_open(g);
    gen_str(g, "version");
    yajl_gen_integer(g, 1);
    gen_str(g, "feeds");
    yajl_gen_map_open(g);
    const char *key;
    json_t *v;
    json_object_foreach(f->feeds, key, v) {
        gen_str(g, key);
        yajl_gen_map_open(g);
        const char *e = json_string_value(json_object_get(v, "etag"));
        const char *l = json_string_value(json_object_get(v, "last_modified"));
        if (e) gen_str(g, "etag"), gen_str(g, e);
        if (l) gen_str(g, "last_modified"), gen_str(g, l);
        yajl_gen_map_close(g);
    }
    yajl_gen_map_close(g);
    gen_str(g, "seen");
    yajl_gen_array_open(g);
    json_object_foreach(f->seen, key, v) gen_str(g, key);
    yajl_gen_array_close(g);
    yajl_gen_map_close(g);
    const unsigned char *buf;
    size_t len;
    yajl_gen_get_buf(g, &buf, &len);
    /* write beside, then rename over: a crash leaves the old file or the
     * new one, never half of one */
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", f->path, (long)getpid());
    rasd_status st = RASD_OK;
    FILE *out = fopen(tmp, "wb");
    if (!out) {
        st = rasd_fail(err, RASD_ERR_IO, "%s: cannot write: %s", tmp, strerror(errno));
    } else {
        bool ok = fwrite(buf, 1, len, out) == len && fflush(out) == 0 && fsync(fileno(out)) == 0;
        ok = (fclose(out) == 0) && ok;
        if (!ok || rename(tmp, f->path) != 0) {
            st = rasd_fail(err, RASD_ERR_IO, "%s: cannot write: %s", f->path, strerror(errno));
            unlink(tmp);
        }
    }
    yajl_gen_free(g);
    if (st == RASD_OK) f->dirty = false;
    return st;
}

void rasd_watch_file_close(rasd_watch_file *f) {
    if (!f) return;
    json_decref(f->feeds);
    json_decref(f->seen);
    free(f->path);
    free(f);
}
