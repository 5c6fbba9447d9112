/*
 * gazetteer.c: loading places: data/gazetteer/places.tsv (from GeoNames),
 * supplement.tsv (curated), and a user's own GeoNames dump in GeoNames'
 * 19-column format. Place names that are mostly common words
 * (not-places.txt and every function word) are left out of the trie.
 */
#include "loader.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const FOCUS_COUNTRIES[] = {"SYR", "IRQ", "TUR", "LBN", "JOR", NULL};

static bool parse_double(const char *s, double lo, double hi, double *out) {
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !isfinite(v) || v < lo || v > hi) return false;
    *out = v;
    return true;
}

static uint8_t place_priority(const char *country, bool supplement) {
    if (supplement) return 3;
    for (const char *const *c = FOCUS_COUNTRIES; *c; c++)
        if (strcmp(*c, country) == 0) return 2;
    return 1;
}

/* A place name that is a common word (not-places.txt, function words). */
static bool is_common_word(loader *L, const char *name) {
    char key[512];
    size_t kl = kb_key_of(name, key, sizeof key);
    return kl && rasd_strtab_get(&L->kn->not_places, key, kl, false) != NULL;
}

static rasd_status add_place(loader *L, rasd_tsv *t, uint16_t file, const char *id, const char *name_en,
                             const char *name_ar, char *aliases, double lat, double lon, const char *country,
                             const char *admin1, const char *feature, uint32_t population, const char *source,
                             bool supplement) {
    rasd_knowledge *kn = L->kn;
    if (!rasd_grow((void **)&kn->places, &L->cap_places, kn->n_places, sizeof(rasd_place)))
        return rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
    uint32_t index = (uint32_t)kn->n_places;
    rasd_status st = kb_register_id(L, &kn->place_ids, t, id, index, file);
    if (st != RASD_OK) return st;
    rasd_place *p = &kn->places[kn->n_places++];
    *p = (rasd_place){kb_intern(L, id),      kb_intern(L, name_en), kb_intern(L, name_ar), kb_intern(L, country),
                      kb_intern(L, admin1),  kb_intern(L, feature), kb_intern(L, source),  lat,
                      lon,                population,         place_priority(country, supplement)};
    if (strcmp(feature, "P.PPLC") == 0) {
        rasd_strtab_entry *e = rasd_strtab_get(&kn->capitals, country, strlen(country), true);
        if (!e) return rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
        if (!e->count) e->count = index + 1;
    }
    rasd_name_target tg = {index, RASD_NAME_PLACE, RASD_NAME_PRIMARY, 0, 0, file, 0, (uint32_t)t->line_no};
    if (!is_common_word(L, name_ar) && (st = kb_add_name(L, name_ar, tg)) != RASD_OK) return st;
    tg.flags = RASD_NAME_ALIAS;
    while (aliases && *aliases) {
        char *bar = strchr(aliases, '|');
        if (bar) *bar = '\0';
        if (!is_common_word(L, aliases) && (st = kb_add_name(L, aliases, tg)) != RASD_OK) return st;
        aliases = bar ? bar + 1 : NULL;
    }
    return RASD_OK;
}

rasd_status kb_load_places(loader *L, const char *path, bool supplement, bool required) {
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, L->err);
    if (st != RASD_OK) return required ? st : RASD_OK;
    uint16_t file = kb_add_file(L, path);
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "id")) continue;
        if ((st = rasd_tsv_expect(&t, 11, L->err)) != RASD_OK) break;
        char **f = t.field;
        double lat, lon;
        if (!kb_valid_place_id(f[0])) {
            st = rasd_tsv_fail(&t, L->err, "bad place id \"%s\"", f[0]);
        } else if (!parse_double(f[4], -90, 90, &lat) || !parse_double(f[5], -180, 180, &lon)) {
            st = rasd_tsv_fail(&t, L->err, "bad coordinates \"%s\", \"%s\"", f[4], f[5]);
        } else if (!kb_valid_iso3(f[6])) {
            st = rasd_tsv_fail(&t, L->err, "country \"%s\" is not an ISO 3166-1 alpha-3 code", f[6]);
        } else {
            uint32_t pop = (uint32_t)strtoul(f[9], NULL, 10);
            st = add_place(L, &t, file, f[0], f[1], f[2], f[3], lat, lon, f[6], f[7], f[8], pop, f[10], supplement);
        }
    }
    rasd_tsv_close(&t);
    return st;
}

