/* adapters/cli/cmd_solve.c: `advmatch solve`: load and validate an instance, form the groups,
 * write the result atomically, print progress (stderr) and a readable summary (stdout). */
#include <getopt.h>
#include <string.h>
#include <sysexits.h>

#include "advmatch/am_io.h"
#include "advmatch/am_json.h"
#include "advmatch/am_match.h"
#include "cli.h"

static const char help[] =
    "usage: advmatch solve INSTANCE.json [-o RESULT.json] [options]\n"
    "\n"
    "Forms one advisor group per county of INSTANCE.json (format advmatch-instance/1) with a\n"
    "GLPK integer program, checks the result with the independent rule checker, and writes\n"
    "it (format advmatch-result/1) to RESULT.json, or to standard output without -o. With -o,\n"
    "a readable summary (per county: leader, members and channel, shortfalls; totals) goes\n"
    "to standard output.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE     write the result here (replaced atomically; '-' = stdout)\n"
    "      --time-limit S    stop the search after S seconds and write the best groups found\n"
    "                        (status \"time_limit\", with bound and gap)\n"
    "      --gap G           stop once the relative gap is at most G (e.g. 0.001; status\n"
    "                        \"feasible\"); default 0 proves optimality\n"
    "      --exact           solve the full model (every candidate pair) directly instead of\n"
    "                        the fast path (pricing over a restricted set of pairs); both\n"
    "                        prove the same optimum, --exact is much slower at national scale\n"
    "      --write-lp FILE   also write the full model in CPLEX LP format (for glpsol, cbc)\n"
    "      --schedule FILE   then plan the groups' meetings as `advmatch schedule` does and\n"
    "                        write the schedule here (the instance needs a \"calendar\")\n"
    "      --stats FILE      write timings and model sizes as JSON (not in the result, whose\n"
    "                        bytes depend only on the input and options)\n"
    "  -q, --quiet           no progress, summary or warnings\n"
    "  -h, --help            this text\n"
    "\n"
    "Progress (phase, elapsed, incumbent, bound, gap) goes to stderr once a solve runs past\n"
    "two seconds. Ctrl-C stops the search and still writes the best groups found, with status\n"
    "\"interrupted\" (exit 130); a second Ctrl-C kills the process.\n"
    "\n"
    "exit status: 0 result written; 64 usage; 65 bad instance (every problem is listed);\n"
    "66 instance unreadable; 70 solver or internal failure; 73 output cannot be created;\n"
    "74 output write failed;\n"
    "130 interrupted (result written).\n";

typedef struct solve_opts {
    const char *instance, *output, *write_lp, *stats, *schedule;
    double time_limit_s, gap;
    bool quiet, exact;
} solve_opts;

static int parse(int argc, char **argv, solve_opts *o)
{
    static const struct option longs[] = {{"output", required_argument, 0, 'o'},
                                          {"time-limit", required_argument, 0, 't'},
                                          {"gap", required_argument, 0, 'g'},
                                          {"write-lp", required_argument, 0, 'l'},
                                          {"stats", required_argument, 0, 's'},
                                          {"schedule", required_argument, 0, 'S'},
                                          {"exact", no_argument, 0, 'x'},
                                          {"quiet", no_argument, 0, 'q'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "o:qh", longs, NULL)) != -1) {
        switch (ch) {
        case 'o': o->output = optarg; break;
        case 'l': o->write_lp = optarg; break;
        case 's': o->stats = optarg; break;
        case 'S': o->schedule = optarg; break;
        case 'q': o->quiet = true; break;
        case 'x': o->exact = true; break;
        case 'h': fputs(help, stdout); return -1;
        case 't':
            if (cli_parse_double(optarg, &o->time_limit_s) != 0 || o->time_limit_s <= 0)
                return cli_usage_error("solve", "--time-limit wants seconds > 0, not \"%s\"", optarg);
            break;
        case 'g':
            if (cli_parse_double(optarg, &o->gap) != 0 || o->gap >= 1)
                return cli_usage_error("solve", "--gap wants a fraction in [0, 1), not \"%s\"", optarg);
            break;
        default: return cli_usage_error("solve", "unknown option");
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("solve", "expected one INSTANCE.json argument");
    o->instance = argv[optind];
    return 0;
}

static int write_stats(const solve_opts *o, const am_result *res, long load_ms, long solve_ms)
{
    am_sink *s = am_sink_new();
    if (!s)
        return EX_SOFTWARE;
    const am_result_stats *st = am_result_stats_get(res);
    am_sink_printf(s,
                   "{\n  \"load_ms\": %ld,\n  \"solve_ms\": %ld,\n  \"status\": \"%s\",\n"
                   "  \"n_candidates\": %lld,\n  \"n_rows\": %lld,\n  \"n_cols\": %lld,\n"
                   "  \"n_binaries\": %lld,\n  \"n_nonzeros\": %lld\n}\n",
                   load_ms, solve_ms, am_outcome_name(am_result_outcome(res)), st->n_candidates,
                   st->n_rows, st->n_cols, st->n_binaries, st->n_nonzeros);
    return cli_write_sink(o->stats, s);
}

static int run(const solve_opts *o, am_instance *inst, long t_load)
{
    am_error err = {0};
    am_result *res = NULL;
    am_match_params p;
    am_match_params_init(&p);
    p.time_limit_ms = (long)(o->time_limit_s * 1000.0);
    p.mip_gap_rel = o->gap;
    p.write_lp_path = o->write_lp;
    p.exact = o->exact;
    p.stop = &cli_interrupted;
    p.on_progress = o->quiet ? NULL : cli_progress;
    p.progress_ctx = (void *)"groups";
    long t0 = cli_now_ms();
    am_status st = am_match(inst, &p, &res, &err);
    if (st != AM_OK) {
        cli_print_error(&err);
        return cli_exit_code(st, st == AM_EIO);
    }
    long t_solve = cli_now_ms() - t0;
    am_sink *s = am_sink_new();
    if (s)
        am_json_write_result(res, s);
    int code = cli_write_sink(o->output, s);
    if (code == 0 && o->stats)
        code = write_stats(o, res, t_load, t_solve);
    if (code == 0 && !o->quiet && strcmp(o->output, "-") != 0)
        cli_print_summary(stdout, inst, res);
    if (code == 0 && am_result_outcome(res) == AM_OUTCOME_INTERRUPTED)
        code = 130;
    if (code == 0 && o->schedule) {
        p.write_lp_path = NULL; /* --write-lp is the group model's */
        code = cli_schedule_and_write(inst, res, NULL, &p, o->schedule, o->quiet);
    }
    am_result_free(res);
    return code;
}

int cmd_solve(int argc, char **argv)
{
    solve_opts o = {.output = "-"};
    int code = parse(argc, argv, &o);
    if (code != 0)
        return code < 0 ? 0 : code;
    long t0 = cli_now_ms();
    am_instance *inst = NULL;
    code = cli_load_instance(o.instance, o.quiet, &inst);
    if (code != 0)
        return code;
    if (o.schedule && !am_instance_calendar(inst)->present) {
        fprintf(stderr, "advmatch solve: %s has no \"calendar\"; --schedule needs one (for "
                        "example \"calendar\": {\"year\": 2026})\n", o.instance);
        am_instance_free(inst);
        return EX_DATAERR;
    }
    cli_catch_sigint();
    code = run(&o, inst, cli_now_ms() - t0);
    am_instance_free(inst);
    return code;
}
