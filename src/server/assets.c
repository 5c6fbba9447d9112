/*
 * assets.c: finds an embedded web asset by its exact name (a dozen
 * entries, so a linear scan).
 */
#include "server/assets.h"

#include <string.h>

const rasd_asset *rasd_asset_find(const char *name) {
    for (size_t i = 0; i < RASD_N_ASSETS; i++)
        if (strcmp(RASD_ASSETS[i].name, name) == 0) return &RASD_ASSETS[i];
    return NULL;
}
