/*
 * reader_zip.c: articles inside zip archives (libzip), one member at a
 * time, each member read by the reader its name calls for (reader.c), so
 * a zip of JSON arrays (the SaudiNewsNet layout), of JSON Lines or of text
 * files all work. A member that cannot be read (bad CRC, unsupported
 * compression, over the size limit) is reported and skipped; the others
 * are read. Origins read "archive.zip:member#record".
 */
#include "corpus/reader.h"

#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static bool skip_member(const char *m) {
    size_t n = strlen(m);
    const char *base = strrchr(m, '/');
    base = base ? base + 1 : m;
    return n == 0 || m[n - 1] == '/' || strncmp(m, "__MACOSX/", 9) == 0 || base[0] == '.' ||
           strcmp(base, "manifest.tsv") == 0;
}

static void member_error(rasd_reader_sink *sink, rasd_status code, const char *name, const char *member,
                         const char *what) {
    rasd_error e;
    rasd_fail(&e, code, "%s:%s: %s", name, member, what);
    rasd_reader_skip(sink, &e);
}

/* Doubles a member's buffer (keeping its byte for the NUL), from 64 kB
 * and up to max. */
static bool grow_member(char **buf, size_t *cap, size_t max) {
    if (*cap >= max) return false;
    size_t nc = *cap < ((size_t)1 << 15) ? (size_t)1 << 16 : *cap * 2;
    if (nc > max) nc = max;
    char *nb = realloc(*buf, nc + 1);
    if (!nb) return false;
    *buf = nb;
    *cap = nc;
    return true;
}

rasd_status rasd_read_zip(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                          rasd_reader_sink *sink, rasd_error *err) {
    size_t depth = 0; /* a zip inside a zip is read; a zip quine is not */
    for (const char *p = name; (p = strstr(p, ".zip:")); p++) depth++;
    if (depth >= 2) return rasd_fail(err, RASD_ERR_FORMAT, "%s: zip archives nested too deep", name);
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    if (!src) {
        rasd_status st = rasd_fail(err, RASD_ERR_NOMEM, "%s: %s", name, zip_error_strerror(&zerr));
        zip_error_fini(&zerr);
        return st;
    }
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &zerr);
    if (!z) {
        zip_source_free(src);
        rasd_status st = rasd_fail(err, RASD_ERR_FORMAT, "%s: not a readable zip archive: %s", name,
                                   zip_error_strerror(&zerr));
        zip_error_fini(&zerr);
        return st;
    }
    zip_error_fini(&zerr);
    size_t max = opt && opt->max_bytes ? opt->max_bytes : RASD_DEFAULT_MAX_BYTES * 16;
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n && !sink->stop; i++) {
        zip_stat_t zs;
        zip_stat_init(&zs);
        if (zip_stat_index(z, (zip_uint64_t)i, 0, &zs) != 0 || !(zs.valid & ZIP_STAT_NAME)) {
            char idx[32];
            snprintf(idx, sizeof idx, "#%lld", (long long)i);
            member_error(sink, RASD_ERR_FORMAT, name, idx, zip_strerror(z));
            continue;
        }
        if (skip_member(zs.name)) continue;
        if ((zs.valid & ZIP_STAT_SIZE) && zs.size > max) {
            char what[96];
            snprintf(what, sizeof what, "%llu bytes uncompressed is over the limit of %zu bytes",
                     (unsigned long long)zs.size, max);
            member_error(sink, RASD_ERR_TOO_LARGE, name, zs.name, what);
            continue;
        }
        zip_file_t *zf = zip_fopen_index(z, (zip_uint64_t)i, 0);
        if (!zf) {
            member_error(sink, RASD_ERR_FORMAT, name, zs.name, zip_strerror(z));
            continue;
        }
        bool sized = (zs.valid & ZIP_STAT_SIZE) != 0;
        size_t cap = sized ? (size_t)zs.size : 1 << 16, got = 0;
        char *buf = malloc(cap + 1);
        bool bad = !buf;
        while (!bad) {
            if (got == cap && sized) {
                /* all the archive said it holds: one byte more is read to
                 * tell the end from a longer member, instead of doubling the
                 * buffer to find out (from the heap, that copied a whole
                 * day's JSON, 10 MB more at the ingest's peak) */
                char probe;
                zip_int64_t r = zip_fread(zf, &probe, 1);
                if (r == 0) break;
                sized = false;
                if (r < 0 || !grow_member(&buf, &cap, max)) {
                    bad = true;
                    break;
                }
                buf[got++] = probe;
                continue;
            }
            if (got == cap && !grow_member(&buf, &cap, max)) {
                bad = true;
                break;
            }
            zip_int64_t r = zip_fread(zf, buf + got, cap - got);
            if (r < 0) bad = true;
            else if (r == 0) break;
            else got += (size_t)r;
        }
        if (bad) member_error(sink, RASD_ERR_FORMAT, name, zs.name, zip_file_strerror(zf));
        if (zip_fclose(zf) != 0 && !bad) { /* a bad CRC shows at close */
            bad = true;
            member_error(sink, RASD_ERR_FORMAT, name, zs.name, "CRC or decompression error");
        }
        if (!bad) {
            buf[got] = '\0';
            size_t mlen = strlen(name) + strlen(zs.name) + 2;
            char *mname = malloc(mlen);
            if (mname) {
                snprintf(mname, mlen, "%s:%s", name, zs.name);
                rasd_error merr = {0};
                if (rasd_read_buffer(mname, buf, got, opt, sink, &merr) != RASD_OK) rasd_reader_skip(sink, &merr);
                free(mname);
            }
        }
        free(buf);
    }
    zip_discard(z); /* read-only: nothing to write back; also frees src */
    return RASD_OK;
}
