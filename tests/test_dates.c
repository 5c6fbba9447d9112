/*
 * test_dates.c: date mentions, one group per construction: both month
 * systems, paired names, day-month with and without من, ordinal days,
 * month-year, years, numeric dates, Hijri dates, weekdays alone, with a
 * qualifier and beside an explicit date, every relative form, clitics,
 * look-alikes that are not dates, no publication date; and the loader's
 * errors, named by file and line. Every sentence was written for these
 * tests.
 */
#include "test_keys_helpers.h"

#include "extract/dates.h"

#include <sys/stat.h>
#include <unistd.h>

#ifndef RASD_DATA_DIR_FOR_TESTS
#define RASD_DATA_DIR_FOR_TESTS "data"
#endif

static rasd_dates *dd;
static rasd_date_list list;

static int setup(void **state) {
    if (setup_analyzer(state) != 0) return -1;
    rasd_error err = {0};
    dd = rasd_dates_load(RASD_DATA_DIR_FOR_TESTS, &err);
    if (!dd) fprintf(stderr, "%s\n", err.message);
    return dd ? 0 : -1;
}

static int teardown(void **state) {
    rasd_dates_destroy(dd);
    rasd_date_list_free(&list);
    return teardown_analyzer(state);
}

static const rasd_date_list *run(const char *text, const char *published) {
    rasd_token toks[256];
    size_t n = 0;
    rasd_tokenizer tz;
    rasd_tokenizer_init(&tz, text, strlen(text));
    while (n < 256 && rasd_tokenizer_next(&tz, &toks[n])) n++;
    list.count = 0;
    assert_int_equal(rasd_dates_find(dd, test_an, text, toks, n, published, &list), RASD_OK);
    /* the keyed entry point analyze uses finds exactly the same */
    rasd_x_keys *ks = build_keys(text, toks, n);
    rasd_date_list keyed = {0};
    assert_int_equal(rasd_dates_find_keyed(dd, test_an, text, ks, published, &keyed), RASD_OK);
    assert_int_equal(keyed.count, list.count);
    for (size_t i = 0; i < list.count; i++) {
        const rasd_date *a = &list.items[i], *b = &keyed.items[i];
        assert_true(a->start == b->start && a->end == b->end && a->granularity == b->granularity &&
                    a->flags == b->flags && a->year == b->year && a->month == b->month && a->day == b->day &&
                    a->weekday == b->weekday && a->offset == b->offset && strcmp(a->iso, b->iso) == 0);
    }
    rasd_date_list_free(&keyed);
    rasd_x_keys_destroy(ks);
    return &list;
}

static void assert_text(const char *text, size_t start, size_t end, const char *want) {
    char got[512];
    snprintf(got, sizeof got, "%.*s", (int)(end - start), text + start);
    if (strcmp(got, want) != 0) fail_msg("in \"%s\": span \"%s\", expected \"%s\"", text, got, want);
}

/* The k-th of count mentions: its span, ISO value and granularity. */
static const rasd_date *nth(const char *text, const char *pub, size_t count, size_t k, const char *span,
                            const char *iso, rasd_date_granularity g) {
    const rasd_date_list *l = run(text, pub);
    if (l->count != count) fail_msg("\"%s\": %zu dates, expected %zu", text, l->count, count);
    const rasd_date *d = &l->items[k];
    assert_text(text, d->start, d->end, span);
    if (strcmp(d->iso, iso) != 0) fail_msg("\"%s\": value \"%s\", expected \"%s\"", text, d->iso, iso);
    if (d->granularity != g)
        fail_msg("\"%s\": granularity %s, expected %s", text, rasd_granularity_name(d->granularity), rasd_granularity_name(g));
    return d;
}

static const rasd_date *one(const char *text, const char *pub, const char *span, const char *iso,
                            rasd_date_granularity g) {
    return nth(text, pub, 1, 0, span, iso, g);
}

static void none(const char *text, const char *pub) {
    const rasd_date_list *l = run(text, pub);
    if (l->count) fail_msg("\"%s\": expected no date, found \"%.*s\"", text, (int)(l->items[0].end - l->items[0].start),
                           text + l->items[0].start);
}

#define PUB "2020-06-05" /* a Friday */
#define DAY RASD_GRAN_DAY
#define WEEK RASD_GRAN_WEEK
#define MONTH RASD_GRAN_MONTH
#define YEAR RASD_GRAN_YEAR

