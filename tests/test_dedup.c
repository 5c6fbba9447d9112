/*
 * test_dedup.c: exact and near-duplicate articles, the LSH index and its
 * verification step, and repeated paragraphs. The articles are written for
 * these tests; the seed check reads ../shared/seeds and skips without it.
 */
#include "test_helpers.h"

#include "corpus/dedup.h"

#include <glob.h>

#ifndef SEEDS_DIR
#define SEEDS_DIR "../shared/seeds"
#endif

/* About 150 words in four paragraphs: long enough that two changed words
 * leave most 5-word shingles intact. */
static const char ARTICLE[] =
    "عقد المجلس المحلي في مدينة الحسكة اجتماعا موسعا صباح الثلاثاء لبحث أزمة المياه التي تعاني منها الأحياء "
    "الشرقية منذ بداية الصيف، بحضور ممثلين عن مديرية الموارد المائية ومنظمات إنسانية تعمل في المنطقة.\n"
    "وقال رئيس المجلس في كلمة افتتح بها الاجتماع إن محطة الضخ الرئيسية توقفت عن العمل ثلاث مرات خلال الشهر "
    "الماضي بسبب انقطاع التيار الكهربائي وقلة الوقود اللازم لتشغيل المولدات الاحتياطية.\n"
    "وأضاف أن المجلس وضع خطة عاجلة تقوم على توزيع المياه بالصهاريج على الأحياء الأكثر تضررا، وحفر آبار جديدة "
    "بالقرب من المدارس والمراكز الصحية، إلى جانب صيانة الشبكة القديمة التي تهدر كميات كبيرة من المياه.\n"
    "من جهتها، أعلنت إحدى المنظمات المشاركة أنها ستمول تركيب ألواح شمسية لتشغيل محطتين صغيرتين في الريف "
    "الجنوبي، مشيرة إلى أن المشروع سيخدم نحو عشرين ألف نسمة ويخفف الضغط عن المحطة الرئيسية.\n";

/* The same article with diacritics, tatweel, hamzated alefs, alef maqsura
 * and taa marbuta variants, other punctuation and extra spaces. */
static const char ARTICLE_VARIANT[] =
    "عَقَدَ   المجلس المحلي في مدينة الحسكـــة اجتماعاً موسعاً صباحَ الثلاثاء لبحث ازمة المياه التي تعاني منها "
    "الاحياء الشرقيه منذ بدايه الصيف ، بحضور ممثلين عن مديريه الموارد المائيه ومنظمات انسانيه تعمل في المنطقة .\n\n"
    "وقال رئيس المجلس في كلمة افتتح بها الاجتماع إنّ محطة الضخ الرئيسية توقفت عن العمل ثلاث مرات خلال الشهر "
    "الماضي بسبب انقطاع التيار الكهربائي وقلة الوقود اللازم لتشغيل المولدات الاحتياطية!\n"
    "وأضاف أن المجلس وضع خطة عاجلة تقوم على توزيع المياه بالصهاريج على الأحياء الأكثر تضرراً؛ وحفر آبار جديدة "
    "بالقرب من المدارس والمراكز الصحية، إلى جانب صيانة الشبكة القديمة التي تهدر كميات كبيرة من المياه\n"
    "من جهتها، أعلنت إحدى المنظمات المشاركة انها ستمول تركيب الواح شمسية لتشغيل محطتين صغيرتين في الريف "
    "الجنوبي، مشيرةً إلى أن المشروع سيخدم نحو عشرين ألف نسمة ويخفف الضغط عن المحطة الرئيسية.";

/* Two words changed (الثلاثاء -> الأربعاء, عشرين -> ثلاثين) and a word
 * added: a near duplicate. */
