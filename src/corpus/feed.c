/*
 * feed.c: see feed.h. libxml2 parses; this file walks the three feed
 * dialects, which differ in names more than in shape.
 */
#include "feed.h"

#include "core/internal.h"
#include "html.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_ATOM "http://www.w3.org/2005/Atom"

static bool named(const xmlNode *n, const char *name) {
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool in_ns(const xmlNode *n, const char *ns) {
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name) {
    for (const xmlNode *c = n->children; c; c = c->next)
        if (named(c, name)) return c;
    return NULL;
}

/* The text of an element, trimmed, malloc'd; NULL when empty. */
static char *text_of(const xmlNode *n) {
    if (!n) return NULL;
    xmlChar *c = xmlNodeGetContent(n);
    if (!c) return NULL;
    const char *s = (const char *)c;
    while (isspace((unsigned char)*s)) s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1])) len--;
    /* libxml2's recovery passes bytes through that the declared encoding
     * does not allow: sanitize, so every field is valid UTF-8 */
    char *out = NULL;
    size_t out_len;
    rasd_utf8_report rep;
    if (len && rasd_utf8_sanitize(s, len, false, &out, &out_len, &rep, NULL) != RASD_OK) out = NULL;
    xmlFree(c);
    if (out && !out_len) {
        free(out);
        out = NULL;
    }
    return out;
}

/* An attribute's value as valid UTF-8, malloc'd. */
static char *dup_utf8(const xmlChar *v) {
    char *out = NULL;
    size_t n;
    rasd_utf8_report rep;
    if (!v || rasd_utf8_sanitize((const char *)v, strlen((const char *)v), false, &out, &n, &rep, NULL) != RASD_OK)
        return NULL;
    return out;
}

/* A title or name: HTML entities and tags some feeds leave in it reduced,
 * on one line. */
static char *plain_of(const xmlNode *n) {
    char *raw = text_of(n);
    if (!raw) return NULL;
    if (!strchr(raw, '<') && !strchr(raw, '&') && !strchr(raw, '\n')) return raw;
    char *t = NULL;
    size_t tl = 0;
    if (rasd_html_text(raw, strlen(raw), &t, &tl, NULL) != RASD_OK) return raw;
    free(raw);
    for (size_t i = 0; i < tl; i++)
        if (t[i] == '\n') t[i] = ' ';
    if (tl == 0) {
        free(t);
        return NULL;
    }
    return t;
}

/* Item content as text: HTML (RSS descriptions, Atom type="html") goes
 * through the HTML reader; Atom type="xhtml" is serialized first; Atom
 * type="text" is taken as it is. */
static char *content_of(const xmlNode *n, bool atom) {
    if (!n) return NULL;
    const char *type = NULL;
    xmlChar *ty = atom ? xmlGetProp(n, (const xmlChar *)"type") : NULL;
    if (ty) type = (const char *)ty;
    char *raw = NULL;
    if (type && !strcasecmp(type, "xhtml")) {
        xmlBufferPtr buf = xmlBufferCreate();
        if (buf) {
            for (const xmlNode *c = n->children; c; c = c->next) xmlNodeDump(buf, n->doc, (xmlNode *)c, 0, 0);
            raw = strdup((const char *)xmlBufferContent(buf));
            xmlBufferFree(buf);
        }
    } else {
        raw = text_of(n);
    }
    bool plain = atom && (!type || !strcasecmp(type, "text"));
    xmlFree(ty);
    if (!raw || plain) return raw;
    char *t = NULL;
    size_t tl = 0;
    rasd_status st = rasd_html_text(raw, strlen(raw), &t, &tl, NULL);
    free(raw);
    if (st != RASD_OK || tl == 0) {
        free(t);
        return NULL;
    }
    return t;
}

static char *date_of(const xmlNode *n) {
    char *raw = text_of(n), d[11];
    bool ok = raw && rasd_web_date(raw, d);
    free(raw);
    return ok ? strdup(d) : NULL;
}

