/* adapters/cli/cmd_report.c: `advmatch report`: the groups of a result as one self-contained HTML
 * page for the people who approve them (a province's preview, or the national overview), and the
 * ledger as a spreadsheet (--xlsx). Both files are written atomically: on any error neither is
 * left half-written. docs/report.md shows what the page holds. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "advmatch/am_report.h"
#include "advmatch/am_xlsx.h"
#include "cli.h"

static const char help[] =
    "usage: advmatch report INSTANCE.json RESULT.json [SCHEDULE.json] [--province CODE]\n"
    "                       -o FILE.html [--xlsx FILE.xlsx] [--relax N] [-q]\n"
    "       advmatch report --round ID [--db CONNINFO] [SCHEDULE.json] [--province CODE] ...\n"
    "\n"
    "Turns RESULT.json (advmatch-result/1, the groups made from INSTANCE.json) into a page a\n"
    "provincial coordinator can read without JSON: one HTML file that needs nothing else (no\n"
    "network, no script, system fonts), reads on a phone and prints on A4.\n"
    "\n"
    "With --province CODE, the province's preview:\n"
    "  - a summary: counties, groups complete, shortfalls by rule, members by channel (local,\n"
    "    paired, province, national), experts used, leader, local and pairing quotas met;\n"
    "  - a bar per county: its size by channel against the minimum and target size, and the\n"
    "    share of its industries and value-chain stages a member covers;\n"
    "  - a table per county: every member with role, level, channel, organisation, fields and\n"
    "    what the member covers; the meeting dates, attendance and absences when SCHEDULE.json\n"
    "    (advmatch-schedule/1 of these groups) is given; each shortfall with its cause and\n"
    "    the fixes found by solving again (--relax).\n"
    "Without --province, the national overview: one row per province of the instance.\n"
    "The same files give the same bytes (no date, no clock in the page).\n"
    "\n"
    "  --province CODE    the province to preview (its code in the instance, e.g. 52)\n"
    "  -o, --output FILE  the HTML page (\"-\": standard output); required unless --xlsx is\n"
    "                     given alone\n"
    "  --xlsx FILE        also (or only) the ledger as a spreadsheet (a file, not \"-\"):\n"
    "                     groups and members, shortfalls with causes, meetings; with\n"
    "                     --province, that province's counties only\n"
    "  --relax N          under each shortfall of the province, up to N fixes found by\n"
    "                     solving again with one change (an expert who could fill the place\n"
    "                     takes one more group or may lead one more, or the county recommends\n"
    "                     one more of its local experts), each with its effect on the\n"
    "                     objective; default 2 for instances of up to 100 counties (a round's\n"
    "                     province preview), 0 (none) above, where each solve takes seconds\n"
    "  --relax-time S     time limit of each of those solves (default 10)\n"
    "  --round ID         a round stored in the ledger instead of INSTANCE.json RESULT.json\n"
    "                     (its own instance and groups; docs/database.md)\n"
    "  --db CONNINFO      the ledger's connection with --round (else the PG* variables)\n"
    "  -q, --quiet        no warnings about the inputs, no line about what was written\n"
    "\n"
    "examples:\n"
    "  advmatch solve fixtures/demo/instance.json -o result.json --schedule schedule.json\n"
    "  advmatch report fixtures/demo/instance.json result.json schedule.json --province 52 \\\n"
    "      -o guizhou.html --xlsx guizhou.xlsx\n"
    "  advmatch report fixtures/demo/instance.json result.json -o national.html\n"
    "\n"
    "exit status: 0 written; 64 usage; 65 bad data (malformed files, a province that is not in\n"
    "the instance, a result or schedule made from another instance or for other groups);\n"
    "66 unreadable input; 73 an output that cannot be created (a missing directory, no\n"
    "permission), 74 writing it failed; nothing is left behind either way.\n";

typedef struct options {
    const char *province, *output, *xlsx, *db;
    long relax, round;  /* relax < 0: the default (2 for up to 100 counties, else 0) */
    double relax_time;
    bool quiet;
} options;

/* Say which provinces there are when --province names none of them. */
static int unknown_province(const am_instance *inst, const char *code)
{
    fprintf(stderr, "advmatch report: error: province \"%s\" is not in the instance; its "
                    "provinces are", code);
    for (int p = 0; p < am_instance_n_provinces(inst); p++) {
        const am_province *q = am_instance_province(inst, p);
        fprintf(stderr, "%s %s %s", p ? "," : "", q->code, q->name);
    }
    fputc('\n', stderr);
    return EX_DATAERR;
}

/* A result that lists no county of the report's scope was made from another instance; one that
 * lists only some of them is reported (those counties show an empty group). Results read from a
 * file count how often each county is listed. */
static int check_listed(const am_instance *inst, const am_result *res, int p,
                        const char *result_path, bool quiet)
{
    int in_scope = 0, unlisted = 0, first = -1;
    for (int c = 0; c < am_instance_n_counties(inst); c++) {
        if (p >= 0 && am_instance_county(inst, c)->province != p)
            continue;
        in_scope++;
        if (am_result_times_listed(res, c) == 0) {
            unlisted++;
            first = first < 0 ? c : first;
        }
    }
    if (in_scope > 0 && unlisted == in_scope) {
        fprintf(stderr, "advmatch report: error: %s has no group for any county of %s: it was "
                        "not made from this instance\n", result_path,
                p >= 0 ? am_instance_province(inst, p)->name : "the instance");
        return EX_DATAERR;
    }
    if (unlisted > 0 && !quiet)
        fprintf(stderr, "advmatch report: warning: %s has no group for %d count%s (first %s "
                        "%s); %s shown without members\n", result_path, unlisted,
                unlisted == 1 ? "y" : "ies", am_instance_county(inst, first)->id,
                am_instance_county(inst, first)->name, unlisted == 1 ? "it is" : "they are");
    return 0;
}

