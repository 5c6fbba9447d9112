/*
 * fuzz_dedup.c: libFuzzer target for the duplicate checks ingest makes on an
 * article's text: its fingerprint and the duplicate index
 * (src/corpus/dedup.c) and repeated paragraphs. Any text must go through;
 * the same text added twice is an exact duplicate; repeated paragraphs are
 * pairs of paragraphs in order. (Story clustering of the same text is
 * fuzz_stories: one target with both ran at 3 runs a second.)
 */
#include "rasd.h"
#include "corpus/dedup.h"
#include "corpus/stories.h"
#include "small_lexicon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* past 2 KB (some 350 words) a longer text reaches no new code */
#define MAX_TEXT 2048

static rasd_analyzer *an;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    rasd_lexicon *lex = small_lexicon_load(RASD_DATA_DIR, 500);
    an = lex ? rasd_analyzer_new(lex, NULL) : NULL;
    if (!an) abort();
    return 0;
}

static void check(int cond) {
    if (!cond) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    rasd_document doc;
    rasd_read_options opt = {.allow_non_arabic = true};
    if (size > MAX_TEXT) size = MAX_TEXT;
    if (rasd_document_from_buffer("fuzz", (const char *)data, size, &opt, &doc, NULL) != RASD_OK) return 0;
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
    rasd_document_destroy(&doc);
    return 0;
}
