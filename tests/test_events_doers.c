/*
 * test_events_doers.c: doers no dictionary names, and who is no doer. A
 * phrase is the source where only a subject can stand (an unnamed subject
 * before or after its verb, after a control verb, in a descriptive clause,
 * after على يد, a perpetrator's noun, who claimed the act, an unnamed
 * force for the party it belongs to); and never a victim before a passive
 * killing verb, who is held, who was told (لـ apart), a commander after
 * بقيادة, a time, a weapon or an object. Sentences written for the tests.
 */
#include "test_events_helpers.h"

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

/* Who claimed the act before it is named did it, even a phrase. */
static void test_claimed_before(void **state) {
    (void)state;
    code("وكانت الحركة المسلحة قد أعلنت مسؤوليتها عن الهجوم على نقطة التفتيش.");
    const rasd_event *e = expect_event("الهجوم", "19", NULL, NULL);
    assert_string_equal(e->source.rule, "claimed-by");
    assert_memory_equal(doc + e->source.start, "الحركة المسلحة", strlen("الحركة المسلحة"));
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unnamed_subject_before_verb),
        cmocka_unit_test(test_indefinite_subject),
        cmocka_unit_test(test_unnamed_doer),
        cmocka_unit_test(test_unnamed_force_subject),
        cmocka_unit_test(test_unnamed_antecedent_and_subject),
        cmocka_unit_test(test_object_genitive_and_honorific),
        cmocka_unit_test(test_np_after_verb_edges),
        cmocka_unit_test(test_passive_killing_no_doer_before),
        cmocka_unit_test(test_li_apart_is_no_subject),
        cmocka_unit_test(test_unnamed_subject_of_control_verb),
        cmocka_unit_test(test_owner_of_unnamed_force),
        cmocka_unit_test(test_oblique_plural_no_subject),
        cmocka_unit_test(test_led_by_is_no_subject),
        cmocka_unit_test(test_genitive_after_li_apart),
        cmocka_unit_test(test_descriptive_clause),
        cmocka_unit_test(test_counted_victims_before_passive),
        cmocka_unit_test(test_claimed_before),
        cmocka_unit_test(test_held_is_no_source),
        cmocka_unit_test(test_force_nationality_past_quotes),
        cmocka_unit_test(test_agent_genitive_before_object),
        cmocka_unit_test(test_passive_tamma),
    };
    return cmocka_run_group_tests(tests, events_setup, events_teardown);
}
