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
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
 * points past U+10FFFF). Reading an article is mostly this loop, and an
 * Arabic article is ASCII and two-byte sequences (U+0080-U+07FF): with
 * SSE2 (every x86-64) sixteen bytes of those are checked at once (every
 * continuation byte follows a lead byte C2-DF and every such lead byte is
 * followed by one); anything else goes through the decoder a character at
 * a time. The byte-at-a-time loop alone was more than half of reading. */
static inline size_t rasd_utf8_valid_prefix(const unsigned char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
#if defined(__SSE2__)
        if (i + 16 <= len) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            unsigned high = (unsigned)_mm_movemask_epi8(v);
            if (!high) {
                i += 16;
                continue;
            }
            __m128i x = _mm_xor_si128(v, _mm_set1_epi8((char)0x80)); /* bytes as signed, 0x80 -> 0 */
            /* leads C2-DF are 0x42-0x5F after the flip; continuations 80-BF are 0x00-0x3F */
            unsigned lead = (unsigned)_mm_movemask_epi8(
                _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x41)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x60))));
            unsigned cont = (unsigned)_mm_movemask_epi8(
                _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(-1)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x40))));
            if ((lead | cont) == high && cont == ((lead << 1) & 0xFFFFu)) {
                i += (lead & 0x8000u) ? 15 : 16; /* a lead in the last byte starts the next block */
                continue;
            }
        }
#endif
        /* a character at a time to the end of the block the fast check
         * refused (so text in other scripts costs one refused check per
         * sixteen bytes, not per character) */
        size_t block_end = i + 16 < len ? i + 16 : len;
        while (i < block_end) {
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
            if (cp == 0xFFFD && n != 3) return i; /* a real U+FFFD in the input is 3 bytes */
            i += n;
        }
    }
    return i;
}

#endif
