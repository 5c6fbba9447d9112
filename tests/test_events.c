/*
 * test_events.c: the event coder, one construction per test, on sentences
 * written for the tests. Actors and places come from the small knowledge
 * base of tests/fixtures/data; the event dictionary, numbers and dates from
 * the real data/ (the coder is what is tested, with the dictionary it ships).
 */
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

static int setup(void **state) {
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

static int teardown(void **state) {
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
static void code(const char *text) {
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
        size_t n = 0;
        rasd_tokenizer tz;
        rasd_tokenizer_init(&tz, text + sents.items[s].start, sents.items[s].end - sents.items[s].start);
        while (n < 512 && rasd_tokenizer_next(&tz, &toks[n])) {
            toks[n].start += sents.items[s].start;
            toks[n].end += sents.items[s].start;
            n++;
        }
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

static const char *entity_id(const rasd_event_actor *a) { return a->entity >= 0 ? es.items[a->entity].id : NULL; }

static const char *cameo(const rasd_event *e) { return e->cameo; }

/* The one event whose trigger text starts with `trigger`; checks its CAMEO
 * root and the ids of its source and target (NULL: none). */
static const rasd_event *expect_event(const char *trigger, const char *root, const char *source, const char *target) {
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

static void expect_no_event(const char *text) {
    code(text);
    if (evs.count)
        fail_msg("\"%s\": %zu event(s), the first at \"%.*s\" (%s)", text, evs.count,
                 (int)(evs.items[0].end - evs.items[0].start), doc + evs.items[0].start, cameo(&evs.items[0]));
}

static void test_verbal_named_source_and_target(void **state) {
    (void)state;
    code("قصفت تركيا مواقع قسد في ريف الحسكة.");
    const rasd_event *e = expect_event("قصفت", "19", "tur", "sdf");
    assert_string_equal(e->source.rule, "subject-after-verb");
    assert_true(e->target.end > e->target.start);
    assert_memory_equal(doc + e->target.start, "قسد", strlen("قسد"));
    code("وقالت مصادر محلية إن قوات العشائر التي هاجمت مواقع داعش أمس انسحبت.");
    e = expect_event("هاجمت", "19", "tribal-forces", "isis");
    assert_string_equal(e->source.rule, "antecedent-of-relative");
    code("وينتمي غالبية النشطاء الذين اختطفهم داعش أمس إلى الحسكة.");
    e = expect_event("اختطفهم", "18", "isis", NULL);
    assert_string_equal(e->source.rule, "subject-after-verb");
    assert_string_equal(e->target.rule, "object-before-verb");
    code("وكانت قسد قد اتهمت تركيا بقصف القرى الحدودية.");
    e = expect_event("اتهمت", "11", "sdf", "tur");
    assert_string_equal(e->source.rule, "subject-before-verb");
    assert_int_equal(evs.count, 1); /* بقصف is the charge, not a shelling of its own */
}

static void test_agent_with_country(void **state) {
    (void)state;
    code("اعتقلت الشرطة التركية ثلاثة ناشطين في دير الزور.");
    const rasd_event *e = expect_event("اعتقلت", "17", NULL, NULL);
    assert_int_equal(e->source.entity, -1);
    assert_true(e->source.agent >= 0);
    assert_string_equal(e->source.code, "TURCOP");
    assert_string_equal(e->source.country, "TUR");
    assert_true(e->target.agent >= 0);
    assert_string_equal(e->target.code, "---OPP");
    assert_true(e->arrested == 3);
    /* an agent of a named group takes the group */
    code("هاجم عناصر من داعش مواقع قسد.");
    e = expect_event("هاجم", "19", "isis", "sdf");
    assert_true(e->source.agent >= 0);
}

static void test_speaker_of_speech_act(void **state) {
    (void)state;
    code("وقال التحالف الدولي في بيان: «ندين الهجوم على المدنيين في دير الزور».");
    const rasd_event *e = expect_event("ندين", "11", "coalition", NULL);
    assert_string_equal(e->source.rule, "speaker-of-quote");
    assert_true(e->flags & RASD_EV_IN_QUOTE);
    code("دعا التحالف الدولي قسد إلى وقف إطلاق النار.");
    e = expect_event("دعا", "02", "coalition", "sdf");
    assert_string_equal(cameo(e), "0256");
    code("طالبت قوات العشائر التحالف الدولي بالإفراج عن المعتقلين.");
    e = expect_event("طالبت", "10", "tribal-forces", "coalition");
    assert_string_equal(cameo(e), "1053");
    assert_int_equal(evs.count, 1); /* the release asked for is the demand's content */
}

static void test_negated(void **state) {
    (void)state;
    code("لم تقصف تركيا مواقع قسد.");
    assert_true(expect_event("تقصف", "19", "tur", "sdf")->flags & RASD_EV_NEGATED);
    code("لن تهاجم تركيا مواقع قسد.");
    const rasd_event *e = expect_event("تهاجم", "19", "tur", "sdf");
    assert_true((e->flags & RASD_EV_NEGATED) && (e->flags & RASD_EV_FUTURE));
    code("ونفى التحالف الدولي أن يكون داعش قد هاجم قسد في الحسكة.");
    assert_true(expect_event("هاجم", "19", "isis", "sdf")->flags & RASD_EV_NEGATED);
    code("قصفت تركيا مواقع قسد.");
    assert_false(expect_event("قصفت", "19", "tur", "sdf")->flags & (RASD_EV_NEGATED | RASD_EV_FUTURE));
    code("لا يزال داعش يهاجم مواقع قسد.");
    assert_false(expect_event("يهاجم", "19", "isis", "sdf")->flags & RASD_EV_NEGATED);
}

static void test_future(void **state) {
    (void)state;
    code("ستهاجم تركيا مواقع قسد.");
    assert_true(expect_event("ستهاجم", "19", "tur", "sdf")->flags & RASD_EV_FUTURE);
    code("سوف تقصف تركيا مواقع قسد.");
    assert_true(expect_event("تقصف", "19", "tur", "sdf")->flags & RASD_EV_FUTURE);
}

static void test_hypothetical(void **state) {
    (void)state;
    code("وإذا هاجمت تركيا قسد فإن التحالف الدولي سيرد.");
    assert_true(expect_event("هاجمت", "19", "tur", "sdf")->flags & RASD_EV_HYPOTHETICAL);
    code("لو قصفت تركيا مواقع قسد لانهارت الهدنة.");
    assert_true(expect_event("قصفت", "19", "tur", "sdf")->flags & RASD_EV_HYPOTHETICAL);
}

static void test_claimed(void **state) {
    (void)state;
    code("وزعمت قسد أن داعش هاجم قوات العشائر.");
    assert_true(expect_event("هاجم", "19", "isis", "tribal-forces")->flags & RASD_EV_CLAIMED);
    code("وبحسب قسد، هاجم داعش قوات العشائر.");
    assert_true(expect_event("هاجم", "19", "isis", "tribal-forces")->flags & RASD_EV_CLAIMED);
}

static void test_nominal_symmetric(void **state) {
    (void)state;
    code("وتجددت الاشتباكات بين قسد وقوات العشائر في دير الزور.");
    const rasd_event *e = expect_event("الاشتباكات", "19", "sdf", "tribal-forces");
    assert_true(e->flags & RASD_EV_SYMMETRIC);
    assert_string_equal(e->source.rule, "between-pair");
    assert_string_equal(e->acled, "Battles");
    /* a meeting between X, with Y */
    code("وعقد اجتماع بين الرئيس بشار الأسد، مع ممثلين عن قسد.");
    e = expect_event("اجتماع", "04", "assad", "sdf");
    assert_false(e->flags & RASD_EV_SYMMETRIC);
}

static void test_magnitudes(void **state) {
    (void)state;
    code("قتل داعش 5 مدنيين في الحسكة.");
    const rasd_event *e = expect_event("قتل", "18", "isis", NULL); /* one-sided: CAMEO 18, not 19 */
    assert_true(e->killed == 5);
    assert_true(e->target.agent >= 0);
    assert_string_equal(e->acled, "Violence against civilians");
    code("وتعهدت الولايات المتحدة بتقديم 100 مليون دولار لدعم الاستقرار.");
    e = expect_event("وتعهدت", "07", "usa", NULL);
    assert_true(e->money == 100e6);
    assert_string_equal(e->currency, "USD");
}

static void test_place_and_date(void **state) {
    (void)state;
    code("وفي 3 آذار 2021، قصفت تركيا مواقع قسد في دير الزور.");
    const rasd_event *e = expect_event("قصفت", "19", "tur", "sdf");
    assert_string_equal(e->date, "2021-03-03");
    assert_false(e->flags & RASD_EV_DATE_PUBLISHED);
    assert_true(e->place >= 0);
    assert_int_equal(es.places[e->place].place, 1); /* gn:2, Deir ez-Zor (the second place of the fixture) */
    code("الحسكة - نورث برس\nقصفت تركيا مواقع قسد.");
    e = expect_event("قصفت", "19", "tur", "sdf");
    assert_string_equal(e->date, PUBLISHED);
    assert_true(e->flags & RASD_EV_DATE_PUBLISHED);
    assert_true(e->flags & RASD_EV_PLACE_DATELINE);
    assert_true(e->place >= 0 && es.places[e->place].dateline);
    /* every event points back to its sentence */
    assert_true(e->sent_start <= e->start && e->end <= e->sent_end);
}

static void test_acled(void **state) {
    (void)state;
    code("شن التحالف الدولي غارات على مواقع داعش في دير الزور.");
    const rasd_event *e = expect_event("شن", "19", "coalition", "isis");
    assert_string_equal(cameo(e), "195");
    assert_string_equal(e->acled, "Explosions/Remote violence");
    assert_int_equal(evs.count, 1); /* غارات is شن's cue, not a second event */
    code("هاجم مسلحون مجهولون المدنيين في الحسكة.");
    e = expect_event("هاجم", "18", NULL, NULL); /* gunmen on civilians: assault, not a fight */
    assert_string_equal(e->source.code, "---UAF");
    assert_string_equal(e->acled, "Violence against civilians");
    code("قتلت قسد عشرة من عناصر داعش في الحسكة.");
    e = expect_event("قتلت", "19", "sdf", "isis"); /* between armed parties: a fight */
    assert_string_equal(cameo(e), "190");
}

/* Any person, number, mood, object pronoun: back to the listed forms. */
static void test_inflections(void **state) {
    (void)state;
    code("وقالت قسد: قصفنا مواقع داعش واعتقلناهم.");
    expect_event("قصفنا", "19", NULL, NULL);
    expect_event("واعتقلناهم", "17", NULL, NULL);
    code("قسد تستهدفان مواقع داعش.");
    expect_event("تستهدفان", "19", "sdf", "isis");
    code("وكان داعش قد اختطفهم قبل عام ثم قتلوهم.");
    expect_event("اختطفهم", "18", "isis", NULL);
    expect_event("قتلوهم", "18", NULL, NULL); /* hostages killed: an assault, not a battle */
    code("التقيت الرئيس التركي أمس في الحسكة."); /* I of a verb whose last letter is weak (التقى) */
    expect_event("التقيت", "04", NULL, NULL);
    code("ستهاجم تركيا مواقع قسد.");
    const rasd_event *e = expect_event("ستهاجم", "19", "tur", "sdf");
    assert_true(e->flags & RASD_EV_FUTURE);
}

/* The coder remembers, per thread and from one document to the next, the
 * bases none of whose inflections can be a trigger: a trigger found through
 * an inflection is found again in a later document, and inflected words
 * that are no trigger stay none however often they come back. */
static void test_inflection_memo_across_documents(void **state) {
    (void)state;
    for (int round = 0; round < 3; round++) {
        expect_no_event("وكتبناها في دفاترهم وقرأناها على طلابهم.");
        code("وقالت قسد: قصفنا مواقع داعش واعتقلناهم.");
        expect_event("قصفنا", "19", NULL, NULL);
        expect_event("واعتقلناهم", "17", NULL, NULL);
    }
}

/* A verb in the plural agrees with a subject before it: the noun after it is its object. */
static void test_plural_agreement(void **state) {
    (void)state;
    code("وكان العشرات من عناصر داعش في الحسكة هاجموا قسد.");
    const rasd_event *e = expect_event("هاجموا", "19", "isis", "sdf");
    assert_string_equal(e->source.rule, "nearest-before");
}

/* The passive is unvowelled: the same letters; the agent after على يد، من قبل، برصاص. */
static void test_passive(void **state) {
    (void)state;
    code("اعتُقل ثلاثة أشخاص على يد داعش في الرقة.");
    const rasd_event *e = expect_event("اعتُقل", "17", "isis", NULL);
    assert_string_equal(e->source.rule, "agent-after-by");
    code("أعلنت قسد سقوط القرية بيد داعش.");
    e = expect_event("سقوط", "19", "isis", NULL);
    assert_string_equal(e->source.rule, "agent-after-by");
    code("واستُهدفت مواقع قسد من قبل تركيا.");
    e = expect_event("واستُهدفت", "19", "tur", NULL);
    assert_string_equal(e->source.rule, "agent-after-by");
}

/* Verbal nouns with a pronoun, and their owner as the agent. */
static void test_verbal_noun_and_genitive_agent(void **state) {
    (void)state;
    code("وأكدت المصادر اعتقاله في الرقة.");
    expect_event("اعتقاله", "17", NULL, NULL);
    code("استمرت غارات التحالف الدولي على مواقع داعش.");
    const rasd_event *e = expect_event("غارات", "19", "coalition", NULL);
    assert_string_equal(e->source.rule, "genitive-agent");
    code("وتواصلت الغارات الجوية للتحالف الدولي على الرقة.");
    e = expect_event("الغارات", "19", "coalition", NULL);
    assert_string_equal(e->source.rule, "genitive-agent");
}

/* A capture needs a place after it (a gazetteer place, a place word) or a pronoun on it. */
static void test_capture_place(void **state) {
    (void)state;
    code("أعلنت قسد تحرير الحسكة من داعش.");
    const rasd_event *e = expect_event("تحرير", "19", "sdf", NULL);
    assert_string_equal(cameo(e), "192");
    code("وجاء تحريرها بعد أشهر.");
    expect_event("تحريرها", "19", NULL, NULL);
    expect_no_event("وقال رئيس التحرير إن العدد جاهز."); /* editing */
    /* taking control with the article (a cue phrase must not hide the trigger) and its light verbs */
    code("ونجحت قسد في السيطرة على معظم حي الصالحية.");
    expect_event("السيطرة", "19", NULL, NULL);
    code("وأعلنت قسد أنها بسطت سيطرتها على معظم أحياء الحسكة.");
    expect_event("بسطت", "19", NULL, NULL);
    code("وأحكمت قسد سيطرتها على الحسكة.");
    expect_event("وأحكمت", "19", "sdf", NULL);
    code("وطالبوا بمحاسبة المسؤولين عن سقوط الحسكة"); /* the fall of a town the text names */
    expect_event("سقوط", "19", NULL, NULL);
    code("واستعادت قسد قصر المحافظة.");
    expect_event("واستعادت", "19", "sdf", NULL);
    expect_no_event("وقال المتحدث إن الوضع تحت السيطرة."); /* a state, not a capture */
}

/* A light verb and its event noun are one event, coded by the noun. */
static void test_light_verb(void **state) {
    (void)state;
    code("شنت قسد هجوما على مواقع داعش.");
    const rasd_event *e = expect_event("شنت", "19", "sdf", "isis");
    assert_int_equal(evs.count, 1);
    code("ونفذ التحالف الدولي ضربات جوية على مواقع داعش.");
    e = expect_event("ونفذ", "19", "coalition", NULL);
    assert_string_equal(cameo(e), "195");
}

/* An act whose side the text does not say is still an event: no source, a lower confidence. */
static void test_unknown_perpetrator(void **state) {
    (void)state;
    code("قصفت مواقع في ريف الحسكة.");
    const rasd_event *e = expect_event("قصفت", "19", NULL, NULL);
    assert_true(e->confidence < 0.6f);
    code("مقتل شاب في الحسكة.");
    expect_event("مقتل", "18", NULL, NULL);
    code("قتل ثلاثة مدنيين في الحسكة.");
    e = expect_event("قتل", "18", NULL, NULL);
    assert_int_equal(e->source.entity, -1);
    assert_int_equal(e->source.agent, -1);
    assert_true(e->target.agent >= 0); /* the civilians are the victims */
    code("وكانت الاغتيالات التي استهدفت شخصيات قيادية قد زادت.");
    expect_event("الاغتيالات", "18", NULL, NULL);
    code("دعا التحالف الدولي إلى الهدوء.");
    e = expect_event("دعا", "02", "coalition", NULL);
    assert_true(e->confidence < 0.9f);
}

/* 18 or 19: people counted dead who are no fighters, a civilian hit, and
 * the plain attacks of a sentence that tells of a bombing are one assault;
 * a battle's toll stays a fight. */
static void test_assault_or_fight(void **state) {
    (void)state;
    code("وقتل 10 أشخاص على أيدي مسلحين في قرية نائية.");
    const rasd_event *e = expect_event("وقتل", "18", NULL, NULL);
    assert_string_equal(e->source.rule, "agent-after-by"); /* the killers, not the victims */
    code("فجر انتحاري نفسه في سوق الحسكة مما أسفر عن مقتل 20 شخصا، وهو الهجوم الثاني على المدينة التي تقاتل قواتها داعش.");
    expect_event("مقتل", "18", NULL, NULL);
    expect_event("الهجوم", "18", NULL, NULL);
    code("واستهدف الهجوم المصلين في مسجد الحسكة.");
    expect_event("واستهدف", "18", NULL, NULL);
    code("ويشارك الجيش في العملية العسكرية ضد داعش الذي كثف هجماته الانتحارية."); /* an army's operation */
    expect_event("العملية العسكرية", "19", NULL, NULL);
    code("وأسفرت المعارك عن مقتل 15 من عناصر داعش.");
    expect_event("مقتل", "19", NULL, NULL);
    expect_event("المعارك", "19", NULL, NULL);
    code("وقتل 20 جنديا في الهجوم على الحسكة.");
    expect_event("وقتل", "19", NULL, NULL);
    code("وقال إن القذائف استهدفت المستشفى ودمرت قسم الطوارئ."); /* what an attack destroyed is its doing */
    expect_event("ودمرت", "19", NULL, NULL);
    code("ودمرت البلدية المباني المخالفة في الحسكة."); /* a demolition */
    expect_event("ودمرت", "17", NULL, NULL);
    /* a report of a bombing that tells of no battle: its attack told again is that assault */
    code("فجر انتحاري نفسه في سوق الحسكة مما أسفر عن مقتل 20 شخصا. وبعد الهجوم بساعة أغلقت الشرطة السوق.");
    expect_event("الهجوم", "18", NULL, NULL);
    code("فجر انتحاري نفسه في سوق الحسكة مما أسفر عن مقتل 20 شخصا. واشتبكت قسد مع داعش قرب المدينة. "
         "وبعد الهجوم بساعة أغلقت الشرطة السوق.");
    expect_event("الهجوم", "19", NULL, NULL); /* a document that tells of a fight too */
    code("وأصيب زوجها السوري الجنسية بعيار ناري في فخذه."); /* a state named is no force in the field */
    expect_event("وأصيب", "18", NULL, NULL);
    code("وأحرق مستوطنون منزل عائلة في الحسكة."); /* an arson attack, as analysts code it */
    expect_event("وأحرق", "18", NULL, NULL);
    code("وأحرق المتظاهرون الإطارات في الحسكة."); /* protesters burning tyres: a riot */
    expect_event("وأحرق", "14", NULL, NULL);
}

/* A phrase that is another row's cue (دعا إلى إدخال المساعدات، هدد بفرض
 * عقوبات، وصل في زيارة رسمية) is an event where it stands alone, and still
 * only the cue where its row's trigger comes first. */
static void test_cue_phrase_alone(void **state) {
    (void)state;
    code("وبدأ وزير الخارجية التركي زيارة رسمية إلى الحسكة.");
    expect_event("زيارة", "04", NULL, NULL);
    code("وقررت تركيا فرض عقوبات على قسد.");
    expect_event("فرض", "16", NULL, NULL);
    code("وأعلن التحالف الدولي وصول المساعدات إلى الحسكة.");
    expect_event("وصول", "07", NULL, NULL);
    code("ودعا التحالف الدولي إلى إدخال المساعدات إلى الحسكة.");
    expect_event("ودعا", "02", "coalition", NULL);
    assert_int_equal(evs.count, 1);
}

/* A generic agent is an actor: protesters, gunmen, police, with a country. */
static void test_generic_agent(void **state) {
    (void)state;
    code("تظاهر مئات الطلاب في الحسكة.");
    const rasd_event *e = expect_event("تظاهر", "14", NULL, NULL);
    assert_true(e->source.agent >= 0 || e->source.end > e->source.start);
    code("تظاهر آلاف الأتراك في الحسكة.");
    e = expect_event("تظاهر", "14", NULL, NULL); /* a plural nationality as a noun: civilians of that country */
    assert_true(e->source.agent >= 0);
    assert_string_equal(e->source.code, "TURCVL");
    code("وطالب المتظاهرون برحيل الحكومة.");
    e = expect_event("وطالب", "14", NULL, NULL); /* what protesters demand, they demand by demonstrating */
    assert_string_equal(e->plover_type, "PROTEST");
    code("صدامات أثناء تظاهر أنصار الحزب في الحسكة"); /* clashes told with a demonstration: the protest's */
    expect_event("صدامات", "14", NULL, NULL);
    expect_event("تظاهر", "14", NULL, NULL);
    code("ورشق المتظاهرون الشرطة بالحجارة في الحسكة.");
    expect_event("ورشق", "14", NULL, NULL);
    code("ونصب المتظاهرون خيامهم أمام مبنى البرلمان.");
    e = expect_event("المتظاهرون", "14", NULL, NULL); /* what protesters did, with a verb the lexicon lacks */
    assert_string_equal(e->source.rule, "protesters-named");
    code("وأطلق مسلحون مجهولون النار على حافلة في الحسكة.");
    e = expect_event("وأطلق", "19", NULL, NULL);
    assert_true(e->source.agent >= 0);
    assert_string_equal(e->source.code, "---UAF");
}

/* A title (the article's first line, no full stop) is a sentence with its event. */
static void test_title(void **state) {
    (void)state;
    code("تركيا تقصف مواقع قسد\n\nقالت مصادر محلية إن القصف استمر ساعات.");
    expect_event("تقصف", "19", "tur", "sdf");
    /* the present of a stative verb tells the news in a headline only */
    code("قسد تسيطر على معظم حي الصالحية\n\nوقال إن داعش الذي يسيطر على مناطق واسعة تراجع.");
    expect_event("تسيطر", "19", "sdf", NULL);
    assert_int_equal(evs.count, 1);
}

/* A definite agreement names a document; in a document about sport a
 * contract or a meeting with a club is no diplomacy. */
static void test_references_and_sport(void **state) {
    (void)state;
    code("وقال التحالف الدولي إن الاتفاق النووي لا يكفي.");
    for (size_t i = 0; i < evs.count; i++) assert_memory_not_equal(evs.items[i].cameo, "05", 2);
    code("وقعت تركيا اتفاقا مع قسد.");
    expect_event("وقعت", "05", "tur", NULL);
    code("وقال المسؤول إنه اجتمع مع رئيس الهيئة وتفاوض معه على العقد.");
    expect_event("اجتمع", "04", NULL, NULL); /* the same words outside sport */
    code("وفاز النادي في مباراة الدوري أمس. وقال اللاعب إنه اجتمع مع رئيس النادي وتفاوض معه على العقد.");
    for (size_t i = 0; i < evs.count; i++) assert_memory_not_equal(evs.items[i].cameo, "04", 2);
}

/* A form that is also a common word (أسر 'families', اعتقال as a name) is
 * the act after the passive's تم or before a count of who underwent it. */
static void test_ambiguous_told(void **state) {
    (void)state;
    code("وأضاف أنه تم أسر أربعين مسلحا.");
    expect_event("أسر", "17", NULL, NULL);
    code("وقتلت قسد عشرة من عناصر داعش وأسرت ثلاثة آخرين.");
    expect_event("وأسرت", "17", NULL, NULL);
    code("اعتقال عدد من المشتبه بهم في الحسكة");
    expect_event("اعتقال", "17", NULL, NULL);
    expect_no_event("وتسكن ثلاث أسر في المبنى.");
    code("وشارك آخرون في التحرش بالفتاتين في الحسكة."); /* a verbal noun with its object after ب */
    expect_event("التحرش", "18", NULL, NULL);
    expect_no_event("وقالت إن ربط التحرش بالتبرج خطأ.");       /* ب of an idea, not a party */
    expect_no_event("وساعدت الجمعية الأسر المحتاجة في الحسكة.");
    /* a fight told of both sides, and driving fighters out as a noun */
    code("وقال إن التصعيد بين تركيا وقسد يضر بالمدنيين.");
    expect_event("التصعيد", "19", NULL, NULL);
    code("وأظهر السكان فرحتهم لطرد مسلحي داعش من الحسكة.");
    expect_event("لطرد", "19", NULL, NULL);
    /* a death's subject is who died: a child burned to death is an assault */
    code("وكان الطفل قتل حرقا في منزله بالحسكة.");
    expect_event("قتل", "18", NULL, NULL);
}

/* Verb classes: died of wounds (a death of an attack), formal thanks, and
 * an event noun a tagged name ran on into. */
static void test_verb_classes(void **state) {
    (void)state;
    code("وتوفي السبت والد الطفل متأثرا بجروحه.");
    expect_event("وتوفي", "18", NULL, NULL);
    expect_no_event("وتوفي الفنان الكبير عن عمر ناهز ثمانين عاما.");
    code("وتحدث المبعوث مع قسد أمس."); /* talked with: a consultation */
    expect_event("وتحدث", "04", NULL, "sdf");
    code("ومن جهته رفع الوزير الشكر للقيادة على دعمها.");
    expect_event("رفع", "05", NULL, NULL);
    code("وقالت قسد التي وصلت إلى الحسكة أمس إن الوضع هادئ."); /* a named party arriving: a visit */
    expect_event("وصلت", "04", "sdf", NULL);
    expect_no_event("ووصلت الطائرة إلى الحسكة أمس.");
    code("وأضاف اللواء أنه تم إطلاق سراح الرجل لعدم توافر أدلة."); /* a title read too far */
    expect_event("إطلاق سراح", "08", NULL, NULL);
    code("استقبل معالي المستشار في الديوان الدكتور سامر الحسيني في مكتبه أمس الوفد."); /* an honorific subject */
    expect_event("استقبل", "04", NULL, NULL);
    code("ووجه النائب سامر الحسيني انتقادات لاذعة إلى الحكومة.");
    expect_event("انتقادات", "11", NULL, NULL);
}

/* A reference to acts told before is no new happening: a demonstrative
 * before the noun, or talks with nobody named on either side. */
static void test_reference(void **state) {
    (void)state;
    expect_no_event("وتظهر هذه الهجمات قدرة التنظيم على الضرب.");
    expect_no_event("ولم يكشف المسؤول عن فحوى المحادثات.");
    expect_no_event("وهذا السلاح يذهب إلى جبهة القتال مباشرة."); /* the front: a place */
    expect_no_event("وعثر على رأس الانتحاري قرب موقع الهجوم.");
    expect_no_event("وقال رئيس لجنة التحقيق البرلمانية إن التقرير جاهز."); /* a body named by what it does */
    code("واستمرت المحادثات بين تركيا وقسد يومين.");
    expect_event("المحادثات", "04", "tur", "sdf");
    code("وشن التنظيم هجمات على الحسكة.");
    expect_event("هجمات", "19", NULL, NULL);
}

/* The source where the subject rules find nobody next to the trigger:
 * the subject of a verb that governs the verbal noun, an unnamed subject
 * before its verb, a force the speaker owns, the doer in a relative clause,
 * the agent of a casualty's cause. */
static void test_control_verb(void **state) {
    (void)state;
    code("وقالت مصادر محلية إن قسد تمكنت من اقتحام القرية وتدميرها.");
    const rasd_event *e = expect_event("وتدميرها", "19", "sdf", NULL);
    assert_string_equal(e->source.rule, "subject-of-control-verb");
    code("وحاول داعش اقتحام البلدة أمس.");
    e = expect_event("اقتحام", "19", "isis", NULL);
    assert_string_equal(e->source.rule, "subject-of-control-verb");
}

static void test_unnamed_subject_before_verb(void **state) {
    (void)state;
    code("وكانت القيادة العسكرية الجنوبية قد قصفت مواقع داعش بالمدفعية.");
    const rasd_event *e = expect_event("قصفت", "19", NULL, NULL);
    assert_string_equal(e->source.rule, "noun-before-verb");
    assert_true(e->source.entity < 0 && e->source.agent < 0);
    assert_memory_equal(doc + e->source.start, "القيادة العسكرية الجنوبية", strlen("القيادة العسكرية الجنوبية"));
    /* a time is no subject (the verb goes on with nobody named) */
    code("وقبل يومين قصفت مواقع داعش.");
    e = expect_event("قصفت", "19", NULL, NULL);
    assert_true(!e->source.rule || strcmp(e->source.rule, "noun-before-verb") != 0);
    /* قُتل reads like قَتل: a plain noun before a killing verb may be its victim */
    code("وقال المصدر إن المدنيين قتلوا في القرية.");
    for (size_t i = 0; i < evs.count; i++)
        assert_true(!evs.items[i].source.rule || strcmp(evs.items[i].source.rule, "noun-before-verb") != 0);
}

/* An indefinite subject where only a subject can stand: after أن, or
 * between كان and قد. */
static void test_indefinite_subject(void **state) {
    (void)state;
    code("وقال سكان إن مجموعة صغيرة قصفت القرية.");
    const rasd_event *e = expect_event("قصفت", "19", NULL, NULL);
    assert_string_equal(e->source.rule, "noun-before-verb");
    assert_memory_equal(doc + e->source.start, "مجموعة صغيرة", strlen("مجموعة صغيرة"));
    code("وقال سكان إن دبابات تركية قصفت القرية."); /* a force of a country: a participant */
    e = expect_event("قصفت", "19", NULL, NULL);
    assert_string_equal(e->source.rule, "subject-before-verb");
    assert_string_equal(e->source.country, "TUR");
    code("وقال سكان إن قبل يومين قصفت القرية."); /* a time is no subject */
    e = expect_event("قصفت", "19", NULL, NULL);
    assert_true(!e->source.rule || strcmp(e->source.rule, "noun-before-verb") != 0);
}

/* An act in the impersonal passive (تم اعتقال) that an authority announces
 * is the authority's; not what activists report. */
static void test_announcer_of_passive(void **state) {
    (void)state;
    code("وأعلن الجيش الأمريكي أنه تم اعتقال خمسة من عناصر داعش.");
    const rasd_event *e = expect_event("اعتقال", "17", "usa-mil", NULL);
    assert_string_equal(e->source.rule, "announcer-of-passive");
    code("وقال ناشطون إنه تم اعتقال ثلاثة طلاب.");
    e = expect_event("اعتقال", "17", NULL, NULL);
    assert_true(!e->source.rule || strcmp(e->source.rule, "announcer-of-passive") != 0);
}

/* A force named by its country, the adjective a few words on. */
static void test_force_of_country(void **state) {
    (void)state;
    code("وقصفت طائرات حربية تركية مواقع قسد أمس.");
    const rasd_event *e = expect_event("وقصفت", "19", NULL, "sdf");
    assert_string_equal(e->source.country, "TUR");
    assert_string_equal(e->source.rule, "subject-after-verb");
}

/* A participle after a comma shares the sentence's subject (a حال). */
static void test_subject_of_participle(void **state) {
    (void)state;
    code("وانتقدت قسد قرار الحكومة، متهمة إياها بالتقصير.");
    const rasd_event *e = expect_event("متهمة", "11", "sdf", NULL);
    assert_string_equal(e->source.rule, "subject-of-participle");
}

/* A partitive after an event noun heads the group it counts. */
static void test_partitive_genitive(void **state) {
    (void)state;
    code("وأشار إلى انسحاب أعداد كبيرة من عناصر داعش من القرية.");
    const rasd_event *e = expect_event("انسحاب", "08", "isis", NULL);
    assert_string_equal(e->source.rule, "genitive-agent");
}

/* Who claimed the attack later in its sentence did it. */
static void test_claimed_by(void **state) {
    (void)state;
    code("وتعرضت قافلة للجيش لهجوم انتحاري، وقد تبناه داعش في بيان.");
    const rasd_event *e = expect_event("لهجوم", "18", "isis", NULL);
    assert_string_equal(e->source.rule, "claimed-by");
}

/* A toll told as the result of what came before (أسفر عن، أدى إلى). */
static void test_source_of_result(void **state) {
    (void)state;
    code("وشن داعش هجوما على القرية أسفر عن مقتل عشرة مدنيين.");
    const rasd_event *e = expect_event("مقتل", "18", "isis", NULL);
    assert_string_equal(e->source.rule, "source-of-result");
}

static void test_owner_of_subject(void **state) {
    (void)state;
    code("وأعلن الجيش الأمريكي أن قواته قتلت خمسة من عناصر داعش.");
    const rasd_event *e = expect_event("قتلت", "19", "usa-mil", NULL);
    assert_string_equal(e->source.rule, "owner-of-subject");
}

static void test_agent_of_relative(void **state) {
    (void)state;
    code("وأسفرت الهجمات التي شنها داعش عن أضرار.");
    const rasd_event *e = expect_event("الهجمات", "19", "isis", NULL);
    assert_string_equal(e->source.rule, "agent-of-relative");
    code("ورغم الحصار الذي يفرضه داعش على المدينة.");
    e = expect_event("الحصار", "19", "isis", NULL);
    assert_string_equal(e->source.rule, "agent-of-relative");
}

static void test_agent_of_cause(void **state) {
    (void)state;
    code("مقتل 20 من عناصر داعش جراء غارات التحالف الدولي في شهر.");
    const rasd_event *e = expect_event("مقتل", "19", "coalition", NULL);
    assert_string_equal(e->source.rule, "agent-of-cause");
    code("وفي الحسكة شمال سوريا، قتل عشرة من عناصر داعش في اشتباكات عنيفة مع قسد.");
    e = expect_event("قتل", "19", "sdf", NULL);
    assert_string_equal(e->source.rule, "agent-of-cause");
}

/* Doers no dictionary names: after على يد, a perpetrator's noun; and the
 * subject of a relative clause that has one of its own (فيه). */
static void test_unnamed_doer(void **state) {
    (void)state;
    code("وقتل ثلاثة مدنيين في القرية على يد مجهول ملثم.");
    const rasd_event *e = expect_event("وقتل", "18", NULL, NULL);
    assert_string_equal(e->source.rule, "agent-after-by");
    assert_memory_equal(doc + e->source.start, "مجهول ملثم", strlen("مجهول ملثم"));
    code("وقتل شاب بقذائف الهاون في الحي."); /* a weapon is no doer */
    for (size_t i = 0; i < evs.count; i++)
        assert_true(!evs.items[i].source.rule || strcmp(evs.items[i].source.rule, "agent-after-by") != 0);
    code("وكشفت الشرطة هوية منفذ التفجير في السوق.");
    e = expect_event("التفجير", "18", NULL, NULL);
    assert_string_equal(e->source.rule, "perpetrator-noun");
    assert_memory_equal(doc + e->source.start, "منفذ التفجير", strlen("منفذ التفجير"));
}

/* A relative clause whose antecedent no dictionary names; a definite noun
 * right after the verb is its subject, the name after that the object. */
static void test_unnamed_antecedent_and_subject(void **state) {
    (void)state;
    code("وقدم التحالف الدولي دعما للفصائل المعتدلة التي تقاتل داعش في الشمال.");
    const rasd_event *e = expect_event("تقاتل", "19", NULL, "isis");
    assert_string_equal(e->source.rule, "antecedent-of-relative");
    assert_memory_equal(doc + e->source.start, "للفصائل المعتدلة", strlen("للفصائل المعتدلة"));
    code("وتتهم المعارضة قسد بقصف القرى.");
    e = expect_event("وتتهم", "11", NULL, "sdf");
    assert_string_equal(e->source.rule, "noun-after-verb");
    assert_memory_equal(doc + e->source.start, "المعارضة", strlen("المعارضة"));
    assert_int_equal(e->source.end - e->source.start, strlen("المعارضة"));
}

/* A subject no dictionary names that opens with the head of a force, even
 * when that head is the trigger's cue (قصف طيران …); a verb with و and a
 * party's head after it has that party as subject, not the last speaker. */
static void test_unnamed_force_subject(void **state) {
    (void)state;
    code("وقصف طيران التحالف العربي مواقع للمتمردين.");
    const rasd_event *e = expect_event("وقصف", "19", NULL, NULL);
    assert_string_equal(e->source.rule, "noun-after-verb");
    assert_memory_equal(doc + e->source.start, "طيران", strlen("طيران"));
    code("وقال المتحدث إن القصف استمر. ورفض حزب الوسط الانضمام إلى الحكومة.");
    e = expect_event("ورفض", "12", NULL, NULL);
    assert_string_equal(e->source.rule, "noun-after-verb");
}

static void test_resumptive_relative(void **state) {
    (void)state;
    code("وفي الوقت الذي هاجمت فيه قسد مواقع داعش، انسحبت قوات العشائر.");
    const rasd_event *e = expect_event("هاجمت", "19", "sdf", "isis");
    assert_string_equal(e->source.rule, "subject-after-verb");
}

/* The genitive of طرد، تسليح، اتهام is the one acted on, never the agent;
 * a verb whose subject opens with an honorific has the person it leads to,
 * not a person inside an institution's name on the way. */
static void test_object_genitive_and_honorific(void **state) {
    (void)state;
    code("واحتفل السكان بطرد مسلحي داعش من القرية.");
    const rasd_event *e = expect_event("بطرد", "19", NULL, NULL);
    const char *s = entity_id(&e->source);
    assert_true(!s || strcmp(s, "isis") != 0);
    assert_true(!e->source.rule || strcmp(e->source.rule, "genitive-agent") != 0);
    code("وأشاد معالي رئيس مجلس إدارة مستشفى الملك فهد الدكتور سامي العتيبي بالموظفين، ثم استقبل معالي المدير العام لمركز الأمير سلطان الدكتور خالد المطيري الوفد.");
    e = expect_event("استقبل", "04", NULL, NULL);
    assert_string_equal(e->source.rule, "titled-subject-after-verb");
    assert_memory_equal(doc + e->source.start, "خالد المطيري", strlen("خالد المطيري"));
}

/* A time before a relative pronoun (في الوقت الذي) is no antecedent; a
 * count's group after من is the subject; an indefinite noun with its owner
 * after ل is the object, not the subject. */
static void test_np_after_verb_edges(void **state) {
    (void)state;
    code("وجاء الإعلان في الوقت الذي شددت قسد الحصار على البلدة.");
    const rasd_event *e = expect_event("شددت", "19", "sdf", NULL);
    code("وتظاهر عشرات من أعضاء النقابة أمام الوزارة.");
    e = expect_event("وتظاهر", "14", NULL, NULL);
    assert_string_equal(e->source.rule, "noun-after-verb");
    assert_int_equal(e->source.end - e->source.start, strlen("عشرات من أعضاء النقابة"));
    assert_memory_equal(doc + e->source.start, "عشرات من أعضاء النقابة", strlen("عشرات من أعضاء النقابة"));
    code("وأغلقت الشرطة الطريق، كما استهدف محطة للوقود في المدينة.");
    e = expect_event("استهدف", "19", NULL, NULL);
    assert_true(!e->source.rule || strcmp(e->source.rule, "noun-after-verb") != 0);
}

/* A killing verb with only a preposition after it is passive: the party
 * before it is the victim, not the doer. */
static void test_passive_killing_no_doer_before(void **state) {
    (void)state;
    code("وقال المتحدث إن خمسة من الجنود قتلوا في الهجوم على الحاجز.");
    const rasd_event *e = expect_event("قتلوا", "19", NULL, NULL);
    assert_true(!e->source.rule || strcmp(e->source.rule, "nearest-before") != 0);
}

/* A party after a ل written apart (لـ"الوطن") is who was told, no doer. */
static void test_li_apart_is_no_subject(void **state) {
    (void)state;
    code("وكشفت مصادر مطلعة لـ\"الوطن\" أمس بدء التحقيق في القضية.");
    const rasd_event *e = expect_event("التحقيق", "09", NULL, NULL);
    assert_true(!e->source.rule || strcmp(e->source.rule, "nearest-before") != 0);
}

/* قام/حاول + an unnamed subject + the event noun (VSO): the phrase between
 * is the doer; a day between is not. */
static void test_unnamed_subject_of_control_verb(void **state) {
    (void)state;
    code("وقامت دبابة إسرائيلية بقصف أحد المنازل في المخيم.");
    const rasd_event *e = expect_event("بقصف", "19", NULL, NULL);
    assert_string_equal(e->source.rule, "subject-of-control-verb");
    assert_memory_equal(doc + e->source.start, "دبابة إسرائيلية", strlen("دبابة إسرائيلية"));
    assert_int_equal(e->source.end - e->source.start, strlen("دبابة إسرائيلية"));
    code("وحاول رجل مسلح اقتحام المبنى.");
    e = expect_event("اقتحام", "19", NULL, NULL);
    assert_string_equal(e->source.rule, "subject-of-control-verb");
    assert_memory_equal(doc + e->source.start, "رجل مسلح", strlen("رجل مسلح"));
    code("وقامت الأحد بقصف المنازل.");
    e = expect_event("بقصف", "19", NULL, NULL);
    assert_true(!e->source.rule || strcmp(e->source.rule, "subject-of-control-verb") != 0);
}

/* Who holds a prisoner is named after لدى. */
static void test_holder_after_lada(void **state) {
    (void)state;
    code("وتواترت الأنباء عن اعتقاله لدى قسد في الشمال.");
    const rasd_event *e = expect_event("اعتقاله", "17", "sdf", NULL);
    assert_string_equal(e->source.rule, "holder-after-lada");
}

/* A verb joined by و with no subject of its own goes on with the subject
 * of the sentence's last event, past a name in a complement between; also
 * after ولا تزال, and not past a negation. */
static void test_joined_verb(void **state) {
    (void)state;
    code("وسيطرت قسد على قرية صغيرة قرب مواقع تنظيم داعش ولاتزال تفرض حصارا على البلدة.");
    const rasd_event *e = expect_event("تفرض", "19", "sdf", NULL);
    assert_string_equal(e->source.rule, "subject-of-joined-verb");
    code("وقال شهود إن مقاتلي قسد تمكنوا من السيطرة على البلدة التي كان يتحصن فيها تنظيم داعش "
         "ودمروا عربتين واستطاعوا اقتحام مخزن للذخيرة.");
    e = expect_event("ودمروا", "19", "sdf", NULL);
    assert_string_equal(e->source.rule, "subject-of-joined-verb");
    e = expect_event("اقتحام", "19", "sdf", NULL);
    assert_string_equal(e->source.rule, "subject-of-joined-verb");
}

/* «دبابات تابعة للجيش كانت تقصف»: an unnamed force acts for the party it
 * belongs to; a thing owned does not (قوارب تابعة لصيادين). */
static void test_owner_of_unnamed_force(void **state) {
    (void)state;
    code("وذكر المرصد أن دبابات تابعة لقسد كانت تقصف البلدة.");
    const rasd_event *e = expect_event("تقصف", "19", "sdf", NULL);
    assert_string_equal(e->source.rule, "owner-of-unnamed-force");
    code("وأضاف أن قوارب تابعة لصيادين محليين نهبت قرب الميناء.");
    for (size_t k = 0; k < evs.count; k++)
        assert_true(!evs.items[k].source.rule || strcmp(evs.items[k].source.rule, "owner-of-unnamed-force") != 0);
}

/* «القصف التركي» where the article names تركيا: the adjective's state is that
 * entity, with its mentions. */
static void test_nationality_adjective_state(void **state) {
    (void)state;
    code("وتتهم قسد تركيا بدعم الفصائل. وقال سكان إن القصف التركي أصاب منازلهم.");
    const rasd_event *e = expect_event("القصف", "19", "tur", NULL);
    assert_string_equal(e->source.rule, "nationality-adjective");
}

/* A noun of necessity (ضرورة، من الضروري) in what someone says is the
 * speaker's appeal. */
static void test_speaker_of_statement(void **state) {
    (void)state;
    code("وقال المتحدث باسم قسد للصحافيين إن الوضع صعب، مشددا على ضرورة وقف إطلاق النار في المنطقة.");
    const rasd_event *e = expect_event("ضرورة", "10", "sdf", NULL);
    assert_string_equal(e->source.rule, "speaker-of-statement");
}

/* «يؤكد خطفها مقاتلين»: a generic plural in -ين after a verbal noun with a
 * pronoun is its object, not a subject; the pronoun's party did it. */
static void test_oblique_plural_no_subject(void **state) {
    (void)state;
    code("وبثت قسد شريطا يؤكد خطفها مقاتلين قرب الحدود.");
    expect_event("خطفها", "18", "sdf", NULL);
}

/* «بقيادة العقيد فلان»: the commander after his titles describes the
 * subject before, he is not it. */
static void test_led_by_is_no_subject(void **state) {
    (void)state;
    code("وقالت مصادر إن قسد بقيادة العقيد أحمد سالم الحميدي تمكنت من اقتحام البلدة.");
    expect_event("اقتحام", "19", "sdf", NULL);
}

/* Two sides after بين: past a place between the noun and بين, past the
 * first side's own words, or one side no dictionary names. */
static void test_between_sides(void **state) {
    (void)state;
    code("واندلعت اشتباكات في ريف الحسكة الجنوبي بين قسد المدعومة من التحالف وعناصر داعش.");
    const rasd_event *e = expect_event("اشتباكات", "19", "sdf", "isis");
    assert_string_equal(e->source.rule, "between-pair");
    code("وهي البلدة التي شهدت الصدامات بين \"داعش\" والأهالي قبل عام.");
    e = expect_event("الصدامات", "19", "isis", NULL);
    assert_string_equal(e->source.rule, "between-pair");
}

/* «الهجمات الدامية لـ"داعش"»: an attack's owner after a ل written apart;
 * not the owner of the object (بقصف مواقع لـ). */
static void test_genitive_after_li_apart(void **state) {
    (void)state;
    code("وأدت الهجمات الدامية لـ\"داعش\" إلى نزوح الآلاف.");
    const rasd_event *e = expect_event("الهجمات", "19", "isis", NULL);
    assert_string_equal(e->source.rule, "genitive-agent");
    code("وردت قسد على ذلك بقصف مواقع لـ\"داعش\" في الريف.");
    e = expect_event("بقصف", "19", NULL, NULL);
    assert_true(!e->source.rule || strcmp(e->source.rule, "genitive-agent") != 0);
}

/* «ضد مسلحين اقتحموا مركزا»: a plural verb right after an indefinite
 * plural describes it; that noun is its subject. */
static void test_descriptive_clause(void **state) {
    (void)state;
    code("وقالت قسد إن العملية ضد مسلحين اقتحموا مركزا للشرطة انتهت.");
    const rasd_event *e = expect_event("اقتحموا", "19", NULL, NULL);
    assert_string_equal(e->source.rule, "subject-of-descriptive-clause");
    assert_memory_equal(doc + e->source.start, "مسلحين", strlen("مسلحين"));
}

/* Counted people before a passive killing verb are its victims, never
 * its doers, even when they are a force. */
static void test_counted_victims_before_passive(void **state) {
    (void)state;
    code("وأوضحت مصادر أن العشرات من عناصر داعش قتلوا في مناطق متفرقة من المدينة.");
    const rasd_event *e = expect_event("قتلوا", "19", NULL, "isis");
    assert_string_equal(e->target.rule, "victims-before-passive");
    assert_true(!entity_id(&e->source) || strcmp(entity_id(&e->source), "isis") != 0);
}

/* «X سبق واعتقل Y»: the subject stands before سبق; the name after the verb
 * is its object. */
static void test_already_before_verb(void **state) {
    (void)state;
    code("وكانت قسد سبق واعتقلت عناصر من داعش في الريف.");
    expect_event("واعتقلت", "17", "sdf", NULL);
}

/* Who claimed the act before it is named did it, even a phrase. */
static void test_claimed_before(void **state) {
    (void)state;
    code("وكانت الحركة المسلحة قد أعلنت مسؤوليتها عن الهجوم على نقطة التفتيش.");
    const rasd_event *e = expect_event("الهجوم", "19", NULL, NULL);
    assert_string_equal(e->source.rule, "claimed-by");
    assert_memory_equal(doc + e->source.start, "الحركة المسلحة", strlen("الحركة المسلحة"));
}

/* «X التي كثفت من هجماتها»: the pronoun of an event noun in a relative
 * clause stands for the antecedent, even after a preposition. */
static void test_pronoun_of_relative_antecedent(void **state) {
    (void)state;
    code("ويشارك التحالف في العملية ضد داعش التي كثفت من هجماتها في الأسابيع الأخيرة.");
    const rasd_event *e = expect_event("هجماتها", "19", "isis", NULL);
    assert_string_equal(e->source.rule, "antecedent-of-relative");
}

/* Who is held (المتهمين، المعتقلين) is never the one who arrests or
 * releases. */
static void test_held_is_no_source(void **state) {
    (void)state;
    code("وأكدت المصادر أن المتهمين المقبوض عليهم اعترفوا بالتهم.");
    size_t arrests = 0;
    for (size_t k = 0; k < evs.count; k++)
        if (memcmp(evs.items[k].cameo, "17", 2) == 0) {
            arrests++;
            assert_true(!evs.items[k].source.rule || strcmp(evs.items[k].source.rule, "nearest-before") != 0);
        }
    assert_true(arrests > 0);
}

/* «طائرات دون طيار «درونز» إيرانية»: quotation marks do not count among
 * the words between a force's head and its nationality. */
static void test_force_nationality_past_quotes(void **state) {
    (void)state;
    code("وتحدثت أنباء عن تحليق طائرات دون طيار «درونز» تركية فوق القرى الحدودية.");
    const rasd_event *e = expect_event("تحليق", "15", NULL, NULL);
    assert_string_equal(e->source.rule, "genitive-agent");
    assert_memory_equal(e->source.country, "TUR", 3);
}

/* «تدمير المسلحين منازل»: a definite plural genitive with an indefinite
 * accusative after it is the agent; not before a time (أمس) or a name. */
static void test_agent_genitive_before_object(void **state) {
    (void)state;
    code("وكشف التقرير عن تدمير المسلحين منازل في القرية.");
    const rasd_event *e = expect_event("تدمير", "19", NULL, NULL);
    assert_string_equal(e->source.rule, "genitive-agent");
    assert_memory_equal(doc + e->source.start, "المسلحين", strlen("المسلحين"));
    code("وكشف التقرير عن تدمير المنازل أمس في القرية.");
    for (size_t k = 0; k < evs.count; k++)
        assert_true(!evs.items[k].source.rule || strcmp(evs.items[k].source.rule, "genitive-agent") != 0);
}

/* «حاولت X واستقبلت Y»: a verb joined by و right after a control verb and
 * its subject shares that subject; the name after it is the object. */
static void test_subject_of_verb_before(void **state) {
    (void)state;
    code("ومرة ثالثة حاولت قسد واستقبلت وفدا من التحالف الدولي في الحسكة.");
    const rasd_event *e = expect_event("واستقبلت", "04", "sdf", NULL);
    assert_string_equal(e->source.rule, "subject-of-verb-before");
}

/* «قالت X إن المتهم سبق اعتقاله»: سبق + a verbal noun is told in the passive,
 * the announcing force's act, not the held man's. */
static void test_already_passive_announced(void **state) {
    (void)state;
    code("وقالت قسد إن المتهم سبق اعتقاله في العام الماضي.");
    const rasd_event *e = expect_event("اعتقاله", "17", "sdf", NULL);
    assert_string_equal(e->source.rule, "announcer-of-passive");
}

/* «أنه تم أسر أربعين مسلحا»: تم is no subject and what follows the verbal
 * noun is the one acted on; «، وأن ... بأيدي المتمردين»: an agent after a
 * comma and و belongs to a clause of its own. */
static void test_passive_tamma(void **state) {
    (void)state;
    code("وأضاف المصدر أنه تم أسر أربعين مسلحا، وأن القصر لا يزال بأيدي داعش.");
    const rasd_event *e = expect_event("أسر", "17", NULL, NULL);
    assert_true(!e->source.rule || (strcmp(e->source.rule, "noun-before-verb") != 0 &&
                                    strcmp(e->source.rule, "noun-after-verb") != 0 &&
                                    strcmp(e->source.rule, "agent-after-by") != 0));
}

static void test_no_event(void **state) {
    (void)state;
    expect_no_event("قال المتحدث إن الوضع هادئ في المنطقة.");               /* a quote, no trigger */
    expect_no_event("شارك طالب من الحسكة في المسابقة.");                      /* طالب: a student */
    expect_no_event("وحقق داعش مكاسب كبيرة في المنطقة.");                     /* حقق: achieved, not investigated */
    expect_no_event("ويبحث التحالف الدولي عن حل للأزمة.");                    /* يبحث عن: searches, not discusses */
    expect_no_event("وتجري الشركة صيانة دورية للمعدات.");
    expect_no_event("وساعدت الجمعية الأسر المحتاجة في الحسكة.");              /* الأسر: families, not captured */
    expect_no_event("أعلن التحالف الدولي عن خطة جديدة.");                      /* a statement (CAMEO 01) */
    expect_no_event("وتواصل قسد عملها في المنطقة حتى الآن، مع التحالف الدولي."); /* تواصل: went on */
    expect_no_event("وكان الرجل يصلي في مسجد الحسكة.");                         /* يصلي is not يصل + ي */
    expect_no_event("وبموجب القانون يمكن اعتقال المشتبه به ستة أشهر.");         /* a possibility */
    expect_no_event("وتحاول جهات عرقلة عقد الجلسة.");                              /* an obstruction's object */
    expect_no_event("فكيف بما هو دون ذلك كالقتل؟");                                /* a comparison */
    expect_no_event("واستشهد الكاتب بقول أحد الروائيين في مقاله.");                 /* cited, not martyred */
    expect_no_event("الغرفة التجارية تستقبل طلبات الشركات للمعرض");              /* a routine, nobody received */
    expect_no_event("وافتتح المعرض أمس. سمات الحسكة قتل تفجير اعتقال");             /* an outlet's tags */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verbal_named_source_and_target),
        cmocka_unit_test(test_agent_with_country),
        cmocka_unit_test(test_speaker_of_speech_act),
        cmocka_unit_test(test_negated),
        cmocka_unit_test(test_future),
        cmocka_unit_test(test_hypothetical),
        cmocka_unit_test(test_claimed),
        cmocka_unit_test(test_nominal_symmetric),
        cmocka_unit_test(test_magnitudes),
        cmocka_unit_test(test_place_and_date),
        cmocka_unit_test(test_acled),
        cmocka_unit_test(test_inflections),
        cmocka_unit_test(test_plural_agreement),
        cmocka_unit_test(test_passive),
        cmocka_unit_test(test_verbal_noun_and_genitive_agent),
        cmocka_unit_test(test_capture_place),
        cmocka_unit_test(test_light_verb),
        cmocka_unit_test(test_unknown_perpetrator),
        cmocka_unit_test(test_assault_or_fight),
        cmocka_unit_test(test_cue_phrase_alone),
        cmocka_unit_test(test_generic_agent),
        cmocka_unit_test(test_title),
        cmocka_unit_test(test_references_and_sport),
        cmocka_unit_test(test_ambiguous_told),
        cmocka_unit_test(test_verb_classes),
        cmocka_unit_test(test_reference),
        cmocka_unit_test(test_control_verb),
        cmocka_unit_test(test_unnamed_subject_before_verb),
        cmocka_unit_test(test_indefinite_subject),
        cmocka_unit_test(test_source_of_result),
        cmocka_unit_test(test_announcer_of_passive),
        cmocka_unit_test(test_force_of_country),
        cmocka_unit_test(test_subject_of_participle),
        cmocka_unit_test(test_claimed_by),
        cmocka_unit_test(test_partitive_genitive),
        cmocka_unit_test(test_owner_of_subject),
        cmocka_unit_test(test_agent_of_relative),
        cmocka_unit_test(test_agent_of_cause),
        cmocka_unit_test(test_unnamed_doer),
        cmocka_unit_test(test_resumptive_relative),
        cmocka_unit_test(test_unnamed_force_subject),
        cmocka_unit_test(test_unnamed_antecedent_and_subject),
        cmocka_unit_test(test_object_genitive_and_honorific),
        cmocka_unit_test(test_np_after_verb_edges),
        cmocka_unit_test(test_passive_killing_no_doer_before),
        cmocka_unit_test(test_li_apart_is_no_subject),
        cmocka_unit_test(test_unnamed_subject_of_control_verb),
        cmocka_unit_test(test_holder_after_lada),
        cmocka_unit_test(test_joined_verb),
        cmocka_unit_test(test_owner_of_unnamed_force),
        cmocka_unit_test(test_nationality_adjective_state),
        cmocka_unit_test(test_speaker_of_statement),
        cmocka_unit_test(test_oblique_plural_no_subject),
        cmocka_unit_test(test_led_by_is_no_subject),
        cmocka_unit_test(test_between_sides),
        cmocka_unit_test(test_genitive_after_li_apart),
        cmocka_unit_test(test_descriptive_clause),
        cmocka_unit_test(test_counted_victims_before_passive),
        cmocka_unit_test(test_already_before_verb),
        cmocka_unit_test(test_claimed_before),
        cmocka_unit_test(test_pronoun_of_relative_antecedent),
        cmocka_unit_test(test_held_is_no_source),
        cmocka_unit_test(test_force_nationality_past_quotes),
        cmocka_unit_test(test_agent_genitive_before_object),
        cmocka_unit_test(test_subject_of_verb_before),
        cmocka_unit_test(test_already_passive_announced),
        cmocka_unit_test(test_passive_tamma),
        cmocka_unit_test(test_no_event),
        cmocka_unit_test(test_inflection_memo_across_documents),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
