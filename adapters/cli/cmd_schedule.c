/* adapters/cli/cmd_schedule.c: `advmatch schedule`: plan every group's half-year meetings for
 * the instance's calendar, write the schedule atomically and print a summary. */
#include <getopt.h>
#include <string.h>
#include <sysexits.h>

#include "advmatch/am_json.h"
#include "advmatch/am_meetings.h"
#include "cli.h"

static const char help[] =
    "usage: advmatch schedule INSTANCE.json RESULT.json [-o SCHEDULE.json] [options]\n"
    "\n"
    "Plans the consultation meetings of every group in RESULT.json for the year of the\n"
    "instance's \"calendar\": meetings_per_half meetings in each half (H1 leans early, for the\n"
    "work plan; H2 late, for the summary), each on a working day of the official calendar\n"
    "inside its half's window and outside the county's blackout, with the leader available,\n"
    "at least min_attendance of the members available, no expert in two groups' meetings\n"
    "fewer than 7 days apart, and at most max_meetings_per_province_per_day meetings per\n"
    "province and day. It is a GLPK integer program: first every meeting, then attendance,\n"
    "then timing. A meeting that cannot be held is listed under \"unscheduled\" with the\n"
    "reason; the rest is still planned. The schedule is re-checked independently.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE     write the schedule here (replaced atomically; '-' = stdout)\n"
    "      --previous FILE   an earlier schedule: groups whose members did not change keep\n"
    "                        their meetings where they were; changed groups are re-planned\n"
    "      --time-limit S    stop after S seconds with the best plan found (with its gap)\n"
    "      --gap G           stop once the relative gap is at most G; default 0 (optimal)\n"
    "      --write-lp FILE   also write the model in CPLEX LP format\n"
    "  -q, --quiet           no progress or summary\n"
    "  -h, --help            this text\n"
    "\n"
    "Ctrl-C stops the search and still writes the best plan found (status \"interrupted\").\n"
    "exit status: 0 written; 64 usage; 65 bad input (no calendar, every problem listed);\n"
    "66 unreadable; 70 solver or internal failure; 73 output cannot be created; 74 write failed;\n"
    "130 interrupted.\n";

static const char *const half_names[AM_N_HALVES] = {"H1", "H2"};

void cli_print_schedule_summary(FILE *f, const am_schedule *s)
{
    const am_instance *inst = am_schedule_instance(s);
    int per_half[AM_N_HALVES] = {0}, fixed = 0, attending = 0, seats = 0;
    for (int i = 0; i < am_schedule_n_meetings(s); i++) {
        const am_sched_meeting *m = am_schedule_meeting(s, i);
        per_half[m->half]++;
        fixed += m->fixed;
        attending += m->n_attending;
        seats += m->n_attending + m->n_absent;
    }
    for (int i = 0; i < am_schedule_n_unscheduled(s); i++) {
        const am_sched_unscheduled *u = am_schedule_unscheduled(s, i);
        const am_county *c = am_instance_county(inst, u->county);
        fprintf(f, "%s %s %s: %d meeting%s not scheduled: %s\n", c->id, c->name,
                half_names[u->half], u->missing, u->missing == 1 ? "" : "s", u->reason);
    }
    fprintf(f, "meetings: %d in H1, %d in H2 (%d fixed); %d not scheduled; attendance %d of %d "
               "seats (%.1f%%)\n",
            per_half[0], per_half[1], fixed, am_schedule_n_unscheduled(s), attending, seats,
            seats ? 100.0 * attending / seats : 100.0);
    fprintf(f, "objective %lld, status %s\n", am_schedule_objective(s),
            am_outcome_name(am_schedule_outcome(s)));
}

int cli_schedule_and_write(const am_instance *inst, const am_result *res,
                           const am_schedule *previous, const am_match_params *p,
                           const char *path, bool quiet)
{
    am_match_params mp = *p;
    mp.progress_ctx = (void *)"meetings";
    am_schedule *s = NULL;
    am_error err = {0};
    am_status st = am_meetings(inst, res, previous, &mp, &s, &err);
    if (st != AM_OK) {
        cli_print_error(&err);
        return cli_exit_code(st, st == AM_EIO);
    }
    am_sink *out = am_sink_new();
    if (out)
        am_json_write_schedule(s, out);
    int code = cli_write_sink(path, out);
    if (code == 0 && !quiet && strcmp(path, "-") != 0)
        cli_print_schedule_summary(stdout, s);
    if (code == 0 && am_schedule_outcome(s) == AM_OUTCOME_INTERRUPTED)
        code = 130;
    am_schedule_free(s);
    return code;
}

int cmd_schedule(int argc, char **argv)
{
    static const struct option longs[] = {
        {"output", required_argument, 0, 'o'},     {"previous", required_argument, 0, 'p'},
        {"time-limit", required_argument, 0, 't'}, {"gap", required_argument, 0, 'g'},
        {"write-lp", required_argument, 0, 'l'},   {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},             {0, 0, 0, 0}};
    const char *output = "-", *previous_path = NULL;
    bool quiet = false;
    double tl = 0, gap = 0;
    am_match_params p;
    am_match_params_init(&p);
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "o:qh", longs, NULL)) != -1) {
        switch (ch) {
        case 'o': output = optarg; break;
        case 'p': previous_path = optarg; break;
        case 'l': p.write_lp_path = optarg; break;
        case 'q': quiet = true; break;
        case 'h': fputs(help, stdout); return 0;
        case 't':
            if (cli_parse_double(optarg, &tl) != 0 || tl <= 0)
                return cli_usage_error("schedule", "--time-limit wants seconds > 0, not \"%s\"",
                                       optarg);
            break;
        case 'g':
            if (cli_parse_double(optarg, &gap) != 0 || gap >= 1)
                return cli_usage_error("schedule", "--gap wants a fraction in [0, 1), not \"%s\"",
                                       optarg);
            break;
        default: return cli_usage_error("schedule", "unknown option");
        }
    }
    if (optind != argc - 2)
        return cli_usage_error("schedule", "expected INSTANCE.json and RESULT.json");
    am_instance *inst = NULL;
    am_result *res = NULL;
    am_schedule *prev = NULL;
    int code = cli_load_instance(argv[optind], quiet, &inst);
    if (code == 0)
        code = cli_load_result(argv[optind + 1], inst, &res);
    if (code == 0 && previous_path)
        code = cli_load_schedule(previous_path, inst, &prev);
    if (code == 0) {
        p.time_limit_ms = (long)(tl * 1000.0);
        p.mip_gap_rel = gap;
        p.stop = &cli_interrupted;
        p.on_progress = quiet ? NULL : cli_progress;
        cli_catch_sigint();
        code = cli_schedule_and_write(inst, res, prev, &p, output, quiet);
    }
    am_schedule_free(prev);
    am_result_free(res);
    am_instance_free(inst);
    return code;
}
