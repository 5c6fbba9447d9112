/*
 * test_formats.c: the offline web readers: the plain-text boilerplate
 * filter, HTML article extraction, RSS 2.0 / RDF / Atom feeds (and the
 * feeds that must be refused), web dates and charsets. Fixtures are pages
 * and feeds written for these tests (tests/fixtures/html, feeds); the
 * seed articles of ../shared/seeds are used when present, to measure the
 * filter on a real page, and skipped with a message when absent.
 */
#include "test_helpers.h"

#include "corpus/boilerplate.h"
#include "corpus/feed.h"
#include "corpus/fetch.h"
#include "corpus/html.h"
#include "core/internal.h"

#include <sys/stat.h>

#ifndef FIXTURES
#define FIXTURES "tests/fixtures"
#endif
#ifndef DATA_DIR
#define DATA_DIR "data"
#endif
#ifndef SEEDS_DIR
#define SEEDS_DIR "../shared/seeds"
#endif

static rasd_boilerplate *bp;

static int setup(void **state) {
    (void)state;
    rasd_error err = {0};
    bp = rasd_boilerplate_load(DATA_DIR, &err);
    if (!bp) fprintf(stderr, "%s\n", err.message);
    return bp ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    rasd_boilerplate_destroy(bp);
    return 0;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    *len = fread(b, 1, (size_t)n, f);
    b[*len] = '\0';
    fclose(f);
    return b;
}

static char *fixture(const char *name, size_t *len) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", FIXTURES, name);
    char *s = slurp(path, len);
    if (!s) fail_msg("cannot read fixture %s", path);
    return s;
}

/* ------------------------------------------------------------ boilerplate */

/* Whether removed line i's text is exactly s. */
static bool removed_is(const rasd_boilerplate_result *r, const char *text, size_t i, const char *s) {
    const rasd_span sp = r->removed[i].span;
    return strlen(s) == sp.end - sp.start && !memcmp(text + sp.start, s, sp.end - sp.start);
}

static const char PASTED_PAGE[] =
    "مجلس الرقة يعلن خطة لإصلاح شبكة المياه\n"
    "\n"
    "camera iconعمال يصلحون خطًا للمياه في الرقة (الصورة: أرشيف)\n"
    "شارك فيسبوك تويتر واتساب\n"
    "أعلن مجلس الرقة المدني، الثلاثاء، خطة لإصلاح شبكة المياه في أحياء المدينة الشرقية، تشمل تبديل "
    "الأنابيب القديمة وتركيب مضخات جديدة، بتمويل من منظمات دولية.\n"
    "وقال رئيس لجنة الخدمات إن العمل سيبدأ الشهر المقبل ويستمر نحو ستة أشهر، مشيرًا إلى أن الأحياء "
    "الشرقية تعاني من انقطاع المياه منذ سنوات بسبب الأضرار التي لحقت بالشبكة.\n"
    "اقرأ أيضاً:\n"
    "أزمة الخبز في دير الزور\n"
    "افتتاح مستشفى في الطبقة\n"
    "نحن نعمل من أجلكم منذ عشر سنوات\n"
    "تبرّع الآن لدعم عملنا\n"
    "جميع الحقوق محفوظة © 2024\n";

static void boilerplate_removes_furniture(void **state) {
    (void)state;
    rasd_boilerplate_result r;
    rasd_error err = {0};
    assert_int_equal(rasd_boilerplate_filter(bp, PASTED_PAGE, strlen(PASTED_PAGE), &r, &err), RASD_OK);
    /* the two article paragraphs and the title stay, nothing else */
    assert_non_null(strstr(r.text, "مجلس الرقة يعلن خطة"));
    assert_non_null(strstr(r.text, "أعلن مجلس الرقة المدني"));
    assert_non_null(strstr(r.text, "وقال رئيس لجنة الخدمات"));
    assert_null(strstr(r.text, "camera"));
    assert_null(strstr(r.text, "واتساب"));
    assert_null(strstr(r.text, "أزمة الخبز"));
    assert_null(strstr(r.text, "نحن نعمل"));
    assert_null(strstr(r.text, "محفوظة"));
    assert_int_equal(r.n_removed, 8);
    assert_true(removed_is(&r, PASTED_PAGE, 0, "camera iconعمال يصلحون خطًا للمياه في الرقة (الصورة: أرشيف)"));
    assert_string_equal(r.removed[0].reason, "phrase");
    assert_string_equal(r.removed[1].reason, "share-bar");
    /* the related list's titles and the appeal's first line are in no
     * phrase list: the closing run takes them */
    assert_true(removed_is(&r, PASTED_PAGE, 3, "أزمة الخبز في دير الزور"));
    assert_string_equal(r.removed[3].reason, "tail");
    assert_string_equal(r.removed[5].reason, "tail");
    /* spans point into the input */
    for (size_t i = 0; i < r.n_removed; i++) assert_true(r.removed[i].span.end <= strlen(PASTED_PAGE));
    rasd_boilerplate_result_free(&r);
}

static const char CLEAN_ARTICLE[] =
    "وفد أممي يزور مخيمات الشمال\n"
    "\n"
    "الحسكة – خاص\n"
    "\n"
    "زار وفد من الأمم المتحدة، الأربعاء، مخيمات النازحين في ريف الحسكة الشمالي، واطلع على أوضاع "
    "الخدمات فيها، وسط تراجع التمويل الدولي.\n"
    "\n"
    "وقال عضو في الوفد إن المنظمة ستدعم برامج المياه والتعليم، وتعمل على توفير مليون دولار شهريًا "
    "للعيادات الميدانية، بحسب ما نشره على حسابه في تويتر.\n"
    "\n"
    "إعداد: سلمى ديب - تحرير: كمال نصر\n";

