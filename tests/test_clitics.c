/*
 * test_clitics.c: clitic splitting, base spans and stems.
 */
#include "test_helpers.h"

#include "core/internal.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

/* "و+ال+عشائر" style rendering of a word's analysis (keys). */
static const char *split_of(const char *word) {
    static char out[512];
    rasd_word w;
    assert_int_equal(rasd_analyze_word(test_an, word, 0, strlen(word), &w), RASD_OK);
    size_t len = 0;
    for (int i = 0; i < w.n_proclitics; i++)
        len += (size_t)snprintf(out + len, sizeof out - len, "%.*s+", (int)w.proclitic_len[i], w.proclitic[i]);
    len += (size_t)snprintf(out + len, sizeof out - len, "%.*s", (int)w.base_len, w.base);
    if (w.enclitic) snprintf(out + len, sizeof out - len, "+%.*s", (int)w.enclitic_len, w.enclitic);
    return out;
}

static void test_acceptance_cases(void **state) {
    (void)state;
    assert_string_equal(split_of("وقسد"), "و+قسد");
    assert_string_equal(split_of("لداعش"), "ل+داعش");
    assert_string_equal(split_of("بدير"), "ب+دير");
    assert_string_equal(split_of("والعشائر"), "و+ال+عشائر");
    assert_string_equal(split_of("وأضافت"), "و+اضافت"); /* not و+أضاف+ت */
}

static void test_words_that_only_look_prefixed(void **state) {
    (void)state;
    assert_string_equal(split_of("وزير"), "وزير");
    assert_string_equal(split_of("سيارة"), "سياره");
    assert_string_equal(split_of("فيصل"), "فيصل");
    assert_string_equal(split_of("لبنان"), "لبنان");
    assert_string_equal(split_of("بريطانيا"), "بريطانيا");
    assert_string_equal(split_of("الذي"), "الذي");
    assert_string_equal(split_of("الله"), "الله");
}

static void test_prefix_combinations(void **state) {
    (void)state;
    assert_string_equal(split_of("بالعراق"), "ب+ال+عراق");
    assert_string_equal(split_of("للأمم"), "لل+امم");
    assert_string_equal(split_of("وللمرأة"), "و+لل+مراه");
    assert_string_equal(split_of("سيواصل"), "س+يواصل");
    assert_string_equal(split_of("ومن"), "و+من");
}

static void test_enclitics(void **state) {
    (void)state;
    assert_string_equal(split_of("دعمه"), "دعم+ه");
    assert_string_equal(split_of("منها"), "من+ها");
    assert_string_equal(split_of("شركائنا"), "شركائ+نا"); /* ء takes a seat before a suffix */
    assert_string_equal(split_of("دولته"), "دولت+ه"); /* ة written ت before a suffix */
    /* ة is not the pronoun ه, and the article excludes a suffix */
    assert_string_equal(split_of("دولة"), "دوله");
    assert_string_equal(split_of("العربي"), "ال+عربي");
}

static void test_base_span_points_into_text(void **state) {
    (void)state;
    const char *text = "قال إن وَقسدٍ انسحبت";
    size_t start = strlen("قال إن "), end = start + strlen("وَقسدٍ");
    rasd_word w;
    assert_int_equal(rasd_analyze_word(test_an, text, start, end, &w), RASD_OK);
    assert_int_equal(w.n_proclitics, 1);
    /* the base starts at ق, after و and its fatha, and keeps its tanween */
    assert_memory_equal(text + w.base_start, "قسدٍ", strlen("قسدٍ"));
    assert_int_equal(w.base_end, end);
    /* analysed again (a cache hit) at another offset: spans move with it */
    const char *other = "وَقسدٍ";
    assert_int_equal(rasd_analyze_word(test_an, other, 0, strlen(other), &w), RASD_OK);
    assert_int_equal(w.base_start, strlen("وَ"));
}

