/* tests/unit/test_errors.c: the bad-input corpus of tests/bad: every case must report each line
 * of its .expected file, naming record and field, and never crash or build a usable instance
 * when it has errors. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_json.h"
#include "advmatch/am_validate.h"
#include "am_test.h"

/* Read and validate like `advmatch validate`; returns every diagnostic as text. */
static char *diagnose(const char *rel, int *n_errors)
{
    size_t len;
    char *data = amt_slurp(rel, &len);
    am_diags *d = am_diags_new();
    am_error err = {0};
    am_instance *inst = NULL;
    am_status st = am_json_read_instance(data, len, &inst, d, &err);
    ck_assert_msg(st == AM_OK || st == AM_EINPUT, "%s: status %s", rel, am_status_name(st));
    ck_assert_msg((st == AM_OK) == (inst != NULL), "%s: instance and status disagree", rel);
    if (inst && am_diags_n_errors(d) == 0)
        ck_assert_int_eq(am_validate(inst, d, &err), AM_OK);
    *n_errors = am_diags_n_errors(d);
    char *text = amt_diags_text(d);
    am_instance_free(inst);
    am_diags_free(d);
    free(data);
    return text;
}

static int has_line(const char *text, const char *line, size_t n)
{
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t m = nl ? (size_t)(nl - p) : strlen(p);
        if (m == n && memcmp(p, line, n) == 0)
            return 1;
        p = nl ? nl + 1 : NULL;
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

START_TEST(every_bad_file_reports_its_expected_lines)
{
    DIR *dir = opendir(amt_path("tests/bad"));
    ck_assert_ptr_nonnull(dir);
    char *names[512];
    int n = 0;
    for (struct dirent *de; (de = readdir(dir)) && n < 512;) {
        size_t l = strlen(de->d_name);
        if (l > 5 && strcmp(de->d_name + l - 5, ".json") == 0)
            names[n++] = strndup(de->d_name, l - 5);
    }
    closedir(dir);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    ck_assert_msg(n >= 30, "only %d bad-input cases", n);
    for (int i = 0; i < n; i++) {
        char rel[300], exp_rel[300];
        snprintf(rel, sizeof rel, "tests/bad/%s.json", names[i]);
        snprintf(exp_rel, sizeof exp_rel, "tests/bad/%s.expected", names[i]);
        int n_errors;
        char *text = diagnose(rel, &n_errors);
        size_t elen;
        char *expected = amt_slurp(exp_rel, &elen);
        int lines = 0, errors_expected = 0;
        for (char *p = expected; *p;) {
            char *nl = strchr(p, '\n');
            size_t m = nl ? (size_t)(nl - p) : strlen(p);
            if (m > 0) {
                lines++;
                errors_expected |= strncmp(p, "error:", 6) == 0;
                ck_assert_msg(has_line(text, p, m), "%s: expected\n  %.*s\ngot\n%s", names[i],
                              (int)m, p, text);
            }
            p = nl ? nl + 1 : p + m;
        }
        ck_assert_msg(lines > 0, "%s: empty .expected", names[i]);
        ck_assert_msg(errors_expected ? n_errors > 0 : n_errors == 0,
                      "%s: %d errors, expected %s\n%s", names[i], n_errors,
                      errors_expected ? "some" : "none", text);
        free(expected);
        free(text);
        free(names[i]);
    }
}
END_TEST

/* The reader survives every prefix of a valid document: no crash, and an error for each. */
START_TEST(every_prefix_of_a_document_is_rejected_cleanly)
{
    size_t len;
    char *data = amt_slurp("fixtures/rules/size/instance.json", &len);
    for (size_t cut = 0; cut < len; cut += 7) {
        char *copy = malloc(cut + 1);
        memcpy(copy, data, cut);
        copy[cut] = '\0';
        am_diags *d = am_diags_new();
        am_error err = {0};
        am_instance *inst = NULL;
        am_status st = am_json_read_instance(copy, cut, &inst, d, &err);
        /* Only a cut in trailing whitespace can still be a whole document. */
        ck_assert_msg(st == AM_EINPUT || cut + 2 >= len, "cut at %zu read as %s", cut,
                      am_status_name(st));
        if (st == AM_EINPUT)
            ck_assert_int_gt(am_diags_n_errors(d), 0);
        am_instance_free(inst);
        am_diags_free(d);
        free(copy);
    }
    free(data);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("errors");
    TCase *tc = tcase_create("corpus");
    tcase_add_test(tc, every_bad_file_reports_its_expected_lines);
    tcase_add_test(tc, every_prefix_of_a_document_is_rejected_cleanly);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
