/*
 * test_text.c: UTF-8 validation, reading documents, the normalization
 * rules one by one, and token types.
 */
#include "test_helpers.h"
#include "core/internal.h"
#include "text/utf8_inline.h"

#include <unistd.h>

/* ---- UTF-8 */

static void test_utf8_valid_passes_through(void **state) {
    (void)state;
    const char *in = "قسد 2023 ok";
    char *out;
    size_t len;
    rasd_utf8_report rep;
    assert_int_equal(rasd_utf8_sanitize(in, strlen(in), false, &out, &len, &rep, NULL), RASD_OK);
    assert_string_equal(out, in);
    assert_int_equal(rep.invalid_count, 0);
    assert_int_equal(rep.chars, 11);
    free(out);
}

static void test_utf8_invalid_replaced_and_counted(void **state) {
    (void)state;
    /* a stray continuation byte at 2, a truncated 3-byte sequence at 5 */
    const char in[] = "ab\x80" "cd\xE2\x82" "ef";
    char *out;
    size_t len;
    rasd_utf8_report rep;
    assert_int_equal(rasd_utf8_sanitize(in, sizeof in - 1, false, &out, &len, &rep, NULL), RASD_OK);
    assert_string_equal(out, "ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD" "ef");
    assert_int_equal(rep.invalid_count, 2);
    assert_int_equal(rep.first_invalid, 2);
    free(out);
}

static void test_utf8_strict_reports_offset(void **state) {
    (void)state;
    const char in[] = "\xD9\x82\xD8\xB3\xFF";
    char *out = NULL;
    size_t len;
    rasd_error err = {0};
    assert_int_equal(rasd_utf8_sanitize(in, sizeof in - 1, true, &out, &len, NULL, &err), RASD_ERR_UTF8);
    assert_true(err.has_offset);
    assert_int_equal(err.offset, 4);
    assert_non_null(strstr(err.message, "byte 4"));
    assert_null(out);
}

static void test_utf8_overlong_and_surrogate_are_invalid(void **state) {
    (void)state;
    const char in[] = "\xC0\xAF|\xED\xA0\x80";
    char *out;
    size_t len;
    rasd_utf8_report rep;
    assert_int_equal(rasd_utf8_sanitize(in, sizeof in - 1, false, &out, &len, &rep, NULL), RASD_OK);
    assert_true(rep.invalid_count >= 2);
    assert_non_null(strchr(out, '|'));
    free(out);
}

static void test_utf8_bom_dropped(void **state) {
    (void)state;
    const char in[] = "\xEF\xBB\xBFقسد";
    char *out;
    size_t len;
    assert_int_equal(rasd_utf8_sanitize(in, sizeof in - 1, false, &out, &len, NULL, NULL), RASD_OK);
    assert_string_equal(out, "قسد");
    free(out);
}

/* ---- normalization, one rule each */

/* The validator checks sixteen bytes at a time: a broken sequence must be
 * found wherever it falls in a block, a two-byte letter split across two
 * blocks must pass, and the report must count what a decoder counts. */
static void test_utf8_block_check_finds_every_position(void **state) {
    (void)state;
    char buf[64];
    for (size_t shift = 0; shift < 3; shift++) {
        /* shift ASCII bytes, then "سوريا " letters so their pairs straddle blocks */
        size_t n = 0;
        for (size_t k = 0; k < shift; k++) buf[n++] = 'a';
        while (n + 2 <= 48) {
            buf[n++] = (char)0xD8;
            buf[n++] = (char)0xB3;
        }
        assert_int_equal(rasd_utf8_valid_prefix((const unsigned char *)buf, n), n);
        assert_int_equal(rasd_utf8_count_chars(buf, n), shift + (n - shift) / 2);
        for (size_t bad = shift; bad < n; bad += 2) {
            char copy[64];
            memcpy(copy, buf, n);
            copy[bad] = (char)0xB3; /* a continuation byte with no lead */
            assert_int_equal(rasd_utf8_valid_prefix((const unsigned char *)copy, n), bad);
            memcpy(copy, buf, n);
            copy[bad + 1] = 'x'; /* a lead byte with no continuation */
            assert_int_equal(rasd_utf8_valid_prefix((const unsigned char *)copy, n), bad);
            memcpy(copy, buf, n);
            copy[bad] = (char)0xC1; /* an overlong lead */
            assert_int_equal(rasd_utf8_valid_prefix((const unsigned char *)copy, n), bad);
        }
        /* a lead byte as the very last byte */
        buf[n] = (char)0xD8;
        assert_int_equal(rasd_utf8_valid_prefix((const unsigned char *)buf, n + 1), n);
    }
    /* three-byte characters among the two-byte ones, and a surrogate */
    const char *mixed = "\xD8\xB3\xE2\x80\x94\xD8\xA7\xD8\xB3\xD8\xA7\xD8\xB3\xD8\xA7\xD8\xB3\xD8\xA7\xE2\x80\xA6 ok";
    assert_int_equal(rasd_utf8_valid_prefix((const unsigned char *)mixed, strlen(mixed)), strlen(mixed));
    const char *surrogate = "\xD8\xB3\xD8\xA7\xD8\xB3\xD8\xA7\xD8\xB3\xD8\xA7\xD8\xB3\xD8\xA7\xED\xA0\x80";
    assert_int_equal(rasd_utf8_valid_prefix((const unsigned char *)surrogate, strlen(surrogate)), 16);
}

