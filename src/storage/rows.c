/*
 * rows.c: the analysis JSON line flattened into table rows (rows.h).
 *
 * yajl's event parser reads the line once and this file keeps what the
 * tables need as it goes: no tree is built. A tree (jansson) cost 0.29 ms
 * per SaudiNewsNet article, a fifth of an ingest's CPU, where the events
 * cost 0.03 ms: every mention of every entity became an object with its
 * own hash table, only to be read once and freed.
 *
 * What is kept depends on where the parser is: the member of the root
 * object (entities, places, quotes, events, framing, numbers, dates,
 * paragraphs), the key inside one item, and for the items' own objects
 * (a quote's speaker and verb, an event's participants, place, date and
 * trigger) the key inside those. Strings are copied into an arena the
 * rows own. Missing members give no rows (an analysis run with
 * --no-entities has no entities), but a member of the wrong type is an
 * error naming the member, so a schema change is noticed rather than
 * silently stored as nothing.
 */
#include "storage/rows.h"
#include "storage/event_detail.h"

#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* ---------------------------------------------------------------- arena */

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    char data[];
} arena_block;

static char *arena_dup(arena_block **head, const char *s, size_t n) {
    arena_block *b = *head;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > 16384 ? n + 1 : 16384;
        arena_block *nb = malloc(sizeof *nb + cap);
        if (!nb) return NULL;
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        *head = b = nb;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static void arena_free(arena_block *b) {
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
}

/* A copy of s[0..n) in the rows' own arena (rows.h). */
char *rasd_rows_strndup(rasd_rows *rows, const char *s, size_t n) {
    arena_block *head = rows->arena;
    char *d = arena_dup(&head, s, n);
    rows->arena = head;
    return d;
}

/* --------------------------------------------------------------- parser */

typedef enum member { M_NONE, M_ENT, M_PLACE, M_QUOTE, M_EVENT, M_FRAMING, M_NUMBER, M_DATE, M_PARA } member;

static const char *const MEMBER_NAMES[] = {"", "entities", "places", "quotes", "events", "framing", "numbers",
                                           "dates", "paragraphs"};

#define MAX_DEPTH 8
#define KEY_MAX 32

typedef struct parse {
    rasd_rows *rows;
    arena_block *arena;
    size_t cap[9];             /* capacity of each row array, by member */
    int depth;                 /* containers open */
    char key[MAX_DEPTH][KEY_MAX]; /* the last key at each depth */
    bool is_map[MAX_DEPTH];
    member top;                /* the root member being read */
    bool in_item;              /* a row is open (an object at depth 3) */
    size_t index;              /* element index in a paragraph pair or a trigger span */
    int ref_rank[2];           /* event source/target: which key set the value */
    int64_t m_start, m_end;    /* the mention being read */
    rasd_buf mentions;         /* the open row's mentions, as [[s,e],...] */
    rasd_buf flags;            /* the open event's true flags */
    const char *shape_error;   /* a member of the wrong type */
    /* the line and its parser, for the open event's bytes: yajl counts the
     * bytes it has read of the one chunk it is given (the whole line) */
    const char *json;
    yajl_handle h;
    size_t event_start;
    bool oom;
} parse;

static member member_of(const char *k) {
    for (int m = M_ENT; m <= M_PARA; m++)
        if (strcmp(k, MEMBER_NAMES[m]) == 0) return (member)m;
    return M_NONE;
}

static const char *dup(parse *p, const unsigned char *s, size_t n) {
    char *d = arena_dup(&p->arena, (const char *)s, n);
    if (!d) p->oom = true;
    return d;
}

/* The key the current value belongs to (at depth d, inside a map). */
static const char *key_at(const parse *p, int d) { return d >= 0 && d < MAX_DEPTH ? p->key[d] : ""; }

static bool is(const char *a, const char *b) { return strcmp(a, b) == 0; }

/* A value at depth 1 for a member that must be an array. */
static int root_scalar(parse *p) {
    if (p->depth == 1 && member_of(p->key[1]) != M_NONE) {
        p->shape_error = MEMBER_NAMES[member_of(p->key[1])];
        return 0;
    }
    return p->depth >= 1; /* a scalar root is not an analysis */
}

/* Opens a row of the current member; false when out of memory. */
static bool open_row(parse *p) {
    rasd_rows *r = p->rows;
    void **items;
    size_t *n, size;
    switch (p->top) {
    case M_ENT: items = (void **)&r->entities, n = &r->n_entities, size = sizeof *r->entities; break;
    case M_PLACE: items = (void **)&r->places, n = &r->n_places, size = sizeof *r->places; break;
    case M_QUOTE: items = (void **)&r->quotes, n = &r->n_quotes, size = sizeof *r->quotes; break;
    case M_EVENT: items = (void **)&r->events, n = &r->n_events, size = sizeof *r->events; break;
    case M_FRAMING: items = (void **)&r->framing, n = &r->n_framing, size = sizeof *r->framing; break;
    case M_NUMBER: items = (void **)&r->numbers, n = &r->n_numbers, size = sizeof *r->numbers; break;
    case M_DATE: items = (void **)&r->dates, n = &r->n_dates, size = sizeof *r->dates; break;
    case M_PARA: items = (void **)&r->paragraphs, n = &r->n_paragraphs, size = sizeof *r->paragraphs; break;
    default: return true;
    }
    if (!rasd_grow(items, &p->cap[p->top], *n, size)) return false;
    memset((char *)*items + *n * size, 0, size);
    (*n)++;
    p->in_item = true;
    p->index = 0;
    p->ref_rank[0] = p->ref_rank[1] = 99;
    p->mentions.len = p->flags.len = 0;
    p->mentions.oom = p->flags.oom = false;
    /* spans unknown until read */
    if (p->top == M_QUOTE) r->quotes[r->n_quotes - 1].start = r->quotes[r->n_quotes - 1].end = -1;
    if (p->top == M_EVENT) r->events[r->n_events - 1].start = r->events[r->n_events - 1].end = -1;
    if (p->top == M_FRAMING) r->framing[r->n_framing - 1].start = r->framing[r->n_framing - 1].end = -1;
    if (p->top == M_NUMBER) r->numbers[r->n_numbers - 1].start = r->numbers[r->n_numbers - 1].end = -1;
    if (p->top == M_DATE) r->dates[r->n_dates - 1].start = r->dates[r->n_dates - 1].end = -1;
    if (p->top == M_PARA) {
        r->paragraphs[r->n_paragraphs - 1].start = r->paragraphs[r->n_paragraphs - 1].end = -1;
        r->paragraphs[r->n_paragraphs - 1].repeats = -1;
    }
    return true;
}

/* Closes the open row: mentions and flags become its strings; an entity or
 * place without an id is dropped. */
static bool close_row(parse *p) {
    rasd_rows *r = p->rows;
    p->in_item = false;
    char **mentions = NULL;
    const char *id = "";
    if (p->top == M_ENT) mentions = &r->entities[r->n_entities - 1].mentions, id = r->entities[r->n_entities - 1].id;
    if (p->top == M_PLACE) mentions = &r->places[r->n_places - 1].mentions, id = r->places[r->n_places - 1].id;
    if (mentions) {
        if (!id) { /* not a row the tables can key */
            if (p->top == M_ENT) r->n_entities--;
            else r->n_places--;
            return true;
        }
        rasd_buf b = {0};
        rasd_buf_putc(&b, '[');
        rasd_buf_append(&b, p->mentions.data ? p->mentions.data : "", p->mentions.len);
        rasd_buf_append(&b, "]", 2); /* with the NUL */
        if (b.oom || p->mentions.oom) {
            rasd_buf_free(&b);
            return false;
        }
        *mentions = b.data;
    }
    if (p->top == M_EVENT) {
        rasd_row_event *e = &r->events[r->n_events - 1];
        if (p->flags.len) {
            if (!(e->flags = strndup(p->flags.data, p->flags.len))) return false;
        }
    }
    return true;
}

/* An event participant or reference: the first of entity, agent, id,
 * code, value, text that is a string (an entity, else a generic agent,
 * else a CAMEO code). */
static int ref_rank(const char *k) {
    static const char *const KEYS[] = {"entity", "agent", "id", "code", "value", "text"};
    for (int i = 0; i < 6; i++)
        if (is(k, KEYS[i])) return i;
    return 99;
}

static int on_string(void *ctx, const unsigned char *s, size_t n) {
    parse *p = ctx;
    if (p->depth <= 1) return root_scalar(p);
    if (!p->in_item) return 1;
    rasd_rows *r = p->rows;
    const char *k = key_at(p, p->depth);
    if (p->depth == 3) {
        const char **slot = NULL;
        switch (p->top) {
        case M_ENT: {
            rasd_row_entity *e = &r->entities[r->n_entities - 1];
            if (is(k, "id")) slot = &e->id;
            else if (is(k, "type")) slot = &e->type;
            else if (is(k, "country")) slot = &e->country;
            else if (is(k, "name_ar") || (is(k, "name_en") && !e->name)) slot = &e->name;
            break;
        }
        case M_PLACE: {
            rasd_row_place *e = &r->places[r->n_places - 1];
            if (is(k, "id")) slot = &e->id;
            else if (is(k, "country")) slot = &e->country;
            else if (is(k, "name_ar") || (is(k, "name_en") && !e->name)) slot = &e->name;
            break;
        }
        case M_QUOTE: {
            rasd_row_quote *q = &r->quotes[r->n_quotes - 1];
            if (is(k, "text")) slot = &q->text;
            else if (is(k, "verb")) slot = &q->verb;
            break;
        }
        case M_EVENT: {
            rasd_row_event *e = &r->events[r->n_events - 1];
            if (is(k, "cameo")) slot = &e->cameo;
            else if (is(k, "plover_type") || (is(k, "plover") && !e->plover)) slot = &e->plover;
            else if (is(k, "acled")) slot = &e->acled;
            else if (is(k, "source")) slot = &e->source;
            else if (is(k, "target")) slot = &e->target;
            else if (is(k, "place")) slot = &e->place;
            else if (is(k, "date")) slot = &e->date;
            break;
        }
        case M_FRAMING: {
            rasd_row_framing *f = &r->framing[r->n_framing - 1];
            if (is(k, "actor")) slot = &f->actor;
            else if (is(k, "term")) slot = &f->term;
            else if (is(k, "label")) slot = &f->label;
            break;
        }
        case M_NUMBER: {
            rasd_row_number *x = &r->numbers[r->n_numbers - 1];
            if (is(k, "text")) slot = &x->text;
            else if (is(k, "unit")) slot = &x->unit;
            else if (is(k, "unit_code")) slot = &x->unit_code;
            break;
        }
        case M_DATE: {
            rasd_row_date *x = &r->dates[r->n_dates - 1];
            if (is(k, "text")) slot = &x->text;
            else if (is(k, "value")) slot = &x->value;
            else if (is(k, "granularity")) slot = &x->granularity;
            break;
        }
        default: break;
        }
        if (slot) *slot = dup(p, s, n);
    } else if (p->depth == 5 && p->is_map[5] && !p->is_map[4] && p->top == M_EVENT) {
        /* an event's participants, a list: the best-ranked reference of any */
        const char *sub = key_at(p, 3);
        int rank = ref_rank(k);
        if (is(sub, "source") || is(sub, "target")) {
            rasd_row_event *e = &r->events[r->n_events - 1];
            int w = is(sub, "target");
            if (rank < p->ref_rank[w]) {
                p->ref_rank[w] = rank;
                *(w ? &e->target : &e->source) = dup(p, s, n);
            }
        }
    } else if (p->depth == 4 && p->is_map[4]) { /* a field of an item's object */
        const char *sub = key_at(p, 3);
        if (p->top == M_QUOTE) {
            rasd_row_quote *q = &r->quotes[r->n_quotes - 1];
            if (is(sub, "speaker") && is(k, "entity")) q->speaker = dup(p, s, n);
            else if (is(sub, "speaker") && is(k, "text")) q->speaker_text = dup(p, s, n);
            else if (is(sub, "verb") && is(k, "text")) q->verb = dup(p, s, n);
        } else if (p->top == M_EVENT) {
            rasd_row_event *e = &r->events[r->n_events - 1];
            int rank = ref_rank(k);
            if (is(sub, "source") || is(sub, "target")) {
                int w = is(sub, "target");
                if (rank < p->ref_rank[w]) {
                    p->ref_rank[w] = rank;
                    *(w ? &e->target : &e->source) = dup(p, s, n);
                }
            } else if (is(sub, "place") && (is(k, "id") || (is(k, "name_ar") && !e->place))) {
                e->place = dup(p, s, n);
            } else if (is(sub, "date") && is(k, "value")) {
                e->date = dup(p, s, n);
            }
        } else if (p->top == M_FRAMING && is(sub, "actor") && ref_rank(k) <= 2) {
            r->framing[r->n_framing - 1].actor = dup(p, s, n);
        }
    }
    return !p->oom;
}

static int on_integer(void *ctx, long long v) {
    parse *p = ctx;
    if (p->depth <= 1) return root_scalar(p);
    if (!p->in_item) return 1;
    rasd_rows *r = p->rows;
    const char *k = key_at(p, p->depth);
    if (p->top == M_PARA && p->depth == 3) { /* [start, end] */
        rasd_row_paragraph *x = &r->paragraphs[r->n_paragraphs - 1];
        if (p->index == 0) x->start = v;
        else if (p->index == 1) x->end = v;
        p->index++;
        return 1;
    }
    if (p->depth == 3) {
        bool start = is(k, "start"), end = is(k, "end");
        switch (p->top) {
        case M_ENT:
            if (is(k, "mention_count")) r->entities[r->n_entities - 1].mention_count = v;
            break;
        case M_PLACE:
            if (is(k, "mention_count")) r->places[r->n_places - 1].mention_count = v;
            else if (is(k, "lat")) r->places[r->n_places - 1].lat = (double)v;
            else if (is(k, "lon")) r->places[r->n_places - 1].lon = (double)v, r->places[r->n_places - 1].has_coords = true;
            break;
        case M_QUOTE:
            if (start) r->quotes[r->n_quotes - 1].start = v;
            if (end) r->quotes[r->n_quotes - 1].end = v;
            break;
        case M_FRAMING:
            if (start) r->framing[r->n_framing - 1].start = v;
            if (end) r->framing[r->n_framing - 1].end = v;
            if (is(k, "polarity")) r->framing[r->n_framing - 1].polarity = v;
            break;
        case M_NUMBER:
            if (start) r->numbers[r->n_numbers - 1].start = v;
            if (end) r->numbers[r->n_numbers - 1].end = v;
            if (is(k, "value")) r->numbers[r->n_numbers - 1].value = (double)v, r->numbers[r->n_numbers - 1].has_value = true;
            break;
        case M_DATE:
            if (start) r->dates[r->n_dates - 1].start = v;
            if (end) r->dates[r->n_dates - 1].end = v;
            break;
        case M_EVENT: /* an event without a trigger object: its own span */
            if (start && r->events[r->n_events - 1].start < 0) r->events[r->n_events - 1].start = v;
            if (end && r->events[r->n_events - 1].end < 0) r->events[r->n_events - 1].end = v;
            break;
        default: break;
        }
    } else if (p->depth == 5 && (p->top == M_ENT || p->top == M_PLACE) && is(key_at(p, 3), "mentions")) {
        if (is(k, "start")) p->m_start = v;
        else if (is(k, "end")) p->m_end = v;
    } else if (p->depth == 5 && p->top == M_EVENT && is(key_at(p, 3), "trigger") && is(key_at(p, 4), "span")) {
        rasd_row_event *e = &r->events[r->n_events - 1];
        if (p->index == 0) e->start = v;
        else if (p->index == 1) e->end = v;
        p->index++;
    }
    return 1;
}

static int on_double(void *ctx, double v) {
    parse *p = ctx;
    if (p->depth <= 1) return root_scalar(p);
    if (!p->in_item || p->depth != 3) return 1;
    rasd_rows *r = p->rows;
    const char *k = key_at(p, 3);
    if (p->top == M_PLACE && is(k, "lat")) r->places[r->n_places - 1].lat = v;
    else if (p->top == M_PLACE && is(k, "lon")) r->places[r->n_places - 1].lon = v, r->places[r->n_places - 1].has_coords = true;
    else if (p->top == M_NUMBER && is(k, "value"))
        r->numbers[r->n_numbers - 1].value = v, r->numbers[r->n_numbers - 1].has_value = true;
    return 1;
}

static int on_boolean(void *ctx, int v) {
    parse *p = ctx;
    if (p->depth <= 1) return root_scalar(p);
    if (!p->in_item || p->depth != 3) return 1;
    const char *k = key_at(p, 3);
    if (p->top == M_QUOTE && is(k, "direct")) p->rows->quotes[p->rows->n_quotes - 1].direct = v;
    if (p->top == M_EVENT && v) { /* the event's flags: negated, future, claimed... */
        if (p->flags.len) rasd_buf_putc(&p->flags, ',');
        rasd_buf_append(&p->flags, k, strlen(k));
        if (p->flags.oom) p->oom = true;
    }
    return !p->oom;
}

static int on_null(void *ctx) {
    parse *p = ctx;
    return p->depth <= 1 ? root_scalar(p) : 1;
}

static int on_key(void *ctx, const unsigned char *s, size_t n) {
    parse *p = ctx;
    if (p->depth >= MAX_DEPTH) return 1;
    size_t m = n < KEY_MAX - 1 ? n : KEY_MAX - 1;
    memcpy(p->key[p->depth], s, m);
    p->key[p->depth][m] = '\0';
    return 1;
}

static int on_start_map(void *ctx) {
    parse *p = ctx;
    if (p->depth == 1 && member_of(p->key[1]) != M_NONE) { /* an object where an array belongs */
        p->shape_error = MEMBER_NAMES[member_of(p->key[1])];
        return 0;
    }
    p->depth++;
    if (p->depth < MAX_DEPTH) {
        p->is_map[p->depth] = true;
        p->key[p->depth][0] = '\0';
    }
    if (p->depth == 3 && p->top != M_NONE && p->top != M_PARA && !open_row(p)) p->oom = true;
    if (p->depth == 3 && p->top == M_EVENT) p->event_start = yajl_get_bytes_consumed(p->h) - 1; /* its '{' */
    if (p->depth == 5 && p->in_item && (p->top == M_ENT || p->top == M_PLACE)) p->m_start = p->m_end = -1;
    return !p->oom;
}

static int on_end_map(void *ctx) {
    parse *p = ctx;
    if (p->depth == 5 && p->in_item && (p->top == M_ENT || p->top == M_PLACE) && is(key_at(p, 3), "mentions")) {
        char tmp[48];
        int k = snprintf(tmp, sizeof tmp, "%s[%lld,%lld]", p->mentions.len ? "," : "", (long long)p->m_start,
                         (long long)p->m_end);
        rasd_buf_append(&p->mentions, tmp, (size_t)k);
    }
    if (p->depth == 3 && p->in_item && p->top == M_EVENT) {
        size_t end = yajl_get_bytes_consumed(p->h); /* past its '}' */
        rasd_row_event *e = &p->rows->events[p->rows->n_events - 1];
        if (end > p->event_start && p->json[p->event_start] == '{')
            e->detail = rasd_event_detail(p->json + p->event_start, end - p->event_start);
    }
    if (p->depth == 3 && p->in_item && !close_row(p)) p->oom = true;
    p->depth--;
    return !p->oom;
}

static int on_start_array(void *ctx) {
    parse *p = ctx;
    if (p->depth == 0) return 0; /* the root must be an object */
    p->depth++;
    if (p->depth < MAX_DEPTH) {
        p->is_map[p->depth] = false;
        p->key[p->depth][0] = '\0';
    }
    if (p->depth == 2) p->top = member_of(p->key[1]);
    else if (p->depth == 3 && p->top == M_PARA && !open_row(p)) p->oom = true;
    else if (p->depth == 5) p->index = 0;
    return !p->oom;
}

static int on_end_array(void *ctx) {
    parse *p = ctx;
    if (p->depth == 3 && p->top == M_PARA) p->in_item = false;
    if (p->depth == 2) p->top = M_NONE;
    p->depth--;
    return 1;
}

static const yajl_callbacks CALLBACKS = {
    on_null, on_boolean, on_integer, on_double, NULL, on_string, on_start_map, on_key, on_end_map,
    on_start_array, on_end_array,
};

rasd_status rasd_rows_from_json(const char *name, const char *json, size_t len, rasd_rows *rows, rasd_error *err) {
    memset(rows, 0, sizeof *rows);
    parse p = {.rows = rows, .json = json};
    yajl_handle h = yajl_alloc(&CALLBACKS, NULL, &p);
    if (!h) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
    p.h = h;
    /* the analysis writer (yajl too) validated its output's UTF-8 */
    yajl_config(h, yajl_dont_validate_strings, 1);
    yajl_status st = yajl_parse(h, (const unsigned char *)json, len);
    if (st == yajl_status_ok) st = yajl_complete_parse(h);
    rasd_status result = RASD_OK;
    if (p.oom) {
        result = rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory flattening the analysis", name);
    } else if (p.shape_error) {
        result = rasd_fail(err, RASD_ERR_FORMAT, "%s: analysis member \"%s\" is not an array", name, p.shape_error);
    } else if (st != yajl_status_ok) {
        size_t at = yajl_get_bytes_consumed(h);
        unsigned char *msg = yajl_get_error(h, 0, (const unsigned char *)json, len);
        result = rasd_fail_at(err, RASD_ERR_FORMAT, at, "%s: analysis JSON, byte %zu: %s", name, at,
                              msg ? (const char *)msg : "not an object");
        if (msg) yajl_free_error(h, msg);
    }
    yajl_free(h);
    rasd_buf_free(&p.mentions);
    rasd_buf_free(&p.flags);
    rows->arena = p.arena;
    if (result != RASD_OK) rasd_rows_free(rows);
    return result;
}

void rasd_rows_free(rasd_rows *rows) {
    if (!rows) return;
    for (size_t i = 0; i < rows->n_entities; i++) free(rows->entities[i].mentions);
    for (size_t i = 0; i < rows->n_places; i++) free(rows->places[i].mentions);
    for (size_t i = 0; i < rows->n_events; i++) free(rows->events[i].flags), free(rows->events[i].detail);
    free(rows->entities);
    free(rows->places);
    free(rows->quotes);
    free(rows->events);
    free(rows->framing);
    free(rows->numbers);
    free(rows->dates);
    free(rows->paragraphs);
    for (size_t i = 0; i < rows->n_boilerplate; i++) free(rows->boilerplate[i].text);
    free(rows->boilerplate);
    arena_free(rows->arena);
    rasd_term_list_free(&rows->title_terms);
    rasd_term_list_free(&rows->text_terms);
    memset(rows, 0, sizeof *rows);
}
