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
#include <time.h>

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
    /* Headers the write routes check (NULL when absent): a browser page
     * on another site can send a POST, but not forge these. */
    const char *host, *origin, *content_type, *authorization, *fetch_site;
    bool accepts_gzip;        /* Accept-Encoding takes gzip */
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
    /* The body's gzip form, ready (NULL: compressed on the way out if the
     * client takes gzip and the type is text): static, or malloc'd when
     * gzip_owned (body may then be NULL: the client takes gzip). */
    unsigned char *gzip_body;
    size_t gzip_len;
    bool gzip_owned;
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

/* Whether a Host header names this server: an IP literal (v4, or v6 in
 * brackets), "localhost", or one of the n public names, each with or
 * without a port. Anything else is a name some other site's DNS points
 * here (DNS rebinding). A missing Host (HTTP/1.0) passes: browsers always
 * send one. */
bool rasd_http_host_allowed(const char *host, const char *const *public_hosts, size_t n_public);

/* Whether an Accept-Encoding value accepts gzip (not "gzip;q=0"). */
bool rasd_http_accepts_gzip(const char *accept_encoding);

/* Whether a Content-Type is worth compressing (text, JSON, JS, SVG). */
bool rasd_http_compressible(const char *content_type);

/* Compresses len bytes into a malloc'd gzip member; NULL on failure. */
unsigned char *rasd_http_gzip(const void *data, size_t len, int level, size_t *out_len);

/* One access log line (ending in a newline) into buf:
 *   2026-12-07T06:41:02Z 127.0.0.1 GET /api/search?q=... 200 5123 12.4
 * time (ISO 8601, UTC), client address, method, path with query, status
 * ("-" when the server never answered), body bytes sent, milliseconds from
 * the request line to the end of the response; " aborted" when the client
 * left early. Bytes that could fake a line or a field (controls, spaces,
 * quotes, backslashes, non-ASCII) in the path are written as \xHH. */
void rasd_http_log_line(char *buf, size_t size, time_t when, const char *client, const char *method,
                        const char *uri, unsigned status, unsigned long long bytes, double ms, bool aborted);

/* Frees what a response owns. */
void rasd_http_response_clear(rasd_http_response *res);

/* The daemon. */
typedef struct rasd_http_server rasd_http_server;

typedef struct rasd_http_options {
    const char *bind;         /* IPv4 or IPv6 literal; NULL: 127.0.0.1 */
    unsigned port;            /* 0: let the system choose (see rasd_http_port) */
    unsigned threads;         /* 0: 4 */
    unsigned timeout_s;       /* seconds a connection may stay silent (headers
                                 unfinished, or idle between requests); 0: 5 */
    unsigned max_per_client;  /* simultaneous connections per client address; 0: 64 */
    const char *const *public_hosts; /* Host names accepted besides IP literals */
    size_t n_public_hosts;    /* and localhost (rasd_http_host_allowed) */
    const char *access_log;   /* a file to append the access log to, or NULL */
    /* what answers each request (the application's routes, its cache) */
    void (*handle)(void *app, rasd_http_request *req, rasd_http_response *res);
    void *app;                /* passed to handle */
    bool quiet;               /* no access log on stderr (access_log still written) */
} rasd_http_options;

rasd_http_server *rasd_http_start(const rasd_http_options *opt, rasd_error *err);
/* The port actually listened on. */
unsigned rasd_http_port(const rasd_http_server *srv);
/* Stops accepting, waits for requests in flight, frees. */
void rasd_http_stop(rasd_http_server *srv);

#endif
