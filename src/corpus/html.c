/*
 * html.c: see html.h. gumbo gives the tree; the content score, the
 * furniture rules and the metadata look-ups are written here because no
 * C library does them (Readability and boilerpipe are JavaScript and
 * Java). JSON-LD is read with jansson, charsets converted with iconv.
 */
#include "html.h"

#include "core/internal.h"

#include <ctype.h>
#include <errno.h>
#include <gumbo.h>
#include <iconv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A block scores when its own text is at least this long (characters of
 * UTF-8 bytes: Arabic letters are two bytes, so this is ~12 letters). */
#define MIN_BLOCK_BYTES 50
/* Blocks with more of their text inside links than this are lists of
 * links (related articles, tags, menus), not prose. */
#define MAX_LINK_DENSITY 0.5
/* More start tags than this and the page is refused: gumbo builds and
 * frees its tree recursively, so the tree's depth must stay bounded, and
 * no news page comes near (a big one has ~10,000). */
#define MAX_TAGS 100000

/* ------------------------------------------------------------ utilities */

static bool is_block(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_LI: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_TR: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_MAIN: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_NAV: case GUMBO_TAG_FORM: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        return true;
    default:
        return false;
    }
}

/* Never text, wherever they are. */
static bool is_never_text(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP:
        return true;
    default:
        return false;
    }
}

/* Page furniture by element: set aside before scoring. */
static bool is_furniture_tag(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_INPUT: case GUMBO_TAG_LABEL: case GUMBO_TAG_MENU:
        return true;
    default:
        return false;
    }
}

static const char *attr(const GumboNode *n, const char *name) {
    if (n->type != GUMBO_NODE_ELEMENT) return NULL;
    GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* Case-insensitive ASCII substring search. */
static bool contains_ci(const char *hay, const char *needle) {
    if (!hay) return false;
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0) return true;
    return false;
}

/* class and id words that mark furniture (Readability's "unlikely
 * candidates", plus the share bars and appeals of Arabic news sites) and
 * article bodies. */
static const char *const NEGATIVE[] = {
    "comment", "share", "sharing", "social", "related", "sidebar", "footer", "header", "navbar", "nav-",
    "menu", "breadcrumb", "donat", "newsletter", "subscribe", "advert", "ads-", "-ads", "banner", "promo",
    "sponsor", "cookie", "consent", "popup", "modal", "widget", "tags", "tag-list", "pagination", "pager",
    "more-news", "most-read", "mostread", "trending", "recommend", "outbrain", "taboola", "disqus", "byline-share",
    "print", "toolbar", "font-size", "fontsize", "read-also", "readalso", "see-also", "caption", "credit",
    "author-box", "skip", "hidden", "support-us", "membership",
};
static const char *const POSITIVE[] = {
    "article-body", "articlebody", "article_body", "article-content", "article__body", "entry-content",
    "post-content", "post-body", "story-body", "story-content", "news-content", "news-body", "main-content",
    "content-body", "the-content", "article-text", "single-content", "body-text",
};

static int class_weight(const GumboNode *n) {
    const char *c = attr(n, "class"), *id = attr(n, "id");
    int w = 0;
    for (size_t i = 0; i < sizeof POSITIVE / sizeof *POSITIVE; i++)
        if (contains_ci(c, POSITIVE[i]) || contains_ci(id, POSITIVE[i])) {
            w += 25;
            break;
        }
    for (size_t i = 0; i < sizeof NEGATIVE / sizeof *NEGATIVE; i++)
        if (contains_ci(c, NEGATIVE[i]) || contains_ci(id, NEGATIVE[i])) {
            w -= 25;
            break;
        }
    return w;
}

static bool is_article_body(const GumboNode *n) {
    const char *ip = attr(n, "itemprop");
    return ip && strcasecmp(ip, "articleBody") == 0;
}

/* Furniture: set aside with everything inside it. An element that also
 * carries an article-body mark is never furniture. */
static bool is_furniture(const GumboNode *n) {
    GumboTag t = n->v.element.tag;
    if (is_never_text(t)) return true;
    if (is_article_body(n) || t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_BODY ||
        t == GUMBO_TAG_HTML)
        return false;
    if (is_furniture_tag(t)) return true;
    const char *role = attr(n, "role");
    if (role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "banner") ||
                 !strcasecmp(role, "contentinfo") || !strcasecmp(role, "complementary") ||
                 !strcasecmp(role, "dialog")))
        return true;
    const char *hidden = attr(n, "hidden"), *aria = attr(n, "aria-hidden"), *style = attr(n, "style");
    if (hidden || (aria && !strcasecmp(aria, "true"))) return true;
    if (style && (contains_ci(style, "display:none") || contains_ci(style, "display: none"))) return true;
    return class_weight(n) < 0;
}

/* ------------------------------------------------------------ text */

