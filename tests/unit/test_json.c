/* tests/unit/test_json.c: the JSON adapter and the file helpers: defaults and accepted forms of
 * advmatch-instance/1, write/read round trips that give equal bytes, the result reader's
 * findings, string escaping, and atomic file replacement. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_io.h"
#include "advmatch/am_json.h"
#include "advmatch/am_match.h"
#include "am_test.h"

/* Parse `text`; asserts AM_OK and no errors; returns the instance and fills *warnings. */
static am_instance *parse(const char *text, int *warnings)
{
    am_diags *d = am_diags_new();
    am_error err = {0};
    am_instance *inst = NULL;
    ck_assert_int_eq(am_json_read_instance(text, strlen(text), &inst, d, &err), AM_OK);
    char *t = amt_diags_text(d);
    ck_assert_msg(am_diags_n_errors(d) == 0, "%s", t);
    if (warnings)
        *warnings = am_diags_n_warnings(d);
    free(t);
    am_diags_free(d);
    return inst;
}

static char *write_instance(const am_instance *inst)
{
    am_sink *s = am_sink_new();
    am_json_write_instance(inst, s);
    ck_assert_int_eq(am_sink_status(s), AM_OK);
    char *out = strdup(am_sink_data(s, NULL));
    am_sink_free(s);
    return out;
}

static const char minimal[] =
    "\xEF\xBB\xBF{\"format\": \"advmatch-instance/1\",\n"
    " \"policy\": {\"group_size\": {\"max\": 11}},\n"
    " \"provinces\": [{\"code\": \"62\", \"name\": \"\\u7518\\u8083\\u7701\", \"region\": "
    "\"west\", \"paired_with\": [\"37\", \"12\"]},\n"
    "   {\"code\": \"12\", \"name\": \"天津市\", \"region\": \"east\"},\n"
    "   {\"code\": \"37\", \"name\": \"山东省\", \"region\": \"east\", \"paired_with\": null}],\n"
    " \"counties\": [{\"id\": \"621126\", \"name\": \"岷县\", \"province\": \"62\",\n"
    "   \"industries\": [{\"field\": \"medicinal_herbs\"}]}],\n"
    " \"experts\": [{\"id\": \"E2\", \"name\": \"王\\\"小\\\"明\", \"level\": \"provincial\", "
    "\"org\": \"甘肃农业大学\", \"province\": \"62\", \"county\": null}]}\n";

START_TEST(instance_defaults_and_accepted_forms)
{
    int warnings;
    am_instance *inst = parse(minimal, &warnings);
    ck_assert_int_eq(warnings, 0);
    const am_policy *p = am_instance_policy(inst);
    ck_assert_int_eq(p->size_min, 8);
    ck_assert_int_eq(p->size_target, 10);
    ck_assert_int_eq(p->size_max, 11);
    ck_assert_int_eq(p->pen_leader, 1000);
    ck_assert_int_eq(p->preference_bonus, 2);
    int gs = am_instance_find_province(inst, "62");
    const am_province *gansu = am_instance_province(inst, gs);
    ck_assert_str_eq(gansu->name, "甘肃省"); /* \u escapes decoded */
    ck_assert_int_eq(gansu->n_paired, 2);     /* array form, sorted */
    ck_assert_str_eq(am_instance_province(inst, gansu->paired[0])->code, "12");
    const am_county *c = am_instance_county(inst, 0);
    ck_assert_int_eq(c->priority, 1);
    ck_assert_int_eq(c->industries[0].weight, 1);
    ck_assert_int_eq(c->stages, 0);
    const am_expert *e = am_instance_expert(inst, 0);
    ck_assert_str_eq(e->name, "王\"小\"明");
    ck_assert_int_eq(e->capacity, 1);
    ck_assert_int_eq(e->leader_capacity, 1);
    ck_assert(e->active);
    ck_assert_int_eq(e->county, -1);
    am_instance_free(inst);
}
END_TEST

/* Writing, reading and writing again gives the same bytes, and the policy survives. */
static void round_trip(const char *rel)
{
    size_t len;
    char *data = amt_slurp(rel, &len);
    am_instance *a = parse(data, NULL);
    char *first = write_instance(a);
    am_instance *b = parse(first, NULL);
    char *second = write_instance(b);
    ck_assert_msg(strcmp(first, second) == 0, "%s: writing it again gives other bytes", rel);
    ck_assert_mem_eq(am_instance_policy(a), am_instance_policy(b), sizeof(am_policy));
    ck_assert_int_eq(am_instance_n_experts(a), am_instance_n_experts(b));
    free(first);
    free(second);
    am_instance_free(a);
    am_instance_free(b);
    free(data);
}

