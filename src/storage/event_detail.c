/*
 * event_detail.c: an event's detail (event_detail.h), cut from its
 * object in the analysis line with jansson. One small object per event
 * (under a kilobyte), so the parse costs microseconds; the members kept
 * are listed here once, and what the columns already hold (codes, ids,
 * flags, the trigger's span, the date's value, the place's id) is left
 * out, which keeps the detail at about a quarter of the event's JSON.
 */
#include "storage/event_detail.h"

#include <jansson.h>
#include <string.h>

/* Copies the listed members of from that are not null into to (under the
 * same names). */
static void keep(json_t *to, const json_t *from, const char *const *names) {
    for (; *names; names++) {
        json_t *v = json_object_get(from, *names);
        if (v && !json_is_null(v)) json_object_set(to, *names, v);
    }
}

/* A sub-object with its listed members, set on to when any is there. */
static void keep_object(json_t *to, const json_t *from, const char *name, const char *const *names) {
    json_t *sub = json_object();
    keep(sub, json_object_get(from, name), names);
    if (json_object_size(sub)) json_object_set(to, name, sub);
    json_decref(sub);
}

char *rasd_event_detail(const char *json, size_t len) {
    json_t *e = json_loadb(json, len, 0, NULL);
    if (!json_is_object(e)) {
        json_decref(e);
        return NULL;
    }
    json_t *d = json_object();
    static const char *const TOP[] = {"sentence_span", "plover_mode", "confidence", NULL};
    static const char *const TRIGGER[] = {"lemma", NULL};
    static const char *const SIDE[] = {"entity", "agent", "name_ar", "name_en", "type", "code", "country", NULL};
    static const char *const PLACE[] = {"name_ar", "lat", "lon", NULL};
    static const char *const DATE[] = {"granularity", "from_publication", NULL};
    static const char *const MAGNITUDES[] = {"killed", "wounded", "arrested", "money", "currency", NULL};
    keep(d, e, TOP);
    keep_object(d, e, "trigger", TRIGGER);
    keep_object(d, e, "place", PLACE);
    keep_object(d, e, "date", DATE);
    keep_object(d, e, "magnitudes", MAGNITUDES);
    static const char *const SIDES[] = {"source", "target"};
    for (int k = 0; k < 2; k++) {
        const json_t *list = json_object_get(e, SIDES[k]), *p;
        size_t i;
        if (!json_array_size(list)) continue;
        json_t *out = json_array();
        json_array_foreach(list, i, p) {
            json_t *one = json_object();
            keep(one, p, SIDE);
            json_array_append_new(out, one);
        }
        json_object_set_new(d, SIDES[k], out);
    }
    char *s = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(d);
    json_decref(e);
    return s;
}
