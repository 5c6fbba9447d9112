/*
 * test_knowledge.c: the knowledge base and entity extraction, on the small
 * knowledge base in tests/fixtures/data/ and on sentences written for the
 * tests: clitics, spelling variants, longest match, ambiguous names, loaded
 * labels, places told apart by context, people after titles, bylines,
 * references; and every load-time error, named by file and line.
 */
#include "test_extract_helpers.h"

#include "knowledge/knowledge.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static rasd_entities extract(const char *text) { return extract_entities(text); }

static const rasd_entity *find(const rasd_entities *es, const char *id) {
    for (size_t i = 0; i < es->count; i++)
        if (strcmp(es->items[i].id, id) == 0) return &es->items[i];
    return NULL;
}

static const rasd_place_hit *find_place(const rasd_entities *es, const char *id) {
    for (size_t i = 0; i < es->n_places; i++)
        if (es->places[i].place != UINT32_MAX && strcmp(kn->places[es->places[i].place].id, id) == 0)
            return &es->places[i];
    return NULL;
}

static void assert_mention(const char *text, const rasd_entity *e, const char *surface) {
    assert_non_null(e);
    for (size_t i = 0; i < e->n_mentions; i++)
        if (e->mentions[i].end - e->mentions[i].start == strlen(surface) &&
            memcmp(text + e->mentions[i].start, surface, strlen(surface)) == 0)
            return;
    fail_msg("no mention \"%s\" of %s", surface, e->id);
}

static void test_names_with_clitics_and_variants(void **state) {
    (void)state;
    const char *text = "قال مصدر إن وقسد ولقوات سوريا الديموقراطية و«قسد» انسحبت.";
    rasd_entities es = extract(text);
    const rasd_entity *sdf = find(&es, "sdf");
    assert_mention(text, sdf, "قسد");
    assert_mention(text, sdf, "قوات سوريا الديموقراطية"); /* spelling variant, ل stripped */
    assert_int_equal(sdf->n_mentions, 3);
    assert_null(find_place(&es, "gn:3"));
    /* سوريا inside the SDF's name is not the country */
    assert_null(find(&es, "syr"));
    rasd_entities_free(&es);
}

static void test_article_restored_after_preposition(void **state) {
    (void)state;
    const char *text = "وجه رسالة للأمم المتحدة.";
    rasd_entities es = extract(text);
    assert_mention(text, find(&es, "un"), "لأمم المتحدة");
    rasd_entities_free(&es);
}

static void test_longest_match_wins(void **state) {
    (void)state;
    const char *text = "أعلن التحالف الدولي لمحاربة داعش أمس.";
    rasd_entities es = extract(text);
    assert_mention(text, find(&es, "coalition"), "التحالف الدولي لمحاربة داعش");
    assert_null(find(&es, "isis")); /* inside the longer name */
    rasd_entities_free(&es);
}

static void test_ambiguous_dateline_or_government(void **state) {
    (void)state;
    const char *text = "واشنطن – نورث برس\nوقالت واشنطن إنها تراقب الوضع.";
    rasd_entities es = extract(text);
    const rasd_place_hit *city = find_place(&es, "gn:1");
    assert_non_null(city);
    assert_true(city->dateline);
    assert_int_equal(city->n_mentions, 1);
    assert_mention(text, find(&es, "usa-gov"), "واشنطن");
    assert_int_equal(find(&es, "usa-gov")->n_mentions, 1);
    const rasd_entity *outlet = &es.items[es.outlet];
    assert_string_equal(outlet->id, "north-press");
    rasd_entities_free(&es);
}

static void test_ambiguous_word_is_not_a_state(void **state) {
    (void)state;
    rasd_entities es = extract("أنبوب قطر 5 سم.");
    assert_null(find(&es, "qat"));
    rasd_entities_free(&es);
    const char *text = "وصل الوفد إلى قطر.";
    es = extract(text);
    assert_mention(text, find(&es, "qat"), "قطر");
    assert_int_equal(es.n_places, 1); /* a state is also a place */
    rasd_entities_free(&es);
}

/* The actor a framing term lands on, by label ("" when none, NULL when
 * the term was not found). */
static const char *framed(const rasd_entities *es, const char *label) {
    for (size_t i = 0; i < es->n_framing; i++)
        if (strcmp(es->framing[i].label, label) == 0)
            return es->framing[i].actor >= 0 ? es->items[es->framing[i].actor].id : "";
    return NULL;
}