/* Appends the text of node's subtree to b: whitespace runs collapsed to
 * one space, block elements as line breaks. skip_furniture leaves out the
 * furniture (and, for the body, blocks that are lists of links). */
typedef struct text_ctx {
    rasd_buf *b;
    bool skip_furniture;
    bool prune_links;
    bool pending_space;
} text_ctx;

static void text_newline(text_ctx *c) {
    rasd_buf *b = c->b;
    /* trim a trailing space, and at most one blank line in a row */
    while (b->len && b->data[b->len - 1] == ' ') b->len--;
    c->pending_space = false;
    if (b->len == 0 || (b->len >= 1 && b->data[b->len - 1] == '\n' && b->len >= 2 && b->data[b->len - 2] == '\n'))
        return;
    rasd_buf_putc(b, '\n');
}

static void text_append(text_ctx *c, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v';
        /* U+00A0 no-break space: a space too */
        if (p[0] == 0xC2 && p[1] == 0xA0) {
            space = true;
            p++;
        }
        if (space) {
            c->pending_space = true;
            continue;
        }
        if (c->pending_space && c->b->len && c->b->data[c->b->len - 1] != '\n') rasd_buf_putc(c->b, ' ');
        c->pending_space = false;
        rasd_buf_putc(c->b, (char)*p);
    }
}

static size_t text_len_of(const GumboNode *n, bool links_only, int depth);
static double link_density(const GumboNode *n);

static void text_walk(text_ctx *c, const GumboNode *n, int depth) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
        text_append(c, n->v.text.text);
        return;
    }
    if (n->type == GUMBO_NODE_WHITESPACE) {
        c->pending_space = true;
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE && n->type != GUMBO_NODE_DOCUMENT) return;
    if (n->type == GUMBO_NODE_DOCUMENT) {
        for (unsigned i = 0; i < n->v.document.children.length; i++)
            text_walk(c, n->v.document.children.data[i], depth + 1);
        return;
    }
    GumboTag t = n->v.element.tag;
    if (is_never_text(t)) return;
    if (c->skip_furniture && is_furniture(n)) return;
    if (t == GUMBO_TAG_BR) { /* a line break, never a blank line */
        while (c->b->len && c->b->data[c->b->len - 1] == ' ') c->b->len--;
        c->pending_space = false;
        if (c->b->len && c->b->data[c->b->len - 1] != '\n') rasd_buf_putc(c->b, '\n');
        return;
    }
    bool block = is_block(t);
    /* lists of links inside the body (related articles, tags) */
    if (c->prune_links && (t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DIV || t == GUMBO_TAG_P ||
                           t == GUMBO_TAG_SECTION || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_DL) &&
        link_density(n) > MAX_LINK_DENSITY)
        return;
    if (block) text_newline(c);
    if (depth < RASD_HTML_MAX_DEPTH)
        for (unsigned i = 0; i < n->v.element.children.length; i++)
            text_walk(c, n->v.element.children.data[i], depth + 1);
    if (block) text_newline(c);
}

/* Bytes of visible text in n (only inside <a> when links_only), furniture
 * excluded. Whitespace is not counted. */
static size_t text_len_of(const GumboNode *n, bool links_only, int depth) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
        if (links_only) return 0;
        size_t k = 0;
        for (const char *p = n->v.text.text; *p; p++) k += !isspace((unsigned char)*p);
        return k;
    }
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH) return 0;
    if (is_furniture(n)) return 0;
    if (links_only && n->v.element.tag == GUMBO_TAG_A) return text_len_of(n, false, depth);
    size_t k = 0;
    for (unsigned i = 0; i < n->v.element.children.length; i++)
        k += text_len_of(n->v.element.children.data[i], links_only, depth + 1);
    return k;
}

static double link_density(const GumboNode *n) {
    size_t all = text_len_of(n, false, 0);
    if (all == 0) return 0;
    return (double)text_len_of(n, true, 0) / (double)all;
}

/* Commas (Latin and Arabic) in n's text: prose has them, menus do not. */
static size_t commas_of(const GumboNode *n, int depth) {
    if (n->type == GUMBO_NODE_TEXT) {
        size_t k = 0;
        for (const char *p = n->v.text.text; *p; p++) {
            if (*p == ',') k++;
            else if ((unsigned char)p[0] == 0xD8 && (unsigned char)p[1] == 0x8C) k++, p++; /* U+060C */
        }
        return k;
    }
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH || is_furniture(n)) return 0;
    size_t k = 0;
    for (unsigned i = 0; i < n->v.element.children.length; i++) k += commas_of(n->v.element.children.data[i], depth + 1);
    return k;
}

/* ------------------------------------------------------------ scoring */

typedef struct cand {
    const GumboNode *node;
    double score;
} cand;

/* Candidates by node, in an open-addressing table: a big page has tens of
 * thousands of blocks, so a linear search per block would be quadratic. */
