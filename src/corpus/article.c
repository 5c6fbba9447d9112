/*
 * article.c: the article record every reader produces (article.h).
 */
#include "article.h"

#include <stdlib.h>
#include <string.h>

void rasd_article_clear(rasd_article *a) {
    if (!a) return;
    free(a->origin);
    free(a->url);
    free(a->title);
    free(a->text);
    free(a->source);
    free(a->author);
    free(a->published);
    memset(a, 0, sizeof *a);
}
