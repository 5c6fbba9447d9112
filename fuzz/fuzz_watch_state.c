/*
 * fuzz_watch_state.c: libFuzzer target for the files `rasd watch` reads: its
 * state file (src/corpus/watch.c: a JSON object of seen keys and each feed's
 * validators, which a crash or a user may leave damaged) and its list of
 * feeds (--feeds FILE). Each input is written to a file in /dev/shm (a disk
 * when there is none) and read as both.
 *
 * A state that opens must answer, take a new key, save, and open again
 * with that key seen; one that does not must say why, naming the file.
 * A list that reads must hold non-empty URLs.
 */
#include "core/internal.h"
#include "corpus/watch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/dev/shm/rasd-fuzz-watch-XXXXXX", disk_dir[] = "/tmp/rasd-fuzz-watch-XXXXXX";
static char *used;
static char path[96];

static void check(int cond) {
    if (!cond) abort();
}

static void clean_up(void) {
    remove(path);
    rmdir(used);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!used) {
        check((used = mkdtemp(dir)) || (used = mkdtemp(disk_dir)));
        snprintf(path, sizeof path, "%s/state.json", used);
        atexit(clean_up);
    }
    FILE *f = fopen(path, "wb");
    check(f != NULL);
    fwrite(data, 1, size, f);
    fclose(f);

    char **feeds = NULL;
    size_t n = 0;
    rasd_error err = {0};
    if (rasd_watch_read_list(path, &feeds, &n, &err) == RASD_OK) {
        for (size_t i = 0; i < n; i++) check(feeds[i] && *feeds[i]);
        rasd_watch_free_list(feeds, n);
    } else {
        check(strstr(err.message, "state.json") != NULL);
    }

    memset(&err, 0, sizeof err);
    rasd_watch_file *w = rasd_watch_file_open(path, &err);
    if (!w) {
        check(strstr(err.message, "state.json") != NULL);
        return 0;
    }
    rasd_watch_state st = rasd_watch_file_state(w);
    const char *key = "https://example.org/fuzz/new-item";
    char *etag = NULL, *lm = NULL;
    if (st.get_validators(st.ctx, "https://example.org/feed.xml", &etag, &lm)) {
        check(!etag || *etag);
        check(!lm || *lm);
    }
    free(etag);
    free(lm);
    st.seen(st.ctx, key);
    check(st.mark(st.ctx, key, &err) == RASD_OK);
    check(st.put_validators(st.ctx, "https://example.org/feed.xml", "\"e1\"", NULL, &err) == RASD_OK);
    check(rasd_watch_file_save(w, &err) == RASD_OK);
    rasd_watch_file_close(w);
    w = rasd_watch_file_open(path, &err);
    check(w != NULL);
    st = rasd_watch_file_state(w);
    check(st.seen(st.ctx, key));
    rasd_watch_file_close(w);
    return 0;
}