/* ---- documents */

/* The letter counts behind "not Arabic" and the report's character count
 * are taken sixteen bytes at a time: they must be exact whatever the
 * length and alignment (and past 255 blocks, where the counters are
 * summed). */
static void test_document_counts_are_exact(void **state) {
    (void)state;
    const size_t arabic_counts[] = {1, 7, 300, 2100};
    for (size_t ai = 0; ai < sizeof arabic_counts / sizeof arabic_counts[0]; ai++) {
        for (size_t pad = 0; pad < 17; pad += 4) {
            size_t a = arabic_counts[ai], o = 5 * a + 3 + pad; /* under a fifth Arabic */
            rasd_buf b = {0};
            for (size_t k = 0; k < pad; k++) rasd_buf_putc(&b, '.');
            size_t chars = pad;
            for (size_t k = 0; k < o; k++) { /* Latin letters, every third one with an accent */
                if (k % 3 == 0) rasd_buf_append(&b, "\xC3\xA9", 2);
                else rasd_buf_putc(&b, (char)('a' + k % 26));
                chars++;
                if (k % 11 == 10) {
                    rasd_buf_append(&b, " \xE2\x80\x94 ", 5); /* a dash: three bytes, no letter */
                    chars += 3;
                }
            }
            for (size_t k = 0; k < a; k++) {
                rasd_buf_append(&b, (k & 1) ? "\xD8\xB3" : "\xD9\x8A", 2);
                chars++;
            }
            rasd_document doc;
            rasd_error err = {0};
            assert_int_equal(rasd_document_from_buffer("t.txt", b.data, b.len, NULL, &doc, &err), RASD_ERR_NOT_ARABIC);
            char want[128];
            snprintf(want, sizeof want, "only %zu%% of its letters are Arabic", a * 100 / (a + o));
            assert_non_null(strstr(err.message, want));
            rasd_read_options opt = {.allow_non_arabic = true};
            assert_int_equal(rasd_document_from_buffer("t.txt", b.data, b.len, &opt, &doc, &err), RASD_OK);
            assert_int_equal(doc.utf8.chars, chars);
            assert_int_equal(doc.len, b.len);
            assert_memory_equal(doc.text, b.data, b.len);
            rasd_document_destroy(&doc);
            rasd_buf_free(&b);
        }
    }
}

/* A text is binary when more than eight bytes and more than one in a
 * hundred of its first 64 KB are control characters other than \t \n \v
 * \f \r; they are counted sixteen at a time, so each kind of byte is put
 * at every offset of a block, around the threshold. */
