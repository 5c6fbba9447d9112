/*
 * reader.c: the one dispatch from a path or a buffer to the reader of its
 * format (reader.h), directories walked in name order (each directory
 * once, symlinks out of the tree left alone), and the helpers the
 * format readers share. A new format (HTML, feeds) is one more line in
 * format_of() and one more function.
 */
#include "corpus/reader.h"

#include "core/internal.h"
#include "corpus/feed.h"
#include "corpus/fetch.h"
#include "corpus/html.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

bool rasd_reader_emit(rasd_reader_sink *sink, rasd_article *a) {
    bool go_on = !sink->stop && sink->on_article(sink->ctx, a);
    rasd_article_clear(a);
    if (!go_on) sink->stop = true;
    return go_on;
}

void rasd_reader_skip(rasd_reader_sink *sink, const rasd_error *err) {
    if (sink->on_skip) sink->on_skip(sink->ctx, err);
}

char *rasd_reader_date(const char *s, size_t n) {
    char d[11];
    if (!s || n < 10) return NULL;
    memcpy(d, s, 10);
    d[10] = '\0';
    if (n > 10 && s[10] != ' ' && s[10] != 'T' && s[10] != 't') return NULL;
    return rasd_valid_date(d) ? strdup(d) : NULL;
}

rasd_status rasd_field_map_parse(const char *spec, rasd_field_map *map, rasd_error *err) {
    /* the names point into spec: commas and '=' are overwritten in place */
    char *p = (char *)spec;
    while (p && *p) {
        char *comma = strchr(p, ',');
        if (comma) *comma = '\0';
        char *eq = strchr(p, '=');
        if (!eq || eq == p || !eq[1])
            return rasd_fail(err, RASD_ERR_USAGE, "--map: \"%s\" is not FIELD=MEMBER", p);
        *eq = '\0';
        const char *v = eq + 1;
        if (strcmp(p, "title") == 0) map->title = v;
        else if (strcmp(p, "content") == 0 || strcmp(p, "text") == 0) map->content = v;
        else if (strcmp(p, "source") == 0 || strcmp(p, "outlet") == 0) map->source = v;
        else if (strcmp(p, "url") == 0) map->url = v;
        else if (strcmp(p, "date") == 0 || strcmp(p, "published") == 0) map->date = v;
        else if (strcmp(p, "author") == 0) map->author = v;
        else
            return rasd_fail(err, RASD_ERR_USAGE,
                             "--map: unknown field \"%s\" (title, content, source, url, date, author)", p);
        p = comma ? comma + 1 : NULL;
    }
    return RASD_OK;
}

typedef enum format { FMT_UNKNOWN, FMT_TXT, FMT_JSON, FMT_JSONL, FMT_ZIP, FMT_HTML, FMT_FEED } format;

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* By extension; else by the first bytes (a zip's magic, JSON's brackets). */
static format format_of(const char *name, const char *data, size_t len) {
    if (ends_with(name, ".txt")) return FMT_TXT;
    if (ends_with(name, ".json")) return FMT_JSON;
    if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return FMT_JSONL;
    if (ends_with(name, ".zip")) return FMT_ZIP;
    if (ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml")) return FMT_HTML;
    if (ends_with(name, ".xml") || ends_with(name, ".rss") || ends_with(name, ".atom")) return FMT_FEED;
    if (!data) return FMT_UNKNOWN;
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0) return FMT_ZIP;
    if (rasd_looks_like_feed(data, len)) return FMT_FEED;
    if (rasd_looks_like_html(data, len)) return FMT_HTML;
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) i++;
    if (i < len && (data[i] == '[' || data[i] == '{')) return FMT_JSON;
    return FMT_TXT;
}

/* Files a directory walk leaves alone: metadata, not articles. */
static bool is_metadata(const char *name) {
    return name[0] == '.' || strcmp(name, "manifest.tsv") == 0 || ends_with(name, ".tsv") || ends_with(name, ".md") ||
           strcmp(name, "gold.json") == 0;
}

