/* adapters/cli/cmd_check_schedule.c: `advmatch check-schedule`: re-check a schedule against
 * every scheduling rule and recompute its objective, independently of the model. */
#include <getopt.h>
#include <sysexits.h>

#include "advmatch/am_schedule_check.h"
#include "cli.h"

static const char help[] =
    "usage: advmatch check-schedule INSTANCE.json RESULT.json SCHEDULE.json [-q]\n"
    "\n"
    "Re-checks SCHEDULE.json (advmatch-schedule/1, from advmatch or elsewhere) against the\n"
    "instance's calendar and the groups of RESULT.json, with code that shares nothing with\n"
    "the scheduler: working days, half windows, blackouts, the leader's availability, the\n"
    "minimum attendance, who attends and who is absent, 7 days between an expert's meetings\n"
    "of different groups, the per-province daily cap, the number of meetings per half, the\n"
    "fixed meetings, and the objective. Every problem is listed.\n"
    "\n"
    "  -q, --quiet   print only problems\n"
    "\n"
    "exit status: 0 clean; 65 a rule is broken or a claimed value differs, or a file is\n"
    "malformed; 66 a file is unreadable; 64 usage.\n";

static int check(const char *path, const am_instance *inst, const am_result *res,
                 const am_schedule *s, bool quiet)
{
    am_error err = {0};
    am_schedule_report rep;
    am_diags *d = am_diags_new();
    if (!d)
        return EX_SOFTWARE;
    am_status st = am_schedule_check(inst, res, s, d, &rep, &err);
    int code = 0;
    if (st != AM_OK) {
        cli_print_error(&err);
        code = cli_exit_code(st, false);
    } else {
        int bad = rep.n_violations + rep.n_mismatches;
        cli_print_diags(d, path);
        if (!quiet || bad)
            printf("%s: %d meetings, %d missing; objective %lld recomputed, %lld claimed; "
                   "%d violations, %d mismatches: %s\n",
                   path, rep.n_meetings, rep.n_missing, rep.objective, am_schedule_objective(s),
                   rep.n_violations, rep.n_mismatches, bad ? "FAILED" : "ok");
        code = bad ? EX_DATAERR : 0;
    }
    am_diags_free(d);
    return code;
}

int cmd_check_schedule(int argc, char **argv)
{
    bool quiet;
    int parsed = cli_parse_quiet(argc, argv, "check-schedule", help, &quiet);
    if (parsed != 0)
        return parsed < 0 ? 0 : parsed;
    if (optind != argc - 3)
        return cli_usage_error("check-schedule",
                               "expected INSTANCE.json, RESULT.json and SCHEDULE.json");
    am_instance *inst = NULL;
    am_result *res = NULL;
    am_schedule *s = NULL;
    int code = cli_load_instance(argv[optind], quiet, &inst);
    if (code == 0 && !am_instance_calendar(inst)->present) {
        fprintf(stderr, "advmatch check-schedule: %s has no \"calendar\"\n", argv[optind]);
        code = EX_DATAERR;
    }
    if (code == 0)
        code = cli_load_result(argv[optind + 1], inst, &res);
    if (code == 0)
        code = cli_load_schedule(argv[optind + 2], inst, &s);
    if (code == 0)
        code = check(argv[optind + 2], inst, res, s, quiet);
    am_schedule_free(s);
    am_result_free(res);
    am_instance_free(inst);
    return code;
}
