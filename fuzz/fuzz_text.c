/*
 * fuzz_text.c: libFuzzer target for the path every byte of input takes:
 * document checks, UTF-8 validation, normalization, tokenization, clitic
 * analysis and segmentation. Besides "no crash, no leak, no hang" it checks
 * invariants on every input:
 *   - the inline UTF-8 validator accepts exactly what utf8proc accepts, and
 *     its sixteen-bytes-at-a-time prefix check stops where a character at
 *     a time stops;
 *   - tokens are in order, non-empty, inside the text and on character
 *     boundaries, and never overlap;
 *   - sentences lie inside paragraphs; base spans lie inside their token;
 *   - the hand-written JSON string escaper (src/analysis/json_write.c)
 *     writes exactly what yajl writes for the same bytes.
 * The whole analysis is fuzz_analysis: together they ran at 17 runs a
 * second, too slow for a budget of seconds to mean much.
 */
#include "rasd.h"
#include "analysis/json_write.h"
#include "text/utf8_inline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <yajl/yajl_gen.h>

static rasd_lexicon *lex;
static rasd_analyzer *an;

static void check(int cond) {
    if (!cond) abort();
}

static int on_boundary(const char *s, size_t len, size_t i) {
    return i == len || (i < len && ((unsigned char)s[i] & 0xC0) != 0x80);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    rasd_error err = {0};
    lex = rasd_lexicon_load(NULL, &err);
    if (!lex) abort();
    an = rasd_analyzer_new(lex, &err);
    if (!an) abort();
    return 0;
}

static void check_utf8_agrees_with_utf8proc(const uint8_t *data, size_t size) {
    rasd_utf8_report rep;
    char *out = NULL;
    size_t out_len;
    rasd_status st = rasd_utf8_sanitize((const char *)data, size, true, &out, &out_len, &rep, NULL);
    int valid = utf8proc_decompose(data, (utf8proc_ssize_t)size, NULL, 0, 0) >= 0 || size == 0;
    /* utf8proc rejects nothing else we accept, and the other way round;
     * (a leading BOM is dropped by us and fine for utf8proc) */
    check((st == RASD_OK) == (valid != 0));
    free(out);
    /* the sixteen-bytes-at-a-time validator stops exactly where a decoder
     * going a character at a time stops, and counts as many characters */
    size_t i = 0, chars = 0;
    while (i < size) {
        int32_t cp;
        size_t n = rasd_utf8_next(data + i, size - i, &cp);
        if (cp == 0xFFFD && n != 3) break;
        i += n;
        chars++;
    }
    check(rasd_utf8_valid_prefix(data, size) == i);
    if (i == size) check(rasd_utf8_count_chars((const char *)data, size) == chars);
    if (st == RASD_OK && !(size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)) check(rep.chars == chars);
}

static void on_token(void *ctx, const rasd_token *t, size_t sentence) {
    size_t *last_end = ctx;
    (void)sentence;
    check(t->start >= *last_end && t->end > t->start);
    *last_end = t->end;
}

/* analysis_json writes the hot arrays with rasd_json_str and the rest with
 * yajl, and promises the line yajl alone would write: any bytes, control
 * characters and invalid UTF-8 included, must be escaped the same. */
static void check_escape_agrees_with_yajl(const uint8_t *data, size_t size) {
    yajl_gen g = yajl_gen_alloc(NULL);
    check(g != NULL);
    yajl_gen_string(g, data, size);
    const unsigned char *want;
    size_t want_len;
    yajl_gen_get_buf(g, &want, &want_len);
    rasd_buf b = {0};
    rasd_json_str(&b, (const char *)data, size);
    check(!b.oom && b.len == want_len && memcmp(b.data, want, want_len) == 0);
    rasd_buf_free(&b);
    yajl_gen_free(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    check_utf8_agrees_with_utf8proc(data, size);
    check_escape_agrees_with_yajl(data, size);

    /* normalization of raw (possibly invalid) bytes: bounded and terminated */
    char key[256];
    size_t klen = rasd_normalize((const char *)data, size, key, sizeof key);
    check(strlen(key) <= klen && strlen(key) < sizeof key);

    rasd_document doc;
    rasd_read_options opt = {.allow_non_arabic = true};
    if (rasd_document_from_buffer("fuzz", (const char *)data, size, &opt, &doc, NULL) != RASD_OK) return 0;
    const char *text = doc.text;
    size_t len = doc.len;

    rasd_tokenizer tz;
    rasd_token t;
    size_t last = 0;
    rasd_tokenizer_init(&tz, text, len);
    while (rasd_tokenizer_next(&tz, &t)) {
        check(t.start >= last && t.end > t.start && t.end <= len);
        check(on_boundary(text, len, t.start) && on_boundary(text, len, t.end));
        last = t.end;
        if (t.type == RASD_TOK_WORD || t.type == RASD_TOK_LATIN) {
            rasd_word w;
            check(rasd_analyze_word(an, text, t.start, t.end, &w) == RASD_OK);
            check(t.start <= w.base_start && w.base_start <= w.base_end && w.base_end <= t.end);
            check(w.base_len <= w.norm_len);
        }
    }

    rasd_span_list paras = {0}, sents = {0};
    size_t ntok = 0, last_end = 0;
    check(rasd_segment(an, text, len, &paras, &sents, &ntok, on_token, &last_end) == RASD_OK);
    for (size_t i = 0; i < sents.count; i++) {
        int inside = 0;
        for (size_t p = 0; p < paras.count && !inside; p++)
            inside = paras.items[p].start <= sents.items[i].start && sents.items[i].end <= paras.items[p].end;
        check(inside);
    }
    rasd_span_list_free(&paras);
    rasd_span_list_free(&sents);
    rasd_document_destroy(&doc);
    return 0;
}