static void boilerplate_keeps_clean_article(void **state) {
    (void)state;
    rasd_boilerplate_result r;
    assert_int_equal(rasd_boilerplate_filter(bp, CLEAN_ARTICLE, strlen(CLEAN_ARTICLE), &r, NULL), RASD_OK);
    assert_int_equal(r.n_removed, 0);
    assert_int_equal(r.len, strlen(CLEAN_ARTICLE));
    assert_memory_equal(r.text, CLEAN_ARTICLE, r.len);
    rasd_boilerplate_result_free(&r);
}

/* Lines that look like furniture and are not, each met in a real corpus
 * (SaudiNewsNet): quoted names, an agency's initials, a common phrase that
 * is also a "more" link, a list of apps, a date written with slashes. */
static void boilerplate_spares_lookalikes(void **state) {
    (void)state;
    const char *t = "«قسد» تعلن «حظر تجول» في «الرقة»\n"
                    "(أ. ف. ب)\n"
                    "الوزير: على الدول بذل المزيد لدعم النازحين\n"
                    "2. «فيسبوك ماسنجر» Facebook Messenger\n"
                    "التاريخ : 9 / 10 / 1436هـ\n"
                    "• ما رأيك في القرار؟\n"
                    "خبر طويل بما يكفي ليعد فقرة من المقال، فيه فواصل وكلمات كثيرة عن الاجتماع والقرار والمدينة "
                    "وأهلها وما جرى في الأسبوع الماضي من أحداث.\n"
                    "...المزيد\n";
    rasd_boilerplate_result r;
    assert_int_equal(rasd_boilerplate_filter(bp, t, strlen(t), &r, NULL), RASD_OK);
    /* only the "more" link goes */
    assert_int_equal(r.n_removed, 1);
    assert_true(removed_is(&r, t, 0, "...المزيد"));
    rasd_boilerplate_result_free(&r);
}

static void boilerplate_symbols_and_menus(void **state) {
    (void)state;
    const char *t = "الرئيسية | أخبار | سوريا | اقتصاد\n×\nع ع ع\n"
                    "خبر طويل بما يكفي ليعد فقرة من المقال، فيه فواصل وكلمات كثيرة عن الاجتماع والقرار والمدينة "
                    "وأهلها وما جرى في الأسبوع الماضي من أحداث.\n";
    rasd_boilerplate_result r;
    assert_int_equal(rasd_boilerplate_filter(bp, t, strlen(t), &r, NULL), RASD_OK);
    assert_int_equal(r.n_removed, 3);
    assert_string_equal(r.removed[0].reason, "menu");
    assert_string_equal(r.removed[1].reason, "symbols");
    assert_string_equal(r.removed[2].reason, "symbols");
    assert_true(r.text[0] != '\n' && strncmp(r.text, "خبر طويل", strlen("خبر طويل")) == 0);
    rasd_boilerplate_result_free(&r);
}

/* Lines of more than 60 words, which the filter counts without tokenizing
 * when it can (long_paragraph): a paragraph is kept and is long (the tail
 * rule starts after it), a menu of 70 items is still a menu and 70 lone
 * letters still symbols. */
static void boilerplate_long_lines(void **state) {
    (void)state;
    char para[2048] = "", menu[2048] = "", letters[512] = "", t[6000];
    for (int i = 0; i < 70; i++) {
        strcat(para, i ? " المدينة" : "المدينة");
        strcat(menu, i ? " | أخبار" : "أخبار");
        strcat(letters, i ? " ع" : "ع");
    }
    rasd_boilerplate_result r;
    snprintf(t, sizeof t, "%s.\n...المزيد\nشكرا لكم\n", para);
    assert_int_equal(rasd_boilerplate_filter(bp, t, strlen(t), &r, NULL), RASD_OK);
    assert_int_equal(r.n_removed, 2); /* the "more" link, and the short line after it: the tail */
    assert_string_equal(r.removed[0].reason, "phrase");
    assert_string_equal(r.removed[1].reason, "tail");
    assert_true(strncmp(r.text, para, strlen(para)) == 0);
    rasd_boilerplate_result_free(&r);
    snprintf(t, sizeof t, "%s\n%s\n%s.\n", menu, letters, para);
    assert_int_equal(rasd_boilerplate_filter(bp, t, strlen(t), &r, NULL), RASD_OK);
    assert_int_equal(r.n_removed, 2);
    assert_string_equal(r.removed[0].reason, "menu");
    assert_string_equal(r.removed[1].reason, "symbols");
    rasd_boilerplate_result_free(&r);
}

