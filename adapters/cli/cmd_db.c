/* adapters/cli/cmd_db.c: `advmatch db`: the PostgreSQL ledger: migrate the schema, import an
 * instance file into it, export it (or the instance a round solved) as an instance file. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "advmatch/am_json.h"
#include "advmatch/am_pg.h"
#include "advmatch/am_service.h"
#include "cli.h"

#define CONNECTION_HELP                                                                    \
    "      --db CONNINFO     the PostgreSQL connection, as libpq takes it:\n"                \
    "                        'dbname=advmatch host=/tmp' or 'postgresql://user@host/advmatch';\n" \
    "                        without it libpq uses PGHOST, PGPORT, PGDATABASE, PGUSER,\n"     \
    "                        PGPASSWORD (or ~/.pgpass)\n"

static const char help_db[] =
    "usage: advmatch db migrate [--db CONNINFO]\n"
    "       advmatch db import INSTANCE.json [--db CONNINFO] [-q]\n"
    "       advmatch db export [--round ID] [-o INSTANCE.json] [--db CONNINFO] [-q]\n"
    "       advmatch db schedule [-o SCHEDULE.json] [--time-limit S] [--db CONNINFO] [-q]\n"
    "\n"
    "The ledger in PostgreSQL (schema advmatch, docs/database.md) is the system of record:\n"
    "reference data (policy, calendar, provinces, counties, experts), rounds and the\n"
    "published groups.\n"
    "  migrate  create the schema, or bring it up to the version this advmatch knows\n"
    "  import   load or update the reference data from an advmatch-instance/1 file\n"
    "  export   write the ledger as an advmatch-instance/1 file, or the instance a round\n"
    "           solved\n"
    "  schedule plan the year's meetings of the published groups and store the plan\n"
    "`advmatch db COMMAND --help` explains each.\n"
    "\n"
    "options:\n" CONNECTION_HELP
    "  -h, --help            this text\n"
    "\n"
    "example:\n"
    "  advmatch db migrate --db 'dbname=advmatch'\n"
    "  advmatch db import inst.json --db 'dbname=advmatch'\n"
    "  advmatch db export -o ledger.json --db 'dbname=advmatch'\n"
    "\n"
    "exit status: 0 done; 64 usage; 65 bad data; 66 file unreadable; 69 database\n"
    "unreachable or schema not migrated; 70 internal or database failure; 73/74 output not\n"
    "writable; 75 temporary failure (a concurrent writer: run it again).\n";

static const char help_migrate[] =
    "usage: advmatch db migrate [--db CONNINFO]\n"
    "\n"
    "Creates the schema advmatch in the database, or brings it up to the version this\n"
    "advmatch knows: each numbered migration compiled into the program runs once, in its own\n"
    "transaction, and is recorded in public.advmatch_schema_version; an advisory lock keeps\n"
    "two migrators from racing. Running it again applies nothing and changes nothing. The\n"
    "user needs the right to create schemas and roles (the first time).\n"
    "Prints, for example:\n"
    "  schema at version 3 (3 migrations applied)\n"
    "\n"
    "options:\n" CONNECTION_HELP
    "  -h, --help            this text\n"
    "\n"
    "example:\n"
    "  createdb advmatch && advmatch db migrate --db 'dbname=advmatch'\n"
    "\n"
    "exit status: 0 the schema is current; 64 usage; 65 the database is newer than this\n"
    "advmatch; 69 database unreachable; 70 a migration failed (it is rolled back; the\n"
    "message names it and has the server's text).\n";

static const char help_import[] =
    "usage: advmatch db import INSTANCE.json [--db CONNINFO] [-q]\n"
    "\n"
    "Loads INSTANCE.json (advmatch-instance/1, docs/formats.md) into the ledger in one\n"
    "transaction: the policy, the calendar (when the file has one), the provinces with their\n"
    "partners, the counties and experts with all their lists, and the fixed meetings of the\n"
    "file's counties. A record already in the ledger is rewritten only when its content\n"
    "differs, and then its `changed` column gets the new ledger version (rounds that read an\n"
    "older version see the change); records the file does not have are kept. A preference\n"
    "or decline naming a county or expert the ledger does not have is skipped and counted.\n"
    "The file's `current` memberships are not imported: published groups are written by\n"
    "rounds only. When nothing differs nothing is written and the ledger version stays.\n"
    "\n"
    "The file is checked first, as by `advmatch validate`: with any error nothing is\n"
    "imported (every problem is listed). The schema must be current (`advmatch db migrate`).\n"
    "Prints one line, for example:\n"
    "  imported inst.json: 30 provinces, 670 counties (670 new, 0 changed), 20000 experts\n"
    "  (20000 new, 0 changed), 0 skipped references, ledger version 1, 850 ms\n"
    "\n"
    "options:\n" CONNECTION_HELP
    "  -q, --quiet           no warnings and no report line\n"
    "  -h, --help            this text\n"
    "\n"
    "example:\n"
    "  advmatch gen --counties 670 --experts 20000 -o national.json\n"
    "  advmatch db import national.json --db 'dbname=advmatch'\n"
    "\n"
    "exit status: 0 imported (or nothing to change); 64 usage; 65 the file has errors, or the\n"
    "database refused a value (nothing imported); 66 file unreadable; 69 database\n"
    "unreachable or schema not migrated; 70 internal or database failure; 75 temporary\n"
    "failure (a concurrent writer: run it again).\n";

static const char help_export[] =
    "usage: advmatch db export [--round ID] [-o INSTANCE.json] [--db CONNINFO] [-q]\n"
    "\n"
    "Without --round: writes the ledger as it stands, read in one consistent snapshot, as an\n"
    "advmatch-instance/1 document: the policy, the calendar, every province, county and\n"
    "expert with all their lists, the fixed meetings, and the published groups as unlocked\n"
    "`current` memberships (so that `advmatch solve` on the file repairs them). Records are\n"
    "sorted and every value is spelled out, as advmatch always writes instances: a file it\n"
    "wrote (`advmatch gen`, an earlier export), imported into an empty ledger, exports to the\n"
    "same bytes.\n"
    "With --round ID: the instance document round ID solved, exactly as stored with the round\n"
    "(to re-check its groups: `advmatch round show ID --json -o groups.json`, then\n"
    "`advmatch check INSTANCE.json groups.json`). A round that has not run (queued, failed\n"
    "early, cancelled) stored none: then the instance it would solve if it ran now.\n"
    "\n"
    "options:\n"
    "      --round ID        the instance of round ID instead of the ledger\n"
    "  -o, --output FILE     write here, replaced atomically (default '-': standard output)\n"
    CONNECTION_HELP
    "  -q, --quiet           no summary line\n"
    "  -h, --help            this text\n"
    "\n"
    "example:\n"
    "  advmatch db export -o ledger.json --db 'dbname=advmatch'\n"
    "  advmatch db export --round 12 -o round12.json\n"
    "\n"
    "exit status: 0 written; 64 usage; 65 the round does not exist, or the ledger's data\n"
    "break a rule for the round's counties (named);\n"
    "69 database unreachable or schema not migrated; 70 internal or database failure;\n"
    "73 output cannot be created; 74 write failed.\n";

typedef struct db_opts {
    const char *cmd;       /* "db migrate" */
    const char *conninfo;  /* NULL: the PG* environment variables */
    const char *output;
    const char *file;      /* import: the instance */
    long long round;       /* export: > 0 with --round */
    bool quiet;
} db_opts;

