/*
 * test_stories.c: story clustering: two outlets' versions of one event
 * join, an unrelated article and an article outside the window open
 * stories of their own, ids stay the first article's, and a saved state
 * continues the same stories (and a damaged one is refused). The articles
 * are written for these tests.
 */
#include "test_helpers.h"

#include "corpus/stories.h"

static const char A_TITLE[] = "قصف تركي يستهدف قرى في ريف تل تمر شمال الحسكة";
static const char A_TEXT[] =
    "استهدفت القوات التركية والفصائل الموالية لها بقذائف المدفعية الثقيلة، صباح الأحد، قرى تل طويل وتل شنان في "
    "ريف بلدة تل تمر شمال غربي الحسكة، ما أدى إلى أضرار مادية في منازل المدنيين وحرق محاصيل زراعية.\n"
    "وقال مصدر محلي إن القصف استمر ساعتين وإن عائلات عدة نزحت نحو مركز البلدة خوفا من تجدد القصف.\n"
    "وأضاف المصدر أن قوات سوريا الديمقراطية ردت على مصادر النيران دون ورود معلومات عن إصابات.\n";

static const char B_TITLE[] = "نزوح عائلات من قرى تل تمر بعد قصف مدفعي تركي";
static const char B_TEXT[] =
    "نزحت عائلات من قريتي تل طويل وتل شنان في ريف تل تمر شمال غربي الحسكة، بعد قصف مدفعي تركي استهدف القريتين "
    "يوم الأحد.\n"
    "وذكر ناشطون أن القذائف أصابت منازل المدنيين وأحرقت محاصيل زراعية، وأن القصف استمر نحو ساعتين.\n"
    "وبحسب الناشطين، ردت قوات سوريا الديمقراطية (قسد) على مصادر النيران، ولم تسجل إصابات بشرية.\n";

static const char E_TITLE[] = "تل تمر: أضرار في منازل المدنيين جراء قصف تركي";
static const char E_TEXT[] =
    "تضررت منازل عدد من المدنيين في قرية تل طويل بريف تل تمر جراء قصف مدفعي تركي، فيما نزحت عائلات من القرية "
    "وقرية تل شنان المجاورة، وردت قوات سوريا الديمقراطية على مصادر القصف.\n";

static const char C_TITLE[] = "اكتمال تأهيل الملعب البلدي في القامشلي قبل انطلاق الدوري";
static const char C_TEXT[] =
    "أعلنت إدارة الملعب البلدي في القامشلي اكتمال أعمال تأهيل المدرجات والإنارة استعدادا لانطلاق الدوري المحلي "
    "لكرة القدم الشهر المقبل، بمشاركة اثني عشر ناديا من مختلف مدن المنطقة.\n"
    "وأوضح مدير الملعب أن الأعمال شملت تركيب مقاعد جديدة لألفي متفرج وتجديد غرف تبديل الملابس.\n";

static const char *const ENTITIES_A[] = {"country:TUR", "sdf", "unresolved:تل طويل"};
static const char *const ENTITIES_B[] = {"sdf", "country:TUR"};

static rasd_story_input input(int64_t id, const char *date, const char *outlet, const char *title, const char *text) {
    return (rasd_story_input){.id = id, .published = date, .outlet = outlet, .title = title, .text = text,
                              .len = strlen(text)};
}

static rasd_story_assignment add(rasd_stories *s, rasd_story_input in) {
    rasd_story_assignment out;
    rasd_error err = {0};
    assert_int_equal(rasd_stories_add(s, test_an, &in, &out, &err), RASD_OK);
    return out;
}

