/*
 * test_numbers.c: number mentions, one group per construction: digits in
 * each script and with each separator, number words (units, teens, tens,
 * hundreds, scales) and their compounds, clitics, approximate quantities,
 * percentages, units and counted nouns, ordinals and other look-alikes that
 * must not be numbers, years and days inside dates; and the loader's errors,
 * named by file and line. Every sentence was written for these tests.
 */
#include "test_keys_helpers.h"

#include "extract/numbers.h"

#include <sys/stat.h>
#include <unistd.h>

#ifndef RASD_DATA_DIR_FOR_TESTS
#define RASD_DATA_DIR_FOR_TESTS "data"
#endif

static rasd_numbers *nd;

static int setup(void **state) {
    if (setup_analyzer(state) != 0) return -1;
    rasd_error err = {0};
    nd = rasd_numbers_load(RASD_DATA_DIR_FOR_TESTS, &err);
    if (!nd) fprintf(stderr, "%s\n", err.message);
    return nd ? 0 : -1;
}

static int teardown(void **state) {
    rasd_numbers_destroy(nd);
    return teardown_analyzer(state);
}

/* The mentions of text read as one sentence (the list is static: each call
 * reuses it, as a caller would). */
static rasd_number_list list;

static const rasd_number_list *run(const char *text) {
    rasd_token toks[256];
    size_t n = 0;
    rasd_tokenizer tz;
    rasd_tokenizer_init(&tz, text, strlen(text));
    while (n < 256 && rasd_tokenizer_next(&tz, &toks[n])) n++;
    list.count = 0;
    assert_int_equal(rasd_numbers_find(nd, test_an, text, toks, n, &list), RASD_OK);
    /* the keyed entry point analyze uses finds exactly the same */
    rasd_x_keys *ks = build_keys(text, toks, n);
    rasd_number_list keyed = {0};
    assert_int_equal(rasd_numbers_find_keyed(nd, test_an, text, ks, &keyed), RASD_OK);
    assert_int_equal(keyed.count, list.count);
    for (size_t i = 0; i < list.count; i++) {
        const rasd_number *a = &list.items[i], *b = &keyed.items[i];
        assert_true(a->start == b->start && a->end == b->end && a->num_start == b->num_start &&
                    a->num_end == b->num_end && a->value == b->value && a->ivalue == b->ivalue &&
                    a->flags == b->flags && a->unit_kind == b->unit_kind && a->unit_start == b->unit_start &&
                    a->unit_end == b->unit_end && strcmp(a->unit, b->unit) == 0 && a->code == b->code);
    }
    rasd_number_list_free(&keyed);
    rasd_x_keys_destroy(ks);
    return &list;
}

static int free_list(void **state) {
    (void)state;
    rasd_number_list_free(&list);
    return 0;
}

static void assert_text(const char *text, size_t start, size_t end, const char *want) {
    char got[512];
    snprintf(got, sizeof got, "%.*s", (int)(end - start), text + start);
    if (strcmp(got, want) != 0) fail_msg("in \"%s\": span \"%s\", expected \"%s\"", text, got, want);
}

/* The one mention in text: its whole span, the number's span and value. */
static const rasd_number *one(const char *text, const char *span, const char *num, double value) {
    const rasd_number_list *l = run(text);
    if (l->count != 1) fail_msg("\"%s\": %zu mentions, expected 1", text, l->count);
    const rasd_number *m = &l->items[0];
    assert_text(text, m->start, m->end, span);
    assert_text(text, m->num_start, m->num_end, num);
    if (m->value != value) fail_msg("\"%s\": value %.17g, expected %.17g", text, m->value, value);
    if (value == (double)(int64_t)value) {
        assert_true(m->flags & RASD_NUM_INTEGRAL);
        assert_true(m->ivalue == (int64_t)value);
    } else {
        assert_false(m->flags & RASD_NUM_INTEGRAL);
    }
    return m;
}

