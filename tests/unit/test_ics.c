/* tests/unit/test_ics.c: the iCalendar writer. Writes three events (one with a long Chinese
 * description holding commas, semicolons, a backslash and a newline), then reads the output
 * back as an RFC 5545 reader would: every physical line ends CRLF, is at most 75 octets and is
 * valid UTF-8 on its own; unfolded and unescaped, the values equal the input; BEGIN/END nest. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_ics.h"
#include "advmatch/am_io.h"
#include "am_test.h"

#define MAX_LINES 256

typedef struct parsed {
    int n;
    char *name[MAX_LINES];  /* "DTSTART;VALUE=DATE" */
    char *value[MAX_LINES]; /* unescaped */
} parsed;

/* Is [p, p + n) valid UTF-8 (no sequence cut at either end)? */
static bool valid_utf8(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int len = p[i] < 0x80 ? 1 : (p[i] & 0xE0) == 0xC0 ? 2 : (p[i] & 0xF0) == 0xE0 ? 3
                                  : (p[i] & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0 || i + (size_t)len > n)
            return false;
        for (int k = 1; k < len; k++)
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
        i += (size_t)len;
    }
    return true;
}

static char *unescape(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    ck_assert_ptr_nonnull(out);
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = (*s == 'n' || *s == 'N') ? '\n' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

/* Split into physical lines (checked), unfold, split name and value, unescape. */
static void parse(const char *data, size_t len, parsed *p)
{
    memset(p, 0, sizeof *p);
    char *logical = malloc(len + 1);
    ck_assert_ptr_nonnull(logical);
    size_t ll = 0;
    bool have = false;
    const char *s = data, *end = data + len;
    ck_assert_msg(len >= 2 && data[len - 2] == '\r' && data[len - 1] == '\n', "no final CRLF");
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        ck_assert_ptr_nonnull(nl);
        ck_assert_msg(nl > s && nl[-1] == '\r', "a line does not end with CRLF");
        size_t n = (size_t)(nl - 1 - s);
        ck_assert_msg(n <= 75, "line of %zu octets: %.*s", n, (int)n, s);
        ck_assert_msg(memchr(s, '\r', n) == NULL, "bare CR in a line");
        ck_assert_msg(valid_utf8((const unsigned char *)s, n), "line splits UTF-8: %.*s", (int)n,
                      s);
        if (n > 0 && s[0] == ' ') {
            ck_assert_msg(have, "continuation line first");
            memcpy(logical + ll, s + 1, n - 1);
            ll += n - 1;
        } else {
            if (have) {
                logical[ll] = '\0';
                ck_assert_int_lt(p->n, MAX_LINES);
                char *colon = strchr(logical, ':');
                ck_assert_ptr_nonnull(colon);
                p->name[p->n] = strndup(logical, (size_t)(colon - logical));
                p->value[p->n] = unescape(colon + 1);
                p->n++;
            }
            memcpy(logical, s, n);
            ll = n;
            have = true;
        }
        s = nl + 1;
    }
    logical[ll] = '\0';
    char *colon = strchr(logical, ':');
    ck_assert_ptr_nonnull(colon);
    p->name[p->n] = strndup(logical, (size_t)(colon - logical));
    p->value[p->n] = unescape(colon + 1);
    p->n++;
    free(logical);
}

static void parsed_free(parsed *p)
{
    for (int i = 0; i < p->n; i++) {
        free(p->name[i]);
        free(p->value[i]);
    }
}

static const char *long_desc =
    "石阡县茶产业顾问组上半年工作会商：研究制定年度工作计划，明确分工;"
    " members: E0001, E0002, E0003; agenda: tea processing, brand building, cold chain.\n"
    "第二行：地点在县农业农村局三楼会议室，请携带材料（含 a\\b 路径）。"
    "专家组长主持，县联络员记录，会后形成纪要并报省联络员备案，谢谢。";

static const am_ics_event events[] = {
    {"520623-H1-2026-03-16@advmatch", 0, "石阡县 H1 planning meeting", NULL, "石阡县, 贵州省"},
    {"522301-H2-2026-12-31@advmatch", 0, "Xingyi summary meeting", "short; plain, text", NULL},
    {"uid;with,specials\\x@advmatch", 0,
     "A rather long ASCII summary that certainly needs folding because it is well over "
     "seventy-five octets long",
     "", "Beijing"},
};

static void make_events(am_ics_event *ev)
{
    memcpy(ev, events, sizeof events);
    ck_assert(am_date_parse("2026-03-16", &ev[0].date));
    ck_assert(am_date_parse("2026-12-31", &ev[1].date));
    ck_assert(am_date_parse("2026-02-28", &ev[2].date));
    ev[0].description = long_desc;
}

/* Value of the k-th occurrence of `name` in the parsed lines, or NULL. */
static const char *value_of(const parsed *p, const char *name, int k)
{
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->name[i], name) == 0 && k-- == 0)
            return p->value[i];
    return NULL;
}

