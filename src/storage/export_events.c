/*
 * export_events.c: the event and quote tables of an export
 * (export_events.h), written from the events table.
 *
 * The events table keeps an event's codes, ids and flags in columns and
 * the rest of it (participants' names and codes, PLOVER mode, magnitudes,
 * the sentence's span; event_detail.h) in its detail column; each row is
 * written from both, in the shape of the analysis line, so one writer
 * serves every source. A row stored before the detail column existed has
 * the columns alone (codes, ids, flags, place id, trigger); when its
 * document kept its analysis line (`rasd ingest --keep-json`) with as many
 * events, the line's events are written instead. Either way the table
 * decides how many rows there are: an export always has the events
 * table's row count.
 *
 * Lists become flat columns: the first participant of a side in its own
 * columns (source_id, source_name_ar, ...), every participant's id joined
 * with ';' in source_ids (empty when the text names none).
 */
#include "storage/export_events.h"

#include "extract/events.h"
#include "knowledge/cameo.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a column gets its value from (document, event). */
typedef enum col_kind {
    K_DOC_ID,
    K_PUBLISHED,
    K_OUTLET,
    K_URL,
    K_TITLE,
    K_INDEX,
    K_PATH,        /* a path into the event: "source.0.name_ar" */
    K_IDS,         /* every participant's id on a side, ';'-joined */
    K_CAMEO_LABEL, /* the codebook's name of the code */
    K_ROOT_LABEL,
    K_SENTENCE, /* the sentence's text, cut from the document */
} col_kind;

typedef struct column {
    const char *name;
    col_kind kind;
    const char *path;
} column;

static const column COLUMNS[] = {
    {"doc_id", K_DOC_ID, NULL},
    {"event_index", K_INDEX, NULL},
    {"event_date", K_PATH, "date.value"},
    {"date_granularity", K_PATH, "date.granularity"},
    {"date_from_publication", K_PATH, "date.from_publication"},
    {"published", K_PUBLISHED, NULL},
    {"outlet", K_OUTLET, NULL},
    {"url", K_URL, NULL},
    {"title", K_TITLE, NULL},
    {"source_id", K_PATH, "source.0.entity"},
    {"source_name_ar", K_PATH, "source.0.name_ar"},
    {"source_name_en", K_PATH, "source.0.name_en"},
    {"source_type", K_PATH, "source.0.type"},
    {"source_country", K_PATH, "source.0.country"},
    {"source_code", K_PATH, "source.0.code"},
    {"source_ids", K_IDS, "source"},
    {"target_id", K_PATH, "target.0.entity"},
    {"target_name_ar", K_PATH, "target.0.name_ar"},
    {"target_name_en", K_PATH, "target.0.name_en"},
    {"target_type", K_PATH, "target.0.type"},
    {"target_country", K_PATH, "target.0.country"},
    {"target_code", K_PATH, "target.0.code"},
    {"target_ids", K_IDS, "target"},
    {"cameo", K_PATH, "cameo"},
    {"cameo_label", K_CAMEO_LABEL, NULL},
    {"root", K_PATH, "root"},
    {"root_label", K_ROOT_LABEL, NULL},
    {"quad_class", K_PATH, "quad_class"},
    {"goldstein", K_PATH, "goldstein"},
    {"plover_type", K_PATH, "plover_type"},
    {"plover_mode", K_PATH, "plover_mode"},
    {"acled", K_PATH, "acled"},
    {"negated", K_PATH, "negated"},
    {"future", K_PATH, "future"},
    {"hypothetical", K_PATH, "hypothetical"},
    {"claimed", K_PATH, "claimed"},
    {"symmetric", K_PATH, "symmetric"},
    {"in_quote", K_PATH, "in_quote"},
    {"place_id", K_PATH, "place.id"},
    {"place_name", K_PATH, "place.name_ar"},
    {"lat", K_PATH, "place.lat"},
    {"lon", K_PATH, "place.lon"},
    {"killed", K_PATH, "magnitudes.killed"},
    {"wounded", K_PATH, "magnitudes.wounded"},
    {"arrested", K_PATH, "magnitudes.arrested"},
    {"money", K_PATH, "magnitudes.money"},
    {"currency", K_PATH, "magnitudes.currency"},
    {"trigger", K_PATH, "trigger.text"},
    {"trigger_lemma", K_PATH, "trigger.lemma"},
    {"trigger_start", K_PATH, "trigger.span.0"},
    {"trigger_end", K_PATH, "trigger.span.1"},
    {"sentence", K_SENTENCE, NULL},
    {"sentence_start", K_PATH, "sentence_span.0"},
    {"sentence_end", K_PATH, "sentence_span.1"},
    {"confidence", K_PATH, "confidence"},
};
#define N_COLUMNS (sizeof COLUMNS / sizeof COLUMNS[0])

void rasd_export_events_header(rasd_buf *out) {
    for (size_t i = 0; i < N_COLUMNS; i++) rasd_query_csv_field(out, COLUMNS[i].name, i + 1 == N_COLUMNS);
}

