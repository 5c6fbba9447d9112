/*
 * server.c: the routes of `rasd serve` (one table: method, path pattern,
 * handler), each a thin adapter from a request to one query of
 * storage/queries.h, and the pool of store connections they borrow.
 *
 * The web interface is served from the embedded assets only: /static/NAME
 * looks NAME up in a table compiled into the binary, so no request path
 * ever reaches the filesystem (`/static/../../etc/passwd` is simply a name
 * the table does not hold: a JSON 404).
 */
#include "server/server.h"
#include "core/internal.h"
#include "server/assets.h"
#include "server/cache.h"
#include "server/names.h"
#include "server/params.h"
#include "storage/queries.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct rasd_server {
    rasd_server_options opt;
    rasd_http_server *http;
    rasd_store **stores; /* the pool */
    size_t n_stores, n_free;
    rasd_store **free_list;
    pthread_mutex_t lock;
    pthread_cond_t available;
    /* the web interface's text files gzipped once at start (level 9:
     * paid once), indexed like RASD_ASSETS; NULL where not worth it */
    unsigned char **gz;
    size_t *gz_len;
    rasd_cache *cache; /* NULL: every answer computed */
    pthread_t warmer;  /* fills the cache at start (warm_up) */
    bool warming;
    uint64_t writes;   /* answers to POST /api/ingest stored (atomic) */
};

/* A store from the pool, waiting at most 5 s: streamed exports hold
 * theirs while they send, so a pool could run dry; then the request gets
 * a 503 rather than a thread blocked for good. */
static rasd_store *borrow(rasd_server *srv, rasd_http_response *res) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 5;
    pthread_mutex_lock(&srv->lock);
    int rc = 0;
    while (srv->n_free == 0 && rc == 0) rc = pthread_cond_timedwait(&srv->available, &srv->lock, &until);
    rasd_store *s = srv->n_free ? srv->free_list[--srv->n_free] : NULL;
    pthread_mutex_unlock(&srv->lock);
    if (!s) rasd_http_error(res, 503, "busy", "every store connection is in use; try again");
    return s;
}

static void give_back(rasd_server *srv, rasd_store *s) {
    pthread_mutex_lock(&srv->lock);
    srv->free_list[srv->n_free++] = s;
    pthread_cond_signal(&srv->available);
    pthread_mutex_unlock(&srv->lock);
}

/* A query's answer, or its error as the status that means it. */
static void answer(rasd_http_response *res, rasd_status st, rasd_buf *out, const rasd_error *err) {
    if (st == RASD_OK && !out->oom) {
        rasd_http_json(res, 200, out->data, out->len);
        out->data = NULL;
        return;
    }
    rasd_buf_free(out);
    if (st == RASD_OK) st = RASD_ERR_NOMEM;
    rasd_http_error(res, rasd_http_status_of(st), rasd_http_code_of(st), "%s",
                    err->message[0] ? err->message : rasd_status_name(st));
}

typedef rasd_status (*list_query)(rasd_store *, const rasd_query *, rasd_buf *, rasd_error *);

static void run_list(rasd_server *srv, const rasd_http_request *req, rasd_http_response *res, const char *allowed,
                     list_query fn) {
    rasd_query q;
    rasd_error err = {0};
    rasd_status st = rasd_params_read(req, allowed, &q, NULL, &err);
    if (st != RASD_OK) {
        rasd_http_error(res, 400, "bad-parameter", "%s", err.message);
        return;
    }
    rasd_buf out = {0};
    rasd_store *s = borrow(srv, res);
    if (!s) return;
    st = fn(s, &q, &out, &err);
    give_back(srv, s);
    answer(res, st, &out, &err);
}

#define LIST_HANDLER(name, allowed, fn)                                                                       \
    static void name(void *app, const rasd_http_request *req, rasd_http_response *res) {                     \
        run_list(app, req, res, allowed, fn);                                                                 \
    }