/* ---------------------------------------------------------------- months */

static void test_syriac_months(void **state) {
    (void)state;
    static const char *names[] = {"كانون الثاني", "شباط", "آذار",  "نيسان",        "أيار",          "حزيران",
                                  "تموز",         "آب",   "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"};
    for (int m = 0; m < 12; m++) {
        char text[256], span[128], iso[16];
        snprintf(span, sizeof span, "9 %s 2018", names[m]);
        snprintf(text, sizeof text, "وقع ذلك في %s وانتهى", span);
        snprintf(iso, sizeof iso, "2018-%02d-09", m + 1);
        const rasd_date *d = one(text, PUB, span, iso, DAY);
        assert_int_equal(d->flags, 0);
        assert_int_equal(d->month, m + 1);
    }
}

static void test_gregorian_months(void **state) {
    (void)state;
    static const struct { const char *name; int month; } names[] = {
        {"يناير", 1}, {"فبراير", 2}, {"مارس", 3},  {"أبريل", 4},  {"إبريل", 4},  {"مايو", 5},     {"يونيو", 6},
        {"يونيه", 6}, {"يوليو", 7},  {"يوليه", 7}, {"أغسطس", 8},  {"سبتمبر", 9}, {"أكتوبر", 10}, {"نوفمبر", 11},
        {"ديسمبر", 12},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char text[256], span[128], iso[16];
        snprintf(span, sizeof span, "21 %s 2017", names[i].name);
        snprintf(text, sizeof text, "صدر القرار في %s", span);
        snprintf(iso, sizeof iso, "2017-%02d-21", names[i].month);
        one(text, PUB, span, iso, DAY);
    }
}

static void test_paired_months(void **state) {
    (void)state;
    const rasd_date *d = one("في 4 يونيو/حزيران 2020 أعلن", PUB, "4 يونيو/حزيران 2020", "2020-06-04", DAY);
    assert_false(d->flags & RASD_DATE_MISMATCH);
    one("خلال آذار/مارس 2019", PUB, "آذار/مارس 2019", "2019-03", MONTH);
    one("في نيسان (أبريل) 2018", PUB, "نيسان (أبريل) 2018", "2018-04", MONTH);
    one("منذ فبراير شباط 2009", PUB, "فبراير شباط 2009", "2009-02", MONTH);
    one("في 31 تموز- يوليو 2015", PUB, "31 تموز- يوليو 2015", "2015-07-31", DAY);
    /* paired names let an ambiguous one through: آب/أغسطس */
    one("منذ آب/أغسطس", PUB, "آب/أغسطس", "2019-08", MONTH);
    d = one("في حزيران/مارس 2020", PUB, "حزيران/مارس 2020", "2020-06", MONTH);
    assert_true(d->flags & RASD_DATE_MISMATCH);
}

static void test_day_month(void **state) {
    (void)state;
    one("في 4 حزيران 2020", PUB, "4 حزيران 2020", "2020-06-04", DAY);
    one("في 4 من حزيران 2020", PUB, "4 من حزيران 2020", "2020-06-04", DAY);
    one("منذ ٢٠ أيار ٢٠٢٠", PUB, "٢٠ أيار ٢٠٢٠", "2020-05-20", DAY);
    /* without a year: the latest on or before the publication month */
    const rasd_date *d = one("في 4 من حزيران", PUB, "4 من حزيران", "2020-06-04", DAY);
    assert_true(d->flags & RASD_DATE_RELATIVE);
    one("في 12 آب", PUB, "12 آب", "2019-08-12", DAY);
    one("تنتهي المهلة في 20 حزيران", PUB, "20 حزيران", "2020-06-20", DAY);
    /* ordinal days */
    one("في الرابع من تموز 2019", PUB, "الرابع من تموز 2019", "2019-07-04", DAY);
    one("أحداث الحادي عشر من سبتمبر 2001", PUB, "الحادي عشر من سبتمبر 2001", "2001-09-11", DAY);
    one("في الخامس والعشرين من كانون الأول 2019", PUB, "الخامس والعشرين من كانون الأول 2019", "2019-12-25", DAY);
    one("في العشرين من أيار", PUB, "العشرين من أيار", "2020-05-20", DAY);
    one("في الأول من أيار", PUB, "الأول من أيار", "2020-05-01", DAY);
    /* a day of a relative month */
    one("في 4 من الشهر الجاري", PUB, "4 من الشهر الجاري", "2020-06-04", DAY);
    one("في العاشر من الشهر الماضي", PUB, "العاشر من الشهر الماضي", "2020-05-10", DAY);
    /* a year qualifier after من */
    one("في 4 من حزيران من العام الماضي", PUB, "4 من حزيران من العام الماضي", "2019-06-04", DAY);
    /* a day that does not exist is no date */
    none("في 31 شباط 2020", PUB);
    one("في 29 شباط 2020", PUB, "29 شباط 2020", "2020-02-29", DAY);
    none("في 29 شباط 2019", PUB);
}

