/*
 * test_segment.c: paragraphs and sentences, one construction per test.
 */
#include "test_helpers.h"

#include <stdio.h>

/* Segments text and returns its sentences joined by " | ". */
static const char *sentences_of(const char *text) {
    static char out[8192];
    rasd_span_list paras = {0}, sents = {0};
    size_t ntok = 0;
    assert_int_equal(rasd_segment(test_an, text, strlen(text), &paras, &sents, &ntok, NULL, NULL), RASD_OK);
    out[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < sents.count; i++) {
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%.*s", i ? " | " : "",
                                (int)(sents.items[i].end - sents.items[i].start), text + sents.items[i].start);
    }
    rasd_span_list_free(&paras);
    rasd_span_list_free(&sents);
    return out;
}

static void test_terminators(void **state) {
    (void)state;
    assert_string_equal(sentences_of("وصل الوفد. بدأ الاجتماع! هل انتهى؟ ربما… نعم؛ انتهى"),
                        "وصل الوفد. | بدأ الاجتماع! | هل انتهى؟ | ربما… | نعم؛ | انتهى");
}

static void test_line_breaks_end_sentences_and_paragraphs(void **state) {
    (void)state;
    const char *text = "العنوان هنا\n\n  الفقرة الأولى بلا نقطة  \nالفقرة الثانية.\n";
    rasd_span_list paras = {0}, sents = {0};
    assert_int_equal(rasd_segment(test_an, text, strlen(text), &paras, &sents, NULL, NULL, NULL), RASD_OK);
    assert_int_equal(paras.count, 3);
    assert_int_equal(sents.count, 3);
    /* spans are trimmed */
    assert_memory_equal(text + paras.items[1].start, "الفقرة", strlen("الفقرة"));
    assert_int_equal(text[paras.items[1].end], ' ');
    rasd_span_list_free(&paras);
    rasd_span_list_free(&sents);
}

static void test_numbers_do_not_split(void **state) {
    (void)state;
    assert_string_equal(sentences_of("وفق القرار 2254 بنسبة 4.5 في المئة. ثم انتهى."),
                        "وفق القرار 2254 بنسبة 4.5 في المئة. | ثم انتهى.");
    assert_string_equal(sentences_of("صدر القرار رقم 2254. ثم انتهى."), "صدر القرار رقم 2254. | ثم انتهى.");
}

static void test_abbreviations_do_not_split(void **state) {
    (void)state;
    assert_string_equal(sentences_of("قال د. سامر إن الوضع سيئ. وأضاف أن U.S. officials وصلوا."),
                        "قال د. سامر إن الوضع سيئ. | وأضاف أن U.S. officials وصلوا.");
    assert_string_equal(sentences_of("قال Dr. Smith كلاماً. ثم غادر."), "قال Dr. Smith كلاماً. | ثم غادر.");
}

static void test_quotation_spanning_sentences_is_not_cut(void **state) {
    (void)state;
    assert_string_equal(sentences_of("قال المبعوث: «لا حل عسكرياً. على الجميع العودة إلى الحوار». ثم غادر."),
                        "قال المبعوث: «لا حل عسكرياً. على الجميع العودة إلى الحوار». | ثم غادر.");
    assert_string_equal(sentences_of("وقال \"انتهى الأمر. لن نعود\" وغادر القاعة. ثم عاد."),
                        "وقال \"انتهى الأمر. لن نعود\" وغادر القاعة. | ثم عاد.");
}

static void test_closing_marks_stay_with_sentence(void **state) {
    (void)state;
    assert_string_equal(sentences_of("قال: (انتهى الأمر.) ثم غادر."), "قال: (انتهى الأمر.) | ثم غادر.");
}

static void test_unclosed_quotation_does_not_swallow_line(void **state) {
    (void)state;
    assert_string_equal(sentences_of("قال «انتهى الأمر. ثم غادر."), "قال «انتهى الأمر. | ثم غادر.");
}

static void test_comma_before_new_clause_splits(void **state) {
    (void)state;
    assert_string_equal(
        sentences_of("أعلن التحالف الدولي في بيان رسمي وقف العمليات العسكرية، وأكد المتحدث باسمه أن القرار نهائي ولا رجعة فيه"),
        "أعلن التحالف الدولي في بيان رسمي وقف العمليات العسكرية، | وأكد المتحدث باسمه أن القرار نهائي ولا رجعة فيه");
}

static void test_appositive_comma_does_not_split(void **state) {
    (void)state;
    const char *s = "أعلن التحالف الدولي، بقيادة الولايات المتحدة، دعمه لتسوية سياسية دائمة في البلاد.";
    assert_string_equal(sentences_of(s), s);
    /* a short coordinated tail stays with its verb */
    const char *t = "دعا الطرفان في بيان مشترك إلى وقف فوري لإطلاق النار، وبدء التفاوض المباشر.";
    assert_string_equal(sentences_of(t), t);
}

static void test_token_callback_sees_every_token_with_its_sentence(void **state) {
    (void)state;
    const char *text = "أولى. ثانية جداً.";
    rasd_span_list sents = {0};
    size_t ntok = 0;
    assert_int_equal(rasd_segment(test_an, text, strlen(text), NULL, &sents, &ntok, NULL, NULL), RASD_OK);
    assert_int_equal(ntok, 5);
    assert_int_equal(sents.count, 2);
    rasd_span_list_free(&sents);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terminators),
        cmocka_unit_test(test_line_breaks_end_sentences_and_paragraphs),
        cmocka_unit_test(test_numbers_do_not_split),
        cmocka_unit_test(test_abbreviations_do_not_split),
        cmocka_unit_test(test_quotation_spanning_sentences_is_not_cut),
        cmocka_unit_test(test_closing_marks_stay_with_sentence),
        cmocka_unit_test(test_unclosed_quotation_does_not_swallow_line),
        cmocka_unit_test(test_comma_before_new_clause_splits),
        cmocka_unit_test(test_appositive_comma_does_not_split),
        cmocka_unit_test(test_token_callback_sees_every_token_with_its_sentence),
    };
    return cmocka_run_group_tests_name("segment", tests, setup_analyzer, teardown_analyzer);
}