/* Options of subcommand o->cmd; `with_output` allows -o and --round (export). Returns 0 to go
 * on, -1 when the help was printed, or the usage exit code. n_args: operands wanted. */
static int parse(int argc, char **argv, db_opts *o, const char *help, bool with_output,
                 int n_args)
{
    static const struct option longs[] = {{"db", required_argument, 0, 'd'},
                                          {"output", required_argument, 0, 'o'},
                                          {"round", required_argument, 0, 'r'},
                                          {"quiet", no_argument, 0, 'q'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    int ch;
    long id;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "o:qh", longs, NULL)) != -1) {
        switch (ch) {
        case 'd': o->conninfo = optarg; break;
        case 'q': o->quiet = true; break;
        case 'h': fputs(help, stdout); return -1;
        case 'o':
            if (!with_output)
                return cli_usage_error(o->cmd, "-o is an option of `db export` only");
            o->output = optarg;
            break;
        case 'r':
            if (!with_output)
                return cli_usage_error(o->cmd, "--round is an option of `db export` only");
            if (cli_parse_long(optarg, &id) != 0 || id <= 0)
                return cli_usage_error(o->cmd, "--round wants a round id (1, 2, ...), not \"%s\"",
                                       optarg);
            o->round = id;
            break;
        default: return cli_usage_error(o->cmd, "unknown option");
        }
    }
    if (argc - optind != n_args) {
        if (n_args == 1)
            return cli_usage_error(o->cmd, "expected one INSTANCE.json argument");
        return cli_usage_error(o->cmd, "unexpected argument \"%s\"", argv[optind]);
    }
    o->file = n_args ? argv[optind] : NULL;
    return 0;
}