typedef struct scorer {
    cand *c;
    size_t cap, n; /* cap: a power of two, or 0 */
    bool oom;
} scorer;

static size_t slot_of(const scorer *s, const GumboNode *n) {
    uintptr_t h = (uintptr_t)n;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ULL;
    size_t i = (size_t)(h >> 7) & (s->cap - 1);
    while (s->c[i].node && s->c[i].node != n) i = (i + 1) & (s->cap - 1);
    return i;
}

static cand *cand_of(scorer *s, const GumboNode *n) {
    if (s->cap == 0 || (s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        cand *old = s->c;
        size_t old_cap = s->cap;
        if (!(s->c = calloc(cap, sizeof *s->c))) {
            s->c = old;
            s->oom = true;
            return NULL;
        }
        s->cap = cap;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].node) s->c[slot_of(s, old[i].node)] = old[i];
        free(old);
    }
    size_t i = slot_of(s, n);
    if (s->c[i].node) return &s->c[i];
    double base = 0;
    switch (n->v.element.tag) {
    case GUMBO_TAG_DIV: base = 5; break;
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: base = 10; break;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: base = 3; break;
    case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_FORM: base = -3; break;
    case GUMBO_TAG_TH: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: base = -5; break;
    default: break;
    }
    if (is_article_body(n)) base += 50;
    base += class_weight(n);
    s->c[i] = (cand){n, base};
    s->n++;
    return &s->c[i];
}

static const cand *cand_find(const scorer *s, const GumboNode *n) {
    if (s->cap == 0) return NULL;
    const cand *c = &s->c[slot_of(s, n)];
    return c->node ? c : NULL;
}

/* Whether an element holds block children (then it is not a paragraph
 * itself, only a container). */
static bool has_block_child(const GumboNode *n) {
    for (unsigned i = 0; i < n->v.element.children.length; i++) {
        const GumboNode *ch = n->v.element.children.data[i];
        if (ch->type == GUMBO_NODE_ELEMENT && ch->v.element.tag != GUMBO_TAG_BR && is_block(ch->v.element.tag))
            return true;
    }
    return false;
}

/* Scores every paragraph-like block and credits its parent fully and its
 * grandparent by half (Readability's rule: the article is the container
 * of the paragraphs, not a paragraph). */
static void score_walk(scorer *s, const GumboNode *n, int depth) {
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH || s->oom) return;
    if (is_furniture(n)) return;
    GumboTag t = n->v.element.tag;
    bool para = t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_TD || t == GUMBO_TAG_BLOCKQUOTE ||
                ((t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION) && !has_block_child(n));
    if (para) {
        size_t len = text_len_of(n, false, depth);
        if (len >= MIN_BLOCK_BYTES) {
            double score = 1 + (double)commas_of(n, depth) + (double)(len / 200 < 3 ? len / 200 : 3);
            const GumboNode *p = n->parent, *g = p ? p->parent : NULL;
            if (p && p->type == GUMBO_NODE_ELEMENT) {
                cand *c = cand_of(s, p);
                if (c) c->score += score;
            }
            if (g && g->type == GUMBO_NODE_ELEMENT) {
                cand *c = cand_of(s, g);
                if (c) c->score += score / 2;
            }
        }
        if (t != GUMBO_TAG_BLOCKQUOTE && t != GUMBO_TAG_TD) return;
    }
    for (unsigned i = 0; i < n->v.element.children.length; i++) score_walk(s, n->v.element.children.data[i], depth + 1);
}

static const GumboNode *find_tag(const GumboNode *n, GumboTag tag, int depth) {
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH) return NULL;
    if (n->v.element.tag == tag) return n;
    for (unsigned i = 0; i < n->v.element.children.length; i++) {
        const GumboNode *r = find_tag(n->v.element.children.data[i], tag, depth + 1);
        if (r) return r;
    }
    return NULL;
}

static const GumboNode *find_article_body(const GumboNode *n, int depth) {
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH) return NULL;
    if (is_article_body(n)) return n;
    if (is_never_text(n->v.element.tag)) return NULL;
    for (unsigned i = 0; i < n->v.element.children.length; i++) {
        const GumboNode *r = find_article_body(n->v.element.children.data[i], depth + 1);
        if (r) return r;
    }
    return NULL;
}

/* The article's elements, in document order, into *out: the page's own
 * articleBody mark when it holds text; else the best-scoring container
 * (its score discounted by its link density) and those of its siblings
 * that score near it or are prose paragraphs (Readability's rule: an
 * article split over sibling blocks is one article); else the body. */
typedef struct picked {
    const GumboNode **nodes;
    size_t n, cap;
    bool oom;
} picked;

static void pick(picked *p, const GumboNode *n) {
    if (!rasd_grow((void **)&p->nodes, &p->cap, p->n, sizeof *p->nodes)) {
        p->oom = true;
        return;
    }
    p->nodes[p->n++] = n;
}