LIST_HANDLER(h_search, "q outlet since until actor place limit offset", rasd_query_search)
LIST_HANDLER(h_stories, "since until outlet actor limit offset", rasd_query_stories)
LIST_HANDLER(h_actors, "since until outlet type limit offset", rasd_query_actors)
LIST_HANDLER(h_events, "actor target cameo place since until outlet limit offset", rasd_query_events)
LIST_HANDLER(h_quotes, "speaker since until outlet limit offset", rasd_query_quotes)
LIST_HANDLER(h_outlets, "since until limit offset", rasd_query_outlets)
LIST_HANDLER(h_timeline, "actor cameo outlet since until", rasd_query_timeline)
LIST_HANDLER(h_event_places, "actor cameo outlet since until limit offset", rasd_query_event_places)

static void h_names(void *app, const rasd_http_request *req, rasd_http_response *res) {
    rasd_server *srv = app;
    rasd_names_answer(srv->opt.knowledge, req, res);
}

static bool no_params(const rasd_http_request *req, rasd_http_response *res) {
    if (req->n_params == 0) return true;
    rasd_http_error(res, 400, "bad-parameter", "unknown parameter \"%.60s\"; this endpoint takes none",
                    req->params[0].name);
    return false;
}

typedef rasd_status (*record_query)(rasd_store *, int64_t, rasd_buf *, rasd_error *);

static void run_record(rasd_server *srv, const rasd_http_request *req, rasd_http_response *res, record_query fn) {
    if (!no_params(req, res)) return;
    int64_t id;
    rasd_error err = {0};
    if (rasd_params_id(req->arg, &id, &err) != RASD_OK) {
        rasd_http_error(res, 400, "bad-parameter", "%s", err.message);
        return;
    }
    rasd_buf out = {0};
    rasd_store *s = borrow(srv, res);
    if (!s) return;
    rasd_status st = fn(s, id, &out, &err);
    give_back(srv, s);
    answer(res, st, &out, &err);
}

static void h_story(void *app, const rasd_http_request *req, rasd_http_response *res) {
    run_record(app, req, res, rasd_query_story);
}

static void h_article(void *app, const rasd_http_request *req, rasd_http_response *res) {
    run_record(app, req, res, rasd_query_article);
}

static void h_actor(void *app, const rasd_http_request *req, rasd_http_response *res) {
    rasd_server *srv = app;
    if (!no_params(req, res)) return;
    rasd_error err = {0};
    rasd_buf out = {0};
    rasd_store *s = borrow(srv, res);
    if (!s) return;
    rasd_status st = rasd_query_actor(s, srv->opt.knowledge, req->arg, &out, &err);
    give_back(srv, s);
    answer(res, st, &out, &err);
}

static void h_health(void *app, const rasd_http_request *req, rasd_http_response *res) {
    rasd_server *srv = app;
    if (!no_params(req, res)) return;
    rasd_store_counts c;
    rasd_error err = {0};
    rasd_store *s = borrow(srv, res);
    if (!s) return;
    rasd_status st = rasd_store_counts_get(s, &c, &err);
    give_back(srv, s);
    rasd_buf out = {0};
    if (st == RASD_OK) {
        char json[256];
        int n = snprintf(json, sizeof json,
                         "{\"status\":\"ok\",\"version\":\"%s\",\"documents\":%lld,\"stories\":%lld,"
                         "\"duplicates\":%lld,\"ingest\":%s}",
                         RASD_VERSION, (long long)c.documents, (long long)c.stories,
                         (long long)(c.duplicates_exact + c.duplicates_near), srv->opt.ingest ? "true" : "false");
        rasd_buf_append(&out, json, (size_t)n);
    }
    answer(res, st, &out, &err);
}

/* The export streams: the response holds a borrowed store and a cursor
 * until the last chunk is sent (or the client goes away). */
typedef struct export_stream {
    rasd_server *srv;
    rasd_store *store;
    rasd_export *x;
} export_stream;