/* The readers of web formats are the formats module's (html.c, feed.c);
 * these two hand their articles to the sink like every other reader. */
static rasd_status read_html_with(const char *name, const char *data, size_t len, const rasd_html_options *ho,
                                  const rasd_reader_options *opt, rasd_reader_sink *sink, rasd_error *err) {
    (void)err;
    rasd_article a = {0};
    rasd_error e = {0};
    if (rasd_html_read(name, data, len, ho, &a, &e) != RASD_OK) {
        rasd_article_clear(&a);
        rasd_reader_skip(sink, &e); /* a page without an article costs only itself */
        return RASD_OK;
    }
    if (!a.source && opt && opt->source) a.source = strdup(opt->source);
    rasd_reader_emit(sink, &a);
    return RASD_OK;
}

rasd_status rasd_read_html(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                           rasd_reader_sink *sink, rasd_error *err) {
    rasd_html_options ho = {.bp = opt ? opt->boilerplate : NULL};
    return read_html_with(name, data, len, &ho, opt, sink, err);
}

typedef struct feed_ctx {
    rasd_reader_sink *sink;
    const rasd_reader_options *opt;
} feed_ctx;

static bool feed_article(void *ctx, rasd_article *a) {
    feed_ctx *f = ctx;
    if (!a->source && f->opt && f->opt->source) a->source = strdup(f->opt->source);
    return rasd_reader_emit(f->sink, a);
}

static void feed_skip(void *ctx, const rasd_error *err) { rasd_reader_skip(((feed_ctx *)ctx)->sink, err); }

rasd_status rasd_read_feed(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                           rasd_reader_sink *sink, rasd_error *err) {
    feed_ctx f = {sink, opt};
    rasd_error e = {0};
    if (rasd_feed_read(name, data, len, NULL, feed_article, feed_skip, &f, NULL, &e) != RASD_OK)
        rasd_reader_skip(sink, &e); /* not a feed at all: this file alone */
    (void)err;
    return RASD_OK;
}

rasd_status rasd_read_buffer(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                             rasd_reader_sink *sink, rasd_error *err) {
    switch (format_of(name, data, len)) {
    case FMT_JSON: return rasd_read_json(name, data, len, opt, sink, err);
    case FMT_JSONL: return rasd_read_jsonl(name, data, len, opt, sink, err);
    case FMT_ZIP: return rasd_read_zip(name, data, len, opt, sink, err);
    case FMT_HTML: return rasd_read_html(name, data, len, opt, sink, err);
    case FMT_FEED: return rasd_read_feed(name, data, len, opt, sink, err);
    default: return rasd_read_txt(name, data, len, opt, sink, err);
    }
}

static size_t max_bytes_of(const rasd_reader_options *opt) {
    return opt && opt->max_bytes ? opt->max_bytes : RASD_DEFAULT_MAX_BYTES * 16;
}

