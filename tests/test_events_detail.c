/*
 * test_events_detail.c: what an event carries besides its parties, on
 * sentences written for the tests: its modality (negated, future,
 * hypothetical, claimed by another), a symmetric fight between two sides,
 * its counts (killed, arrested, money), its place and date (in the
 * sentence or the dateline's and the publication's), and its ACLED class.
 */
#include "test_events_helpers.h"

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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_negated),
        cmocka_unit_test(test_future),
        cmocka_unit_test(test_hypothetical),
        cmocka_unit_test(test_claimed),
        cmocka_unit_test(test_nominal_symmetric),
        cmocka_unit_test(test_magnitudes),
        cmocka_unit_test(test_place_and_date),
        cmocka_unit_test(test_acled),
    };
    return cmocka_run_group_tests(tests, events_setup, events_teardown);
}