/* A bare number word or compound: the whole text is the number. */
static void word(const char *text, double value) {
    const rasd_number *m = one(text, text, text, value);
    assert_true(m->flags & RASD_NUM_WORDS);
    assert_int_equal(m->unit_kind, RASD_UNIT_NONE);
}

static void none(const char *text) {
    const rasd_number_list *l = run(text);
    if (l->count) fail_msg("\"%s\": expected no number, found \"%.*s\"", text,
                           (int)(l->items[0].end - l->items[0].start), text + l->items[0].start);
}

static void assert_unit(const rasd_number *m, rasd_unit_kind kind, const char *unit_key, const char *code) {
    assert_int_equal(m->unit_kind, kind);
    assert_string_equal(m->unit, key_of(unit_key));
    if (code) assert_string_equal(m->code, code);
    else assert_null(m->code);
}

/* --------------------------------------------------------------- digits */

static void test_digits_ascii(void **state) {
    (void)state;
    const rasd_number *m = one("أوقفت الشرطة 17 مشتبها بهم", "17 مشتبها", "17", 17);
    assert_false(m->flags & RASD_NUM_WORDS);
    one("وصلت 250 شاحنة إلى المعبر", "250 شاحنة", "250", 250);
    one("الرقم 0 لا يعني شيئا", "0", "0", 0);
}

static void test_digits_separators(void **state) {
    (void)state;
    one("استقبل المخيم 2,000 لاجئ", "2,000 لاجئ", "2,000", 2000);
    one("نقلت 1,500 عائلة إلى الشمال", "1,500 عائلة", "1,500", 1500);
    one("بلغ النمو 4.5 هذا الربع", "4.5", "4.5", 4.5);
    one("قدرت الكلفة بـ 1,250,000 يورو", "1,250,000 يورو", "1,250,000", 1250000);
    one("سجل المؤشر 1,234.5 نقطة", "1,234.5 نقطة", "1,234.5", 1234.5);
    one("سجل المؤشر 1.234,5 نقطة", "1.234,5 نقطة", "1.234,5", 1234.5);
    one("خصصت 1.500.000 ليرة سورية للترميم", "1.500.000 ليرة سورية", "1.500.000", 1500000);
    one("ارتفع السعر 2,5 مرة", "2,5 مرة", "2,5", 2.5);
    /* a dotted date is not a plain number */
    none("في 4.6.2020");
}

static void test_digits_scripts(void **state) {
    (void)state;
    one("أصيب ٢٥ شخصا", "٢٥ شخصا", "٢٥", 25);
    one("أصيب ۲۵ شخصا", "۲۵ شخصا", "۲۵", 25);
    one("بلغ التضخم ٤٫٥ هذا العام", "٤٫٥", "٤٫٥", 4.5);
    one("وزعت ١٬٥٠٠ سلة غذائية", "١٬٥٠٠ سلة", "١٬٥٠٠", 1500);
    /* ٫ is the decimal point even before three digits */
    one("بلغ ١٫٢٥٠ هذا العام", "١٫٢٥٠", "١٫٢٥٠", 1.25);
}

/* ----------------------------------------------------------------- words */