static bool export_next(void *ctx, char **out, size_t *out_len) {
    export_stream *e = ctx;
    rasd_buf b = {0};
    bool done = true;
    rasd_error err = {0};
    if (rasd_export_next(e->x, &b, &done, &err) != RASD_OK) {
        /* headers are gone: end the body with a line saying why */
        b.len = 0;
        char line[700];
        int n = snprintf(line, sizeof line, "\n# export stopped: %s\n", err.message);
        rasd_buf_append(&b, line, (size_t)n);
        done = true;
    }
    *out = b.data;
    *out_len = b.oom ? 0 : b.len;
    return !done;
}

static void export_free(void *ctx) {
    export_stream *e = ctx;
    rasd_export_close(e->x);
    give_back(e->srv, e->store);
    free(e);
}

static void h_export(void *app, const rasd_http_request *req, rasd_http_response *res) {
    rasd_server *srv = app;
    rasd_query q;
    const char *format;
    rasd_error err = {0};
    if (rasd_params_read(req, "format since until outlet limit offset actor target cameo place speaker", &q, &format,
                         &err) != RASD_OK) {
        rasd_http_error(res, 400, "bad-parameter", "%s", err.message);
        return;
    }
    rasd_export_format f = RASD_EXPORT_JSONL;
    if (format && !rasd_export_format_parse(format, &f)) {
        rasd_http_error(res, 400, "bad-parameter", "format: \"%.20s\" is not one of " RASD_EXPORT_FORMATS, format);
        return;
    }
    export_stream *e = calloc(1, sizeof *e);
    if (!e) {
        rasd_http_error(res, 500, "internal", "out of memory");
        return;
    }
    e->srv = srv;
    e->store = borrow(srv, res);
    if (!e->store) {
        free(e);
        return;
    }
    e->x = rasd_export_open(e->store, &q, f, &err);
    if (!e->x) {
        give_back(srv, e->store);
        free(e);
        rasd_status st = err.code ? err.code : RASD_ERR_NOMEM;
        rasd_http_error(res, rasd_http_status_of(st), rasd_http_code_of(st), "%s", err.message);
        return;
    }
    res->status = 200;
    res->content_type = rasd_export_content_type(f);
    res->stream_next = export_next;
    res->stream_free = export_free;
    res->stream_ctx = e;
}

/* Whether the Origin header (scheme://host[:port]) names the host the
 * request was sent to: a page of this server's own web interface. */
static bool same_origin(const char *origin, const char *host) {
    const char *rest = strncmp(origin, "http://", 7) == 0 ? origin + 7
                       : strncmp(origin, "https://", 8) == 0 ? origin + 8
                                                             : NULL;
    return rest && host && strcasecmp(rest, host) == 0;
}

/* Strings compared in time independent of where they differ, so the
 * token cannot be guessed a byte at a time from response times. */
static bool same_secret(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    unsigned char d = (unsigned char)(la != lb);
    for (size_t i = 0; i < la; i++) d |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
    return d == 0;
}

/* A write is taken only from a client that means it: a web page on
 * another site can make the browser POST text/plain or a form to any
 * address, with its own Origin, but cannot send application/json
 * cross-origin without the server's consent (CORS), and never this
 * server's token. */
static bool ingest_allowed(const rasd_server *srv, const rasd_http_request *req, rasd_http_response *res) {
    if ((req->origin && !same_origin(req->origin, req->host)) ||
        (req->fetch_site && strcmp(req->fetch_site, "cross-site") == 0)) {
        rasd_http_error(res, 403, "cross-origin", "POST /api/ingest from another site (Origin %.100s) is refused",
                        req->origin ? req->origin : "-");
        return false;
    }
    const char *ct = req->content_type;
    size_t n = ct ? strcspn(ct, "; \t") : 0;
    if (!ct || n != 16 || strncasecmp(ct, "application/json", 16) != 0) {
        rasd_http_error(res, 415, "unsupported-media-type",
                        "POST /api/ingest takes Content-Type: application/json (got %.60s)", ct ? ct : "none");
        return false;
    }
    if (srv->opt.ingest_token) {
        const char *auth = req->authorization;
        if (!auth || strncasecmp(auth, "Bearer ", 7) != 0 || !same_secret(auth + 7, srv->opt.ingest_token)) {
            rasd_http_error(res, 401, "unauthorized",
                            "POST /api/ingest needs Authorization: Bearer with the server's --ingest-token");
            return false;
        }
    }
    return true;
}