static void boilerplate_phrase_list_errors(void **state) {
    (void)state;
    rasd_error err = {0};
    const char *bad = "# comment\nstart\tاقرأ أيضا\nsometimes\tكلمة\n";
    assert_null(rasd_boilerplate_from_buffer("list.txt", bad, strlen(bad), &err));
    assert_int_equal(err.code, RASD_ERR_DATA);
    assert_non_null(strstr(err.message, "list.txt:3"));
    const char *no_tab = "start اقرأ\n";
    assert_null(rasd_boilerplate_from_buffer("l2.txt", no_tab, strlen(no_tab), &err));
    assert_non_null(strstr(err.message, "l2.txt:1"));
    /* a list of its own: matching is by key, so hamza and diacritics do not matter */
    const char *mine = "start\tإقرأ المزيد\n";
    rasd_boilerplate *b = rasd_boilerplate_from_buffer("mine", mine, strlen(mine), &err);
    assert_non_null(b);
    const char *t = "اقرأ المَزيد عن القصة\n";
    rasd_boilerplate_result r;
    assert_int_equal(rasd_boilerplate_filter(b, t, strlen(t), &r, NULL), RASD_OK);
    assert_int_equal(r.n_removed, 1);
    assert_int_equal(r.len, 0);
    rasd_boilerplate_result_free(&r);
    rasd_boilerplate_destroy(b);
}

/* Phrases are looked for only at word starts that pass a filter on their
 * first bytes: a phrase in the middle of a line, a notice in a long line,
 * a one-byte phrase and a two-byte one must still be found there, and
 * never inside a word. */
static size_t removed_from_line(const rasd_boilerplate *b, const char *line) {
    rasd_boilerplate_result r;
    assert_int_equal(rasd_boilerplate_filter(b, line, strlen(line), &r, NULL), RASD_OK);
    size_t n = r.n_removed;
    rasd_boilerplate_result_free(&r);
    return n;
}

/* A notice is looked for in lines of up to 60 words (their keys are
 * written only once the line is known to be that short): found in a line
 * of 60, not in one of 61, found after more symbols than line_key holds
 * back at once; a phrase longer than any line searched is refused. */
static void boilerplate_notice_line_length(void **state) {
    (void)state;
    rasd_error err = {0};
    const char *mine = "notice\tحقوق النشر محفوظة للموقع\n";
    rasd_boilerplate *b = rasd_boilerplate_from_buffer("mine", mine, strlen(mine), &err);
    assert_non_null(b);
    char line[8192] = "";
    for (int i = 0; i < 56; i++) strcat(line, "كلمة ");
    strcat(line, "حقوق النشر محفوظة للموقع");
    assert_int_equal(removed_from_line(b, line), 1); /* 60 words */
    char longer[8192] = "أخرى ";
    strcat(longer, line);
    assert_int_equal(removed_from_line(b, longer), 0); /* 61 words */
    char symbols[8192] = "";
    for (int i = 0; i < 100; i++) strcat(symbols, "× ");
    strcat(symbols, "حقوق النشر محفوظة للموقع");
    assert_int_equal(removed_from_line(b, symbols), 1);
    rasd_boilerplate_destroy(b);
    char too_long[8192] = "notice\t";
    for (int i = 0; i < 61; i++) strcat(too_long, "كلمة ");
    strcat(too_long, "\n");
    assert_null(rasd_boilerplate_from_buffer("long.txt", too_long, strlen(too_long), &err));
    assert_non_null(strstr(err.message, "long.txt:1"));
    assert_non_null(strstr(err.message, "more than 60 words"));
}

static void boilerplate_phrases_at_word_starts(void **state) {
    (void)state;
    rasd_error err = {0};
    const char *list = "any\tقسد\nnotice\tجميع الحقوق محفوظة\nany\t+\nany\tÂ©\n";
    rasd_boilerplate *b = rasd_boilerplate_from_buffer("mine", list, strlen(list), &err);
    assert_non_null(b);
    assert_int_equal(removed_from_line(b, "خبر عن قسد اليوم"), 1);
    assert_int_equal(removed_from_line(b, "خبر عن قسدٍ اليوم"), 1);     /* by key: the diacritic goes */
    assert_int_equal(removed_from_line(b, "خبر عنقسد اليوم"), 0);       /* inside a word */
    assert_int_equal(removed_from_line(b, "خبر عن + اليوم"), 1);
    assert_int_equal(removed_from_line(b, "خبر عن Â© اليوم"), 1);
    const char *tail = "كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة "
                       "كلمة كلمة جميع الحقوق محفوظة للموقع";
    assert_int_equal(removed_from_line(b, tail), 1);
    const char *part = "كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة "
                       "كلمة كلمة الحقوق محفوظة للموقع";
    assert_int_equal(removed_from_line(b, part), 0);
    rasd_boilerplate_destroy(b);
}

/* The seed pasted from Enab Baladi: the lines gold.json lists must go and
 * nothing else; the four other seeds must lose nothing. Read from
 * ../shared when it is there (never copied into the repository). */
static void boilerplate_on_seeds(void **state) {
    (void)state;
    char path[600];
    struct stat st;
    if (stat(SEEDS_DIR, &st) != 0) {
        fprintf(stderr, "skipped: %s is absent (the seed articles are not in the repository)\n", SEEDS_DIR);
        skip();
    }
    const char *seeds[] = {"000_1d2f076ab64b6baa.txt", "001_f3ab0b01a324f076.txt", "002_5987f6ac4b64f7e7.txt",
                           "003_77517bc67301c9d2.txt", "004_cd80cd5e6991e867.txt"};
    /* gold.json's "boilerplate" entry for 003 lists the starts of these
     * nine lines; matched by starts here so that no seed text is copied */
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", SEEDS_DIR, seeds[i]);
        size_t len;
        char *t = slurp(path, &len);
        if (!t) {
            fprintf(stderr, "skipped: %s is absent\n", path);
            continue;
        }
        rasd_boilerplate_result r;
        assert_int_equal(rasd_boilerplate_filter(bp, t, len, &r, NULL), RASD_OK);
        if (i == 3) {
            assert_int_equal(r.n_removed, 9);
            /* the first removed line is the photo credit, the last the last line of the file */
            assert_true(!strncmp(t + r.removed[0].span.start, "camera icon", 11));
            size_t end = len;
            while (end && (t[end - 1] == '\n' || t[end - 1] == '\r')) end--;
            assert_int_equal(r.removed[8].span.end, end);
        } else {
            assert_int_equal(r.n_removed, 0);
        }
        rasd_boilerplate_result_free(&r);
        free(t);
    }
}

