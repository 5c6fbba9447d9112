/*
 * fetch.h: http(s) GET with libcurl, bounded in every way a hostile or
 * broken server could exploit: connect and total timeouts, a body size
 * limit (after decompression), a redirect limit, http and https only.
 * Conditional requests (If-None-Match, If-Modified-Since) let a watcher
 * poll feeds cheaply: a 304 answer is "not modified", not an error.
 */
#ifndef RASD_FETCH_H
#define RASD_FETCH_H

#include "rasd.h"

#define RASD_FETCH_CONNECT_TIMEOUT 10 /* seconds */
#define RASD_FETCH_TIMEOUT 30         /* seconds, the whole transfer */
#define RASD_FETCH_MAX_BYTES ((size_t)8 << 20)
#define RASD_FETCH_MAX_REDIRECTS 5
#define RASD_FETCH_USER_AGENT "rasd/" RASD_VERSION " (Arabic news reader; feed watcher)"

typedef struct rasd_fetch_options {
    long connect_timeout;      /* seconds; 0: RASD_FETCH_CONNECT_TIMEOUT */
    long timeout;              /* seconds; 0: RASD_FETCH_TIMEOUT */
    size_t max_bytes;          /* 0: RASD_FETCH_MAX_BYTES */
    long max_redirects;        /* 0: RASD_FETCH_MAX_REDIRECTS; -1: none followed */
    const char *user_agent;    /* NULL: RASD_FETCH_USER_AGENT */
    const char *etag;          /* validators of a previous answer, or NULL */
    const char *last_modified;
} rasd_fetch_options;

typedef struct rasd_fetch_result {
    long status;         /* HTTP status of the last answer */
    bool not_modified;   /* 304: body is empty, the validators unchanged */
    char *body;          /* the body as sent (decompressed), NUL-terminated */
    size_t len;
    char *content_type;  /* media type, lower-cased, without parameters, or NULL */
    char *charset;       /* Content-Type's charset parameter, or NULL */
    char *etag;          /* validators to send next time, or NULL */
    char *last_modified;
    char *final_url;     /* after redirects */
} rasd_fetch_result;

/* GETs url. A DNS, connection, TLS or timeout failure, an HTTP status of
 * 400 or more, or a body over the limit is RASD_ERR_NETWORK (too large:
 * RASD_ERR_TOO_LARGE) with a message naming the URL. Thread-safe. */
rasd_status rasd_fetch(const char *url, const rasd_fetch_options *opt, rasd_fetch_result *out, rasd_error *err);
void rasd_fetch_result_free(rasd_fetch_result *r);

#endif