static void test_month_year(void **state) {
    (void)state;
    const rasd_date *d = one("في كانون الأول 2019 انسحبت", PUB, "كانون الأول 2019", "2019-12", MONTH);
    assert_int_equal(d->flags, 0);
    one("في كانون الثاني من عام 2019", PUB, "كانون الثاني من عام 2019", "2019-01", MONTH);
    one("في تموز 2020م", PUB, "تموز 2020م", "2020-07", MONTH);
}

static void test_month_alone(void **state) {
    (void)state;
    const rasd_date *d = one("في آذار اندلعت", PUB, "آذار", "2020-03", MONTH);
    assert_true(d->flags & RASD_DATE_RELATIVE);
    one("في تموز اندلعت", PUB, "تموز", "2019-07", MONTH);
    one("في حزيران", PUB, "حزيران", "2020-06", MONTH);
    one("في حزيران الماضي", PUB, "حزيران الماضي", "2019-06", MONTH);
    one("في أيار الماضي", PUB, "أيار الماضي", "2020-05", MONTH);
    one("في تموز المقبل", PUB, "تموز المقبل", "2020-07", MONTH);
    one("في آذار/مارس من العام الفائت", "2020-08-08", "آذار/مارس من العام الفائت", "2019-03", MONTH);
    one("في تشرين الأول من هذا العام", PUB, "تشرين الأول من هذا العام", "2020-10", MONTH);
    one("خلال شهر آب", PUB, "شهر آب", "2019-08", MONTH);
    /* names that are also words need an anchor */
    none("زار آب أبناءه", PUB);
    none("مارس الضغط على الحكومة", PUB);
    none("في رمضان", PUB);
    none("خلال شهر رمضان", PUB);
    /* a month name alone in quotes is a name */
    none("طورت «نيسان» محركا جديدا", PUB);
    one("طورت الشركة محركا في «نيسان 2019»", PUB, "نيسان 2019", "2019-04", MONTH);
}

static void test_year(void **state) {
    (void)state;
    const rasd_date *d = one("في عام 2019 تغير كل شيء", PUB, "عام 2019", "2019", YEAR);
    assert_int_equal(d->flags, 0);
    one("منذ العام 2011", PUB, "العام 2011", "2011", YEAR);
    one("خلال سنة 2015", PUB, "سنة 2015", "2015", YEAR);
    one("ولعام 2021", PUB, "عام 2021", "2021", YEAR);
    one("منذ 2011 والحرب مستمرة", PUB, "2011", "2011", YEAR);
    one("قبل عام 2011", PUB, "عام 2011", "2011", YEAR);
    one("في 2020م", PUB, "2020م", "2020", YEAR);
    /* a bare number is not a year */
    none("وزعت 2019 سلة", PUB);
    none("قال الأمين العام إن الرأي العام", PUB);
}

static void test_numeric(void **state) {
    (void)state;
    const rasd_date *d = one("بتاريخ 4/6/2020 صدر", PUB, "4/6/2020", "2020-06-04", DAY);
    assert_true(d->flags & RASD_DATE_NUMERIC);
    one("بتاريخ 04-06-2020", PUB, "04-06-2020", "2020-06-04", DAY);
    one("بتاريخ 2020/06/04", PUB, "2020/06/04", "2020-06-04", DAY);
    one("بتاريخ 2020-06-04", PUB, "2020-06-04", "2020-06-04", DAY);
    one("بتاريخ 4.6.2020", PUB, "4.6.2020", "2020-06-04", DAY);
    one("بتاريخ ٤/٦/٢٠٢٠", PUB, "٤/٦/٢٠٢٠", "2020-06-04", DAY);
    one("في 6/2020", PUB, "6/2020", "2020-06", MONTH);
    one("صدر الأمر في 30 / 4 / 2015م", PUB, "30 / 4 / 2015م", "2015-04-30", DAY);
    d = one("صدر فجر 11 / 7 / 1436هـ", PUB, "11 / 7 / 1436هـ", "1436-07-11", DAY);
    assert_true(d->flags & RASD_DATE_HIJRI);
    none("بتاريخ 31/2/2020", PUB);
    none("بنسبة 4 / 6", PUB);
    none("الفترة 2019-2020", PUB);
    none("بنسبة 4/6", PUB);
}

