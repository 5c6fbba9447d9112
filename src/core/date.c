/*
 * date.c: the calendar (see date.h). Written here rather than taken from
 * the C library because mktime and timegm work in local or UTC time with
 * time_t limits and errno, while every caller here needs plain civil days,
 * exact for any year; Howard Hinnant's algorithms give that in a few lines
 * without tables.
 */
#include "date.h"
#include "rasd.h"

#include <string.h>

long rasd_days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void rasd_civil_from_days(long z, int *y, int *m, int *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int rasd_days_in_month(int y, int m) {
    static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return DAYS[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

int rasd_iso_weekday(long days) {
    long r = (days + 3) % 7; /* 1970-01-01 was a Thursday */
    if (r < 0) r += 7;
    return (int)r + 1;
}

bool rasd_date_parse(const char *s, long *days) {
    /* by hand, not sscanf: this runs for every sentence of a dated
     * document, and sscanf would also take signs, spaces and short fields */
    static const int FIELD[3][2] = {{0, 4}, {5, 7}, {8, 10}};
    if (!s || strnlen(s, 11) != 10 || s[4] != '-' || s[7] != '-') return false;
    int v[3] = {0, 0, 0};
    for (int f = 0; f < 3; f++)
        for (int k = FIELD[f][0]; k < FIELD[f][1]; k++) {
            if (s[k] < '0' || s[k] > '9') return false;
            v[f] = v[f] * 10 + (s[k] - '0');
        }
    if (v[0] < 1 || v[2] < 1 || v[2] > rasd_days_in_month(v[0], v[1])) return false;
    *days = rasd_days_from_civil(v[0], v[1], v[2]);
    return true;
}

void rasd_date_format(long days, char out[11]) {
    int y, m, d;
    rasd_civil_from_days(days, &y, &m, &d);
    if (y < 1) y = 1, m = 1, d = 1;
    if (y > 9999) y = 9999, m = 12, d = 31;
    out[0] = (char)('0' + y / 1000), out[1] = (char)('0' + y / 100 % 10), out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10), out[4] = '-', out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10);
    out[7] = '-', out[8] = (char)('0' + d / 10), out[9] = (char)('0' + d % 10), out[10] = '\0';
}

bool rasd_valid_date(const char *s) {
    long days;
    return rasd_date_parse(s, &days);
}