static void test_words_units(void **state) {
    (void)state;
    static const struct { const char *w; double v; } cases[] = {
        {"واحد", 1},  {"واحدة", 1}, {"اثنان", 2},  {"اثنين", 2},  {"اثنتان", 2},  {"اثنتين", 2},
        {"ثلاث", 3},  {"ثلاثة", 3}, {"أربع", 4},   {"أربعة", 4},  {"خمس", 5},     {"خمسة", 5},
        {"ست", 6},    {"ستة", 6},   {"سبع", 7},    {"سبعة", 7},   {"ثماني", 8},   {"ثمانية", 8},
        {"تسع", 9},   {"تسعة", 9},  {"عشر", 10},   {"عشرة", 10},  {"إثنان", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) word(cases[i].w, cases[i].v);
    /* with diacritics and tatweel */
    word("ثَلاثَة", 3);
    word("خمســة", 5);
}

static void test_words_teens(void **state) {
    (void)state;
    word("أحد عشر", 11);
    word("إحدى عشرة", 11);
    word("اثنا عشر", 12);
    word("اثني عشر", 12);
    word("اثنتا عشرة", 12);
    word("اثنتي عشرة", 12);
    word("ثلاثة عشر", 13);
    word("ثلاث عشرة", 13);
    word("خمسة عشر", 15);
    word("تسع عشرة", 19);
}

static void test_words_tens(void **state) {
    (void)state;
    static const char *forms[][2] = {{"عشرون", "عشرين"}, {"ثلاثون", "ثلاثين"}, {"أربعون", "أربعين"},
                                     {"خمسون", "خمسين"}, {"ستون", "ستين"},     {"سبعون", "سبعين"},
                                     {"ثمانون", "ثمانين"}, {"تسعون", "تسعين"}};
    for (int i = 0; i < 8; i++) {
        word(forms[i][0], 20 + 10 * i);
        word(forms[i][1], 20 + 10 * i);
    }
}

static void test_words_hundreds(void **state) {
    (void)state;
    word("مئة", 100);
    word("مائة", 100);
    word("مئتان", 200);
    word("مئتي", 200);
    word("مائتين", 200);
    word("ثلاثمئة", 300);
    word("ثلاثمائة", 300);
    word("أربعمئة", 400);
    word("خمسمائة", 500);
    word("ستمئة", 600);
    word("سبعمائة", 700);
    word("ثمانمئة", 800);
    word("تسعمائة", 900);
}

static void test_words_scales(void **state) {
    (void)state;
    word("ألف", 1000);
    word("ألفا", 1000);
    word("ألفاً", 1000);
    word("ألفين", 2000);
    word("ثلاثة آلاف", 3000);
    word("مليون", 1e6);
    word("مليونا", 1e6);
    word("مليونين", 2e6);
    word("خمسة ملايين", 5e6);
    word("مليار", 1e9);
    word("ثلاثة مليارات", 3e9);
}

static void test_compounds(void **state) {
    (void)state;
    word("مئة مليون", 1e8);
    word("عشرة آلاف", 10000);
    word("ثلاثة وعشرون", 23);
    word("واحد وعشرون", 21);
    word("ثلاث مئة وخمسون", 350);
    word("مئة وخمسون ألفا", 150000);
    word("ثلاثمائة ألف", 300000);
    word("مئتي ألف", 200000);
    word("ألف وخمسمئة", 1500);
    word("أحد عشر ألفا", 11000);
    word("مئتان وخمسة وعشرون", 225);
    word("مليون ونصف", 1.5e6);
    word("مليونين ونصف", 2.5e6);
    word("مليون و200 ألف", 1.2e6);
    one("سجلت 60 ألف إصابة", "60 ألف إصابة", "60 ألف", 60000);
    one("بلغت الخسائر 700 مليون دولار", "700 مليون دولار", "700 مليون", 7e8);
    one("رصدت 1.5 مليار يورو", "1.5 مليار يورو", "1.5 مليار", 1.5e9);
    /* two numbers side by side stay two */
    const rasd_number_list *l = run("بين 10 و15 قتيلا");
    assert_int_equal(l->count, 2);
    assert_int_equal(l->items[0].ivalue, 10);
    assert_int_equal(l->items[1].ivalue, 15);
    assert_string_equal(l->items[1].code, "killed");
}

static void test_clitics(void **state) {
    (void)state;
    /* the span leaves the clitics out; the value is the word's */
    one("اشترى الكتاب بعشرة دولارات", "عشرة دولارات", "عشرة", 10);
    one("قتل ثلاثة وعشرون مدنيا", "ثلاثة وعشرون مدنيا", "ثلاثة وعشرون", 23);
    const rasd_number_list *l = run("وصل خمسة جنود وثلاثة ضباط");
    assert_int_equal(l->count, 2);
    assert_text("وصل خمسة جنود وثلاثة ضباط", l->items[1].start, l->items[1].end, "ثلاثة ضباط");
    one("ارتفع العدد إلى تسعمائة وتسعين", "تسعمائة وتسعين", "تسعمائة وتسعين", 990);
    one("وتسعمائة", "تسعمائة", "تسعمائة", 900);
    one("وأحد عشر جنديا", "أحد عشر جنديا", "أحد عشر", 11);
    one("فأربعة", "أربعة", "أربعة", 4);
    one("تبرع بخمسين ألفا", "خمسين ألفا", "خمسين ألفا", 50000);
    one("والآلاف نزحوا", "الآلاف", "الآلاف", 1000);
}

/* ----------------------------------------------------------- approximate */

static void test_approximate(void **state) {
    (void)state;
    const rasd_number *m = one("انتشر بضعة جنود في الساحة", "بضعة جنود", "بضعة", 3);
    assert_true(m->flags & RASD_NUM_APPROX);
    assert_unit(m, RASD_UNIT_COUNT, "جنود", "soldiers");
    m = one("سقط عشرات القتلى", "عشرات القتلى", "عشرات", 10);
    assert_true(m->flags & RASD_NUM_APPROX);
    assert_unit(m, RASD_UNIT_COUNT, "قتلى", "killed");
    m = one("فر مئات المدنيين", "مئات المدنيين", "مئات", 100);
    assert_true(m->flags & RASD_NUM_APPROX);
    assert_string_equal(m->code, "civilians");
    m = one("نزح آلاف السكان", "آلاف السكان", "آلاف", 1000);
    assert_true(m->flags & RASD_NUM_APPROX);
    m = one("عبر عشرات الآلاف من اللاجئين", "عشرات الآلاف من اللاجئين", "عشرات الآلاف", 10000);
    assert_true(m->flags & RASD_NUM_APPROX);
    assert_string_equal(m->code, "refugees");
    m = one("خسرت ملايين الدولارات", "ملايين الدولارات", "ملايين", 1e6);
    assert_true(m->flags & RASD_NUM_APPROX);
    assert_string_equal(m->code, "USD");
    m = one("هاجم نحو 60 ألف مقاتل", "نحو 60 ألف مقاتل", "60 ألف", 60000);
    assert_true(m->flags & RASD_NUM_APPROX);
    assert_string_equal(m->code, "fighters");
    m = one("قتل قرابة عشرين شخصا", "قرابة عشرين شخصا", "عشرين", 20);
    assert_true(m->flags & RASD_NUM_APPROX);
    m = one("أصيب أكثر من 300 شخص", "أكثر من 300 شخص", "300", 300);
    assert_true(m->flags & RASD_NUM_APPROX);
    assert_true(m->flags & RASD_NUM_MORE_THAN);
    m = one("أصيب ما لا يقل عن خمسة أشخاص", "ما لا يقل عن خمسة أشخاص", "خمسة", 5);
    assert_true(m->flags & RASD_NUM_MORE_THAN);
    m = one("بقي أقل من 40 عنصرا", "أقل من 40 عنصرا", "40", 40);
    assert_true(m->flags & RASD_NUM_LESS_THAN);
    m = one("حضر 100 شخص تقريبا", "100 شخص تقريبا", "100", 100);
    assert_true(m->flags & RASD_NUM_APPROX);
    m = one("وبنحو عشرة آلاف", "نحو عشرة آلاف", "عشرة آلاف", 10000);
    assert_true(m->flags & RASD_NUM_APPROX);
    /* an exact number is not approximate */
    m = one("قتل 12 شخصا", "12 شخصا", "12", 12);
    assert_false(m->flags & RASD_NUM_APPROX);
}

static void test_percent(void **state) {
    (void)state;
    const rasd_number *m = one("ارتفعت الأسعار 25% خلال الشهر", "25%", "25", 25);
    assert_true(m->flags & RASD_NUM_PERCENT);
    assert_unit(m, RASD_UNIT_PERCENT, "%", "%");
    m = one("ارتفعت الأسعار ٢٥٪", "٢٥٪", "٢٥", 25);
    assert_true(m->flags & RASD_NUM_PERCENT);
    m = one("تراجع الإنتاج 30 في المئة", "30 في المئة", "30", 30);
    assert_true(m->flags & RASD_NUM_PERCENT);
    m = one("تراجع الإنتاج 4.5 في المائة", "4.5 في المائة", "4.5", 4.5);
    assert_true(m->flags & RASD_NUM_PERCENT);
    m = one("زادت الرواتب خمسة بالمئة", "خمسة بالمئة", "خمسة", 5);
    assert_true(m->flags & RASD_NUM_PERCENT);
    m = one("نحو 40 بالمائة من السكان", "نحو 40 بالمائة", "40", 40);
    assert_true(m->flags & RASD_NUM_PERCENT);
    assert_true(m->flags & RASD_NUM_APPROX);
}

/* ------------------------------------------------------ units and nouns */

static void test_units(void **state) {
    (void)state;
    const rasd_number *m = one("تعهد بمئة مليون دولار", "مئة مليون دولار", "مئة مليون", 1e8);
    assert_unit(m, RASD_UNIT_CURRENCY, "دولار", "USD");
    m = one("رصد 700 مليون دولار", "700 مليون دولار", "700 مليون", 7e8);
    assert_unit(m, RASD_UNIT_CURRENCY, "دولار", "USD");
    m = one("بلغ سعر الكيلو 3,000 ليرة سورية", "3,000 ليرة سورية", "3,000", 3000);
    assert_unit(m, RASD_UNIT_CURRENCY, "ليرة سورية", "SYP");
    m = one("دفع 50 ليرة فقط", "50 ليرة", "50", 50);
    assert_unit(m, RASD_UNIT_CURRENCY, "ليرة", NULL);
    m = one("قدم الاتحاد 20 مليون يورو", "20 مليون يورو", "20 مليون", 2e7);
    assert_unit(m, RASD_UNIT_CURRENCY, "يورو", "EUR");
    m = one("خسرت 5 ليرات تركية", "5 ليرات تركية", "5", 5);
    assert_string_equal(m->code, "TRY");
    m = one("تقدم الرتل 15 كيلومترا", "15 كيلومترا", "15", 15);
    assert_unit(m, RASD_UNIT_MEASURE, "كيلومترا", "km");
    m = one("استمر الحصار 40 يوما", "40 يوما", "40", 40);
    assert_unit(m, RASD_UNIT_TIME, "يوما", "days");
    m = one("صدر 10 آلاف برميل", "10 آلاف برميل", "10 آلاف", 10000);
    assert_string_equal(m->code, "bbl");
}

/* Listed counted nouns and the code they carry; nouns that are not listed
 * keep their key; words after a number that are not its noun. */
static void test_counted_nouns_fields(void **state) {
    (void)state;
    const rasd_number *m = one("سقط 12 قتيلا", "12 قتيلا", "12", 12);
    assert_unit(m, RASD_UNIT_COUNT, "قتيلا", "killed");
    assert_text("سقط 12 قتيلا", m->unit_start, m->unit_end, "قتيلا");
    m = one("سقط خمسة قتلى", "خمسة قتلى", "خمسة", 5);
    assert_unit(m, RASD_UNIT_COUNT, "قتلى", "killed");
    m = one("أسعف 30 جريحا", "30 جريحا", "30", 30);
    assert_unit(m, RASD_UNIT_COUNT, "جريحا", "wounded");
    m = one("أسعف ثلاثة جرحى", "ثلاثة جرحى", "ثلاثة", 3);
    assert_string_equal(m->code, "wounded");
    m = one("عاد 500 نازح", "500 نازح", "500", 500);
    assert_string_equal(m->code, "displaced");
    m = one("انشق 40 مقاتلا", "40 مقاتلا", "40", 40);
    assert_string_equal(m->code, "fighters");
    m = one("وقعت 31 دولة على البيان", "31 دولة", "31", 31);
    assert_unit(m, RASD_UNIT_COUNT, "دولة", "states");
    m = one("اعتقل سبعة أشخاص", "سبعة أشخاص", "سبعة", 7);
    assert_unit(m, RASD_UNIT_COUNT, "أشخاص", "people");
    m = one("قتل أربعة عناصر", "أربعة عناصر", "أربعة", 4);
    assert_string_equal(m->code, "members");
    m = one("عادت 300 عائلة", "300 عائلة", "300", 300);
    assert_string_equal(m->code, "families");
    /* nouns that are not listed keep their key */
    m = one("أحبطت أربع محاولات تسلل", "أربع محاولات", "أربع", 4);
    assert_unit(m, RASD_UNIT_NOUN, "محاولات", NULL);
    m = one("احترقت ثلاث سيارات", "ثلاث سيارات", "ثلاث", 3);
    assert_unit(m, RASD_UNIT_NOUN, "سيارات", NULL);
    /* the noun before واحد and اثنان */
    m = one("سقط قتيل واحد", "قتيل واحد", "واحد", 1);
    assert_unit(m, RASD_UNIT_COUNT, "قتيل", "killed");
    /* not counted nouns: a function word, a conjunction, a preposition */
    m = one("أصيب 3 منهم", "3", "3", 3);
    assert_int_equal(m->unit_kind, RASD_UNIT_NONE);
    m = one("أصيب 3 وقتل آخر", "3", "3", 3);
    assert_int_equal(m->unit_kind, RASD_UNIT_NONE);
    m = one("أصيب 3 بجروح", "3", "3", 3);
    assert_int_equal(m->unit_kind, RASD_UNIT_NONE);
}

/* ------------------------------------------------------- not numbers */

static void test_ordinals_rejected(void **state) {
    (void)state;
    none("انعقدت الجولة الثالثة");
    none("حلت في المرتبة الأولى");
    none("في الفصل الثالث من الكتاب");
    none("الذكرى الحادية عشرة للثورة");
    none("في الدورة الخامسة عشرة");
    none("اليوم الخامس والعشرين");
    none("في القرن العشرين");
    none("ثاني أكبر مدينة");
    /* أحد and إحدى alone are "one of", never a number */
    none("قال أحد الجنود");
    none("في إحدى القرى");
    /* the article makes some words something else */
    none("يوم الاثنين");
    none("تحدث الأمين العام في المئة يوم");
}

/* ------------------------------------------------------- inside dates */

static void test_years_and_days(void **state) {
    (void)state;
    const rasd_number *m = one("في عام 2019 تغير كل شيء", "2019", "2019", 2019);
    assert_true(m->flags & RASD_NUM_YEAR);
    assert_true(m->flags & RASD_NUM_DATE);
    assert_int_equal(m->unit_kind, RASD_UNIT_NONE);
    m = one("منذ العام 2011", "2011", "2011", 2011);
    assert_true(m->flags & RASD_NUM_YEAR);
    m = one("وخلال سنة 2015", "2015", "2015", 2015);
    assert_true(m->flags & RASD_NUM_YEAR);
    m = one("في كانون الأول 2019", "2019", "2019", 2019);
    assert_true(m->flags & RASD_NUM_YEAR);
    m = one("منذ 1648م", "1648", "1648", 1648);
    assert_true(m->flags & RASD_NUM_YEAR);
    m = one("في 1441 هـ", "1441", "1441", 1441);
    assert_true(m->flags & RASD_NUM_YEAR);
    const rasd_number_list *l = run("صدر في 11 / 7 / 1436");
    assert_int_equal(l->count, 3);
    for (size_t i = 0; i < 3; i++) assert_true(l->items[i].flags & RASD_NUM_DATE);
    l = run("في 4 حزيران 2020 انتهت المهلة");
    assert_int_equal(l->count, 2);
    assert_true(l->items[0].flags & RASD_NUM_DATE);
    assert_false(l->items[0].flags & RASD_NUM_YEAR);
    assert_true(l->items[1].flags & RASD_NUM_YEAR);
    l = run("في 4 من حزيران");
    assert_int_equal(l->count, 1);
    assert_true(l->items[0].flags & RASD_NUM_DATE);
    l = run("صدر في 4/6/2020");
    assert_int_equal(l->count, 3);
    for (size_t i = 0; i < 3; i++) assert_true(l->items[i].flags & RASD_NUM_DATE);
    /* a year-like number without عام is a count, but no noun is guessed */
    m = one("وزعت 2019 سلة", "2019", "2019", 2019);
    assert_false(m->flags & RASD_NUM_YEAR);
    m = one("حول 2000 دولار", "2000 دولار", "2000", 2000);
    assert_string_equal(m->code, "USD");
}

static void test_many_in_order(void **state) {
    (void)state;
    const char *t = "قتل 5 مدنيين وأصيب عشرة آخرون، ونزحت مئات العائلات بعد أن دمرت 3 منازل";
    const rasd_number_list *l = run(t);
    assert_int_equal(l->count, 4);
    assert_int_equal(l->items[0].ivalue, 5);
    assert_int_equal(l->items[1].ivalue, 10);
    assert_int_equal(l->items[2].ivalue, 100);
    assert_string_equal(l->items[2].code, "families");
    assert_int_equal(l->items[3].ivalue, 3);
    assert_string_equal(l->items[3].code, "houses");
    for (size_t i = 1; i < l->count; i++) assert_true(l->items[i].start >= l->items[i - 1].end);
    /* an empty sentence and one without numbers */
    assert_int_equal(rasd_numbers_find(nd, test_an, "", NULL, 0, &list), RASD_OK);
    none("قال المتحدث إن الوضع هادئ");
}

/* ------------------------------------------------------------ loading */

static char tmpdir[256];

static void write_file(const char *name, const char *content) {
    char path[512];
    snprintf(path, sizeof path, "%s/extract/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static void copy_file(const char *name) {
    char src[512], dst[512], buf[4096];
    snprintf(src, sizeof src, "%s/extract/%s", RASD_DATA_DIR_FOR_TESTS, name);
    snprintf(dst, sizeof dst, "%s/extract/%s", tmpdir, name);
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    assert_non_null(in);
    assert_non_null(out);
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
}

static const char *FILES[] = {"number-words.tsv", "units.tsv", "number-qualifiers.tsv", "months.tsv", "date-words.tsv"};

static void fresh_dir(void) {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/rasd-test-numbers-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    char sub[300];
    snprintf(sub, sizeof sub, "%s/extract", tmpdir);
    assert_int_equal(mkdir(sub, 0700), 0);
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) copy_file(FILES[i]);
}

static void remove_dir(void) {
    char path[512];
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        snprintf(path, sizeof path, "%s/extract/%s", tmpdir, FILES[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/extract", tmpdir);
    rmdir(path);
    rmdir(tmpdir);
}

/* Loads with one file replaced; the error must name file:line. */
static void expect_error(const char *file, const char *content, const char *where) {
    fresh_dir();
    write_file(file, content);
    rasd_error err = {0};
    rasd_numbers *bad = rasd_numbers_load(tmpdir, &err);
    assert_null(bad);
    assert_int_equal(err.code, RASD_ERR_DATA);
    char want[600];
    snprintf(want, sizeof want, "%s/extract/%s", tmpdir, where);
    if (!strstr(err.message, want)) fail_msg("message \"%s\" does not name %s", err.message, want);
    remove_dir();
}

/* The keyed entry point reads the keys it is given, not the text: a word
 * handed the key of خمسة is read as five (analyze relies on this to
 * normalise each token once). */
static const char *five_key(void *vctx, size_t i, size_t *len, uint64_t *hash) {
    (void)vctx, (void)i;
    static const char five[] = "\xD8\xAE\xD9\x85\xD8\xB3\xD9\x87"; /* خمسه: خمسة's key */
    char key[RASD_X_KEY_MAX];
    rasd_token t = {0, 8, RASD_TOK_WORD};
    size_t kl = rasd_x_token_key("\xD8\xAE\xD9\x85\xD8\xB3\xD8\xA9", &t, key); /* خمسة */
    assert_int_equal(kl, sizeof five - 1);
    assert_memory_equal(key, five, kl);
    *len = sizeof five - 1;
    *hash = rasd_hash_bytes(five, *len);
    return five;
}

static void test_keyed_reads_given_keys(void **state) {
    (void)state;
    const char *text = "\xD9\x83\xD9\x84\xD9\x85\xD8\xA9"; /* كلمة */
    rasd_token tok = {0, strlen(text), RASD_TOK_WORD};
    assert_int_equal(run(text)->count, 0);
    rasd_x_keys *ks = rasd_x_keys_new();
    assert_non_null(ks);
    assert_true(rasd_x_keys_build(ks, text, &tok, 1, five_key, NULL));
    rasd_number_list got = {0};
    assert_int_equal(rasd_numbers_find_keyed(nd, test_an, text, ks, &got), RASD_OK);
    assert_int_equal(got.count, 1);
    assert_true(got.items[0].value == 5);
    /* and once done, the table is no longer read: the text is */
    got.count = 0;
    assert_int_equal(rasd_numbers_find(nd, test_an, text, &tok, 1, &got), RASD_OK);
    assert_int_equal(got.count, 0);
    rasd_number_list_free(&got);
    rasd_x_keys_destroy(ks);
}

static void test_malformed_dictionaries(void **state) {
    (void)state;
    expect_error("number-words.tsv", "# comment\nثلاثة\t3\tunit\nأربعة\tأربعة\tunit\n", "number-words.tsv:3:");
    expect_error("number-words.tsv", "ثلاثة\t3\tunit\n\nأربعة\t4\tquadruple\n", "number-words.tsv:3:");
    expect_error("number-words.tsv", "ثلاثة\t3\n", "number-words.tsv:1:");
    expect_error("number-words.tsv", "ثلاثة\t3\tunit\tshiny\n", "number-words.tsv:1:");
    expect_error("number-words.tsv", "ثلاثة\t3\tunit\nثلاثه\t3\tunit\n", "number-words.tsv:2:");
    expect_error("units.tsv", "دولار\tUSD\tcurrency\nيورو\tEUR\n", "units.tsv:2:");
    expect_error("units.tsv", "دولار\tUSD\tmoney\n", "units.tsv:1:");
    expect_error("number-qualifiers.tsv", "نحو\tbetween\tapprox\n", "number-qualifiers.tsv:1:");
    expect_error("months.tsv", "حزيران\t13\tsyriac\n", "months.tsv:1:");
    expect_error("months.tsv", "حزيران\t6\tjulian\n", "months.tsv:1:");
    /* a missing file is named too */
    fresh_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/extract/units.tsv", tmpdir);
    unlink(path);
    rasd_error err = {0};
    assert_null(rasd_numbers_load(tmpdir, &err));
    assert_non_null(strstr(err.message, "units.tsv"));
    remove_dir();
    /* and the copy of the real files loads */
    fresh_dir();
    rasd_numbers *ok = rasd_numbers_load(tmpdir, &err);
    assert_non_null(ok);
    rasd_numbers_destroy(ok);
    remove_dir();
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digits_ascii),
        cmocka_unit_test(test_digits_separators),
        cmocka_unit_test(test_digits_scripts),
        cmocka_unit_test(test_words_units),
        cmocka_unit_test(test_words_teens),
        cmocka_unit_test(test_words_tens),
        cmocka_unit_test(test_words_hundreds),
        cmocka_unit_test(test_words_scales),
        cmocka_unit_test(test_compounds),
        cmocka_unit_test(test_clitics),
        cmocka_unit_test(test_approximate),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_counted_nouns_fields),
        cmocka_unit_test(test_ordinals_rejected),
        cmocka_unit_test(test_years_and_days),
        cmocka_unit_test(test_many_in_order),
        cmocka_unit_test(test_keyed_reads_given_keys),
        cmocka_unit_test(test_malformed_dictionaries),
    };
    int failed = cmocka_run_group_tests(tests, setup, teardown);
    free_list(NULL);
    return failed;
}
