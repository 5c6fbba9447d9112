/*
 * fuzz_fetch.c: libFuzzer target for what the HTTP fetcher (src/corpus/fetch.c)
 * makes of an answer, without a network: the header lines libcurl hands to
 * its header callback (status lines that reset the validators, ETag,
 * Last-Modified, Content-Type split into media type and charset), the body
 * callback and its size limit, and the resolution of links against a base.
 *
 * The callbacks are static, so the file is included here; the library's
 * own fetch.o is then not linked (every symbol it defines is defined here).
 *
 * The input is header lines (each ending in "\n", as libcurl gives them),
 * then an empty line, then the body. Fields set must be non-empty strings,
 * the media type lower-case; the body kept never passes its limit.
 */
#include "../src/corpus/fetch.c"

#include <stdint.h>

static void check(int cond) {
    if (!cond) abort();
}

static bool line_is_blank(const char *s, size_t n) { return n == 1 ? s[0] == '\n' : s[0] == '\r' && s[1] == '\n'; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    rasd_fetch_result r;
    memset(&r, 0, sizeof r);
    sink s = {.max = 256 + size % 512, .out = &r};
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl + 1 - p) : (size_t)(end - p);
        /* libcurl's buffer is not NUL-terminated: a copy of exactly n bytes
         * lets the address sanitizer see any read past the line */
        char *line = malloc(n ? n : 1);
        check(line != NULL);
        memcpy(line, p, n);
        check(on_header(line, 1, n, &s) == n);
        free(line);
        p += n;
        if (n <= 2 && line_is_blank(p - n, n)) break;
    }
    while (p < end) { /* the body, in pieces of up to 100 bytes */
        size_t n = (size_t)(end - p) < 100 ? (size_t)(end - p) : 100;
        char *piece = malloc(n);
        check(piece != NULL);
        memcpy(piece, p, n);
        size_t took = on_body(piece, 1, n, &s);
        free(piece);
        check(s.body.len <= s.max);
        if (took != n) {
            check(s.too_large || s.body.oom);
            break;
        }
        p += n;
    }
    rasd_buf_free(&s.body);
    if (r.content_type) {
        check(*r.content_type != 0);
        for (const char *c = r.content_type; *c; c++) check(!isupper((unsigned char)*c));
    }
    check(!r.charset || *r.charset);
    check(!r.etag || *r.etag);
    check(!r.last_modified || *r.last_modified);
    /* a link found in the body, resolved against one in the headers */
    char *u = rasd_url_resolve(r.etag, r.last_modified);
    if (u) check(!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8));
    free(u);
    rasd_fetch_result_free(&r);
    return 0;
}
