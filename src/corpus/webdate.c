/*
 * webdate.c: the dates of web pages and feeds (ISO 8601, RFC 822/1123) to
 * YYYY-MM-DD (declared in html.h). Written here because the formats are
 * few and fixed, and the day must be taken as written (no time-zone
 * shift), which strptime and the like do not promise.
 */
#include "html.h"
#include "core/date.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool make_date(int y, int m, int d, char out[11]) {
    /* a page's date outside these years is a typo or a placeholder */
    if (y < 1800 || y > 2200 || d < 1 || d > rasd_days_in_month(y, m)) return false;
    rasd_date_format(rasd_days_from_civil(y, m, d), out);
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
