/* tests/unit/test_xlsx.c: the spreadsheet ledger (am_xlsx_write_ledger) on the demo, solved with
 * am_match and scheduled with am_meetings: the file is a ZIP ("PK"), no temporary file is left,
 * equal inputs give equal bytes (also seconds apart: no clock in the file), an existing file is
 * replaced, a path in a missing directory is AM_ECREATE naming the path and leaves nothing, a failed
 * allocation is AM_ENOMEM and leaves nothing.
 * The last test writes the workbooks and the result and schedule JSON for the openpyxl check
 * (tests/xlsx/xlsx_openpyxl_test.sh) into $AM_XLSX_OUT when ctest sets it. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_io.h"
#include "advmatch/am_json.h"
#include "advmatch/am_match.h"
#include "advmatch/am_meetings.h"
#include "advmatch/am_validate.h"
#include "advmatch/am_xlsx.h"
#include "am_test.h"

/* Made once in the runner, before the tests fork: the demo, its groups and its meetings; and
 * the demo under a stricter policy (groups of at least 12, three local members), whose groups
 * miss members, for the shortfalls sheet (the demo's groups miss nothing). */
static am_instance *inst, *strict_inst;
static am_result *res, *strict_res;
static am_schedule *sched;

static const char strict_policy[] =
    "\"policy\": {\"group_size\": {\"min\": 12, \"target\": 12, \"max\": 14},"
    " \"local_members\": {\"min\": 3, \"max\": 3}},\n";

static am_instance *load(const char *text, size_t len)
{
    am_instance *in = NULL;
    am_diags *d = am_diags_new();
    am_error err = {0};
    ck_assert_int_eq(am_json_read_instance(text, len, &in, d, &err), AM_OK);
    ck_assert_int_eq(am_validate(in, d, &err), AM_OK);
    char *t = amt_diags_text(d);
    ck_assert_msg(am_diags_n_errors(d) == 0, "%s", t);
    free(t);
    am_diags_free(d);
    return in;
}

static void demo_setup(void)
{
    size_t len;
    char *text = amt_slurp("fixtures/demo/instance.json", &len);
    inst = load(text, len);
    /* the same with the strict policy inserted after the "format" line */
    const char *at = strstr(text, "\"format\"");
    ck_assert_ptr_nonnull(at);
    at = strchr(at, '\n') + 1;
    size_t head = (size_t)(at - text), n = strlen(strict_policy);
    char *strict = malloc(len + n + 1);
    ck_assert_ptr_nonnull(strict);
    memcpy(strict, text, head);
    memcpy(strict + head, strict_policy, n);
    memcpy(strict + head + n, at, len - head + 1);
    strict_inst = load(strict, len + n);
    free(strict);
    free(text);

    am_match_params p;
    am_match_params_init(&p);
    am_error err = {0};
    ck_assert_msg(am_match(inst, &p, &res, &err) == AM_OK, "am_match: %s", err.message);
    ck_assert_msg(am_meetings(inst, res, NULL, &p, &sched, &err) == AM_OK, "am_meetings: %s",
                  err.message);
    ck_assert_msg(am_match(strict_inst, &p, &strict_res, &err) == AM_OK, "am_match: %s",
                  err.message);
}

static void demo_teardown(void)
{
    am_schedule_free(sched);
    am_result_free(res);
    am_instance_free(inst);
    am_result_free(strict_res);
    am_instance_free(strict_inst);
}

