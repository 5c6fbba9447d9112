/*
 * queries.c: the backend-neutral side of queries.h: filter checks, the
 * dispatch to the backend, and the two answers that are more than one
 * statement: search (the store's full-text search, then facets over the
 * hits) and an actor (the knowledge base's record beside the store's).
 *
 * Each backend's answers (queries_sqlite.c, queries_pg.c) take that
 * backend's connection; a table of thunks per backend gives them one
 * signature, and backend_of() picks the table and the connection for a
 * store. Both backends give the same JSON text for the same rows.
 */
#include "storage/queries.h"
#include "knowledge/knowledge.h"
#include "storage/queries_pg.h"
#include "storage/queries_sqlite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

#define MAX_FILTER_BYTES 1000

static rasd_status check_date(const char *name, const char *v, rasd_error *err) {
    if (v && !rasd_valid_date(v))
        return rasd_fail(err, RASD_ERR_USAGE, "%s: \"%.40s\" is not a date written YYYY-MM-DD", name, v);
    return RASD_OK;
}

static bool valid_utf8(const char *s) {
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = rasd_utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD && n == 1) return false; /* an invalid sequence, not a real U+FFFD */
        i += n;
    }
    return true;
}

rasd_status rasd_query_check(const rasd_query *q, rasd_error *err) {
    const char *names[] = {"q", "since", "until", "outlet", "actor", "target", "cameo", "speaker", "place", "type"};
    const char *values[] = {q->text,  q->since,   q->until, q->outlet, q->actor,
                            q->target, q->cameo, q->speaker, q->place, q->type};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (values[i] && strlen(values[i]) > MAX_FILTER_BYTES)
            return rasd_fail(err, RASD_ERR_USAGE, "%s: longer than %d bytes", names[i], MAX_FILTER_BYTES);
        else if (values[i] && !valid_utf8(values[i]))
            return rasd_fail(err, RASD_ERR_USAGE, "%s: not valid UTF-8", names[i]);
    rasd_status s;
    if ((s = check_date("since", q->since, err)) != RASD_OK || (s = check_date("until", q->until, err)) != RASD_OK)
        return s;
    if (q->since && q->until && strcmp(q->since, q->until) > 0)
        return rasd_fail(err, RASD_ERR_USAGE, "since (%s) is after until (%s)", q->since, q->until);
    if (q->limit > RASD_QUERY_MAX_LIMIT)
        return rasd_fail(err, RASD_ERR_USAGE, "limit: %zu is over %d", q->limit, RASD_QUERY_MAX_LIMIT);
    if (q->offset > 1000000) return rasd_fail(err, RASD_ERR_USAGE, "offset: %zu is over 1000000", q->offset);
    if (q->cameo) {
        size_t n = strlen(q->cameo);
        if (n == 0 || n > 4 || strspn(q->cameo, "0123456789") != n)
            return rasd_fail(err, RASD_ERR_USAGE, "cameo: \"%.20s\" is not a CAMEO code prefix (1 to 4 digits)",
                             q->cameo);
    }
    return RASD_OK;
}

/* ---------------------------------------------------------------- dispatch */

typedef rasd_status (*list_fn)(void *db, const rasd_query *q, rasd_buf *out, rasd_error *err);
typedef rasd_status (*record_fn)(void *db, int64_t id, rasd_buf *out, rasd_error *err);

typedef struct query_ops {
    list_fn stories, actors, events, quotes, outlets, timeline, event_places;
    record_fn story, article;
    rasd_status (*actor)(void *db, const char *id, const char *kb_json, rasd_buf *out, rasd_error *err);
    rasd_status (*facets)(void *db, rasd_store *s, const rasd_query *q, int64_t *total, rasd_buf *facets,
                          rasd_error *err);
    rasd_status (*reader_setup)(void *db, bool read_only, rasd_error *err);
    void *(*export_open)(void *db, const rasd_query *q, rasd_export_format f, rasd_error *err);
    rasd_status (*export_next)(void *x, rasd_buf *out, bool *done, rasd_error *err);
    void (*export_close)(void *x);
} query_ops;

/* One thunk per question and backend: the backend's function with its
 * connection type. */
#define LIST_THUNKS(name)                                                                                     \
    static rasd_status sqlite_##name(void *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {        \
        return rasd_sqlite_query_##name(db, q, out, err);                                                     \
    }                                                                                                         \
    static rasd_status pg_##name(void *db, const rasd_query *q, rasd_buf *out, rasd_error *err) {            \
        return rasd_pg_query_##name(db, q, out, err);                                                         \
    }
