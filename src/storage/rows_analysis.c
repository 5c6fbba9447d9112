/*
 * rows_analysis.c: the store's rows of an article read from its analysis
 * through rasd.h's typed views, not from its JSON line (rows.c): parsing
 * back the line the ingest had just written, and cutting each event's
 * detail from it with jansson, was a tenth of an ingest's CPU.
 *
 * The rows are those rows.c makes of the same analysis' line, field for
 * field: a string the line writes as null is NULL, one it writes even when
 * empty is "", numbers are those the line prints (the views round them
 * alike), and an event's detail is the bytes event_detail.c's jansson
 * writes (compact, members in order, reals as %.10g with a ".0" when they
 * look integral). tests/test_rows_analysis.c compares both ways.
 */
#include "storage/rows.h"

#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct build {
    rasd_rows *rows;
    const char *text;
    bool oom;
} build;

static const char *dup(build *b, const char *s) {
    if (!s) return NULL;
    char *d = rasd_rows_strndup(b->rows, s, strlen(s));
    if (!d) b->oom = true;
    return d;
}

static const char *dup_span(build *b, size_t start, size_t end) {
    char *d = rasd_rows_strndup(b->rows, b->text + start, end - start);
    if (!d) b->oom = true;
    return d;
}

/* "[[start,end],...]" of the listed mentions, malloc'd as rows.c keeps them. */
typedef bool (*mention_fn)(const rasd_analysis *a, size_t i, size_t k, rasd_fact_mention *out);

static char *mention_list(const rasd_analysis *a, size_t i, size_t n, mention_fn get) {
    rasd_buf m = {0};
    rasd_buf_putc(&m, '[');
    for (size_t k = 0; k < n; k++) {
        rasd_fact_mention fm;
        if (!get(a, i, k, &fm)) continue;
        char tmp[48];
        int w = snprintf(tmp, sizeof tmp, "%s[%lld,%lld]", k ? "," : "", (long long)fm.start, (long long)fm.end);
        rasd_buf_append(&m, tmp, (size_t)w);
    }
    rasd_buf_append(&m, "]", 2); /* with the NUL */
    if (m.oom) {
        rasd_buf_free(&m);
        return NULL;
    }
    return m.data;
}

/* ------------------------------------------------ jansson's compact JSON */

/* A string escaped as jansson's dump does: \\ \" and the short escapes,
 * other control characters as \u00XX in capitals, the rest as it is. */
static void j_str(rasd_buf *f, const char *s) {
    rasd_buf_putc(f, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *esc = NULL;
        char seq[8];
        switch (*p) {
        case '\\': esc = "\\\\"; break;
        case '"': esc = "\\\""; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            if (*p < 0x20) {
                snprintf(seq, sizeof seq, "\\u%04X", (unsigned)*p);
                esc = seq;
            }
        }
        if (esc) rasd_buf_append(f, esc, strlen(esc));
        else rasd_buf_putc(f, (char)*p);
    }
    rasd_buf_putc(f, '"');
}

/* A real as jansson writes it with JSON_REAL_PRECISION(10): %.10g, ".0"
 * when that looks integral, and the exponent without '+' or leading zeros. */
static void j_real(rasd_buf *f, double v) {
    char buf[48];
    int n = snprintf(buf, sizeof buf, "%.10g", v);
    if (n < 0 || (size_t)n >= sizeof buf - 3) return;
    if (!strchr(buf, '.') && !strchr(buf, 'e')) {
        memcpy(buf + n, ".0", 3);
        n += 2;
    }
    char *e = strchr(buf, 'e');
    if (e) {
        char *start = e + 1, *end = start + 1;
        if (*start == '-') start++;
        while (*end == '0') end++;
        if (end != start) {
            memmove(start, end, (size_t)(buf + n - end) + 1);
            n -= (int)(end - start);
        }
    }
    rasd_buf_append(f, buf, (size_t)n);
}

static void j_int(rasd_buf *f, size_t v) {
    char buf[24];
    int n = snprintf(buf, sizeof buf, "%zu", v);
    rasd_buf_append(f, buf, (size_t)n);
}

