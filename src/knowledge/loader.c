/*
 * loader.c: the helpers the knowledge-base loaders share (loader.h).
 */
#include "loader.h"

#include <stdlib.h>
#include <string.h>


const char *kb_intern(loader *L, const char *s) {
    return rasd_arena_strndup(&L->kn->pool, s, strlen(s));
}

uint16_t kb_add_file(loader *L, const char *path) {
    rasd_knowledge *kn = L->kn;
    if (!rasd_grow((void **)&kn->files, &L->cap_files, kn->n_files, sizeof(char *))) return 0;
    kn->files[kn->n_files] = (char *)kb_intern(L, path);
    return (uint16_t)kn->n_files++;
}

bool kb_valid_id(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == ':' ||
              *s == '.'))
            return false;
    return true;
}

/* Place ids keep their sources' codes: gn-adm1:SY.01 */
bool kb_valid_place_id(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
              *s == '_' || *s == ':' || *s == '.'))
            return false;
    return true;
}

bool kb_valid_iso3(const char *s) {
    return strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z';
}

size_t kb_key_of(const char *s, char *out, size_t cap) {
    size_t n = rasd_normalize(s, strlen(s), out, cap);
    return n < cap ? n : strlen(out);
}

/* Adds a name and, for each spelling-variant rule that applies, the variant. */
rasd_status kb_add_name(loader *L, const char *name, rasd_name_target t) {
    if (!*name) return RASD_OK;
    rasd_status st = rasd_names_add(&L->kn->names, name, strlen(name), t, NULL, L->err);
    if (st != RASD_OK) return st;
    L->kn->n_names++;
    char key[512];
    size_t kl = kb_key_of(name, key, sizeof key);
    for (size_t v = 0; v < L->n_variants; v++) {
        char *hit = strstr(key, L->variants[v].from);
        if (!hit) continue;
        char alt[1024];
        size_t pre = (size_t)(hit - key), from_len = strlen(L->variants[v].from);
        int n = snprintf(alt, sizeof alt, "%.*s%s%s", (int)pre, key, L->variants[v].to, hit + from_len);
        if (n <= 0 || (size_t)n >= sizeof alt) continue;
        rasd_name_target vt = t;
        vt.flags |= RASD_NAME_VARIANT;
        if ((st = rasd_names_add(&L->kn->names, alt, (size_t)n, vt, NULL, L->err)) != RASD_OK) return st;
        L->kn->n_names++;
    }
    (void)kl;
    return RASD_OK;
}

/* Calls add_name for each '|'-separated item of list. */
rasd_status kb_add_names(loader *L, char *list, rasd_name_target t) {
    while (list && *list) {
        char *bar = strchr(list, '|');
        if (bar) *bar = '\0';
        rasd_status st = kb_add_name(L, list, t);
        if (st != RASD_OK) return st;
        list = bar ? bar + 1 : NULL;
    }
    return RASD_OK;
}

uint16_t kb_label_index(loader *L, const char *category) {
    rasd_strtab_entry *e = rasd_strtab_get(&L->label_ids, category, strlen(category), true);
    if (!e) return 0;
    if (e->count == 0) {
        rasd_knowledge *kn = L->kn;
        if (kn->n_labels == 0) { /* index 0 is "no label" */
            if (!rasd_grow((void **)&kn->labels, &L->cap_labels, 0, sizeof(char *))) return 0;
            kn->labels[kn->n_labels++] = (char *)"";
        }
        if (!rasd_grow((void **)&kn->labels, &L->cap_labels, kn->n_labels, sizeof(char *))) return 0;
        kn->labels[kn->n_labels] = (char *)kb_intern(L, category);
        e->count = (uint32_t)kn->n_labels++;
    }
    return (uint16_t)e->count;
}

/* Registers an id; a duplicate is an error naming both places. */
rasd_status kb_register_id(loader *L, rasd_strtab *table, rasd_tsv *t, const char *id, uint32_t index,
                               uint16_t file) {
    rasd_strtab_entry *e = rasd_strtab_get(table, id, strlen(id), true);
    if (!e) return rasd_fail(L->err, RASD_ERR_NOMEM, "out of memory");
    if (e->count) {
        uint32_t prev_file = e->flags >> 24, prev_line = e->flags & 0xFFFFFF;
        return rasd_tsv_fail(t, L->err, "duplicate id \"%s\" (first defined at %s:%u)", id,
                             L->kn->files[prev_file], prev_line);
    }
    e->count = index + 1;
    e->flags = ((uint32_t)file << 24) | ((uint32_t)t->line_no & 0xFFFFFF);
    return RASD_OK;
}

bool kb_is_header(rasd_tsv *t, const char *first) { return t->n_fields > 0 && strcmp(t->field[0], first) == 0; }
