/* tests/unit/test_report.c: the HTML report (am_report.h) on the demo (solved with am_match,
 * scheduled with am_meetings) and on a small hand-made ledger whose groups miss rules:
 * every county of the province and every member appears in its county's table, each shortfall's
 * cause (am_explain_shortfall) is there, texts are escaped, nothing reaches outside the file,
 * the tags balance, the national overview has one row per province, and the bytes repeat.
 *
 * Hand-made ledger (policy: groups of 3..5, target 4): provinces 52 (partner 33), 33, 11,
 * 53 (no partner). Counties 520623 (tea x3, kiwifruit; stages production, branding),
 * 522327 whose name holds every character HTML escapes (tea), 530629 in 53 (bamboo: nobody has
 * it). Experts: N1 national tea, N2 national tea who cannot lead, Z1 of 33 tea, L1 local of
 * 520623, P1 of 52 kiwifruit + production. Six seats wanted in 52, five experts: shortfalls. */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_explain.h"
#include "advmatch/am_json.h"
#include "advmatch/am_match.h"
#include "advmatch/am_meetings.h"
#include "advmatch/am_report.h"
#include "advmatch/am_validate.h"
#include "am_test.h"

static const char hand[] =
    "{\"format\": \"advmatch-instance/1\",\n"
    " \"policy\": {\"group_size\": {\"min\": 3, \"target\": 4, \"max\": 5}},\n"
    " \"provinces\": [\n"
    "  {\"code\": \"52\", \"name\": \"贵州省\", \"region\": \"west\", \"paired_with\": \"33\"},\n"
    "  {\"code\": \"33\", \"name\": \"浙江省\", \"region\": \"east\"},\n"
    "  {\"code\": \"11\", \"name\": \"北京市\", \"region\": \"east\"},\n"
    "  {\"code\": \"53\", \"name\": \"云南省\", \"region\": \"west\"}],\n"
    " \"counties\": [\n"
    "  {\"id\": \"520623\", \"name\": \"石阡县\", \"province\": \"52\",\n"
    "   \"industries\": [{\"field\": \"tea\", \"weight\": 3}, {\"field\": \"kiwifruit\"}],\n"
    "   \"stages\": [\"production\", \"branding\"]},\n"
    "  {\"id\": \"522327\", \"name\": \"册亨县<b>&\\\"'\", \"province\": \"52\",\n"
    "   \"industries\": [{\"field\": \"tea\"}]},\n"
    "  {\"id\": \"530629\", \"name\": \"威信县\", \"province\": \"53\",\n"
    "   \"industries\": [{\"field\": \"bamboo\"}]}],\n"
    " \"experts\": [\n"
    "  {\"id\": \"N1\", \"name\": \"李秀英\", \"level\": \"national\", \"org\": \"中国农科院\",\n"
    "   \"province\": \"11\", \"fields\": [\"tea\"]},\n"
    "  {\"id\": \"N2\", \"name\": \"王伟\", \"level\": \"national\", \"org\": \"中国农大\",\n"
    "   \"province\": \"11\", \"fields\": [\"tea\"], \"leader_capacity\": 0},\n"
    "  {\"id\": \"Z1\", \"name\": \"陈静\", \"level\": \"provincial\", \"org\": \"浙江大学 & Co\",\n"
    "   \"province\": \"33\", \"fields\": [\"tea\"]},\n"
    "  {\"id\": \"L1\", \"name\": \"张敏\", \"level\": \"local\", \"org\": \"石阡县茶产业局\",\n"
    "   \"province\": \"52\", \"county\": \"520623\", \"fields\": [\"tea\"]},\n"
    "  {\"id\": \"P1\", \"name\": \"刘洋\", \"level\": \"provincial\", \"org\": \"贵州大学\",\n"
    "   \"province\": \"52\", \"fields\": [\"kiwifruit\"], \"stages\": [\"production\"]}]}\n";

typedef struct world {
    am_instance *inst;
    am_result *res;
    am_schedule *sched;
} world;

static am_instance *load_instance(const char *doc, size_t len)
{
    am_instance *inst = NULL;
    am_diags *d = am_diags_new();
    am_error err = {0};
    ck_assert_int_eq(am_json_read_instance(doc, len, &inst, d, &err), AM_OK);
    ck_assert_int_eq(am_validate(inst, d, &err), AM_OK);
    char *text = amt_diags_text(d);
    ck_assert_msg(am_diags_n_errors(d) == 0, "instance errors:\n%s", text);
    free(text);
    am_diags_free(d);
    return inst;
}