#define RECORD_THUNKS(name)                                                                                   \
    static rasd_status sqlite_##name(void *db, int64_t id, rasd_buf *out, rasd_error *err) {                 \
        return rasd_sqlite_query_##name(db, id, out, err);                                                    \
    }                                                                                                         \
    static rasd_status pg_##name(void *db, int64_t id, rasd_buf *out, rasd_error *err) {                     \
        return rasd_pg_query_##name(db, id, out, err);                                                        \
    }
LIST_THUNKS(stories)
LIST_THUNKS(actors)
LIST_THUNKS(events)
LIST_THUNKS(quotes)
LIST_THUNKS(outlets)
LIST_THUNKS(timeline)
LIST_THUNKS(event_places)
RECORD_THUNKS(story)
RECORD_THUNKS(article)

static rasd_status sqlite_actor(void *db, const char *id, const char *kb, rasd_buf *out, rasd_error *err) {
    return rasd_sqlite_query_actor(db, id, kb, out, err);
}
static rasd_status pg_actor(void *db, const char *id, const char *kb, rasd_buf *out, rasd_error *err) {
    return rasd_pg_query_actor(db, id, kb, out, err);
}
static rasd_status sqlite_facets(void *db, rasd_store *s, const rasd_query *q, int64_t *total, rasd_buf *f,
                                 rasd_error *err) {
    (void)s;
    return rasd_sqlite_search_facets(db, q, total, f, err);
}
/* PostgreSQL reads the query with the store's analyzer (its terms) */
static rasd_status pg_facets(void *db, rasd_store *s, const rasd_query *q, int64_t *total, rasd_buf *f,
                             rasd_error *err) {
    return rasd_pg_search_facets(db, rasd_pg_store_analyzer(s), q, total, f, err);
}
static rasd_status sqlite_reader(void *db, bool ro, rasd_error *err) { return rasd_sqlite_reader_setup(db, ro, err); }
static rasd_status pg_reader(void *db, bool ro, rasd_error *err) { return rasd_pg_reader_setup(db, ro, err); }
static void *sqlite_xopen(void *db, const rasd_query *q, rasd_export_format f, rasd_error *err) {
    return rasd_sqlite_export_open(db, q, f, err);
}
static void *pg_xopen(void *db, const rasd_query *q, rasd_export_format f, rasd_error *err) {
    return rasd_pg_export_open(db, q, f, err);
}
static rasd_status sqlite_xnext(void *x, rasd_buf *out, bool *done, rasd_error *err) {
    return rasd_sqlite_export_next(x, out, done, err);
}
static rasd_status pg_xnext(void *x, rasd_buf *out, bool *done, rasd_error *err) {
    return rasd_pg_export_next(x, out, done, err);
}
static void sqlite_xclose(void *x) { rasd_sqlite_export_close(x); }
static void pg_xclose(void *x) { rasd_pg_export_close(x); }

static const query_ops SQLITE_QUERIES = {sqlite_stories, sqlite_actors, sqlite_events, sqlite_quotes,
                                         sqlite_outlets, sqlite_timeline, sqlite_event_places, sqlite_story,  sqlite_article, sqlite_actor,
                                         sqlite_facets,  sqlite_reader, sqlite_xopen,  sqlite_xnext,
                                         sqlite_xclose};
static const query_ops PG_QUERIES = {pg_stories, pg_actors, pg_events, pg_quotes, pg_outlets, pg_timeline, pg_event_places, pg_story, pg_article,
                                     pg_actor,   pg_facets, pg_reader, pg_xopen,  pg_xnext,   pg_xclose};

/* The store's backend's answers and its connection. */
typedef struct backend {
    const query_ops *ops;
    void *db;
} backend;

static bool backend_of(rasd_store *s, backend *b, rasd_error *err) {
    void *db;
    if (s && (db = rasd_sqlite_store_db(s))) *b = (backend){&SQLITE_QUERIES, db};
    else if (s && (db = rasd_pg_store_conn(s))) *b = (backend){&PG_QUERIES, db};
    else {
        rasd_fail(err, RASD_ERR_USAGE, "this store's backend does not answer queries");
        return false;
    }
    return true;
}

#define DISPATCH(fn, ...)                                                                                     \
    do {                                                                                                      \
        backend b_;                                                                                           \
        if (!backend_of(s, &b_, err)) return RASD_ERR_USAGE;                                                  \
        return b_.ops->fn(b_.db, __VA_ARGS__);                                                                \
    } while (0)

