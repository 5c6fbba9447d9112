/*
 * names.c: GET /api/names (names.h). The knowledge base is in memory, so
 * an answer costs a hash lookup per id; the interface asks once per page.
 */
#include "server/names.h"
#include "knowledge/cameo.h"
#include "core/strtab.h"
#include "extract/events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

static void gen_str(yajl_gen g, const char *s) {
    if (s && *s) yajl_gen_string(g, (const unsigned char *)s, strlen(s));
    else yajl_gen_null(g);
}

static void gen_key(yajl_gen g, const char *k, size_t n) { yajl_gen_string(g, (const unsigned char *)k, n); }

typedef void (*item_fn)(yajl_gen g, const rasd_knowledge *kn, const char *item);

/* An event participant's id that names no knowledge-base actor (see
 * src/analysis/analysis_events.c): agent:NAME[:ISO3] a generic agent,
 * country:ISO3 a country's forces or people, phrase:WORDS a noun phrase. */
static bool same_agent(const char *name_en, const char *id, size_t n) {
    /* "residents, locals" is written residents_locals in an id */
    size_t j = 0;
    bool gap = false;
    for (const char *p = name_en; *p; p++) {
        bool alnum = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-';
        if (!alnum) {
            gap = true;
            continue;
        }
        if (gap && j) {
            if (j >= n || id[j] != '_') return false;
            j++;
        }
        gap = false;
        if (j >= n || id[j] != *p) return false;
        j++;
    }
    return j == n;
}

static const rasd_actor *country_actor(const rasd_knowledge *kn, const char *iso3, size_t n) {
    char id[8];
    if (n != 3) return NULL;
    for (size_t i = 0; i < 3; i++) id[i] = (char)(iso3[i] >= 'A' && iso3[i] <= 'Z' ? iso3[i] + 32 : iso3[i]);
    id[3] = '\0';
    uint32_t i = rasd_knowledge_actor_index(kn, id);
    return i == UINT32_MAX ? NULL : &kn->actors[i];
}

static bool participant_item(yajl_gen g, const rasd_knowledge *kn, const char *id) {
    char ar[512], en[512];
    ar[0] = en[0] = '\0';
    if (strncmp(id, "phrase:", 7) == 0) {
        snprintf(ar, sizeof ar, "%s", id + 7);
        for (char *p = ar; *p; p++)
            if (*p == '_') *p = ' ';
    } else if (strncmp(id, "country:", 8) == 0) {
        const rasd_actor *c = country_actor(kn, id + 8, strlen(id + 8));
        if (!c) return false;
        snprintf(ar, sizeof ar, "%s", c->name_ar);
        snprintf(en, sizeof en, "%s", c->name_en);
    } else if (strncmp(id, "agent:", 6) == 0 && kn->events) {
        const char *name = id + 6, *colon = strchr(name, ':');
        size_t n = colon ? (size_t)(colon - name) : strlen(name);
        const rasd_event_dict *d = kn->events;
        const rasd_agent *a = NULL;
        for (size_t i = 0; i < d->n_agents && !a; i++)
            if (d->agents[i].name_en && same_agent(d->agents[i].name_en, name, n)) a = &d->agents[i];
        if (!a) return false;
        const rasd_actor *c = colon ? country_actor(kn, colon + 1, strlen(colon + 1)) : NULL;
        snprintf(ar, sizeof ar, "%s%s%s%s", a->name, c ? " (" : "", c ? c->name_ar : "", c ? ")" : "");
        snprintf(en, sizeof en, "%s%s%s%s", a->name_en, c ? " (" : "", c ? c->name_en : "", c ? ")" : "");
    } else {
        return false;
    }
    yajl_gen_map_open(g);
    gen_key(g, "ar", 2), gen_str(g, ar);
    gen_key(g, "en", 2), gen_str(g, en);
    gen_key(g, "type", 4), gen_str(g, NULL);
    gen_key(g, "country", 7), gen_str(g, NULL);
    yajl_gen_map_close(g);
    return true;
}

static void actor_item(yajl_gen g, const rasd_knowledge *kn, const char *id) {
    uint32_t i = kn ? rasd_knowledge_actor_index(kn, id) : UINT32_MAX;
    if (i == UINT32_MAX) {
        if (!kn || !participant_item(g, kn, id)) yajl_gen_null(g);
        return;
    }
    const rasd_actor *a = &kn->actors[i];
    yajl_gen_map_open(g);
    gen_key(g, "ar", 2), gen_str(g, a->name_ar);
    gen_key(g, "en", 2), gen_str(g, a->name_en);
    gen_key(g, "type", 4), gen_str(g, a->type);
    gen_key(g, "country", 7), gen_str(g, a->country);
    yajl_gen_map_close(g);
}