void rasd_export_quotes_header(rasd_buf *out) {
    static const char *const H[] = {"doc_id",         "published", "outlet", "url",    "title",
                                    "speaker_id",     "speaker_name", "speaker_text", "verb", "direct",
                                    "quote",          "quote_start", "quote_end"};
    size_t n = sizeof H / sizeof H[0];
    for (size_t i = 0; i < n; i++) rasd_query_csv_field(out, H[i], i + 1 == n);
}

static const json_t *lookup(const json_t *v, const char *path) {
    char part[32];
    while (v && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof part) return NULL;
        memcpy(part, path, n);
        part[n] = '\0';
        v = json_is_array(v) ? json_array_get(v, (size_t)atoi(part)) : json_object_get(v, part);
        path += n + (path[n] == '.');
    }
    return v;
}

static const char *str_at(const json_t *e, const char *path) { return json_string_value(lookup(e, path)); }

/* ------------------------------------------------- a table row as an event */

/* from's members set on to, objects merged member by member. */
static void merge(json_t *to, const json_t *from) {
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)from, k, v) {
        json_t *have = json_object_get(to, k);
        if (json_is_object(have) && json_is_object(v)) merge(have, v);
        else json_object_set(to, k, v);
    }
}

/* The events table's row in the analysis line's shape, so that one writer
 * serves both: the codes, the ids, the trigger's span, the true flags. */
static json_t *event_of_row(const json_t *row, const rasd_export_doc *d) {
    json_t *e = json_object();
    if (!e) return NULL;
    const char *cameo = str_at(row, "cameo");
    json_int_t s = json_integer_value(json_object_get(row, "start")),
               t = json_integer_value(json_object_get(row, "end"));
    json_t *trigger = json_object();
    if (json_is_integer(json_object_get(row, "start")) && s >= 0 && t >= s && d->text && (size_t)t <= d->text_len) {
        json_object_set_new(trigger, "text", json_stringn(d->text + s, (size_t)(t - s)));
        json_object_set_new(trigger, "span", json_pack("[II]", s, t));
    }
    json_object_set_new(e, "trigger", trigger);
    if (cameo) {
        json_object_set_new(e, "cameo", json_string(cameo));
        if (strlen(cameo) >= 2) json_object_set_new(e, "root", json_stringn(cameo, 2));
        json_object_set_new(e, "quad_class", json_integer(rasd_cameo_quad_class(cameo)));
        json_object_set_new(e, "goldstein", json_real(rasd_cameo_goldstein(cameo)));
    }
    json_object_set(e, "plover_type", json_object_get(row, "plover"));
    json_object_set(e, "acled", json_object_get(row, "acled"));
    static const char *const SIDES[] = {"source", "target"};
    for (int k = 0; k < 2; k++) {
        const char *id = str_at(row, SIDES[k]);
        json_object_set_new(e, SIDES[k], id ? json_pack("[{ss}]", "entity", id) : json_array());
    }
    const char *place = str_at(row, "place"), *date = str_at(row, "date"), *flags = str_at(row, "flags");
    if (place) json_object_set_new(e, "place", json_pack("{ss}", "id", place));
    if (date) json_object_set_new(e, "date", json_pack("{ss}", "value", date));
    static const char *const FLAGS[] = {"negated", "future", "hypothetical", "claimed", "symmetric", "in_quote"};
    for (size_t k = 0; k < sizeof FLAGS / sizeof FLAGS[0]; k++) {
        bool on = false;
        for (const char *p = flags; p && *p;) { /* a comma-separated list of the true ones */
            size_t n = strcspn(p, ",");
            if (n == strlen(FLAGS[k]) && strncmp(p, FLAGS[k], n) == 0) on = true;
            p += n + (p[n] == ',');
        }
        json_object_set_new(e, FLAGS[k], json_boolean(on));
    }
    /* names, codes, magnitudes, the sentence: the detail stored beside the row */
    const json_t *detail = json_object_get(row, "detail");
    if (json_is_object(detail)) merge(e, detail);
    return e;
}

/* ---------------------------------------------------------------- filters */

static bool has_participant(const json_t *side, const char *id) {
    size_t i;
    const json_t *p;
    json_array_foreach(side, i, p) {
        const char *e = json_string_value(json_object_get(p, "entity"));
        if (e && strcmp(e, id) == 0) return true;
    }
    return false;
}

static bool passes(const rasd_query *q, const json_t *e, const rasd_export_doc *d) {
    const char *date = str_at(e, "date.value");
    if (!date) date = d->published;
    if (q->since && (!date || strcmp(date, q->since) < 0)) return false;
    if (q->until && (!date || strcmp(date, q->until) > 0)) return false;
    if (q->actor && !has_participant(json_object_get(e, "source"), q->actor)) return false;
    if (q->target && !has_participant(json_object_get(e, "target"), q->target)) return false;
    const char *cameo = str_at(e, "cameo"), *place = str_at(e, "place.id");
    if (q->cameo && (!cameo || strncmp(cameo, q->cameo, strlen(q->cameo)) != 0)) return false;
    if (q->place && (!place || strcmp(place, q->place) != 0)) return false;
    return true;
}