static void h_ingest(void *app, const rasd_http_request *req, rasd_http_response *res) {
    rasd_server *srv = app;
    if (!srv->opt.ingest) {
        rasd_http_error(res, 403, "read-only", "this server is read-only (start it with --allow-ingest)");
        return;
    }
    if (!ingest_allowed(srv, req, res)) return;
    if (!no_params(req, res)) return;
    if (!req->body || !req->body_len) {
        rasd_http_error(res, 400, "bad-input", "POST a JSON article: {\"text\": ..., \"title\": ..., ...}");
        return;
    }
    int64_t id = 0;
    bool already = false;
    rasd_error err = {0};
    rasd_store *s = borrow(srv, res);
    if (!s) return;
    rasd_status st = srv->opt.ingest(srv->opt.ingest_ctx, s, req->body, req->body_len, &id, &already, &err);
    give_back(srv, s);
    /* cached answers from before this article are stale now */
    if (st == RASD_OK && !already) __atomic_add_fetch(&srv->writes, 1, __ATOMIC_SEQ_CST);
    if (st != RASD_OK) {
        rasd_http_error(res, rasd_http_status_of(st), rasd_http_code_of(st), "%s", err.message);
        return;
    }
    char json[96];
    int n = snprintf(json, sizeof json, "{\"id\":%lld,\"already\":%s}", (long long)id, already ? "true" : "false");
    char *body = malloc((size_t)n + 1);
    if (!body) {
        rasd_http_error(res, 500, "internal", "out of memory");
        return;
    }
    memcpy(body, json, (size_t)n + 1);
    rasd_http_json(res, already ? 200 : 201, body, (size_t)n);
}

static void send_asset(const rasd_server *srv, const rasd_asset *a, const rasd_http_request *req,
                       rasd_http_response *res) {
    res->etag = a->etag;
    /* revalidated each time (cheap: a 304), so a new binary's UI is seen at once */
    res->cache_control = "no-cache";
    res->content_type = a->mime;
    res->body_is_static = true;
    if (req->if_none_match && strstr(req->if_none_match, a->etag)) {
        res->status = 304;
        res->body = (char *)"";
        res->len = 0;
        return;
    }
    res->status = 200;
    res->body = (char *)a->data;
    res->len = a->len;
    size_t i = (size_t)(a - RASD_ASSETS);
    if (srv->gz && srv->gz[i]) {
        res->gzip_body = srv->gz[i]; /* static: not gzip_owned */
        res->gzip_len = srv->gz_len[i];
    }
}

static void h_static(void *app, const rasd_http_request *req, rasd_http_response *res) {
    const rasd_asset *a = rasd_asset_find(req->arg);
    if (!a) {
        rasd_http_error(res, 404, "not-found", "no such file in the web interface: %.200s", req->arg);
        return;
    }
    send_asset(app, a, req, res);
}

static void h_index(void *app, const rasd_http_request *req, rasd_http_response *res) {
    const rasd_asset *a = rasd_asset_find("index.html");
    if (!a) {
        rasd_http_error(res, 404, "not-found", "this build has no web interface");
        return;
    }
    send_asset(app, a, req, res);
}

static const rasd_http_route ROUTES[] = {
    {"GET", "/", h_index},
    {"GET", "/static/*", h_static},
    {"GET", "/api/health", h_health},
    {"GET", "/api/search", h_search},
    {"GET", "/api/stories", h_stories},
    {"GET", "/api/story/*", h_story},
    {"GET", "/api/article/*", h_article},
    {"GET", "/api/actors", h_actors},
    {"GET", "/api/actor/*", h_actor},
    {"GET", "/api/events", h_events},
    {"GET", "/api/quotes", h_quotes},
    {"GET", "/api/outlets", h_outlets},
    {"GET", "/api/timeline", h_timeline},
    {"GET", "/api/event-places", h_event_places},
    {"GET", "/api/names", h_names},
    {"GET", "/api/export", h_export},
    {"POST", "/api/ingest", h_ingest},
};

