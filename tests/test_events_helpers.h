/*
 * test_events_helpers.h: what the event coder's tests share: the small
 * knowledge base of tests/fixtures/data for actors and places, the event
 * dictionary, numbers and dates from the real data/ (the coder is what is
 * tested, with the dictionary it ships); a text coded sentence by sentence
 * as `rasd analyze` codes it; and the checks of the event at a trigger.
 * One copy for test_events*.c, split by what they test.
 */
#ifndef RASD_TEST_EVENTS_HELPERS_H
#define RASD_TEST_EVENTS_HELPERS_H

#include "test_extract_helpers.h"

#include "extract/events.h"

#ifndef RASD_DATA_DIR_FOR_TESTS
#define RASD_DATA_DIR_FOR_TESTS "data"
#endif

#define PUBLISHED "2023-09-05"

static rasd_event_dict *dict;
static rasd_numbers *nums;
static rasd_dates *dts;
static rasd_entities es;
static rasd_event_list evs;
static const char *doc;

static inline int events_setup(void **state) {
    if (setup_knowledge(state) != 0) return -1;
    rasd_error err = {0};
    dict = rasd_event_dict_load(RASD_DATA_DIR_FOR_TESTS, &err);
    nums = rasd_numbers_load(RASD_DATA_DIR_FOR_TESTS, &err);
    dts = rasd_dates_load(RASD_DATA_DIR_FOR_TESTS, &err);
    if (!dict || !nums || !dts) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    kn->events = dict; /* the fixture knowledge base has no events/ of its own */
    return 0;
}

static inline int events_teardown(void **state) {
    rasd_entities_free(&es);
    rasd_event_list_free(&evs);
    kn->events = NULL;
    rasd_event_dict_destroy(dict);
    rasd_numbers_destroy(nums);
    rasd_dates_destroy(dts);
    return teardown_knowledge(state);
}

/* Entities, numbers, dates and events of text, sentence by sentence, as
 * `rasd analyze` runs them. */
static inline void code(const char *text) {
    rasd_entities_free(&es);
    rasd_event_list_free(&evs);
    doc = text;
    rasd_span_list paras = {0}, sents = {0};
    assert_int_equal(rasd_segment(test_an, text, strlen(text), &paras, &sents, NULL, NULL, NULL), RASD_OK);
    rasd_entity_extractor *x = rasd_entity_extractor_new(kn, test_an, text, strlen(text));
    rasd_event_coder *c = rasd_event_coder_new(dict, PUBLISHED);
    rasd_number_list nl = {0};
    rasd_date_list dl = {0};
    for (size_t s = 0; s < sents.count; s++) {
        rasd_token toks[512];
        size_t n = sentence_tokens(text, sents.items[s], toks, 512);
        assert_int_equal(rasd_entity_extract_sentence(x, toks, n, s), RASD_OK);
        size_t nb = nl.count, db = dl.count;
        assert_int_equal(rasd_numbers_find(nums, test_an, text, toks, n, &nl), RASD_OK);
        assert_int_equal(rasd_dates_find(dts, test_an, text, toks, n, PUBLISHED, &dl), RASD_OK);
        assert_int_equal(rasd_event_code_sentence(c, x, n, s, &nl, nb, &dl, db), RASD_OK);
    }
    assert_int_equal(rasd_entity_extractor_finish(x, &es), RASD_OK);
    assert_int_equal(rasd_event_coder_finish(c, &es, &evs), RASD_OK);
    rasd_event_coder_destroy(c);
    rasd_entity_extractor_destroy(x);
    rasd_number_list_free(&nl);
    rasd_date_list_free(&dl);
    rasd_span_list_free(&paras);
    rasd_span_list_free(&sents);
}

static inline const char *entity_id(const rasd_event_actor *a) {
    return a->entity >= 0 ? es.items[a->entity].id : NULL;
}

static inline const char *cameo(const rasd_event *e) { return e->cameo; }

/* The one event whose trigger text starts with `trigger`; checks its CAMEO
 * root and the ids of its source and target (NULL: none). */
static inline const rasd_event *expect_event(const char *trigger, const char *root, const char *source,
                                             const char *target) {
    const rasd_event *found = NULL;
    for (size_t i = 0; i < evs.count; i++) {
        const rasd_event *e = &evs.items[i];
        if (e->end - e->start < strlen(trigger) || memcmp(doc + e->start, trigger, strlen(trigger)) != 0) continue;
        if (found) fail_msg("two events at \"%s\"", trigger);
        found = e;
    }
    if (!found) fail_msg("no event at \"%s\" (%zu events)", trigger, evs.count);
    assert_memory_equal(cameo(found), root, 2);
    const char *s = entity_id(&found->source), *t = entity_id(&found->target);
    if (source) {
        if (!s) fail_msg("event \"%s\": no source entity (rule %s)", trigger, found->source.rule ? found->source.rule : "-");
        assert_string_equal(s, source);
    }
    if (target) {
        if (!t) fail_msg("event \"%s\": no target entity (rule %s)", trigger, found->target.rule ? found->target.rule : "-");
        assert_string_equal(t, target);
    }
    return found;
}

static inline void expect_no_event(const char *text) {
    code(text);
    if (evs.count)
        fail_msg("\"%s\": %zu event(s), the first at \"%.*s\" (%s)", text, evs.count,
                 (int)(evs.items[0].end - evs.items[0].start), doc + evs.items[0].start, cameo(&evs.items[0]));
}

#endif
