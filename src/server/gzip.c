/*
 * gzip.c: Content-Encoding: gzip for `rasd serve`. JSON answers and the
 * web interface's text files shrink five- to tenfold, which is most of
 * the time a page takes on a slow link; fonts and other binary types are
 * already compressed and are sent as they are.
 */
#include "server/http.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

bool rasd_http_accepts_gzip(const char *ae) {
    if (!ae) return false;
    /* a list of codings with optional ;q=...; gzip (or *) with q > 0 */
    const char *p = ae;
    while (*p) {
        while (*p == ' ' || *p == ',' || *p == '\t') p++;
        const char *start = p;
        while (*p && *p != ',' && *p != ';' && *p != ' ') p++;
        size_t n = (size_t)(p - start);
        bool named = (n == 4 && strncasecmp(start, "gzip", 4) == 0) || (n == 1 && *start == '*');
        double q = 1.0;
        while (*p && *p != ',') {
            if (*p == ';') {
                const char *v = p + 1;
                while (*v == ' ') v++;
                if ((v[0] == 'q' || v[0] == 'Q') && v[1] == '=') q = strtod(v + 2, NULL);
            }
            p++;
        }
        if (named) return q > 0;
    }
    return false;
}

bool rasd_http_compressible(const char *ct) {
    if (!ct) return true; /* the default type is JSON */
    return strncmp(ct, "text/", 5) == 0 || strncmp(ct, "application/json", 16) == 0 ||
           strncmp(ct, "application/x-ndjson", 20) == 0 || strncmp(ct, "image/svg+xml", 13) == 0;
}

unsigned char *rasd_http_gzip(const void *data, size_t len, int level, size_t *out_len) {
    if (len > 0x7fffffffu) return NULL; /* zlib counts in 32 bits */
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 + 16: a gzip header and trailer, not a bare zlib stream */
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
    uLong cap = deflateBound(&z, (uLong)len);
    unsigned char *out = malloc(cap);
    if (!out) {
        deflateEnd(&z);
        return NULL;
    }
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *out_len = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}