static const char ARTICLE_EDITED[] =
    "عقد المجلس المحلي في مدينة الحسكة اجتماعا موسعا صباح الأربعاء لبحث أزمة المياه التي تعاني منها الأحياء "
    "الشرقية منذ بداية الصيف، بحضور ممثلين عن مديرية الموارد المائية ومنظمات إنسانية تعمل في المنطقة.\n"
    "وقال رئيس المجلس في كلمة افتتح بها الاجتماع إن محطة الضخ الرئيسية توقفت عن العمل ثلاث مرات خلال الشهر "
    "الماضي بسبب انقطاع التيار الكهربائي وقلة الوقود اللازم لتشغيل المولدات الاحتياطية.\n"
    "وأضاف أن المجلس وضع خطة عاجلة تقوم على توزيع المياه بالصهاريج على الأحياء الأكثر تضررا، وحفر آبار جديدة "
    "بالقرب من المدارس والمراكز الصحية، إلى جانب صيانة الشبكة القديمة التي تهدر كميات كبيرة من المياه.\n"
    "من جهتها، أعلنت إحدى المنظمات المشاركة أنها ستمول تركيب ألواح شمسية لتشغيل محطتين صغيرتين في الريف "
    "الجنوبي، مشيرة إلى أن المشروع سيخدم نحو ثلاثين ألف نسمة ويخفف الضغط عن المحطة الرئيسية أيضا.\n";

/* Another article on another subject. */
static const char OTHER[] =
    "أعلنت إدارة الملعب البلدي في القامشلي اكتمال أعمال تأهيل المدرجات والإنارة استعدادا لانطلاق الدوري المحلي "
    "لكرة القدم الشهر المقبل، بمشاركة اثني عشر ناديا من مختلف مدن المنطقة.\n"
    "وأوضح مدير الملعب أن الأعمال شملت تركيب مقاعد جديدة لألفي متفرج وتجديد غرف تبديل الملابس، وأن الافتتاح "
    "سيكون بمباراة ودية بين فريقين من المدينة يعود ريعها لدعم الفرق الناشئة.\n";

static rasd_fingerprint fp_of(const char *text) {
    rasd_fingerprint fp;
    rasd_error err = {0};
    assert_int_equal(rasd_fingerprint_text(test_an, text, strlen(text), &fp, &err), RASD_OK);
    return fp;
}

static rasd_dup_match add(rasd_dedup *d, int64_t id, const char *text) {
    rasd_fingerprint fp = fp_of(text);
    rasd_dup_match m;
    assert_int_equal(rasd_dedup_add(d, id, &fp, &m), RASD_OK);
    return m;
}

static void test_exact_despite_spelling_and_spacing(void **state) {
    (void)state;
    rasd_fingerprint a = fp_of(ARTICLE), b = fp_of(ARTICLE_VARIANT);
    assert_memory_equal(a.exact, b.exact, sizeof a.exact);
    assert_int_equal(a.n_words, b.n_words);
    assert_true(a.n_words > 100);
    rasd_dedup *d = rasd_dedup_new(NULL, NULL);
    assert_non_null(d);
    assert_int_equal(add(d, 1, ARTICLE).kind, RASD_DUP_NONE);
    assert_int_equal(add(d, 2, OTHER).kind, RASD_DUP_NONE);
    rasd_dup_match m = add(d, 3, ARTICLE_VARIANT);
    assert_int_equal(m.kind, RASD_DUP_EXACT);
    assert_int_equal(m.original, 1);
    assert_true(m.similarity == 1.0);
    rasd_dedup_destroy(d);
}

static void test_near_duplicate_with_words_changed(void **state) {
    (void)state;
    rasd_fingerprint a = fp_of(ARTICLE), b = fp_of(ARTICLE_EDITED);
    assert_memory_not_equal(a.exact, b.exact, sizeof a.exact);
    double sim = rasd_fingerprint_similarity(&a, &b);
    assert_true(sim >= 0.7 && sim < 1.0);
    rasd_dedup *d = rasd_dedup_new(NULL, NULL);
    add(d, 10, ARTICLE);
    add(d, 11, OTHER);
    rasd_dup_match m = add(d, 12, ARTICLE_EDITED);
    assert_int_equal(m.kind, RASD_DUP_NEAR);
    assert_int_equal(m.original, 10);
    assert_true(m.similarity >= 0.7 && m.similarity < 1.0);
    rasd_dedup_destroy(d);
}

