/*
 * rows.h: an article's analysis (the JSON line of docs/analyze.schema.json)
 * flattened into the rows the store keeps in its tables: entities, places,
 * quotes, events, framing, numbers, dates and paragraphs.
 *
 * Backend-neutral and done by the worker threads of an ingest, so the one
 * writer thread only binds values. Strings live in an arena the rows own;
 * they stay valid until rasd_rows_free.
 */
#ifndef RASD_ROWS_H
#define RASD_ROWS_H

#include "rasd.h"
#include "storage/terms.h"

typedef struct rasd_row_entity {
    const char *id, *name, *type, *country; /* name: Arabic, else English; may be NULL */
    int64_t mention_count;
    char *mentions; /* JSON [[start,end],...] of the listed mentions (owned) */
} rasd_row_entity;

typedef struct rasd_row_place {
    const char *id, *name, *country;
    bool has_coords;
    double lat, lon;
    int64_t mention_count;
    char *mentions; /* owned, as above */
} rasd_row_place;

typedef struct rasd_row_quote {
    const char *speaker, *speaker_text, *verb, *text; /* speaker: entity id or NULL */
    bool direct;
    int64_t start, end;
} rasd_row_quote;

typedef struct rasd_row_event {
    const char *source, *target, *cameo, *plover, *acled, *place, *date; /* may be NULL */
    char *flags; /* the event's boolean members that are true, comma-separated (owned) */
    char *detail; /* what no column holds, as JSON (event_detail.h; owned), or NULL */
    int64_t start, end;
} rasd_row_event;

typedef struct rasd_row_framing {
    const char *actor, *term, *label;
    int64_t polarity, start, end;
} rasd_row_framing;

typedef struct rasd_row_number {
    const char *text, *unit, *unit_code;
    bool has_value;
    double value;
    int64_t start, end;
} rasd_row_number;

typedef struct rasd_row_date {
    const char *text, *value, *granularity; /* value: ISO date or NULL when unresolved */
    int64_t start, end;
} rasd_row_date;

typedef struct rasd_row_paragraph {
    int64_t start, end;
    uint64_t key; /* repeated-paragraph key (dedup.h), 0 when none */
    /* An earlier paragraph of the same document that this one repeats or
     * restates (rasd_repeated_paragraphs), -1 when none; when several, the
     * most similar (the earliest among equals). */
    int64_t repeats;
    double repeat_similarity;
    bool repeat_exact;
} rasd_row_paragraph;

/* A line the boilerplate filter removed from the body (boilerplate.h),
 * kept as provenance. `at`: the byte offset in the stored text where it
 * stood; input_start, input_end: its span in the text as read (title line
 * then the unfiltered body). */
typedef struct rasd_row_boilerplate {
    int64_t at, input_start, input_end;
    const char *reason; /* static */
    char *text;         /* owned */
} rasd_row_boilerplate;

typedef struct rasd_rows {
    void *arena; /* the strings' memory */
    rasd_row_entity *entities;
    size_t n_entities;
    rasd_row_place *places;
    size_t n_places;
    rasd_row_quote *quotes;
    size_t n_quotes;
    rasd_row_event *events;
    size_t n_events;
    rasd_row_framing *framing;
    size_t n_framing;
    rasd_row_number *numbers;
    size_t n_numbers;
    rasd_row_date *dates;
    size_t n_dates;
    rasd_row_paragraph *paragraphs;
    size_t n_paragraphs;
    rasd_row_boilerplate *boilerplate; /* filled by the ingest, not from the JSON */
    size_t n_boilerplate;
    /* the full-text index's terms of the title and the text, when computed
     * ahead (rasd_terms_collect); otherwise the index reads the texts */
    rasd_term_list title_terms, text_terms;
} rasd_rows;

/* Parses one analysis JSON line (name is used in messages). Members the
 * analysis lacks give no rows; a member of the wrong shape is an error
 * (rows is then empty; freeing it again is harmless). */
rasd_status rasd_rows_from_json(const char *name, const char *json, size_t len, rasd_rows *rows, rasd_error *err);
/* The same rows from the analysis itself, without its JSON: what
 * rasd_rows_from_json gives for the line rasd_analysis_write_json writes,
 * field for field and byte for byte (rows_analysis.c). */
rasd_status rasd_rows_from_analysis(const rasd_analysis *a, rasd_rows *rows, rasd_error *err);
void rasd_rows_free(rasd_rows *rows);
/* A copy of s[0..n), NUL-terminated, that lives as long as the rows; NULL
 * when out of memory. */
char *rasd_rows_strndup(rasd_rows *rows, const char *s, size_t n);

#endif