static rasd_status read_file(const char *path, const rasd_reader_options *opt, rasd_reader_sink *sink,
                             rasd_error *err) {
    uint64_t size = 0;
    int fd = rasd_reader_open(path, &size, err); /* FIFOs, sockets, devices: refused unopened */
    if (fd < 0) return err->code;
    size_t max = max_bytes_of(opt);
    if (size > max) {
        close(fd);
        return rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: %llu bytes is over the limit of %zu bytes", path,
                         (unsigned long long)size, max);
    }
    size_t len = (size_t)size;
    char *data = malloc(len + 1);
    if (!data) {
        close(fd);
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", path);
    }
    size_t got = 0;
    while (got < len) {
        ssize_t r = read(fd, data + got, len - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    if (got != len) {
        free(data);
        return rasd_fail(err, RASD_ERR_IO, "%s: read error", path);
    }
    data[len] = '\0';
    rasd_status st = rasd_read_buffer(path, data, len, opt, sink, err);
    free(data);
    if (sink->on_file) sink->on_file(sink->ctx, path, len);
    return st;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* One directory walk: its root as the kernel resolves it, and every
 * directory entered so far (device and inode), so that no directory is
 * read twice: a symlink back to one on the current path would loop for
 * ever, and one to a directory read before would read its files again. */
typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct walk {
    char *root;   /* realpath of the directory given */
    dir_id *seen; /* entered so far */
    size_t n_seen, cap_seen;
    dir_id *path; /* the directories the walk is inside now, outermost first */
    size_t depth, cap_path;
    const rasd_reader_options *opt;
    rasd_reader_sink *sink;
} walk;

static bool on_path(const walk *w, const struct stat *sb) {
    for (size_t i = 0; i < w->depth; i++)
        if (w->path[i].dev == sb->st_dev && w->path[i].ino == sb->st_ino) return true;
    return false;
}

static bool seen_before(const walk *w, const struct stat *sb) {
    for (size_t i = 0; i < w->n_seen; i++)
        if (w->seen[i].dev == sb->st_dev && w->seen[i].ino == sb->st_ino) return true;
    return false;
}

/* Whether a symlink's target (resolved) lies inside the walk's root. */
static bool inside_root(const walk *w, const char *child, char **target) {
    *target = realpath(child, NULL);
    if (!*target || !w->root) return false;
    size_t n = strlen(w->root);
    if (n == 1) return true; /* the root is / */
    return strncmp(*target, w->root, n) == 0 && ((*target)[n] == '/' || (*target)[n] == '\0');
}

static rasd_status walk_dir(walk *w, const char *path, const struct stat *self, rasd_error *err);

/* One entry of a directory: followed, read, or reported (never silently
 * dropped, so the summary counts what was left out). */
static rasd_status walk_entry(walk *w, const char *child, const char *name, rasd_error *ferr) {
    struct stat lsb, sb;
    if (lstat(child, &lsb) != 0) return rasd_fail(ferr, RASD_ERR_IO, "%s: %s", child, strerror(errno));
    sb = lsb;
    if (S_ISLNK(lsb.st_mode)) {
        if (stat(child, &sb) != 0)
            return rasd_fail(ferr, RASD_ERR_IO, "%s: a symlink to nothing readable: %s", child, strerror(errno));
        char *target = NULL;
        bool inside = inside_root(w, child, &target);
        rasd_status st = RASD_OK;
        if (S_ISDIR(sb.st_mode) && on_path(w, &sb))
            st = rasd_fail(ferr, RASD_ERR_IO, "%s: a symlink back to %s, a directory it is inside (a loop): not "
                           "followed", child, target ? target : "?");
        else if (S_ISDIR(sb.st_mode) && seen_before(w, &sb))
            st = rasd_fail(ferr, RASD_ERR_IO, "%s: a symlink to %s, a directory read already: not followed", child,
                           target ? target : "?");
        else if (!inside && !w->opt->follow_symlinks)
            st = rasd_fail(ferr, RASD_ERR_IO, "%s: a symlink to %s, outside %s: not followed (--follow-symlinks "
                           "follows it)", child, target ? target : "?", w->root ? w->root : "the directory");
        free(target);
        if (st != RASD_OK) return st;
    }
    if (S_ISDIR(sb.st_mode)) {
        if (seen_before(w, &sb)) return RASD_OK; /* a hard-linked or bind-mounted second way in */
        return walk_dir(w, child, &sb, ferr);
    }
    if (!S_ISREG(sb.st_mode)) return rasd_reader_check_file(child, ferr); /* says what it is */
    if (format_of(name, NULL, 0) == FMT_UNKNOWN)
        return rasd_fail(ferr, RASD_ERR_FORMAT,
                         "%s: not a format rasd reads (.txt, .json, .jsonl, .zip, .html, .xml/.rss/.atom)", child);
    return read_file(child, w->opt, w->sink, ferr);
}

static rasd_status walk_dir(walk *w, const char *path, const struct stat *self, rasd_error *err) {
    if (!rasd_grow((void **)&w->seen, &w->cap_seen, w->n_seen, sizeof *w->seen))
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", path);
    w->seen[w->n_seen++] = (dir_id){self->st_dev, self->st_ino};
    DIR *d = opendir(path);
    if (!d) return rasd_fail(err, RASD_ERR_IO, "%s: cannot open the directory: %s", path, strerror(errno));
    if (!rasd_grow((void **)&w->path, &w->cap_path, w->depth, sizeof *w->path)) {
        closedir(d);
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", path);
    }
    w->path[w->depth++] = (dir_id){self->st_dev, self->st_ino};
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    rasd_status st = RASD_OK;
    while ((e = readdir(d))) {
        if (is_metadata(e->d_name)) continue;
        if (!rasd_grow((void **)&names, &cap, n, sizeof *names) || !(names[n] = strdup(e->d_name))) {
            st = rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory listing the directory", path);
            break;
        }
        n++;
    }
    closedir(d);
    if (st == RASD_OK && n) qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; st == RASD_OK && i < n && !w->sink->stop; i++) {
        size_t plen = strlen(path) + strlen(names[i]) + 2;
        char *child = malloc(plen);
        if (!child) {
            st = rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", path);
            break;
        }
        snprintf(child, plen, "%s%s%s", path, ends_with(path, "/") ? "" : "/", names[i]);
        rasd_error ferr = {0};
        if (walk_entry(w, child, names[i], &ferr) != RASD_OK) rasd_reader_skip(w->sink, &ferr); /* costs only itself */
        free(child);
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    w->depth--;
    return st;
}

static rasd_status read_dir(const char *path, const struct stat *sb, const rasd_reader_options *opt,
                            rasd_reader_sink *sink, rasd_error *err) {
    static const rasd_reader_options none = {0};
    walk w = {.root = realpath(path, NULL), .opt = opt ? opt : &none, .sink = sink};
    rasd_status st = walk_dir(&w, path, sb, err);
    free(w.root);
    free(w.seen);
    free(w.path);
    return st;
}

/* An http(s) URL: fetched (fetch.c), then read by what the server says it
 * is, else by its first bytes. */
static rasd_status read_url(const char *url, const rasd_reader_options *opt, rasd_reader_sink *sink,
                            rasd_error *err) {
    rasd_fetch_result res = {0};
    rasd_status st = rasd_fetch(url, NULL, &res, err);
    if (st != RASD_OK) return st;
    const char *ct = res.content_type ? res.content_type : "";
    if (strstr(ct, "html")) {
        rasd_html_options ho = {.charset = res.charset, .url = res.final_url ? res.final_url : url,
                                .bp = opt ? opt->boilerplate : NULL};
        st = read_html_with(url, res.body, res.len, &ho, opt, sink, err);
    } else if (strstr(ct, "rss") || strstr(ct, "atom") || strstr(ct, "xml")) {
        st = rasd_read_feed(url, res.body, res.len, opt, sink, err);
    } else {
        st = rasd_read_buffer(url, res.body, res.len, opt, sink, err);
    }
    if (sink->on_file) sink->on_file(sink->ctx, url, 0);
    rasd_fetch_result_free(&res);
    return st;
}

rasd_status rasd_read_path(const char *path, const rasd_reader_options *opt, rasd_reader_sink *sink,
                           rasd_error *err) {
    if (strncmp(path, "http://", 7) == 0 || strncmp(path, "https://", 8) == 0) return read_url(path, opt, sink, err);
    struct stat stb;
    if (stat(path, &stb) != 0) return rasd_fail(err, RASD_ERR_IO, "%s: %s", path, strerror(errno));
    if (S_ISDIR(stb.st_mode)) return read_dir(path, &stb, opt, sink, err);
    return read_file(path, opt, sink, err);
}