#define DISPATCH_LIST(fn)                                                                                     \
    do {                                                                                                      \
        rasd_status st_ = rasd_query_check(q, err);                                                           \
        if (st_ != RASD_OK) return st_;                                                                       \
        DISPATCH(fn, q, out, err);                                                                            \
    } while (0)

rasd_status rasd_query_stories(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    DISPATCH_LIST(stories);
}
rasd_status rasd_query_actors(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    DISPATCH_LIST(actors);
}
rasd_status rasd_query_events(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    DISPATCH_LIST(events);
}
rasd_status rasd_query_quotes(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    DISPATCH_LIST(quotes);
}
rasd_status rasd_query_outlets(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    DISPATCH_LIST(outlets);
}
rasd_status rasd_query_timeline(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    DISPATCH_LIST(timeline);
}
rasd_status rasd_query_event_places(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    DISPATCH_LIST(event_places);
}

rasd_status rasd_query_story(rasd_store *s, int64_t id, rasd_buf *out, rasd_error *err) {
    DISPATCH(story, id, out, err);
}

rasd_status rasd_query_article(rasd_store *s, int64_t id, rasd_buf *out, rasd_error *err) {
    DISPATCH(article, id, out, err);
}

/* ------------------------------------------------------------ JSON output */

static void gen_str(yajl_gen g, const char *s) {
    if (s) yajl_gen_string(g, (const unsigned char *)s, strlen(s));
    else yajl_gen_null(g);
}

static void gen_key(yajl_gen g, const char *k) { yajl_gen_string(g, (const unsigned char *)k, strlen(k)); }

static rasd_status gen_finish(yajl_gen g, rasd_buf *out, rasd_error *err) {
    const unsigned char *buf;
    size_t len;
    rasd_status s = RASD_OK;
    if (yajl_gen_get_buf(g, &buf, &len) != yajl_gen_status_ok)
        s = rasd_fail(err, RASD_ERR_NOMEM, "could not write a query's JSON answer");
    else rasd_buf_append(out, (const char *)buf, len);
    yajl_gen_free(g);
    if (s == RASD_OK && out->oom) s = rasd_fail(err, RASD_ERR_NOMEM, "out of memory writing a query's answer");
    return s;
}

/* ------------------------------------------------------------------ actor */

static void gen_alias(void *g, const char *name, size_t n, const char *label, size_t label_len) {
    (void)label, (void)label_len;
    yajl_gen_string(g, (const unsigned char *)name, n);
}

static void gen_loaded(void *g, const char *name, size_t n, const char *label, size_t label_len) {
    yajl_gen_map_open(g);
    gen_key(g, "name"), yajl_gen_string(g, (const unsigned char *)name, n);
    gen_key(g, "label"), yajl_gen_string(g, (const unsigned char *)(label ? label : ""), label ? label_len : 0);
    yajl_gen_map_close(g);
}

rasd_status rasd_query_actor(rasd_store *s, const rasd_knowledge *kn, const char *id, rasd_buf *out,
                             rasd_error *err) {
    if (!id || !*id || strlen(id) > MAX_FILTER_BYTES || !valid_utf8(id))
        return rasd_fail(err, RASD_ERR_USAGE, "actor: an id of 1 to %d bytes of UTF-8 is needed", MAX_FILTER_BYTES);
    backend b;
    if (!backend_of(s, &b, err)) return RASD_ERR_USAGE;
    uint32_t i = kn ? rasd_knowledge_actor_index(kn, id) : UINT32_MAX;
    rasd_buf kb = {0};
    if (i != UINT32_MAX) {
        const rasd_actor *a = &kn->actors[i];
        yajl_gen g = yajl_gen_alloc(NULL);
        if (!g) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        yajl_gen_map_open(g);
        gen_key(g, "type"), gen_str(g, a->type);
        gen_key(g, "country"), gen_str(g, *a->country ? a->country : NULL);
        gen_key(g, "parent"), gen_str(g, *a->parent_id ? a->parent_id : NULL);
        gen_key(g, "cameo"), gen_str(g, *a->cameo ? a->cameo : NULL);
        gen_key(g, "name_en"), gen_str(g, a->name_en);
        gen_key(g, "name_ar"), gen_str(g, a->name_ar);
        gen_key(g, "note"), gen_str(g, a->note && *a->note ? a->note : NULL);
        /* the other names it goes by, and the loaded ones an outlet may use */
        gen_key(g, "aliases");
        yajl_gen_array_open(g);
        rasd_actor_each_name(a->aliases_ar, gen_alias, g);
        rasd_actor_each_name(a->aliases_en, gen_alias, g);
        yajl_gen_array_close(g);
        gen_key(g, "loaded_names");
        yajl_gen_array_open(g);
        rasd_actor_each_name(a->loaded_ar, gen_loaded, g);
        yajl_gen_array_close(g);
        /* the data file, from the data directory down (not the server's paths) */
        const char *file = kn->files[a->file], *cut = file;
        for (const char *p = file; *p; p++)
            if (*p == '/' && strncmp(p + 1, "kb/", 3) == 0) cut = p + 1;
        gen_key(g, "source"), gen_str(g, cut);
        yajl_gen_map_close(g);
        rasd_status st = gen_finish(g, &kb, err);
        if (st != RASD_OK) {
            rasd_buf_free(&kb);
            return st;
        }
    }
    rasd_status st = b.ops->actor(b.db, id, kb.data, out, err);
    rasd_buf_free(&kb);
    return st;
}

