/*
 * webdate.c: the dates of web pages and feeds (ISO 8601, RFC 822/1123) to
 * YYYY-MM-DD (declared in html.h). Written here because the formats are
 * few and fixed, and the day must be taken as written (no time-zone
 * shift), which strptime and the like do not promise.
 */
#include "html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static bool make_date(int y, int m, int d, char out[11]) {
    static const int DAYS[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > DAYS[m - 1] || (m == 2 && d == 29 && !leap(y)))
        return false;
    out[0] = (char)('0' + y / 1000), out[1] = (char)('0' + y / 100 % 10), out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10), out[4] = '-', out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10);
    out[7] = '-', out[8] = (char)('0' + d / 10), out[9] = (char)('0' + d % 10), out[10] = '\0';
    return true;
}

static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool rasd_web_date(const char *s, char out[11]) {
    if (!s) return false;
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    /* ISO 8601 and its slashed form: YYYY-MM-DD... */
    if (n >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] && (n == 10 || !isdigit((unsigned char)s[10]))) {
        int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
        return y >= 0 && m >= 0 && d >= 0 && make_date(y, m, d, out);
    }
    /* ISO 8601 basic: YYYYMMDD */
    if (n >= 8 && (n == 8 || s[8] == 'T')) {
        int y = digits(s, 4), m = digits(s + 4, 2), d = digits(s + 6, 2);
        if (y >= 0 && m >= 0 && d >= 0) return make_date(y, m, d, out);
    }
    /* RFC 822 / 1123: [Day, ]DD Mon YYYY ... */
    static const char *const MONTHS[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    const char *p = s;
    const char *comma = strchr(p, ',');
    if (comma && comma - p <= 12) p = comma + 1;
    while (*p == ' ') p++;
    char *end;
    long d = strtol(p, &end, 10);
    if (end == p || d < 1 || d > 31) return false;
    p = end;
    while (*p == ' ' || *p == '-') p++;
    int m = 0;
    for (int i = 0; i < 12; i++)
        if (!strncasecmp(p, MONTHS[i], 3)) m = i + 1;
    if (!m) return false;
    while (isalpha((unsigned char)*p)) p++;
    while (*p == ' ' || *p == '-' || *p == '.') p++;
    long y = strtol(p, &end, 10);
    if (end == p) return false;
    if (end - p == 2) y += y < 50 ? 2000 : 1900; /* RFC 822's two-digit years */
    return make_date((int)y, m, (int)d, out);
}
