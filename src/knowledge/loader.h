/*
 * loader.h: what the loaders of the knowledge base share while they read
 * data/: the loader's state and the helpers that intern strings, register
 * ids and add names (with their spelling variants) to the trie. Internal to
 * src/knowledge/: knowledge.c loads actors, titles, lexicons and rules,
 * gazetteer.c loads places.
 */
#ifndef RASD_KB_LOADER_H
#define RASD_KB_LOADER_H

#include "knowledge.h"
#include "tsv.h"

typedef struct variant {
    char *from, *to;
} variant;

typedef struct loader {
    rasd_knowledge *kn;
    rasd_error *err;
    variant *variants;
    size_t n_variants;
    rasd_strtab label_ids; /* category -> index */
    rasd_strtab ambiguous; /* alias keys listed in ambiguous.tsv */
    size_t cap_actors, cap_places, cap_titles, cap_labels, cap_files;
    rasd_strtab iso2; /* alpha-2 -> index + 1 into iso3, for GeoNames dumps */
    char (*iso3)[4];
    size_t n_iso3, cap_iso3;
} loader;

const char *kb_intern(loader *L, const char *s);
uint16_t kb_add_file(loader *L, const char *path);
bool kb_valid_id(const char *s);
bool kb_valid_place_id(const char *s);
bool kb_valid_iso3(const char *s);
size_t kb_key_of(const char *s, char *out, size_t cap);
rasd_status kb_add_name(loader *L, const char *name, rasd_name_target t);
rasd_status kb_add_names(loader *L, char *list, rasd_name_target t);
uint16_t kb_label_index(loader *L, const char *category);
rasd_status kb_register_id(loader *L, rasd_strtab *table, rasd_tsv *t, const char *id, uint32_t index,
                               uint16_t file);
bool kb_is_header(rasd_tsv *t, const char *first);

/* gazetteer.c */
rasd_status kb_load_places(loader *L, const char *path, bool supplement, bool required);
rasd_status kb_load_geonames(loader *L, const char *path);
rasd_status kb_load_iso_codes(loader *L, const char *path);

#endif