static void test_hijri(void **state) {
    (void)state;
    const rasd_date *d = one("في 12 شوال 1441 هـ", PUB, "12 شوال 1441 هـ", "1441-10-12", DAY);
    assert_true(d->flags & RASD_DATE_HIJRI);
    d = one("في رمضان 1441 هـ", PUB, "رمضان 1441 هـ", "1441-09", MONTH);
    assert_true(d->flags & RASD_DATE_HIJRI);
    d = one("عام 1441هـ", PUB, "عام 1441هـ", "1441", YEAR);
    assert_true(d->flags & RASD_DATE_HIJRI);
    d = one("سنة 1442 للهجرة", PUB, "سنة 1442 للهجرة", "1442", YEAR);
    assert_true(d->flags & RASD_DATE_HIJRI);
    d = one("في 1441 هـ", PUB, "1441 هـ", "1441", YEAR);
    assert_true(d->flags & RASD_DATE_HIJRI);
    d = one("في 15 ذو الحجة 1440 هـ", PUB, "15 ذو الحجة 1440 هـ", "1440-12-15", DAY);
    assert_true(d->flags & RASD_DATE_HIJRI);
    /* never converted: without a year it stays unresolved */
    d = one("في 12 رمضان", PUB, "12 رمضان", "", DAY);
    assert_true(d->flags & RASD_DATE_HIJRI);
    assert_true(d->flags & RASD_DATE_UNRESOLVED);
    assert_int_equal(d->month, 9);
    assert_int_equal(d->day, 12);
}

/* -------------------------------------------------------------- weekdays */

static void test_weekday_alone(void **state) {
    (void)state;
    const rasd_date *d = one("قال الخميس إن", PUB, "الخميس", "2020-06-04", DAY);
    assert_int_equal(d->weekday, 4);
    assert_true(d->flags & RASD_DATE_WEEKDAY);
    assert_true(d->flags & RASD_DATE_RELATIVE);
    /* the publication day itself, then the days before it */
    one("صلاة الجمعة", PUB, "الجمعة", "2020-06-05", DAY);
    one("يوم السبت", PUB, "يوم السبت", "2020-05-30", DAY);
    one("يوم الاثنين", PUB, "يوم الاثنين", "2020-06-01", DAY);
    one("والأربعاء", PUB, "الأربعاء", "2020-06-03", DAY);
    one("قال، الأحد، إن", PUB, "الأحد", "2020-05-31", DAY);
    one("صباح الأحد", PUB, "الأحد", "2020-05-31", DAY);
    none("قال أحد الجنود", PUB);
    none("اتفق الاثنان على أن الاثنين مسؤولان", PUB);
}

static void test_weekday_qualified(void **state) {
    (void)state;
    const char *pub = "2020-08-08"; /* a Saturday */
    const rasd_date *d = one("الاثنين الماضي", pub, "الاثنين الماضي", "2020-08-03", DAY);
    assert_int_equal(d->weekday, 1);
    one("السبت الماضي", pub, "السبت الماضي", "2020-08-01", DAY);
    one("السبت المقبل", pub, "السبت المقبل", "2020-08-15", DAY);
    one("الثلاثاء القادم", pub, "الثلاثاء القادم", "2020-08-11", DAY);
    one("في الخميس الفائت", pub, "الخميس الفائت", "2020-08-06", DAY);
}