static void test_stems_come_from_snowball(void **state) {
    (void)state;
    rasd_word a, b;
    const char *x = "الأمريكية", *y = "لأمريكيه";
    assert_int_equal(rasd_analyze_word(test_an, x, 0, strlen(x), &a), RASD_OK);
    char stem_a[64];
    snprintf(stem_a, sizeof stem_a, "%.*s", (int)a.stem_len, a.stem);
    assert_int_equal(rasd_analyze_word(test_an, y, 0, strlen(y), &b), RASD_OK);
    assert_true(a.stem_len > 0 && a.stem_len < a.norm_len);
    assert_int_equal(b.stem_len, strlen(stem_a));
    assert_memory_equal(b.stem, stem_a, b.stem_len);
}

/* Words that share a base share its stem (the analyzer stems a base once):
 * each form's stem is the one a fresh analyzer gives it alone. */
static void test_forms_sharing_a_base_get_its_stem(void **state) {
    (void)state;
    const char *forms[] = {"العشائر", "والعشائر", "بالعشائر", "عشائرهم", "والمتحدثين", "المتحدثين"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        rasd_error err = {0};
        rasd_analyzer *fresh = rasd_analyzer_new(test_lex, &err);
        assert_non_null(fresh);
        rasd_word shared, alone;
        assert_int_equal(rasd_analyze_word(test_an, forms[i], 0, strlen(forms[i]), &shared), RASD_OK);
        assert_int_equal(rasd_analyze_word(fresh, forms[i], 0, strlen(forms[i]), &alone), RASD_OK);
        assert_true(alone.stem_len > 0);
        assert_int_equal(shared.stem_len, alone.stem_len);
        assert_memory_equal(shared.stem, alone.stem, alone.stem_len);
        /* the hashes the later stages probe with, on a miss and on a hit
         * (a word's strings are read before the next call) */
        assert_true(alone.norm_hash == XXH3_64bits(alone.norm, alone.norm_len));
        assert_true(alone.base_hash == XXH3_64bits(alone.base, alone.base_len));
        rasd_word again;
        assert_int_equal(rasd_analyze_word(fresh, forms[i], 0, strlen(forms[i]), &again), RASD_OK);
        assert_true(again.norm_hash == XXH3_64bits(again.norm, again.norm_len));
        assert_true(again.base_hash == XXH3_64bits(again.base, again.base_len));
        rasd_analyzer_destroy(fresh);
    }
}

static void test_latin_word_has_key_and_no_clitics(void **state) {
    (void)state;
    const char *t = "CJTF-OIR";
    rasd_word w;
    assert_int_equal(rasd_analyze_word(test_an, t, 0, strlen(t), &w), RASD_OK);
    assert_int_equal(w.n_proclitics, 0);
    assert_null(w.enclitic);
    assert_int_equal(w.norm_len, strlen("cjtf-oir"));
    assert_memory_equal(w.norm, "cjtf-oir", w.norm_len);
}

static void test_many_distinct_words_keep_cache_bounded(void **state) {
    (void)state;
    /* more distinct words than the cache holds (2^18): analyses stay
     * correct once it is full, when each new word is analysed into the
     * analyzer's spare entry (which must be aligned as a cache entry: the
     * sanitizer build checks the store) */
    char word[64];
    for (int i = 0; i < 300000; i++) {
        int n = snprintf(word, sizeof word, "وسلم%d", i); /* its key is itself */
        rasd_word w;
        assert_int_equal(rasd_analyze_word(test_an, word, 0, (size_t)n, &w), RASD_OK);
        assert_int_equal(w.norm_len, (size_t)n);
        assert_memory_equal(w.norm, word, (size_t)n);
        assert_true(w.norm_hash == XXH3_64bits(word, (size_t)n));
    }
    assert_string_equal(split_of("والعشائر"), "و+ال+عشائر");
}