/* ------------------------------------------------------------ HTML */

static void html_article_without_furniture(void **state) {
    (void)state;
    size_t len;
    char *page = fixture("html/article-furniture.html", &len);
    rasd_article a;
    rasd_error err = {0};
    rasd_html_options opt = {.bp = bp};
    assert_int_equal(rasd_html_read("page.html", page, len, &opt, &a, &err), RASD_OK);
    assert_string_equal(a.origin, "page.html");
    assert_string_equal(a.title, "مجلس محلي يفتتح مدرسة جديدة في ريف الحسكة");
    assert_string_equal(a.author, "سامر الخطيب");
    assert_string_equal(a.published, "2021-03-14");
    assert_string_equal(a.url, "https://example.org/news/school-opening");
    assert_string_equal(a.source, "صحيفة الاختبار");
    /* the four paragraphs, as four lines, in order */
    const char *p1 = strstr(a.text, "افتتح المجلس المحلي"), *p4 = strstr(a.text, "ويعاني قطاع التعليم");
    assert_non_null(p1);
    assert_non_null(p4);
    assert_true(p1 < p4);
    assert_non_null(strstr(a.text, "تتسع لنحو ثلاثمئة تلميذ، بعد أشهر"));
    size_t lines = 0;
    for (const char *p = a.text; *p; p++) lines += *p == '\n' && p[1] && p[1] != '\n';
    assert_int_equal(lines + 1, 4);
    /* no furniture */
    const char *gone[] = {"الرئيسية", "فيسبوك", "تلاميذ أمام", "مقال آخر عن التعليم", "ادعم",
                          "الأكثر قراءة", "تعليق", "جميع الحقوق", "tracking", "color", "مجلس محلي يفتتح"};
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
        if (strstr(a.text, gone[i])) fail_msg("\"%s\" left in the body:\n%s", gone[i], a.text);
    rasd_article_clear(&a);
    free(page);
}

/* The body in two sibling blocks with an advert between them, a closing
 * paragraph beside them, a side column: the whole article, nothing else. */
static void html_split_body(void **state) {
    (void)state;
    size_t len;
    char *page = fixture("html/split-body.html", &len);
    rasd_article a;
    assert_int_equal(rasd_html_read("split.html", page, len, NULL, &a, NULL), RASD_OK);
    assert_string_equal(a.title, "عودة التيار الكهربائي إلى أحياء في دير الزور");
    assert_string_equal(a.published, "2022-10-04");
    const char *want[] = {"عاد التيار الكهربائي", "وقال مسؤول في مديرية", "وأضاف أن الأضرار", "ويشكو الأهالي",
                          "وكانت المديرية أعلنت"};
    const char *last = a.text;
    for (size_t i = 0; i < 5; i++) {
        const char *p = strstr(a.text, want[i]);
        if (!p || p < last) fail_msg("\"%s\" missing or out of order:\n%s", want[i], a.text);
        last = p;
    }
    assert_null(strstr(a.text, "إعلان"));
    assert_null(strstr(a.text, "مباراة"));
    rasd_article_clear(&a);
    free(page);
}

/* Utility classes and a rescued container: "overflow-hidden" hides
 * nothing, "main-column sidebar-layout" holds the article, "post-tags"
 * and "comments-area" are furniture. */
static void html_class_words(void **state) {
    (void)state;
    const char *page =
        "<html><body><div class=\"overflow-hidden d-flex\"><div class=\"main-column sidebar-layout\">"
        "<p>فقرة أولى من المقال، فيها ما يكفي من الكلمات لتحسب فقرة، عن اجتماع المجلس المحلي.</p>"
        "<p>فقرة ثانية من المقال، عن قرارات الاجتماع، ومنها ترميم المدارس وشبكة المياه.</p>"
        "<div class=\"post-tags\"><a href=\"/t/1\">المجلس</a> <a href=\"/t/2\">المياه</a></div>"
        "<div class=\"comments-area\"><p>تعليق طويل من قارئ، يشكر فيه المحرر على المقال، ويطلب المزيد.</p></div>"
        "</div></div></body></html>";
    rasd_article a;
    assert_int_equal(rasd_html_read("classes.html", page, strlen(page), NULL, &a, NULL), RASD_OK);
    assert_non_null(strstr(a.text, "فقرة أولى"));
    assert_non_null(strstr(a.text, "فقرة ثانية"));
    assert_null(strstr(a.text, "تعليق"));
    assert_null(strstr(a.text, "المجلس\n"));
    rasd_article_clear(&a);
}

