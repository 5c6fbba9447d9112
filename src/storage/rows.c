/*
 * rows.c: the analysis JSON line flattened into table rows (rows.h).
 * jansson reads the JSON; this file only walks it. Missing members give no
 * rows (an analysis run with --no-entities has no entities), but a member
 * of the wrong type is an error naming the member, so a schema change is
 * noticed rather than silently stored as nothing.
 */
#include "storage/rows.h"

#include "core/internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *str_or_null(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int64_t int_or(json_t *o, const char *key, int64_t dflt) {
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

/* A member that is a string, or an object naming something by one of a few
 * keys ({"entity": ...}, {"id": ...}, {"code": ...}): events and quotes
 * refer to actors and places either way. */
static const char *ref_of(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    if (json_is_string(v)) return json_string_value(v);
    if (!json_is_object(v)) return NULL;
    static const char *const KEYS[] = {"entity", "id", "code", "value", "text"};
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
        json_t *w = json_object_get(v, KEYS[i]);
        if (json_is_string(w)) return json_string_value(w);
    }
    return NULL;
}

/* [start, end) of an item: "start"/"end" members, or a "span" pair. */
static void span_of(json_t *o, int64_t *start, int64_t *end) {
    *start = int_or(o, "start", -1);
    *end = int_or(o, "end", -1);
    json_t *sp = json_object_get(o, "span");
    if (*start < 0 && json_is_array(sp) && json_array_size(sp) == 2) {
        *start = json_is_integer(json_array_get(sp, 0)) ? json_integer_value(json_array_get(sp, 0)) : -1;
        *end = json_is_integer(json_array_get(sp, 1)) ? json_integer_value(json_array_get(sp, 1)) : -1;
    }
}