START_TEST(instance_round_trip_is_byte_identical)
{
    round_trip("fixtures/demo/instance.json");
    round_trip("fixtures/rules/org/instance.json");
    round_trip("fixtures/rules/pairing/instance.json");
}
END_TEST

/* current[] is read (locked defaults to false), written in county-then-expert order with
 * every key spelled out, and read back to the same bytes; the change penalty travels in the
 * policy. An instance without current[] writes no "current" key and the default change 20. */
START_TEST(current_memberships_round_trip)
{
    static const char doc[] =
        "{\"format\": \"advmatch-instance/1\",\n"
        " \"policy\": {\"objective\": {\"penalty\": {\"change\": 7}}},\n"
        " \"provinces\": [{\"code\": \"62\", \"name\": \"甘肃省\", \"region\": \"west\"}],\n"
        " \"counties\": [{\"id\": \"621126\", \"name\": \"岷县\", \"province\": \"62\",\n"
        "   \"industries\": [{\"field\": \"medicinal_herbs\"}]},\n"
        "  {\"id\": \"621102\", \"name\": \"安定区\", \"province\": \"62\",\n"
        "   \"industries\": [{\"field\": \"potato\"}]}],\n"
        " \"experts\": [{\"id\": \"E2\", \"name\": \"王\", \"level\": \"national\", \"org\": \"a\", "
        "\"province\": \"62\", \"fields\": [\"medicinal_herbs\", \"potato\"], \"capacity\": 2},\n"
        "  {\"id\": \"E1\", \"name\": \"李\", \"level\": \"provincial\", \"org\": \"b\", "
        "\"province\": \"62\", \"fields\": [\"medicinal_herbs\"]}],\n"
        " \"current\": [{\"county\": \"621126\", \"expert\": \"E2\", \"role\": \"leader\", "
        "\"locked\": true},\n"
        "  {\"county\": \"621126\", \"expert\": \"E1\", \"role\": \"member\"},\n"
        "  {\"county\": \"621102\", \"expert\": \"E2\", \"role\": \"member\", \"locked\": false}]}\n";
    int warnings;
    am_instance *inst = parse(doc, &warnings);
    ck_assert_int_eq(warnings, 0);
    ck_assert_int_eq(am_instance_policy(inst)->pen_change, 7);
    ck_assert_int_eq(am_instance_n_current(inst), 3);
    const am_current *c = am_instance_current(inst, 2);
    ck_assert_str_eq(am_instance_county(inst, c->county)->id, "621126");
    ck_assert_str_eq(am_instance_expert(inst, c->expert)->id, "E2");
    ck_assert_int_eq(c->role, AM_ROLE_LEADER);
    ck_assert(c->locked);
    ck_assert_int_eq(c->input_idx, 0);
    ck_assert(!am_instance_current(inst, 1)->locked); /* E1: locked left out */
    char *first = write_instance(inst);
    ck_assert_ptr_nonnull(strstr(first, "\"over_target\": 4, \"change\": 7},\n"));
    ck_assert_ptr_nonnull(
        strstr(first, "\n  ],\n  \"current\": [\n"
                      "    {\"county\": \"621102\", \"expert\": \"E2\", \"role\": \"member\", "
                      "\"locked\": false},\n"
                      "    {\"county\": \"621126\", \"expert\": \"E1\", \"role\": \"member\", "
                      "\"locked\": false},\n"
                      "    {\"county\": \"621126\", \"expert\": \"E2\", \"role\": \"leader\", "
                      "\"locked\": true}\n"
                      "  ]\n}\n"));
    am_instance *back = parse(first, NULL);
    char *second = write_instance(back);
    ck_assert_str_eq(first, second);
    ck_assert_mem_eq(am_instance_policy(inst), am_instance_policy(back), sizeof(am_policy));
    am_instance *plain = parse(minimal, NULL);
    char *none = write_instance(plain);
    ck_assert_ptr_null(strstr(none, "\"current\""));
    ck_assert_ptr_nonnull(strstr(none, "\"over_target\": 4, \"change\": 20}"));
    free(none);
    free(first);
    free(second);
    am_instance_free(plain);
    am_instance_free(back);
    am_instance_free(inst);
}
END_TEST