static void test_different_articles_not_flagged(void **state) {
    (void)state;
    rasd_fingerprint a = fp_of(ARTICLE), b = fp_of(OTHER);
    assert_true(rasd_fingerprint_similarity(&a, &b) < 0.1);
    rasd_dedup *d = rasd_dedup_new(NULL, NULL);
    assert_int_equal(add(d, 1, ARTICLE).kind, RASD_DUP_NONE);
    assert_int_equal(add(d, 2, OTHER).kind, RASD_DUP_NONE);
    rasd_dedup_stats st;
    rasd_dedup_get_stats(d, &st);
    assert_int_equal(st.articles, 2);
    assert_int_equal(st.near + st.exact, 0);
    rasd_dedup_destroy(d);
}

static void test_short_texts(void **state) {
    (void)state;
    rasd_fingerprint a = fp_of("وصل الوفد"), b = fp_of("وَصَلَ  الوفـد."), c = fp_of("غادر الوفد");
    assert_int_equal(a.n_words, 2);
    /* fewer words than a shingle: the whole text is one shingle */
    assert_true(rasd_fingerprint_similarity(&a, &b) == 1.0);
    assert_true(rasd_fingerprint_similarity(&a, &c) < 0.1);
    rasd_fingerprint empty = fp_of("... !!");
    assert_int_equal(empty.n_words, 0);
    assert_true(rasd_fingerprint_similarity(&empty, &empty) == 0);
    rasd_dedup *d = rasd_dedup_new(NULL, NULL);
    assert_int_equal(add(d, 1, "وصل الوفد").kind, RASD_DUP_NONE);
    assert_int_equal(add(d, 2, "غادر الوفد").kind, RASD_DUP_NONE);
    rasd_dup_match m = add(d, 3, "وَصَلَ  الوفـد.");
    assert_int_equal(m.kind, RASD_DUP_EXACT);
    assert_int_equal(m.original, 1);
    /* texts without words are never anyone's duplicate */
    assert_int_equal(add(d, 4, "").kind, RASD_DUP_NONE);
    assert_int_equal(add(d, 5, "... !!").kind, RASD_DUP_NONE);
    rasd_dedup_destroy(d);
}

static void test_lsh_candidate_then_verification(void **state) {
    (void)state;
    /* at the default threshold the edited copy is a candidate and passes */
    rasd_dedup *d = rasd_dedup_new(NULL, NULL);
    add(d, 1, ARTICLE);
    rasd_dup_match m = add(d, 2, ARTICLE_EDITED);
    rasd_dedup_stats st;
    rasd_dedup_get_stats(d, &st);
    assert_int_equal(m.kind, RASD_DUP_NEAR);
    assert_int_equal(st.candidates, 1);
    assert_int_equal(st.near, 1);
    rasd_dedup_destroy(d);
    /* with a threshold above its similarity it is still a candidate (it
     * shares bands) but verification turns it down */
    rasd_dedup_options strict = {.threshold = 0.99};
    d = rasd_dedup_new(&strict, NULL);
    add(d, 1, ARTICLE);
    m = add(d, 2, ARTICLE_EDITED);
    rasd_dedup_get_stats(d, &st);
    assert_int_equal(m.kind, RASD_DUP_NONE);
    assert_int_equal(st.candidates, 1);
    assert_int_equal(st.near, 0);
    rasd_dedup_destroy(d);
    /* an unrelated article shares no band: not even a candidate */
    d = rasd_dedup_new(NULL, NULL);
    add(d, 1, ARTICLE);
    add(d, 2, OTHER);
    rasd_dedup_get_stats(d, &st);
    assert_int_equal(st.candidates, 0);
    rasd_dedup_destroy(d);
}