/* A term before an actor names it (across quotation marks and the
 * term's own adjectives), but not across a conjunction, a preposition or
 * a clause: there the actor is another side, or what the term acts on. */
static void test_framing_term_attaches_only_to_what_it_names(void **state) {
    (void)state;
    static const struct {
        const char *text, *label, *actor;
    } CASES[] = {
        {"قصفت ميليشيات «داعش» القرية.", "militia", "isis"},
        {"قصفت الميليشيات المسلحة «داعش» القرية.", "militia", "isis"},
        {"اندلعت اشتباكات بين المقاومة وقسد في الريف.", "resistance", ""},
        {"تقاتل المقاومة ضد داعش منذ أشهر.", "resistance", ""},
        {"أعلنت المقاومة الشعبية أنها قصفت مواقع داعش.", "resistance", ""},
        {"قالت المقاومة لقسد إنها لن تنسحب.", "resistance", ""},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        rasd_entities es = extract(CASES[i].text);
        const char *got = framed(&es, CASES[i].label);
        if (!got || strcmp(got, CASES[i].actor) != 0)
            fail_msg("%s: %s on \"%s\", expected \"%s\"", CASES[i].text, CASES[i].label, got ? got : "(none)",
                     CASES[i].actor);
        rasd_entities_free(&es);
    }
}

static void collect_name(void *ctx, const char *name, size_t n, const char *label, size_t label_len) {
    rasd_buf *b = ctx;
    rasd_buf_append(b, name, n);
    if (label) {
        rasd_buf_putc(b, '/');
        rasd_buf_append(b, label, label_len);
    }
    rasd_buf_putc(b, ';');
}

/* An actor keeps its other names for its page (rasd actors --json, the
 * server's actor page), loaded ones with their category. */
static void test_actor_keeps_its_names(void **state) {
    (void)state;
    uint32_t i = rasd_knowledge_actor_index(kn, "sdf");
    assert_int_not_equal(i, UINT32_MAX);
    const rasd_actor *a = &kn->actors[i];
    rasd_buf b = {0};
    rasd_actor_each_name(a->aliases_ar, collect_name, &b);
    rasd_actor_each_name(a->aliases_en, collect_name, &b);
    rasd_actor_each_name(a->loaded_ar, collect_name, &b);
    rasd_buf_putc(&b, '\0');
    assert_string_equal(b.data, "قسد;SDF;ميليشيا قسد/militia;");
    rasd_buf_free(&b);
    b = (rasd_buf){0};
    rasd_actor_each_name("a=b=c|d||e", collect_name, &b);
    rasd_buf_putc(&b, '\0');
    assert_string_equal(b.data, "a=b/c;d;e;"); /* the last '=' separates, as the loader reads */
    rasd_buf_free(&b);
}

static void test_loaded_label_is_marked(void **state) {
    (void)state;
    const char *text = "هاجمت ميليشيا قسد القرية، وندد بالاحتلال الأمريكي.";
    rasd_entities es = extract(text);
    const rasd_entity *sdf = find(&es, "sdf");
    assert_mention(text, sdf, "ميليشيا قسد");
    assert_string_equal(kn->labels[sdf->mentions[0].label], "militia");
    const rasd_entity *usa = find(&es, "usa");
    assert_non_null(usa);
    assert_string_equal(kn->labels[usa->mentions[0].label], "occupation");
    rasd_entities_free(&es);
}

static void test_place_told_apart_by_context(void **state) {
    (void)state;
    rasd_entities es = extract("وصلوا إلى تل أبيض.");
    assert_non_null(find_place(&es, "gn:5")); /* alone: the bigger namesake */
    rasd_entities_free(&es);
    es = extract("قالت قسد إن قواتها وصلت إلى تل أبيض.");
    assert_non_null(find_place(&es, "gn:6")); /* after a Syrian actor: the Syrian town */
    assert_null(find_place(&es, "gn:5"));
    rasd_entities_free(&es);
}

/* A place name is read with و or a preposition cut off, never out of a word
 * that had the article or a pronoun the name lacks (a family name like
 * الجاسم is no جاسم; سيرتهم no سيرت). */
static void test_place_not_read_inside_article_or_pronoun(void **state) {
    (void)state;
    rasd_entities es = extract("زار الوفد حلب ودمشق أمس.");
    assert_non_null(find_place(&es, "gn:3"));
    rasd_entities_free(&es);
    es = extract("وقال اللاعب خالد الدمشق إن الفريق جاهز.");
    assert_null(find_place(&es, "gn:3"));
    rasd_entities_free(&es);
    es = extract("وكتب المؤرخ عن دمشقهم القديمة.");
    assert_null(find_place(&es, "gn:3"));
    rasd_entities_free(&es);
}