START_TEST(result_round_trip_is_byte_identical)
{
    size_t len;
    char *data = amt_slurp("fixtures/rules/cover/instance.json", &len);
    am_instance *inst = parse(data, NULL);
    am_match_params mp;
    am_match_params_init(&mp);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_match(inst, &mp, &res, &err), AM_OK);
    am_sink *s = am_sink_new();
    am_json_write_result(res, s);
    size_t n1;
    char *first = strdup(am_sink_data(s, &n1));
    am_sink_free(s);
    ck_assert_ptr_nonnull(strstr(first, "\"format\": \"advmatch-result/1\",\n  \"status\": "
                                        "\"optimal\",\n  \"objective\": -166,\n  \"bound\": -166"));
    am_diags *d = am_diags_new();
    am_result *back = NULL;
    ck_assert_int_eq(am_json_read_result(first, n1, inst, &back, d, &err), AM_OK);
    ck_assert_int_eq(am_diags_count(d), 0);
    ck_assert_int_eq(am_result_objective(back), -166);
    s = am_sink_new();
    am_json_write_result(back, s);
    ck_assert_msg(strcmp(am_sink_data(s, NULL), first) == 0, "result round trip differs");
    am_sink_free(s);
    am_diags_free(d);
    am_result_free(back);
    am_result_free(res);
    free(first);
    am_instance_free(inst);
    free(data);
}
END_TEST

/* Unknown experts and counties are errors, unknown keys warnings; a county given twice keeps
 * its first group; a null bound means no bound. */
