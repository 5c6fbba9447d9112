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

/* A circumstantial participle reports with its sentence's speaker. */
static void test_participle(void **state) {
    (void)state;
    extract("وقالت قسد إن قواتها تقدمت في ثلاث قرى، مشيرة إلى أن الاشتباكات مستمرة حتى المساء.");
    const rasd_quote *q = expect_quote("الاشتباكات مستمرة", "sdf", false);
    assert_string_equal(q->rule, "participle-of-the-speaker");
    /* the main verb is no reporting verb: its subject speaks */
    extract("ودافع التحالف الدولي عن الضربات الأخيرة، قائلا: «استهدفنا مواقع التنظيم وحده دون سواه».");
    expect_quote("استهدفنا مواقع", "coalition", true);
    /* the words before قائلا are no statement of their own */
    extract("وأشاد التحالف الدولي بالقوات المحلية في الريف الشرقي، قائلا: «قاتلت بشجاعة طوال الأشهر الماضية».");
    assert_int_equal(es.n_quotes, 1);
    expect_quote("قاتلت بشجاعة", "coalition", true);
    /* لافتا is also "remarkable": without إلى or أن it reports nothing */
    extract("وسجلت المدارس حضورا لافتا في المدن الكبرى خلال الأسبوع الأول من العام.");
    assert_int_equal(es.n_quotes, 0);
}

/* The sentence's speaker for its participle: not a verb inside the reported
 * clause, not the one a speaker cites; a subject after أما opens it. */
static void test_sentence_speaker(void **state) {
    (void)state;
    extract("وقال التحالف الدولي إن التقارير كشفت تراجع هجمات التنظيم، مشيرا إلى انخفاض عدد العمليات هذا العام.");
    const rasd_quote *q = expect_quote("انخفاض عدد", "coalition", false);
    assert_string_equal(q->rule, "participle-of-the-speaker");
    extract("واستشهد التحالف الدولي بقول العقيد جون سميث: «الحرب لم تنته بعد»، مضيفا أن «الخلايا ما زالت نشطة في البادية».");
    expect_quote("الحرب لم", "person:جون_سميث", true);
    expect_quote("الخلايا ما زالت", "coalition", true);
    extract("أما التحالف الدولي، فقد كتب على حسابه أن الضربات أصابت أهدافها في الريف.");
    expect_quote("الضربات أصابت", "coalition", false);
}

/* «وفق، بحسب، حسبما أفاد»: the clause before (or after فإن) is the source's. */
static void test_according_to(void **state) {
    (void)state;
    extract("وسيطرت القوات على ثلاث قرى شرق النهر، بحسب قسد.");
    const rasd_quote *q = expect_quote("وسيطرت القوات", "sdf", false);
    assert_string_equal(q->rule, "according-to");
    extract("وبحسب مصادر محلية فإن القصف طال الأحياء الشرقية من المدينة.");
    q = expect_quote("القصف طال", NULL, false);
    assert_true(q->anonymous);
    extract("وانقطعت الكهرباء عن معظم الأحياء ليلة الأحد، حسبما أفاد سكان في المدينة.");
    q = expect_quote("وانقطعت الكهرباء", NULL, false);
    assert_true(q->anonymous);
    /* وفق + a plan, no source: nothing is reported */
    extract("وتوزع المساعدات على الأسر وفق جدول زمني تعده البلدية كل شهر.");
    assert_int_equal(es.n_quotes, 0);
    /* فحسب is "only" */
    extract("ولم تتوقف الهجمات على القرى الحدودية فحسب.");
    assert_int_equal(es.n_quotes, 0);
}

/* A verb with neither quotation nor أن reports its object. */
static void test_object_of_verb(void **state) {
    (void)state;
    extract("وأكد التحالف الدولي دعمه الكامل للقوات المحلية في معاركها ضد التنظيم.");
    expect_quote("دعمه الكامل", "coalition", false);
    extract("وأشارت قسد إلى استسلام عشرات من عناصر التنظيم خلال الأيام الماضية.");
    expect_quote("استسلام عشرات", "sdf", false);
    /* the words between the verb and عن are its subject, named or not */
    extract("وأعلنت هيئة الطرق عن خطة لإعادة تأهيل الجسور المتضررة.");
    const rasd_quote *q = expect_quote("خطة لإعادة", NULL, false);
    assert_memory_equal(doc + q->speaker_start, "هيئة الطرق", strlen("هيئة الطرق"));
    /* a noun with a pronoun after the verb is its object, not its subject */
    extract("وقال التحالف الدولي إن المعارك توقفت في القرى.\nوجدد تأكيده على التزامه بالهدنة مع العشائر في المنطقة.");
    q = expect_quote("التزامه بالهدنة", "coalition", false);
    assert_true(q->continuation);
    /* a verb that goes on needs a preposition: شددت القوات الخناق is no speech */
    extract("وشددت قسد الحصار على آخر جيوب التنظيم في البلدة.");
    assert_int_equal(es.n_quotes, 0);
    /* a name after ب is what is praised, not who praises */
    extract("وأشاد بدور قسد في حماية المخيمات طوال السنوات الماضية.");
    assert_int_equal(es.n_quotes, 1);
    assert_int_not_equal(es.quotes[0].rule, NULL);
    assert_string_equal(es.quotes[0].rule, "continues-last-speaker");
}

/* «فلان: ...» opening a paragraph: a headline's speaker; a place before the
 * colon is a dateline. */