static void test_joined_spelling_and_supplement(void **state) {
    (void)state;
    rasd_entities es = extract("القتال بديرالزور وفي الباغوز.");
    assert_non_null(find_place(&es, "gn:2"));
    assert_non_null(find_place(&es, "rasd:baghuz"));
    rasd_entities_free(&es);
}

static void test_person_after_title_chain(void **state) {
    (void)state;
    const char *text = "وقال المتحدث باسم التحالف الدولي، العقيد مايلز كاكينز، إن العمل مستمر.\n"
                       "وأضاف المتحدث أن الوضع مستقر.";
    rasd_entities es = extract(text);
    const rasd_entity *p = find(&es, "person:مايلز_كاكينز");
    assert_non_null(p);
    assert_string_equal(p->title, "العقيد");
    assert_string_equal(p->role, "spokesperson");
    assert_string_equal(es.items[p->affiliation].id, "coalition");
    assert_int_equal(p->n_mentions, 2); /* the name, and "المتحدث" later */
    assert_string_equal(p->mentions[1].rule, "coref:title"); /* the title alone, later */
    rasd_entities_free(&es);
}

static void test_person_with_nationality_and_destination(void **state) {
    (void)state;
    const char *text = "وقال المبعوث الألماني إلى سوريا هانس مولر في تصريح إن الحل سياسي.";
    rasd_entities es = extract(text);
    const rasd_entity *p = find(&es, "person:هانس_مولر");
    assert_non_null(p);
    assert_string_equal(p->role, "envoy");
    rasd_entities_free(&es);
}

static void test_known_person_takes_title(void **state) {
    (void)state;
    rasd_entities es = extract("وقال الرئيس السوري بشار الأسد إن الحرب انتهت.");
    const rasd_entity *p = find(&es, "assad");
    assert_non_null(p);
    assert_string_equal(p->title, "الرئيس");
    assert_int_equal(es.count, 1);
    rasd_entities_free(&es);
}

static void test_bylines(void **state) {
    (void)state;
    const char *text = "عنوان الخبر\nالحسكة – سامي العلي – نورث برس\nنص الخبر هنا.\nإعداد: ليلى حسن - تحرير: عمر خالد";
    rasd_entities es = extract(text);
    const rasd_entity *author = find(&es, "person:سامي_العلي");
    assert_non_null(author);
    assert_string_equal(author->byline_role, "author");
    assert_string_equal(find(&es, "person:ليلي_حسن")->byline_role, "author");
    assert_string_equal(find(&es, "person:عمر_خالد")->byline_role, "editor");
    assert_true(find_place(&es, "gn:4")->dateline);
    assert_string_equal(es.items[es.outlet].id, "north-press");
    rasd_entities_free(&es);
}

static void test_byline_name_and_outlet(void **state) {
    (void)state;
    /* NAME – OUTLET on a line of its own under the headline */
    rasd_entities es = extract("أمطار غزيرة على المدينة\nسلمى الحربي – صحيفة الصباح\nهطلت أمطار غزيرة يوم الأحد.");
    const rasd_entity *p = find(&es, "person:سلمي_الحربي");
    assert_non_null(p);
    assert_string_equal(p->byline_role, "author");
    rasd_entities_free(&es);
    /* one word before the dash is a place or a word, never a name */
    es = extract("أمطار غزيرة\nعاجل – صحيفة الصباح\nهطلت أمطار غزيرة.");
    for (size_t i = 0; i < es.count; i++) assert_null(strstr(es.items[i].id, "person:"));
    rasd_entities_free(&es);
}

static void test_person_named_by_a_cue(void **state) {
    (void)state;
    rasd_entities es = extract("وقال مهندس متطوع يدعى سليم نجار إن المضخة تعطلت.");
    const rasd_entity *p = find(&es, "person:سليم_نجار");
    assert_non_null(p);
    assert_string_equal(p->mentions[0].rule, "named");
    rasd_entities_free(&es);
    /* ما يدعى: "the so-called", before a thing and a preposition */
    es = extract("وهاجم ما يدعى بـ المجلس المحلي القرار.");
    for (size_t i = 0; i < es.count; i++) assert_null(strstr(es.items[i].id, "person:"));
    rasd_entities_free(&es);
}

