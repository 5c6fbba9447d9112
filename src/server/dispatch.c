/*
 * dispatch.c: the part of the HTTP layer that needs no socket: route
 * matching, request limits, JSON error bodies and the mapping of library
 * statuses to HTTP statuses. Kept apart from libmicrohttpd so that a unit
 * test and a fuzz target can drive it with any bytes.
 */
#include "server/http.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yajl/yajl_gen.h>

const char *rasd_http_param_get(const rasd_http_request *req, const char *name) {
    for (size_t i = 0; i < req->n_params; i++)
        if (strcmp(req->params[i].name, name) == 0) return req->params[i].value;
    return NULL;
}

void rasd_http_response_clear(rasd_http_response *res) {
    if (!res->body_is_static) free(res->body);
    if (res->gzip_owned) free(res->gzip_body);
    if (res->stream_free) res->stream_free(res->stream_ctx);
    memset(res, 0, sizeof *res);
}

void rasd_http_json(rasd_http_response *res, unsigned status, char *json, size_t len) {
    rasd_http_response_clear(res);
    res->status = status;
    res->content_type = "application/json; charset=utf-8";
    res->body = json;
    res->len = len;
}

void rasd_http_error(rasd_http_response *res, unsigned status, const char *code, const char *fmt, ...) {
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    /* The message may quote a request's bytes: invalid UTF-8 becomes
     * U+FFFD first (yajl's own check lets some invalid sequences through),
     * and yajl escapes the rest. */
    char *clean = NULL;
    size_t clean_len = 0;
    rasd_utf8_report report;
    if (rasd_utf8_sanitize(message, strlen(message), false, &clean, &clean_len, &report, NULL) == RASD_OK) {
        snprintf(message, sizeof message, "%s", clean);
        free(clean);
    }
    char *json = NULL;
    size_t len = 0;
    yajl_gen g = yajl_gen_alloc(NULL);
    if (g) {
        yajl_gen_config(g, yajl_gen_validate_utf8, 1);
        bool ok = yajl_gen_map_open(g) == yajl_gen_status_ok;
        ok = ok && yajl_gen_string(g, (const unsigned char *)"error", 5) == yajl_gen_status_ok;
        ok = ok && yajl_gen_map_open(g) == yajl_gen_status_ok;
        ok = ok && yajl_gen_string(g, (const unsigned char *)"code", 4) == yajl_gen_status_ok;
        ok = ok && yajl_gen_string(g, (const unsigned char *)code, strlen(code)) == yajl_gen_status_ok;
        ok = ok && yajl_gen_string(g, (const unsigned char *)"message", 7) == yajl_gen_status_ok;
        if (ok && yajl_gen_string(g, (const unsigned char *)message, strlen(message)) != yajl_gen_status_ok) {
            static const char FALLBACK[] = "the request holds bytes that are not UTF-8";
            ok = yajl_gen_string(g, (const unsigned char *)FALLBACK, sizeof FALLBACK - 1) == yajl_gen_status_ok;
        }
        ok = ok && yajl_gen_map_close(g) == yajl_gen_status_ok && yajl_gen_map_close(g) == yajl_gen_status_ok;
        const unsigned char *out;
        size_t out_len;
        if (ok && yajl_gen_get_buf(g, &out, &out_len) == yajl_gen_status_ok && (json = malloc(out_len + 1))) {
            memcpy(json, out, out_len);
            json[out_len] = '\0';
            len = out_len;
        }
        yajl_gen_free(g);
    }
    if (!json) {
        static const char OOM[] = "{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}";
        rasd_http_response_clear(res);
        res->status = 500;
        res->content_type = "application/json; charset=utf-8";
        res->body = (char *)OOM;
        res->len = sizeof OOM - 1;
        res->body_is_static = true;
        return;
    }
    rasd_http_json(res, status, json, len);
}

unsigned rasd_http_status_of(rasd_status code) {
    switch (code) {
    case RASD_OK: return 200;
    case RASD_ERR_NOT_FOUND: return 404;
    case RASD_ERR_USAGE:
    case RASD_ERR_FORMAT:
    case RASD_ERR_UTF8:
    case RASD_ERR_EMPTY:
    case RASD_ERR_BINARY:
    case RASD_ERR_NOT_ARABIC: return 400;
    case RASD_ERR_TOO_LARGE: return 413;
    default: return 500;
    }
}

const char *rasd_http_code_of(rasd_status code) {
    switch (code) {
    case RASD_ERR_NOT_FOUND: return "not-found";
    case RASD_ERR_USAGE: return "bad-parameter";
    case RASD_ERR_TOO_LARGE: return "too-large";
    case RASD_ERR_FORMAT:
    case RASD_ERR_UTF8:
    case RASD_ERR_EMPTY:
    case RASD_ERR_BINARY:
    case RASD_ERR_NOT_ARABIC: return "bad-input";
    default: return "internal";
    }
}