static void test_weekday_with_date(void **state) {
    (void)state;
    const rasd_date *d = one("الخميس 4 من حزيران", PUB, "الخميس 4 من حزيران", "2020-06-04", DAY);
    assert_int_equal(d->weekday, 4);
    assert_false(d->flags & RASD_DATE_MISMATCH);
    d = one("يوم الجمعة، 5 حزيران/يونيو 2020", PUB, "يوم الجمعة، 5 حزيران/يونيو 2020", "2020-06-05", DAY);
    assert_false(d->flags & RASD_DATE_MISMATCH);
    /* the explicit date wins; a wrong weekday is flagged */
    d = one("الخميس الموافق 5 حزيران 2020", PUB, "الخميس الموافق 5 حزيران 2020", "2020-06-05", DAY);
    assert_true(d->flags & RASD_DATE_MISMATCH);
    /* a Hijri date after its weekday: no Gregorian check */
    d = one("الأربعاء 11 / 7 / 1436هـ", PUB, "الأربعاء 11 / 7 / 1436هـ", "1436-07-11", DAY);
    assert_true(d->flags & RASD_DATE_HIJRI);
    assert_false(d->flags & RASD_DATE_MISMATCH);
    /* the example of the brief: أمس and the weekday with its date, two mentions, one day */
    const char *t = "قالت الوزارة أمس، الخميس 4 من حزيران، إن";
    nth(t, PUB, 2, 0, "أمس", "2020-06-04", DAY);
    d = nth(t, PUB, 2, 1, "الخميس 4 من حزيران", "2020-06-04", DAY);
    assert_int_equal(d->weekday, 4);
    /* without the comma the day and its weekday are one expression */
    d = one("قالت الوزارة أمس الخميس إن", PUB, "أمس الخميس", "2020-06-04", DAY);
    assert_int_equal(d->weekday, 4);
    assert_false(d->flags & RASD_DATE_MISMATCH);
    d = one("اليوم الجمعة", PUB, "اليوم الجمعة", "2020-06-05", DAY);
    assert_false(d->flags & RASD_DATE_MISMATCH);
    d = one("أمس الأربعاء", PUB, "أمس الأربعاء", "2020-06-04", DAY);
    assert_true(d->flags & RASD_DATE_MISMATCH);
    d = one("قالت اليوم (الجمعة) إن", PUB, "اليوم (الجمعة)", "2020-06-05", DAY);
    assert_int_equal(d->weekday, 5);
    one("يوم غد السبت", PUB, "يوم غد السبت", "2020-06-06", DAY);
}

/* -------------------------------------------------------------- relative */

static void test_relative_days(void **state) {
    (void)state;
    const rasd_date *d = one("قال أمس إن", PUB, "أمس", "2020-06-04", DAY);
    assert_int_equal(d->offset, -1);
    assert_true(d->flags & RASD_DATE_RELATIVE);
    one("البارحة", PUB, "البارحة", "2020-06-04", DAY);
    one("أمس الأول", PUB, "أمس الأول", "2020-06-03", DAY);
    one("أول أمس", PUB, "أول أمس", "2020-06-03", DAY);
    one("اليوم", PUB, "اليوم", "2020-06-05", DAY);
    one("غداً", PUB, "غداً", "2020-06-06", DAY);
    one("بعد غد", PUB, "بعد غد", "2020-06-07", DAY);
    one("يوم أمس", PUB, "يوم أمس", "2020-06-04", DAY);
    one("وأمس", PUB, "أمس", "2020-06-04", DAY);
    one("بالأمس", PUB, "الأمس", "2020-06-04", DAY);
    /* "the day", not today */
    none("في اليوم التالي", PUB);
    none("اليوم العالمي للاجئين", PUB);
    none("منذ ذلك الحين حتى هذا اليوم", PUB);
    none("جيل الغد", PUB);
}

static void test_relative_periods(void **state) {
    (void)state;
    const char *pub = "2020-08-08";
    const rasd_date *d = one("الأسبوع الفائت", pub, "الأسبوع الفائت", "2020-07-27", WEEK);
    assert_int_equal(d->offset, -1);
    one("الأسبوع الماضي", pub, "الأسبوع الماضي", "2020-07-27", WEEK);
    one("الأسبوع المقبل", pub, "الأسبوع المقبل", "2020-08-10", WEEK);
    one("هذا الأسبوع", pub, "هذا الأسبوع", "2020-08-03", WEEK);
    one("الشهر الماضي", pub, "الشهر الماضي", "2020-07", MONTH);
    one("الشهر المقبل", pub, "الشهر المقبل", "2020-09", MONTH);
    one("العام الماضي", pub, "العام الماضي", "2019", YEAR);
    one("العام الفائت", pub, "العام الفائت", "2019", YEAR);
    one("السنة الماضية", pub, "السنة الماضية", "2019", YEAR);
    one("السنة الفائتة", pub, "السنة الفائتة", "2019", YEAR);
    one("العام المقبل", pub, "العام المقبل", "2021", YEAR);
    one("هذا العام", pub, "هذا العام", "2020", YEAR);
    one("العام الجاري", pub, "العام الجاري", "2020", YEAR);
    one("خلال الشهر الماضي", "2020-01-15", "الشهر الماضي", "2019-12", MONTH);
}

