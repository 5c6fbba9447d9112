/*
 * test_calendar.c: the one calendar (src/core/date.c): day numbers against
 * dates counted by hand, every day of four centuries round trip, leap years
 * (the 100 and 400 rules), what "YYYY-MM-DD" parsing refuses, weekdays, the
 * formatting limits; and the analysis refusing a publication date that is
 * not a real day with a usage error that names it (not "out of memory").
 */
#include "rasd.h"
#include "core/date.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void day_numbers(void **state) {
    (void)state;
    assert_int_equal(rasd_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(rasd_days_from_civil(1969, 12, 31), -1);
    assert_int_equal(rasd_days_from_civil(1970, 3, 1), 59);    /* 31 + 28 */
    assert_int_equal(rasd_days_from_civil(1972, 3, 1), 790);   /* 2 * 365 + 31 + 29 */
    assert_int_equal(rasd_days_from_civil(2000, 1, 1), 10957); /* 30 years, 7 leap days */
}

static void round_trip(void **state) {
    (void)state;
    long first = rasd_days_from_civil(1800, 1, 1), last = rasd_days_from_civil(2200, 12, 31);
    int py = 1799, pm = 12, pd = 31;
    for (long z = first; z <= last; z++) {
        int y, m, d;
        rasd_civil_from_days(z, &y, &m, &d);
        assert_int_equal(rasd_days_from_civil(y, m, d), z);
        /* each day follows the one before it */
        if (d == 1) {
            assert_int_equal(pd, rasd_days_in_month(py, pm));
            assert_true((m == pm + 1 && y == py) || (m == 1 && pm == 12 && y == py + 1));
        } else {
            assert_int_equal(d, pd + 1);
        }
        py = y, pm = m, pd = d;
    }
}

static void leap_years(void **state) {
    (void)state;
    assert_int_equal(rasd_days_in_month(2016, 2), 29);
    assert_int_equal(rasd_days_in_month(2015, 2), 28);
    assert_int_equal(rasd_days_in_month(1900, 2), 28); /* divisible by 100 */
    assert_int_equal(rasd_days_in_month(2000, 2), 29); /* and by 400 */
    assert_int_equal(rasd_days_in_month(2015, 4), 30);
    assert_int_equal(rasd_days_in_month(2015, 13), 0);
    assert_int_equal(rasd_days_in_month(2015, 0), 0);
}

static void parsing(void **state) {
    (void)state;
    long z = 7;
    assert_true(rasd_date_parse("2016-02-29", &z));
    assert_int_equal(z, rasd_days_from_civil(2016, 2, 29));
    const char *refused[] = {"2015-02-29", "2015-13-01", "2015-00-10", "2015-04-31", "0000-01-01", "2015-1-01",
                             " 2015-01-01", "2015-01-01 ", "2015/01/01", "2015-01-0x", "20150101", "", "+015-01-01"};
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        z = 7;
        assert_false(rasd_date_parse(refused[i], &z));
        assert_int_equal(z, 7); /* untouched */
        assert_false(rasd_valid_date(refused[i]));
    }
    assert_false(rasd_date_parse(NULL, &z));
    assert_true(rasd_valid_date("1999-12-31"));
}

static void weekdays_and_format(void **state) {
    (void)state;
    assert_int_equal(rasd_iso_weekday(0), 4); /* 1970-01-01, a Thursday */
    assert_int_equal(rasd_iso_weekday(rasd_days_from_civil(2015, 7, 20)), 1);
    assert_int_equal(rasd_iso_weekday(rasd_days_from_civil(1969, 12, 28)), 7);
    char out[11];
    rasd_date_format(rasd_days_from_civil(2023, 1, 9), out);
    assert_string_equal(out, "2023-01-09");
    rasd_date_format(rasd_days_from_civil(12000, 1, 1), out);
    assert_string_equal(out, "9999-12-31");
}

static void analysis_refuses_a_bad_date(void **state) {
    (void)state;
    rasd_error err = {0};
    rasd_analyzer *an = rasd_analyzer_new(NULL, &err);
    assert_non_null(an);
    rasd_document doc = {0};
    static const char text[] = "اجتمع الوزيران في الرياض أمس.";
    assert_int_equal(rasd_document_from_buffer("bad-date.txt", text, sizeof text - 1, NULL, &doc, &err), RASD_OK);
    rasd_analysis_options opt = {.published = "2015-02-30"};
    char *line = NULL;
    size_t len = 0;
    assert_int_equal(rasd_analysis_json(an, &doc, &opt, &line, &len, &err), RASD_ERR_USAGE);
    assert_null(line);
    assert_non_null(strstr(err.message, "bad-date.txt"));
    assert_non_null(strstr(err.message, "2015-02-30"));
    assert_null(strstr(err.message, "memory"));
    opt.published = "2015-02-28";
    assert_int_equal(rasd_analysis_json(an, &doc, &opt, &line, &len, &err), RASD_OK);
    assert_non_null(strstr(line, "\"published\":\"2015-02-28\""));
    free(line);
    rasd_document_destroy(&doc);
    rasd_analyzer_destroy(an);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(day_numbers),      cmocka_unit_test(round_trip),
        cmocka_unit_test(leap_years),       cmocka_unit_test(parsing),
        cmocka_unit_test(weekdays_and_format), cmocka_unit_test(analysis_refuses_a_bad_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
