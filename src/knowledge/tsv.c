/*
 * tsv.c: see tsv.h.
 */
#include "tsv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

rasd_status rasd_tsv_open(rasd_tsv *t, const char *path, rasd_error *err) {
    memset(t, 0, sizeof *t);
    snprintf(t->path, sizeof t->path, "%s", path);
    t->f = fopen(path, "rb");
    if (!t->f) return rasd_fail(err, RASD_ERR_DATA, "%s: cannot open: %s", path, strerror(errno));
    return RASD_OK;
}

bool rasd_tsv_next(rasd_tsv *t) {
    ssize_t got;
    while ((got = getline(&t->line, &t->cap, t->f)) >= 0) {
        t->line_no++;
        size_t len = (size_t)got;
        while (len && (t->line[len - 1] == '\n' || t->line[len - 1] == '\r')) t->line[--len] = '\0';
        if (len == 0 || t->line[0] == '#') continue;
        t->n_fields = 0;
        char *p = t->line;
        for (;;) {
            if (t->n_fields < RASD_TSV_MAX_FIELDS) t->field[t->n_fields] = p;
            t->n_fields++;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        return true;
    }
    return false;
}

rasd_status rasd_tsv_fail(rasd_tsv *t, rasd_error *err, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return rasd_fail(err, RASD_ERR_DATA, "%s:%zu: %s", t->path, t->line_no, msg);
}

rasd_status rasd_tsv_expect(rasd_tsv *t, size_t n, rasd_error *err) {
    if (t->n_fields == n) return RASD_OK;
    return rasd_tsv_fail(t, err, "expected %zu tab-separated fields, found %zu", n, t->n_fields);
}

void rasd_tsv_close(rasd_tsv *t) {
    if (t->f) fclose(t->f);
    free(t->line);
    memset(t, 0, sizeof *t);
}
