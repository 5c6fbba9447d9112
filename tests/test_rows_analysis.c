/*
 * test_rows_analysis.c: the store's rows built from the typed analysis
 * (rasd_rows_from_analysis) against those parsed back from the same
 * analysis' JSON line (rasd_rows_from_json), field by field and byte for
 * byte, over sentences written for this test, over ../shared/seeds and
 * over the first 300 articles of a SaudiNewsNet day when ../shared is
 * there (skipped with a message otherwise). Also: the typed views say what
 * the line says for a few facts read by hand, and rasd_analysis_json is
 * analyze + write.
 */
#include "test_helpers.h"

#include "corpus/reader.h"
#include "extract/dates.h"
#include "extract/numbers.h"
#include "ner/ner.h"
#include "storage/rows.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>

#ifndef SHARED_DIR
#define SHARED_DIR "../shared"
#endif

static rasd_knowledge *kn;
static rasd_ner_model *tagger;
static rasd_numbers *nums;
static rasd_dates *dts;

static int setup(void **state) {
    if (setup_analyzer(state) != 0) return -1;
    rasd_error err = {0};
    rasd_knowledge_options ko = {0};
    if (!(kn = rasd_knowledge_load(&ko, &err)) || !(tagger = rasd_ner_load(test_lex, NULL, &err)) ||
        !(nums = rasd_numbers_load(NULL, &err)) || !(dts = rasd_dates_load(NULL, &err))) {
        fprintf(stderr, "cannot load the data: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state) {
    rasd_dates_destroy(dts);
    rasd_numbers_destroy(nums);
    rasd_ner_destroy(tagger);
    rasd_knowledge_destroy(kn);
    return teardown_analyzer(state);
}

/* ------------------------------------------------------------ comparing */

static size_t mismatches;

static void same_str(const char *where, size_t i, const char *field, const char *a, const char *b) {
    if ((!a && !b) || (a && b && strcmp(a, b) == 0)) return;
    if (mismatches++ < 20)
        fprintf(stderr, "%s #%zu %s: from analysis [%s], from JSON [%s]\n", where, i, field, a ? a : "(null)",
                b ? b : "(null)");
}

static void same_num(const char *where, size_t i, const char *field, double a, double b) {
    if (a == b) return;
    if (mismatches++ < 20) fprintf(stderr, "%s #%zu %s: from analysis %.17g, from JSON %.17g\n", where, i, field, a, b);
}

#define COUNT(name)                                                                                    \
    if (x->n_##name != y->n_##name) {                                                                  \
        if (mismatches++ < 20)                                                                         \
            fprintf(stderr, "%s: %zu " #name " from analysis, %zu from JSON\n", where, x->n_##name, y->n_##name); \
        return;                                                                                        \
    }

static void compare_rows(const char *where, const rasd_rows *x, const rasd_rows *y) {
    COUNT(entities) COUNT(places) COUNT(quotes) COUNT(events) COUNT(framing) COUNT(numbers) COUNT(dates)
    COUNT(paragraphs)
    for (size_t i = 0; i < x->n_entities; i++) {
        const rasd_row_entity *a = &x->entities[i], *b = &y->entities[i];
        same_str(where, i, "entity.id", a->id, b->id);
        same_str(where, i, "entity.name", a->name, b->name);
        same_str(where, i, "entity.type", a->type, b->type);
        same_str(where, i, "entity.country", a->country, b->country);
        same_num(where, i, "entity.mention_count", (double)a->mention_count, (double)b->mention_count);
        same_str(where, i, "entity.mentions", a->mentions, b->mentions);
    }
    for (size_t i = 0; i < x->n_places; i++) {
        const rasd_row_place *a = &x->places[i], *b = &y->places[i];
        same_str(where, i, "place.id", a->id, b->id);
        same_str(where, i, "place.name", a->name, b->name);
        same_str(where, i, "place.country", a->country, b->country);
        same_num(where, i, "place.has_coords", a->has_coords, b->has_coords);
        same_num(where, i, "place.lat", a->lat, b->lat);
        same_num(where, i, "place.lon", a->lon, b->lon);
        same_num(where, i, "place.mention_count", (double)a->mention_count, (double)b->mention_count);
        same_str(where, i, "place.mentions", a->mentions, b->mentions);
    }
    for (size_t i = 0; i < x->n_quotes; i++) {
        const rasd_row_quote *a = &x->quotes[i], *b = &y->quotes[i];
        same_str(where, i, "quote.speaker", a->speaker, b->speaker);
        same_str(where, i, "quote.speaker_text", a->speaker_text, b->speaker_text);
        same_str(where, i, "quote.verb", a->verb, b->verb);
        same_str(where, i, "quote.text", a->text, b->text);
        same_num(where, i, "quote.direct", a->direct, b->direct);
        same_num(where, i, "quote.start", (double)a->start, (double)b->start);
        same_num(where, i, "quote.end", (double)a->end, (double)b->end);
    }
    for (size_t i = 0; i < x->n_events; i++) {
        const rasd_row_event *a = &x->events[i], *b = &y->events[i];
        same_str(where, i, "event.source", a->source, b->source);
        same_str(where, i, "event.target", a->target, b->target);
        same_str(where, i, "event.cameo", a->cameo, b->cameo);
        same_str(where, i, "event.plover", a->plover, b->plover);
        same_str(where, i, "event.acled", a->acled, b->acled);
        same_str(where, i, "event.place", a->place, b->place);
        same_str(where, i, "event.date", a->date, b->date);
        same_str(where, i, "event.flags", a->flags, b->flags);
        same_str(where, i, "event.detail", a->detail, b->detail);
        same_num(where, i, "event.start", (double)a->start, (double)b->start);
        same_num(where, i, "event.end", (double)a->end, (double)b->end);
    }
    for (size_t i = 0; i < x->n_framing; i++) {
        const rasd_row_framing *a = &x->framing[i], *b = &y->framing[i];
        same_str(where, i, "framing.actor", a->actor, b->actor);
        same_str(where, i, "framing.term", a->term, b->term);
        same_str(where, i, "framing.label", a->label, b->label);
        same_num(where, i, "framing.polarity", (double)a->polarity, (double)b->polarity);
        same_num(where, i, "framing.start", (double)a->start, (double)b->start);
        same_num(where, i, "framing.end", (double)a->end, (double)b->end);
    }
    for (size_t i = 0; i < x->n_numbers; i++) {
        const rasd_row_number *a = &x->numbers[i], *b = &y->numbers[i];
        same_str(where, i, "number.text", a->text, b->text);
        same_str(where, i, "number.unit", a->unit, b->unit);
        same_str(where, i, "number.unit_code", a->unit_code, b->unit_code);
        same_num(where, i, "number.has_value", a->has_value, b->has_value);
        same_num(where, i, "number.value", a->value, b->value);
        same_num(where, i, "number.start", (double)a->start, (double)b->start);
        same_num(where, i, "number.end", (double)a->end, (double)b->end);
    }
    for (size_t i = 0; i < x->n_dates; i++) {
        const rasd_row_date *a = &x->dates[i], *b = &y->dates[i];
        same_str(where, i, "date.text", a->text, b->text);
        same_str(where, i, "date.value", a->value, b->value);
        same_str(where, i, "date.granularity", a->granularity, b->granularity);
        same_num(where, i, "date.start", (double)a->start, (double)b->start);
        same_num(where, i, "date.end", (double)a->end, (double)b->end);
    }
    for (size_t i = 0; i < x->n_paragraphs; i++) {
        const rasd_row_paragraph *a = &x->paragraphs[i], *b = &y->paragraphs[i];
        same_num(where, i, "paragraph.start", (double)a->start, (double)b->start);
        same_num(where, i, "paragraph.end", (double)a->end, (double)b->end);
        same_num(where, i, "paragraph.repeats", (double)a->repeats, (double)b->repeats);
    }
}

/* Counts of what the rows hold, to show the comparison was not empty. */
typedef struct totals {
    size_t docs, entities, places, quotes, events, framing, numbers, dates;
    double t_json, t_views; /* CPU seconds: line written and parsed back; rows from the views */
} totals;

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Analyses text both ways and compares; extract: RASD_EXTRACT_* (0 all). */
static void check_text(const char *name, const char *text, size_t len, const char *published, unsigned extract,
                       totals *t) {
    rasd_error err = {0};
    rasd_document doc;
    assert_int_equal(rasd_document_from_buffer(name, text, len, NULL, &doc, &err), RASD_OK);
    rasd_analysis_options opt = {.knowledge = kn, .tagger = tagger, .numbers = nums, .dates = dts,
                                 .published = published, .extract = extract};
    rasd_analysis *a = NULL;
    assert_int_equal(rasd_analyze_document(test_an, &doc, &opt, &a, &err), RASD_OK);
    char *line = NULL, *direct = NULL;
    size_t line_len = 0, direct_len = 0;
    double t0 = cpu_now();
    assert_int_equal(rasd_analysis_write_json(a, &line, &line_len, &err), RASD_OK);
    double t1 = cpu_now();
    /* the old entry point is analyze + write, byte for byte */
    assert_int_equal(rasd_analysis_json(test_an, &doc, &opt, &direct, &direct_len, &err), RASD_OK);
    assert_int_equal(line_len, direct_len);
    assert_memory_equal(line, direct, line_len);
    rasd_rows x, y;
    double t2 = cpu_now();
    assert_int_equal(rasd_rows_from_analysis(a, &x, &err), RASD_OK);
    double t3 = cpu_now();
    assert_int_equal(rasd_rows_from_json(name, line, line_len, &y, &err), RASD_OK);
    double t4 = cpu_now();
    t->t_json += (t1 - t0) + (t4 - t3);
    t->t_views += t3 - t2;
    compare_rows(name, &x, &y);
    t->docs++;
    t->entities += x.n_entities, t->places += x.n_places, t->quotes += x.n_quotes, t->events += x.n_events;
    t->framing += x.n_framing, t->numbers += x.n_numbers, t->dates += x.n_dates;
    rasd_rows_free(&x);
    rasd_rows_free(&y);
    free(line);
    free(direct);
    rasd_analysis_destroy(a);
    rasd_document_destroy(&doc);
}

/* Written for this test: a dateline, a ministry's statement, an arrest, an
 * air strike with its dead and wounded, a quotation, a sum of money, dates
 * written out and relative, a tab inside a sentence (escaped in the detail). */
static const char ARTICLE[] =
    "الداخلية السعودية تعلن القبض على خلية في جدة\n"
    "الرياض - أعلنت وزارة الداخلية السعودية يوم الأحد أن قوات الأمن اعتقلت 12 شخصا في مدينة جدة.\n"
    "وقال المتحدث باسم الوزارة إن العملية جاءت بعد تحقيقات استمرت ثلاثة أشهر.\n"
    "وقصفت طائرات حربية مواقع للمسلحين في شمال سوريا أمس، ما أدى إلى مقتل 15 مسلحا وإصابة 20 آخرين.\n"
    "وأكد الرئيس الأمريكي باراك أوباما أن واشنطن لن تتراجع عن دعم حلفائها، مضيفا: \"سنواصل العمل مع شركائنا\".\n"
    "وبلغت قيمة الصفقة نحو 2.5 مليار دولار، بحسب ما نقلت وكالة رويترز في 3 مارس 2015.\n"
    "وهاجم مسلحون\tمجهولون نقطة تفتيش للشرطة العراقية في بغداد، وأطلقت دبابة إسرائيلية قذائف على بلدة حدودية.\n"
    "ونفى وزير الخارجية الإيراني أن تكون طهران قد أرسلت أسلحة إلى اليمن.\n";

static void test_written_sentences(void **state) {
    (void)state;
    totals t = {0};
    mismatches = 0;
    check_text("written", ARTICLE, sizeof ARTICLE - 1, "2015-03-08", 0, &t);
    check_text("written-no-date", ARTICLE, sizeof ARTICLE - 1, NULL, 0, &t);
    /* narrowed: numbers and dates are read for the events but left out */
    check_text("written-events", ARTICLE, sizeof ARTICLE - 1, "2015-03-08", RASD_EXTRACT_EVENTS, &t);
    check_text("written-quotes", ARTICLE, sizeof ARTICLE - 1, "2015-03-08", RASD_EXTRACT_QUOTES, &t);
    check_text("written-numbers", ARTICLE, sizeof ARTICLE - 1, "2015-03-08", RASD_EXTRACT_NUMBERS, &t);
    assert_int_equal(mismatches, 0);
    assert_true(t.entities > 0 && t.places > 0 && t.events > 0 && t.numbers > 0 && t.dates > 0 && t.quotes > 0);
}

/* A few facts of the written article read through the views, as a library
 * user would, checked against what the text says. */
static void test_views(void **state) {
    (void)state;
    rasd_error err = {0};
    rasd_document doc;
    assert_int_equal(rasd_document_from_buffer("views", ARTICLE, sizeof ARTICLE - 1, NULL, &doc, &err), RASD_OK);
    rasd_analysis_options opt = {.knowledge = kn, .numbers = nums, .dates = dts, .published = "2015-03-08"};
    rasd_analysis *a = NULL;
    assert_int_equal(rasd_analyze_document(test_an, &doc, &opt, &a, &err), RASD_OK);
    assert_int_equal(rasd_analysis_extracted(a), RASD_EXTRACT_ALL);
    rasd_analysis_stats st;
    rasd_analysis_get_stats(a, &st);
    assert_int_equal(st.bytes, sizeof ARTICLE - 1);
    assert_int_equal(st.paragraphs, 8);
    assert_int_equal(rasd_analysis_paragraphs(a)->count, 8);
    assert_true(rasd_analysis_sentences(a)->count >= 8);
    /* a place with coordinates: Baghdad */
    bool baghdad = false;
    for (size_t i = 0; i < rasd_analysis_place_count(a); i++) {
        rasd_fact_place p;
        assert_true(rasd_analysis_place(a, i, &p));
        assert_true(p.n_mentions > 0);
        rasd_fact_mention m;
        assert_true(rasd_analysis_place_mention(a, i, 0, &m));
        if (m.end - m.start == strlen("بغداد") && memcmp(ARTICLE + m.start, "بغداد", m.end - m.start) == 0) {
            baghdad = true;
            assert_true(p.has_coords);
            assert_string_equal(p.country, "IRQ");
            assert_true(p.lat > 33 && p.lat < 34 && p.lon > 44 && p.lon < 45);
        }
    }
    assert_true(baghdad);
    /* the 12 arrested: a number of its sentence, and the arrest's magnitude */
    bool twelve = false;
    for (size_t i = 0; i < rasd_analysis_number_count(a); i++) {
        rasd_fact_number nb;
        assert_true(rasd_analysis_number(a, i, &nb));
        if (nb.integral && nb.ivalue == 12) twelve = true;
    }
    assert_true(twelve);
    bool arrested = false;
    for (size_t i = 0; i < rasd_analysis_event_count(a); i++) {
        rasd_fact_event e;
        assert_true(rasd_analysis_event(a, i, &e));
        assert_non_null(e.cameo);
        assert_true(e.trigger.end > e.trigger.start);
        if (e.arrested == 12) arrested = true;
        if (e.source.present && e.source.entity) { /* every participant is an entity of the list */
            bool found = false;
            for (size_t k = 0; k < rasd_analysis_entity_count(a) && !found; k++) {
                rasd_fact_entity en;
                assert_true(rasd_analysis_entity(a, k, &en));
                found = strcmp(en.id, e.source.entity) == 0;
            }
            assert_true(found);
        }
    }
    assert_true(arrested);
    /* the date written out */
    bool march3 = false;
    for (size_t i = 0; i < rasd_analysis_date_count(a); i++) {
        rasd_fact_date d;
        assert_true(rasd_analysis_date(a, i, &d));
        if (d.value && strcmp(d.value, "2015-03-03") == 0) march3 = true;
    }
    assert_true(march3);
    /* out of range */
    rasd_fact_entity none;
    assert_false(rasd_analysis_entity(a, rasd_analysis_entity_count(a), &none));
    rasd_analysis_destroy(a);
    /* not looked for: no quotes, though the text has them */
    opt.extract = RASD_EXTRACT_NUMBERS;
    assert_int_equal(rasd_analyze_document(test_an, &doc, &opt, &a, &err), RASD_OK);
    assert_int_equal(rasd_analysis_extracted(a), RASD_EXTRACT_NUMBERS);
    assert_int_equal(rasd_analysis_quote_count(a), 0);
    assert_int_equal(rasd_analysis_entity_count(a), 0);
    assert_true(rasd_analysis_number_count(a) > 0);
    rasd_analysis_destroy(a);
    /* a publication date that is no date: a usage error, and no analysis */
    opt.extract = 0;
    opt.published = "2015-02-30";
    a = (rasd_analysis *)&opt; /* overwritten with NULL */
    assert_int_equal(rasd_analyze_document(test_an, &doc, &opt, &a, &err), RASD_ERR_USAGE);
    assert_null(a);
    assert_non_null(strstr(err.message, "2015-02-30"));
    rasd_document_destroy(&doc);
}

/* ------------------------------------------------------ shared corpora */

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    rasd_buf b = {0};
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) rasd_buf_append(&b, tmp, n);
    fclose(f);
    *len = b.len;
    return b.data;
}

static void test_seeds(void **state) {
    (void)state;
    DIR *d = opendir(SHARED_DIR "/seeds");
    if (!d) {
        fprintf(stderr, "skipped: no %s/seeds\n", SHARED_DIR);
        skip();
    }
    totals t = {0};
    mismatches = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n < 4 || strcmp(de->d_name + n - 4, ".txt") != 0) continue;
        char path[1024], *text;
        size_t len;
        snprintf(path, sizeof path, "%s/seeds/%s", SHARED_DIR, de->d_name);
        if (!(text = slurp(path, &len))) continue;
        check_text(path, text, len, "2015-07-21", 0, &t);
        free(text);
    }
    closedir(d);
    fprintf(stderr, "seeds: %zu documents, %zu entities, %zu places, %zu events compared\n", t.docs, t.entities,
            t.places, t.events);
    assert_int_equal(mismatches, 0);
    assert_true(t.docs > 0);
}

