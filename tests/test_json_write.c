/*
 * test_json_write.c: the JSON writer of analyze's line
 * (src/analysis/json_write.c) against yajl, which wrote the line before
 * it: every byte value alone and inside text, quotes, backslashes,
 * control characters, Arabic, and numbers (sizes, signed integers,
 * doubles) at their limits. The line must stay byte for byte what yajl
 * wrote.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/json_write.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <yajl/yajl_gen.h>

/* Both writers on the same bytes: the same output. */
static void same_as_yajl(const char *s, size_t n) {
    yajl_gen g = yajl_gen_alloc(NULL);
    assert_non_null(g);
    yajl_gen_string(g, (const unsigned char *)s, n);
    const unsigned char *want;
    size_t want_len;
    yajl_gen_get_buf(g, &want, &want_len);
    rasd_buf b = {0};
    rasd_json_str(&b, s, n);
    assert_false(b.oom);
    if (b.len != want_len || memcmp(b.data, want, want_len) != 0)
        fail_msg("yajl wrote %.*s, rasd_json_str %.*s", (int)want_len, (const char *)want, (int)b.len, b.data);
    rasd_buf_free(&b);
    yajl_gen_free(g);
}

static void test_every_byte(void **state) {
    (void)state;
    for (int c = 0; c < 256; c++) {
        char one = (char)c;
        same_as_yajl(&one, 1);
        char around[3] = {'a', (char)c, 'b'};
        same_as_yajl(around, 3);
    }
}

static void test_texts(void **state) {
    (void)state;
    static const char *const TEXTS[] = {
        "",
        "plain",
        "\xD9\x82\xD8\xA7\xD9\x84 \"\xD9\x84\xD8\xA7\" \\ /",                     /* قال "لا" \ / */
        "line one\nline two\r\n\ttab\b\f",
        "\x01\x1F\x7F end",
        "\"\"\"\\\\\\",
        "\xD8\xA7\xD9\x84\xD8\xB3\xD9\x88\xD8\xB1\xD9\x8A\xD8\xA9\n",             /* السورية */
        "\xC3\x28 invalid UTF-8 is copied as it is",
    };
    for (size_t i = 0; i < sizeof TEXTS / sizeof *TEXTS; i++) same_as_yajl(TEXTS[i], strlen(TEXTS[i]));
    char nul[4] = {'a', '\0', 'b', '\0'};
    same_as_yajl(nul, 4);
}

/* The writer looks for bytes to escape sixteen at a time: each escape,
 * at every offset of a 48-byte string of Arabic letters, must come out as
 * yajl writes it (and two escapes in one block, and one at the very end). */
/* Short strings and the tails of long ones are read eight and sixteen
 * bytes at a time, overlapping what came before: at every length up to 40,
 * an escape at every offset, two escapes side by side and one right after
 * another near the end must all come out as yajl writes them. */
static void test_escape_in_every_length(void **state) {
    (void)state;
    const char specials[] = {'"', '\\', '\t', '\x1F', '\0'};
    for (size_t n = 1; n <= 40; n++) {
        char s[40];
        for (size_t i = 0; i < n; i++) s[i] = (char)(i % 2 ? 0xB3 : 0xD8); /* س, and a half at odd ends */
        same_as_yajl(s, n);
        for (size_t at = 0; at < n; at++) {
            for (size_t k = 0; k < sizeof specials; k++) {
                char t[40];
                memcpy(t, s, n);
                t[at] = specials[k];
                same_as_yajl(t, n);
                if (at + 1 < n) {
                    t[at + 1] = specials[(k + 1) % sizeof specials];
                    same_as_yajl(t, n);
                }
                if (at + 3 < n) {
                    t[at + 3] = '/'; /* a byte that stays as it is, between two escapes */
                    t[n - 1] = specials[(k + 2) % sizeof specials];
                    same_as_yajl(t, n);
                }
            }
        }
    }
}