static void test_document_binary_threshold(void **state) {
    (void)state;
    const unsigned char kinds[] = {0x01, 0x08, 0x0E, 0x1B, 0x1F};
    const unsigned char spaces[] = {'\t', '\n', 0x0B, 0x0C, '\r', ' ', 0x20, 0x7F, 0xD8};
    char text[600];
    for (size_t k = 0; k < sizeof kinds; k++) {
        for (size_t at = 0; at < 40; at++) {
            for (size_t i = 0; i + 1 < sizeof text; i += 2) memcpy(text + i, "\xD8\xB3", 2); /* س */
            for (int c = 0; c < 8; c++) text[at + 61 * (size_t)c] = (char)kinds[k];
            rasd_document doc;
            rasd_error err = {0};
            assert_int_equal(rasd_document_from_buffer("t.txt", text, sizeof text, NULL, &doc, &err), RASD_OK);
            rasd_document_destroy(&doc);
            text[at + 500] = (char)kinds[(k + 1) % sizeof kinds]; /* the ninth: binary */
            assert_int_equal(rasd_document_from_buffer("t.txt", text, sizeof text, NULL, &doc, &err), RASD_ERR_BINARY);
            char want[64];
            snprintf(want, sizeof want, "9 control characters, the first at byte %zu", at);
            assert_non_null(strstr(err.message, want));
        }
    }
    for (size_t k = 0; k < sizeof spaces; k++) { /* none of these counts */
        for (size_t i = 0; i + 1 < sizeof text; i += 2) memcpy(text + i, "\xD8\xB3", 2);
        for (size_t at = 3; at < sizeof text; at += 37) text[at] = (char)spaces[k];
        rasd_document doc;
        rasd_error err = {0};
        rasd_status st = rasd_document_from_buffer("t.txt", text, sizeof text, NULL, &doc, &err);
        assert_int_not_equal(st, RASD_ERR_BINARY);
        if (st == RASD_OK) rasd_document_destroy(&doc);
    }
}

/* Text written only in Arabic's presentation forms (copied out of a PDF)
 * is Arabic; English and presentation forms of Latin ligatures are not. */
static void test_document_presentation_forms_are_arabic(void **state) {
    (void)state;
    /* «وصل الوفد» in isolated and final presentation forms */
    const char *pf = "\xEF\xBB\xAD\xEF\xBA\xBB\xEF\xBB\x9E \xEF\xBA\x8D\xEF\xBB\x9F\xEF\xBB\xAE\xEF\xBB\x93\xEF\xBA\xAA\n";
    rasd_document doc;
    rasd_error err = {0};
    assert_int_equal(rasd_document_from_buffer("pf.txt", pf, strlen(pf), NULL, &doc, &err), RASD_OK);
    rasd_document_destroy(&doc);
    const char *latin = "The \xEF\xAC\x81rst o\xEF\xAC\x83" "ce report\n"; /* fi and ffi ligatures */
    assert_int_equal(rasd_document_from_buffer("en.txt", latin, strlen(latin), NULL, &doc, &err), RASD_ERR_NOT_ARABIC);
    assert_non_null(strstr(err.message, "en.txt: not Arabic text"));
}

/* An unknown name's shown form: letters as written, no vowels or tatweel,
 * presentation forms as letters, one space between words. */
static void test_name_form(void **state) {
    (void)state;
    char out[64];
    const char *vowelled = "\xD9\x83\xD9\x90\xD9\x84\xD9\x90\xD8\xB3"; /* كِلِس */
    assert_int_equal(rasd_name_form(vowelled, strlen(vowelled), out, sizeof out), 6);
    assert_string_equal(out, "\xD9\x83\xD9\x84\xD8\xB3");
    const char *spaced = "\xD8\xA3\xD9\x80\xD8\xA8\xD9\x88  \n\xD8\xB8\xD8\xA8\xD9\x8A"; /* أـبو  ظبي */
    rasd_name_form(spaced, strlen(spaced), out, sizeof out);
    assert_string_equal(out, "\xD8\xA3\xD8\xA8\xD9\x88 \xD8\xB8\xD8\xA8\xD9\x8A"); /* أبو ظبي, hamza kept */
    const char *lam_alef = "\xEF\xBB\xBB"; /* the lam-alef ligature */
    rasd_name_form(lam_alef, strlen(lam_alef), out, sizeof out);
    assert_string_equal(out, "\xD9\x84\xD8\xA7");
    assert_int_equal(rasd_name_form(vowelled, strlen(vowelled), out, 5), 4); /* cut at a character */
    assert_string_equal(out, "\xD9\x83\xD9\x84");
}

/* Reading a file takes its bytes as the text when they are valid, and
 * otherwise gives what sanitizing gives; a byte-order mark goes either way. */