typedef struct day {
    totals t;
} day;

static bool on_article(void *ctx, rasd_article *art) {
    day *dy = ctx;
    rasd_buf b = {0};
    if (art->title && *art->title) {
        rasd_buf_append(&b, art->title, strlen(art->title));
        rasd_buf_putc(&b, '\n');
    }
    rasd_buf_append(&b, art->text ? art->text : "", art->len);
    rasd_error err = {0};
    rasd_document doc;
    if (b.len && rasd_document_from_buffer(art->origin, b.data, b.len, NULL, &doc, &err) == RASD_OK) {
        rasd_document_destroy(&doc);
        check_text(art->origin, b.data, b.len, art->published, 0, &dy->t);
    }
    rasd_buf_free(&b);
    return dy->t.docs < 300;
}

static void test_saudinewsnet(void **state) {
    (void)state;
    const char *path = SHARED_DIR "/corpora/saudinewsnet/2015-07-21.zip";
    struct stat sb;
    if (stat(path, &sb) != 0) {
        fprintf(stderr, "skipped: no %s\n", path);
        skip();
    }
    day dy = {0};
    mismatches = 0;
    rasd_reader_options ro = {0};
    rasd_reader_sink sink = {.on_article = on_article, .ctx = &dy};
    rasd_error err = {0};
    assert_int_equal(rasd_read_path(path, &ro, &sink, &err), RASD_OK);
    rasd_reader_sink_done(&sink);
    fprintf(stderr, "SaudiNewsNet: %zu articles, %zu entities, %zu places, %zu quotes, %zu events, %zu numbers, %zu dates compared\n",
            dy.t.docs, dy.t.entities, dy.t.places, dy.t.quotes, dy.t.events, dy.t.numbers, dy.t.dates);
    /* what the ingest spares per article (not asserted: timings vary) */
    fprintf(stderr, "rows via the JSON line (write + parse): %.3f ms per article; from the views: %.3f ms\n",
            dy.t.t_json * 1e3 / (double)dy.t.docs, dy.t.t_views * 1e3 / (double)dy.t.docs);
    assert_int_equal(mismatches, 0);
    assert_int_equal(dy.t.docs, 300);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_written_sentences),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_saudinewsnet),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