static void test_earliest_original(void **state) {
    (void)state;
    rasd_dedup *d = rasd_dedup_new(NULL, NULL);
    add(d, 5, ARTICLE_EDITED);
    add(d, 7, ARTICLE);
    rasd_dup_match m = add(d, 9, ARTICLE_VARIANT); /* exact copy of 7, near copy of 5 */
    assert_int_equal(m.kind, RASD_DUP_EXACT);
    assert_int_equal(m.original, 7);
    rasd_dedup_destroy(d);
}

static void test_bad_options(void **state) {
    (void)state;
    rasd_error err = {0};
    rasd_dedup_options bad = {.threshold = 1.5};
    assert_null(rasd_dedup_new(&bad, &err));
    assert_int_equal(err.code, RASD_ERR_USAGE);
    assert_non_null(strstr(err.message, "1.5"));
}

/* Paragraphs of a text, and its repeated pairs. */
static size_t pairs_of(const char *text, rasd_paragraph_pair **pairs, size_t *n_paras) {
    rasd_span_list paras = {0};
    assert_int_equal(rasd_segment(test_an, text, strlen(text), &paras, NULL, NULL, NULL, NULL), RASD_OK);
    size_t n = 0;
    assert_int_equal(rasd_repeated_paragraphs(test_an, text, &paras, pairs, &n, NULL), RASD_OK);
    *n_paras = paras.count;
    rasd_span_list_free(&paras);
    return n;
}

static void test_paragraph_key(void **state) {
    (void)state;
    const char *p = "قال رئيس المجلس إن محطة الضخ الرئيسية توقفت عن العمل ثلاث مرات.";
    const char *q = "قالَ رئيسُ المجلس إنّ محطة الضـخ الرئيسيه توقفت عن العمل ثلاث مرات";
    uint64_t kp = rasd_paragraph_key(test_an, p, 0, strlen(p));
    assert_true(kp != 0);
    assert_true(kp == rasd_paragraph_key(test_an, q, 0, strlen(q)));
    const char *r = "قال رئيس المجلس إن محطة الضخ الرئيسية توقفت عن العمل مرتين.";
    assert_true(kp != rasd_paragraph_key(test_an, r, 0, strlen(r)));
    /* a dateline or caption does not count */
    const char *d = "الحسكة - خاص";
    assert_true(rasd_paragraph_key(test_an, d, 0, strlen(d)) == 0);
}

static void test_paragraph_repeated_exactly_and_nearly(void **state) {
    (void)state;
    const char *text =
        "أزمة المياه في الحسكة\n"
        "قال رئيس المجلس المحلي إن محطة الضخ الرئيسية توقفت عن العمل ثلاث مرات خلال الشهر الماضي بسبب انقطاع "
        "التيار الكهربائي.\n"
        "وأكد مدير الموارد المائية أن المديرية بحاجة إلى ما لا يقل عن عشرة مولدات كبيرة وكميات كافية من الوقود "
        "حتى تتمكن من تشغيل المحطة بشكل متواصل طوال أشهر الصيف المقبلة.\n"
        "وفي سياق متصل، أعلنت منظمة محلية أنها ستوزع خزانات مياه على ثلاثمئة عائلة في حي غويران.\n"
        "قالَ رئيسُ المجلس المحلي إنّ محطة الضـخ الرئيسية توقفت عن العمل ثلاث مرات خلال الشهر الماضي بسبب انقطاع "
        "التيار الكهربائي\n"
        "ونقلت وسائل إعلام محلية عن المسؤول أن المديرية بحاجة إلى ما لا يقل عن عشرة مولدات كبيرة وكميات كافية من "
        "الوقود كي تتمكن من تشغيل المحطة بشكل متواصل طوال أشهر الصيف المقبلة، داعيا المنظمات إلى المساعدة.\n";
    rasd_paragraph_pair *pairs = NULL;
    size_t n_paras;
    size_t n = pairs_of(text, &pairs, &n_paras);
    assert_int_equal(n_paras, 6);
    assert_int_equal(n, 2);
    assert_int_equal(pairs[0].a, 1);
    assert_int_equal(pairs[0].b, 4);
    assert_true(pairs[0].exact);
    assert_true(pairs[0].similarity == 1.0);
    assert_int_equal(pairs[1].a, 2);
    assert_int_equal(pairs[1].b, 5);
    assert_false(pairs[1].exact);
    assert_true(pairs[1].similarity >= RASD_PARAGRAPH_NEAR && pairs[1].similarity < 1.0);
    free(pairs);
}

