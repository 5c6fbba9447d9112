/*
 * analysis_line.h: what `rasd ingest --from-jsonl` needs of one line of
 * `rasd analyze` output (docs/analyze.schema.json) to store the article
 * without analysing it again: its text, title, outlet, date and id. The
 * rows come from the same line through rasd_rows_from_json (rows.h).
 */
#ifndef RASD_ANALYSIS_LINE_H
#define RASD_ANALYSIS_LINE_H

#include "rasd.h"

typedef struct rasd_analysis_line {
    char *text;            /* the analysed text (title line, then body) */
    size_t len;
    char *title, *source, *published, *origin; /* published: YYYY-MM-DD; source, published may be NULL */
    char id[33];           /* doc.id: XXH3-128 of text */
} rasd_analysis_line;

/* Reads the line (name: where it comes from, for messages). A line that is
 * no analysis — not JSON, no doc object or text string, a doc.id that is
 * not the hash of the text (an edited or truncated line) — is
 * RASD_ERR_FORMAT naming name and, for JSON errors, the column. */
rasd_status rasd_analysis_line_read(const char *name, const char *line, size_t len, rasd_analysis_line *out,
                                    rasd_error *err);
void rasd_analysis_line_free(rasd_analysis_line *l);

#endif