/* Atom's link: rel="alternate" (or no rel), else the first with href. */
static char *atom_link(const xmlNode *entry) {
    char *any = NULL;
    for (const xmlNode *c = entry->children; c; c = c->next) {
        if (!named(c, "link")) continue;
        xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
        if (!href) continue;
        xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
        bool alt = !rel || !strcmp((const char *)rel, "alternate");
        xmlFree(rel);
        if (alt) {
            free(any);
            char *s = dup_utf8(href);
            xmlFree(href);
            return s;
        }
        if (!any) any = dup_utf8(href);
        xmlFree(href);
    }
    return any;
}

/* "editor@example.org (Name)", RSS 2.0's author form: the name. */
static void author_name(char *a) {
    char *open = strchr(a, '('), *close = open ? strrchr(open, ')') : NULL;
    if (!open || !close || close == open + 1 || !memchr(a, '@', (size_t)(open - a))) return;
    *close = '\0';
    memmove(a, open + 1, strlen(open + 1) + 1);
}

typedef struct walk {
    const char *name;
    const rasd_feed_options *opt;
    rasd_article_fn on_article;
    rasd_skip_fn on_skip;
    void *ctx;
    char *feed_title;
    size_t position, handed, max_items;
    bool stop, oom;
} walk;

static void skip(walk *w, const char *fmt, size_t pos) {
    if (!w->on_skip) return;
    rasd_error e = {0};
    char origin[600];
    snprintf(origin, sizeof origin, "%s#%zu", w->name, pos);
    rasd_fail(&e, RASD_ERR_FORMAT, fmt, origin);
    w->on_skip(w->ctx, &e);
}

static void item(walk *w, const xmlNode *n, bool atom) {
    size_t pos = ++w->position;
    if (w->stop) return;
    if (w->handed >= w->max_items) {
        if (w->handed == w->max_items) skip(w, "%s: more items than the limit; the rest are skipped", pos);
        w->handed++;
        return;
    }
    rasd_article a = {0};
    char origin[600];
    snprintf(origin, sizeof origin, "%s#%zu", w->name, pos);
    a.origin = strdup(origin);
    a.title = plain_of(child(n, "title"));
    if (atom) {
        a.url = atom_link(n);
        const xmlNode *au = child(n, "author");
        a.author = au ? plain_of(child(au, "name")) : NULL;
        a.text = content_of(child(n, "content"), true);
        if (!a.text) a.text = content_of(child(n, "summary"), true);
        a.published = date_of(child(n, "published"));
        if (!a.published) a.published = date_of(child(n, "updated"));
    } else {
        const xmlNode *encoded = NULL, *creator = NULL, *dcdate = NULL;
        for (const xmlNode *c = n->children; c; c = c->next) {
            if (named(c, "encoded") && in_ns(c, NS_CONTENT) && !encoded) encoded = c;
            if (named(c, "creator") && in_ns(c, NS_DC) && !creator) creator = c;
            if (named(c, "date") && in_ns(c, NS_DC) && !dcdate) dcdate = c;
        }
        a.url = text_of(child(n, "link"));
        if (!a.url) { /* a permalink guid is the link too */
            const xmlNode *g = child(n, "guid");
            xmlChar *perma = g ? xmlGetProp(g, (const xmlChar *)"isPermaLink") : NULL;
            if (g && (!perma || strcmp((const char *)perma, "false") != 0)) {
                char *gs = text_of(g);
                if (gs && !strncmp(gs, "http", 4)) a.url = gs;
                else free(gs);
            }
            xmlFree(perma);
        }
        if (!a.url && n->type == XML_ELEMENT_NODE) { /* RDF: rdf:about */
            xmlChar *about = xmlGetNsProp(n, (const xmlChar *)"about",
                                          (const xmlChar *)"http://www.w3.org/1999/02/22-rdf-syntax-ns#");
            if (about) a.url = dup_utf8(about);
            xmlFree(about);
        }
        a.text = content_of(encoded, false);
        if (!a.text) a.text = content_of(child(n, "description"), false);
        a.author = plain_of(creator);
        if (!a.author && (a.author = plain_of(child(n, "author")))) author_name(a.author);
        a.published = date_of(child(n, "pubDate"));
        if (!a.published) a.published = date_of(dcdate);
    }
    if (w->feed_title) a.source = strdup(w->feed_title);
    a.len = a.text ? strlen(a.text) : 0;
    if (!a.origin) {
        w->oom = w->stop = true;
    } else if (!a.text && !(a.url && w->opt->keep_empty)) {
        skip(w, a.url ? "%s: the item has no content" : "%s: the item has neither content nor link", pos);
    } else {
        w->handed++;
        if (!w->on_article(w->ctx, &a)) w->stop = true;
    }
    rasd_article_clear(&a);
}