START_TEST(result_reader_findings)
{
    am_instance *inst = parse(minimal, NULL);
    static const char doc[] =
        "{\"format\": \"advmatch-result/1\", \"status\": \"time_limit\", \"objective\": 5,"
        " \"bound\": null, \"gap\": null, \"colour\": 1, \"groups\": ["
        " {\"county\": \"621126\", \"members\": [{\"expert\": \"E2\", \"role\": \"leader\","
        " \"channel\": \"province\", \"score\": 3}, {\"expert\": \"E9\", \"role\": \"member\","
        " \"channel\": \"local\", \"score\": 1}], \"shortfalls\": [{\"rule\": \"size\", "
        "\"missing\": 7}]},"
        " {\"county\": \"621126\", \"members\": []}, {\"county\": \"999999\"}]}";
    am_diags *d = am_diags_new();
    am_error err = {0};
    am_result *res = NULL;
    ck_assert_int_eq(am_json_read_result(doc, strlen(doc), inst, &res, d, &err), AM_OK);
    char *text = amt_diags_text(d);
    ck_assert_msg(strstr(text, "error: groups[0] county \"621126\": members[1].expert: unknown "
                               "expert \"E9\""), "%s", text);
    ck_assert_msg(strstr(text, "error: groups[2] county \"999999\": county: unknown county"), "%s",
                  text);
    ck_assert_msg(strstr(text, "warning: colour: unknown key, ignored"), "%s", text);
    ck_assert_int_eq(am_diags_n_errors(d), 2);
    ck_assert_int_eq(am_result_outcome(res), AM_OUTCOME_TIME_LIMIT);
    ck_assert(!am_result_has_bound(res));
    ck_assert_int_eq(am_result_times_listed(res, 0), 2);
    const am_group *g = am_result_group(res, 0);
    ck_assert_int_eq(g->n_members, 1);
    ck_assert_int_eq(g->members[0].role, AM_ROLE_LEADER);
    ck_assert_int_eq(g->n_shortfalls, 1);
    ck_assert_int_eq(g->shortfalls[0].missing, 7);
    free(text);
    am_diags_free(d);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(result_of_another_format_is_refused)
{
    am_instance *inst = parse(minimal, NULL);
    am_diags *d = am_diags_new();
    am_error err = {0};
    am_result *res = NULL;
    ck_assert_int_eq(am_json_read_result(minimal, strlen(minimal), inst, &res, d, &err), AM_EINPUT);
    ck_assert_ptr_null(res);
    ck_assert_str_eq(err.field, "format");
    am_diags_free(d);
    am_instance_free(inst);
}
END_TEST

/* A calendar with only the year gets the shipped official days: 2026-10-01 (National Day) is a
 * holiday, Saturday 2026-10-10 an exchanged working day, Monday 2026-10-12 an ordinary one;
 * defaults fill the rest; ranges and fixed meetings are read. */
START_TEST(calendar_year_alone_ships_the_official_days)
{
    char *doc = malloc(sizeof minimal + 400);
    strcpy(doc, minimal);
    char *end = strrchr(doc, '}');
    strcpy(end, ", \"calendar\": {\"year\": 2026}, \"meetings\": [{\"county\": \"621126\", "
                "\"date\": \"2026-03-06\", \"mode\": \"onsite\"}]}\n");
    am_instance *inst = parse(doc, NULL);
    const am_calendar *c = am_instance_calendar(inst);
    am_date d;
    ck_assert(c->present && c->lists_shipped && c->lists_known);
    ck_assert(am_date_parse("2026-10-01", &d) && !am_calendar_is_workday(c, d));
    ck_assert(am_date_parse("2026-10-10", &d) && am_calendar_is_workday(c, d));
    ck_assert(am_date_parse("2026-10-12", &d) && am_calendar_is_workday(c, d));
    ck_assert(am_date_parse("2026-10-11", &d) && !am_calendar_is_workday(c, d)); /* Sunday */
    ck_assert_int_eq(c->meetings_per_half, 1);
    ck_assert_int_eq(c->max_per_province_per_day, 3);
    ck_assert(am_date_parse("2026-12-15", &d) && c->halves[1].to == d);
    ck_assert_int_eq(am_instance_n_meetings(inst), 1);
    ck_assert_int_eq(am_instance_meeting(inst, 0)->half, 0);
    ck_assert_int_eq(am_instance_meeting(inst, 0)->mode, AM_MODE_ONSITE);
    /* written back without the shipped lists, and read again the same */
    char *out = write_instance(inst);
    ck_assert_ptr_null(strstr(out, "holidays"));
    am_instance *again = parse(out, NULL);
    char *out2 = write_instance(again);
    ck_assert_str_eq(out, out2);
    free(out);
    free(out2);
    am_instance_free(again);
    am_instance_free(inst);
    free(doc);
}
END_TEST

START_TEST(dates_are_strict)
{
    am_date d;
    ck_assert(am_date_parse("2024-02-29", &d));
    ck_assert(!am_date_parse("2026-02-29", &d));
    ck_assert(!am_date_parse("2026-2-01", &d));
    ck_assert(!am_date_parse("2026-13-01", &d));
    ck_assert(!am_date_parse("20260101", &d));
    ck_assert(am_date_parse("1970-01-01", &d) && d == 0 && am_date_weekday(d) == 3);
    char buf[11];
    ck_assert(am_date_parse("2026-11-25", &d));
    ck_assert_str_eq(am_date_format(d, buf), "2026-11-25");
    ck_assert_int_eq(am_date_weekday(d), 2); /* a Wednesday */
}
END_TEST

START_TEST(sink_escapes_json_strings)
{
    am_sink *s = am_sink_new();
    am_sink_json_string(s, "a\"b\\c\n\t\x01 县");
    ck_assert_str_eq(am_sink_data(s, NULL), "\"a\\\"b\\\\c\\n\\t\\u0001 县\"");
    for (int i = 0; i < 10000; i++)
        am_sink_printf(s, "%d,", i);
    size_t len;
    am_sink_data(s, &len);
    ck_assert_uint_eq(len, strlen(am_sink_data(s, NULL)));
    ck_assert_int_eq(am_sink_status(s), AM_OK);
    am_sink_free(s);
}
END_TEST

START_TEST(atomic_write_replaces_or_leaves_the_old_file)
{
    char dir[] = "/tmp/am_json_test_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[128], bad[160];
    snprintf(path, sizeof path, "%s/out.json", dir);
    am_error err = {0};
    ck_assert_int_eq(am_file_write_atomic(path, "old\n", 4, &err), AM_OK);
    ck_assert_int_eq(am_file_write_atomic(path, "new\n", 4, &err), AM_OK);
    char *data;
    size_t len;
    ck_assert_int_eq(am_file_read(path, &data, &len, &err), AM_OK);
    ck_assert_str_eq(data, "new\n");
    am_heap_free(data);
    snprintf(bad, sizeof bad, "%s/missing/out.json", dir);
    ck_assert_int_eq(am_file_write_atomic(bad, "x", 1, &err), AM_ECREATE);
    ck_assert_str_eq(err.record, bad);
    am_error_clear(&err);
    ck_assert_int_eq(am_file_read(bad, &data, &len, &err), AM_EIO);
    ck_assert_ptr_null(data);
    ck_assert_int_eq(am_file_read(dir, &data, &len, &err), AM_EIO);
    unlink(path);
    ck_assert_int_eq(rmdir(dir), 0); /* no temporary file left behind */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("json");
    tcase_add_test(tc, instance_defaults_and_accepted_forms);
    tcase_add_test(tc, instance_round_trip_is_byte_identical);
    tcase_add_test(tc, current_memberships_round_trip);
    tcase_add_test(tc, result_round_trip_is_byte_identical);
    tcase_add_test(tc, result_reader_findings);
    tcase_add_test(tc, result_of_another_format_is_refused);
    tcase_add_test(tc, calendar_year_alone_ships_the_official_days);
    tcase_add_test(tc, dates_are_strict);
    tcase_add_test(tc, sink_escapes_json_strings);
    tcase_add_test(tc, atomic_write_replaces_or_leaves_the_old_file);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