/* The "mentions" list as a compact [[start,end],...] string. */
static char *mention_spans(json_t *o) {
    rasd_buf b = {0};
    json_t *m = json_object_get(o, "mentions");
    rasd_buf_putc(&b, '[');
    if (json_is_array(m)) {
        size_t i;
        json_t *it;
        json_array_foreach(m, i, it) {
            char tmp[48];
            int n = snprintf(tmp, sizeof tmp, "%s[%lld,%lld]", i ? "," : "", (long long)int_or(it, "start", -1),
                             (long long)int_or(it, "end", -1));
            rasd_buf_append(&b, tmp, (size_t)n);
        }
    }
    rasd_buf_append(&b, "]", 2); /* with the NUL */
    if (b.oom) {
        rasd_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* The member `key` as an array (NULL when absent); false when present but
 * not an array. */
static bool array_member(json_t *root, const char *key, json_t **arr) {
    *arr = json_object_get(root, key);
    if (!*arr) return true;
    return json_is_array(*arr);
}

#define ALLOC_ROWS(field, count, arr)                                                                                   \
    do {                                                                                                                \
        (count) = 0;                                                                                                    \
        size_t n_ = (arr) ? json_array_size(arr) : 0;                                                                   \
        if (n_ && !((field) = calloc(n_, sizeof *(field)))) goto nomem;                                                 \
    } while (0)

rasd_status rasd_rows_from_json(const char *name, const char *json, size_t len, rasd_rows *rows, rasd_error *err) {
    memset(rows, 0, sizeof *rows);
    json_error_t jerr;
    json_t *root = json_loadb(json, len, 0, &jerr);
    if (!root)
        return rasd_fail_at(err, RASD_ERR_FORMAT, (size_t)jerr.position, "%s: analysis JSON, byte %d: %s", name,
                            jerr.position, jerr.text);
    rows->json = root;
    if (!json_is_object(root)) return rasd_fail(err, RASD_ERR_FORMAT, "%s: analysis JSON is not an object", name);
    static const char *const MEMBERS[] = {"entities", "places", "quotes", "events", "framing", "numbers", "dates",
                                          "paragraphs"};
    json_t *arr[8];
    for (size_t i = 0; i < 8; i++)
        if (!array_member(root, MEMBERS[i], &arr[i]))
            return rasd_fail(err, RASD_ERR_FORMAT, "%s: analysis member \"%s\" is not an array", name, MEMBERS[i]);
    size_t i;
    json_t *it;

    ALLOC_ROWS(rows->entities, rows->n_entities, arr[0]);
    if (arr[0]) json_array_foreach(arr[0], i, it) {
            if (!json_is_object(it) || !str_or_null(it, "id")) continue;
            rasd_row_entity *e = &rows->entities[rows->n_entities++];
            e->id = str_or_null(it, "id");
            e->name = str_or_null(it, "name_ar") ? str_or_null(it, "name_ar") : str_or_null(it, "name_en");
            e->type = str_or_null(it, "type");
            e->country = str_or_null(it, "country");
            e->mention_count = int_or(it, "mention_count", 0);
            if (!(e->mentions = mention_spans(it))) goto nomem;
        }
    ALLOC_ROWS(rows->places, rows->n_places, arr[1]);
    if (arr[1]) json_array_foreach(arr[1], i, it) {
            if (!json_is_object(it) || !str_or_null(it, "id")) continue;
            rasd_row_place *p = &rows->places[rows->n_places++];
            p->id = str_or_null(it, "id");
            p->name = str_or_null(it, "name_ar") ? str_or_null(it, "name_ar") : str_or_null(it, "name_en");
            p->country = str_or_null(it, "country");
            json_t *lat = json_object_get(it, "lat"), *lon = json_object_get(it, "lon");
            p->has_coords = json_is_number(lat) && json_is_number(lon);
            if (p->has_coords) p->lat = json_number_value(lat), p->lon = json_number_value(lon);
            p->mention_count = int_or(it, "mention_count", 0);
            if (!(p->mentions = mention_spans(it))) goto nomem;
        }
    ALLOC_ROWS(rows->quotes, rows->n_quotes, arr[2]);
    if (arr[2]) json_array_foreach(arr[2], i, it) {
            if (!json_is_object(it)) continue;
            rasd_row_quote *q = &rows->quotes[rows->n_quotes++];
            json_t *sp = json_object_get(it, "speaker");
            q->speaker = json_is_object(sp) ? str_or_null(sp, "entity") : NULL;
            q->speaker_text = json_is_object(sp) ? str_or_null(sp, "text") : NULL;
            q->verb = ref_of(it, "verb");
            q->text = str_or_null(it, "text");
            q->direct = json_is_true(json_object_get(it, "direct"));
            span_of(it, &q->start, &q->end);
        }
    ALLOC_ROWS(rows->events, rows->n_events, arr[3]);
    if (arr[3]) json_array_foreach(arr[3], i, it) {
            if (!json_is_object(it)) continue;
            rasd_row_event *ev = &rows->events[rows->n_events++];
            ev->source = ref_of(it, "source");
            ev->target = ref_of(it, "target");
            ev->cameo = ref_of(it, "cameo");
            ev->plover = ref_of(it, "plover");
            ev->acled = ref_of(it, "acled");
            ev->place = ref_of(it, "place");
            ev->date = ref_of(it, "date");
            span_of(it, &ev->start, &ev->end);
            rasd_buf b = {0};
            const char *key;
            json_t *v;
            json_object_foreach(it, key, v) {
                if (!json_is_true(v)) continue;
                if (b.len) rasd_buf_putc(&b, ',');
                rasd_buf_append(&b, key, strlen(key));
            }
            rasd_buf_putc(&b, '\0');
            if (b.oom) {
                rasd_buf_free(&b);
                goto nomem;
            }
            ev->flags = b.data;
        }
    ALLOC_ROWS(rows->framing, rows->n_framing, arr[4]);
    if (arr[4]) json_array_foreach(arr[4], i, it) {
            if (!json_is_object(it)) continue;
            rasd_row_framing *f = &rows->framing[rows->n_framing++];
            f->actor = ref_of(it, "actor");
            f->term = str_or_null(it, "term");
            f->label = str_or_null(it, "label");
            f->polarity = int_or(it, "polarity", 0);
            span_of(it, &f->start, &f->end);
        }
    ALLOC_ROWS(rows->numbers, rows->n_numbers, arr[5]);
    if (arr[5]) json_array_foreach(arr[5], i, it) {
            if (!json_is_object(it)) continue;
            rasd_row_number *n = &rows->numbers[rows->n_numbers++];
            n->text = str_or_null(it, "text");
            n->unit = str_or_null(it, "unit");
            n->unit_code = str_or_null(it, "unit_code");
            json_t *v = json_object_get(it, "value");
            n->has_value = json_is_number(v);
            if (n->has_value) n->value = json_number_value(v);
            span_of(it, &n->start, &n->end);
        }
    ALLOC_ROWS(rows->dates, rows->n_dates, arr[6]);
    if (arr[6]) json_array_foreach(arr[6], i, it) {
            if (!json_is_object(it)) continue;
            rasd_row_date *d = &rows->dates[rows->n_dates++];
            d->text = str_or_null(it, "text");
            d->value = str_or_null(it, "value");
            d->granularity = str_or_null(it, "granularity");
            span_of(it, &d->start, &d->end);
        }
    ALLOC_ROWS(rows->paragraphs, rows->n_paragraphs, arr[7]);
    if (arr[7]) json_array_foreach(arr[7], i, it) {
            if (!json_is_array(it) || json_array_size(it) != 2) continue;
            rasd_row_paragraph *p = &rows->paragraphs[rows->n_paragraphs++];
            p->start = json_is_integer(json_array_get(it, 0)) ? json_integer_value(json_array_get(it, 0)) : -1;
            p->end = json_is_integer(json_array_get(it, 1)) ? json_integer_value(json_array_get(it, 1)) : -1;
        }
    return RASD_OK;
nomem:
    rasd_rows_free(rows);
    return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory flattening the analysis", name);
}

void rasd_rows_free(rasd_rows *rows) {
    if (!rows) return;
    for (size_t i = 0; i < rows->n_entities; i++) free(rows->entities[i].mentions);
    for (size_t i = 0; i < rows->n_places; i++) free(rows->places[i].mentions);
    for (size_t i = 0; i < rows->n_events; i++) free(rows->events[i].flags);
    free(rows->entities);
    free(rows->places);
    free(rows->quotes);
    free(rows->events);
    free(rows->framing);
    free(rows->numbers);
    free(rows->dates);
    free(rows->paragraphs);
    json_decref(rows->json);
    rasd_term_list_free(&rows->title_terms);
    rasd_term_list_free(&rows->text_terms);
    memset(rows, 0, sizeof *rows);
}
