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

/* Code points in valid UTF-8 s[0, len) (utf8.c). */
size_t rasd_utf8_count_chars(const char *s, size_t len);

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

/* Length of the longest valid prefix of s[0, len): len when all of it is
 * valid UTF-8 (what utf8proc accepts: no overlongs, surrogates or code
 * points past U+10FFFF). ASCII is skipped eight bytes at a time and the
 * two-byte sequences of Arabic letters without a decode: reading an
 * article is mostly this loop. */
static inline size_t rasd_utf8_valid_prefix(const unsigned char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t w;
            __builtin_memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ull)) {
                i += 8;
                continue;
            }
        }
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        int32_t cp;
        size_t n = rasd_utf8_next(s + i, len - i, &cp);
        if (cp == 0xFFFD && n != 3) break; /* a real U+FFFD in the input is 3 bytes */
        i += n;
    }
    return i;
}

#endif