static bool is_rdf_root(const xmlNode *root) {
    return named(root, "RDF");
}

/* Walks the document; false when it is not a feed. */
static bool walk_doc(walk *w, const xmlNode *root) {
    if (named(root, "rss")) {
        const xmlNode *ch = child(root, "channel");
        if (!ch) return false;
        w->feed_title = plain_of(child(ch, "title"));
        for (const xmlNode *c = ch->children; c; c = c->next)
            if (named(c, "item")) item(w, c, false);
        return true;
    }
    if (is_rdf_root(root)) {
        const xmlNode *ch = child(root, "channel");
        if (ch) w->feed_title = plain_of(child(ch, "title"));
        for (const xmlNode *c = root->children; c; c = c->next)
            if (named(c, "item")) item(w, c, false);
        return true;
    }
    if (named(root, "feed")) {
        w->feed_title = plain_of(child(root, "title"));
        for (const xmlNode *c = root->children; c; c = c->next)
            if (named(c, "entry")) item(w, c, true);
        return true;
    }
    return false;
}

/* An entity declaration anywhere: feeds never need one, and refusing
 * them closes the door to entity bombs and external entities at once. */
static const char *entity_decl(const char *data, size_t len) {
    static const char NEEDLE[] = "<!ENTITY";
    for (const char *p = data; (p = memchr(p, '<', len - (size_t)(p - data))) != NULL; p++)
        if ((size_t)(data + len - p) >= sizeof NEEDLE - 1 && !memcmp(p, NEEDLE, sizeof NEEDLE - 1)) return p;
    return NULL;
}

/* The first error of a parse (libxml2 keeps only the last, which after a
 * fault is often a consequence, "premature end of data"). */
typedef struct first_error {
    bool set;
    int line, column;
    char message[300];
} first_error;

static void capture_error(void *ctx, xmlErrorPtr e) {
    first_error *f = ctx;
    if (f->set || !e || e->level < XML_ERR_ERROR) return;
    f->set = true;
    f->line = e->line;
    f->column = e->int2;
    snprintf(f->message, sizeof f->message, "%s", e->message ? e->message : "malformed XML");
    size_t ml = strlen(f->message);
    while (ml && (f->message[ml - 1] == '\n' || f->message[ml - 1] == ' ')) f->message[--ml] = '\0';
}