static void html_json_ld_and_entities(void **state) {
    (void)state;
    size_t len;
    char *page = fixture("html/jsonld.html", &len);
    rasd_article a;
    assert_int_equal(rasd_html_read("ld.html", page, len, NULL, &a, NULL), RASD_OK);
    assert_string_equal(a.title, "وصول قافلة مساعدات إلى مخيم الهول");
    rasd_article_clear(&a);
    /* og:title with the outlet's name after a dash */
    const char *og = "<meta property=\"og:site_name\" content=\"الموقع\"><meta property=\"og:title\" "
                     "content=\"عنوان الخبر – الموقع\"><p>نص الخبر، وهو فقرة طويلة بما يكفي لتحسب فقرة من مقال.</p>";
    assert_int_equal(rasd_html_read("og.html", og, strlen(og), NULL, &a, NULL), RASD_OK);
    assert_string_equal(a.title, "عنوان الخبر");
    rasd_article_clear(&a);
    assert_int_equal(rasd_html_read("ld.html", page, len, NULL, &a, NULL), RASD_OK);
    assert_string_equal(a.author, "ليلى حسن");
    assert_string_equal(a.published, "2022-11-25");
    assert_string_equal(a.source, "وكالة الاختبار");
    assert_string_equal(a.url, "https://example.net/aid-convoy");
    assert_non_null(strstr(a.text, "«نحتاج إلى المزيد»"));
    assert_non_null(strstr(a.text, "يقترب & الخيام"));
    rasd_article_clear(&a);
    free(page);
}

static bool valid_utf8(const char *s) {
    if (!s) return true;
    char *out = NULL;
    size_t n;
    rasd_utf8_report rep;
    bool ok = rasd_utf8_sanitize(s, strlen(s), true, &out, &n, &rep, NULL) == RASD_OK;
    free(out);
    return ok;
}

static void html_malformed_and_hostile(void **state) {
    (void)state;
    size_t len;
    char *page = fixture("html/malformed.html", &len);
    rasd_article a;
    rasd_error err = {0};
    assert_int_equal(rasd_html_read("broken.html", page, len, NULL, &a, &err), RASD_OK);
    assert_string_equal(a.title, "صفحة مكسورة");
    assert_non_null(strstr(a.text, "نص أول في صفحة مكسورة"));
    assert_non_null(strstr(a.text, "بخط عريض ومائل"));
    assert_non_null(strstr(a.text, "خلية النص")); /* numeric references decoded */
    rasd_article_clear(&a);
    free(page);
    /* no text at all: an error naming the page, with what metadata there was */
    const char *empty = "<html><head><title>عنوان فقط</title></head><body><nav>قائمة</nav></body></html>";
    assert_int_equal(rasd_html_read("empty.html", empty, strlen(empty), NULL, &a, &err), RASD_ERR_EMPTY);
    assert_non_null(strstr(err.message, "empty.html"));
    rasd_article_clear(&a);
    /* deep nesting is read, and bounded */
    size_t n = 120000;
    char *deep = malloc(n * 5 + 64);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) memcpy(deep + k, "<div>", 5), k += 5;
    memcpy(deep + k, "نص", strlen("نص"));
    k += strlen("نص");
    assert_int_equal(rasd_html_read("deep.html", deep, k, NULL, &a, &err), RASD_ERR_FORMAT);
    assert_non_null(strstr(err.message, "deep.html"));
    rasd_article_clear(&a);
    /* thousands of <p><b> left open are sloppy, not deep: read */
    rasd_buf sl = {0};
    for (int i = 0; i < 3000; i++) {
        const char *piece = "<p><b>فقرة بخط عريض لم يغلق، وفيها كلمات كافية لتحسب فقرة من المقال.</p><li>بند";
        rasd_buf_append(&sl, piece, strlen(piece));
    }
    assert_int_equal(rasd_html_read("sloppy.html", sl.data, sl.len, NULL, &a, &err), RASD_OK);
    assert_non_null(strstr(a.text, "فقرة بخط عريض"));
    rasd_article_clear(&a);
    rasd_buf_free(&sl);
    /* too large */
    rasd_html_options small = {.max_bytes = 100};
    assert_int_equal(rasd_html_read("big.html", deep, k, &small, &a, &err), RASD_ERR_TOO_LARGE);
    assert_non_null(strstr(err.message, "big.html"));
    rasd_article_clear(&a);
    free(deep);
    /* NUL bytes and invalid UTF-8 */
    const char junk[] = "<p>\xff\xfe نص \0 بعد الصفر، وفقرة طويلة بما يكفي لتحسب فقرة من المقال كله هنا.</p>";
    assert_int_equal(rasd_html_read("junk.html", junk, sizeof junk - 1, NULL, &a, &err), RASD_OK);
    assert_non_null(strstr(a.text, "بعد الصفر"));
    rasd_article_clear(&a);
    /* a numeric reference past U+10FFFF (gumbo writes it as a cut byte
     * sequence), in the text, the title and a meta tag: all stay UTF-8 */
    const char *huge = "<html><head><title>خبر &#1589555555555555555555;</title>"
                       "<meta name=\"author\" content=\"كاتب &#1589555555555555555555;\"></head><body><article>"
                       "<p>نص فيه مرجع &#1589555555555555555555; كبير جدا، وفقرة طويلة بما يكفي لتحسب من المقال.</p>"
                       "</article></body></html>";
    assert_int_equal(rasd_html_read("huge.html", huge, strlen(huge), NULL, &a, &err), RASD_OK);
    assert_true(valid_utf8(a.text) && valid_utf8(a.title) && valid_utf8(a.author));
    assert_non_null(strstr(a.text, "كبير جدا"));
    rasd_article_clear(&a);
    char *t;
    size_t tn;
    assert_int_equal(rasd_html_text(huge, strlen(huge), &t, &tn, NULL), RASD_OK);
    assert_true(valid_utf8(t));
    free(t);
}

