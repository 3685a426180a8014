/* adapters/cli/cmd_db_schedule.c: `advmatch db schedule`: plan the year's meetings of the
 * published groups in the ledger, store the plan, and write it as a file if asked. */
#include <getopt.h>
#include <string.h>
#include <sysexits.h>

#include "advmatch/am_json.h"
#include "advmatch/am_meetings.h"
#include "advmatch/am_service.h"
#include "cli.h"

static const char help[] =
    "usage: advmatch db schedule [-o SCHEDULE.json] [--time-limit S] [--gap G] [--db CONNINFO]\n"
    "                            [-q]\n"
    "\n"
    "Plans the meetings of the year of the ledger's calendar for every published group, as\n"
    "`advmatch schedule` does for files, and stores the plan in the ledger (advmatch.schedule\n"
    "with its advmatch-schedule/1 document, advmatch.meeting one row per meeting;\n"
    "docs/database.md). The newest stored plan of the same year is the previous one: a group\n"
    "whose members are unchanged keeps its meetings on their dates, so after a nightly repair\n"
    "only the repaired groups get new dates. Nothing is stored if a group changes while the\n"
    "plan is made (exit 75: plan again).\n"
    "\n"
    "options:\n"
    "  -o, --output FILE     also write the plan here (for `advmatch ics`), atomically\n"
    "      --time-limit S    stop the search after S seconds with the best plan found\n"
    "      --gap G           stop once the relative gap is at most G (default 0: optimal)\n"
    "      --db CONNINFO     PostgreSQL connection (else the PG* environment variables)\n"
    "  -q, --quiet           no progress or summary\n"
    "  -h, --help            this text\n"
    "\n"
    "example:\n"
    "  advmatch db schedule --time-limit 30 -o plan.json && advmatch ics plan.json --county 520623\n"
    "\n"
    "exit status: 0 stored; 64 usage; 65 the ledger's data break a rule or it has no calendar;\n"
    "69 database unreachable or schema not migrated; 70 solver or internal failure;\n"
    "73 output cannot be created; 74 write failed; 75 a group changed meanwhile.\n";

int cli_db_schedule(int argc, char **argv)
{
    static const struct option longs[] = {{"output", required_argument, 0, 'o'},
                                          {"time-limit", required_argument, 0, 't'},
                                          {"gap", required_argument, 0, 'g'},
                                          {"db", required_argument, 0, 'd'},
                                          {"quiet", no_argument, 0, 'q'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    const char *output = NULL, *conninfo = NULL;
    double time_limit = 0, gap = 0;
    bool quiet = false;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "o:qh", longs, NULL)) != -1) {
        switch (ch) {
        case 'o': output = optarg; break;
        case 'd': conninfo = optarg; break;
        case 'q': quiet = true; break;
        case 'h': fputs(help, stdout); return 0;
        case 't':
            if (cli_parse_double(optarg, &time_limit) != 0 || time_limit <= 0)
                return cli_usage_error("db schedule", "--time-limit wants seconds > 0, not \"%s\"",
                                       optarg);
            break;
        case 'g':
            if (cli_parse_double(optarg, &gap) != 0 || gap >= 1)
                return cli_usage_error("db schedule", "--gap wants a fraction in [0, 1), not \"%s\"",
                                       optarg);
            break;
        default: return cli_usage_error("db schedule", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error("db schedule", "unexpected argument \"%s\"", argv[optind]);
    am_pg *db = NULL;
    int code = cli_db_open(conninfo, true, &db);
    if (code != 0)
        return code;
    cli_catch_sigint();
    am_match_params p;
    am_match_params_init(&p);
    p.time_limit_ms = (long)(time_limit * 1000.0);
    p.mip_gap_rel = gap;
    p.stop = &cli_interrupted;
    p.on_progress = quiet ? NULL : cli_progress;
    p.progress_ctx = (void *)"meetings";
    am_instance *inst = NULL;
    am_schedule *s = NULL;
    long long id, previous;
    am_error err = {0};
    am_status st = am_service_schedule(db, &p, &inst, &s, &id, &previous, &err);
    am_pg_close(db);
    if (st != AM_OK) {
        cli_print_error(&err);
        return st == AM_ETEMP ? EX_TEMPFAIL : cli_exit_code(st, false);
    }
    if (output) {
        am_sink *out = am_sink_new();
        if (out)
            am_json_write_schedule(s, out);
        code = cli_write_sink(output, out);
    }
    if (code == 0 && !quiet) {
        printf("plan %lld of %d stored", id, am_instance_calendar(inst)->year);
        if (previous)
            printf(" (meetings of unchanged groups kept from plan %lld)", previous);
        printf("\n");
        cli_print_schedule_summary(stdout, s);
    }
    am_schedule_free(s);
    am_instance_free(inst);
    return code;
}