static void test_escape_at_every_offset(void **state) {
    (void)state;
    const char specials[] = {'"', '\\', '\n', '\x01', '\x1F'};
    for (size_t k = 0; k < sizeof specials; k++) {
        for (size_t at = 0; at < 48; at++) {
            char s[48];
            for (size_t i = 0; i < sizeof s; i += 2) memcpy(s + i, "\xD8\xB3", 2);
            s[at] = specials[k];
            same_as_yajl(s, sizeof s);
            s[(at + 5) % sizeof s] = specials[(k + 1) % sizeof specials];
            same_as_yajl(s, sizeof s);
            same_as_yajl(s, at + 1);
        }
    }
}

static void test_numbers(void **state) {
    (void)state;
    static const size_t VALUES[] = {0, 7, 10, 99, 100, 123456789, SIZE_MAX};
    for (size_t i = 0; i < sizeof VALUES / sizeof *VALUES; i++) {
        rasd_buf b = {0};
        rasd_json_num(&b, VALUES[i]);
        char want[32];
        snprintf(want, sizeof want, "%zu", VALUES[i]);
        assert_string_equal(b.data, want);
        rasd_buf_free(&b);
    }
    /* digits are written two at a time: every value below 100,000, and each
     * power of ten with its neighbours, appended one after another */
    rasd_buf b = {0}, want = {0};
    for (size_t v = 0; v < 100000; v++) {
        rasd_json_num(&b, v);
        char one[32];
        rasd_buf_append(&want, one, (size_t)snprintf(one, sizeof one, "%zu,", v));
        rasd_buf_putc(&b, ',');
    }
    for (size_t p = 10; p <= SIZE_MAX / 10; p *= 10) {
        for (size_t v = p - 1; v <= p + 1; v++) {
            rasd_json_num(&b, v);
            char one[32];
            rasd_buf_append(&want, one, (size_t)snprintf(one, sizeof one, "%zu,", v));
            rasd_buf_putc(&b, ',');
        }
    }
    assert_false(b.oom);
    assert_int_equal(b.len, want.len);
    assert_memory_equal(b.data, want.data, want.len);
    rasd_buf_free(&b);
    rasd_buf_free(&want);
}

/* What yajl writes for one value (a generator status other than ok: nothing). */
static void yajl_value(char *out, size_t cap, bool is_double, long long i, double d) {
    yajl_gen g = yajl_gen_alloc(NULL);
    assert_non_null(g);
    if (is_double) yajl_gen_double(g, d);
    else yajl_gen_integer(g, i);
    const unsigned char *buf;
    size_t len;
    yajl_gen_get_buf(g, &buf, &len);
    assert_true(len < cap);
    memcpy(out, buf, len);
    out[len] = '\0';
    yajl_gen_free(g);
}

/* Signed integers (a number's value, a polarity) as yajl_gen_integer. */
static void test_integers_as_yajl(void **state) {
    (void)state;
    static const long long VALUES[] = {0, 1, -1, 9, -10, 1000000, -987654321, LLONG_MAX, LLONG_MIN};
    for (size_t i = 0; i < sizeof VALUES / sizeof *VALUES; i++) {
        char want[64];
        yajl_value(want, sizeof want, false, VALUES[i], 0);
        rasd_buf b = {0};
        rasd_json_int(&b, VALUES[i]);
        assert_string_equal(b.data, want);
        rasd_buf_free(&b);
    }
}

/* Doubles (a share, a sum with a fraction) as yajl_gen_double: its 20
 * digits, ".0" after a value that reads as an integer, exponents. */
