/* adapters/cli/main.c: the advmatch command: finds the subcommand in a table and runs it. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"solve", cmd_solve, "form every county's advisor group from an instance (GLPK)"},
    {"check", cmd_check, "re-check a result against every rule and recompute its objective"},
    {"validate", cmd_validate, "report every problem in an instance file"},
    {"gen", cmd_gen, "write a realistic generated instance (real counties, seeded)"},
    {"schedule", cmd_schedule, "plan every group's half-year meetings for the calendar (GLPK)"},
    {"check-schedule", cmd_check_schedule, "re-check a schedule against every meeting rule"},
    {"ics", cmd_ics, "export a schedule's meetings as an iCalendar file"},
    {"report", cmd_report, "a province's groups as one HTML page to approve (or the nation's)"},
    {"alternates", cmd_alternates, "ranked replacements for a group member, with the change in score"},
    {"db", cmd_db, "the PostgreSQL ledger: migrate, import, export, plan the meetings"},
    {"round", cmd_round, "run, publish, cancel, list or show rounds against the ledger"},
    {"serve", cmd_serve, "worker processes that run queued rounds from the ledger"},
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: advmatch COMMAND [OPTIONS] [ARGS]\n"
            "\n"
            "advmatch forms one industry advisor group (about ten experts, a national-level\n"
            "leader, local and east-west paired members) for each poverty-lifted county, as an\n"
            "integer program solved by GLPK, and checks every result independently.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-15s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n"
               "  advmatch COMMAND --help   explains a command and its options\n"
               "  advmatch --version        prints the version\n"
               "\n"
               "example:\n"
               "  advmatch solve fixtures/demo/instance.json -o result.json\n"
               "  advmatch check fixtures/demo/instance.json result.json\n"
               "\n"
               "exit status: 0 done, 64 usage, 65 bad data, 66 unreadable input, 69 database\n"
               "unreachable or not migrated, 70 internal or solver failure, 73 output cannot be\n"
               "created, 74 write failed, 75 the ledger changed meanwhile (run again),\n"
               "130 interrupted.\n"
               "formats and rules: docs/formats.md, docs/formulation.md, docs/operations.md\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EX_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("advmatch %s\n", AM_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "advmatch: unknown command \"%s\"\n", argv[1]);
    usage(stderr);
    return EX_USAGE;
}
