/*
 * utf8.c: validation of input bytes. Articles come from anywhere, so the
 * first thing rasd does with them is make them valid UTF-8: each invalid
 * sequence becomes U+FFFD and is counted (or, in strict mode, is an error
 * naming its byte offset). Validation uses the inline decoder of
 * utf8_inline.h (the whole input of every article goes through it, and
 * utf8proc_iterate is an out-of-line call per character); the fuzz target
 * checks on every input that it accepts exactly what utf8proc accepts.
 */
#include "core/internal.h"
#include "utf8_inline.h"

#include <stdlib.h>
#include <string.h>

/* Code points of valid UTF-8: its bytes that are not continuation bytes
 * (a branch-free loop the compiler vectorizes). */
size_t rasd_utf8_count_chars(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += (u[i] & 0xC0) != 0x80;
    return n;
}

size_t rasd_utf8_decode(const char *s, size_t len, int32_t *cp) {
    if (len == 0) {
        *cp = 0xFFFD;
        return 0;
    }
    return rasd_utf8_next((const unsigned char *)s, len, cp);
}

rasd_status rasd_utf8_sanitize(const char *in, size_t len, bool strict, char **out, size_t *out_len,
                               rasd_utf8_report *report, rasd_error *err) {
    rasd_utf8_report rep = {0};
    rasd_buf b = {0};
    size_t i = 0;
    if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) i = 3; /* byte-order mark */
    if (rasd_utf8_valid_prefix((const unsigned char *)in + i, len - i) == len - i) {
        /* nearly every input: one copy, and the characters counted by their
         * lead bytes instead of decoded one by one */
        char *copy = malloc(len - i + 1);
        if (!copy) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory while decoding %zu bytes", len);
        if (len > i) memcpy(copy, in + i, len - i);
        copy[len - i] = '\0';
        rep.chars = rasd_utf8_count_chars(copy, len - i);
        *out = copy;
        *out_len = len - i;
        if (report) *report = rep;
        return RASD_OK;
    }
    rasd_buf_reserve(&b, len - i + 16);
    size_t run = i; /* start of the pending run of valid bytes */
    while (i < len) {
        unsigned char c = (unsigned char)in[i];
        if (c < 0x80) { /* ASCII needs no decoding */
            i++;
            rep.chars++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < len && ((unsigned char)in[i + 1] & 0xC0) == 0x80) {
            i += 2; /* a well-formed two-byte sequence: all of Arabic's letters */
            rep.chars++;
            continue;
        }
        int32_t cp;
        size_t n = rasd_utf8_next((const unsigned char *)in + i, len - i, &cp);
        if (cp != 0xFFFD || n == 3) { /* a real U+FFFD in the input is 3 bytes */
            i += n;
            rep.chars++;
            continue;
        }
        if (strict) {
            rasd_buf_free(&b);
            return rasd_fail_at(err, RASD_ERR_UTF8, i, "invalid UTF-8 at byte %zu (0x%02X)", i, c);
        }
        if (rep.invalid_count++ == 0) rep.first_invalid = i;
        rasd_buf_append(&b, in + run, i - run);
        rasd_buf_append(&b, "\xEF\xBF\xBD", 3);
        rep.chars++;
        /* Skip the maximal ill-formed prefix: the lead byte and the
         * continuation bytes that follow it, so one broken character
         * costs one U+FFFD (as the WHATWG decoder does, near enough). */
        i++;
        while (i < len && ((unsigned char)in[i] & 0xC0) == 0x80 && c >= 0xC0) i++;
        run = i;
    }
    if (len > run) rasd_buf_append(&b, in + run, len - run);
    rasd_buf_reserve(&b, 0); /* an empty input still yields "" */
    if (b.oom) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory while decoding %zu bytes", len);
    }
    *out = b.data;
    *out_len = b.len;
    if (report) *report = rep;
    return RASD_OK;
}
