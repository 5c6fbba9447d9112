/*
 * http.c: the libmicrohttpd daemon behind `rasd serve`. It turns each
 * connection's request into an rasd_http_request (decoded path, query
 * parameters, bounded body), hands it to the dispatcher, and sends the
 * response with the headers every response carries (Content-Type,
 * nosniff, a strict Content-Security-Policy, Cache-Control).
 *
 * Bounds: the daemon's per-connection memory pool caps the request line
 * and headers (libmicrohttpd answers 414/431 itself past it), the
 * dispatcher refuses long query strings with a JSON 414 well below that,
 * bodies past RASD_HTTP_MAX_BODY are drained and refused with a 413, and
 * connections silent past the timeout (5 s: headers unfinished, or idle
 * between requests) are dropped, and one client address holds at most
 * max_per_client connections, so a client that opens a thousand slow
 * connections is refused past its share while everyone else is served.
 * Polling is epoll (MHD_USE_AUTO on Linux), so the number of connections
 * is bounded by the file limit, not by select's 1024.
 *
 * Every request is logged as one line when it completes (access_log.c's
 * format: time, client, method, path with query, status, bytes, ms), and
 * a foreign Host header is answered 421 before any route runs.
 */
#include "server/http.h"
#include "core/internal.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

struct rasd_http_server {
    struct MHD_Daemon *daemon;
    rasd_http_options opt;
    unsigned port;
    FILE *log_file; /* --access-log, or NULL */
};

/* One request's state, from the URI callback (which sees the raw URI and
 * so the query string's true length) to the completion callback. */
typedef struct conn_state {
    size_t query_len;
    rasd_buf body;
    bool body_too_large;
    bool seen; /* the first call (headers only) is past */
    struct timespec started;
    /* for the access log line */
    char *uri;          /* as received: path and query */
    char client[INET6_ADDRSTRLEN];
    char method[16];
    unsigned status;    /* 0: libmicrohttpd answered (or the client left) */
    unsigned long long bytes; /* body bytes handed to libmicrohttpd */
} conn_state;

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn) {
    (void)cls;
    conn_state *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    const char *q = strchr(uri, '?');
    st->query_len = q ? strlen(q + 1) : 0;
    clock_gettime(CLOCK_MONOTONIC, &st->started);
    st->uri = strdup(uri);
    strcpy(st->client, "-");
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, st->client, sizeof st->client);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, st->client, sizeof st->client);
    }
    return st;
}

static double ms_since(const struct timespec *t0) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    (void)conn;
    rasd_http_server *srv = cls;
    conn_state *st = *con_cls;
    if (!st) return;
    if (srv->log_file || !srv->opt.quiet) {
        char line[2400];
        rasd_http_log_line(line, sizeof line, time(NULL), st->client, st->method[0] ? st->method : "-",
                           st->uri ? st->uri : "-", st->status, st->bytes, ms_since(&st->started),
                           toe != MHD_REQUEST_TERMINATED_COMPLETED_OK);
        /* one write per line, so lines from the pool's threads never mix */
        if (srv->log_file) fputs(line, srv->log_file);
        if (!srv->opt.quiet) fputs(line, stderr);
    }
    rasd_buf_free(&st->body);
    free(st->uri);
    free(st);
    *con_cls = NULL;
}

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    rasd_http_request *req = cls;
    if (req->n_params == RASD_HTTP_MAX_PARAMS) {
        req->too_many_params = true;
        return MHD_NO;
    }
    req->params[req->n_params].name = key ? key : "";
    req->params[req->n_params].value = value ? value : "";
    req->n_params++;
    return MHD_YES;
}

/* The streamed body's reader: hands out the producer's chunks. */
typedef struct stream {
    rasd_http_response res; /* owns the producer */
    char *chunk;
    size_t len, pos;
    bool done;
    unsigned long long *bytes; /* the request's count, for the log (read
                                * before the request completes, so alive) */
} stream;

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max) {
    (void)pos;
    stream *s = cls;
    while (s->pos == s->len) {
        free(s->chunk);
        s->chunk = NULL;
        s->len = s->pos = 0;
        if (s->done || !s->res.stream_next(s->res.stream_ctx, &s->chunk, &s->len)) {
            s->done = true;
            if (s->len == 0) return MHD_CONTENT_READER_END_OF_STREAM;
        }
    }
    size_t n = s->len - s->pos < max ? s->len - s->pos : max;
    memcpy(buf, s->chunk + s->pos, n);
    s->pos += n;
    if (s->bytes) *s->bytes += n;
    return (ssize_t)n;
}