/* ----------------------------------------------------------------- search */

typedef struct hit_copy {
    int64_t id, story, duplicate_of;
    char *title, *source, *published, *url, *snippet, *origin;
    double score;
} hit_copy;

typedef struct search_run {
    hit_copy *hits; /* only the page's */
    size_t n, cap;
    size_t seen, first; /* hits seen; the page starts at first */
    bool oom;
} search_run;

static char *dup_or_null(const char *s, bool *oom) {
    if (!s) return NULL;
    char *d = strdup(s);
    if (!d) *oom = true;
    return d;
}

static bool on_hit(void *ctx, const rasd_search_hit *h) {
    search_run *r = ctx;
    if (r->seen++ < r->first) return true;
    if (!rasd_grow((void **)&r->hits, &r->cap, r->n, sizeof *r->hits)) {
        r->oom = true;
        return false;
    }
    hit_copy *c = &r->hits[r->n++];
    *c = (hit_copy){h->id, h->story, h->duplicate_of, dup_or_null(h->title, &r->oom),
                    dup_or_null(h->source, &r->oom), dup_or_null(h->published, &r->oom),
                    dup_or_null(h->url, &r->oom), dup_or_null(h->snippet, &r->oom),
                    dup_or_null(h->origin, &r->oom), h->score};
    return !r->oom;
}

/* Marks around the matched words in the store's snippets; taken out again
 * and given as byte ranges, so that no client has to parse markup out of
 * article text (the text is untrusted). Control characters never occur in
 * stored text: the document reader refuses them. */
#define MARK_OPEN "\x01"
#define MARK_CLOSE "\x02"

static void gen_snippet(yajl_gen g, const char *snippet) {
    rasd_buf text = {0};
    size_t starts[64], ends[64], n = 0;
    for (const char *p = snippet ? snippet : ""; *p; p++) {
        if (*p == MARK_OPEN[0]) {
            if (n < 64) starts[n] = text.len;
        } else if (*p == MARK_CLOSE[0]) {
            if (n < 64) ends[n++] = text.len;
        } else {
            rasd_buf_putc(&text, *p);
        }
    }
    gen_key(g, "snippet"), gen_str(g, text.data ? text.data : "");
    gen_key(g, "highlights");
    yajl_gen_array_open(g);
    for (size_t i = 0; i < n; i++) {
        yajl_gen_array_open(g);
        yajl_gen_integer(g, (long long)starts[i]);
        yajl_gen_integer(g, (long long)ends[i]);
        yajl_gen_array_close(g);
    }
    yajl_gen_array_close(g);
    rasd_buf_free(&text);
}

/* Two steps: the page of hits from the store's search (ranked, with
 * snippets, for offset + limit hits only: snippets are the costly part),
 * then the exact total and the facets from the unranked matches. */