static world solve(const char *doc, size_t len, bool schedule)
{
    world w = {0};
    am_error err = {0};
    w.inst = load_instance(doc, len);
    am_match_params p;
    am_match_params_init(&p);
    ck_assert_msg(am_match(w.inst, &p, &w.res, &err) == AM_OK, "am_match: %s", err.message);
    if (schedule)
        ck_assert_msg(am_meetings(w.inst, w.res, NULL, &p, &w.sched, &err) == AM_OK,
                      "am_meetings: %s", err.message);
    return w;
}

static world demo(void)
{
    size_t len;
    char *doc = amt_slurp("fixtures/demo/instance.json", &len);
    world w = solve(doc, len, true);
    free(doc);
    return w;
}

static world handmade(void) { return solve(hand, strlen(hand), false); }

static void drop(world *w)
{
    am_schedule_free(w->sched);
    am_result_free(w->res);
    am_instance_free(w->inst);
}

/* The report as a string (caller frees); asserts AM_OK. */
static char *render(const world *w, const char *province)
{
    am_sink *s = am_sink_new();
    am_error err = {0};
    ck_assert_ptr_nonnull(s);
    ck_assert_msg(am_report_html(w->inst, w->res, w->sched, province, s, &err) == AM_OK,
                  "am_report_html: %s", err.message);
    size_t len;
    const char *data = am_sink_data(s, &len);
    ck_assert_uint_eq(strlen(data), len);
    char *copy = strdup(data);
    am_sink_free(s);
    return copy;
}

static am_status render_error(const world *w, const am_result *res, const am_schedule *sched,
                              const char *province, am_error *err)
{
    am_sink *s = am_sink_new();
    ck_assert_ptr_nonnull(s);
    am_status st = am_report_html(w->inst, res, sched, province, s, err);
    am_sink_free(s);
    return st;
}