static void html_windows_1256(void **state) {
    (void)state;
    size_t len;
    char *page = fixture("html/windows-1256.html", &len);
    rasd_article a;
    assert_int_equal(rasd_html_read("cp.html", page, len, NULL, &a, NULL), RASD_OK);
    assert_string_equal(a.title, "الحسكة");
    assert_non_null(strstr(a.text, "وصلت وفود إلى مدينة الحسكة،"));
    rasd_article_clear(&a);
    /* nothing names the charset: bytes that are not UTF-8 are read as windows-1256 */
    static const char BARE[] = "<p>\xe6\xd5\xe1\xca \xe6\xdd\xe6\xcf \xc5\xe1\xec \xe3\xcf\xed\xe4\xc9 "
                               "\xc7\xe1\xcd\xd3\xdf\xc9\xa1 \xe6\xc7\xcc\xca\xe3\xda\xca \xe3\xda "
                               "\xc7\xe1\xe3\xcc\xe1\xd3 \xc7\xe1\xe3\xcd\xe1\xed.</p>";
    assert_int_equal(rasd_html_read("bare.html", BARE, sizeof BARE - 1, NULL, &a, NULL), RASD_OK);
    assert_non_null(strstr(a.text, "وصلت وفود إلى مدينة الحسكة، واجتمعت مع المجلس المحلي."));
    rasd_article_clear(&a);
    /* the same bytes, the charset from HTTP instead of <meta> */
    char *raw = NULL;
    size_t rl = 0;
    const char bytes[] = "\xc7\xe1\xd1\xde\xc9"; /* الرقة */
    assert_int_equal(rasd_charset_to_utf8("x", "windows-1256", bytes, 5, &raw, &rl, NULL), RASD_OK);
    assert_string_equal(raw, "الرقة");
    free(raw);
    rasd_error err = {0};
    assert_int_equal(rasd_charset_to_utf8("y.html", "no-such-charset", bytes, 5, &raw, &rl, &err), RASD_ERR_FORMAT);
    assert_non_null(strstr(err.message, "y.html"));
    free(page);
}

static void html_fragment_text(void **state) {
    (void)state;
    char *t;
    size_t n;
    const char *frag = "<p>سطر أول</p><script>x()</script><p>سطر <b>ثان</b>&nbsp;هنا</p><br>ثالث";
    assert_int_equal(rasd_html_text(frag, strlen(frag), &t, &n, NULL), RASD_OK);
    assert_string_equal(t, "سطر أول\n\nسطر ثان هنا\nثالث");
    free(t);
}

/* ------------------------------------------------------------ feeds */

typedef struct got {
    rasd_article a[8];
    size_t n;
    char skipped[4][512];
    size_t n_skipped;
} got;

static bool keep(void *ctx, rasd_article *a) {
    got *g = ctx;
    if (g->n < 8) {
        g->a[g->n++] = *a;
        memset(a, 0, sizeof *a); /* stolen */
    }
    return true;
}

static void skipped(void *ctx, const rasd_error *e) {
    got *g = ctx;
    if (g->n_skipped < 4) snprintf(g->skipped[g->n_skipped++], 512, "%s", e->message);
}

static void got_free(got *g) {
    for (size_t i = 0; i < g->n; i++) rasd_article_clear(&g->a[i]);
}

static rasd_status read_feed(const char *name, got *g, rasd_error *err) {
    size_t len;
    char *x = fixture(name, &len);
    memset(g, 0, sizeof *g);
    size_t items = 0;
    rasd_status st = rasd_feed_read(name, x, len, NULL, keep, skipped, g, &items, err);
    if (st == RASD_OK) assert_int_equal(items, g->n);
    free(x);
    return st;
}

static void feed_rss2(void **state) {
    (void)state;
    got g;
    assert_int_equal(read_feed("feeds/rss2.xml", &g, NULL), RASD_OK);
    assert_int_equal(g.n, 3);
    assert_string_equal(g.a[0].origin, "feeds/rss2.xml#1");
    assert_string_equal(g.a[0].url, "https://example.org/news/bridge");
    assert_string_equal(g.a[0].title, "افتتاح جسر على نهر الخابور");
    assert_string_equal(g.a[0].author, "أحمد يوسف");
    assert_string_equal(g.a[0].published, "2021-03-14");
    assert_string_equal(g.a[0].source, "نشرة الاختبار");
    /* content:encoded over description, its HTML reduced to lines */
    assert_string_equal(g.a[0].text, "افتتحت البلدية، الأحد، جسرًا جديدًا على نهر الخابور.\n\nوقال مسؤول إن الجسر يربط قرى الضفتين.");
    assert_string_equal(g.a[1].title, "اجتماع حول المياه في \"القامشلي\"");
    assert_string_equal(g.a[1].author, "منى علي");
    assert_string_equal(g.a[1].published, "2021-03-15"); /* two-digit year */
    assert_string_equal(g.a[1].text, "عقد مجلس المدينة اجتماعًا لبحث أزمة المياه & الكهرباء.");
    /* the third item has nothing: skipped, named by its position */
    assert_int_equal(g.n_skipped, 1);
    assert_non_null(strstr(g.skipped[0], "feeds/rss2.xml#3"));
    assert_string_equal(g.a[2].origin, "feeds/rss2.xml#4");
    assert_string_equal(g.a[2].url, "https://example.org/news/guid-only");
    assert_null(g.a[2].published); /* "not a date" */
    got_free(&g);
}

