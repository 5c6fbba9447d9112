/*
 * test_kb_region.c: the knowledge base of data/kb/ as shipped, on sentences
 * written for the tests: actors generated from UniversalPetrarch's actor
 * dictionary (data/kb/upetrarch-actors.tsv) resolve with their CAMEO code,
 * type and country; two coalitions that share a word stay two actors; a
 * body named by common words only (وزارة الداخلية) is no country's; the
 * regular bodies of states (data/kb/state-bodies.tsv) resolve with parents.
 */
#ifndef RASD_DATA_DIR_FOR_TESTS
#define RASD_DATA_DIR_FOR_TESTS "data"
#endif
#define FIXTURE_DATA RASD_DATA_DIR_FOR_TESTS
#include "test_extract_helpers.h"

#include "knowledge/knowledge.h"

/* The entity whose KB actor has this CAMEO code and type, or NULL. */
static const rasd_entity *find_coded(const rasd_entities *es, const char *cameo, const char *type) {
    for (size_t i = 0; i < es->count; i++) {
        uint32_t a = es->items[i].actor;
        if (a != UINT32_MAX && strcmp(kn->actors[a].cameo, cameo) == 0 && strcmp(kn->actors[a].type, type) == 0)
            return &es->items[i];
    }
    return NULL;
}

static const rasd_entity *find(const rasd_entities *es, const char *id) {
    for (size_t i = 0; i < es->count; i++)
        if (strcmp(es->items[i].id, id) == 0) return &es->items[i];
    return NULL;
}

static bool generated(const rasd_entity *e) {
    return e && e->actor != UINT32_MAX && strncmp(kn->actors[e->actor].id, "up-", 3) == 0;
}

static void test_generated_actors_resolve(void **state) {
    (void)state;
    const char *text = "ونقلت وكالة الأنباء الكويتية عن بيان لوزارة الدفاع الإسرائيلية أن الجيش التشادي "
                       "انسحب من المنطقة، فيما زار نوري المالكي العاصمة.";
    rasd_entities es = extract_entities(text);
    const rasd_entity *kuna = find_coded(&es, "KWTMED", "media");
    assert_true(generated(kuna));
    assert_string_equal(kn->actors[kuna->actor].country, "KWT");
    const rasd_entity *mod = find_coded(&es, "ISRMIL", "military");
    assert_true(generated(mod));
    assert_string_equal(kn->actors[mod->actor].parent_id, "isr-mil");
    const rasd_entity *chad = find_coded(&es, "TCDMIL", "military");
    assert_true(generated(chad));
    assert_string_equal(kn->actors[chad->actor].country, "TCD");
    /* a person with dated roles stays a person, of the country of his codes */
    bool maliki = false;
    for (size_t i = 0; i < es.count; i++) {
        uint32_t a = es.items[i].actor;
        if (generated(&es.items[i]) && strcmp(kn->actors[a].type, "person") == 0 &&
            strcmp(kn->actors[a].country, "IRQ") == 0 && strstr(kn->actors[a].note, "roles "))
            maliki = true;
    }
    assert_true(maliki);
    rasd_entities_free(&es);
}

/* A person whose dated roles are a state's and then an international
 * body's (a minister, then a secretary-general) is one person: not an
 * organisation typed by the body, and not dropped as two claims. */
static void test_career_across_bodies_is_a_person(void **state) {
    (void)state;
    const char *text = "وقال الأمين العام السابق كوفي أنان إن الأزمة طويلة، فيما دعا خافيير سولانا إلى الحوار، "
                       "وحذر بان كي مون من التصعيد.";
    rasd_entities es = extract_entities(text);
    int persons = 0;
    for (size_t i = 0; i < es.count; i++) {
        uint32_t a = es.items[i].actor;
        if (!generated(&es.items[i])) continue;
        assert_string_equal(kn->actors[a].type, "person");
        persons++;
    }
    assert_int_equal(persons, 3);
    rasd_entities_free(&es);
}

static void test_coalitions_that_share_a_word(void **state) {
    (void)state;
    const char *text = "قصف التحالف الدولي مواقع التنظيم، وشن التحالف العربي غارات، "
                       "وقال تحالف دعم الشرعية إنه يدعم الحكومة.";
    rasd_entities es = extract_entities(text);
    const rasd_entity *intl = find(&es, "coalition"), *arab = find(&es, "saudi-coalition");
    assert_non_null(intl);
    assert_non_null(arab);
    assert_int_equal(intl->n_mentions, 1);
    assert_int_equal(arab->n_mentions, 2); /* التحالف العربي and تحالف دعم الشرعية */
    rasd_entities_free(&es);
}

static void test_generic_body_is_no_countrys(void **state) {
    (void)state;
    /* the dictionary has وزارة_داخلي_ [AFGGOV]; every country has an
     * interior ministry, so the generated file leaves it out */
    const char *text = "وأعلنت وزارة الداخلية أمس القبض على المتهمين.";
    rasd_entities es = extract_entities(text);
    for (size_t i = 0; i < es.count; i++)
        assert_false(generated(&es.items[i]));
    rasd_entities_free(&es);
}

static void test_state_bodies_by_nationality(void **state) {
    (void)state;
    /* data/kb/state-bodies.tsv: the body and the nationality adjective */
    const char *text = "واستدعت وزارة الخارجية الكويتية السفير، فيما نشر الجيش الليبي قواته "
                       "وقالت المخابرات التونسية إنها أحبطت مخططا.";
    rasd_entities es = extract_entities(text);
    const rasd_entity *mfa = find(&es, "kwt-mfa"), *army = find(&es, "lby-mil"), *intel = find(&es, "tun-intel");
    assert_non_null(mfa);
    assert_non_null(army);
    assert_non_null(intel);
    assert_string_equal(kn->actors[mfa->actor].parent_id, "kwt-gov");
    assert_string_equal(kn->actors[army->actor].cameo, "LBYMIL");
    assert_string_equal(kn->actors[intel->actor].cameo, "TUNSPY");
    rasd_entities_free(&es);
}

static void test_hand_file_wins(void **state) {
    (void)state;
    /* a name of both files is the hand actor's: no generated id claims it */
    for (size_t i = 0; i < kn->n_actors; i++) {
        if (strncmp(kn->actors[i].id, "up-", 3) != 0) continue;
        assert_string_not_equal(kn->actors[i].name_ar, "التحالف الدولي");
        assert_string_not_equal(kn->actors[i].name_ar, "التحالف العربي");
    }
    assert_true(rasd_knowledge_actor_index(kn, "coalition") != UINT32_MAX);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generated_actors_resolve),
        cmocka_unit_test(test_career_across_bodies_is_a_person),
        cmocka_unit_test(test_coalitions_that_share_a_word),
        cmocka_unit_test(test_generic_body_is_no_countrys),
        cmocka_unit_test(test_state_bodies_by_nationality),
        cmocka_unit_test(test_hand_file_wins),
    };
    return cmocka_run_group_tests_name("kb_region", tests, setup_knowledge, teardown_knowledge);
}