static void test_relative_ago(void **state) {
    (void)state;
    const char *pub = "2020-08-08";
    const rasd_date *d = one("قبل يومين", pub, "قبل يومين", "2020-08-06", DAY);
    assert_int_equal(d->offset, -2);
    one("قبل يوم", pub, "قبل يوم", "2020-08-07", DAY);
    one("منذ ثلاثة أيام", pub, "منذ ثلاثة أيام", "2020-08-05", DAY);
    one("قبل 3 أيام", pub, "قبل 3 أيام", "2020-08-05", DAY);
    one("منذ 11 يوما", pub, "منذ 11 يوما", "2020-07-28", DAY);
    one("قبل أسبوع", pub, "قبل أسبوع", "2020-07-27", WEEK);
    one("قبل أسبوعين", pub, "قبل أسبوعين", "2020-07-20", WEEK);
    one("قبل شهرين", pub, "قبل شهرين", "2020-06", MONTH);
    one("منذ عامين", pub, "منذ عامين", "2018", YEAR);
    one("قبل ثلاث سنوات", pub, "قبل ثلاث سنوات", "2017", YEAR);
    one("ومنذ يومين", pub, "منذ يومين", "2020-08-06", DAY);
    /* how many days is not said */
    d = one("قبل أيام", pub, "قبل أيام", "", DAY);
    assert_true(d->flags & RASD_DATE_APPROX);
    assert_true(d->flags & RASD_DATE_UNRESOLVED);
    /* counted from an event, not from the article */
    none("قبل يومين من الانتخابات", pub);
}

static void test_clitics(void **state) {
    (void)state;
    one("والخميس الماضي", PUB, "الخميس الماضي", "2020-06-04", DAY);
    one("وفي حزيران", PUB, "حزيران", "2020-06", MONTH);
    one("وبالعام الماضي", PUB, "العام الماضي", "2019", YEAR);
    one("ولغاية 4 حزيران 2020", PUB, "4 حزيران 2020", "2020-06-04", DAY);
}

static void test_no_publication_date(void **state) {
    (void)state;
    const rasd_date *d = one("قال أمس", NULL, "أمس", "", DAY);
    assert_true(d->flags & RASD_DATE_UNRESOLVED);
    assert_int_equal(d->offset, -1);
    d = one("في حزيران", NULL, "حزيران", "", MONTH);
    assert_true(d->flags & RASD_DATE_UNRESOLVED);
    assert_int_equal(d->month, 6);
    d = one("قال الخميس", NULL, "الخميس", "", DAY);
    assert_true(d->flags & RASD_DATE_UNRESOLVED);
    assert_int_equal(d->weekday, 4);
    d = one("الأسبوع الماضي", NULL, "الأسبوع الماضي", "", WEEK);
    assert_true(d->flags & RASD_DATE_UNRESOLVED);
    /* absolute dates still resolve */
    d = one("في 4 حزيران 2020", NULL, "4 حزيران 2020", "2020-06-04", DAY);
    assert_false(d->flags & RASD_DATE_UNRESOLVED);
    one("عام 2019", NULL, "عام 2019", "2019", YEAR);
    one("4/6/2020", NULL, "4/6/2020", "2020-06-04", DAY);
    /* an invalid publication date is refused */
    rasd_token tok = {0, 6, RASD_TOK_WORD};
    assert_int_equal(rasd_dates_find(dd, test_an, "أمس", &tok, 1, "2020-13-01", &list), RASD_ERR_USAGE);
    assert_int_equal(rasd_dates_find(dd, test_an, "أمس", &tok, 1, "2019-02-29", &list), RASD_ERR_USAGE);
    assert_int_equal(rasd_dates_find(dd, test_an, "أمس", &tok, 1, "2020", &list), RASD_ERR_USAGE);
    assert_int_equal(rasd_dates_find(dd, test_an, "أمس", &tok, 1, "2020-6-5", &list), RASD_ERR_USAGE);
    assert_int_equal(rasd_dates_find(dd, test_an, "أمس", &tok, 1, "2020-06-05T", &list), RASD_ERR_USAGE);
    assert_int_equal(rasd_dates_find(dd, test_an, "أمس", &tok, 1, "2020-02-29", &list), RASD_OK);
}

