/*
 * json_write.c: JSON strings and numbers written into a buffer
 * (json_write.h), byte for byte as yajl's generator wrote them, without
 * its per-value cost.
 */
#include "json_write.h"

#include <math.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* What yajl_string_encode writes for each byte: 0 as is, else the escape
 * (\" \\ \b \f \n \r \t; other control characters as \u00XX, upper-case
 * hex, as yajl writes them). */
static const char *const ESCAPES[32] = {
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
    "\\b",     "\\t",     "\\n",     "\\u000B", "\\f",     "\\r",     "\\u000E", "\\u000F",
    "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
    "\\u0018", "\\u0019", "\\u001A", "\\u001B", "\\u001C", "\\u001D", "\\u001E", "\\u001F",
};

static inline const char *escape_of(unsigned char c) {
    if (c < 32) return ESCAPES[c];
    if (c == '"') return "\\\"";
    if (c == '\\') return "\\\\";
    return NULL;
}

/* Eight bytes at a time: a byte's high bit set when it is below 0x20, a
 * quote or a backslash. Exact for each byte (no carry crosses a byte:
 * each sum stays below 0x100), so any bit set means one of these eight
 * bytes needs escaping. */
static inline uint64_t specials8(const char *p) {
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = 0x7F7F7F7F7F7F7F7Fu;
    uint64_t x;
    memcpy(&x, p, sizeof x);
    uint64_t ctl = ~(((x & low7) + 0x60 * ones) | x) & high; /* < 0x20 */
    uint64_t q = x ^ ('"' * ones), bs = x ^ ('\\' * ones);
    uint64_t zq = ~(((q & low7) + low7) | q) & high, zb = ~(((bs & low7) + low7) | bs) & high;
    return ctl | zq | zb;
}

#if defined(__SSE2__)
/* Sixteen bytes at a time: bit k set when byte k needs escaping. */
static inline unsigned specials16(const char *p) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i ctl = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F)); /* <= 0x1F */
    __m128i special = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, special));
}
#endif

/* The first i' >= i below n whose byte needs escaping, or n. Escapes are
 * rare and most strings (names, keys) shorter than sixteen bytes: the
 * tail of every string, once read byte by byte with three tests each, was
 * half of this writer's instructions. */
static inline size_t next_special(const char *s, size_t i, size_t n) {
#if defined(__SSE2__)
    /* sixteen bytes at a time: the document's whole text is one of these
     * strings (5% of the text core's time went to this a byte at a time) */
    while (i + 16 <= n) {
        unsigned m = specials16(s + i);
        if (m) return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
    if (n >= 16) {
        if (i >= n) return n;
        /* the rest as the string's last sixteen bytes, without the ones
         * before i (one of them may be the escape just written) */
        unsigned m = specials16(s + n - 16) & (0xFFFFu << (i - (n - 16)));
        return m ? n - 16 + (size_t)__builtin_ctz(m) : n;
    }
#endif
    while (i + 8 <= n) {
        if (specials8(s + i)) break; /* it is among these eight: found below */
        i += 8;
    }
    /* the last fewer than eight, read as the string's last eight bytes when
     * it has them: clean, they are done; a bit set (perhaps by the escape
     * just written, before i) sends them to the byte loop */
    if (i + 8 > n && n >= 8 && i < n && !specials8(s + n - 8)) return n;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 32 || c == '"' || c == '\\') return i;
    }
    return n;
}

void rasd_json_str(rasd_buf *b, const char *s, size_t n) {
    /* room for the worst case (every byte a \u00XX) at once, then plain
     * stores: the strings are short and nearly never need escaping */
    if (n > (SIZE_MAX - 3) / 6) {
        b->oom = true;
        return;
    }
    /* the call only when the buffer must grow: most strings fit */
    if (b->oom || b->len + n * 6 + 3 > b->cap) rasd_buf_reserve(b, n * 6 + 2);
    if (b->oom) return;
    char *o = b->data + b->len;
    *o++ = '"';
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = next_special(s, 0, n); i < n; i = next_special(s, i + 1, n)) {
        const char *esc = escape_of((unsigned char)s[i]);
        memcpy(o, s + run, i - run);
        o += i - run;
        size_t el = strlen(esc);
        memcpy(o, esc, el);
        o += el;
        run = i + 1;
    }
    memcpy(o, s + run, n - run);
    o += n - run;
    *o++ = '"';
    *o = '\0';
    b->len = (size_t)(o - b->data);
}