static void feed_atom(void **state) {
    (void)state;
    got g;
    assert_int_equal(read_feed("feeds/atom.xml", &g, NULL), RASD_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.a[0].url, "https://example.com/2022/escalation");
    assert_string_equal(g.a[0].title, "تصعيد في ريف حلب");
    assert_string_equal(g.a[0].author, "هديل سالم");
    assert_string_equal(g.a[0].published, "2022-11-25"); /* published, as written, not updated */
    assert_string_equal(g.a[0].text, "شهد ريف حلب الشمالي تصعيدًا عسكريًا.\n\nوأفاد مراسل بسقوط قذائف.");
    assert_string_equal(g.a[1].published, "2022-11-24");
    assert_string_equal(g.a[1].text, "خبر بنص عادي <لا وسوم> فيه."); /* type="text": not HTML */
    assert_string_equal(g.a[1].source, "موجز أطوم");
    got_free(&g);
}

static void feed_rdf(void **state) {
    (void)state;
    got g;
    assert_int_equal(read_feed("feeds/rdf.xml", &g, NULL), RASD_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.a[0].author, "فريق التحرير");
    assert_string_equal(g.a[0].published, "2020-06-05");
    assert_string_equal(g.a[1].url, "https://example.info/story/2"); /* from rdf:about */
    assert_string_equal(g.a[1].source, "قناة آر دي إف");
    got_free(&g);
}

static void feed_windows_1256(void **state) {
    (void)state;
    got g;
    assert_int_equal(read_feed("feeds/windows-1256.xml", &g, NULL), RASD_OK);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.a[0].title, "الحسكة");
    assert_string_equal(g.a[0].text, "وصلت وفود إلى مدينة الحسكة.");
    got_free(&g);
}

static void feed_malformed(void **state) {
    (void)state;
    got g;
    rasd_error err = {0};
    /* recovery keeps the items; the fault is reported with its line and column */
    assert_int_equal(read_feed("feeds/malformed.xml", &g, &err), RASD_OK);
    assert_true(g.n >= 1);
    assert_string_equal(g.a[0].title, "أول");
    assert_int_equal(g.n_skipped, 1);
    assert_non_null(strstr(g.skipped[0], "feeds/malformed.xml:4:"));
    got_free(&g);
    const char *bad[] = {"", "not xml at all", "<rss><channel><item>", "<html><body>صفحة</body></html>",
                         "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&g, 0, sizeof g);
        memset(&err, 0, sizeof err);
        rasd_status st = rasd_feed_read("bad.xml", bad[i], strlen(bad[i]), NULL, keep, skipped, &g, NULL, &err);
        assert_int_equal(st, RASD_ERR_FORMAT);
        assert_int_equal(g.n, 0);
        assert_non_null(strstr(err.message, "bad.xml"));
        got_free(&g);
    }
}

static void feed_refuses_entities(void **state) {
    (void)state;
    const char *names[] = {"feeds/bomb.xml", "feeds/external-entity.xml"};
    for (size_t i = 0; i < 2; i++) {
        got g;
        rasd_error err = {0};
        assert_int_equal(read_feed(names[i], &g, &err), RASD_ERR_FORMAT);
        assert_int_equal(g.n, 0);
        assert_non_null(strstr(err.message, names[i]));
        assert_non_null(strstr(err.message, "entity"));
        assert_true(err.has_offset);
        got_free(&g);
    }
}

static void feed_limits(void **state) {
    (void)state;
    size_t len;
    char *x = fixture("feeds/rss2.xml", &len);
    got g = {0};
    rasd_error err = {0};
    rasd_feed_options small = {.max_bytes = 64};
    assert_int_equal(rasd_feed_read("f", x, len, &small, keep, skipped, &g, NULL, &err), RASD_ERR_TOO_LARGE);
    rasd_feed_options one = {.max_items = 1};
    assert_int_equal(rasd_feed_read("f", x, len, &one, keep, skipped, &g, NULL, &err), RASD_OK);
    assert_int_equal(g.n, 1);
    got_free(&g);
    free(x);
}

/* A WordPress feed's footer line goes when the filter is given; the
 * article's lines stay. */
static void feed_boilerplate(void **state) {
    (void)state;
    const char *x = "<rss version=\"2.0\"><channel><title>مدونة</title><item><link>https://example.org/p</link>"
                    "<description>&lt;p&gt;افتتاح معرض للكتاب في القامشلي بمشاركة عشرين دار نشر.&lt;/p&gt;"
                    "&lt;p&gt;ظهرت المقالة افتتاح معرض أولاً على مدونة.&lt;/p&gt;</description></item></channel></rss>";
    got g = {0};
    rasd_feed_options with = {.bp = bp};
    assert_int_equal(rasd_feed_read("wp.xml", x, strlen(x), &with, keep, skipped, &g, NULL, NULL), RASD_OK);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.a[0].text, "افتتاح معرض للكتاب في القامشلي بمشاركة عشرين دار نشر.");
    got_free(&g);
    memset(&g, 0, sizeof g);
    assert_int_equal(rasd_feed_read("wp.xml", x, strlen(x), NULL, keep, skipped, &g, NULL, NULL), RASD_OK);
    assert_non_null(strstr(g.a[0].text, "ظهرت المقالة"));
    got_free(&g);
}