static void test_first_name_ali_and_the_preposition(void **state) {
    (void)state;
    /* علي with ya and a name after it is the first name */
    rasd_entities es = extract("وكان الشاب علي الزعبي قد أصيب في الحادث.");
    const rasd_entity *p = find(&es, "person:علي_الزعبي");
    assert_non_null(p);
    rasd_entities_free(&es);
    /* a second name, then a common word with the article: not in the name */
    es = extract("واحترق الطفل علي سمارة البالغ من العمر عامين.");
    assert_non_null(find(&es, "person:علي_سماره"));
    rasd_entities_free(&es);
    /* على with alif maqsura is the preposition */
    es = extract("وشدد الوزير على أهمية الحوار وعلى الحلول السلمية.");
    for (size_t i = 0; i < es.count; i++) assert_null(strstr(es.items[i].id, "person:"));
    rasd_entities_free(&es);
}

static void test_reference_to_the_one_group(void **state) {
    (void)state;
    const char *text = "هاجم تنظيم الدولة الإسلامية قرية. وقال شهود إن التنظيم انسحب.";
    rasd_entities es = extract(text);
    const rasd_entity *isis = find(&es, "isis");
    assert_int_equal(isis->n_mentions, 2);
    assert_mention(text, isis, "التنظيم");
    rasd_entities_free(&es);
    /* two groups: "the organisation" is ambiguous and left alone */
    es = extract("اشتبك تنظيم الدولة مع قسد. وقال مصدر إن التنظيم انسحب.");
    assert_int_equal(find(&es, "isis")->n_mentions, 1);
    rasd_entities_free(&es);
}

static void test_geonames_dump_extends_the_gazetteer(void **state) {
    (void)state;
    rasd_error err = {0};
    char path[512];
    snprintf(path, sizeof path, "%s/../geonames/sample.txt", FIXTURE_DATA);
    rasd_knowledge_options opt = {FIXTURE_DATA, path};
    rasd_knowledge *big = rasd_knowledge_load(&opt, &err);
    if (!big) fail_msg("%s", err.message);
    rasd_knowledge *saved = kn;
    kn = big;
    const char *text = "قصفت المدفعية تل المثال الكبير.";
    rasd_entities es = extract(text);
    const rasd_place_hit *p = find_place(&es, "gn:9000001");
    assert_non_null(p);
    assert_string_equal(kn->places[p->place].country, "SYR");
    assert_true(kn->places[p->place].lat > 36.09 && kn->places[p->place].lat < 36.11);
    rasd_entities_free(&es);
    kn = saved;
    rasd_knowledge_destroy(big);
    /* a row that is not GeoNames' 19 columns is an error naming the line */
    FILE *f = fopen("/tmp/rasd-bad-geonames.txt", "w");
    fputs("1\tonly three\tcolumns\n", f);
    fclose(f);
    opt.geonames = "/tmp/rasd-bad-geonames.txt";
    assert_null(rasd_knowledge_load(&opt, &err));
    assert_non_null(strstr(err.message, "rasd-bad-geonames.txt:1: expected a GeoNames row of 19"));
    remove("/tmp/rasd-bad-geonames.txt");
}

/* ---- load-time errors */

static char tmp[] = "/tmp/rasd-kb-XXXXXX";

static void copy_file(const char *from, const char *to, const char *extra) {
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, out);
    if (extra) fputs(extra, out);
    fclose(in);
    fclose(out);
}

/* A copy of the fixture data with `extra` appended to one file; returns
 * the load error message. */
static const char *load_error(const char *file, const char *extra) {
    static rasd_error err;
    static const char *const FILES[] = {"kb/countries.tsv", "kb/actors.tsv", "kb/ambiguous.tsv", "kb/titles.tsv",
                                        "kb/references.tsv", "kb/not-names.txt", "kb/variants.tsv",
                                        "gazetteer/places.tsv", "gazetteer/supplement.tsv",
                                        "gazetteer/not-places.txt", "lexicon/function-words.txt",
                                        "quotes/verbs.tsv", "quotes/sources.tsv", "framing/labels.tsv", NULL};
    char path[512], from[512];
    snprintf(path, sizeof path, "%s/kb", tmp);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/gazetteer", tmp);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/lexicon", tmp);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/quotes", tmp);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/framing", tmp);
    mkdir(path, 0700);
    for (const char *const *f = FILES; *f; f++) {
        snprintf(from, sizeof from, "%s/%s", FIXTURE_DATA, *f);
        snprintf(path, sizeof path, "%s/%s", tmp, *f);
        copy_file(from, path, strcmp(*f, file) == 0 ? extra : NULL);
    }
    rasd_knowledge_options opt = {tmp, NULL};
    memset(&err, 0, sizeof err);
    rasd_knowledge *bad = rasd_knowledge_load(&opt, &err);
    assert_null(bad);
    assert_int_equal(err.code, RASD_ERR_DATA);
    return err.message;
}

