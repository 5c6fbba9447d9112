/*
 * test_events.c: what the event coder takes for an event, one construction
 * per test, on sentences written for the tests: a trigger in any of its
 * inflections, a light verb with its noun, a cue phrase standing alone, a
 * title, a word that is also a common word, references to acts told
 * before, the CAMEO class of a killing (an assault or a fight), and the
 * sentences that hold no event. Who did what is in test_events_sources.c
 * and test_events_doers.c; the flags and what an event carries (place,
 * date, counts, ACLED) in test_events_detail.c.
 */
#include "test_events_helpers.h"

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
        cmocka_unit_test(test_inflections),
        cmocka_unit_test(test_capture_place),
        cmocka_unit_test(test_light_verb),
        cmocka_unit_test(test_assault_or_fight),
        cmocka_unit_test(test_cue_phrase_alone),
        cmocka_unit_test(test_title),
        cmocka_unit_test(test_references_and_sport),
        cmocka_unit_test(test_ambiguous_told),
        cmocka_unit_test(test_verb_classes),
        cmocka_unit_test(test_reference),
        cmocka_unit_test(test_no_event),
        cmocka_unit_test(test_inflection_memo_across_documents),
    };
    return cmocka_run_group_tests(tests, events_setup, events_teardown);
}
