/*
 * utf8_inline.h: the decoder on the tokenizer's hot path. utf8proc_iterate
 * (used to validate input in utf8.c) is an out-of-line call with full error
 * reporting; the tokenizer decodes every character of every article, so it
 * gets this small inline decoder instead. It is still safe on any bytes:
 * it never reads past len and turns anything malformed into U+FFFD.
 */
#ifndef RASD_UTF8_INLINE_H
#define RASD_UTF8_INLINE_H

#include <stddef.h>
#include <stdint.h>

static inline size_t rasd_utf8_next(const unsigned char *s, size_t len, int32_t *cp) {
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF && len >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF && len >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        int32_t v = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F));
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *cp = v;
            return 3;
        }
    } else if (c >= 0xF0 && c <= 0xF4 && len >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
               (s[3] & 0xC0) == 0x80) {
        int32_t v = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) |
                              (s[3] & 0x3F));
        if (v >= 0x10000 && v <= 0x10FFFF) {
            *cp = v;
            return 4;
        }
    }
    *cp = 0xFFFD;
    return 1;
}

#endif