/* A place id the gazetteer lacks may name a country (country:SYR). */
static void place_item(yajl_gen g, const rasd_knowledge *kn, const char *id) {
    const rasd_strtab_entry *e = kn ? rasd_strtab_get((rasd_strtab *)&kn->place_ids, id, strlen(id), false) : NULL;
    if (!e || !e->count || e->count > kn->n_places) {
        const rasd_actor *c = kn && strncmp(id, "country:", 8) == 0 ? country_actor(kn, id + 8, strlen(id + 8)) : NULL;
        if (!c) {
            yajl_gen_null(g);
            return;
        }
        yajl_gen_map_open(g);
        gen_key(g, "ar", 2), gen_str(g, c->name_ar);
        gen_key(g, "en", 2), gen_str(g, c->name_en);
        gen_key(g, "country", 7), gen_str(g, c->country);
        yajl_gen_map_close(g);
        return;
    }
    const rasd_place *p = &kn->places[e->count - 1];
    yajl_gen_map_open(g);
    gen_key(g, "ar", 2), gen_str(g, p->name_ar);
    gen_key(g, "en", 2), gen_str(g, p->name_en);
    gen_key(g, "country", 7), gen_str(g, p->country);
    /* for a map of places the store lists without coordinates */
    char num[32];
    gen_key(g, "lat", 3), yajl_gen_number(g, num, (size_t)snprintf(num, sizeof num, "%.5f", p->lat));
    gen_key(g, "lon", 3), yajl_gen_number(g, num, (size_t)snprintf(num, sizeof num, "%.5f", p->lon));
    yajl_gen_map_close(g);
}

static void cameo_item(yajl_gen g, const rasd_knowledge *kn, const char *code) {
    (void)kn;
    const char *label = rasd_cameo_label(code);
    if (!label) {
        yajl_gen_null(g);
        return;
    }
    yajl_gen_map_open(g);
    gen_key(g, "en", 2), gen_str(g, label);
    gen_key(g, "root_en", 7), gen_str(g, rasd_cameo_root_label(code));
    yajl_gen_map_close(g);
}

/* One map of the comma-separated list: item -> its record. Empty items
 * are skipped; a repeated one is written once (yajl would write it twice,
 * which JSON parsers take, but a map should not hold it). */
static bool gen_list(yajl_gen g, const rasd_knowledge *kn, const char *list, item_fn fn, size_t *count,
                     bool *bad_text) {
    yajl_gen_map_open(g);
    char *copy = strdup(list ? list : "");
    if (!copy) return false;
    const char *seen[RASD_NAMES_MAX];
    size_t n_seen = 0;
    for (char *save = NULL, *it = strtok_r(copy, ",", &save); it; it = strtok_r(NULL, ",", &save)) {
        bool dup = false;
        for (size_t i = 0; i < n_seen && !dup; i++) dup = strcmp(seen[i], it) == 0;
        if (dup) continue;
        if (++*count > RASD_NAMES_MAX) break;
        seen[n_seen++] = it;
        if (yajl_gen_string(g, (const unsigned char *)it, strlen(it)) != yajl_gen_status_ok) {
            *bad_text = true; /* not UTF-8: yajl refuses it */
            break;
        }
        fn(g, kn, it);
    }
    yajl_gen_map_close(g);
    free(copy);
    return *count <= RASD_NAMES_MAX && !*bad_text;
}

void rasd_names_answer(const rasd_knowledge *kn, const rasd_http_request *req, rasd_http_response *res) {
    for (size_t i = 0; i < req->n_params; i++) {
        const char *name = req->params[i].name;
        if (strcmp(name, "actors") != 0 && strcmp(name, "places") != 0 && strcmp(name, "cameo") != 0) {
            rasd_http_error(res, 400, "bad-parameter",
                            "unknown parameter \"%.60s\"; this endpoint takes actors, places, cameo",
                            name);
            return;
        }
    }
    yajl_gen g = yajl_gen_alloc(NULL);
    if (!g) {
        rasd_http_error(res, 500, "internal", "out of memory");
        return;
    }
    /* ids come from the request: yajl refuses bytes that are not UTF-8 */
    yajl_gen_config(g, yajl_gen_validate_utf8, 1);
    size_t count = 0;
    bool bad_text = false;
    yajl_gen_map_open(g);
    gen_key(g, "actors", 6);
    bool ok = gen_list(g, kn, rasd_http_param_get(req, "actors"), actor_item, &count, &bad_text);
    gen_key(g, "places", 6);
    ok = ok && gen_list(g, kn, rasd_http_param_get(req, "places"), place_item, &count, &bad_text);
    gen_key(g, "cameo", 5);
    ok = ok && gen_list(g, kn, rasd_http_param_get(req, "cameo"), cameo_item, &count, &bad_text);
    yajl_gen_map_close(g);
    const unsigned char *buf;
    size_t len;
    char *body = NULL;
    if (!ok) {
        yajl_gen_free(g);
        if (bad_text) rasd_http_error(res, 400, "bad-parameter", "actors, places and cameo must be UTF-8 text");
        else rasd_http_error(res, 400, "bad-parameter", "at most %d ids and codes in one request", RASD_NAMES_MAX);
        return;
    }
    if (yajl_gen_get_buf(g, &buf, &len) != yajl_gen_status_ok) {
        yajl_gen_free(g);
        rasd_http_error(res, 400, "bad-parameter", "actors and cameo must be UTF-8 text");
        return;
    }
    if ((body = malloc(len + 1))) {
        memcpy(body, buf, len);
        body[len] = '\0';
    }
    yajl_gen_free(g);
    if (!body) {
        rasd_http_error(res, 500, "internal", "out of memory");
        return;
    }
    rasd_http_json(res, 200, body, len);
}
