/*
 * charset.c: web pages and feed content to UTF-8 (declared in html.h).
 * iconv (glibc) converts; what is written here is only the choice of the
 * charset: the caller's (HTTP), a byte-order mark, a <meta> declaration,
 * and a fallback to windows-1256 for Arabic pages that are plainly not
 * UTF-8 and say nothing.
 */
#include "html.h"

#include "core/internal.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

rasd_status rasd_charset_to_utf8(const char *name, const char *charset, const char *data, size_t len, char **out,
                                 size_t *out_len, rasd_error *err) {
    *out = NULL;
    *out_len = 0;
    if (!strcasecmp(charset, "utf-8") || !strcasecmp(charset, "utf8") || !strcasecmp(charset, "us-ascii") ||
        !strcasecmp(charset, "ascii")) {
        rasd_utf8_report rep;
        return rasd_utf8_sanitize(data, len, false, out, out_len, &rep, err);
    }
    /* browsers read iso-8859-1 as windows-1252, and so do we */
    const char *from = !strcasecmp(charset, "iso-8859-1") || !strcasecmp(charset, "latin1") ? "WINDOWS-1252" : charset;
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return rasd_fail(err, RASD_ERR_FORMAT, "%s: unknown character set \"%s\"", name, charset);
    rasd_buf b = {0};
    rasd_buf_reserve(&b, len * 2 + 16);
    char *in = (char *)data;
    size_t in_left = len;
    while (in_left && !b.oom) {
        rasd_buf_reserve(&b, in_left * 2 + 16);
        if (b.oom) break;
        char *o = b.data + b.len;
        size_t o_left = b.cap - b.len - 1;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        b.len = (size_t)(o - b.data);
        if (r == (size_t)-1) {
            if (errno == E2BIG) continue;
            /* a byte the charset does not have, or a truncated sequence */
            rasd_buf_append(&b, "\xEF\xBF\xBD", 3);
            in++;
            in_left--;
        }
    }
    iconv_close(cd);
    if (b.oom) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    rasd_utf8_report rep;
    rasd_status st = rasd_utf8_sanitize(b.data ? b.data : "", b.len, false, out, out_len, &rep, err);
    rasd_buf_free(&b);
    return st;
}

/* The charset a <meta> in the first bytes declares, into out. */
static bool sniff_meta_charset(const char *s, size_t len, char *out, size_t cap) {
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 8 < n; i++) {
        if (strncasecmp(s + i, "charset", 7) != 0) continue;
        size_t j = i + 7;
        while (j < n && s[j] == ' ') j++;
        if (j >= n || s[j] != '=') continue;
        j++;
        while (j < n && (s[j] == ' ' || s[j] == '"' || s[j] == '\'')) j++;
        size_t k = 0;
        while (j < n && k + 1 < cap && (isalnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '_' || s[j] == ':'))
            out[k++] = s[j++];
        out[k] = '\0';
        if (k) return true;
    }
    return false;
}

rasd_status rasd_html_to_utf8(const char *name, const char *data, size_t len, const char *charset, char **out,
                              size_t *out_len, rasd_error *err) {
    char sniffed[64];
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) charset = "utf-8";
    else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) charset = "utf-16le";
    else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) charset = "utf-16be";
    else if (!charset || !*charset) charset = sniff_meta_charset(data, len, sniffed, sizeof sniffed) ? sniffed : NULL;
    if (!charset) {
        /* nothing says: UTF-8, unless the bytes are plainly not UTF-8; then
         * windows-1256, the legacy charset of nearly every Arabic site */
        rasd_utf8_report rep;
        rasd_status st = rasd_utf8_sanitize(data, len, false, out, out_len, &rep, err);
        if (st != RASD_OK || rep.invalid_count <= 8 || rep.invalid_count * 100 <= rep.chars) return st;
        free(*out);
        *out = NULL;
        charset = "windows-1256";
    }
    rasd_status st = rasd_charset_to_utf8(name, charset, data, len, out, out_len, err);
    if (st == RASD_ERR_FORMAT) /* an unknown charset named by the page: read it as UTF-8 */
        st = rasd_charset_to_utf8(name, "utf-8", data, len, out, out_len, err);
    return st;
}