static void test_doubles_as_yajl(void **state) {
    (void)state;
    static const double VALUES[] = {0.5,   -0.5, 8.3,    3.0,    -7.0,  0.0,     -0.0,    1e20,   1e21, 1.5e300,
                                    1e-7,  2.5e-310, 123456789.125, DBL_MAX, -DBL_MAX, DBL_MIN, 1.0 / 3.0};
    for (size_t i = 0; i < sizeof VALUES / sizeof *VALUES; i++) {
        char want[64];
        yajl_value(want, sizeof want, true, 0, VALUES[i]);
        rasd_buf b = {0};
        rasd_json_double(&b, VALUES[i]);
        if (strcmp(b.data, want) != 0) fail_msg("%g: yajl wrote %s, rasd_json_double %s", VALUES[i], want, b.data);
        rasd_buf_free(&b);
    }
    /* yajl refuses these (and would leave the line without a value) */
    rasd_buf b = {0};
    rasd_json_double(&b, NAN);
    rasd_json_raw(&b, ",");
    rasd_json_double(&b, -INFINITY);
    assert_string_equal(b.data, "null,null");
    rasd_buf_free(&b);
}

/* rasd_json_fixed against printf's "%.*f" on one value, at every precision. */
static void fixed_as_printf(double v) {
    for (int d = 0; d <= 7; d++) { /* 7: beyond the fast path */
        char want[400];
        snprintf(want, sizeof want, "%.*f", d, v);
        rasd_buf b = {0};
        rasd_json_fixed(&b, v, d);
        if (!b.data || strcmp(b.data, want) != 0)
            fail_msg("%.17g with %d decimals: printf wrote %s, rasd_json_fixed %s", v, d, want, b.data ? b.data : "");
        rasd_buf_free(&b);
    }
}

/* Coordinates, weights and confidences: printf's digits, its rounding of
 * exact halves to even (0.125 -> 0.12), the sign of what rounds to zero,
 * the limits of the integer path, and a million values of every size. */
static void test_fixed_as_printf(void **state) {
    (void)state;
    static const double VALUES[] = {0.0,  -0.0, 0.5,    1.5,     2.5,      -2.5,         0.125,       0.375,
                                    1e-7, -1e-7, 5e-7,  -5e-7,   4.9e-324, 24.713552,    46.675296,   -10.0,
                                    3.4,  0.85,  0.005, 0.015,   0.0625,   8796093022207.0, 8796093022208.0,
                                    8796093022208.5, 1e15, 1e300, DBL_MAX,  DBL_MIN,      INFINITY,    NAN};
    for (size_t i = 0; i < sizeof VALUES / sizeof *VALUES; i++) {
        fixed_as_printf(VALUES[i]);
        fixed_as_printf(-VALUES[i]);
    }
    uint64_t x = 0x9E3779B97F4A7C15ULL; /* xorshift: random bit patterns of every exponent */
    for (int i = 0; i < 1000000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        uint64_t bits = (x & 0x800FFFFFFFFFFFFFULL) | ((uint64_t)(980 + (x >> 52) % 100) << 52); /* 2^-43 .. 2^56 */
        memcpy(&v, &bits, sizeof v);
        char want[64];
        int d = (int)(x % 7);
        snprintf(want, sizeof want, "%.*f", d, v);
        rasd_buf b = {0};
        rasd_json_fixed(&b, v, d);
        if (strcmp(b.data, want) != 0) fail_msg("%.17g with %d decimals: printf wrote %s, rasd_json_fixed %s", v, d, want, b.data);
        rasd_buf_free(&b);
    }
    for (int k = 0; k < 2000; k++) /* halves at every precision */
        fixed_as_printf((double)k / 16.0 + 0.5e-6 * (k % 3));
}

/* Appending keeps what is there: the writers build one buffer. */
static void test_appends(void **state) {
    (void)state;
    rasd_buf b = {0};
    rasd_json_raw(&b, "[");
    rasd_json_str(&b, "a\"b", 3);
    rasd_json_raw(&b, ",");
    rasd_json_num(&b, 42);
    rasd_json_raw(&b, "]");
    assert_string_equal(b.data, "[\"a\\\"b\",42]");
    rasd_buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_byte),
        cmocka_unit_test(test_texts),
        cmocka_unit_test(test_escape_at_every_offset),
        cmocka_unit_test(test_escape_in_every_length),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_integers_as_yajl),
        cmocka_unit_test(test_doubles_as_yajl),
        cmocka_unit_test(test_fixed_as_printf),
        cmocka_unit_test(test_appends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
