/*
 * reader_txt.c: plain-text articles (the first non-blank line is the
 * title, as in `rasd analyze`), with outlet and date from a manifest.tsv
 * beside them when there is one: a header line naming the columns, one of
 * them `file` (the file's name), and `outlet` (or `source`) and
 * `published` (or `assumed_published`, `date`) when known. An outlet
 * written "unknown..." counts as none.
 *
 * The text must be valid UTF-8: a file in another encoding (Windows-1256,
 * ISO-8859-6) is skipped and reported with the byte of its first invalid
 * sequence, since storing it with replacement characters would keep a
 * corrupt copy for good (`iconv -f CP1256 -t UTF-8` converts it).
 */
#include "corpus/reader.h"

#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct manifest_row {
    char *file, *outlet, *published;
} manifest_row;

typedef struct manifest {
    char *dir; /* the directory it belongs to */
    manifest_row *rows;
    size_t n;
} manifest;

static void manifest_free(manifest *m) {
    if (!m) return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->rows[i].file);
        free(m->rows[i].outlet);
        free(m->rows[i].published);
    }
    free(m->rows);
    free(m->dir);
    free(m);
}

void rasd_reader_sink_done(rasd_reader_sink *sink) {
    manifest_free(sink->manifest);
    sink->manifest = NULL;
}

static int row_cmp(const void *a, const void *b) {
    return strcmp(((const manifest_row *)a)->file, ((const manifest_row *)b)->file);
}

/* Splits a line at tabs in place; returns the number of fields. */
static size_t split_tabs(char *line, char **fields, size_t max) {
    size_t n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = '\0';
        p = t + 1;
    }
    return n;
}

static int column_of(char **names, size_t n, const char *const *wanted) {
    for (size_t w = 0; wanted[w]; w++)
        for (size_t i = 0; i < n; i++)
            if (strcmp(names[i], wanted[w]) == 0) return (int)i;
    return -1;
}

/* Loads dir/manifest.tsv; an empty manifest when there is none. */
static manifest *manifest_load(const char *dir) {
    manifest *m = calloc(1, sizeof *m);
    if (!m || !(m->dir = strdup(dir))) {
        free(m);
        return NULL;
    }
    size_t plen = strlen(dir) + 16;
    char *path = malloc(plen);
    if (!path) return m;
    snprintf(path, plen, "%s/manifest.tsv", dir);
    FILE *f = fopen(path, "r");
    free(path);
    if (!f) return m;
    char *line = NULL;
    size_t cap = 0, row_cap = 0;
    ssize_t got;
    int c_file = -1, c_outlet = -1, c_date = -1;
    bool header = true;
    while ((got = getline(&line, &cap, f)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
        char *fields[32];
        size_t nf = split_tabs(line, fields, 32);
        if (header) {
            static const char *const FILE_COL[] = {"file", "filename", "path", NULL};
            static const char *const OUTLET_COL[] = {"outlet", "source", NULL};
            static const char *const DATE_COL[] = {"published", "assumed_published", "date", NULL};
            c_file = column_of(fields, nf, FILE_COL);
            c_outlet = column_of(fields, nf, OUTLET_COL);
            c_date = column_of(fields, nf, DATE_COL);
            header = false;
            if (c_file < 0) break;
            continue;
        }
        if ((size_t)c_file >= nf || !*fields[c_file]) continue;
        if (!rasd_grow((void **)&m->rows, &row_cap, m->n, sizeof *m->rows)) break;
        manifest_row *r = &m->rows[m->n];
        memset(r, 0, sizeof *r);
        if (!(r->file = strdup(fields[c_file]))) break;
        if (c_outlet >= 0 && (size_t)c_outlet < nf && *fields[c_outlet] && strncmp(fields[c_outlet], "unknown", 7) != 0)
            r->outlet = strdup(fields[c_outlet]);
        if (c_date >= 0 && (size_t)c_date < nf) r->published = rasd_reader_date(fields[c_date], strlen(fields[c_date]));
        m->n++;
    }
    free(line);
    fclose(f);
    if (m->n) qsort(m->rows, m->n, sizeof *m->rows, row_cmp); /* qsort(NULL, 0) is undefined */
    return m;
}

static const manifest_row *manifest_find(rasd_reader_sink *sink, const char *path) {
    if (strchr(path, ':') && strstr(path, ".zip:")) return NULL; /* an archive member */
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) : 1;
    const char *dir = slash ? path : ".";
    const char *base = slash ? slash + 1 : path;
    manifest *m = sink->manifest;
    if (!m || strlen(m->dir) != dlen || strncmp(m->dir, dir, dlen) != 0) {
        char *d = strndup(dir, dlen);
        if (!d) return NULL;
        manifest_free(m);
        sink->manifest = m = manifest_load(d);
        free(d);
        if (!m) return NULL;
    }
    manifest_row key = {.file = (char *)base};
    return m->n ? bsearch(&key, m->rows, m->n, sizeof *m->rows, row_cmp) : NULL;
}

rasd_status rasd_read_txt(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                          rasd_reader_sink *sink, rasd_error *err) {
    (void)err;
    rasd_article a = {0};
    rasd_utf8_report rep;
    rasd_error uerr = {0};
    char *text = NULL;
    size_t text_len = 0;
    if (rasd_utf8_sanitize(data, len, true, &text, &text_len, &rep, &uerr) != RASD_OK) {
        rasd_error e2;
        rasd_fail_at(&e2, uerr.code, uerr.offset, "%s: %s (not UTF-8: convert it, e.g. iconv -f CP1256 -t UTF-8)",
                     name, uerr.message);
        rasd_reader_skip(sink, &e2);
        return RASD_OK;
    }
    a.text = text;
    a.len = text_len;
    a.origin = strdup(name);
    const manifest_row *row = manifest_find(sink, name);
    if (row && row->outlet) a.source = strdup(row->outlet);
    else if (opt->source) a.source = strdup(opt->source);
    if (row && row->published) a.published = strdup(row->published);
    if (!a.origin) {
        rasd_article_clear(&a);
        rasd_error e2;
        rasd_fail(&e2, RASD_ERR_NOMEM, "%s: out of memory", name);
        rasd_reader_skip(sink, &e2);
        return RASD_OK;
    }
    rasd_reader_emit(sink, &a);
    return RASD_OK;
}
