/*
 * boilerplate.h: the plain-text boilerplate filter. News pages pasted or
 * scraped as text carry lines that are not the article: photo credits and
 * icon alt texts, share bars, "related articles" lists, donation and
 * newsletter appeals, cookie and copyright notices. Each line is classified
 * from features (its length in words, its share of Latin and link-like
 * words, separators, phrases from data/corpus/boilerplate.txt, and where it
 * sits: a run of short lines closing the article); the filter returns the
 * kept text and the spans it removed, so the store can keep provenance.
 * Rules and reasons: docs/ingest-formats.md.
 */
#ifndef RASD_BOILERPLATE_H
#define RASD_BOILERPLATE_H

#include "rasd.h"

/* The compiled phrase list. Read-only once loaded: share across threads. */
typedef struct rasd_boilerplate rasd_boilerplate;

/* Loads DIR/corpus/boilerplate.txt (dir NULL: $RASD_DATA, else the
 * built-in data directory). */
rasd_boilerplate *rasd_boilerplate_load(const char *data_dir, rasd_error *err);
/* Compiles a phrase list held in memory (name is used in messages). */
rasd_boilerplate *rasd_boilerplate_from_buffer(const char *name, const char *data, size_t len, rasd_error *err);
void rasd_boilerplate_destroy(rasd_boilerplate *bp);

/* One removed line: its span in the input (without the line break) and
 * why it went (a static string: "phrase", "share-bar", "symbols",
 * "links", "menu", "tail"). */
typedef struct rasd_removed_line {
    rasd_span span;
    const char *reason;
} rasd_removed_line;

typedef struct rasd_boilerplate_result {
    char *text;      /* the kept lines, NUL-terminated (malloc'd) */
    size_t len;
    rasd_removed_line *removed;
    size_t n_removed;
} rasd_boilerplate_result;

/* Filters text[0, len) (UTF-8). Removed lines disappear with their line
 * break; every other byte is kept as it was, except that blank lines left
 * at the end are dropped. */
rasd_status rasd_boilerplate_filter(const rasd_boilerplate *bp, const char *text, size_t len,
                                    rasd_boilerplate_result *out, rasd_error *err);
void rasd_boilerplate_result_free(rasd_boilerplate_result *r);

#endif