static void test_paragraphs_sharing_a_phrase_are_not_repeats(void **state) {
    (void)state;
    /* a lede and a quote that share one clause (under 14 words) */
    const char *text =
        "قال مسؤول في الإدارة المحلية إن الحكومة تعمل مع المنظمات لتأمين المياه لسكان الأحياء الشرقية قبل نهاية الشهر.\n"
        "وأضاف المسؤول في تصريح لوسائل الإعلام أن العمل جار لتأمين المياه لسكان الأحياء الشرقية، وأن الصهاريج "
        "ستصل خلال أيام إلى المدارس والمراكز الصحية.\n";
    rasd_paragraph_pair *pairs = NULL;
    size_t n_paras;
    assert_int_equal(pairs_of(text, &pairs, &n_paras), 0);
    assert_int_equal(n_paras, 2);
    assert_null(pairs);
}

/* The text of the seed whose name starts with prefix, or NULL. */
static char *read_seed(const char *prefix) {
    char pattern[1024];
    snprintf(pattern, sizeof pattern, "%s/%s_*.txt", SEEDS_DIR, prefix);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0) return NULL;
    FILE *f = g.gl_pathc ? fopen(g.gl_pathv[0], "rb") : NULL;
    globfree(&g);
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0)
        if ((n += got) + 1 == cap) buf = realloc(buf, cap *= 2);
    fclose(f);
    if (buf) buf[n] = '\0';
    return buf;
}

/* The seeds' gold names one near-duplicate paragraph pair, in 000: the
 * detector must find it (it is not told where), and nothing in 001-004. */
static void test_seed_paragraphs(void **state) {
    (void)state;
    char *seed0 = read_seed("000");
    if (!seed0) {
        fprintf(stderr, "test_seed_paragraphs: SKIP: no seeds in %s\n", SEEDS_DIR);
        skip();
    }
    rasd_paragraph_pair *pairs = NULL;
    size_t n_paras;
    size_t n = pairs_of(seed0, &pairs, &n_paras);
    bool found = false;
    for (size_t i = 0; i < n; i++) found |= pairs[i].a == 2 && pairs[i].b == 6 && !pairs[i].exact;
    assert_true(found);
    free(pairs);
    free(seed0);
    const char *others[] = {"001", "002", "003", "004"};
    for (int s = 0; s < 4; s++) {
        char *text = read_seed(others[s]);
        assert_non_null(text);
        assert_int_equal(pairs_of(text, &pairs, &n_paras), 0);
        free(text);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_despite_spelling_and_spacing),
        cmocka_unit_test(test_near_duplicate_with_words_changed),
        cmocka_unit_test(test_different_articles_not_flagged),
        cmocka_unit_test(test_short_texts),
        cmocka_unit_test(test_lsh_candidate_then_verification),
        cmocka_unit_test(test_earliest_original),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_paragraph_key),
        cmocka_unit_test(test_paragraph_repeated_exactly_and_nearly),
        cmocka_unit_test(test_paragraphs_sharing_a_phrase_are_not_repeats),
        cmocka_unit_test(test_seed_paragraphs),
    };
    return cmocka_run_group_tests(tests, setup_analyzer, teardown_analyzer);
}