/* "00" to "99": two digits per division (the line's token offsets, ids
 * and sizes are a third of its numbers' calls) */
static const char DIGIT_PAIRS[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                     "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";

void rasd_json_num(rasd_buf *b, size_t v) {
    char buf[24];
    size_t i = sizeof buf;
    while (v >= 100) {
        size_t r = v % 100;
        v /= 100;
        i -= 2;
        memcpy(buf + i, DIGIT_PAIRS + 2 * r, 2);
    }
    if (v >= 10) {
        i -= 2;
        memcpy(buf + i, DIGIT_PAIRS + 2 * v, 2);
    } else {
        buf[--i] = (char)('0' + v);
    }
    rasd_buf_append(b, buf + i, sizeof buf - i);
}

void rasd_json_int(rasd_buf *b, long long v) {
    if (v < 0) rasd_buf_putc(b, '-');
    /* the magnitude in unsigned arithmetic: -LLONG_MIN does not fit */
    rasd_json_num(b, v < 0 ? (size_t)(0 - (unsigned long long)v) : (size_t)v);
}

void rasd_json_double(rasd_buf *b, double v) {
    if (!isfinite(v)) {
        rasd_json_raw(b, "null");
        return;
    }
    char buf[40];
    int n = snprintf(buf, sizeof buf - 2, "%.20g", v);
    if (n < 0 || (size_t)n >= sizeof buf - 2) n = (int)strlen(buf);
    /* yajl marks a value that reads as an integer as a double: 3 -> 3.0 */
    if (strspn(buf, "0123456789-") == (size_t)n) {
        memcpy(buf + n, ".0", 2);
        n += 2;
    }
    rasd_buf_append(b, buf, (size_t)n);
}

void rasd_json_fixed(rasd_buf *b, double v, int decimals) {
#if defined(__SIZEOF_INT128__)
    static const uint64_t POW10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    unsigned exponent = (unsigned)(bits >> 52) & 0x7FF;
    /* |v| < 2^43, so that v * 10^6 still fits 63 bits; infinities and NaN
     * (exponent 0x7FF) go to snprintf too */
    if (decimals >= 0 && decimals <= 6 && exponent < 1023 + 43) {
        /* v = m / 2^shift exactly, shift >= 10 */
        uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
        unsigned shift = 1074;
        if (exponent) m |= UINT64_C(1) << 52, shift = 1075 - exponent;
        /* q = v * 10^decimals rounded to the nearest integer, ties to even */
        uint64_t q = 0;
        if (shift < 128) {
            unsigned __int128 n = (unsigned __int128)m * POW10[decimals];
            q = (uint64_t)(n >> shift);
            unsigned __int128 rest = n - ((unsigned __int128)q << shift), half = (unsigned __int128)1 << (shift - 1);
            if (rest > half || (rest == half && (q & 1))) q++;
        } /* else v * 10^6 < 2^-50: it rounds to 0 */
        if (bits >> 63) rasd_buf_putc(b, '-'); /* printf keeps the sign of -0.0 and of what rounds to 0 */
        rasd_json_num(b, (size_t)(q / POW10[decimals]));
        if (decimals) {
            char frac[8];
            uint64_t f = q % POW10[decimals];
            frac[0] = '.';
            for (int i = decimals; i >= 1; i--, f /= 10) frac[i] = (char)('0' + f % 10);
            rasd_buf_append(b, frac, (size_t)decimals + 1);
        }
        return;
    }
#endif
    char buf[400]; /* %.6f of DBL_MAX is 316 bytes */
    int n = snprintf(buf, sizeof buf, "%.*f", decimals, v);
    if (n > 0) rasd_buf_append(b, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}