rasd_server *rasd_server_app_new(const rasd_server_options *opt, rasd_error *err) {
    rasd_server *srv = calloc(1, sizeof *srv);
    if (!srv) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory starting the server");
        return NULL;
    }
    srv->opt = *opt;
    /* one store per serving thread, and one spare for a streaming export */
    size_t n = (opt->http.threads ? opt->http.threads : 4) + 1;
    srv->stores = calloc(n, sizeof *srv->stores);
    srv->free_list = calloc(n, sizeof *srv->free_list);
    pthread_mutex_init(&srv->lock, NULL);
    pthread_cond_init(&srv->available, NULL);
    if (!srv->stores || !srv->free_list) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory starting the server");
        rasd_server_app_destroy(srv);
        return NULL;
    }
    srv->gz = calloc(RASD_N_ASSETS ? RASD_N_ASSETS : 1, sizeof *srv->gz);
    srv->gz_len = calloc(RASD_N_ASSETS ? RASD_N_ASSETS : 1, sizeof *srv->gz_len);
    for (size_t i = 0; srv->gz && srv->gz_len && i < RASD_N_ASSETS; i++) {
        const rasd_asset *a = &RASD_ASSETS[i];
        if (!rasd_http_compressible(a->mime) || a->len < 256) continue;
        srv->gz[i] = rasd_http_gzip(a->data, a->len, 9, &srv->gz_len[i]);
        /* kept only where it saves something */
        if (srv->gz[i] && srv->gz_len[i] >= a->len) {
            free(srv->gz[i]);
            srv->gz[i] = NULL;
        }
    }
    if (opt->cache_bytes != SIZE_MAX) {
        srv->cache = rasd_cache_new(opt->cache_bytes ? opt->cache_bytes : (size_t)128 << 20,
                                    opt->store_version ? 300 : 5);
        if (!srv->cache) {
            rasd_fail(err, RASD_ERR_NOMEM, "out of memory starting the server");
            rasd_server_app_destroy(srv);
            return NULL;
        }
    }
    for (; srv->n_stores < n; srv->n_stores++) {
        rasd_store *s = opt->open_store(opt->open_ctx, err);
        if (!s) {
            rasd_server_app_destroy(srv);
            return NULL;
        }
        srv->stores[srv->n_stores] = s;
        srv->free_list[srv->n_free++] = s;
    }
    return srv;
}

void rasd_server_app_destroy(rasd_server *srv) {
    if (!srv) return;
    for (size_t i = 0; i < srv->n_stores; i++) rasd_store_close(srv->stores[i]);
    free(srv->stores);
    free(srv->free_list);
    for (size_t i = 0; srv->gz && i < RASD_N_ASSETS; i++) free(srv->gz[i]);
    free(srv->gz);
    free(srv->gz_len);
    rasd_cache_destroy(srv->cache);
    pthread_mutex_destroy(&srv->lock);
    pthread_cond_destroy(&srv->available);
    free(srv);
}

/* The cache's key of a read request: its path and parameters as sent;
 * false for what is not cached (writes, the streamed export, the UI's
 * files, which are in memory already) or a key too long to keep. */
static bool cache_key(const rasd_http_request *req, char *key, size_t size) {
    if ((strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) ||
        strncmp(req->path, "/api/", 5) != 0 || strcmp(req->path, "/api/export") == 0)
        return false;
    size_t n = (size_t)snprintf(key, size, "%s", req->path);
    for (size_t i = 0; i < req->n_params && n < size; i++)
        n += (size_t)snprintf(key + n, size - n, "%c%s=%s", i ? '&' : '?', req->params[i].name,
                              req->params[i].value);
    return n < size;
}