/* A member: its key with the separator before it unless it is the first. */
static void j_key(rasd_buf *f, bool *first, const char *k) {
    if (!*first) rasd_buf_putc(f, ',');
    *first = false;
    j_str(f, k);
    rasd_buf_putc(f, ':');
}

static void j_str_member(rasd_buf *f, bool *first, const char *k, const char *v) {
    if (!v) return;
    j_key(f, first, k);
    j_str(f, v);
}

static void j_real_member(rasd_buf *f, bool *first, const char *k, double v) {
    j_key(f, first, k);
    j_real(f, v);
}

/* One side's participants as the detail keeps them (event_detail.c SIDE). */
static void j_side(rasd_buf *f, const char *name, const rasd_fact_participant *p) {
    if (!p->present) return;
    rasd_buf_putc(f, ',');
    j_str(f, name);
    rasd_buf_append(f, ":[{", 3);
    bool first = true;
    j_str_member(f, &first, "entity", p->entity);
    j_str_member(f, &first, "agent", p->agent);
    j_str_member(f, &first, "name_ar", p->name_ar);
    j_str_member(f, &first, "name_en", p->name_en);
    j_str_member(f, &first, "type", p->type);
    j_str_member(f, &first, "code", p->code);
    j_str_member(f, &first, "country", p->country);
    rasd_buf_append(f, "}]", 2);
}

/* A magnitude as the line prints it (analysis_events.c fmagnitude) and
 * jansson reads it back and writes it again: a real, or an integer when
 * the printed number has neither '.' nor exponent (a sum a hair off a
 * whole number, printed with 15 digits). */
static void j_magnitude(rasd_buf *f, bool *first, const char *k, double v) {
    char buf[40];
    snprintf(buf, sizeof buf, v == (double)(long long)v ? "%.1f" : "%.15g", v);
    j_key(f, first, k);
    if (strchr(buf, '.') || strchr(buf, 'e') || strchr(buf, 'E')) j_real(f, strtod(buf, NULL));
    else rasd_buf_append(f, buf, strlen(buf));
}

/* The event's detail (event_detail.h), the bytes rasd_event_detail gives
 * for the event's object in the line. */
static char *event_detail(const rasd_fact_event *e, const char *text) {
    (void)text;
    rasd_buf f = {0};
    rasd_buf_append(&f, "{\"sentence_span\":[", 18);
    j_int(&f, e->sentence_span.start);
    rasd_buf_putc(&f, ',');
    j_int(&f, e->sentence_span.end);
    rasd_buf_putc(&f, ']');
    bool first = false;
    j_str_member(&f, &first, "plover_mode", e->plover_mode);
    j_real_member(&f, &first, "confidence", e->confidence);
    rasd_buf_append(&f, ",\"trigger\":{\"lemma\":", 20);
    j_str(&f, e->lemma);
    rasd_buf_putc(&f, '}');
    if (e->place_id && (e->place_name || e->place_has_coords)) {
        rasd_buf_append(&f, ",\"place\":{", 10);
        bool sub = true;
        j_str_member(&f, &sub, "name_ar", e->place_name);
        if (e->place_has_coords) {
            j_real_member(&f, &sub, "lat", e->place_lat);
            j_real_member(&f, &sub, "lon", e->place_lon);
        }
        rasd_buf_putc(&f, '}');
    }
    if (e->date) {
        rasd_buf_append(&f, ",\"date\":{\"granularity\":", 23);
        j_str(&f, e->date_granularity);
        rasd_buf_append(&f, ",\"from_publication\":", 20);
        rasd_buf_append(&f, e->date_from_publication ? "true}" : "false}", e->date_from_publication ? 5 : 6);
    }
    static const char *const MAG[] = {"killed", "wounded", "arrested", "money"};
    const double vals[] = {e->killed, e->wounded, e->arrested, e->money};
    bool any = e->currency != NULL;
    for (int k = 0; k < 4; k++) any |= vals[k] >= 0;
    if (any) {
        rasd_buf_append(&f, ",\"magnitudes\":{", 15);
        bool sub = true;
        for (int k = 0; k < 4; k++)
            if (vals[k] >= 0) j_magnitude(&f, &sub, MAG[k], vals[k]);
        j_str_member(&f, &sub, "currency", e->currency);
        rasd_buf_putc(&f, '}');
    }
    j_side(&f, "source", &e->source);
    j_side(&f, "target", &e->target);
    rasd_buf_append(&f, "}", 2); /* with the NUL */
    if (f.oom) {
        rasd_buf_free(&f);
        return NULL;
    }
    return f.data;
}