static void pick_body(const GumboNode *root, picked *out) {
    const GumboNode *marked = find_article_body(root, 0);
    if (marked && text_len_of(marked, false, 0) >= MIN_BLOCK_BYTES) {
        pick(out, marked);
        return;
    }
    scorer s = {0};
    score_walk(&s, root, 0);
    out->oom = s.oom;
    const GumboNode *best = NULL;
    double best_score = 0;
    for (size_t i = 0; i < s.cap; i++) {
        if (!s.c[i].node) continue;
        double sc = s.c[i].score * (1 - link_density(s.c[i].node));
        s.c[i].score = sc;
        if (!best || sc > best_score) best = s.c[i].node, best_score = sc;
    }
    if (!best) {
        free(s.c);
        const GumboNode *body = find_tag(root, GUMBO_TAG_BODY, 0);
        pick(out, body ? body : root);
        return;
    }
    /* the best may be a wrapper inside the real container: climb while
     * the parent adds no paragraph of its own (a side column is one) */
    size_t own = text_len_of(best, false, 0);
    while (best->parent && best->parent->type == GUMBO_NODE_ELEMENT &&
           best->parent->v.element.tag != GUMBO_TAG_BODY && best->parent->v.element.tag != GUMBO_TAG_HTML) {
        size_t up = text_len_of(best->parent, false, 0);
        if (up >= own + MIN_BLOCK_BYTES || link_density(best->parent) > MAX_LINK_DENSITY) break;
        best = best->parent;
        own = up;
    }
    const GumboNode *parent = best->parent;
    if (!parent || parent->type != GUMBO_NODE_ELEMENT) {
        free(s.c);
        pick(out, best);
        return;
    }
    double threshold = best_score * 0.2 > 10 ? best_score * 0.2 : 10;
    for (unsigned i = 0; i < parent->v.element.children.length; i++) {
        const GumboNode *sib = parent->v.element.children.data[i];
        if (sib == best) {
            pick(out, sib);
            continue;
        }
        if (sib->type != GUMBO_NODE_ELEMENT || is_furniture(sib)) continue;
        const cand *c = cand_find(&s, sib);
        bool take = c && c->score >= threshold;
        if (!take && sib->v.element.tag == GUMBO_TAG_P) {
            size_t len = text_len_of(sib, false, 0);
            double ld = link_density(sib);
            take = (len >= 80 && ld < 0.25) || (len >= MIN_BLOCK_BYTES && ld == 0);
        }
        if (take) pick(out, sib);
    }
    free(s.c);
}

/* ------------------------------------------------------------ metadata */

typedef struct meta {
    char *og_title, *title, *h1, *author, *published, *url, *site, *modified;
} meta;

static void set_once(char **dst, const char *v) {
    if (*dst || !v) return;
    while (isspace((unsigned char)*v)) v++;
    if (!*v) return;
    *dst = strdup(v);
}

