/*
 * test_quotes.c: who said what, one construction per test, on sentences
 * written for the tests and the small knowledge base of tests/fixtures/data.
 */
#include "test_extract_helpers.h"

static rasd_entities es;
static const char *doc;

static void extract(const char *text) {
    rasd_entities_free(&es);
    doc = text;
    es = extract_entities(text);
}

/* The quote whose words start with `starts`; checks its speaker's id. */
static const rasd_quote *expect_quote(const char *starts, const char *speaker, bool direct) {
    for (size_t i = 0; i < es.n_quotes; i++) {
        const rasd_quote *q = &es.quotes[i];
        if (q->end - q->start < strlen(starts) || memcmp(doc + q->start, starts, strlen(starts)) != 0) continue;
        if (speaker) {
            if (q->speaker < 0) fail_msg("quote \"%s\": no speaker (rule %s)", starts, q->rule ? q->rule : "-");
            assert_string_equal(es.items[q->speaker].id, speaker);
        } else {
            assert_int_equal(q->speaker, -1);
        }
        assert_int_equal(q->direct, direct);
        return q;
    }
    fail_msg("no quote starting \"%s\" (%zu quotes)", starts, es.n_quotes);
    return NULL;
}

static void test_direct_quote(void **state) {
    (void)state;
    extract("وقال المتحدث باسم التحالف الدولي، العقيد جون سميث، إن «العمليات مستمرة ضد خلايا التنظيم».");
    expect_quote("العمليات مستمرة", "person:جون_سميث", true);
    extract("قالت قسد في بيان: «صدت قواتنا هجوماً على نقاطها شرق النهر».");
    const rasd_quote *q = expect_quote("صدت قواتنا", "sdf", true);
    assert_string_equal(q->channel, "statement");
}

static void test_indirect_quote(void **state) {
    (void)state;
    extract("وأكد التحالف الدولي أن قواته ستبقى في المنطقة حتى هزيمة التنظيم.");
    const rasd_quote *q = expect_quote("قواته ستبقى", "coalition", false);
    assert_memory_equal(doc + q->verb_start, "وأكد", strlen("وأكد"));
}

static void test_continuation(void **state) {
    (void)state;
    extract("قالت قسد إن قواتها استعادت السيطرة على القرية بعد اشتباكات.\nوأضافت أن ثلاثة من عناصرها أصيبوا خلال المعارك.");
    const rasd_quote *q = expect_quote("ثلاثة من عناصرها", "sdf", false);
    assert_true(q->continuation);
}

static void test_attribution_after_quote(void **state) {
    (void)state;
    extract("«لن نسمح بعودة التنظيم إلى المنطقة»، قال التحالف الدولي في ختام الاجتماع.");
    const rasd_quote *q = expect_quote("لن نسمح", "coalition", true);
    assert_string_equal(q->rule, "attribution-after-quote");
}

static void test_document_speaks_for_its_issuer(void **state) {
    (void)state;
    extract("أصدر التحالف الدولي بياناً مساء الأحد حول التطورات.\nوذكر البيان أن الهدوء عاد إلى معظم القرى بعد الاتفاق.");
    const rasd_quote *q = expect_quote("الهدوء عاد", "coalition", false);
    assert_string_equal(q->channel, "statement");
    extract("وأصدرت قوات العشائر بياناً جاء فيه أن مقاتليها سيطروا على ثلاث نقاط.");
    expect_quote("مقاتليها سيطروا", "tribal-forces", false);
}

static void test_anonymous_speaker(void **state) {
    (void)state;
    extract("وقال مسؤول رفيع في التحالف الدولي، فضل عدم الكشف عن هويته، إن المحادثات مع الطرفين مستمرة منذ أيام.");
    const rasd_quote *q = expect_quote("المحادثات مع الطرفين", "coalition", false);
    assert_true(q->anonymous);
    extract("وقال مصدر محلي إن القصف استهدف منازل المدنيين في القرية.");
    q = expect_quote("القصف استهدف", NULL, false);
    assert_true(q->anonymous);
}

static void test_post(void **state) {
    (void)state;
    extract("وقال المبعوث الأمريكي جون سميث في تغريدة على منصة إكس إن الحوار هو الطريق الوحيد للحل.");
    const rasd_quote *q = expect_quote("الحوار هو", "person:جون_سميث", false);
    assert_string_equal(q->channel, "post");
}

static void test_unmarked_speech(void **state) {
    (void)state;
    extract("وقال المبعوث الألماني هانس مولر في منشور، نشعر بالقلق إزاء التصعيد في المنطقة.");
    expect_quote("نشعر بالقلق", "person:هانس_مولر", true);
}

static void test_scare_quotes_are_not_quotations(void **state) {
    (void)state;
    extract("هاجمت «قسد» مواقع «تنظيم الدولة» شرق النهر.");
    assert_int_equal(es.n_quotes, 0);
}

static void test_surname_refers_back(void **state) {
    (void)state;
    extract("قال العقيد جون سميث إن العمليات مستمرة ضد التنظيم.\nوذكر سميث أن التنسيق مع الشركاء المحليين جيد.");
    expect_quote("التنسيق مع", "person:جون_سميث", false);
}

static int free_results(void **state) {
    rasd_entities_free(&es);
    return teardown_knowledge(state);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_direct_quote),
        cmocka_unit_test(test_indirect_quote),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_attribution_after_quote),
        cmocka_unit_test(test_document_speaks_for_its_issuer),
        cmocka_unit_test(test_anonymous_speaker),
        cmocka_unit_test(test_post),
        cmocka_unit_test(test_unmarked_speech),
        cmocka_unit_test(test_scare_quotes_are_not_quotations),
        cmocka_unit_test(test_surname_refers_back),
    };
    return cmocka_run_group_tests_name("quotes", tests, setup_knowledge, free_results);
}