/* An event side's reference as rows.c ranks the participant's members:
 * its entity, else its agent, else its CAMEO code, else its words. */
static const char *side_ref(build *b, const rasd_fact_participant *p) {
    if (!p->present) return NULL;
    if (p->entity) return dup(b, p->entity);
    if (p->agent) return dup(b, p->agent);
    if (p->code) return dup(b, p->code);
    if (p->span.end > p->span.start) return dup_span(b, p->span.start, p->span.end);
    return NULL;
}

static const char *const FLAG_NAMES[] = {"symmetric", "negated", "future", "hypothetical", "claimed", "in_quote"};

/* ------------------------------------------------------------------ rows */

static bool entities(build *b, const rasd_analysis *a) {
    rasd_rows *r = b->rows;
    size_t n = rasd_analysis_entity_count(a);
    if (!n) return true;
    if (!(r->entities = calloc(n, sizeof *r->entities))) return false;
    for (size_t i = 0; i < n; i++) {
        rasd_fact_entity e;
        rasd_analysis_entity(a, i, &e);
        rasd_row_entity *x = &r->entities[r->n_entities++];
        x->id = dup(b, e.id);
        x->type = dup(b, e.type);
        x->country = dup(b, e.country);
        x->name = dup(b, e.name_ar ? e.name_ar : e.name_en);
        x->mention_count = (int64_t)e.mention_count;
        if (!(x->mentions = mention_list(a, i, e.n_mentions, rasd_analysis_entity_mention))) return false;
    }
    return true;
}

static bool places(build *b, const rasd_analysis *a) {
    rasd_rows *r = b->rows;
    size_t n = rasd_analysis_place_count(a);
    if (!n) return true;
    if (!(r->places = calloc(n, sizeof *r->places))) return false;
    for (size_t i = 0; i < n; i++) {
        rasd_fact_place p;
        rasd_analysis_place(a, i, &p);
        rasd_row_place *x = &r->places[r->n_places++];
        x->id = dup(b, p.id);
        x->country = dup(b, p.country);
        x->name = dup(b, p.name_ar ? p.name_ar : p.name_en);
        x->has_coords = p.has_coords;
        if (p.has_coords) x->lat = p.lat, x->lon = p.lon;
        x->mention_count = (int64_t)p.mention_count;
        if (!(x->mentions = mention_list(a, i, p.n_mentions, rasd_analysis_place_mention))) return false;
    }
    return true;
}

static bool quotes_framing(build *b, const rasd_analysis *a) {
    rasd_rows *r = b->rows;
    size_t n = rasd_analysis_quote_count(a);
    if (n && !(r->quotes = calloc(n, sizeof *r->quotes))) return false;
    for (size_t i = 0; i < n; i++) {
        rasd_fact_quote q;
        rasd_analysis_quote(a, i, &q);
        rasd_row_quote *x = &r->quotes[r->n_quotes++];
        x->text = dup_span(b, q.text.start, q.text.end);
        x->verb = dup_span(b, q.verb.start, q.verb.end);
        x->speaker = dup(b, q.speaker_id);
        x->speaker_text = q.speaker.end > q.speaker.start ? dup_span(b, q.speaker.start, q.speaker.end) : NULL;
        x->direct = q.direct;
        x->start = (int64_t)q.text.start;
        x->end = (int64_t)q.text.end;
    }
    n = rasd_analysis_framing_count(a);
    if (n && !(r->framing = calloc(n, sizeof *r->framing))) return false;
    for (size_t i = 0; i < n; i++) {
        rasd_fact_framing f;
        rasd_analysis_framing(a, i, &f);
        rasd_row_framing *x = &r->framing[r->n_framing++];
        x->actor = dup(b, f.actor_id);
        x->term = dup_span(b, f.term.start, f.term.end);
        x->label = dup(b, f.label);
        x->polarity = f.polarity;
        x->start = (int64_t)f.term.start;
        x->end = (int64_t)f.term.end;
    }
    return true;
}