/* Print a failed call and return its exit code. */
static int fail(const am_error *err, bool writing)
{
    cli_print_error(err);
    return cli_exit_code(err->status, writing);
}

static int db_migrate(int argc, char **argv)
{
    db_opts o = {.cmd = "db migrate"};
    int code = parse(argc, argv, &o, help_migrate, false, 0);
    if (code != 0)
        return code < 0 ? 0 : code;
    am_pg *db = NULL;
    if ((code = cli_db_open(o.conninfo, false, &db)) != 0)
        return code;
    am_error err = {0};
    int applied = 0, version = 0;
    if (am_pg_migrate(db, &applied, &version, &err) != AM_OK)
        code = fail(&err, false);
    else
        printf("schema at version %d (%d migration%s applied)\n", version, applied,
               applied == 1 ? "" : "s");
    am_pg_close(db);
    return code;
}

static int db_import(int argc, char **argv)
{
    db_opts o = {.cmd = "db import"};
    int code = parse(argc, argv, &o, help_import, false, 1);
    if (code != 0)
        return code < 0 ? 0 : code;
    am_instance *inst = NULL;
    if ((code = cli_load_instance(o.file, o.quiet, &inst)) != 0) {
        if (code == EX_DATAERR)
            fprintf(stderr, "advmatch db import: nothing imported: %s has errors (listed above)\n",
                    o.file);
        return code;
    }
    am_pg *db = NULL;
    if ((code = cli_db_open(o.conninfo, true, &db)) != 0) {
        am_instance_free(inst);
        return code;
    }
    if (!o.quiet && am_instance_n_current(inst) > 0)
        fprintf(stderr, "%s: note: its %d current memberships are not imported (published "
                        "groups are written by rounds only)\n",
                o.file, am_instance_n_current(inst));
    am_error err = {0};
    am_pg_import_report rep;
    long t0 = cli_now_ms();
    am_status st = am_pg_import(db, inst, &rep, &err);
    long ms = cli_now_ms() - t0;
    if (st != AM_OK) {
        code = fail(&err, false);
        fprintf(stderr, "advmatch db import: nothing imported (the transaction was rolled back)\n");
    } else if (!o.quiet) {
        bool same = rep.n_new_counties + rep.n_changed_counties + rep.n_new_experts +
                        rep.n_changed_experts == 0;
        printf("imported %s: %d provinces, %d counties (%d new, %d changed), %d experts "
               "(%d new, %d changed), %d skipped references, ledger version %lld%s, %ld ms\n",
               o.file, rep.n_provinces, rep.n_counties, rep.n_new_counties,
               rep.n_changed_counties, rep.n_experts, rep.n_new_experts, rep.n_changed_experts,
               rep.n_skipped_refs, rep.version, same ? " (unchanged)" : "", ms);
    }
    am_pg_close(db);
    am_instance_free(inst);
    return code;
}