/* Whitespace-collapsed text of a node, malloc'd (NULL when empty). */
static char *node_text(const GumboNode *n) {
    rasd_buf b = {0};
    text_ctx c = {&b, false, false, false};
    text_walk(&c, n, 0);
    if (b.oom || b.len == 0) {
        rasd_buf_free(&b);
        return NULL;
    }
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] == '\n') b.data[i] = ' ';
    while (b.len && b.data[b.len - 1] == ' ') b.data[--b.len] = '\0';
    size_t s = 0;
    while (s < b.len && b.data[s] == ' ') s++;
    memmove(b.data, b.data + s, b.len - s + 1);
    if (!b.data[0]) {
        rasd_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* <title> holds raw text (gumbo's RCDATA), one text child. */
static char *title_text(const GumboNode *n) {
    rasd_buf b = {0};
    text_ctx c = {&b, false, false, false};
    for (unsigned i = 0; i < n->v.element.children.length; i++) {
        const GumboNode *ch = n->v.element.children.data[i];
        if (ch->type == GUMBO_NODE_TEXT || ch->type == GUMBO_NODE_WHITESPACE) text_append(&c, ch->v.text.text);
    }
    if (b.oom || b.len == 0) {
        rasd_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static void set_date(char **dst, const char *v) {
    char d[11];
    if (*dst || !v || !rasd_web_date(v, d)) return;
    *dst = strdup(d);
}

/* A JSON-LD author: a string, an object with a name, or a list of them
 * (the first). */
static const char *ld_name(json_t *v) {
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_object(v)) return json_string_value(json_object_get(v, "name"));
    if (json_is_array(v) && json_array_size(v)) return ld_name(json_array_get(v, 0));
    return NULL;
}

static bool ld_is_article(json_t *o) {
    json_t *t = json_object_get(o, "@type");
    const char *ty = json_string_value(t);
    if (json_is_array(t) && json_array_size(t)) ty = json_string_value(json_array_get(t, 0));
    return ty && (strstr(ty, "Article") || !strcmp(ty, "Report") || !strcmp(ty, "BlogPosting") ||
                  !strcmp(ty, "LiveBlogPosting"));
}

static void ld_visit(meta *m, json_t *v, int depth) {
    if (depth > 8) return;
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) ld_visit(m, x, depth + 1);
        return;
    }
    if (!json_is_object(v)) return;
    json_t *graph = json_object_get(v, "@graph");
    if (graph) ld_visit(m, graph, depth + 1);
    if (!ld_is_article(v)) return;
    set_once(&m->og_title, json_string_value(json_object_get(v, "headline")));
    set_once(&m->author, ld_name(json_object_get(v, "author")));
    set_date(&m->published, json_string_value(json_object_get(v, "datePublished")));
    set_date(&m->modified, json_string_value(json_object_get(v, "dateModified")));
    json_t *pub = json_object_get(v, "publisher");
    set_once(&m->site, ld_name(pub));
    const char *url = json_string_value(json_object_get(v, "url"));
    if (!url) url = json_string_value(json_object_get(json_object_get(v, "mainEntityOfPage"), "@id"));
    set_once(&m->url, url);
}

static void read_json_ld(meta *m, const GumboNode *script) {
    if (script->v.element.children.length == 0) return;
    const GumboNode *t = script->v.element.children.data[0];
    if (t->type != GUMBO_NODE_TEXT) return;
    json_error_t je;
    json_t *v = json_loads(t->v.text.text, JSON_DECODE_ANY, &je);
    if (!v) return; /* a broken JSON-LD block is the page's problem, not the article's */
    ld_visit(m, v, 0);
    json_decref(v);
}

/* Byline classes: the first short element whose class or rel names the
 * author. */
static bool is_byline(const GumboNode *n) {
    const char *c = attr(n, "class"), *rel = attr(n, "rel"), *ip = attr(n, "itemprop");
    if (rel && !strcasecmp(rel, "author")) return true;
    if (ip && !strcasecmp(ip, "author")) return true;
    return contains_ci(c, "byline") || contains_ci(c, "author-name") || contains_ci(c, "writer") ||
           (contains_ci(c, "author") && !contains_ci(c, "author-box") && !contains_ci(c, "authors-list"));
}

static void meta_walk(meta *m, const GumboNode *n, int depth) {
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH) return;
    GumboTag t = n->v.element.tag;
    switch (t) {
    case GUMBO_TAG_META: {
        const char *key = attr(n, "property");
        if (!key) key = attr(n, "name");
        if (!key) key = attr(n, "itemprop");
        const char *v = attr(n, "content");
        if (!key || !v) break;
        if (!strcasecmp(key, "og:title") || !strcasecmp(key, "twitter:title")) set_once(&m->og_title, v);
        else if (!strcasecmp(key, "og:site_name")) set_once(&m->site, v);
        else if (!strcasecmp(key, "og:url")) set_once(&m->url, v);
        else if (!strcasecmp(key, "author") || !strcasecmp(key, "article:author") ||
                 !strcasecmp(key, "dc.creator") || !strcasecmp(key, "sailthru.author") ||
                 !strcasecmp(key, "parsely-author")) {
            if (strncmp(v, "http", 4) != 0) set_once(&m->author, v); /* article:author may be a profile URL */
        } else if (!strcasecmp(key, "article:published_time") || !strcasecmp(key, "datePublished") ||
                   !strcasecmp(key, "date") || !strcasecmp(key, "pubdate") || !strcasecmp(key, "publish-date") ||
                   !strcasecmp(key, "dc.date") || !strcasecmp(key, "dc.date.issued") ||
                   !strcasecmp(key, "og:published_time") || !strcasecmp(key, "sailthru.date") ||
                   !strcasecmp(key, "parsely-pub-date"))
            set_date(&m->published, v);
        else if (!strcasecmp(key, "article:modified_time") || !strcasecmp(key, "dateModified"))
            set_date(&m->modified, v);
        break;
    }
    case GUMBO_TAG_LINK: {
        const char *rel = attr(n, "rel"), *href = attr(n, "href");
        if (rel && href && !strcasecmp(rel, "canonical")) {
            free(m->url); /* the canonical link wins over og:url */
            m->url = NULL;
            set_once(&m->url, href);
        }
        break;
    }
    case GUMBO_TAG_TITLE:
        if (!m->title) m->title = title_text(n);
        break;
    case GUMBO_TAG_SCRIPT: {
        const char *ty = attr(n, "type");
        if (ty && !strcasecmp(ty, "application/ld+json")) read_json_ld(m, n);
        return;
    }
    case GUMBO_TAG_H1:
        if (!m->h1) m->h1 = node_text(n);
        break;
    case GUMBO_TAG_TIME:
        if (!m->published) {
            const char *dt = attr(n, "datetime");
            const char *ip = attr(n, "itemprop"), *c = attr(n, "class");
            /* the first <time> is usually the article's; an "updated" one is not */
            if (!(ip && contains_ci(ip, "modified")) && !(c && contains_ci(c, "updat"))) set_date(&m->published, dt);
        }
        break;
    default:
        if (!m->author && t != GUMBO_TAG_BODY && t != GUMBO_TAG_HTML && is_byline(n)) {
            char *s = node_text(n);
            /* a byline is a name, not a paragraph */
            if (s && strlen(s) <= 120) m->author = s;
            else free(s);
        }
        break;
    }
    for (unsigned i = 0; i < n->v.element.children.length; i++) meta_walk(m, n->v.element.children.data[i], depth + 1);
}