/* Make a new empty directory under $TMPDIR or /tmp; its path goes into buf. */
static void make_dir(char *buf, size_t size)
{
    const char *base = getenv("TMPDIR");
    snprintf(buf, size, "%s/am_xlsx_XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(buf));
}

static int n_entries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char path[4096];
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static char *read_all(const char *path, size_t *len)
{
    char *data = NULL;
    am_error err = {0};
    ck_assert_msg(am_file_read(path, &data, len, &err) == AM_OK, "%s: %s", path, err.message);
    return data;
}

static void write_ledger_of(const char *path, const am_instance *in, const am_result *r,
                            const am_schedule *s, const char *province)
{
    am_error err = {0};
    am_status st = am_xlsx_write_ledger(path, in, r, s, province, &err);
    ck_assert_msg(st == AM_OK, "%s: %s: %s (%s)", path, am_status_name(st), err.message,
                  err.detail);
}

static void write_ledger(const char *path, const am_schedule *s, const char *province)
{
    write_ledger_of(path, inst, res, s, province);
}

START_TEST(writes_a_zip_and_leaves_no_temporary_file)
{
    char dir[4096], path[4200];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/ledger.xlsx", dir);
    write_ledger(path, sched, NULL);
    size_t len;
    char *data = read_all(path, &len);
    ck_assert_msg(len > 1000, "only %zu bytes", len);
    ck_assert(data[0] == 'P' && data[1] == 'K');
    ck_assert_int_eq(n_entries(dir), 1); /* no <path>.tmp.<pid> */
    am_heap_free(data);
    remove_dir(dir);
}
END_TEST

START_TEST(equal_inputs_give_equal_bytes)
{
    char dir[4096], a[4200], b[4200];
    make_dir(dir, sizeof dir);
    snprintf(a, sizeof a, "%s/a.xlsx", dir);
    snprintf(b, sizeof b, "%s/b.xlsx", dir);
    write_ledger(a, sched, NULL);
    sleep(2); /* ZIP times have a resolution of two seconds */
    write_ledger(b, sched, NULL);
    size_t la, lb;
    char *da = read_all(a, &la), *db = read_all(b, &lb);
    ck_assert_uint_eq(la, lb);
    ck_assert_msg(memcmp(da, db, la) == 0, "the two workbooks differ");
    am_heap_free(da);
    am_heap_free(db);
    remove_dir(dir);
}
END_TEST

START_TEST(replaces_an_existing_file)
{
    char dir[4096], path[4200];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/ledger.xlsx", dir);
    am_error err = {0};
    ck_assert_int_eq(am_file_write_atomic(path, "old", 3, &err), AM_OK);
    write_ledger(path, NULL, "52"); /* one province, no meetings */
    size_t len;
    char *data = read_all(path, &len);
    ck_assert(len > 1000 && data[0] == 'P' && data[1] == 'K');
    ck_assert_int_eq(n_entries(dir), 1);
    am_heap_free(data);
    remove_dir(dir);
}
END_TEST

START_TEST(missing_directory_is_eio_and_leaves_nothing)
{
    char dir[4096], path[4200];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/no/such/dir/ledger.xlsx", dir);
    am_error err = {0};
    ck_assert_int_eq(am_xlsx_write_ledger(path, inst, res, sched, NULL, &err), AM_ECREATE);
    ck_assert_int_eq(err.status, AM_ECREATE);
    ck_assert_str_eq(err.record, path);
    ck_assert_msg(strstr(err.detail, "No such file") != NULL, "detail: %s", err.detail);
    struct stat sb;
    ck_assert_int_ne(stat(path, &sb), 0);
    ck_assert_int_eq(n_entries(dir), 0);
    remove_dir(dir);

    am_error_clear(&err);
    ck_assert_int_eq(am_xlsx_write_ledger("-", inst, res, sched, NULL, &err), AM_EIO);
}
END_TEST

/* The n-th request for memory fails (am_arena_fail_after: the text buffer, am_explain's arenas),
 * for n = 0, 1, ... until the write succeeds: each failure is AM_ENOMEM and leaves no file. */
START_TEST(every_failed_allocation_is_enomem_and_leaves_no_file)
{
    char dir[4096], path[4200];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/strict.xlsx", dir);
    int n_failed = 0;
    for (long n = 0; n < 1000; n++) {
        am_error err = {0};
        am_arena_fail_after(n);
        am_status st = am_xlsx_write_ledger(path, strict_inst, strict_res, NULL, NULL, &err);
        am_arena_fail_after(-1);
        if (st == AM_OK)
            break;
        ck_assert_msg(st == AM_ENOMEM, "n = %ld: %s: %s", n, am_status_name(st), err.message);
        ck_assert_int_eq(n_entries(dir), 0);
        n_failed++;
    }
    ck_assert_int_gt(n_failed, 0);
    ck_assert_int_eq(n_entries(dir), 1);
    remove_dir(dir);
}
END_TEST

static void write_text(const char *path, am_sink *s)
{
    am_error err = {0};
    size_t len;
    ck_assert_int_eq(am_sink_status(s), AM_OK);
    const char *data = am_sink_data(s, &len);
    ck_assert_msg(am_file_write_atomic(path, data, len, &err) == AM_OK, "%s: %s", path,
                  err.message);
    am_sink_free(s);
}

/* The files tests/xlsx/xlsx_check.py reads: ledger.xlsx (every county, with the meetings),
 * ledger-52.xlsx (province 52, no schedule), result.json, schedule.json; strict.xlsx and
 * strict-result.json (the strict policy: shortfalls and their causes). */
START_TEST(writes_the_files_for_the_openpyxl_check)
{
    const char *out = getenv("AM_XLSX_OUT");
    char dir[4096], path[4200];
    if (out && *out) {
        snprintf(dir, sizeof dir, "%s", out);
        mkdir(dir, 0755);
    } else {
        make_dir(dir, sizeof dir);
    }
    snprintf(path, sizeof path, "%s/ledger.xlsx", dir);
    write_ledger(path, sched, NULL);
    snprintf(path, sizeof path, "%s/ledger-52.xlsx", dir);
    write_ledger(path, NULL, "52");
    am_sink *s = am_sink_new();
    am_json_write_result(res, s);
    snprintf(path, sizeof path, "%s/result.json", dir);
    write_text(path, s);
    s = am_sink_new();
    am_json_write_schedule(sched, s);
    snprintf(path, sizeof path, "%s/schedule.json", dir);
    write_text(path, s);

    int n_shortfalls = 0;
    for (int c = 0; c < am_result_n_groups(strict_res); c++)
        n_shortfalls += am_result_group(strict_res, c)->n_shortfalls;
    ck_assert_int_gt(n_shortfalls, 0);
    snprintf(path, sizeof path, "%s/strict.xlsx", dir);
    write_ledger_of(path, strict_inst, strict_res, NULL, NULL);
    s = am_sink_new();
    am_json_write_result(strict_res, s);
    snprintf(path, sizeof path, "%s/strict-result.json", dir);
    write_text(path, s);
    if (!(out && *out))
        remove_dir(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("xlsx");
    TCase *tc = tcase_create("ledger");
    tcase_add_unchecked_fixture(tc, demo_setup, demo_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, writes_a_zip_and_leaves_no_temporary_file);
    tcase_add_test(tc, equal_inputs_give_equal_bytes);
    tcase_add_test(tc, replaces_an_existing_file);
    tcase_add_test(tc, missing_directory_is_eio_and_leaves_nothing);
    tcase_add_test(tc, every_failed_allocation_is_enomem_and_leaves_no_file);
    tcase_add_test(tc, writes_the_files_for_the_openpyxl_check);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