static void test_name_and_colon(void **state) {
    (void)state;
    extract("قسد: لن نتراجع عن مواقعنا في الريف الشرقي\nوقال قائد ميداني إن المعارك هدأت.");
    const rasd_quote *q = expect_quote("لن نتراجع", "sdf", true);
    assert_string_equal(q->rule, "name-and-colon");
    extract("الحسكة: عادت الحركة إلى الأسواق بعد أسابيع من الإغلاق");
    assert_int_equal(es.n_quotes, 0);
    /* a name no list holds is kept by its words; a page's label is no name */
    extract("كريمر: لن أغادر الفريق قبل نهاية الموسم");
    q = expect_quote("لن أغادر", NULL, true);
    assert_memory_equal(doc + q->speaker_start, "كريمر", strlen("كريمر"));
    extract("عاجل: انقطاع الطريق الدولي بين المدينتين");
    assert_int_equal(es.n_quotes, 0);
}

/* Several quotations after one verb are all its speaker's; a sentence that
 * is only a quotation goes on with the last speaker. */
static void test_several_quotations(void **state) {
    (void)state;
    extract("وقال التحالف الدولي: «العمليات مستمرة في الريف الشرقي» و«لن نسمح بعودة خلايا التنظيم».\n"
            "«نعمل مع شركائنا على الأرض كل يوم».");
    expect_quote("لن نسمح", "coalition", true);
    const rasd_quote *q = expect_quote("نعمل مع شركائنا", "coalition", true);
    assert_true(q->continuation);
}

/* A subject that names no entity is kept by its words, and a continuation
 * keeps them. */
static void test_unnamed_subject(void **state) {
    (void)state;
    extract("وقالت الشرطة المحلية إن الحريق اندلع في مستودع قديم قرب السوق.\nوأضافت أن فرق الإطفاء سيطرت عليه بعد ساعتين.");
    const rasd_quote *q = expect_quote("الحريق اندلع", NULL, false);
    assert_memory_equal(doc + q->speaker_start, "الشرطة المحلية", strlen("الشرطة المحلية"));
    q = expect_quote("فرق الإطفاء", NULL, false);
    assert_true(q->continuation);
    assert_memory_equal(doc + q->speaker_start, "الشرطة المحلية", strlen("الشرطة المحلية"));
    /* the outlet spoken to is not the speaker */
    extract("وقال الناطق باسم المجلس المحلي لـ«نورث برس» إن المياه عادت إلى الأحياء.");
    q = expect_quote("المياه عادت", NULL, false);
    assert_true(q->speaker_end > q->speaker_start);
    assert_true(memcmp(doc + q->speaker_start, "الناطق", strlen("الناطق")) == 0);
}

/* A title's body is its affiliation, not the speaker's name (رئيس مجلس
 * ... فلان); a title with no name speaks by its words. */
static void test_title_with_a_body(void **state) {
    (void)state;
    extract("وقال رئيس هيئة الموانئ هانس مولر إن الموازنة ستقر الشهر المقبل.");
    expect_quote("الموازنة ستقر", "person:هانس_مولر", false);
    extract("وأكد مدير مؤسسة المياه بالمدينة سمير داود أن الضخ سيعود خلال أيام قليلة.");
    expect_quote("الضخ سيعود", "person:سمير_داود", false);
    /* ranks as transliterated, religious titles, a counterpart */
    extract("وقال البريجادير جنرال الأمريكي بيتر هانسن إن الضربات أصابت مخازن السلاح.");
    const rasd_quote *q = expect_quote("الضربات أصابت", "person:بيتر_هانسن", false);
    assert_string_equal(es.items[q->speaker].title, "البريجادير جنرال");
    extract("وقال آية الله محمد الحسيني إن الحوار بين الأطراف هو السبيل الوحيد.");
    expect_quote("الحوار بين", "person:محمد_الحسيني", false);
    extract("وقال نظيره الألماني هانس مولر إن التعاون بين البلدين سيتسع.");
    expect_quote("التعاون بين", "person:هانس_مولر", false);
}

/* نقل عن: the one quoted speaks; عنه is the speaker of before. */
static void test_reported_from(void **state) {
    (void)state;
    extract("وقال التحالف الدولي إن الضربات دمرت مخازن للسلاح.\nونقلت نورث برس عنه قوله إن العمليات ستتواصل حتى نهاية الشهر.");
    expect_quote("العمليات ستتواصل", "coalition", false);
}

/* Not reported speech: «يذكر أن», a verbal noun after ل or a preposition,
 * a relative clause. */
static void test_not_speech(void **state) {
    (void)state;
    extract("يذكر أن المدينة شهدت احتجاجات مماثلة في العام الماضي.");
    assert_int_equal(es.n_quotes, 0);
    extract("وتسعى اللجنة لكشف ملابسات الحادث الذي وقع في السوق الشعبي.");
    assert_int_equal(es.n_quotes, 0);
    extract("وهذا ما أكده سكان القرية الذين عادوا إلى منازلهم أمس.");
    assert_int_equal(es.n_quotes, 0);
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
        cmocka_unit_test(test_participle),
        cmocka_unit_test(test_sentence_speaker),
        cmocka_unit_test(test_according_to),
        cmocka_unit_test(test_object_of_verb),
        cmocka_unit_test(test_name_and_colon),
        cmocka_unit_test(test_several_quotations),
        cmocka_unit_test(test_unnamed_subject),
        cmocka_unit_test(test_title_with_a_body),
        cmocka_unit_test(test_reported_from),
        cmocka_unit_test(test_not_speech),
    };
    return cmocka_run_group_tests_name("quotes", tests, setup_knowledge, free_results);
}