/* A pattern matches the whole path; a trailing '*' matches one or more
 * bytes of a single segment (no '/'), captured in *arg. */
static bool match(const char *pattern, const char *path, const char **arg) {
    size_t n = strlen(pattern);
    if (n && pattern[n - 1] == '*') {
        if (strncmp(pattern, path, n - 1) != 0) return false;
        const char *rest = path + n - 1;
        if (!*rest || strchr(rest, '/')) return false;
        *arg = rest;
        return true;
    }
    return strcmp(pattern, path) == 0;
}

void rasd_http_dispatch(const rasd_http_route *routes, size_t n_routes, void *app, rasd_http_request *req,
                        rasd_http_response *res) {
    memset(res, 0, sizeof *res);
    if (req->query_len > RASD_HTTP_MAX_QUERY) {
        rasd_http_error(res, 414, "uri-too-long", "the query string has %zu bytes; at most %d are accepted",
                        req->query_len, RASD_HTTP_MAX_QUERY);
        return;
    }
    if (req->too_many_params) {
        rasd_http_error(res, 400, "bad-parameter", "more than %d query parameters", RASD_HTTP_MAX_PARAMS);
        return;
    }
    if (req->body_len > RASD_HTTP_MAX_BODY) {
        rasd_http_error(res, 413, "too-large", "the request body is over %zu bytes", RASD_HTTP_MAX_BODY);
        return;
    }
    char allow[64] = "";
    for (size_t i = 0; i < n_routes; i++) {
        const char *arg = NULL;
        if (!match(routes[i].pattern, req->path, &arg)) continue;
        if (strcmp(routes[i].method, req->method) == 0 ||
            (strcmp(req->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0)) {
            req->arg = arg;
            routes[i].handler(app, req, res);
            if (!res->status) rasd_http_error(res, 500, "internal", "the handler of %s gave no response", req->path);
            return;
        }
        if (!strstr(allow, routes[i].method) && strlen(allow) + strlen(routes[i].method) + 3 < sizeof allow) {
            if (*allow) strcat(allow, ", ");
            strcat(allow, routes[i].method);
        }
    }
    if (*allow) {
        rasd_http_error(res, 405, "method-not-allowed", "%s is not allowed here; allowed: %s", req->method, allow);
        res->allow = strstr(allow, "GET") ? (strstr(allow, "POST") ? "GET, HEAD, POST" : "GET, HEAD") : "POST";
        return;
    }
    rasd_http_error(res, 404, "not-found", "no such resource: %s", req->path);
}

/* Whether name[0..n) equals want, ignoring case and one trailing dot
 * (a fully qualified "localhost." is the same name). */
static bool same_name(const char *name, size_t n, const char *want) {
    if (n && name[n - 1] == '.') n--;
    size_t w = strlen(want);
    if (w && want[w - 1] == '.') w--;
    return n == w && n && strncasecmp(name, want, n) == 0;
}

bool rasd_http_host_allowed(const char *host, const char *const *public_hosts, size_t n_public) {
    if (!host) return true;
    char name[256];
    size_t n = strlen(host);
    const char *port = NULL;
    bool v6 = false;
    if (host[0] == '[') { /* [v6]:port */
        const char *close = strchr(host, ']');
        if (!close || (size_t)(close - host - 1) >= sizeof name) return false;
        memcpy(name, host + 1, (size_t)(close - host - 1));
        name[close - host - 1] = '\0';
        if (close[1] && close[1] != ':') return false;
        port = close[1] ? close + 2 : NULL;
        struct in6_addr a6;
        if (inet_pton(AF_INET6, name, &a6) != 1) return false;
        v6 = true;
    } else {
        const char *colon = strchr(host, ':');
        if (colon && strchr(colon + 1, ':')) return false; /* a bare v6 literal is not a Host */
        size_t len = colon ? (size_t)(colon - host) : n;
        if (len >= sizeof name) return false;
        memcpy(name, host, len);
        name[len] = '\0';
        port = colon ? colon + 1 : NULL;
        n = len;
    }
    if (port) {
        if (!*port || strlen(port) > 5) return false;
        for (const char *p = port; *p; p++)
            if (*p < '0' || *p > '9') return false;
    }
    if (v6) return true;
    if (n == 0) return false;
    struct in_addr a4;
    if (inet_pton(AF_INET, name, &a4) == 1) return true;
    if (same_name(name, n, "localhost")) return true;
    for (size_t i = 0; i < n_public; i++) {
        const char *p = public_hosts[i];
        /* a public name given with a port must match it too */
        if (strchr(p, ':') ? strcasecmp(p, host) == 0 : same_name(name, n, p)) return true;
    }
    return false;
}