rasd_status rasd_query_search(rasd_store *s, const rasd_query *q, rasd_buf *out, rasd_error *err) {
    rasd_status st = rasd_query_check(q, err);
    if (st != RASD_OK) return st;
    if (!q->text || !*q->text) return rasd_fail(err, RASD_ERR_USAGE, "q: the words to search for are missing");
    backend b;
    if (!backend_of(s, &b, err)) return RASD_ERR_USAGE;
    size_t limit = q->limit ? q->limit : RASD_QUERY_DEFAULT_LIMIT;
    search_run r = {0};
    r.first = q->offset;
    rasd_search_query sq = {q->text, q->offset + limit, q->outlet, q->since, q->until, q->actor, q->place,
                            MARK_OPEN, MARK_CLOSE};
    st = rasd_store_search(s, &sq, on_hit, &r, err);
    if (st == RASD_OK && r.oom) st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory searching");
    rasd_buf facets = {0};
    int64_t total = 0;
    if (st == RASD_OK) st = b.ops->facets(b.db, s, q, &total, &facets, err);
    if (st == RASD_OK) {
        yajl_gen g = yajl_gen_alloc(NULL);
        if (!g) st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        else {
            yajl_gen_map_open(g);
            gen_key(g, "query"), gen_str(g, q->text);
            gen_key(g, "total"), yajl_gen_integer(g, (long long)total);
            gen_key(g, "limit"), yajl_gen_integer(g, (long long)limit);
            gen_key(g, "offset"), yajl_gen_integer(g, (long long)q->offset);
            gen_key(g, "items");
            yajl_gen_array_open(g);
            for (size_t i = 0; i < r.n; i++) {
                const hit_copy *h = &r.hits[i];
                yajl_gen_map_open(g);
                gen_key(g, "id"), yajl_gen_integer(g, h->id);
                gen_key(g, "title"), gen_str(g, h->title);
                gen_key(g, "source"), gen_str(g, h->source);
                gen_key(g, "published"), gen_str(g, h->published);
                gen_key(g, "url"), gen_str(g, h->url);
                /* where it was read from (a file, a member, a feed): what
                 * finds an article of a corpus without URLs */
                gen_key(g, "origin"), gen_str(g, h->origin);
                gen_key(g, "story");
                if (h->story) yajl_gen_integer(g, h->story);
                else yajl_gen_null(g);
                gen_key(g, "duplicate_of");
                if (h->duplicate_of) yajl_gen_integer(g, h->duplicate_of);
                else yajl_gen_null(g);
                gen_key(g, "score"), yajl_gen_double(g, h->score);
                gen_snippet(g, h->snippet);
                yajl_gen_map_close(g);
            }
            yajl_gen_array_close(g);
            /* over the first RASD_FACET_SCAN matches */
            gen_key(g, "facets_over"), yajl_gen_integer(g, total < RASD_FACET_SCAN ? total : RASD_FACET_SCAN);
            gen_key(g, "facets");
            /* already JSON: yajl_gen_number writes it verbatim */
            yajl_gen_number(g, facets.data, facets.len);
            yajl_gen_map_close(g);
            st = gen_finish(g, out, err);
        }
    }
    for (size_t i = 0; i < r.n; i++) {
        free(r.hits[i].title), free(r.hits[i].source), free(r.hits[i].published);
        free(r.hits[i].url), free(r.hits[i].snippet), free(r.hits[i].origin);
    }
    free(r.hits);
    rasd_buf_free(&facets);
    return st;
}

rasd_status rasd_query_reader_setup(rasd_store *s, bool read_only, rasd_error *err) {
    DISPATCH(reader_setup, read_only, err);
}

/* ----------------------------------------------------------------- export */

static const char *const FORMAT_NAMES[] = {"jsonl", "csv", "events-csv", "events-jsonl", "quotes-csv"};

bool rasd_export_format_parse(const char *name, rasd_export_format *f) {
    for (size_t i = 0; name && i < sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0]; i++)
        if (strcmp(name, FORMAT_NAMES[i]) == 0) {
            *f = (rasd_export_format)i;
            return true;
        }
    return false;
}

const char *rasd_export_content_type(rasd_export_format f) {
    return f == RASD_EXPORT_CSV || f == RASD_EXPORT_EVENTS_CSV || f == RASD_EXPORT_QUOTES_CSV
               ? "text/csv; charset=utf-8"
               : "application/x-ndjson; charset=utf-8";
}

struct rasd_export {
    const query_ops *ops;
    void *x; /* the backend's cursor */
    bool done;
    rasd_query q; /* the filters, on copies of their strings: a cursor outlives its caller's request */
    char *own[10];
};

static bool copy_filters(rasd_export *e, const rasd_query *q) {
    e->q = *q;
    const char **fields[] = {&e->q.text,  &e->q.since,   &e->q.until, &e->q.outlet, &e->q.actor,
                             &e->q.target, &e->q.cameo, &e->q.speaker, &e->q.place, &e->q.type};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (!*fields[i]) continue;
        if (!(e->own[i] = strdup(*fields[i]))) return false;
        *fields[i] = e->own[i];
    }
    return true;
}

