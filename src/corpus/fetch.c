/*
 * fetch.c: see fetch.h. libcurl does the protocol work; this file only
 * sets its limits, collects the body and the headers a watcher needs, and
 * turns failures into rasd errors that name the URL.
 */
#include "fetch.h"

#include "core/internal.h"

#include <ctype.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_code;
/* curl_global_init is not thread-safe: once, before any handle. */
static void init_curl(void) { curl_init_code = curl_global_init(CURL_GLOBAL_DEFAULT); }

typedef struct sink {
    rasd_buf body;
    size_t max;
    bool too_large;
    rasd_fetch_result *out;
} sink;

static size_t on_body(char *data, size_t size, size_t n, void *ctx) {
    sink *s = ctx;
    size_t bytes = size * n;
    if (s->body.len + bytes > s->max) {
        s->too_large = true;
        return 0; /* aborts the transfer */
    }
    rasd_buf_append(&s->body, data, bytes);
    return s->body.oom ? 0 : bytes;
}

/* A header's value, trimmed, malloc'd; NULL when empty (a NUL in a broken
 * header would otherwise leave an empty string, which callers take for a
 * validator to send back). */
static char *header_value(const char *line, size_t len, size_t name_len) {
    const char *v = line + name_len;
    const char *end = line + len;
    while (v < end && (*v == ' ' || *v == '\t')) v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t')) end--;
    if (end <= v || !*v) return NULL;
    return strndup(v, (size_t)(end - v));
}

static void set_field(char **dst, char *v) {
    free(*dst);
    *dst = v;
}

/* Splits "text/html; charset=windows-1256" into type and charset. */
static void parse_content_type(rasd_fetch_result *r, const char *v) {
    size_t tl = strcspn(v, ";");
    while (tl && isspace((unsigned char)v[tl - 1])) tl--;
    char *type = tl ? strndup(v, tl) : NULL;
    if (type)
        for (char *p = type; *p; p++) *p = (char)tolower((unsigned char)*p);
    set_field(&r->content_type, type);
    const char *cs = NULL;
    for (const char *p = v; *p; p++)
        if (!strncasecmp(p, "charset=", 8)) {
            cs = p + 8;
            break;
        }
    if (!cs) return;
    if (*cs == '"' || *cs == '\'') cs++;
    size_t cl = strcspn(cs, "\"'; \t\r\n");
    set_field(&r->charset, cl ? strndup(cs, cl) : NULL);
}

static size_t on_header(char *data, size_t size, size_t n, void *ctx) {
    sink *s = ctx;
    size_t len = size * n;
    rasd_fetch_result *r = s->out;
    if (len >= 5 && !strncmp(data, "HTTP/", 5)) {
        /* a new answer (after a redirect): forget the previous one's */
        set_field(&r->etag, NULL);
        set_field(&r->last_modified, NULL);
        set_field(&r->content_type, NULL);
        set_field(&r->charset, NULL);
    } else if (len > 5 && !strncasecmp(data, "ETag:", 5)) {
        set_field(&r->etag, header_value(data, len, 5));
    } else if (len > 14 && !strncasecmp(data, "Last-Modified:", 14)) {
        set_field(&r->last_modified, header_value(data, len, 14));
    } else if (len > 13 && !strncasecmp(data, "Content-Type:", 13)) {
        char *v = header_value(data, len, 13);
        if (v) parse_content_type(r, v);
        free(v);
    }
    return len;
}

