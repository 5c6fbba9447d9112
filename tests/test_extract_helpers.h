/*
 * test_extract_helpers.h: the small knowledge base of tests/fixtures/data
 * and entity extraction over a text segmented as `rasd analyze` does, for
 * the tests of entities and quotes.
 */
#ifndef RASD_TEST_EXTRACT_HELPERS_H
#define RASD_TEST_EXTRACT_HELPERS_H

#include "test_helpers.h"

#include "extract/entities.h"

#ifndef FIXTURE_DATA
#define FIXTURE_DATA "tests/fixtures/data"
#endif

static rasd_knowledge *kn;

static inline int setup_knowledge(void **state) {
    if (setup_analyzer(state) != 0) return -1;
    rasd_error err = {0};
    rasd_knowledge_options opt = {FIXTURE_DATA, NULL};
    kn = rasd_knowledge_load(&opt, &err);
    if (!kn) fprintf(stderr, "%s\n", err.message);
    return kn ? 0 : -1;
}

static inline int teardown_knowledge(void **state) {
    rasd_knowledge_destroy(kn);
    return teardown_analyzer(state);
}

/* The tokens of one sentence of text (at most cap), their offsets into
 * the whole text, as `rasd analyze` hands them to the extractors. */
static inline size_t sentence_tokens(const char *text, rasd_span sent, rasd_token *toks, size_t cap) {
    size_t n = 0;
    rasd_tokenizer tz;
    rasd_tokenizer_init(&tz, text + sent.start, sent.end - sent.start);
    while (n < cap && rasd_tokenizer_next(&tz, &toks[n])) {
        toks[n].start += sent.start;
        toks[n].end += sent.start;
        n++;
    }
    return n;
}

/* Entities, places, quotes and framing of text. */
static inline rasd_entities extract_entities(const char *text) {
    rasd_span_list paras = {0}, sents = {0};
    assert_int_equal(rasd_segment(test_an, text, strlen(text), &paras, &sents, NULL, NULL, NULL), RASD_OK);
    rasd_entity_extractor *x = rasd_entity_extractor_new(kn, test_an, text, strlen(text));
    for (size_t s = 0; s < sents.count; s++) {
        rasd_token toks[512];
        size_t n = sentence_tokens(text, sents.items[s], toks, 512);
        assert_int_equal(rasd_entity_extract_sentence(x, toks, n, s), RASD_OK);
    }
    rasd_entities es;
    assert_int_equal(rasd_entity_extractor_finish(x, &es), RASD_OK);
    rasd_entity_extractor_destroy(x);
    rasd_span_list_free(&paras);
    rasd_span_list_free(&sents);
    return es;
}

#endif