static void stream_free(void *cls) {
    stream *s = cls;
    free(s->chunk);
    rasd_http_response_clear(&s->res);
    free(s);
}

static const char CSP[] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                          "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

static enum MHD_Result send_response(struct MHD_Connection *conn, conn_state *cs, rasd_http_response *res) {
    struct MHD_Response *r;
    cs->status = res->status;
    const char *ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    bool gzip_ok = rasd_http_accepts_gzip(ae), gzipped = false, vary = false;
    if (!res->stream_next && rasd_http_compressible(res->content_type)) {
        vary = true; /* the body depends on Accept-Encoding: caches must know */
        if (gzip_ok && res->gzip_body) { /* made once (at start, or when cached) */
            if (!res->body_is_static) free(res->body);
            res->body = (char *)res->gzip_body;
            res->len = res->gzip_len;
            res->body_is_static = !res->gzip_owned;
            res->gzip_body = NULL;
            res->gzip_owned = false;
            gzipped = true;
        } else if (gzip_ok && res->len >= 256 && !res->body_is_static) {
            /* level 4: most of level 9's gain for a fraction of its time */
            size_t zlen = 0;
            unsigned char *z = rasd_http_gzip(res->body, res->len, 4, &zlen);
            if (z) {
                free(res->body);
                res->body = (char *)z;
                res->len = zlen;
                gzipped = true;
            }
        }
    }
    if (res->stream_next) {
        stream *s = calloc(1, sizeof *s);
        if (!s) {
            rasd_http_response_clear(res);
            return MHD_NO;
        }
        s->res = *res;
        memset(res, 0, sizeof *res);
        s->res.body = NULL;
        s->bytes = &cs->bytes;
        r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, stream_read, s, stream_free);
        if (!r) {
            stream_free(s);
            return MHD_NO;
        }
        res->status = s->res.status;
        res->content_type = s->res.content_type;
        res->cache_control = s->res.cache_control;
    } else if (res->body_is_static) {
        r = MHD_create_response_from_buffer(res->len, res->body, MHD_RESPMEM_PERSISTENT);
        cs->bytes = res->len;
    } else {
        cs->bytes = res->len;
        /* libmicrohttpd frees the body with free() when it is sent */
        r = MHD_create_response_from_buffer(res->len, res->body, MHD_RESPMEM_MUST_FREE);
        if (r) res->body = NULL;
    }
    if (!r) {
        rasd_http_response_clear(res);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
                            res->content_type ? res->content_type : "application/json; charset=utf-8");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, res->cache_control ? res->cache_control : "no-store");
    if (res->etag) MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, res->etag);
    if (res->allow) MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, res->allow);
    if (vary) MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
    if (gzipped) MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
    enum MHD_Result ret = MHD_queue_response(conn, res->status, r);
    MHD_destroy_response(r);
    rasd_http_response_clear(res);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)version;
    rasd_http_server *srv = cls;
    conn_state *st = *con_cls;
    if (!st) return MHD_NO; /* the URI callback ran out of memory */
    if (!st->method[0]) snprintf(st->method, sizeof st->method, "%s", method);
    if (!st->seen) {
        /* The first call has the headers only. Answering in it would make
         * libmicrohttpd close the connection (the request is not read to
         * its end), so every request is answered in a later call, keeping
         * connections alive; a declared body over the limit is refused
         * at once all the same, without reading it. */
        st->seen = true;
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (!cl || strtoull(cl, NULL, 10) <= RASD_HTTP_MAX_BODY) return MHD_YES;
        st->body_too_large = true;
    } else if (*upload_data_size) {
        if (!st->body_too_large && st->body.len + *upload_data_size <= RASD_HTTP_MAX_BODY)
            rasd_buf_append(&st->body, upload_data, *upload_data_size);
        else
            st->body_too_large = true; /* drained, not kept */
        *upload_data_size = 0;
        return MHD_YES;
    }

    rasd_http_request req = {0};
    req.method = method;
    req.path = url;
    req.query_len = st->query_len;
    if (st->body.oom) {
        rasd_http_response res = {0};
        rasd_http_error(&res, 500, "internal", "out of memory reading the request body");
        return send_response(conn, st, &res);
    }
    req.body = st->body.data;
    req.body_len = st->body_too_large ? RASD_HTTP_MAX_BODY + 1 : st->body.len;
    req.if_none_match = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    req.host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    req.origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
    req.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    req.authorization = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    req.fetch_site = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Sec-Fetch-Site");
    req.accepts_gzip =
        rasd_http_accepts_gzip(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING));
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_param, &req);

    rasd_http_response res;
    if (!rasd_http_host_allowed(req.host, srv->opt.public_hosts, srv->opt.n_public_hosts)) {
        /* DNS rebinding: a page on another site, its name now pointing
         * here, must not read the store (start with --public-host NAME to
         * serve a name of this machine) */
        memset(&res, 0, sizeof res);
        rasd_http_error(&res, 421, "unknown-host",
                        "this server does not answer to the name \"%.100s\" (see rasd serve --public-host)",
                        req.host);
    } else {
        srv->opt.handle(srv->opt.app, &req, &res);
    }
    return send_response(conn, st, &res);
}