static void test_document_read_file(void **state) {
    (void)state;
    char dir[] = "/tmp/rasd-doc-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/a.txt", dir);
    const char valid[] = "\xEF\xBB\xBF\xD9\x82\xD8\xB3\xD8\xAF\n\xD8\xAE\xD8\xA8\xD8\xB1 \xC2\xAB\xD9\x86\xD8\xB5\xC2\xBB\n";
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(valid, 1, sizeof valid - 1, f);
    fclose(f);
    rasd_document doc;
    rasd_error err = {0};
    assert_int_equal(rasd_document_read(path, NULL, &doc, &err), RASD_OK);
    assert_int_equal(doc.len, sizeof valid - 4);
    assert_memory_equal(doc.text, valid + 3, doc.len);
    assert_int_equal(doc.text[doc.len], '\0');
    assert_int_equal(doc.utf8.invalid_count, 0);
    assert_int_equal(doc.utf8.chars, 13);
    assert_int_equal(doc.title.start, 0);
    assert_int_equal(doc.title.end, 6);
    rasd_document from_buf;
    assert_int_equal(rasd_document_from_buffer(path, valid, sizeof valid - 1, NULL, &from_buf, &err), RASD_OK);
    assert_string_equal(from_buf.id, doc.id);
    rasd_document_destroy(&from_buf);
    rasd_document_destroy(&doc);

    const char broken[] = "\xD9\x82\xD8\xB3\xD8\xAF \xFF\xD8\xAE\n";
    f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(broken, 1, sizeof broken - 1, f);
    fclose(f);
    assert_int_equal(rasd_document_read(path, NULL, &doc, &err), RASD_OK);
    assert_int_equal(doc.utf8.invalid_count, 1);
    assert_int_equal(doc.utf8.first_invalid, 7);
    assert_non_null(strstr(doc.text, "\xEF\xBF\xBD"));
    rasd_document_destroy(&doc);
    rasd_read_options strict = {.strict_utf8 = true};
    assert_int_equal(rasd_document_read(path, &strict, &doc, &err), RASD_ERR_UTF8);
    assert_int_equal(err.offset, 7);
    rasd_read_options small = {.max_bytes = 4};
    assert_int_equal(rasd_document_read(path, &small, &doc, &err), RASD_ERR_TOO_LARGE);
    assert_non_null(strstr(err.message, "over the limit"));

    assert_int_equal(rasd_document_read(dir, NULL, &doc, &err), RASD_ERR_IS_DIR);
    unlink(path);
    assert_int_equal(rasd_document_read(path, NULL, &doc, &err), RASD_ERR_IO);
    assert_non_null(strstr(err.message, "cannot open"));
    rmdir(dir);
}

/* rasd_buf_read_file: the whole file after what the buffer held, NUL
 * after it, for sizes around the growth steps and for a pipe (no size to
 * reserve from). */
static void test_buf_read_file(void **state) {
    (void)state;
    char dir[] = "/tmp/rasd-buf-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/f.bin", dir);
    static const size_t SIZES[] = {0, 1, 63, 64, 65535, 65536, 65537, 200003};
    static char data[200003];
    for (size_t i = 0; i < sizeof data; i++) data[i] = (char)(i * 131 % 251); /* NULs too */
    for (size_t k = 0; k < sizeof SIZES / sizeof *SIZES; k++) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(data, 1, SIZES[k], f), SIZES[k]);
        fclose(f);
        rasd_buf b = {0};
        rasd_buf_append(&b, "head", 4);
        f = fopen(path, "rb");
        assert_non_null(f);
        assert_true(rasd_buf_read_file(&b, f));
        fclose(f);
        assert_false(b.oom);
        assert_int_equal(b.len, 4 + SIZES[k]);
        assert_memory_equal(b.data, "head", 4);
        if (SIZES[k]) assert_memory_equal(b.data + 4, data, SIZES[k]);
        assert_int_equal(b.data[b.len], '\0');
        rasd_buf_free(&b);
    }
    FILE *p = popen("head -c 150000 /dev/zero", "r");
    assert_non_null(p);
    rasd_buf b = {0};
    assert_true(rasd_buf_read_file(&b, p));
    pclose(p);
    assert_int_equal(b.len, 150000);
    assert_int_equal(b.data[0], 0);
    assert_int_equal(b.data[b.len], '\0');
    rasd_buf_free(&b);
    unlink(path);
    rmdir(dir);
}