static void meta_free(meta *m) {
    free(m->og_title);
    free(m->title);
    free(m->h1);
    free(m->author);
    free(m->published);
    free(m->url);
    free(m->site);
    free(m->modified);
}

/* The title: og:title (or JSON-LD headline), else <title> less the site's
 * name ("Headline | Outlet", "Outlet - Headline"), else the first <h1>. */
static char *pick_title(meta *m) {
    if (m->og_title) return strdup(m->og_title);
    if (!m->title) return m->h1 ? strdup(m->h1) : NULL;
    static const char *const SEPS[] = {" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "};
    char *t = strdup(m->title);
    if (!t) return NULL;
    if (m->h1 && strstr(t, m->h1)) {
        free(t);
        return strdup(m->h1);
    }
    for (size_t i = 0; i < sizeof SEPS / sizeof *SEPS; i++) {
        char *last = NULL;
        for (char *p = t; (p = strstr(p, SEPS[i])) != NULL; p++) last = p;
        if (!last) continue;
        const char *tail = last + strlen(SEPS[i]);
        size_t tail_words = 1;
        for (const char *q = tail; *q; q++) tail_words += *q == ' ';
        if ((m->site && strstr(tail, m->site)) || tail_words <= 4) {
            *last = '\0';
            break;
        }
        /* "Outlet - Headline": the site's name first */
        if (m->site && !strncmp(t, m->site, strlen(m->site)) && last == t + strlen(m->site)) {
            memmove(t, tail, strlen(tail) + 1);
            break;
        }
    }
    return t;
}

/* "بقلم: فلان", "By Name", "كتب: فلان": the name alone. */
static void clean_author(char *a) {
    static const char *const PREFIXES[] = {"بقلم:", "بقلم", "كتب:", "كتبت:", "كتب", "By:", "By ", "by ", "إعداد:"};
    for (size_t i = 0; i < sizeof PREFIXES / sizeof *PREFIXES; i++) {
        size_t n = strlen(PREFIXES[i]);
        if (!strncmp(a, PREFIXES[i], n)) {
            char *p = a + n;
            while (*p == ' ') p++;
            if (*p) memmove(a, p, strlen(p) + 1);
            break;
        }
    }
}

static bool too_many_tags(const char *s, size_t len) {
    size_t tags = 0;
    for (const char *p = s; (p = memchr(p, '<', len - (size_t)(p - s))) != NULL && p + 1 < s + len; p++)
        if (isalpha((unsigned char)p[1]) && ++tags > MAX_TAGS) return true;
    return false;
}