static void free_filters(rasd_export *e) {
    for (size_t i = 0; i < sizeof e->own / sizeof e->own[0]; i++) free(e->own[i]);
}

/* A filter the format does not read is refused rather than ignored: an
 * export that silently holds everything is worse than an error. */
static rasd_status check_export_filters(const rasd_query *q, rasd_export_format f, rasd_error *err) {
    bool events = f == RASD_EXPORT_EVENTS_CSV || f == RASD_EXPORT_EVENTS_JSONL;
    const char *name = !events && q->actor    ? "actor"
                       : !events && q->target ? "target"
                       : !events && q->cameo  ? "cameo"
                       : !events && q->place  ? "place"
                       : f != RASD_EXPORT_QUOTES_CSV && q->speaker ? "speaker"
                       : q->text ? "q"
                       : q->type ? "type"
                                 : NULL;
    if (name)
        return rasd_fail(err, RASD_ERR_USAGE, "%s: does not filter the %s export (%s)", name,
                         FORMAT_NAMES[f], strcmp(name, "speaker") == 0 ? "it filters quotes-csv"
                                          : strcmp(name, "q") == 0 || strcmp(name, "type") == 0
                                              ? "no export reads it"
                                              : "it filters events-csv and events-jsonl");
    if ((f == RASD_EXPORT_EVENTS_CSV || f == RASD_EXPORT_EVENTS_JSONL || f == RASD_EXPORT_QUOTES_CSV) &&
        (q->limit || q->offset))
        return rasd_fail(err, RASD_ERR_USAGE, "limit, offset: page the article exports only, not %s",
                         FORMAT_NAMES[f]);
    return RASD_OK;
}

rasd_export *rasd_export_open(rasd_store *s, const rasd_query *q, rasd_export_format format, rasd_error *err) {
    if (rasd_query_check(q, err) != RASD_OK) return NULL;
    if ((unsigned)format >= sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0]) {
        rasd_fail(err, RASD_ERR_USAGE, "format: not one of " RASD_EXPORT_FORMATS);
        return NULL;
    }
    if (check_export_filters(q, format, err) != RASD_OK) return NULL;
    backend b;
    if (!backend_of(s, &b, err)) return NULL;
    rasd_export *e = calloc(1, sizeof *e);
    if (!e) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory opening an export");
        return NULL;
    }
    e->ops = b.ops;
    if (!copy_filters(e, q)) {
        free_filters(e);
        free(e);
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory opening an export");
        return NULL;
    }
    e->x = b.ops->export_open(b.db, &e->q, format, err);
    if (!e->x) {
        free_filters(e);
        free(e);
        return NULL;
    }
    return e;
}

rasd_status rasd_export_next(rasd_export *e, rasd_buf *out, bool *done, rasd_error *err) {
    if (e->done) {
        *done = true;
        return RASD_OK;
    }
    rasd_status st = e->ops->export_next(e->x, out, done, err);
    if (st != RASD_OK || *done) e->done = true;
    return st;
}

void rasd_export_close(rasd_export *e) {
    if (!e) return;
    e->ops->export_close(e->x);
    free_filters(e);
    free(e);
}

/* ------------------------------------------------------------ CSV export */

/* Six lines, so written here rather than taken from a library. */
void rasd_query_csv_field(rasd_buf *out, const char *s, bool last) {
    if (s && strpbrk(s, ",\"\r\n")) {
        rasd_buf_putc(out, '"');
        for (; *s; s++) {
            if (*s == '"') rasd_buf_putc(out, '"');
            rasd_buf_putc(out, *s);
        }
        rasd_buf_putc(out, '"');
    } else if (s) {
        rasd_buf_append(out, s, strlen(s));
    }
    rasd_buf_append(out, last ? "\r\n" : ",", last ? 2 : 1);
}

void rasd_query_csv_header(rasd_buf *out) {
    static const char *const HEADER[] = {"id",     "published", "source", "title",  "url",    "story",
                                         "duplicate_of", "entities", "places", "quotes", "events", "labels"};
    size_t n = sizeof HEADER / sizeof HEADER[0];
    for (size_t i = 0; i < n; i++) rasd_query_csv_field(out, HEADER[i], i + 1 == n);
}