static void test_norm_alef_variants(void **state) {
    (void)state;
    assert_string_equal(key_of("أ إ آ ٱ"), "ا ا ا ا");
    assert_string_equal(key_of("الأميركية"), "الاميركيه");
}

static void test_norm_alef_maqsura_and_farsi_yeh(void **state) {
    (void)state;
    assert_string_equal(key_of("على"), "علي");
    assert_string_equal(key_of("ی"), "ي");
}

static void test_norm_ta_marbuta(void **state) {
    (void)state;
    assert_string_equal(key_of("سورية"), "سوريه");
}

static void test_norm_keheh(void **state) {
    (void)state;
    assert_string_equal(key_of("ک"), "ك");
}

static void test_norm_diacritics_removed(void **state) {
    (void)state;
    /* fatha, damma, kasra, sukun, shadda, tanween, dagger alef */
    assert_string_equal(key_of("نَفَّذَتْ مُسيّرةٌ هٰذا"), "نفذت مسيره هذا");
    for (int32_t cp = 0x064B; cp <= 0x065F; cp++) {
        int32_t out[RASD_NORM_MAX_EXPANSION];
        assert_int_equal(rasd_normalize_char(cp, out), 0);
    }
    int32_t out[RASD_NORM_MAX_EXPANSION];
    assert_int_equal(rasd_normalize_char(0x0670, out), 0);
}

static void test_norm_tatweel_removed(void **state) {
    (void)state;
    assert_string_equal(key_of("التنسيـــق"), "التنسيق");
}

static void test_norm_digits(void **state) {
    (void)state;
    assert_string_equal(key_of("٢٠٢٣"), "2023");
    assert_string_equal(key_of("۴۵"), "45");
    assert_string_equal(key_of("٤٫٥"), "4.5");
}

static void test_norm_presentation_forms(void **state) {
    (void)state;
    assert_string_equal(key_of("ﺍﻟﺘﺤﺎﻟﻒ"), "التحالف");
    assert_string_equal(key_of("ﻻ"), "لا");
    assert_string_equal(key_of("ﷲ"), "الله");
}

static void test_norm_quotes_unified(void **state) {
    (void)state;
    assert_string_equal(key_of("«قسد»"), "\"قسد\"");
    assert_string_equal(key_of("“قسد”"), "\"قسد\"");
    assert_string_equal(key_of("„x‟"), "\"x\"");
    assert_string_equal(key_of("‘x’"), "'x'");
}

static void test_norm_latin_lowercase_and_invisibles(void **state) {
    (void)state;
    assert_string_equal(key_of("SDF"), "sdf");
    assert_string_equal(key_of("قس\xE2\x80\x8F" "د"), "قسد"); /* RLM removed */
}

static void test_norm_truncates_on_character_boundary(void **state) {
    (void)state;
    char buf[4];
    size_t n = rasd_normalize("قسد", strlen("قسد"), buf, sizeof buf);
    assert_int_equal(n, 6);         /* full length reported */
    assert_string_equal(buf, "ق"); /* only whole characters written */
}

/* ---- tokens */

static void expect_tokens(const char *text, const rasd_token_type *types, const char *const *surfaces, size_t n) {
    rasd_tokenizer tz;
    rasd_token t;
    rasd_tokenizer_init(&tz, text, strlen(text));
    for (size_t i = 0; i < n; i++) {
        assert_true(rasd_tokenizer_next(&tz, &t));
        assert_int_equal(t.type, types[i]);
        assert_int_equal(t.end - t.start, strlen(surfaces[i]));
        assert_memory_equal(text + t.start, surfaces[i], strlen(surfaces[i]));
    }
    assert_false(rasd_tokenizer_next(&tz, &t));
}

/* The normalizer writes runs of Arabic letters without a test per byte:
 * for every buffer size it must write what a character at a time writes
 * (whole characters while they and the NUL fit, nothing after the first
 * that does not) and report the full length. */