static void test_two_outlets_join_and_unrelated_opens(void **state) {
    (void)state;
    rasd_stories *s = rasd_stories_new(NULL, NULL);
    assert_non_null(s);
    rasd_story_input a = input(100, "2024-03-10", "North Press", A_TITLE, A_TEXT);
    a.entities = ENTITIES_A;
    a.n_entities = 3;
    rasd_story_assignment ra = add(s, a);
    assert_true(ra.opened);
    assert_int_equal(ra.story, 100);
    assert_true(ra.similarity == 1.0);

    rasd_story_assignment rc = add(s, input(101, "2024-03-11", "Enab Baladi", C_TITLE, C_TEXT));
    assert_true(rc.opened);
    assert_int_equal(rc.story, 101);

    rasd_story_input b = input(102, "2024-03-11", "Enab Baladi", B_TITLE, B_TEXT);
    b.entities = ENTITIES_B;
    b.n_entities = 2;
    rasd_story_assignment rb = add(s, b);
    assert_false(rb.opened);
    assert_int_equal(rb.story, 100);
    assert_true(rb.similarity >= RASD_STORIES_DEFAULT_THRESHOLD && rb.similarity < 1.0);

    /* a third version joins too, and the story keeps its first id */
    rasd_story_assignment re = add(s, input(103, "2024-03-12", "Hawar", E_TITLE, E_TEXT));
    assert_false(re.opened);
    assert_int_equal(re.story, 100);
    rasd_stories_destroy(s);
}

static void test_time_window(void **state) {
    (void)state;
    rasd_stories *s = rasd_stories_new(NULL, NULL);
    add(s, input(1, "2024-03-10", "North Press", A_TITLE, A_TEXT));
    /* the same event's report, but 3 weeks later: outside the window */
    rasd_story_assignment late = add(s, input(2, "2024-03-31", "Enab Baladi", B_TITLE, B_TEXT));
    assert_true(late.opened);
    assert_int_equal(late.story, 2);
    /* and earlier than the window, too */
    rasd_story_assignment early = add(s, input(3, "2024-02-20", "Hawar", E_TITLE, E_TEXT));
    assert_true(early.opened);
    rasd_stories_destroy(s);
    /* a wider window lets the late report join */
    rasd_stories_options wide = {.window_days = 30};
    s = rasd_stories_new(&wide, NULL);
    add(s, input(1, "2024-03-10", "North Press", A_TITLE, A_TEXT));
    late = add(s, input(2, "2024-03-31", "Enab Baladi", B_TITLE, B_TEXT));
    assert_false(late.opened);
    assert_int_equal(late.story, 1);
    rasd_stories_destroy(s);
}

static void test_undated_article_does_not_retire_an_archive(void **state) {
    (void)state;
    rasd_stories *s = rasd_stories_new(NULL, NULL);
    add(s, input(1, "2015-07-21", "North Press", A_TITLE, A_TEXT));
    /* undated: it counts as today, years later, and opens its own story */
    rasd_story_assignment x = add(s, input(2, NULL, "Hawar", A_TITLE, A_TEXT));
    assert_true(x.opened);
    /* the archive goes on: the next day's report still finds story 1 */
    rasd_story_assignment b = add(s, input(3, "2015-07-22", "Enab Baladi", B_TITLE, B_TEXT));
    assert_false(b.opened);
    assert_int_equal(b.story, 1);
    rasd_stories_destroy(s);
}

static void test_save_load_continues_the_same_stories(void **state) {
    (void)state;
    /* reference: one clusterer throughout */
    rasd_stories *ref = rasd_stories_new(NULL, NULL);
    add(ref, input(100, "2024-03-10", "North Press", A_TITLE, A_TEXT));
    add(ref, input(101, "2024-03-11", "Enab Baladi", C_TITLE, C_TEXT));
    rasd_story_assignment want = add(ref, input(102, "2024-03-11", "Enab Baladi", B_TITLE, B_TEXT));
    rasd_stories_destroy(ref);

    rasd_stories *s = rasd_stories_new(NULL, NULL);
    add(s, input(100, "2024-03-10", "North Press", A_TITLE, A_TEXT));
    add(s, input(101, "2024-03-11", "Enab Baladi", C_TITLE, C_TEXT));
    unsigned char *data = NULL;
    size_t len = 0;
    rasd_error err = {0};
    assert_int_equal(rasd_stories_save(s, &data, &len, &err), RASD_OK);
    rasd_stories_destroy(s);
    assert_true(len > 28);

    s = rasd_stories_load(data, len, NULL, &err);
    assert_non_null(s);
    rasd_story_assignment got = add(s, input(102, "2024-03-11", "Enab Baladi", B_TITLE, B_TEXT));
    assert_false(got.opened);
    assert_int_equal(got.story, 100);
    assert_int_equal(got.story, want.story);
    assert_true(got.similarity == want.similarity); /* same state, same arithmetic */
    /* the loaded state saves and loads again */
    unsigned char *again = NULL;
    size_t again_len = 0;
    assert_int_equal(rasd_stories_save(s, &again, &again_len, &err), RASD_OK);
    rasd_stories_destroy(s);
    s = rasd_stories_load(again, again_len, NULL, &err);
    assert_non_null(s);
    rasd_story_assignment e = add(s, input(103, "2024-03-12", "Hawar", E_TITLE, E_TEXT));
    assert_int_equal(e.story, 100);
    rasd_stories_destroy(s);
    free(again);
    free(data);
}

