/*
 * tsv.h: reading the project's tab-separated data files line by line, with
 * the file name and line number at hand for every error. Lines starting
 * with '#' and blank lines are skipped; the first other line may be a
 * header (the caller says which).
 */
#ifndef RASD_TSV_H
#define RASD_TSV_H

#include "core/internal.h"

#include <stdio.h>

#define RASD_TSV_MAX_FIELDS 24

typedef struct rasd_tsv {
    FILE *f;
    char path[1024];
    size_t line_no;
    char *line;
    size_t cap;
    char *field[RASD_TSV_MAX_FIELDS];
    size_t n_fields;
} rasd_tsv;

/* Opens path; an error names it. */
rasd_status rasd_tsv_open(rasd_tsv *t, const char *path, rasd_error *err);
/* Reads the next data line into t->field (pointers into t->line, each
 * NUL-terminated and trimmed of a trailing CR). Returns false at the end. */
bool rasd_tsv_next(rasd_tsv *t);
/* Fails unless the line has exactly n fields: "path:line: expected ...". */
rasd_status rasd_tsv_expect(rasd_tsv *t, size_t n, rasd_error *err);
/* An error about the current line: "path:line: message". */
rasd_status rasd_tsv_fail(rasd_tsv *t, rasd_error *err, const char *fmt, ...) RASD_PRINTF(3, 4);
void rasd_tsv_close(rasd_tsv *t);

#endif