static void expect_error(const char *file, const char *extra, const char *where, const char *what) {
    const char *msg = load_error(file, extra);
    if (!strstr(msg, where) || !strstr(msg, what)) fail_msg("unexpected message: %s", msg);
}

/* Out of line: inlined into a caller with a small array, XXH3's paths for
 * long keys make gcc warn about reads past it (they never run). */
__attribute__((noinline)) static uint64_t hash_of(const char *s, size_t n) { return rasd_hash_bytes(s, n); }

/* Walks words down the trie by their keys, with and without the keys'
 * hashes given; returns the end node (0: the path breaks off). */
static uint32_t walk_name(const rasd_names *n, const char *const *words, size_t count) {
    uint32_t node = 0;
    for (size_t i = 0; i < count; i++) {
        char key[64];
        size_t len = rasd_normalize(words[i], strlen(words[i]), key, sizeof key);
        assert_true(len > 0 && len < sizeof key);
        uint32_t plain = rasd_names_child(n, node, key, len);
        uint32_t hashed = rasd_names_child_hashed(n, node, key, len, hash_of(key, len));
        assert_int_equal(plain, hashed);
        if (i == 0) assert_true(plain == 0 || rasd_names_may_start(n, key, len));
        if (!(node = plain)) return 0;
    }
    return node;
}

/* The trie's edges are hashed as the token key's hash mixed with the
 * parent node, and the edges below the root sit behind a bit filter: every
 * path added is found again, shared prefixes branch, and a path that was
 * never added breaks off where it leaves the trie. */
static void test_name_trie_paths_and_filters(void **state) {
    (void)state;
    rasd_names n = {0};
    rasd_error err = {0};
    const char *names[] = {"مجلس الأمن الدولي", "مجلس الأمن", "مجلس النواب", "الأمن العام", "حلب"};
    uint32_t ends[5];
    for (int i = 0; i < 5; i++) {
        rasd_name_target t = {.index = (uint32_t)i, .kind = RASD_NAME_ACTOR};
        assert_int_equal(rasd_names_add(&n, names[i], strlen(names[i]), t, &ends[i], &err), RASD_OK);
        assert_int_not_equal(ends[i], 0);
    }
    assert_int_equal(rasd_names_finalize(&n, &err), RASD_OK);
    const char *k0[] = {"مجلس", "الأمن", "الدولي"}, *k1[] = {"مجلس", "الأمن"}, *k2[] = {"مجلس", "النواب"};
    const char *k3[] = {"الأمن", "العام"}, *k4[] = {"حلب"};
    assert_int_equal(walk_name(&n, k0, 3), ends[0]);
    assert_int_equal(walk_name(&n, k1, 2), ends[1]);
    assert_int_equal(walk_name(&n, k2, 2), ends[2]);
    assert_int_equal(walk_name(&n, k3, 2), ends[3]);
    assert_int_equal(walk_name(&n, k4, 1), ends[4]);
    size_t cnt;
    assert_non_null(rasd_names_targets(&n, ends[1], &cnt));
    assert_int_equal(cnt, 1);
    /* paths never added: a known word under the wrong parent, an unknown word */
    const char *bad1[] = {"مجلس", "العام"}, *bad2[] = {"حلب", "الأمن"}, *bad3[] = {"مجلس", "الأمن", "العام"};
    const char *bad4[] = {"دمشق"};
    assert_int_equal(walk_name(&n, bad1, 2), 0);
    assert_int_equal(walk_name(&n, bad2, 2), 0);
    assert_int_equal(walk_name(&n, bad3, 3), 0);
    assert_int_equal(walk_name(&n, bad4, 1), 0);
    rasd_names_free(&n);
}

/* A string table probed with the key's hash given finds what the plain
 * look-up finds, and adds to the same table. */