static void test_damaged_state_is_refused(void **state) {
    (void)state;
    rasd_stories *s = rasd_stories_new(NULL, NULL);
    add(s, input(1, "2024-03-10", "North Press", A_TITLE, A_TEXT));
    unsigned char *data = NULL;
    size_t len = 0;
    assert_int_equal(rasd_stories_save(s, &data, &len, NULL), RASD_OK);
    rasd_stories_destroy(s);
    rasd_error err = {0};

    assert_null(rasd_stories_load(data, 10, NULL, &err)); /* too short */
    assert_int_equal(err.code, RASD_ERR_FORMAT);
    assert_null(rasd_stories_load(data, len - 1, NULL, &err)); /* truncated */
    assert_int_equal(err.code, RASD_ERR_FORMAT);
    assert_non_null(strstr(err.message, "length"));

    unsigned char *bad = malloc(len);
    memcpy(bad, data, len);
    bad[0] = 'X';
    assert_null(rasd_stories_load(bad, len, NULL, &err));
    assert_non_null(strstr(err.message, "magic"));

    memcpy(bad, data, len);
    bad[8] = 99; /* version */
    assert_null(rasd_stories_load(bad, len, NULL, &err));
    assert_non_null(strstr(err.message, "version 99"));

    memcpy(bad, data, len);
    bad[len / 2] ^= 0x40; /* a flipped bit in the payload */
    assert_null(rasd_stories_load(bad, len, NULL, &err));
    assert_non_null(strstr(err.message, "checksum"));
    assert_true(err.has_offset);
    free(bad);
    free(data);
}

static void test_bad_input(void **state) {
    (void)state;
    rasd_stories *s = rasd_stories_new(NULL, NULL);
    rasd_story_input in = input(7, "2024-02-30", NULL, NULL, A_TEXT);
    rasd_story_assignment out;
    rasd_error err = {0};
    assert_int_equal(rasd_stories_add(s, test_an, &in, &out, &err), RASD_ERR_USAGE);
    assert_non_null(strstr(err.message, "article 7"));
    /* no title, no outlet, no date, no words: still one story each */
    in = input(8, NULL, NULL, NULL, "");
    assert_int_equal(rasd_stories_add(s, test_an, &in, &out, &err), RASD_OK);
    assert_true(out.opened);
    assert_int_equal(out.story, 8);
    rasd_stories_destroy(s);
    rasd_stories_options bad = {.threshold = 2};
    assert_null(rasd_stories_new(&bad, &err));
    assert_int_equal(err.code, RASD_ERR_USAGE);
}

/* The similarity article B gets to A's story when both carry `entities`. */
static double similarity_with(const char *const *entities, size_t n) {
    rasd_stories_options loose = {.threshold = 0.01}; /* always join: we read the similarity */
    rasd_stories *s = rasd_stories_new(&loose, NULL);
    rasd_story_input a = input(1, "2024-03-10", "North Press", A_TITLE, A_TEXT);
    a.entities = entities;
    a.n_entities = n;
    add(s, a);
    rasd_story_input e = input(2, "2024-03-11", "Hawar", E_TITLE, E_TEXT);
    e.entities = entities;
    e.n_entities = n;
    rasd_story_assignment r = add(s, e);
    assert_false(r.opened);
    rasd_stories_destroy(s);
    return r.similarity;
}