static void test_norm_every_buffer_size(void **state) {
    (void)state;
    /* أَحْمَد، ٢٣ ـ قسد Ab ﻻ ة: dropped marks and tatweel, digits, ASCII,
     * a presentation form, letters mapped to others */
    const char *in = "\xD8\xA3\xD9\x8E\xD8\xAD\xD9\x92\xD9\x85\xD9\x8E\xD8\xAF\xD8\x8C \xD9\xA2\xD9\xA3 \xD9\x80 "
                     "\xD9\x82\xD8\xB3\xD8\xAF Ab \xEF\xBB\xBB \xD8\xA9\xD8\xA9";
    size_t len = strlen(in);
    /* the reference: one character at a time through rasd_normalize_char */
    char want[256];
    size_t want_n = 0, cuts[128], n_cuts = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp, mapped[RASD_NORM_MAX_EXPANSION];
        i += rasd_utf8_decode(in + i, len - i, &cp);
        int m = rasd_normalize_char(cp, mapped);
        for (int j = 0; j < m; j++) {
            char enc[4];
            size_t e = rasd_utf8_encode(mapped[j], enc);
            memcpy(want + want_n, enc, e);
            want_n += e;
            cuts[n_cuts++] = want_n; /* the output may stop after any of these */
        }
    }
    for (size_t cap = 1; cap <= want_n + 3; cap++) {
        char out[256];
        memset(out, 'x', sizeof out);
        size_t n = rasd_normalize(in, len, out, cap);
        assert_int_equal(n, want_n);
        size_t fit = 0;
        for (size_t c = 0; c < n_cuts && cuts[c] < cap; c++) fit = cuts[c];
        assert_int_equal(strlen(out), fit);
        assert_memory_equal(out, want, fit);
    }
}

static void test_tokens_kinds(void **state) {
    (void)state;
    const char *text = "قال SDF-led 2,000 و4.5 #دير_الزور @north_press https://x.org/a?b=1. a.b@c.org ✓";
    const rasd_token_type types[] = {RASD_TOK_WORD,    RASD_TOK_LATIN,   RASD_TOK_NUMBER, RASD_TOK_WORD,
                                     RASD_TOK_NUMBER,  RASD_TOK_HASHTAG, RASD_TOK_MENTION, RASD_TOK_URL,
                                     RASD_TOK_PUNCT,   RASD_TOK_EMAIL,   RASD_TOK_SYMBOL};
    const char *const surfaces[] = {"قال", "SDF-led", "2,000", "و", "4.5", "#دير_الزور", "@north_press",
                                    "https://x.org/a?b=1", ".", "a.b@c.org", "✓"};
    expect_tokens(text, types, surfaces, 11);
}

static void test_tokens_diacritics_and_tatweel_stay_in_word(void **state) {
    (void)state;
    const rasd_token_type types[] = {RASD_TOK_WORD, RASD_TOK_WORD, RASD_TOK_PUNCT};
    const char *const surfaces[] = {"نَفَّذَتْ", "التنسيـــق", "…"};
    expect_tokens("نَفَّذَتْ التنسيـــق…", types, surfaces, 3);
}

static void test_tokens_punctuation_runs(void **state) {
    (void)state;
    const rasd_token_type types[] = {RASD_TOK_WORD, RASD_TOK_PUNCT, RASD_TOK_PUNCT, RASD_TOK_WORD, RASD_TOK_PUNCT};
    const char *const surfaces[] = {"حقاً", "؟!", "«", "نعم", "..."};
    expect_tokens("حقاً؟! «نعم...", types, surfaces, 5);
}

/* The word scanner takes eight letters at a time: whatever ends a word
 * (a space, a comma, a digit, a letter outside U+0621-U+065F) must end it
 * at its own offset wherever it falls in those eight. */