static void log_mhd(void *cls, const char *fmt, va_list ap) {
    (void)cls;
    fputs("rasd serve: libmicrohttpd: ", stderr);
    vfprintf(stderr, fmt, ap);
}

rasd_http_server *rasd_http_start(const rasd_http_options *opt, rasd_error *err) {
    rasd_http_server *srv = calloc(1, sizeof *srv);
    if (!srv) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory starting the server");
        return NULL;
    }
    srv->opt = *opt;
    const char *bind = opt->bind ? opt->bind : "127.0.0.1";
    struct sockaddr_in a4 = {0};
    struct sockaddr_in6 a6 = {0};
    struct sockaddr *addr;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    if (inet_pton(AF_INET, bind, &a4.sin_addr) == 1) {
        a4.sin_family = AF_INET;
        a4.sin_port = htons((uint16_t)opt->port);
        addr = (struct sockaddr *)&a4;
    } else if (inet_pton(AF_INET6, bind, &a6.sin6_addr) == 1) {
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons((uint16_t)opt->port);
        addr = (struct sockaddr *)&a6;
        flags |= MHD_USE_IPv6;
    } else {
        free(srv);
        rasd_fail(err, RASD_ERR_USAGE, "--bind: \"%s\" is not an IPv4 or IPv6 address", bind);
        return NULL;
    }
    if (opt->port > 65535) {
        free(srv);
        rasd_fail(err, RASD_ERR_USAGE, "--port: %u is not a TCP port", opt->port);
        return NULL;
    }
    unsigned threads = opt->threads ? opt->threads : 4;
    if (opt->access_log) {
        srv->log_file = fopen(opt->access_log, "a");
        if (!srv->log_file) {
            rasd_fail(err, RASD_ERR_IO, "--access-log: cannot open %s for appending", opt->access_log);
            free(srv);
            return NULL;
        }
        setvbuf(srv->log_file, NULL, _IOLBF, 0); /* a line is on disk when its request ends */
    }
    /* As many connections as the file limit allows (raised to its hard
     * maximum first), less a margin for the stores and the log: the cap
     * per client, not this, is what keeps one client from taking them. */
    struct rlimit rl;
    unsigned limit = 1024;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        if (rl.rlim_cur < rl.rlim_max) {
            rl.rlim_cur = rl.rlim_max;
            setrlimit(RLIMIT_NOFILE, &rl);
            getrlimit(RLIMIT_NOFILE, &rl);
        }
        rlim_t usable = rl.rlim_cur > 200 ? rl.rlim_cur - 100 : 100;
        limit = usable > 16384 ? 16384u : (unsigned)usable;
    }
    srv->daemon = MHD_start_daemon(
        flags, (uint16_t)opt->port, NULL, NULL, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, srv,
        MHD_OPTION_SOCK_ADDR, addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_CONNECTION_TIMEOUT, opt->timeout_s ? opt->timeout_s : 5u, MHD_OPTION_CONNECTION_LIMIT, limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, opt->max_per_client ? opt->max_per_client : 64u,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_END);
    if (!srv->daemon) {
        rasd_fail(err, RASD_ERR_NETWORK, "cannot listen on %s port %u (in use, or not an address of this machine)",
                  bind, opt->port);
        if (srv->log_file) fclose(srv->log_file);
        free(srv);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : opt->port;
    return srv;
}

unsigned rasd_http_port(const rasd_http_server *srv) { return srv->port; }

void rasd_http_stop(rasd_http_server *srv) {
    if (!srv) return;
    MHD_stop_daemon(srv->daemon);
    if (srv->log_file) fclose(srv->log_file);
    free(srv);
}