static void test_shared_entities_count_and_kb_ids_most(void **state) {
    (void)state;
    static const char *const kb[] = {"sdf", "country:TUR"};
    static const char *const tagged[] = {"org:قسد", "person:فلان"};
    static const char *const kb_twice[] = {"sdf", "sdf", "country:TUR"};
    double none = similarity_with(NULL, 0), with_kb = similarity_with(kb, 2), with_tagged = similarity_with(tagged, 2);
    assert_true(with_tagged > none);
    assert_true(with_kb > with_tagged);
    /* an id listed twice counts once */
    assert_true(similarity_with(kb_twice, 3) == with_kb);
}

/* The ingest's split (terms read on a worker, assigned serially) gives
 * the same stories, similarities and state as rasd_stories_add. */
static void test_terms_then_assign_equals_add(void **state) {
    (void)state;
    rasd_story_input in[4] = {input(1, "2024-03-10", "North Press", A_TITLE, A_TEXT),
                              input(2, "2024-03-11", "Enab Baladi", C_TITLE, C_TEXT),
                              input(3, "2024-03-11", "Enab Baladi", B_TITLE, B_TEXT),
                              input(4, "2024-03-12", "Hawar", E_TITLE, E_TEXT)};
    in[0].entities = ENTITIES_A;
    in[0].n_entities = 3;
    in[2].entities = ENTITIES_B;
    in[2].n_entities = 2;
    rasd_stories *whole = rasd_stories_new(NULL, NULL), *split = rasd_stories_new(NULL, NULL);
    rasd_story_terms *terms[4];
    rasd_error err = {0};
    for (int i = 0; i < 4; i++) assert_int_equal(rasd_story_terms_new(test_an, &in[i], &terms[i], &err), RASD_OK);
    for (int i = 0; i < 4; i++) {
        rasd_story_assignment a = add(whole, in[i]), b;
        rasd_story_input when = {.id = in[i].id, .published = in[i].published};
        assert_int_equal(rasd_stories_assign(split, test_an, &when, terms[i], &b, &err), RASD_OK);
        assert_int_equal(a.story, b.story);
        assert_true(a.opened == b.opened && a.similarity == b.similarity);
        rasd_story_terms_free(terms[i]);
    }
    unsigned char *x, *y;
    size_t nx, ny;
    assert_int_equal(rasd_stories_save(whole, &x, &nx, &err), RASD_OK);
    assert_int_equal(rasd_stories_save(split, &y, &ny, &err), RASD_OK);
    assert_int_equal(nx, ny);
    assert_memory_equal(x, y, nx);
    free(x);
    free(y);
    /* bad input is refused, not read */
    rasd_story_terms *t = NULL;
    rasd_story_input bad = {.id = 9, .text = NULL, .len = 5};
    assert_int_equal(rasd_story_terms_new(test_an, &bad, &t, &err), RASD_ERR_USAGE);
    assert_null(t);
    rasd_stories_destroy(whole);
    rasd_stories_destroy(split);
}

/* Without the prior (no_prior) the clusterer learns online alone: on two
 * articles the idf is degenerate and the similarity differs from the one
 * the lexicon's background gives. */
static void test_prior_can_be_switched_off(void **state) {
    (void)state;
    rasd_stories_options online = {.threshold = 0.01, .no_prior = true}, prior = {.threshold = 0.01};
    double sim[2];
    for (int k = 0; k < 2; k++) {
        rasd_stories *s = rasd_stories_new(k ? &prior : &online, NULL);
        add(s, input(1, "2024-03-10", "North Press", A_TITLE, A_TEXT));
        rasd_story_assignment r = add(s, input(2, "2024-03-11", "Hawar", E_TITLE, E_TEXT));
        assert_false(r.opened);
        sim[k] = r.similarity;
        rasd_stories_destroy(s);
    }
    assert_true(sim[0] != sim[1]);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_outlets_join_and_unrelated_opens),
        cmocka_unit_test(test_time_window),
        cmocka_unit_test(test_undated_article_does_not_retire_an_archive),
        cmocka_unit_test(test_save_load_continues_the_same_stories),
        cmocka_unit_test(test_damaged_state_is_refused),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_shared_entities_count_and_kb_ids_most),
        cmocka_unit_test(test_terms_then_assign_equals_add),
        cmocka_unit_test(test_prior_can_be_switched_off),
    };
    return cmocka_run_group_tests(tests, setup_analyzer, teardown_analyzer);
}
