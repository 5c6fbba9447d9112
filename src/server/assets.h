/*
 * assets.h: the web interface's files, compiled into the binary by
 * src/server/embed_assets.cmake. Looked up by name only: a request's path
 * is compared with the table, never joined to a directory.
 */
#ifndef RASD_ASSETS_H
#define RASD_ASSETS_H

#include <stddef.h>

typedef struct rasd_asset {
    const char *name;         /* "index.html", "app.js", ... */
    const char *mime;
    const char *etag;         /* quoted, from the file's SHA-1 */
    const unsigned char *data;
    size_t len;
} rasd_asset;

extern const rasd_asset RASD_ASSETS[];
extern const size_t RASD_N_ASSETS;

/* The asset called name, or NULL. */
const rasd_asset *rasd_asset_find(const char *name);

#endif