rasd_status rasd_fetch(const char *url, const rasd_fetch_options *opt, rasd_fetch_result *out, rasd_error *err) {
    memset(out, 0, sizeof *out);
    rasd_fetch_options none = {0};
    if (!opt) opt = &none;
    if (!url || (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8)))
        return rasd_fail(err, RASD_ERR_USAGE, "%s: only http and https URLs can be fetched", url ? url : "(null)");
    pthread_once(&curl_once, init_curl);
    if (curl_init_code != CURLE_OK)
        return rasd_fail(err, RASD_ERR_NETWORK, "%s: libcurl did not start: %s", url, curl_easy_strerror(curl_init_code));
    CURL *h = curl_easy_init();
    if (!h) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", url);
    sink s = {.max = opt->max_bytes ? opt->max_bytes : RASD_FETCH_MAX_BYTES, .out = out};
    char errbuf[CURL_ERROR_SIZE] = "";
    struct curl_slist *headers = NULL;
    char line[1200];
    if (opt->etag) {
        snprintf(line, sizeof line, "If-None-Match: %s", opt->etag);
        headers = curl_slist_append(headers, line);
    }
    if (opt->last_modified) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", opt->last_modified);
        headers = curl_slist_append(headers, line);
    }
    long redirects = opt->max_redirects ? opt->max_redirects : RASD_FETCH_MAX_REDIRECTS;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, redirects > 0 ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, redirects > 0 ? redirects : 0L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, opt->connect_timeout ? opt->connect_timeout : (long)RASD_FETCH_CONNECT_TIMEOUT);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, opt->timeout ? opt->timeout : (long)RASD_FETCH_TIMEOUT);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L); /* timeouts without SIGALRM: safe in threads */
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding libcurl can decode (gzip, deflate, ...) */
    curl_easy_setopt(h, CURLOPT_USERAGENT, opt->user_agent ? opt->user_agent : RASD_FETCH_USER_AGENT);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s.max);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &s);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    if (headers) curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    CURLcode rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out->status);
    char *final = NULL;
    curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &final);
    out->final_url = strdup(final ? final : url);
    curl_easy_cleanup(h);
    curl_slist_free_all(headers);
    rasd_status st = RASD_OK;
    if (s.too_large || rc == CURLE_FILESIZE_EXCEEDED)
        st = rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: the answer is over the limit of %zu bytes", url, s.max);
    else if (s.body.oom)
        st = rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", url);
    else if (rc != CURLE_OK)
        st = rasd_fail(err, RASD_ERR_NETWORK, "%s: %s", url, errbuf[0] ? errbuf : curl_easy_strerror(rc));
    else if (out->status == 304)
        out->not_modified = true;
    else if (out->status >= 300 || out->status < 200)
        st = rasd_fail(err, RASD_ERR_NETWORK, "%s: HTTP status %ld%s", url, out->status,
                       out->status < 400 ? " (a redirect past the limit)" : "");
    if (st != RASD_OK || !out->final_url) {
        rasd_buf_free(&s.body);
        long status = out->status;
        rasd_fetch_result_free(out);
        out->status = status;
        return st != RASD_OK ? st : rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", url);
    }
    if (!s.body.data && !(s.body.data = calloc(1, 1))) {
        rasd_fetch_result_free(out);
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", url);
    }
    out->body = s.body.data;
    out->len = s.body.len;
    return RASD_OK;
}

void rasd_fetch_result_free(rasd_fetch_result *r) {
    if (!r) return;
    free(r->body);
    free(r->content_type);
    free(r->charset);
    free(r->etag);
    free(r->last_modified);
    free(r->final_url);
    memset(r, 0, sizeof *r);
}

char *rasd_url_resolve(const char *base, const char *ref) {
    if (!ref || !*ref) return NULL;
    CURLU *u = curl_url();
    if (!u) return NULL;
    char *out = NULL;
    /* a base only when ref is not absolute itself */
    if ((!base || curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK) &&
        curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK) {
        char *scheme = NULL, *url = NULL;
        if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
            (!strcmp(scheme, "http") || !strcmp(scheme, "https")) && curl_url_get(u, CURLUPART_URL, &url, 0) == CURLUE_OK)
            out = strdup(url);
        curl_free(scheme);
        curl_free(url);
    }
    curl_url_cleanup(u);
    return out;
}