static int run(const options *o, const am_instance *inst, const am_result *res,
               const am_schedule *sched)
{
    am_error err = {0};
    am_report_fix *fixes = NULL;
    int n_fixes = 0, p = o->province ? am_instance_find_province(inst, o->province) : -1;
    long tries = o->relax >= 0 ? o->relax : am_instance_n_counties(inst) <= 100 ? 2 : 0;
    if (p >= 0 && o->output) {
        int code = cli_report_fixes(inst, res, p, (int)tries, o->relax_time, o->quiet, &fixes,
                                    &n_fixes);
        if (code != 0)
            return code;
    }
    /* the page is made even for --xlsx alone: it checks that the inputs belong together */
    am_sink *s = am_sink_new();
    if (!s) {
        free(fixes);
        return EX_SOFTWARE;
    }
    am_status st = am_report_html_fixes(inst, res, sched, o->province, fixes, n_fixes, s, &err);
    free(fixes);
    if (st != AM_OK) {
        am_sink_free(s);
        cli_print_error(&err);
        return cli_exit_code(st, false);
    }
    if (!o->output) {
        am_sink_free(s);
        s = NULL;
    }
    int code = o->output ? cli_write_sink(o->output, s) : 0;
    if (code == 0 && o->xlsx) { /* each file whole or not at all; the page is written first */
        st = am_xlsx_write_ledger(o->xlsx, inst, res, sched, o->province, &err);
        if (st != AM_OK) {
            cli_print_error(&err);
            code = cli_exit_code(st, true);
        }
    }
    if (code == 0 && !o->quiet) {
        if (o->output && strcmp(o->output, "-") != 0)
            fprintf(stderr, "advmatch report: wrote %s\n", o->output);
        if (o->xlsx)
            fprintf(stderr, "advmatch report: wrote %s\n", o->xlsx);
    }
    return code;
}

int cmd_report(int argc, char **argv)
{
    static const struct option longs[] = {{"province", required_argument, 0, 'p'},
                                          {"output", required_argument, 0, 'o'},
                                          {"xlsx", required_argument, 0, 'x'},
                                          {"relax", required_argument, 0, 'r'},
                                          {"relax-time", required_argument, 0, 't'},
                                          {"round", required_argument, 0, 'R'},
                                          {"db", required_argument, 0, 'd'},
                                          {"quiet", no_argument, 0, 'q'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    options o = {.relax = -1, .relax_time = 10};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "o:qh", longs, NULL)) != -1) {
        switch (ch) {
        case 'p': o.province = optarg; break;
        case 'o': o.output = optarg; break;
        case 'x': o.xlsx = optarg; break;
        case 'q': o.quiet = true; break;
        case 'd': o.db = optarg; break;
        case 'r':
            if (cli_parse_long(optarg, &o.relax) != 0 || o.relax > 50)
                return cli_usage_error("report", "--relax wants 0..50 fixes per shortfall, not "
                                                 "\"%s\"", optarg);
            break;
        case 't':
            if (cli_parse_double(optarg, &o.relax_time) != 0 || o.relax_time <= 0)
                return cli_usage_error("report", "--relax-time wants seconds > 0, not \"%s\"",
                                       optarg);
            break;
        case 'R':
            if (cli_parse_long(optarg, &o.round) != 0 || o.round < 1)
                return cli_usage_error("report", "--round wants a round id, not \"%s\"", optarg);
            break;
        case 'h': fputs(help, stdout); return 0;
        default: return cli_usage_error("report", "unknown option");
        }
    }
    int n_args = argc - optind;
    if (o.round && n_args > 1)
        return cli_usage_error("report", "with --round give at most SCHEDULE.json");
    if (!o.round && (n_args < 2 || n_args > 3))
        return cli_usage_error("report", "expected INSTANCE.json RESULT.json [SCHEDULE.json]");
    if (!o.output && !o.xlsx)
        return cli_usage_error("report", "give -o FILE.html (the page), --xlsx FILE.xlsx (the "
                                         "ledger), or both");
    if (o.output && o.xlsx && strcmp(o.output, o.xlsx) == 0)
        return cli_usage_error("report", "-o and --xlsx name the same file");
    am_instance *inst = NULL;
    am_result *res = NULL;
    am_schedule *sched = NULL;
    int p = -1, code = 0;
    const char *sched_path = n_args == 3 ? argv[optind + 2] : NULL;
    char label[48];
    if (o.round) { /* a stored round: its own instance and groups */
        code = cli_round_groups_from(o.db, o.round, &inst, &res);
        snprintf(label, sizeof label, "round %ld", o.round);
        sched_path = n_args == 1 ? argv[optind] : NULL;
    } else {
        code = cli_load_instance(argv[optind], o.quiet, &inst);
        snprintf(label, sizeof label, "%.47s", argv[optind + 1]);
    }
    if (code == 0 && o.province) {
        p = am_instance_find_province(inst, o.province);
        if (p < 0)
            code = unknown_province(inst, o.province);
    }
    if (code == 0 && !o.round)
        code = cli_load_result(argv[optind + 1], inst, &res);
    if (code == 0)
        code = check_listed(inst, res, p, label, o.quiet);
    if (code == 0 && sched_path)
        code = cli_load_schedule(sched_path, inst, &sched);
    if (code == 0)
        code = run(&o, inst, res, sched);
    am_schedule_free(sched);
    am_result_free(res);
    am_instance_free(inst);
    return code;
}