static void test_tokens_word_ends_at_every_offset(void **state) {
    (void)state;
    const char *enders[] = {" ", "\xD8\x8C", "\xD9\xA3", "\xDA\xA9", "x"}; /* space ، ٣ ک x */
    const rasd_token_type second[] = {RASD_TOK_WORD, RASD_TOK_PUNCT, RASD_TOK_NUMBER, RASD_TOK_WORD,
                                      RASD_TOK_LATIN};
    for (size_t e = 0; e < sizeof enders / sizeof enders[0]; e++) {
        for (size_t letters = 1; letters <= 20; letters++) {
            char buf[128];
            size_t n = 0;
            for (size_t k = 0; k < letters; k++) { /* ا ب ... with a tatweel and a fatha among them */
                static const char *seq[] = {"\xD8\xA7", "\xD8\xA8", "\xD9\x80", "\xD9\x8E", "\xD8\xBA", "\xD9\x8A"};
                memcpy(buf + n, seq[k % 6], 2);
                n += 2;
            }
            size_t word_end = n;
            memcpy(buf + n, enders[e], strlen(enders[e]));
            n += strlen(enders[e]);
            memcpy(buf + n, "\xD9\x84\xD8\xA7 \xD8\xA8\xD8\xA8\xD8\xA8\xD8\xA8\xD8\xA8\xD8\xA8\xD8\xA8\xD8\xA8", 20);
            n += 20;
            rasd_tokenizer tz;
            rasd_token t;
            rasd_tokenizer_init(&tz, buf, n);
            assert_true(rasd_tokenizer_next(&tz, &t));
            bool joins = e == 3; /* ک is an Arabic letter outside the fast range: the word goes on */
            assert_int_equal(t.start, 0);
            assert_int_equal(t.type, RASD_TOK_WORD);
            if (joins) {
                assert_int_equal(t.end, word_end + 2 + 4);
                continue;
            }
            assert_int_equal(t.end, word_end);
            if (e == 0) continue;
            assert_true(rasd_tokenizer_next(&tz, &t));
            assert_int_equal(t.start, word_end);
            assert_int_equal(t.type, second[e]);
        }
    }
}

static void test_tokens_long_run_is_cut(void **state) {
    (void)state;
    size_t n = 100000;
    char *big = malloc(n * 2 + 1);
    for (size_t i = 0; i < n; i++) memcpy(big + 2 * i, "ب", 2);
    big[2 * n] = '\0';
    rasd_tokenizer tz;
    rasd_token t;
    rasd_tokenizer_init(&tz, big, 2 * n);
    size_t count = 0, covered = 0;
    while (rasd_tokenizer_next(&tz, &t)) {
        assert_true(t.end - t.start <= 256);
        covered += t.end - t.start;
        count++;
    }
    assert_int_equal(covered, 2 * n);
    assert_true(count > 1);
    free(big);
}

static void test_tokens_invalid_bytes_do_not_stop(void **state) {
    (void)state;
    const char text[] = "\xFF\xFEقسد\x80";
    rasd_tokenizer tz;
    rasd_token t;
    rasd_tokenizer_init(&tz, text, sizeof text - 1);
    size_t words = 0, last_end = 0;
    while (rasd_tokenizer_next(&tz, &t)) {
        words += t.type == RASD_TOK_WORD;
        assert_true(t.start >= last_end);
        last_end = t.end;
    }
    assert_int_equal(words, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid_passes_through),
        cmocka_unit_test(test_utf8_invalid_replaced_and_counted),
        cmocka_unit_test(test_utf8_strict_reports_offset),
        cmocka_unit_test(test_utf8_overlong_and_surrogate_are_invalid),
        cmocka_unit_test(test_utf8_bom_dropped),
        cmocka_unit_test(test_utf8_block_check_finds_every_position),
        cmocka_unit_test(test_document_counts_are_exact),
        cmocka_unit_test(test_document_binary_threshold),
        cmocka_unit_test(test_document_read_file),
        cmocka_unit_test(test_document_presentation_forms_are_arabic),
        cmocka_unit_test(test_name_form),
        cmocka_unit_test(test_buf_read_file),
        cmocka_unit_test(test_norm_alef_variants),
        cmocka_unit_test(test_norm_alef_maqsura_and_farsi_yeh),
        cmocka_unit_test(test_norm_ta_marbuta),
        cmocka_unit_test(test_norm_keheh),
        cmocka_unit_test(test_norm_diacritics_removed),
        cmocka_unit_test(test_norm_tatweel_removed),
        cmocka_unit_test(test_norm_digits),
        cmocka_unit_test(test_norm_presentation_forms),
        cmocka_unit_test(test_norm_quotes_unified),
        cmocka_unit_test(test_norm_latin_lowercase_and_invisibles),
        cmocka_unit_test(test_norm_truncates_on_character_boundary),
        cmocka_unit_test(test_norm_every_buffer_size),
        cmocka_unit_test(test_tokens_kinds),
        cmocka_unit_test(test_tokens_diacritics_and_tatweel_stay_in_word),
        cmocka_unit_test(test_tokens_punctuation_runs),
        cmocka_unit_test(test_tokens_word_ends_at_every_offset),
        cmocka_unit_test(test_tokens_long_run_is_cut),
        cmocka_unit_test(test_tokens_invalid_bytes_do_not_stop),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
