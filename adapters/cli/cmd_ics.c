/* adapters/cli/cmd_ics.c: `advmatch ics`: export the meetings of a schedule as an iCalendar
 * file (RFC 5545) for Outlook, Google Calendar or a phone, for everyone, one county or one
 * expert. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_ics.h"
#include "advmatch/am_json.h"
#include "cli.h"

static const char help[] =
    "usage: advmatch ics SCHEDULE.json [--county ID | --expert ID] [-o FILE.ics]\n"
    "\n"
    "Writes the meetings of SCHEDULE.json (advmatch-schedule/1) as an iCalendar file: one\n"
    "all-day event per meeting, with the county, the half (H1 work plan / H2 summary), the\n"
    "mode, who attends and who is absent. Each meeting keeps the same UID when it is moved\n"
    "by a later schedule, so importing the new file updates the calendar instead of adding\n"
    "a second event.\n"
    "\n"
    "  --county ID        only the meetings of this county's group\n"
    "  --expert ID        only the meetings this expert attends\n"
    "  -o, --output FILE  where to write (default standard output)\n"
    "\n"
    "exit status: 0 written; 64 usage; 65 malformed schedule; 66 unreadable;\n"
    "73 output cannot be created; 74 write failed.\n";

static bool attends(const am_json_meeting *m, const char *expert)
{
    size_t n = strlen(expert);
    for (int i = 0; i < m->n_attending; i++)
        if (strncmp(m->attending[i], expert, n) == 0 && m->attending[i][n] == '\0')
            return true;
    return false;
}

/* The event of one meeting; texts in `a`. NULL on no memory. */
static bool to_event(am_arena *a, const am_json_meeting *m, am_ics_event *ev)
{
    static const char *const what[AM_N_HALVES] = {"work plan", "summary"};
    char buf[4096], date[11];
    int year, mo, d;
    am_date_to_ymd(m->date, &year, &mo, &d);
    bool onsite = strcmp(m->mode, "onsite") == 0;
    snprintf(buf, sizeof buf, "%s-%d-H%d-%d@advmatch", m->county, year, m->half + 1, m->seq + 1);
    ev->uid = am_arena_strdup(a, buf);
    snprintf(buf, sizeof buf, "%s产业顾问组会商会议 H%d (%s, %s)", m->county_name, m->half + 1,
             what[m->half], onsite ? "on site" : "video");
    ev->summary = am_arena_strdup(a, buf);
    int k = snprintf(buf, sizeof buf,
                     "Consultation meeting of the industry advisor group of %s (%s) on %s.\n"
                     "Attending (%d):",
                     m->county_name, m->county, am_date_format(m->date, date), m->n_attending);
    for (int i = 0; i < m->n_attending && k < (int)sizeof buf - 64; i++)
        k += snprintf(buf + k, sizeof buf - (size_t)k, " %s", m->attending[i]);
    if (m->n_absent)
        k += snprintf(buf + k, sizeof buf - (size_t)k, "\nAbsent (%d):", m->n_absent);
    for (int i = 0; i < m->n_absent && k < (int)sizeof buf - 64; i++)
        k += snprintf(buf + k, sizeof buf - (size_t)k, "%s %s", i ? ";" : "", m->absent[i]);
    ev->description = am_arena_strdup(a, buf);
    ev->location = onsite ? am_arena_strdup(a, m->county_name) : "video conference";
    ev->date = m->date;
    return ev->uid && ev->summary && ev->description && ev->location;
}

int cmd_ics(int argc, char **argv)
{
    static const struct option longs[] = {{"county", required_argument, 0, 'c'},
                                          {"expert", required_argument, 0, 'e'},
                                          {"output", required_argument, 0, 'o'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    const char *county = NULL, *expert = NULL, *output = "-";
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "o:h", longs, NULL)) != -1) {
        switch (ch) {
        case 'c': county = optarg; break;
        case 'e': expert = optarg; break;
        case 'o': output = optarg; break;
        case 'h': fputs(help, stdout); return 0;
        default: return cli_usage_error("ics", "unknown option");
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("ics", "expected one SCHEDULE.json argument");
    if (county && expert)
        return cli_usage_error("ics", "give --county or --expert, not both");
    const char *path = argv[optind];
    am_error err = {0};
    char *data = NULL;
    size_t len;
    am_arena *a = am_arena_new();
    am_diags *d = am_diags_new();
    int code = 0;
    if (!a || !d) {
        code = EX_SOFTWARE;
        goto done;
    }
    am_status st = am_file_read(path, &data, &len, &err);
    am_json_meeting *m = NULL;
    int n = 0;
    if (st == AM_OK)
        st = am_json_read_schedule_meetings(data, len, a, &m, &n, d, &err);
    if (st == AM_EINPUT) {
        cli_print_diags(d, path);
        code = EX_DATAERR;
        goto done;
    }
    if (st != AM_OK) {
        cli_print_error(&err);
        code = cli_exit_code(st, false);
        goto done;
    }
    am_ics_event *ev = AM_ARENA_ARRAY(a, am_ics_event, n + 1);
    int k = 0;
    for (int i = 0; ev && i < n; i++) {
        if ((county && strcmp(m[i].county, county) != 0) || (expert && !attends(&m[i], expert)))
            continue;
        if (!to_event(a, &m[i], &ev[k++]))
            ev = NULL;
    }
    if (!ev) {
        code = EX_SOFTWARE;
        goto done;
    }
    char name[160];
    snprintf(name, sizeof name, "advisor group meetings%s%s", county ? " " : expert ? " " : "",
             county ? county : expert ? expert : "");
    am_sink *s = am_sink_new();
    if (s)
        am_ics_write(ev, k, name, s);
    code = cli_write_sink(output, s);
    if (code == 0 && k == 0)
        fprintf(stderr, "advmatch ics: no meeting matched; the calendar is empty\n");
done:
    am_diags_free(d);
    am_arena_free(a);
    am_heap_free(data);
    return code;
}