static void test_lexicon_errors_name_file_and_line(void **state) {
    (void)state;
    char dir[] = "/tmp/rasd-lex-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/lexicon", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/lexicon/ar-words.tsv", dir);
    FILE *f = fopen(path, "w");
    fputs("# comment\nمن\t5\nفي\tmany\n", f);
    fclose(f);
    rasd_error err = {0};
    rasd_lexicon *lex = rasd_lexicon_load(dir, &err);
    assert_null(lex);
    assert_int_equal(err.code, RASD_ERR_DATA);
    assert_non_null(strstr(err.message, "ar-words.tsv:3"));
    remove(path);
    snprintf(path, sizeof path, "%s/lexicon", dir);
    rmdir(path);
    rmdir(dir);
    /* a missing directory */
    lex = rasd_lexicon_load("/nonexistent/rasd", &err);
    assert_null(lex);
    assert_non_null(strstr(err.message, "/nonexistent/rasd/lexicon/ar-words.tsv"));
}

/* The word classes of data/lexicon/ar-word-classes.tsv (from ayaspell):
 * nouns and adjectives with and without the article, a verb with the
 * future's س, a particle; a foreign name is of none. The file is searched
 * in place, so its keys must stay sorted. */
static uint32_t class_of(const char *word) {
    char key[256];
    size_t n = rasd_normalize(word, strlen(word), key, sizeof key);
    return rasd_lexicon_word_class(test_lex, key, n);
}

static void test_word_classes(void **state) {
    (void)state;
    assert_true(class_of("شجرة") & RASD_WORD_NOUN);
    assert_true(class_of("الشجرة") & RASD_WORD_NOUN);
    assert_true(class_of("طامحة") & RASD_WORD_NOUN);
    assert_true(class_of("قراطيس") & RASD_WORD_NOUN);
    assert_true(class_of("المكتبات") & RASD_WORD_NOUN);
    assert_true(class_of("يكتبون") & RASD_WORD_VERB);
    assert_false(class_of("يكتبون") & RASD_WORD_FUTURE);
    assert_true(class_of("سنحرم") & RASD_WORD_FUTURE);
    assert_true(class_of("سيكتبون") & RASD_WORD_VERB);
    assert_false(class_of("الشجرة") & RASD_WORD_VERB);
    assert_true(class_of("لكن") & RASD_WORD_FUNCTION);
    assert_true(class_of("إلى") & RASD_WORD_FUNCTION);
    assert_int_equal(class_of("كازابلانكا"), 0);
    assert_int_equal(class_of("بنجلاديش"), 0); /* a country, listed among the nouns */
    assert_int_equal(class_of(""), 0);
    /* sorted by bytes, one line a key */
    char path[1024];
    snprintf(path, sizeof path, "%s/lexicon/ar-word-classes.tsv", rasd_lexicon_dir(test_lex));
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512], last[512] = "";
    size_t lines = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        assert_true(strcmp(last, line) < 0);
        strcpy(last, line);
        lines++;
    }
    fclose(f);
    assert_true(lines > 100000);
}

/* An analyzer told to skip stems gives every other part of a word as one
 * that stems: the name lists hash bases with one (ner/context.c). */
static void test_skip_stems_keeps_the_rest(void **state) {
    (void)state;
    const char *forms[] = {"والعشائر", "بالرياض", "عشائرهم", "Reuters", "الرياض"};
    rasd_error err = {0};
    rasd_analyzer *plain = rasd_analyzer_new(test_lex, &err);
    rasd_analyzer *bare = rasd_analyzer_new(test_lex, &err);
    assert_non_null(plain);
    assert_non_null(bare);
    rasd_analyzer_skip_stems(bare);
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        for (int round = 0; round < 2; round++) { /* a miss, then a hit */
            rasd_word a, b;
            assert_int_equal(rasd_analyze_word(plain, forms[i], 0, strlen(forms[i]), &a), RASD_OK);
            assert_int_equal(rasd_analyze_word(bare, forms[i], 0, strlen(forms[i]), &b), RASD_OK);
            assert_true(a.stem_len > 0);
            assert_int_equal(b.stem_len, 0);
            assert_int_equal(a.norm_len, b.norm_len);
            assert_memory_equal(a.norm, b.norm, a.norm_len);
            assert_int_equal(a.base_len, b.base_len);
            assert_memory_equal(a.base, b.base, a.base_len);
            assert_int_equal(a.n_proclitics, b.n_proclitics);
            assert_int_equal(a.enclitic_len, b.enclitic_len);
            assert_int_equal(a.base_start, b.base_start);
            assert_int_equal(a.base_end, b.base_end);
            assert_true(a.norm_hash == b.norm_hash && a.base_hash == b.base_hash);
        }
    }
    rasd_analyzer_destroy(plain);
    rasd_analyzer_destroy(bare);
}