static bool is_arabic_script(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    size_t arabic = 0, other = 0;
    for (; *p; p++) {
        if (*p >= 0xD8 && *p <= 0xDB) arabic++;
        else if (*p < 0x80 && ((*p | 32) >= 'a' && (*p | 32) <= 'z')) other++;
    }
    return arabic > 0 && other == 0;
}

/* A GeoNames dump in its own 19-column format (allCountries.txt, XX.txt,
 * cities500.txt): rows with Arabic-script names become places. */
rasd_status kb_load_geonames(loader *L, const char *path) {
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, L->err);
    if (st != RASD_OK) return st;
    uint16_t file = kb_add_file(L, path);
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (t.n_fields != 19) {
            st = rasd_tsv_fail(&t, L->err, "expected a GeoNames row of 19 tab-separated fields, found %zu", t.n_fields);
            break;
        }
        char **f = t.field;
        char id[64];
        snprintf(id, sizeof id, "gn:%s", f[0]);
        if (rasd_strtab_get(&L->kn->place_ids, id, strlen(id), false)) continue; /* already known */
        double lat, lon;
        if (!parse_double(f[4], -90, 90, &lat) || !parse_double(f[5], -180, 180, &lon)) {
            st = rasd_tsv_fail(&t, L->err, "bad coordinates \"%s\", \"%s\"", f[4], f[5]);
            break;
        }
        /* Arabic-script alternate names: the first is the name, the rest aliases */
        char *names = f[3], *first = NULL;
        rasd_buf aliases = {0};
        while (names && *names) {
            char *comma = strchr(names, ',');
            if (comma) *comma = '\0';
            if (is_arabic_script(names)) {
                if (!first) first = names;
                else {
                    if (aliases.len) rasd_buf_putc(&aliases, '|');
                    rasd_buf_append(&aliases, names, strlen(names));
                }
            }
            names = comma ? comma + 1 : NULL;
        }
        if (!first) {
            rasd_buf_free(&aliases);
            continue;
        }
        const rasd_strtab_entry *cc = rasd_strtab_get(&L->iso2, f[8], strlen(f[8]), false);
        if (!cc) {
            rasd_buf_free(&aliases);
            st = rasd_tsv_fail(&t, L->err, "unknown country code \"%s\"", f[8]);
            break;
        }
        const char *iso3 = L->iso3[cc->count - 1];
        char feature[32];
        snprintf(feature, sizeof feature, "%s.%s", f[6], f[7]);
        rasd_buf_reserve(&aliases, 0);
        st = add_place(L, &t, file, id, f[2], first, aliases.data ? aliases.data : (char *)"", lat, lon, iso3, f[10],
                       feature, (uint32_t)strtoul(f[14], NULL, 10), "geonames-user-dump", false);
        rasd_buf_free(&aliases);
    }
    rasd_tsv_close(&t);
    return st;
}

/* data/kb/iso-codes.tsv: alpha-2 TAB alpha-3, for GeoNames' country column. */
rasd_status kb_load_iso_codes(loader *L, const char *path) {
    rasd_tsv t;
    rasd_status st = rasd_tsv_open(&t, path, L->err);
    if (st != RASD_OK) return st;
    while (st == RASD_OK && rasd_tsv_next(&t)) {
        if (kb_is_header(&t, "alpha2")) continue;
        if ((st = rasd_tsv_expect(&t, 2, L->err)) != RASD_OK) break;
        if (strlen(t.field[0]) != 2 || !kb_valid_iso3(t.field[1])) {
            st = rasd_tsv_fail(&t, L->err, "expected alpha-2 TAB alpha-3");
            break;
        }
        if (!rasd_grow((void **)&L->iso3, &L->cap_iso3, L->n_iso3, sizeof *L->iso3)) {
            st = rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
            break;
        }
        memcpy(L->iso3[L->n_iso3], t.field[1], 4);
        rasd_strtab_entry *e = rasd_strtab_get(&L->iso2, t.field[0], 2, true);
        if (!e) st = rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
        else e->count = (uint32_t)++L->n_iso3;
    }
    rasd_tsv_close(&t);
    return st;
}
