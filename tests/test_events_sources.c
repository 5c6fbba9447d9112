/*
 * test_events_sources.c: who did an event and to whom, where the parties
 * are named: a subject before or after the verb, an agent after the
 * passive's على يد or من قبل, a genitive agent, the speaker of a quote or a
 * statement, the announcer of a passive act, a relative clause's
 * antecedent, the owner of a force, a verb joined to the one before, the
 * two sides after بين; and generic agents (police, gunmen, protesters)
 * with their country. Sentences written for the tests.
 */
#include "test_events_helpers.h"

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

/* The source where the subject rules find nobody next to the trigger:
 * the subject of a verb that governs the verbal noun, a force the speaker
 * owns, the doer in a relative clause, the agent of a casualty's cause
 * (an unnamed subject before its verb: test_events_doers.c). */
static void test_control_verb(void **state) {
    (void)state;
    code("وقالت مصادر محلية إن قسد تمكنت من اقتحام القرية وتدميرها.");
    const rasd_event *e = expect_event("وتدميرها", "19", "sdf", NULL);
    assert_string_equal(e->source.rule, "subject-of-control-verb");
    code("وحاول داعش اقتحام البلدة أمس.");
    e = expect_event("اقتحام", "19", "isis", NULL);
    assert_string_equal(e->source.rule, "subject-of-control-verb");
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

static void test_resumptive_relative(void **state) {
    (void)state;
    code("وفي الوقت الذي هاجمت فيه قسد مواقع داعش، انسحبت قوات العشائر.");
    const rasd_event *e = expect_event("هاجمت", "19", "sdf", "isis");
    assert_string_equal(e->source.rule, "subject-after-verb");
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

/* «X سبق واعتقل Y»: the subject stands before سبق; the name after the verb
 * is its object. */
static void test_already_before_verb(void **state) {
    (void)state;
    code("وكانت قسد سبق واعتقلت عناصر من داعش في الريف.");
    expect_event("واعتقلت", "17", "sdf", NULL);
}

/* «X التي كثفت من هجماتها»: the pronoun of an event noun in a relative
 * clause stands for the antecedent, even after a preposition. */
static void test_pronoun_of_relative_antecedent(void **state) {
    (void)state;
    code("ويشارك التحالف في العملية ضد داعش التي كثفت من هجماتها في الأسابيع الأخيرة.");
    const rasd_event *e = expect_event("هجماتها", "19", "isis", NULL);
    assert_string_equal(e->source.rule, "antecedent-of-relative");
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verbal_named_source_and_target),
        cmocka_unit_test(test_agent_with_country),
        cmocka_unit_test(test_speaker_of_speech_act),
        cmocka_unit_test(test_plural_agreement),
        cmocka_unit_test(test_passive),
        cmocka_unit_test(test_verbal_noun_and_genitive_agent),
        cmocka_unit_test(test_unknown_perpetrator),
        cmocka_unit_test(test_generic_agent),
        cmocka_unit_test(test_control_verb),
        cmocka_unit_test(test_source_of_result),
        cmocka_unit_test(test_announcer_of_passive),
        cmocka_unit_test(test_force_of_country),
        cmocka_unit_test(test_subject_of_participle),
        cmocka_unit_test(test_claimed_by),
        cmocka_unit_test(test_partitive_genitive),
        cmocka_unit_test(test_owner_of_subject),
        cmocka_unit_test(test_agent_of_relative),
        cmocka_unit_test(test_agent_of_cause),
        cmocka_unit_test(test_resumptive_relative),
        cmocka_unit_test(test_holder_after_lada),
        cmocka_unit_test(test_joined_verb),
        cmocka_unit_test(test_nationality_adjective_state),
        cmocka_unit_test(test_speaker_of_statement),
        cmocka_unit_test(test_between_sides),
        cmocka_unit_test(test_already_before_verb),
        cmocka_unit_test(test_pronoun_of_relative_antecedent),
        cmocka_unit_test(test_subject_of_verb_before),
        cmocka_unit_test(test_already_passive_announced),
    };
    return cmocka_run_group_tests(tests, events_setup, events_teardown);
}