/* ------------------------------------------------------------------ cells */

/* A cell's text: NULL for none; numbers as JSON writes them; booleans
 * as true/false (what pandas and R read as booleans). */
static const char *cell_text(const json_t *v, char *num, size_t cap) {
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_true(v)) return "true";
    if (json_is_false(v)) return "false";
    if (json_is_integer(v)) {
        snprintf(num, cap, "%lld", (long long)json_integer_value(v));
        return num;
    }
    if (json_is_real(v)) {
        snprintf(num, cap, "%.10g", json_real_value(v));
        return num;
    }
    return NULL;
}

/* The column's value as a JSON value (new reference, or NULL for null). */
static json_t *value_of(const column *c, const json_t *e, const rasd_export_doc *d, size_t index) {
    switch (c->kind) {
    case K_DOC_ID: return json_integer(d->id);
    case K_PUBLISHED: return d->published ? json_string(d->published) : NULL;
    case K_OUTLET: return d->outlet ? json_string(d->outlet) : NULL;
    case K_URL: return d->url ? json_string(d->url) : NULL;
    case K_TITLE: return d->title ? json_string(d->title) : NULL;
    case K_INDEX: return json_integer((json_int_t)index);
    case K_PATH: {
        json_t *v = (json_t *)lookup(e, c->path);
        return v && !json_is_null(v) ? json_incref(v) : NULL;
    }
    case K_IDS: {
        const json_t *side = json_object_get(e, c->path), *p;
        size_t i;
        rasd_buf b = {0};
        json_array_foreach(side, i, p) {
            const char *id = json_string_value(json_object_get(p, "entity"));
            if (!id) continue;
            if (b.len) rasd_buf_putc(&b, ';');
            rasd_buf_append(&b, id, strlen(id));
        }
        json_t *v = b.len && !b.oom ? json_stringn(b.data, b.len) : NULL;
        rasd_buf_free(&b);
        return v;
    }
    case K_CAMEO_LABEL:
    case K_ROOT_LABEL: {
        const char *code = str_at(e, "cameo");
        const char *label = c->kind == K_CAMEO_LABEL ? rasd_cameo_label(code) : rasd_cameo_root_label(code);
        return label ? json_string(label) : NULL;
    }
    case K_SENTENCE: {
        const json_t *s = lookup(e, "sentence_span.0"), *t = lookup(e, "sentence_span.1");
        json_int_t a = json_integer_value(s), b = json_integer_value(t);
        if (!json_is_integer(s) || !json_is_integer(t) || a < 0 || b < a || !d->text || (size_t)b > d->text_len)
            return NULL;
        return json_stringn(d->text + a, (size_t)(b - a)); /* NULL if the span cuts a character */
    }
    }
    return NULL;
}

static bool write_event(rasd_buf *out, bool csv, const json_t *e, const rasd_export_doc *d, size_t index) {
    json_t *row = csv ? NULL : json_object();
    if (!csv && !row) return false;
    char num[64];
    for (size_t i = 0; i < N_COLUMNS; i++) {
        json_t *v = value_of(&COLUMNS[i], e, d, index);
        if (csv) rasd_query_csv_field(out, cell_text(v, num, sizeof num), i + 1 == N_COLUMNS);
        else json_object_set_new(row, COLUMNS[i].name, v ? v : json_null());
        if (csv) json_decref(v);
    }
    if (!csv) {
        char *line = json_dumps(row, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
        json_decref(row);
        if (!line) return false;
        rasd_buf_append(out, line, strlen(line));
        rasd_buf_putc(out, '\n');
        free(line);
    }
    return !out->oom;
}

rasd_status rasd_export_events_doc(rasd_buf *out, bool csv, const rasd_query *q, const rasd_export_doc *d,
                                   rasd_error *err) {
    json_t *rows = d->rows_json ? json_loadb(d->rows_json, d->rows_len, 0, NULL) : NULL;
    json_t *events = d->events_json ? json_loadb(d->events_json, d->events_len, 0, NULL) : NULL;
    size_t n_rows = json_array_size(rows);
    /* the line only for rows stored without their detail (schema 4 and
     * older, with --keep-json): the rows are in text order, the line's
     * events in the coder's */
    bool bare = n_rows > 0;
    for (size_t i = 0; i < n_rows && bare; i++) bare = !json_is_object(json_object_get(json_array_get(rows, i), "detail"));
    bool from_line = bare && json_is_array(events) && json_array_size(events) == n_rows;
    rasd_status st = RASD_OK;
    for (size_t i = 0; i < n_rows && st == RASD_OK; i++) {
        json_t *own = from_line ? NULL : event_of_row(json_array_get(rows, i), d);
        const json_t *e = from_line ? json_array_get(events, i) : own;
        if (!e) st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory exporting document %lld", (long long)d->id);
        else if (passes(q, e, d) && !write_event(out, csv, e, d, i))
            st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory exporting document %lld", (long long)d->id);
        json_decref(own);
    }
    json_decref(rows);
    json_decref(events);
    return st;
}