/* Relative links: resolved against the page's or the feed's URL, dropped
 * when there is nothing to resolve them against or they are not http(s). */
static void relative_urls(void **state) {
    (void)state;
    const char *page = "<link rel=\"canonical\" href=\"/news/123\"><p>نص الخبر، وهو فقرة طويلة بما يكفي لتحسب فقرة.</p>";
    rasd_article a;
    rasd_html_options from = {.url = "https://example.org/archive/2021/x.html"};
    assert_int_equal(rasd_html_read("rel.html", page, strlen(page), &from, &a, NULL), RASD_OK);
    assert_string_equal(a.url, "https://example.org/news/123");
    rasd_article_clear(&a);
    assert_int_equal(rasd_html_read("rel.html", page, strlen(page), NULL, &a, NULL), RASD_OK);
    assert_null(a.url);
    rasd_article_clear(&a);
    const char *x = "<rss><channel><item><link>story/7</link><description>نص</description></item>"
                    "<item><link>javascript:alert(1)</link><description>نص آخر</description></item></channel></rss>";
    got g = {0};
    rasd_feed_options base = {.base_url = "https://example.org/feeds/main.xml"};
    assert_int_equal(rasd_feed_read("rel.xml", x, strlen(x), &base, keep, skipped, &g, NULL, NULL), RASD_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.a[0].url, "https://example.org/feeds/story/7");
    assert_null(g.a[1].url);
    got_free(&g);
    char *u = rasd_url_resolve("https://a.org/x/y.html", "../z?q=1");
    assert_string_equal(u, "https://a.org/z?q=1");
    free(u);
    assert_null(rasd_url_resolve(NULL, "/rel"));
    assert_null(rasd_url_resolve(NULL, "urn:uuid:1"));
}

static void feed_sniffing(void **state) {
    (void)state;
    const char *feed = "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">";
    assert_true(rasd_looks_like_feed(feed, strlen(feed)));
    assert_false(rasd_looks_like_html(feed, strlen(feed)));
    const char *atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\">";
    assert_true(rasd_looks_like_feed(atom, strlen(atom)));
    const char *html = "  <!DOCTYPE html><html>";
    assert_true(rasd_looks_like_html(html, strlen(html)));
    assert_false(rasd_looks_like_feed(html, strlen(html)));
    const char *text = "خبر عادي <b>ليس صفحة</b>";
    assert_false(rasd_looks_like_html(text, strlen(text)));
    assert_false(rasd_looks_like_feed(text, strlen(text)));
}

/* ------------------------------------------------------------ dates */

static void web_dates(void **state) {
    (void)state;
    char d[11];
    assert_true(rasd_web_date("2020-06-05T10:00:00Z", d));
    assert_string_equal(d, "2020-06-05");
    assert_true(rasd_web_date("2022-11-25T23:30:00-05:00", d)); /* the outlet's day, not UTC's */
    assert_string_equal(d, "2022-11-25");
    assert_true(rasd_web_date("  2021/03/14", d));
    assert_string_equal(d, "2021-03-14");
    assert_true(rasd_web_date("20200605T101010", d));
    assert_string_equal(d, "2020-06-05");
    assert_true(rasd_web_date("Fri, 05 Jun 2020 10:00:00 GMT", d));
    assert_string_equal(d, "2020-06-05");
    assert_true(rasd_web_date("5 June 2020", d));
    assert_string_equal(d, "2020-06-05");
    assert_true(rasd_web_date("Mon, 15 Mar 21 10:00:00 GMT", d));
    assert_string_equal(d, "2021-03-15");
    assert_true(rasd_web_date("29 Feb 2024 00:00 +0300", d));
    assert_string_equal(d, "2024-02-29");
    const char *bad[] = {"", "not a date", "2021-02-29", "2020-13-01", "32 Jan 2020", "Fri, 05 Foo 2020",
                         "2020-06-5", "99999-01-01", "05 Jun", "1066-10-14"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (rasd_web_date(bad[i], d)) fail_msg("\"%s\" read as %s", bad[i], d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(boilerplate_removes_furniture),
        cmocka_unit_test(boilerplate_keeps_clean_article),
        cmocka_unit_test(boilerplate_spares_lookalikes),
        cmocka_unit_test(boilerplate_symbols_and_menus),
        cmocka_unit_test(boilerplate_long_lines),
        cmocka_unit_test(boilerplate_phrase_list_errors),
        cmocka_unit_test(boilerplate_phrases_at_word_starts),
        cmocka_unit_test(boilerplate_notice_line_length),
        cmocka_unit_test(boilerplate_on_seeds),
        cmocka_unit_test(html_article_without_furniture),
        cmocka_unit_test(html_split_body),
        cmocka_unit_test(html_class_words),
        cmocka_unit_test(html_json_ld_and_entities),
        cmocka_unit_test(html_malformed_and_hostile),
        cmocka_unit_test(html_windows_1256),
        cmocka_unit_test(html_fragment_text),
        cmocka_unit_test(feed_rss2),
        cmocka_unit_test(feed_atom),
        cmocka_unit_test(feed_rdf),
        cmocka_unit_test(feed_windows_1256),
        cmocka_unit_test(feed_malformed),
        cmocka_unit_test(feed_refuses_entities),
        cmocka_unit_test(feed_limits),
        cmocka_unit_test(feed_boilerplate),
        cmocka_unit_test(relative_urls),
        cmocka_unit_test(feed_sniffing),
        cmocka_unit_test(web_dates),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