/* A cached answer into res: its gzip form alone when the client takes it. */
static bool from_cache(rasd_server *srv, const rasd_http_request *req, const char *key, uint64_t version,
                       rasd_http_response *res) {
    char *body;
    size_t len;
    bool gz = false;
    if (!rasd_cache_get(srv->cache, key, version, req->accepts_gzip, &body, &len, &gz)) return false;
    memset(res, 0, sizeof *res);
    if (gz) {
        rasd_http_json(res, 200, NULL, 0);
        res->gzip_body = (unsigned char *)body;
        res->gzip_len = len;
        res->gzip_owned = true;
    } else {
        rasd_http_json(res, 200, body, len);
    }
    return true;
}

static uint64_t version_of(const rasd_server *srv) {
    uint64_t v = srv->opt.store_version ? srv->opt.store_version(srv->opt.version_ctx) : 0;
    return v + __atomic_load_n(&srv->writes, __ATOMIC_SEQ_CST) * 0x9e3779b97f4a7c15ull;
}

void rasd_server_handle(rasd_server *srv, rasd_http_request *req, rasd_http_response *res) {
    char key[RASD_HTTP_MAX_QUERY + 512];
    bool cacheable = srv->cache && cache_key(req, key, sizeof key);
    uint64_t version = cacheable ? version_of(srv) : 0;
    if (cacheable && from_cache(srv, req, key, version, res)) return;
    /* the first of many asking for it computes it; the others take its answer */
    bool mine = cacheable && rasd_cache_claim(srv->cache, key);
    if (cacheable && !mine && from_cache(srv, req, key, version, res)) return;
    rasd_http_dispatch(ROUTES, sizeof ROUTES / sizeof ROUTES[0], srv, req, res);
    /* only whole answers; errors are cheap to give again */
    if (cacheable && res->status == 200 && res->body && !res->stream_next && !res->body_is_static) {
        /* kept with its gzip form, so a hit costs a copy, not a compression */
        size_t zlen = 0;
        unsigned char *z = res->len >= 256 ? rasd_http_gzip(res->body, res->len, 4, &zlen) : NULL;
        rasd_cache_put(srv->cache, key, version, res->body, res->len, z, zlen);
        if (z && req->accepts_gzip) {
            res->gzip_body = z;
            res->gzip_len = zlen;
            res->gzip_owned = true;
        } else {
            free(z);
        }
    }
    if (mine) rasd_cache_release(srv->cache, key);
}

static void handle_any(void *app, rasd_http_request *req, rasd_http_response *res) {
    rasd_server_handle(app, req, res);
}

/* The answers the web interface asks for first, computed once at start
 * in the background, so that its first visitor does not wait for the
 * store-wide lists (the actors list sums every mention). */
static void *warm_up(void *arg) {
    rasd_server *srv = arg;
    static const char *const PATHS[] = {"/api/health", "/api/stories", "/api/actors", "/api/outlets",
                                        "/api/events", "/api/quotes", "/api/timeline"};
    for (size_t i = 0; i < sizeof PATHS / sizeof PATHS[0]; i++) {
        rasd_http_request req = {.method = "GET", .path = PATHS[i], .accepts_gzip = true};
        rasd_http_response res;
        rasd_server_handle(srv, &req, &res);
        rasd_http_response_clear(&res);
    }
    return NULL;
}

rasd_server *rasd_server_start(const rasd_server_options *opt, rasd_error *err) {
    rasd_server *srv = rasd_server_app_new(opt, err);
    if (!srv) return NULL;
    rasd_http_options h = opt->http;
    h.handle = handle_any;
    h.app = srv;
    srv->http = rasd_http_start(&h, err);
    if (!srv->http) {
        rasd_server_app_destroy(srv);
        return NULL;
    }
    if (srv->cache) srv->warming = pthread_create(&srv->warmer, NULL, warm_up, srv) == 0;
    return srv;
}

unsigned rasd_server_port(const rasd_server *srv) { return rasd_http_port(srv->http); }

void rasd_server_stop(rasd_server *srv) {
    if (!srv) return;
    if (srv->warming) pthread_join(srv->warmer, NULL);
    rasd_http_stop(srv->http);
    rasd_server_app_destroy(srv);
}