static bool events(build *b, const rasd_analysis *a) {
    rasd_rows *r = b->rows;
    size_t n = rasd_analysis_event_count(a);
    if (!n) return true;
    if (!(r->events = calloc(n, sizeof *r->events))) return false;
    for (size_t i = 0; i < n; i++) {
        rasd_fact_event e;
        rasd_analysis_event(a, i, &e);
        rasd_row_event *x = &r->events[r->n_events++];
        x->cameo = dup(b, e.cameo);
        x->plover = dup(b, e.plover_type);
        x->acled = dup(b, e.acled);
        x->source = side_ref(b, &e.source);
        x->target = side_ref(b, &e.target);
        x->place = dup(b, e.place_id);
        x->date = dup(b, e.date);
        x->start = (int64_t)e.trigger.start;
        x->end = (int64_t)e.trigger.end;
        if (e.flags) {
            rasd_buf fl = {0};
            for (size_t k = 0; k < sizeof FLAG_NAMES / sizeof FLAG_NAMES[0]; k++) {
                if (!(e.flags & (1u << k))) continue;
                if (fl.len) rasd_buf_putc(&fl, ',');
                rasd_buf_append(&fl, FLAG_NAMES[k], strlen(FLAG_NAMES[k]));
            }
            rasd_buf_putc(&fl, '\0');
            if (fl.oom) {
                rasd_buf_free(&fl);
                return false;
            }
            x->flags = fl.data;
        }
        if (!(x->detail = event_detail(&e, b->text))) return false;
    }
    return true;
}

static bool numbers_dates(build *b, const rasd_analysis *a) {
    rasd_rows *r = b->rows;
    size_t n = rasd_analysis_number_count(a);
    if (n && !(r->numbers = calloc(n, sizeof *r->numbers))) return false;
    for (size_t i = 0; i < n; i++) {
        rasd_fact_number nb;
        rasd_analysis_number(a, i, &nb);
        rasd_row_number *x = &r->numbers[r->n_numbers++];
        x->text = dup_span(b, nb.text.start, nb.text.end);
        x->unit = dup(b, nb.unit);
        x->unit_code = dup(b, nb.unit_code);
        x->has_value = true;
        x->value = nb.value;
        x->start = (int64_t)nb.text.start;
        x->end = (int64_t)nb.text.end;
    }
    n = rasd_analysis_date_count(a);
    if (n && !(r->dates = calloc(n, sizeof *r->dates))) return false;
    for (size_t i = 0; i < n; i++) {
        rasd_fact_date d;
        rasd_analysis_date(a, i, &d);
        rasd_row_date *x = &r->dates[r->n_dates++];
        x->text = dup_span(b, d.text.start, d.text.end);
        x->value = dup(b, d.value);
        x->granularity = dup(b, d.granularity);
        x->start = (int64_t)d.text.start;
        x->end = (int64_t)d.text.end;
    }
    return true;
}

static bool paragraphs(build *b, const rasd_analysis *a) {
    rasd_rows *r = b->rows;
    const rasd_span_list *ps = rasd_analysis_paragraphs(a);
    if (!ps->count) return true;
    if (!(r->paragraphs = calloc(ps->count, sizeof *r->paragraphs))) return false;
    for (size_t i = 0; i < ps->count; i++) {
        rasd_row_paragraph *x = &r->paragraphs[r->n_paragraphs++];
        x->start = (int64_t)ps->items[i].start;
        x->end = (int64_t)ps->items[i].end;
        x->repeats = -1;
    }
    return true;
}

rasd_status rasd_rows_from_analysis(const rasd_analysis *a, rasd_rows *rows, rasd_error *err) {
    memset(rows, 0, sizeof *rows);
    build b = {.rows = rows, .text = rasd_analysis_text(a, NULL)};
    bool ok = entities(&b, a) && places(&b, a) && quotes_framing(&b, a) && events(&b, a) &&
              numbers_dates(&b, a) && paragraphs(&b, a);
    if (!ok || b.oom) {
        rasd_rows_free(rows);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory flattening the analysis");
    }
    return RASD_OK;
}