rasd_status rasd_feed_read(const char *name, const char *data, size_t len, const rasd_feed_options *opt,
                           rasd_article_fn on_article, rasd_skip_fn on_skip, void *ctx, size_t *n_items,
                           rasd_error *err) {
    rasd_feed_options none = {0};
    if (!opt) opt = &none;
    if (n_items) *n_items = 0;
    size_t max = opt->max_bytes ? opt->max_bytes : RASD_FEED_MAX_BYTES;
    if (len > max) return rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: %zu bytes, over the feed limit of %zu", name, len, max);
    if (len > (size_t)INT32_MAX) return rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: too large", name);
    const char *ent = entity_decl(data, len);
    if (ent)
        return rasd_fail_at(err, RASD_ERR_FORMAT, (size_t)(ent - data),
                            "%s: byte %zu: entity declarations are refused (entity expansion and external entities)",
                            name, (size_t)(ent - data));
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    /* no network, no DTD, no entity substitution; errors to capture_error
     * (a per-thread handler in libxml2), never to stderr; libxml2's
     * default limits (depth, text node size) stay on */
    int flags = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    first_error fe = {0};
    xmlSetStructuredErrorFunc(&fe, capture_error);
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, opt->charset, flags);
    char broken[600] = "";
    size_t broken_at = 0;
    if (!doc || !ctxt->wellFormed) {
        long consumed = xmlByteConsumed(ctxt);
        broken_at = consumed > 0 ? (size_t)consumed : 0;
        if (!fe.set) snprintf(fe.message, sizeof fe.message, "malformed XML");
        snprintf(broken, sizeof broken, "%.200s:%d:%d: malformed XML: %.280s", name, fe.line, fe.column, fe.message);
        if (doc) xmlFreeDoc(doc);
        /* libxml2's recovery may still find the items before the fault */
        fe.set = true; /* keep the first error; ignore recovery's */
        doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, opt->charset, flags | XML_PARSE_RECOVER);
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlFreeParserCtxt(ctxt);
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    walk w = {name, opt, on_article, on_skip, ctx, NULL, 0, 0, opt->max_items ? opt->max_items : RASD_FEED_MAX_ITEMS,
              false, false};
    bool is_feed = root && walk_doc(&w, root);
    char root_name[64];
    snprintf(root_name, sizeof root_name, "%s", root ? (const char *)root->name : "?");
    free(w.feed_title);
    if (doc) xmlFreeDoc(doc);
    if (n_items) *n_items = w.handed < w.max_items ? w.handed : w.max_items;
    if (w.oom) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
    if (broken[0]) {
        if (!is_feed || w.handed == 0) return rasd_fail_at(err, RASD_ERR_FORMAT, broken_at, "%s", broken);
        if (on_skip) {
            rasd_error e = {0};
            rasd_fail_at(&e, RASD_ERR_FORMAT, broken_at, "%s (the items before it were read)", broken);
            on_skip(ctx, &e);
        }
        return RASD_OK;
    }
    if (!is_feed)
        return rasd_fail(err, RASD_ERR_FORMAT, "%s: not a feed (the root element is <%s>, not rss, feed or rdf:RDF)",
                         name, root_name);
    return RASD_OK;
}

/* The first element name after the prolog (declaration, comments,
 * doctype, processing instructions), lower-cased, into out. */
static bool first_tag(const char *s, size_t len, char *out, size_t cap) {
    size_t i = 0, limit = len < 4096 ? len : 4096;
    if (limit >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < limit) {
        while (i < limit && isspace((unsigned char)s[i])) i++;
        if (i >= limit || s[i] != '<') return false;
        if (i + 4 <= limit && !memcmp(s + i, "<!--", 4)) {
            const char *e = NULL;
            for (size_t j = i + 4; j + 3 <= limit && !e; j++)
                if (!memcmp(s + j, "-->", 3)) e = s + j + 3;
            if (!e) return false;
            i = (size_t)(e - s);
            continue;
        }
        if (i + 14 <= limit && !strncasecmp(s + i, "<!doctype html", 14)) {
            snprintf(out, cap, "!doctype");
            return true;
        }
        if (i + 1 < limit && (s[i + 1] == '?' || s[i + 1] == '!')) { /* declaration, doctype */
            const char *e = memchr(s + i, '>', limit - i);
            if (!e) return false;
            i = (size_t)(e - s) + 1;
            continue;
        }
        size_t k = 0;
        i++;
        while (i < limit && k + 1 < cap && (isalnum((unsigned char)s[i]) || s[i] == ':' || s[i] == '-'))
            out[k++] = (char)tolower((unsigned char)s[i++]);
        out[k] = '\0';
        return k > 0;
    }
    return false;
}

bool rasd_looks_like_feed(const char *data, size_t len) {
    char t[32];
    if (!first_tag(data, len, t, sizeof t)) return false;
    return !strcmp(t, "rss") || !strcmp(t, "feed") || !strcmp(t, "rdf:rdf");
}

bool rasd_looks_like_html(const char *data, size_t len) {
    char t[32];
    if (!first_tag(data, len, t, sizeof t)) return false;
    return !strcmp(t, "!doctype") || !strcmp(t, "html") || !strcmp(t, "head") || !strcmp(t, "body");
}
