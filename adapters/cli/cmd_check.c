/* adapters/cli/cmd_check.c: `advmatch check`: re-check any result file against every rule of
 * its instance with the independent checker, and recompute its objective. */
#include <getopt.h>
#include <sysexits.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_check.h"
#include "advmatch/am_io.h"
#include "advmatch/am_json.h"
#include "cli.h"

static const char help[] =
    "usage: advmatch check INSTANCE.json RESULT.json [-q]\n"
    "\n"
    "Re-checks RESULT.json (advmatch-result/1, from advmatch or any other tool) against\n"
    "INSTANCE.json with the independent rule checker, which shares no code with the model:\n"
    "one group per county; every member eligible (active, not declined, local or from the\n"
    "county's own or paired province or national level, with a shared field); size at most\n"
    "max; one national-level leader at most; local, pairing and organisation caps; each\n"
    "expert's capacity and leader capacity. It recomputes each member's channel and score,\n"
    "each group's shortfalls and the objective, and reports every difference.\n"
    "\n"
    "  -q, --quiet   print only problems\n"
    "\n"
    "exit status: 0 clean; 65 a rule is broken or a claimed value differs (each listed),\n"
    "or a file is malformed; 66 a file is unreadable; 64 usage.\n";

static int check(const char *result_path, const am_instance *inst, const am_result *res, bool quiet)
{
    am_error err = {0};
    am_check_report rep;
    am_diags *d = am_diags_new();
    if (!d)
        return EX_SOFTWARE;
    am_status st = am_check(inst, res, d, &rep, &err);
    int code = 0;
    if (st != AM_OK) {
        cli_print_error(&err);
        code = cli_exit_code(st, false);
    } else {
        cli_print_diags(d, result_path);
        if (!quiet || rep.n_violations + rep.n_mismatches > 0)
            printf("%s: %d groups (%d complete), %d members, %d shortfalls; objective %lld "
                   "recomputed, %lld claimed; %d violations, %d mismatches: %s\n",
                   result_path, am_result_n_groups(res), rep.n_groups_complete, rep.n_members,
                   rep.n_shortfalls, rep.objective, am_result_objective(res), rep.n_violations,
                   rep.n_mismatches, rep.n_violations + rep.n_mismatches ? "FAILED" : "ok");
        code = rep.n_violations + rep.n_mismatches ? EX_DATAERR : 0;
    }
    am_diags_free(d);
    return code;
}

int cmd_check(int argc, char **argv)
{
    bool quiet;
    int parsed = cli_parse_quiet(argc, argv, "check", help, &quiet);
    if (parsed != 0)
        return parsed < 0 ? 0 : parsed;
    if (optind != argc - 2)
        return cli_usage_error("check", "expected INSTANCE.json and RESULT.json");
    am_instance *inst = NULL;
    am_result *res = NULL;
    int code = cli_load_instance(argv[optind], quiet, &inst);
    if (code == 0)
        code = cli_load_result(argv[optind + 1], inst, &res);
    if (code == 0)
        code = check(argv[optind + 1], inst, res, quiet);
    am_result_free(res);
    am_instance_free(inst);
    return code;
}