static void test_many_in_order(void **state) {
    (void)state;
    const char *t = "عاد الوفد أمس بعد زيارة بدأت في 28 أيار وتستأنف المحادثات الأسبوع المقبل";
    const rasd_date_list *l = run(t, PUB);
    assert_int_equal(l->count, 3);
    assert_string_equal(l->items[0].iso, "2020-06-04");
    assert_string_equal(l->items[1].iso, "2020-05-28");
    assert_string_equal(l->items[2].iso, "2020-06-08");
    none("قال المتحدث إن الوضع هادئ", PUB);
    assert_int_equal(rasd_dates_find(dd, test_an, "", NULL, 0, PUB, &list), RASD_OK);
}

/* ------------------------------------------------------------- loading */

static char tmpdir[256];
static const char *FILES[] = {"number-words.tsv", "units.tsv",    "number-qualifiers.tsv",
                              "months.tsv",       "weekdays.tsv", "date-words.tsv"};

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

static void expect_error(const char *file, const char *content, const char *where) {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/rasd-test-dates-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    char path[512];
    snprintf(path, sizeof path, "%s/extract", tmpdir);
    assert_int_equal(mkdir(path, 0700), 0);
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) copy_file(FILES[i]);
    snprintf(path, sizeof path, "%s/extract/%s", tmpdir, file);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    rasd_error err = {0};
    assert_null(rasd_dates_load(tmpdir, &err));
    assert_int_equal(err.code, RASD_ERR_DATA);
    char want[600];
    snprintf(want, sizeof want, "%s/extract/%s", tmpdir, where);
    if (!strstr(err.message, want)) fail_msg("message \"%s\" does not name %s", err.message, want);
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        snprintf(path, sizeof path, "%s/extract/%s", tmpdir, FILES[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/extract", tmpdir);
    rmdir(path);
    rmdir(tmpdir);
}

static void test_malformed_dictionaries(void **state) {
    (void)state;
    expect_error("weekdays.tsv", "الخميس\t4\nالجمعة\t8\n", "weekdays.tsv:2:");
    expect_error("weekdays.tsv", "الخميس\t4\tsometimes\n", "weekdays.tsv:1:");
    expect_error("date-words.tsv", "# roles\nأمس\tday\t-1\nغدا\ttomorrow\t1\n", "date-words.tsv:3:");
    expect_error("date-words.tsv", "أمس\tday\n", "date-words.tsv:1:");
    expect_error("date-words.tsv", "أمس\tday\tx\n", "date-words.tsv:1:");
    expect_error("date-words.tsv", "يومين\tunit\tday\tthree\n", "date-words.tsv:1:");
    expect_error("date-words.tsv", "يومين\tunit\tfortnight\t2\n", "date-words.tsv:1:");
    expect_error("date-words.tsv", "الماضي\tqualifier\t-1\nالماضي\tqualifier\t1\n", "date-words.tsv:2:");
    expect_error("months.tsv", "حزيران\t6\tsyriac\nتموز\t0\tsyriac\n", "months.tsv:2:");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syriac_months),
        cmocka_unit_test(test_gregorian_months),
        cmocka_unit_test(test_paired_months),
        cmocka_unit_test(test_day_month),
        cmocka_unit_test(test_month_year),
        cmocka_unit_test(test_month_alone),
        cmocka_unit_test(test_year),
        cmocka_unit_test(test_numeric),
        cmocka_unit_test(test_hijri),
        cmocka_unit_test(test_weekday_alone),
        cmocka_unit_test(test_weekday_qualified),
        cmocka_unit_test(test_weekday_with_date),
        cmocka_unit_test(test_relative_days),
        cmocka_unit_test(test_relative_periods),
        cmocka_unit_test(test_relative_ago),
        cmocka_unit_test(test_clitics),
        cmocka_unit_test(test_no_publication_date),
        cmocka_unit_test(test_many_in_order),
        cmocka_unit_test(test_malformed_dictionaries),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
