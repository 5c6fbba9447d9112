/*
 * server.h: `rasd serve`'s application: the JSON API's routes over the
 * query layer, the embedded web interface, and a pool of store
 * connections (a store serves one thread at a time; each request borrows
 * one for its duration).
 */
#ifndef RASD_SERVER_H
#define RASD_SERVER_H

#include "server/http.h"
#include "storage/store.h"

typedef struct rasd_server rasd_server;

/* Opens a store for the pool (called `threads` times at start). */
typedef rasd_store *(*rasd_store_opener)(void *ctx, rasd_error *err);

/* Ingests one article posted to /api/ingest (its JSON body) into store;
 * fills *id. NULL when the server is read-only. */
typedef rasd_status (*rasd_ingest_fn)(void *ctx, rasd_store *store, const char *json, size_t len, int64_t *id,
                                      bool *already, rasd_error *err);

typedef struct rasd_server_options {
    rasd_http_options http;   /* routes, n_routes and app are filled in */
    rasd_store_opener open_store;
    void *open_ctx;
    const rasd_knowledge *knowledge; /* actor records for /api/actor; may be NULL */
    rasd_ingest_fn ingest;    /* NULL: read-only (POST /api/ingest is a 405... */
    void *ingest_ctx;         /* ...as is any other write) */
    const char *ingest_token; /* when set, POST /api/ingest needs
                                 "Authorization: Bearer TOKEN" */
    /* The answer cache (cache.h): the store's version, which changes
     * whenever it is written (NULL: unknown; answers then live 5 s), and
     * the cache's size in bytes (0: 128 MB; SIZE_MAX: no cache). */
    uint64_t (*store_version)(void *ctx);
    void *version_ctx;
    size_t cache_bytes;
} rasd_server_options;

rasd_server *rasd_server_start(const rasd_server_options *opt, rasd_error *err);
unsigned rasd_server_port(const rasd_server *srv);
void rasd_server_stop(rasd_server *srv);

/* The routes and the application, for tests that dispatch without a
 * socket: rasd_server_app_new opens the pool only. */
rasd_server *rasd_server_app_new(const rasd_server_options *opt, rasd_error *err);
void rasd_server_app_destroy(rasd_server *srv);
void rasd_server_handle(rasd_server *srv, rasd_http_request *req, rasd_http_response *res);

#endif