/* Writes a lexicon directory with the given ar-words.tsv and empty other
 * lists; returns dir (filled in). */
static char *lexicon_dir(char dir[static 32], const char *words) {
    strcpy(dir, "/tmp/rasd-lex-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/lexicon", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    const char *names[] = {"ar-words.tsv", "function-words.txt", "abbreviations.txt"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/lexicon/%s", dir, names[i]);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(i == 0 ? words : "", f);
        fclose(f);
    }
    return dir;
}

static void remove_lexicon_dir(const char *dir) {
    char path[256];
    const char *names[] = {"ar-words.tsv", "function-words.txt", "abbreviations.txt"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/lexicon/%s", dir, names[i]);
        remove(path);
    }
    snprintf(path, sizeof path, "%s/lexicon", dir);
    rmdir(path);
    rmdir(dir);
}

/* Counts read by the digit fast path and by strtoul (a space before the
 * count, leading zeros past ten digits), CRLF endings, a last line with no
 * newline, two spellings of one key pooled, and a count past 32 bits
 * refused with its line. */
static void test_lexicon_counts(void **state) {
    (void)state;
    char dir[32];
    rasd_error err = {0};
    lexicon_dir(dir, "مدينة\t12\r\nقرية\t 7\nسوق\t00000000042\nأمريكا\t4294967295\nامريكا\t3\n  نهر\t9");
    rasd_lexicon *lex = rasd_lexicon_load(dir, &err);
    assert_non_null(lex);
    assert_int_equal(rasd_lexicon_count(lex, "مدينه", strlen("مدينه")), 12);
    assert_int_equal(rasd_lexicon_count(lex, "قريه", strlen("قريه")), 7);
    assert_int_equal(rasd_lexicon_count(lex, "سوق", strlen("سوق")), 42);
    assert_int_equal(rasd_lexicon_count(lex, "امريكا", strlen("امريكا")), UINT32_MAX);
    assert_int_equal(rasd_lexicon_count(lex, "نهر", strlen("نهر")), 9);
    rasd_lexicon_destroy(lex);
    remove_lexicon_dir(dir);
    lexicon_dir(dir, "مدينة\t12\nقرية\t4294967296\n");
    assert_null(rasd_lexicon_load(dir, &err));
    assert_int_equal(err.code, RASD_ERR_DATA);
    assert_non_null(strstr(err.message, "ar-words.tsv:2"));
    remove_lexicon_dir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_acceptance_cases),
        cmocka_unit_test(test_lexicon_counts),
        cmocka_unit_test(test_word_classes),
        cmocka_unit_test(test_skip_stems_keeps_the_rest),
        cmocka_unit_test(test_words_that_only_look_prefixed),
        cmocka_unit_test(test_prefix_combinations),
        cmocka_unit_test(test_enclitics),
        cmocka_unit_test(test_base_span_points_into_text),
        cmocka_unit_test(test_stems_come_from_snowball),
        cmocka_unit_test(test_forms_sharing_a_base_get_its_stem),
        cmocka_unit_test(test_latin_word_has_key_and_no_clitics),
        cmocka_unit_test(test_many_distinct_words_keep_cache_bounded),
        cmocka_unit_test(test_lexicon_errors_name_file_and_line),
    };
    return cmocka_run_group_tests_name("clitics", tests, setup_analyzer, teardown_analyzer);
}