/* `str` escaped the way the report escapes text (caller frees). */
static char *escaped(const char *str)
{
    char *out = malloc(6 * strlen(str) + 1), *o = out;
    ck_assert_ptr_nonnull(out);
    for (const char *p = str; *p; p++) {
        const char *rep = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;"
                        : *p == '"' ? "&quot;" : *p == '\'' ? "&#39;" : NULL;
        if (rep) {
            strcpy(o, rep);
            o += strlen(rep);
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

static void has_text(const char *html, const char *text, const char *what)
{
    char *e = escaped(text);
    ck_assert_msg(strstr(html, e) != NULL, "the report lacks %s \"%s\"", what, e);
    free(e);
}

static int count(const char *html, const char *needle)
{
    int n = 0;
    for (const char *p = html; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* Opening tags "<name" followed by a space or '>' (so "<tr" is not "<track"). */
static int count_open(const char *html, const char *name)
{
    int n = 0;
    size_t len = strlen(name);
    for (const char *p = html; (p = strchr(p, '<')) != NULL; p++)
        if (strncmp(p + 1, name, len) == 0 && (p[1 + len] == ' ' || p[1 + len] == '>'))
            n++;
    return n;
}

static void well_formed(const char *html)
{
    static const char *const tags[] = {"html", "head", "body", "main", "section", "article",
                                       "table", "thead", "tbody", "tfoot", "tr", "th", "td",
                                       "span", "div", "p", "h1", "h2", "h3", "ul", "li", "a",
                                       "b", "nav", "header", "footer", "style", "title"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        char close[16];
        snprintf(close, sizeof close, "</%s>", tags[i]);
        ck_assert_msg(count_open(html, tags[i]) == count(html, close), "<%s>: %d opened, %d closed",
                      tags[i], count_open(html, tags[i]), count(html, close));
    }
    ck_assert(strncmp(html, "<!DOCTYPE html>\n<html lang=\"zh-CN\">", 35) == 0);
    ck_assert_ptr_nonnull(strstr(html, "<meta charset=\"utf-8\">"));
    ck_assert_ptr_nonnull(strstr(html, "<meta name=\"viewport\""));
    ck_assert_ptr_nonnull(strstr(html, "@media print"));
    ck_assert_ptr_nonnull(strstr(html, "\"Noto Sans CJK SC\""));
}

/* Nothing that fetches or runs anything, in any case. */
static void self_contained(const char *html)
{
    static const char *const banned[] = {"http", "<script", "@import", "url(", "@font-face",
                                         "<link", "<img", "<iframe", "javascript:", "src="};
    size_t n = strlen(html);
    char *lower = malloc(n + 1);
    ck_assert_ptr_nonnull(lower);
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)tolower((unsigned char)html[i]);
    for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
        ck_assert_msg(strstr(lower, banned[i]) == NULL, "the report holds \"%s\"", banned[i]);
    free(lower);
}

/* The part of `html` that is county `id`'s section (caller frees). */
static char *county_section(const char *html, const char *id)
{
    char open[64];
    snprintf(open, sizeof open, "<article class=\"county\" id=\"c%s\">", id);
    const char *from = strstr(html, open);
    ck_assert_msg(from != NULL, "no section for county %s", id);
    const char *to = strstr(from, "</article>");
    ck_assert_ptr_nonnull(to);
    return strndup(from, (size_t)(to - from));
}

/* Every county of province `code`, each member in its own section, every shortfall's cause;
 * no county of another province. */
static void province_complete(const world *w, const char *code, const char *html)
{
    int p = am_instance_find_province(w->inst, code);
    for (int c = 0; c < am_instance_n_counties(w->inst); c++) {
        const am_county *cy = am_instance_county(w->inst, c);
        char open[64];
        snprintf(open, sizeof open, "id=\"c%s\"", cy->id);
        if (cy->province != p) {
            ck_assert_msg(strstr(html, open) == NULL, "county %s of another province", cy->id);
            continue;
        }
        has_text(html, cy->id, "county id");
        has_text(html, cy->name, "county name");
        char *sec = county_section(html, cy->id);
        const am_group *g = am_result_group(w->res, c);
        for (int i = 0; i < g->n_members; i++) {
            char cell[64];
            snprintf(cell, sizeof cell, "<span class=\"muted\">%s</span>", g->members[i].expert_id);
            ck_assert_msg(strstr(sec, cell) != NULL, "member %s missing in %s", cell, cy->id);
        }
        ck_assert_int_eq(count(sec, "<td data-label=\"角色 role\">"), g->n_members);
        for (int i = 0; i < g->n_shortfalls; i++) {
            char cause[1024];
            am_error err = {0};
            ck_assert_int_eq(am_explain_shortfall(w->inst, w->res, c, &g->shortfalls[i], cause,
                                                  sizeof cause, &err), AM_OK);
            ck_assert(cause[0] != '\0');
            has_text(sec, cause, "shortfall cause");
        }
        ck_assert_int_eq(count(sec, "<span class=\"cause\">"), g->n_shortfalls);
        free(sec);
    }
}

START_TEST(demo_province_preview)
{
    world w = demo();
    char *html = render(&w, "52");
    well_formed(html);
    self_contained(html);
    province_complete(&w, "52", html);
    has_text(html, "贵州省", "province name");
    /* every meeting of the province's groups, with its date */
    int p = am_instance_find_province(w.inst, "52"), n = 0;
    for (int i = 0; i < am_schedule_n_meetings(w.sched); i++) {
        const am_sched_meeting *m = am_schedule_meeting(w.sched, i);
        if (am_instance_county(w.inst, m->county)->province != p)
            continue;
        char date[11], cell[32];
        snprintf(cell, sizeof cell, "<b>%s</b>", am_date_format(m->date, date));
        ck_assert_msg(strstr(html, cell) != NULL, "meeting date %s missing", date);
        n++;
    }
    ck_assert_int_gt(n, 0);
    ck_assert_ptr_nonnull(strstr(html, "2026-03-06")); /* the demo's fixed meeting */
    free(html);
    drop(&w);
}
END_TEST

START_TEST(demo_every_province_and_bytes_repeat)
{
    world w = demo();
    for (int p = 0; p < am_instance_n_provinces(w.inst); p++) {
        const char *code = am_instance_province(w.inst, p)->code;
        char *a = render(&w, code), *b = render(&w, code);
        ck_assert_msg(strcmp(a, b) == 0, "province %s: two renderings differ", code);
        well_formed(a);
        self_contained(a);
        province_complete(&w, code, a);
        free(a);
        free(b);
    }
    drop(&w);
}
END_TEST

START_TEST(demo_national_one_row_per_province)
{
    world w = demo();
    char *a = render(&w, NULL), *b = render(&w, NULL);
    ck_assert_str_eq(a, b);
    well_formed(a);
    self_contained(a);
    ck_assert_int_eq(count(a, "<tr class=\"province"), am_instance_n_provinces(w.inst));
    for (int p = 0; p < am_instance_n_provinces(w.inst); p++) {
        const am_province *q = am_instance_province(w.inst, p);
        char row[32];
        snprintf(row, sizeof row, "id=\"p%s\"", q->code);
        ck_assert_msg(strstr(a, row) != NULL, "no row for province %s", q->code);
        has_text(a, q->name, "province name");
    }
    /* counties are not listed one by one in the overview */
    ck_assert_ptr_null(strstr(a, "<article"));
    free(a);
    free(b);
    drop(&w);
}
END_TEST

START_TEST(handmade_shortfalls_with_causes_and_escaping)
{
    world w = handmade();
    int c1 = am_instance_find_county(w.inst, "520623"), c2 = am_instance_find_county(w.inst,
                                                                                     "522327");
    ck_assert_int_gt(am_result_group(w.res, c1)->n_shortfalls +
                         am_result_group(w.res, c2)->n_shortfalls, 1);
    char *html = render(&w, "52");
    well_formed(html);
    self_contained(html);
    province_complete(&w, "52", html);
    /* the county's name escaped everywhere, never raw */
    ck_assert_ptr_null(strstr(html, "<b>&\""));
    ck_assert_ptr_nonnull(strstr(html, "册亨县&lt;b&gt;&amp;&quot;&#39;"));
    int z1 = am_instance_find_expert(w.inst, "Z1");
    for (int c = 0; c < am_result_n_groups(w.res); c++) {
        const am_group *g = am_result_group(w.res, c);
        for (int i = 0; i < g->n_members; i++)
            if (g->members[i].expert == z1)
                ck_assert_ptr_nonnull(strstr(html, "浙江大学 &amp; Co"));
    }
    ck_assert_ptr_null(strstr(html, "威信县")); /* province 53 */
    /* the summary counts the rules the groups miss */
    ck_assert_ptr_nonnull(strstr(html, "Shortfalls by rule"));
    ck_assert_ptr_null(strstr(html, "Every group meets every rule"));
    char *again = render(&w, "52");
    ck_assert_str_eq(html, again);
    free(again);
    free(html);

    html = render(&w, "53");
    province_complete(&w, "53", html);
    free(html);
    html = render(&w, "33"); /* a partner province without counties: a page all the same */
    well_formed(html);
    ck_assert_ptr_nonnull(strstr(html, "No county of this province"));
    free(html);
    html = render(&w, NULL);
    ck_assert_int_eq(count(html, "<tr class=\"province"), 4);
    free(html);
    drop(&w);
}
END_TEST

START_TEST(inputs_that_do_not_belong_together)
{
    world h = handmade(), d = demo();
    am_error err = {0};
    ck_assert_int_eq(render_error(&h, h.res, NULL, "99", &err), AM_EINPUT);
    ck_assert_str_eq(err.message,
                     "province \"99\" is not in the instance; its provinces are 11, 33, 52, 53");
    am_error_clear(&err);
    /* a result of another instance */
    ck_assert_int_eq(render_error(&h, d.res, NULL, "52", &err), AM_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.message, "not made from this instance"));
    am_error_clear(&err);
    /* a schedule of another instance */
    ck_assert_int_eq(render_error(&h, h.res, d.sched, "52", &err), AM_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.message, "another instance"));
    am_error_clear(&err);
    /* a schedule of other groups: the demo's schedule against a result that lost a member */
    am_result *other = NULL;
    ck_assert_int_eq(am_result_new(d.inst, &other, &err), AM_OK);
    for (int c = 0; c < am_result_n_groups(d.res); c++) {
        const am_group *g = am_result_group(d.res, c);
        for (int i = c == 0 ? 1 : 0; i < g->n_members; i++)
            ck_assert_int_eq(am_result_add_member(other, c, &g->members[i], &err), AM_OK);
    }
    am_result_finish(other);
    ck_assert_int_eq(render_error(&d, other, d.sched, NULL, &err), AM_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.message, "schedule was made for other groups"));
    am_result_free(other);
    drop(&h);
    drop(&d);
}
END_TEST

/* The n-th request for memory fails while the page is written (the sink's buffer, the report's
 * arenas): AM_ENOMEM every time, until n is past the last request and the page is whole. */
START_TEST(out_of_memory_is_reported)
{
    world w = handmade();
    char *want = render(&w, "52");
    int n_failed = 0;
    for (long n = 0; n < 1000; n++) {
        am_sink *s = am_sink_new();
        ck_assert_ptr_nonnull(s);
        am_error err = {0};
        am_arena_fail_after(n);
        am_status st = am_report_html(w.inst, w.res, w.sched, "52", s, &err);
        am_arena_fail_after(-1);
        if (st == AM_OK) {
            ck_assert_str_eq(am_sink_data(s, NULL), want);
            am_sink_free(s);
            break;
        }
        ck_assert_int_eq(st, AM_ENOMEM);
        n_failed++;
        am_sink_free(s);
    }
    ck_assert_int_gt(n_failed, 0);
    free(want);
    drop(&w);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("html");
    tcase_add_test(tc, demo_province_preview);
    tcase_add_test(tc, demo_every_province_and_bytes_repeat);
    tcase_add_test(tc, demo_national_one_row_per_province);
    tcase_add_test(tc, handmade_shortfalls_with_causes_and_escaping);
    tcase_add_test(tc, inputs_that_do_not_belong_together);
    tcase_add_test(tc, out_of_memory_is_reported);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