/* Parses html (valid UTF-8 from here on) after the size and tag checks. */
static rasd_status parse(const char *name, const char *html, size_t len, size_t max, GumboOutput **out, rasd_error *err) {
    if (len > max)
        return rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: %zu bytes of HTML, over the limit of %zu", name, len, max);
    if (too_many_tags(html, len))
        return rasd_fail(err, RASD_ERR_FORMAT, "%s: more than %d tags: not a news page", name, MAX_TAGS);
    GumboOptions o = kGumboDefaultOptions;
    o.max_errors = 0; /* the parse errors of real pages are legion and say nothing */
    *out = gumbo_parse_with_options(&o, html, len);
    if (!*out) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory parsing HTML", name);
    return RASD_OK;
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

rasd_status rasd_html_read(const char *name, const char *data, size_t len, const rasd_html_options *opt,
                           rasd_article *a, rasd_error *err) {
    memset(a, 0, sizeof *a);
    rasd_html_options none = {0};
    if (!opt) opt = &none;
    size_t max = opt->max_bytes ? opt->max_bytes : RASD_HTML_MAX_BYTES;
    if (len > max)
        return rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: %zu bytes of HTML, over the limit of %zu", name, len, max);
    char *html = NULL;
    size_t hlen = 0;
    rasd_status st = rasd_html_to_utf8(name, data, len, opt->charset, &html, &hlen, err);
    if (st != RASD_OK) return st;
    GumboOutput *g = NULL;
    if ((st = parse(name, html, hlen, max * 4, &g, err)) != RASD_OK) {
        free(html);
        return st;
    }
    meta m = {0};
    meta_walk(&m, g->root, 0);
    picked body = {0};
    pick_body(g->root, &body);
    bool oom = body.oom;
    rasd_buf b = {0};
    text_ctx c = {&b, true, true, false};
    for (size_t i = 0; i < body.n; i++) {
        text_walk(&c, body.nodes[i], 0);
        text_newline(&c);
    }
    free(body.nodes);
    a->origin = strdup(name);
    a->title = pick_title(&m);
    a->author = m.author, m.author = NULL;
    if (a->author) clean_author(a->author);
    a->published = m.published, m.published = NULL;
    if (m.url) a->url = m.url, m.url = NULL;
    else a->url = dup_or_null(opt->url);
    a->source = m.site, m.site = NULL;
    meta_free(&m);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    free(html);
    if (b.oom || oom || !a->origin) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
    }
    /* the body's first line repeats the headline on most pages: the
     * headline is the title, not a paragraph */
    char *text = b.data ? b.data : NULL;
    size_t tlen = b.len;
    if (text && a->title) {
        size_t tl = strlen(a->title);
        if (tlen >= tl && !strncmp(text, a->title, tl) && (tlen == tl || text[tl] == '\n')) {
            size_t skip = tl;
            while (skip < tlen && text[skip] == '\n') skip++;
            memmove(text, text + skip, tlen - skip + 1);
            tlen -= skip;
        }
    }
    while (tlen && (text[tlen - 1] == '\n' || text[tlen - 1] == ' ')) text[--tlen] = '\0';
    if (text && opt->bp && tlen) {
        rasd_boilerplate_result r;
        if ((st = rasd_boilerplate_filter(opt->bp, text, tlen, &r, err)) != RASD_OK) {
            free(text);
            return st;
        }
        free(text);
        text = r.text, tlen = r.len, r.text = NULL;
        rasd_boilerplate_result_free(&r);
        /* a removed line between two blank ones leaves two in a row */
        size_t w = 0;
        for (size_t i = 0; i < tlen; i++)
            if (!(text[i] == '\n' && w >= 2 && text[w - 1] == '\n' && text[w - 2] == '\n')) text[w++] = text[i];
        while (w && text[w - 1] == '\n') w--;
        text[tlen = w] = '\0';
    }
    if (!text || tlen == 0) {
        free(text);
        return rasd_fail(err, RASD_ERR_EMPTY, "%s: no article text found in the page", name);
    }
    a->text = text;
    a->len = tlen;
    return RASD_OK;
}

rasd_status rasd_html_text(const char *data, size_t len, char **text, size_t *text_len, rasd_error *err) {
    *text = NULL;
    *text_len = 0;
    char *html = NULL;
    size_t hlen = 0;
    rasd_utf8_report rep;
    rasd_status st = rasd_utf8_sanitize(data, len, false, &html, &hlen, &rep, err);
    if (st != RASD_OK) return st;
    GumboOutput *g = NULL;
    if ((st = parse("HTML fragment", html, hlen, RASD_HTML_MAX_BYTES, &g, err)) != RASD_OK) {
        free(html);
        return st;
    }
    rasd_buf b = {0};
    text_ctx c = {&b, false, false, false};
    text_walk(&c, g->root, 0);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    free(html);
    while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' ')) b.data[--b.len] = '\0';
    if (b.oom) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    if (!b.data && !(b.data = calloc(1, 1))) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    *text = b.data;
    *text_len = b.len;
    return RASD_OK;
}

/* ------------------------------------------------------------ charsets */

rasd_status rasd_charset_to_utf8(const char *name, const char *charset, const char *data, size_t len, char **out,
                                 size_t *out_len, rasd_error *err) {
    *out = NULL;
    *out_len = 0;
    if (!strcasecmp(charset, "utf-8") || !strcasecmp(charset, "utf8") || !strcasecmp(charset, "us-ascii") ||
        !strcasecmp(charset, "ascii")) {
        rasd_utf8_report rep;
        return rasd_utf8_sanitize(data, len, false, out, out_len, &rep, err);
    }
    /* browsers read iso-8859-1 as windows-1252, and so do we */
    const char *from = !strcasecmp(charset, "iso-8859-1") || !strcasecmp(charset, "latin1") ? "WINDOWS-1252" : charset;
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return rasd_fail(err, RASD_ERR_FORMAT, "%s: unknown character set \"%s\"", name, charset);
    rasd_buf b = {0};
    rasd_buf_reserve(&b, len * 2 + 16);
    char *in = (char *)data;
    size_t in_left = len;
    while (in_left && !b.oom) {
        rasd_buf_reserve(&b, in_left * 2 + 16);
        if (b.oom) break;
        char *o = b.data + b.len;
        size_t o_left = b.cap - b.len - 1;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        b.len = (size_t)(o - b.data);
        if (r == (size_t)-1) {
            if (errno == E2BIG) continue;
            /* a byte the charset does not have, or a truncated sequence */
            rasd_buf_append(&b, "\xEF\xBF\xBD", 3);
            in++;
            in_left--;
        }
    }
    iconv_close(cd);
    if (b.oom) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    rasd_utf8_report rep;
    rasd_status st = rasd_utf8_sanitize(b.data ? b.data : "", b.len, false, out, out_len, &rep, err);
    rasd_buf_free(&b);
    return st;
}