START_TEST(ics_round_trips_three_events)
{
    am_ics_event ev[3];
    make_events(ev);
    am_sink *s = am_sink_new();
    ck_assert_ptr_nonnull(s);
    am_ics_write(ev, 3, "advmatch meetings, 2026", s);
    ck_assert_int_eq(am_sink_status(s), AM_OK);
    size_t len = 0;
    const char *data = am_sink_data(s, &len);
    parsed p;
    parse(data, len, &p);

    /* nesting: VCALENDAR around three VEVENTs, nothing left open */
    int depth = 0, n_events = 0;
    for (int i = 0; i < p.n; i++) {
        if (strcmp(p.name[i], "BEGIN") == 0) {
            ck_assert_str_eq(p.value[i], depth == 0 ? "VCALENDAR" : "VEVENT");
            ck_assert_int_lt(depth, 2);
            depth++;
            n_events += depth == 2;
        } else if (strcmp(p.name[i], "END") == 0) {
            ck_assert_str_eq(p.value[i], depth == 2 ? "VEVENT" : "VCALENDAR");
            depth--;
            ck_assert_int_ge(depth, 0);
            if (depth == 0)
                ck_assert_int_eq(i, p.n - 1);
        } else {
            ck_assert_int_gt(depth, 0);
        }
    }
    ck_assert_int_eq(depth, 0);
    ck_assert_int_eq(n_events, 3);
    ck_assert_str_eq(p.name[0], "BEGIN");

    ck_assert_str_eq(value_of(&p, "VERSION", 0), "2.0");
    ck_assert_ptr_nonnull(strstr(value_of(&p, "PRODID", 0), "-//advmatch//advmatch "));
    ck_assert_str_eq(value_of(&p, "CALSCALE", 0), "GREGORIAN");
    ck_assert_str_eq(value_of(&p, "X-WR-CALNAME", 0), "advmatch meetings, 2026");

    static const char *start[] = {"20260316", "20261231", "20260228"};
    static const char *endd[] = {"20260317", "20270101", "20260301"};
    static const char *stamp[] = {"20260316T000000Z", "20261231T000000Z", "20260228T000000Z"};
    for (int i = 0; i < 3; i++) {
        ck_assert_str_eq(value_of(&p, "UID", i), ev[i].uid);
        ck_assert_str_eq(value_of(&p, "DTSTART;VALUE=DATE", i), start[i]);
        ck_assert_str_eq(value_of(&p, "DTEND;VALUE=DATE", i), endd[i]);
        ck_assert_str_eq(value_of(&p, "DTSTAMP", i), stamp[i]);
        ck_assert_str_eq(value_of(&p, "SUMMARY", i), ev[i].summary);
        ck_assert_str_eq(value_of(&p, "DESCRIPTION", i), ev[i].description);
        ck_assert_str_eq(value_of(&p, "TRANSP", i), "OPAQUE");
    }
    /* LOCATION only for events 0 and 2 */
    ck_assert_str_eq(value_of(&p, "LOCATION", 0), ev[0].location);
    ck_assert_str_eq(value_of(&p, "LOCATION", 1), ev[2].location);
    ck_assert_ptr_null(value_of(&p, "LOCATION", 2));

    /* the long description was folded and escaped on the wire */
    ck_assert_ptr_nonnull(strstr(data, "\r\n "));
    ck_assert_ptr_nonnull(strstr(data, "E0001\\, E0002"));
    ck_assert_ptr_nonnull(strstr(data, "\\;"));
    ck_assert_ptr_nonnull(strstr(data, "cold chain.\\n"));
    ck_assert_ptr_nonnull(strstr(data, "a\\\\b"));

    /* deterministic: equal input, equal bytes */
    am_sink *s2 = am_sink_new();
    ck_assert_ptr_nonnull(s2);
    am_ics_write(ev, 3, "advmatch meetings, 2026", s2);
    size_t len2 = 0;
    const char *data2 = am_sink_data(s2, &len2);
    ck_assert_uint_eq(len, len2);
    ck_assert(memcmp(data, data2, len) == 0);

    parsed_free(&p);
    am_sink_free(s2);
    am_sink_free(s);
}
END_TEST

START_TEST(ics_with_no_events_is_an_empty_calendar)
{
    am_sink *s = am_sink_new();
    ck_assert_ptr_nonnull(s);
    am_ics_write(NULL, 0, NULL, s);
    size_t len = 0;
    const char *data = am_sink_data(s, &len);
    parsed p;
    parse(data, len, &p);
    ck_assert_int_eq(p.n, 5);
    ck_assert_str_eq(p.value[0], "VCALENDAR");
    ck_assert_str_eq(p.name[4], "END");
    ck_assert_ptr_null(value_of(&p, "X-WR-CALNAME", 0));
    parsed_free(&p);
    am_sink_free(s);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("ics");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, ics_round_trips_three_events);
    tcase_add_test(tc, ics_with_no_events_is_an_empty_calendar);
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