/* The instance document round `id` stored, written as is. */
static int export_would_solve(am_pg *db, const db_opts *o)
{
    am_error err = {0};
    am_instance *inst = NULL;
    if (am_service_round_instance(db, o->round, &inst, &err) != AM_OK)
        return fail(&err, false);
    am_sink *s = am_sink_new();
    if (s)
        am_json_write_instance(inst, s);
    am_instance_free(inst);
    int code = cli_write_sink(o->output, s);
    if (code == 0 && !o->quiet && strcmp(o->output, "-") != 0)
        printf("exported the instance round %lld would solve now to %s\n", o->round, o->output);
    return code;
}

static int export_round(am_pg *db, const db_opts *o)
{
    am_error err = {0};
    char *doc = NULL;
    if (am_pg_round_input(db, o->round, &doc, &err) != AM_OK)
        return fail(&err, false);
    if (!doc) /* not run (yet): the instance it would solve now */
        return export_would_solve(db, o);
    int code = cli_write_file(o->output, doc, strlen(doc));
    if (code == 0 && !o->quiet && strcmp(o->output, "-") != 0)
        printf("exported the instance of round %lld to %s\n", o->round, o->output);
    free(doc);
    return code;
}

/* The ledger as it stands, in canonical form. */
static int export_ledger(am_pg *db, const db_opts *o)
{
    am_error err = {0};
    am_instance *inst = NULL;
    long long version = 0;
    am_diags *d = am_diags_new();
    if (!d) {
        fprintf(stderr, "advmatch: error: out of memory\n");
        return EX_SOFTWARE;
    }
    int code = 0;
    am_status st = am_pg_read_ledger(db, &inst, &version, d, &err);
    if (st != AM_OK) {
        code = fail(&err, false);
    } else if (am_diags_n_errors(d) > 0) {
        cli_print_diags(d, "ledger");
        fprintf(stderr, "advmatch db export: the ledger does not make a valid instance; nothing "
                        "written\n");
        code = EX_DATAERR;
    } else {
        if (!o->quiet)
            cli_print_diags(d, "ledger");
        am_sink *s = am_sink_new();
        if (s)
            am_json_write_instance(inst, s);
        code = cli_write_sink(o->output, s);
        if (code == 0 && !o->quiet && strcmp(o->output, "-") != 0)
            printf("exported ledger version %lld to %s: %d provinces, %d counties, %d experts, "
                   "%d current memberships\n", version, o->output, am_instance_n_provinces(inst),
                   am_instance_n_counties(inst), am_instance_n_experts(inst),
                   am_instance_n_current(inst));
    }
    am_instance_free(inst);
    am_diags_free(d);
    return code;
}

static int db_export(int argc, char **argv)
{
    db_opts o = {.cmd = "db export", .output = "-"};
    int code = parse(argc, argv, &o, help_export, true, 0);
    if (code != 0)
        return code < 0 ? 0 : code;
    am_pg *db = NULL;
    if ((code = cli_db_open(o.conninfo, true, &db)) != 0)
        return code;
    code = o.round > 0 ? export_round(db, &o) : export_ledger(db, &o);
    am_pg_close(db);
    return code;
}

int cmd_db(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("db", "expected migrate, import, export or schedule");
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
        fputs(help_db, stdout);
        return 0;
    }
    if (strcmp(sub, "migrate") == 0)
        return db_migrate(argc - 1, argv + 1);
    if (strcmp(sub, "import") == 0)
        return db_import(argc - 1, argv + 1);
    if (strcmp(sub, "export") == 0)
        return db_export(argc - 1, argv + 1);
    if (strcmp(sub, "schedule") == 0)
        return cli_db_schedule(argc - 1, argv + 1);
    return cli_usage_error("db", "unknown subcommand \"%s\" (migrate, import, export or schedule)",
                           sub);
}
