/*
 * access_log.c: the line `rasd serve` logs per request. Everything an
 * operator asks of a log is in it (when, who, what with its query, how
 * it ended, how big, how long), in a fixed field order with no field
 * holding a space, so `awk '{print $7}'` is the status on every line.
 */
#include "server/http.h"

#include <stdio.h>
#include <string.h>

/* Appends uri with the bytes that would break the line escaped; stops
 * at the end of buf (a path is at most a few kB; the log keeps 2,000). */
static size_t put_uri(char *out, size_t cap, const char *uri) {
    static const char HEX[] = "0123456789abcdef";
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)uri; *p && n + 4 < cap && n < 2000; p++) {
        if (*p <= 0x20 || *p >= 0x7f || *p == '"' || *p == '\\') {
            out[n++] = '\\';
            out[n++] = 'x';
            out[n++] = HEX[*p >> 4];
            out[n++] = HEX[*p & 15];
        } else {
            out[n++] = (char)*p;
        }
    }
    out[n] = '\0';
    return n;
}

void rasd_http_log_line(char *buf, size_t size, time_t when, const char *client, const char *method,
                        const char *uri, unsigned status, unsigned long long bytes, double ms, bool aborted) {
    struct tm tm;
    gmtime_r(&when, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char path[2100], m[20];
    put_uri(path, sizeof path, uri);
    put_uri(m, sizeof m, method);
    char code[12] = "-";
    if (status) snprintf(code, sizeof code, "%u", status);
    snprintf(buf, size, "%s %s %s %s %s %llu %.1f%s\n", stamp, client, m, path, code, bytes, ms,
             aborted ? " aborted" : "");
}
