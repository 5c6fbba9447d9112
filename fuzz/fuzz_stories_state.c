/*
 * fuzz_stories_state.c: libFuzzer target for the story-state loader
 * (rasd_stories_load), which reads bytes the store kept and that may be
 * damaged. Each input is tried twice:
 *   - as it is (the magic number, version, length and checksum checks);
 *   - with its header repaired (magic, version, length and checksum made
 *     right), so that mutations reach the structure behind the checksum.
 * A state that loads must cluster an article, save, and load again.
 * The input is also read as an article (when it is text): fingerprint,
 * duplicate index, repeated paragraphs and clustering must take any text.
 */
#include "rasd.h"
#include "corpus/stories.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

static rasd_lexicon *lex;
static rasd_analyzer *an;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    lex = rasd_lexicon_load(NULL, NULL);
    an = lex ? rasd_analyzer_new(lex, NULL) : NULL;
    if (!an) abort();
    return 0;
}

static void check(int cond) {
    if (!cond) abort();
}

static void exercise(const unsigned char *data, size_t size) {
    rasd_error err = {0};
    rasd_stories *s = rasd_stories_load(data, size, NULL, &err);
    if (!s) {
        check(err.code == RASD_ERR_FORMAT && err.message[0]);
        return;
    }
    static const char text[] = "قصف مدفعي على قرى ريف تل تمر شمال الحسكة ونزوح عائلات";
    rasd_story_input in = {.id = INT64_MAX, .published = "2024-03-10", .title = "قصف", .text = text,
                           .len = sizeof text - 1};
    rasd_story_assignment out;
    check(rasd_stories_add(s, an, &in, &out, &err) == RASD_OK);
    unsigned char *saved = NULL;
    size_t saved_len = 0;
    check(rasd_stories_save(s, &saved, &saved_len, &err) == RASD_OK);
    rasd_stories_destroy(s);
    s = rasd_stories_load(saved, saved_len, NULL, &err);
    check(s != NULL);
    rasd_stories_destroy(s);
    free(saved);
}

#include "corpus/dedup.h"

static void as_article(const uint8_t *data, size_t size) {
    rasd_document doc;
    rasd_read_options opt = {.allow_non_arabic = true};
    if (rasd_document_from_buffer("fuzz", (const char *)data, size, &opt, &doc, NULL) != RASD_OK) return;
    rasd_fingerprint fp;
    check(rasd_fingerprint_text(an, doc.text, doc.len, &fp, NULL) == RASD_OK);
    rasd_dedup *d = rasd_dedup_new(NULL, NULL);
    rasd_dup_match m;
    check(d && rasd_dedup_add(d, 1, &fp, &m) == RASD_OK && m.kind == RASD_DUP_NONE);
    check(rasd_dedup_add(d, 2, &fp, &m) == RASD_OK && (fp.n_words == 0 || m.kind == RASD_DUP_EXACT));
    rasd_dedup_destroy(d);
    rasd_span_list paras = {0};
    check(rasd_segment(an, doc.text, doc.len, &paras, NULL, NULL, NULL, NULL) == RASD_OK);
    rasd_paragraph_pair *pairs = NULL;
    size_t n = 0;
    check(rasd_repeated_paragraphs(an, doc.text, &paras, &pairs, &n, NULL) == RASD_OK);
    for (size_t i = 0; i < n; i++) check(pairs[i].a < pairs[i].b && pairs[i].b < paras.count);
    free(pairs);
    rasd_span_list_free(&paras);
    rasd_stories *s = rasd_stories_new(NULL, NULL);
    rasd_story_input in = {.id = 1, .published = "2024-03-10", .text = doc.text, .len = doc.len};
    rasd_story_assignment out;
    check(s && rasd_stories_add(s, an, &in, &out, NULL) == RASD_OK && out.opened && out.story == 1);
    in.id = 2;
    check(rasd_stories_add(s, an, &in, &out, NULL) == RASD_OK);
    rasd_stories_destroy(s);
    rasd_document_destroy(&doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    exercise(data, size);
    as_article(data, size);
    /* header: magic[8] version u32 length u64 XXH64 u64, little-endian */
    enum { HEADER = 28 };
    unsigned char *fixed = malloc(size + HEADER);
    if (!fixed) return 0;
    memcpy(fixed, "RASDSTRY\1\0\0\0", 12);
    memcpy(fixed + HEADER, data, size);
    uint64_t len = size, sum = XXH64(fixed + HEADER, size, 0);
    for (int i = 0; i < 8; i++) {
        fixed[12 + i] = (unsigned char)(len >> (8 * i));
        fixed[20 + i] = (unsigned char)(sum >> (8 * i));
    }
    exercise(fixed, size + HEADER);
    free(fixed);
    return 0;
}
