/*
 * http.h: the HTTP layer of `rasd serve`: libmicrohttpd underneath, one
 * route table on top (method, path pattern, handler), JSON errors, bounded
 * requests, security headers. Handlers never see libmicrohttpd: they read
 * an rasd_http_request and fill an rasd_http_response, so routing and
 * parameter checks can be tested (and fuzzed) without a socket.
 */
#ifndef RASD_HTTP_H
#define RASD_HTTP_H

#include "rasd.h"

#include <stdbool.h>
#include <stddef.h>

/* Limits, shared by the daemon and the dispatcher. */
#define RASD_HTTP_MAX_QUERY 4096          /* bytes of query string (414 past it) */
#define RASD_HTTP_MAX_BODY ((size_t)4 << 20) /* bytes of POST body (413 past it) */
#define RASD_HTTP_MAX_PARAMS 32

typedef struct rasd_http_param {
    const char *name, *value;
} rasd_http_param;

typedef struct rasd_http_request {
    const char *method;       /* "GET", "POST", ... */
    const char *path;         /* decoded path, without the query string */
    size_t query_len;         /* length of the raw query string */
    rasd_http_param params[RASD_HTTP_MAX_PARAMS];
    size_t n_params;
    bool too_many_params;
    const char *body;         /* POST body, or NULL */
    size_t body_len;
    const char *if_none_match; /* the request's If-None-Match, or NULL */
    const char *arg;          /* the part of the path a route's '*' matched */
} rasd_http_request;

typedef struct rasd_http_response {
    unsigned status;
    const char *content_type;
    char *body;               /* malloc'd, or points at `static_body` data */
    size_t len;
    bool body_is_static;      /* do not free body */
    const char *etag;         /* quoted ETag, or NULL */
    const char *cache_control; /* or NULL: "no-store" */
    const char *allow;        /* Allow header for a 405, or NULL */
    /* A streamed body: next() appends the next chunk to out and returns
     * false at the end (or on error, which truncates the response); free()
     * releases ctx. Used instead of body when set. */
    bool (*stream_next)(void *ctx, char **out, size_t *out_len);
    void (*stream_free)(void *ctx);
    void *stream_ctx;
} rasd_http_response;

/* A handler fills res (status, body) and returns nothing: failures are
 * responses too (rasd_http_error). */
typedef void (*rasd_http_handler)(void *app, const rasd_http_request *req, rasd_http_response *res);

typedef struct rasd_http_route {
    const char *method;       /* "GET" or "POST" */
    const char *pattern;      /* "/api/story/\*": a trailing '*' matches one or more bytes */
    rasd_http_handler handler;
} rasd_http_route;

/* The value of query parameter name, or NULL. */
const char *rasd_http_param_get(const rasd_http_request *req, const char *name);

/* Fills res with the JSON error {"error":{"code":...,"message":...}}. */
void rasd_http_error(rasd_http_response *res, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Sets a malloc'd JSON body (takes ownership of json). */
void rasd_http_json(rasd_http_response *res, unsigned status, char *json, size_t len);

/* The error code and HTTP status that mean a library status. */
unsigned rasd_http_status_of(rasd_status code);
const char *rasd_http_code_of(rasd_status code);

/* Finds the route for req (setting req->arg) and runs it; an unknown path
 * is a 404, a known path with another method a 405 with Allow, a request
 * over the limits a 413/414/400. Always leaves a complete response. */
void rasd_http_dispatch(const rasd_http_route *routes, size_t n_routes, void *app, rasd_http_request *req,
                        rasd_http_response *res);

/* Frees what a response owns. */
void rasd_http_response_clear(rasd_http_response *res);

/* The daemon. */
typedef struct rasd_http_server rasd_http_server;

typedef struct rasd_http_options {
    const char *bind;         /* IPv4 or IPv6 literal; NULL: 127.0.0.1 */
    unsigned port;            /* 0: let the system choose (see rasd_http_port) */
    unsigned threads;         /* 0: 4 */
    unsigned timeout_s;       /* idle connection timeout; 0: 30 */
    const rasd_http_route *routes;
    size_t n_routes;
    void *app;                /* passed to every handler */
    bool quiet;               /* no access log on stderr */
} rasd_http_options;

rasd_http_server *rasd_http_start(const rasd_http_options *opt, rasd_error *err);
/* The port actually listened on. */
unsigned rasd_http_port(const rasd_http_server *srv);
/* Stops accepting, waits for requests in flight, frees. */
void rasd_http_stop(rasd_http_server *srv);

#endif
