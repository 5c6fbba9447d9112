/*
 * snn_zip.c: reads SaudiNewsNet zips for the benchmarks (see snn_zip.h).
 */
#include "snn_zip.h"

#include <stdio.h>
#include <stdlib.h>
#include <zip.h>

int snn_zip_each(const char *who, const char *path, snn_article_fn fn, void *ctx) {
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    if (!z) {
        fprintf(stderr, "%s: %s: cannot open the zip (libzip error %d)\n", who, path, zerr);
        return -1;
    }
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t e = 0; e < n; e++) {
        zip_stat_t st;
        if (zip_stat_index(z, (zip_uint64_t)e, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) continue;
        char *buf = malloc(st.size + 1);
        zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)e, 0);
        if (!buf || !f || zip_fread(f, buf, st.size) != (zip_int64_t)st.size) {
            fprintf(stderr, "%s: %s: cannot read member %s\n", who, path, st.name);
            free(buf);
            if (f) zip_fclose(f);
            continue;
        }
        zip_fclose(f);
        json_error_t jerr;
        json_t *arr = json_loadb(buf, st.size, 0, &jerr);
        free(buf);
        if (!json_is_array(arr)) {
            fprintf(stderr, "%s: %s:%s: line %d: %s\n", who, path, st.name, jerr.line, jerr.text);
            json_decref(arr);
            continue;
        }
        for (size_t i = 0; i < json_array_size(arr); i++) fn(ctx, json_array_get(arr, i), st.name, i);
        json_decref(arr);
    }
    zip_close(z);
    return 0;
}