static void test_strtab_hashed_lookup(void **state) {
    (void)state;
    rasd_strtab t = {0};
    char key[32];
    for (int i = 0; i < 3000; i++) { /* past several growths */
        int len = snprintf(key, sizeof key, "w%d", i);
        rasd_strtab_entry *e = i % 2 ? rasd_strtab_get(&t, key, (size_t)len, true)
                                     : rasd_strtab_get_hashed(&t, key, (size_t)len, hash_of(key, (size_t)len), true);
        assert_non_null(e);
        e->count = (uint32_t)i + 1;
    }
    for (int i = 0; i < 3000; i++) {
        int len = snprintf(key, sizeof key, "w%d", i);
        rasd_strtab_entry *a = rasd_strtab_get(&t, key, (size_t)len, false);
        rasd_strtab_entry *b = rasd_strtab_get_hashed(&t, key, (size_t)len, hash_of(key, (size_t)len), false);
        assert_non_null(a);
        assert_ptr_equal(a, b);
        assert_int_equal(a->count, (uint32_t)i + 1);
    }
    assert_null(rasd_strtab_get_hashed(&t, "absent", 6, hash_of("absent", 6), false));
    assert_int_equal(t.used, 3000);
    rasd_strtab_free(&t);
}

static void test_load_errors_name_file_and_line(void **state) {
    (void)state;
    assert_non_null(mkdtemp(tmp));
    expect_error("kb/actors.tsv", "broken\tline\n", "kb/actors.tsv:13:", "expected 11 tab-separated fields");
    expect_error("kb/actors.tsv", "sdf\tarmed_group\tSYR\t\t\tX\tاسم\t\t\t\t\n", "kb/actors.tsv:13:",
                 "duplicate id \"sdf\"");
    expect_error("kb/actors.tsv", "ypg\tarmed_group\tSYR\t\t\tYPG\tوحدات الحماية\tقسد\t\t\t\n", "kb/actors.tsv:13:",
                 "is also a name of \"sdf\"");
    expect_error("kb/actors.tsv", "x1\tarmed_group\tSYR\tnobody\t\tX\tاسم ما\t\t\t\t\n", "kb/actors.tsv:13:",
                 "unknown parent \"nobody\"");
    expect_error("kb/actors.tsv", "x2\tarmed_group\tSYR\t\t\tX\tاسم آخر\t\t\tالمرتزقة\t\n", "kb/actors.tsv:13:",
                 "needs its category");
    expect_error("kb/actors.tsv", "x3\twizard\tSYR\t\t\tX\tاسم ثالث\t\t\t\t\n", "kb/actors.tsv:13:",
                 "unknown actor type");
    expect_error("kb/countries.tsv", "xxx\tstate\tSyria\t\t\tX\tبلد\t\t\t\t\n", "kb/countries.tsv:8:",
                 "not an ISO 3166-1 alpha-3 code");
    expect_error("gazetteer/places.tsv", "gn:9\tX\tمكان\t\t95\t40\tSYR\t\tP.PPL\t0\tx\n", "gazetteer/places.tsv:8:",
                 "bad coordinates");
    expect_error("kb/ambiguous.tsv", "حلب\tnobody|word\tdateline-or-subject\tx\n", "kb/ambiguous.tsv:4:",
                 "unknown candidate \"nobody\"");
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_with_clitics_and_variants),
        cmocka_unit_test(test_article_restored_after_preposition),
        cmocka_unit_test(test_longest_match_wins),
        cmocka_unit_test(test_ambiguous_dateline_or_government),
        cmocka_unit_test(test_ambiguous_word_is_not_a_state),
        cmocka_unit_test(test_loaded_label_is_marked),
        cmocka_unit_test(test_actor_keeps_its_names),
        cmocka_unit_test(test_framing_term_attaches_only_to_what_it_names),
        cmocka_unit_test(test_place_told_apart_by_context),
        cmocka_unit_test(test_place_not_read_inside_article_or_pronoun),
        cmocka_unit_test(test_joined_spelling_and_supplement),
        cmocka_unit_test(test_person_after_title_chain),
        cmocka_unit_test(test_person_with_nationality_and_destination),
        cmocka_unit_test(test_known_person_takes_title),
        cmocka_unit_test(test_bylines),
        cmocka_unit_test(test_byline_name_and_outlet),
        cmocka_unit_test(test_person_named_by_a_cue),
        cmocka_unit_test(test_first_name_ali_and_the_preposition),
        cmocka_unit_test(test_reference_to_the_one_group),
        cmocka_unit_test(test_geonames_dump_extends_the_gazetteer),
        cmocka_unit_test(test_load_errors_name_file_and_line),
        cmocka_unit_test(test_name_trie_paths_and_filters),
        cmocka_unit_test(test_strtab_hashed_lookup),
    };
    return cmocka_run_group_tests_name("knowledge", tests, setup_knowledge, teardown_knowledge);
}