/* The charset a <meta> in the first bytes declares, into out. */
static bool sniff_meta_charset(const char *s, size_t len, char *out, size_t cap) {
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 8 < n; i++) {
        if (strncasecmp(s + i, "charset", 7) != 0) continue;
        size_t j = i + 7;
        while (j < n && s[j] == ' ') j++;
        if (j >= n || s[j] != '=') continue;
        j++;
        while (j < n && (s[j] == ' ' || s[j] == '"' || s[j] == '\'')) j++;
        size_t k = 0;
        while (j < n && k + 1 < cap && (isalnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '_' || s[j] == ':'))
            out[k++] = s[j++];
        out[k] = '\0';
        if (k) return true;
    }
    return false;
}

rasd_status rasd_html_to_utf8(const char *name, const char *data, size_t len, const char *charset, char **out,
                              size_t *out_len, rasd_error *err) {
    char sniffed[64];
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) charset = "utf-8";
    else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) charset = "utf-16le";
    else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) charset = "utf-16be";
    else if (!charset || !*charset) charset = sniff_meta_charset(data, len, sniffed, sizeof sniffed) ? sniffed : NULL;
    if (!charset) {
        /* nothing says: UTF-8, unless the bytes are plainly not UTF-8; then
         * windows-1256, the legacy charset of nearly every Arabic site */
        rasd_utf8_report rep;
        rasd_status st = rasd_utf8_sanitize(data, len, false, out, out_len, &rep, err);
        if (st != RASD_OK || rep.invalid_count <= 8 || rep.invalid_count * 100 <= rep.chars) return st;
        free(*out);
        *out = NULL;
        charset = "windows-1256";
    }
    rasd_status st = rasd_charset_to_utf8(name, charset, data, len, out, out_len, err);
    if (st == RASD_ERR_FORMAT) /* an unknown charset named by the page: read it as UTF-8 */
        st = rasd_charset_to_utf8(name, "utf-8", data, len, out, out_len, err);
    return st;
}

/* ------------------------------------------------------------ dates */

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static bool make_date(int y, int m, int d, char out[11]) {
    static const int DAYS[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > DAYS[m - 1] || (m == 2 && d == 29 && !leap(y)))
        return false;
    out[0] = (char)('0' + y / 1000), out[1] = (char)('0' + y / 100 % 10), out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10), out[4] = '-', out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10);
    out[7] = '-', out[8] = (char)('0' + d / 10), out[9] = (char)('0' + d % 10), out[10] = '\0';
    return true;
}

static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool rasd_web_date(const char *s, char out[11]) {
    if (!s) return false;
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    /* ISO 8601 and its slashed form: YYYY-MM-DD... */
    if (n >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] && (n == 10 || !isdigit((unsigned char)s[10]))) {
        int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
        return y >= 0 && m >= 0 && d >= 0 && make_date(y, m, d, out);
    }
    /* ISO 8601 basic: YYYYMMDD */
    if (n >= 8 && (n == 8 || s[8] == 'T')) {
        int y = digits(s, 4), m = digits(s + 4, 2), d = digits(s + 6, 2);
        if (y >= 0 && m >= 0 && d >= 0) return make_date(y, m, d, out);
    }
    /* RFC 822 / 1123: [Day, ]DD Mon YYYY ... */
    static const char *const MONTHS[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    const char *p = s;
    const char *comma = strchr(p, ',');
    if (comma && comma - p <= 12) p = comma + 1;
    while (*p == ' ') p++;
    char *end;
    long d = strtol(p, &end, 10);
    if (end == p || d < 1 || d > 31) return false;
    p = end;
    while (*p == ' ' || *p == '-') p++;
    int m = 0;
    for (int i = 0; i < 12; i++)
        if (!strncasecmp(p, MONTHS[i], 3)) m = i + 1;
    if (!m) return false;
    while (isalpha((unsigned char)*p)) p++;
    while (*p == ' ' || *p == '-' || *p == '.') p++;
    long y = strtol(p, &end, 10);
    if (end == p) return false;
    if (end - p == 2) y += y < 50 ? 2000 : 1900; /* RFC 822's two-digit years */
    return make_date((int)y, m, (int)d, out);
}
