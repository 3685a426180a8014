/* adapters/cli/cmd_round.c: `advmatch round`: request and run rounds against the ledger
 * (quarterly, preview, nightly), publish a preview, cancel, list and show rounds. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "advmatch/am_json.h"
#include "advmatch/am_service.h"
#include "cli.h"

static const char help[] =
    "usage: advmatch round quarterly [--counties FILE | --province CODE ...] [options]\n"
    "       advmatch round preview --province CODE [options]\n"
    "       advmatch round nightly [--max-changes N] [options]\n"
    "       advmatch round publish ID\n"
    "       advmatch round cancel ID\n"
    "       advmatch round list [--limit N]\n"
    "       advmatch round show ID [--json] [-o FILE]\n"
    "\n"
    "Rounds form groups from the ledger in PostgreSQL (docs/database.md) and write them back\n"
    "in one transaction, after the independent rule check:\n"
    "  quarterly  the counties asked for (a file of county ids, or every county of the\n"
    "             provinces given), else every county without a published group; groups\n"
    "             published for other counties are kept and their members are not free;\n"
    "             the new groups are published\n"
    "  preview    one province's counties, as a proposal: stored, visible to that province's\n"
    "             coordinators and national staff, published only by `round publish ID`,\n"
    "             which refuses if anything the preview read has changed since\n"
    "  nightly    the published groups that lost a member (inactive, declined the county,\n"
    "             capacity 0, lost the field; a leader who cannot lead): their other members\n"
    "             are kept, the places are filled, every change is logged with its reason\n"
    "\n"
    "A round runs in this process unless --enqueue puts it in the queue for `advmatch serve`.\n"
    "\n"
    "options:\n"
    "      --db CONNINFO     PostgreSQL connection (else the PG* environment variables)\n"
    "      --province CODE   scope by province (repeatable for quarterly)\n"
    "      --counties FILE   scope by county: ids separated by white space, '#' comments\n"
    "      --time-limit S    stop the search after S seconds with the best groups found\n"
    "      --gap G           stop once the relative gap is at most G (default 0: optimal)\n"
    "      --max-changes N   nightly: publish nothing if more than N memberships would change\n"
    "      --enqueue         only queue the request; prints its id\n"
    "      --limit N         list: the last N rounds (default 20)\n"
    "      --json            show: the round's groups as advmatch-result/1 (for `advmatch\n"
    "                        check` with the instance of `advmatch db export --round ID`)\n"
    "  -o, --output FILE     show --json: write here (atomically) instead of stdout\n"
    "  -q, --quiet           no progress\n"
    "  -h, --help            this text\n"
    "\n"
    "examples:\n"
    "  advmatch round preview --province 52\n"
    "  advmatch round publish 12\n"
    "  advmatch round nightly --max-changes 50\n"
    "  advmatch round show 12 --json -o round12.json\n"
    "\n"
    "exit status: 0 done; 64 usage; 65 bad data (the round is failed with the cause);\n"
    "69 database unreachable or schema not migrated; 70 solver or internal failure;\n"
    "75 the ledger changed while the round ran, or the round was cancelled (run it again);\n"
    "130 interrupted (the round is cancelled, nothing published).\n";

typedef struct round_opts {
    const char *db, *counties_file, *output;
    const char **provinces;
    int n_provinces;
    double time_limit_s, gap;
    long max_changes, limit;
    bool enqueue, json, quiet;
} round_opts;

static int parse(int argc, char **argv, round_opts *o)
{
    static const struct option longs[] = {
        {"db", required_argument, 0, 'd'},         {"province", required_argument, 0, 'p'},
        {"counties", required_argument, 0, 'c'},   {"time-limit", required_argument, 0, 't'},
        {"gap", required_argument, 0, 'g'},        {"max-changes", required_argument, 0, 'm'},
        {"enqueue", no_argument, 0, 'e'},          {"limit", required_argument, 0, 'l'},
        {"json", no_argument, 0, 'j'},             {"output", required_argument, 0, 'o'},
        {"quiet", no_argument, 0, 'q'},            {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "o:qh", longs, NULL)) != -1) {
        switch (ch) {
        case 'd': o->db = optarg; break;
        case 'c': o->counties_file = optarg; break;
        case 'o': o->output = optarg; break;
        case 'e': o->enqueue = true; break;
        case 'j': o->json = true; break;
        case 'q': o->quiet = true; break;
        case 'h': fputs(help, stdout); return -1;
        case 'p':
            if (o->n_provinces == 64)
                return cli_usage_error("round", "at most 64 --province options");
            o->provinces[o->n_provinces++] = optarg;
            break;
        case 't':
            if (cli_parse_double(optarg, &o->time_limit_s) != 0 || o->time_limit_s <= 0)
                return cli_usage_error("round", "--time-limit wants seconds > 0, not \"%s\"", optarg);
            break;
        case 'g':
            if (cli_parse_double(optarg, &o->gap) != 0 || o->gap >= 1)
                return cli_usage_error("round", "--gap wants a fraction in [0, 1), not \"%s\"", optarg);
            break;
        case 'm':
            if (cli_parse_long(optarg, &o->max_changes) != 0)
                return cli_usage_error("round", "--max-changes wants a count >= 0, not \"%s\"", optarg);
            break;
        case 'l':
            if (cli_parse_long(optarg, &o->limit) != 0 || o->limit < 1)
                return cli_usage_error("round", "--limit wants a count >= 1, not \"%s\"", optarg);
            break;
        default: return cli_usage_error("round", "unknown option");
        }
    }
    return 0;
}

/* County ids from a file: white-space separated, '#' to the end of a line is a comment.
 * Returns 0 with *ids (caller frees ids[0]'s buffer via *buf and the array) or an exit code. */
static int read_counties(const char *path, char **buf, const char ***ids, int *n)
{
    am_error err = {0};
    size_t len;
    if (am_file_read(path, buf, &len, &err) != AM_OK) {
        cli_print_error(&err);
        return cli_exit_code(err.status, false);
    }
    *ids = calloc(len / 2 + 2, sizeof **ids);
    if (!*ids)
        return EX_OSERR;
    *n = 0;
    bool comment = false;
    for (char *p = *buf; *p; p++) {
        if (*p == '#')
            comment = true;
        if (*p == '\n')
            comment = false;
        if (comment || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ',') {
            *p = '\0';
            continue;
        }
        if (p == *buf || p[-1] == '\0')
            (*ids)[(*n)++] = p;
    }
    if (*n == 0) {
        fprintf(stderr, "advmatch round: %s lists no county id\n", path);
        return EX_DATAERR;
    }
    return 0;
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "advmatch: %s\n", line);
}

static void worker_name(char *buf, size_t size)
{
    char host[64] = "localhost";
    gethostname(host, sizeof host - 1);
    snprintf(buf, size, "%s:%ld", host, (long)getpid());
}

static int print_report(const am_service_report *r)
{
    switch (r->end) {
    case AM_RUN_DONE:
        printf("round %lld (%s): %s, objective %lld", r->id, am_round_kind_name(r->kind),
               r->outcome, r->objective);
        if (r->gap >= 0)
            printf(", bound %.0f, gap %.4g", r->bound, r->gap);
        printf("\n  %d counties, %d members, %d shortfalls; %d membership changes%s\n",
               r->n_counties, r->n_members, r->n_shortfalls, r->n_changes,
               r->kind == AM_ROUND_PREVIEW ? " if published" : " published");
        printf("  load %ld ms, solve %ld ms, write %ld ms\n", r->load_ms, r->solve_ms,
               r->write_ms);
        return 0;
    case AM_RUN_FAILED:
        fprintf(stderr, "advmatch: error: round %lld failed: %s\n", r->id, r->message);
        return r->cause == AM_ETEMP ? EX_TEMPFAIL : cli_exit_code(r->cause, false);
    case AM_RUN_CANCELLED:
        fprintf(stderr, "advmatch: round %lld was cancelled\n", r->id);
        return EX_TEMPFAIL;
    default:
        fprintf(stderr, "advmatch: round %lld interrupted: cancelled, nothing published\n", r->id);
        return 130;
    }
}

/* Request a round and, unless --enqueue, run it here. */
static int run_round(const round_opts *o, am_round_kind kind, am_pg *db)
{
    char *buf = NULL;
    const char **counties = NULL;
    int n_counties = 0, code = 0;
    if (o->counties_file && (code = read_counties(o->counties_file, &buf, &counties, &n_counties)))
        goto done;
    am_pg_request rq = {.kind = kind, .provinces = o->provinces, .n_provinces = o->n_provinces,
                        .counties = counties, .n_counties = n_counties,
                        .time_limit_s = o->time_limit_s, .gap = o->gap,
                        .max_changes = o->max_changes, .direct = !o->enqueue};
    am_error err = {0};
    long long id;
    if (am_pg_round_request(db, &rq, &id, &err) != AM_OK) {
        cli_print_error(&err);
        code = cli_exit_code(err.status, false);
        goto done;
    }
    if (o->enqueue) {
        printf("round %lld queued (%s)\n", id, am_round_kind_name(kind));
        goto done;
    }
    char worker[96];
    worker_name(worker, sizeof worker);
    am_pg_claim c;
    bool got = false;
    if (am_pg_round_claim(db, worker, 60, id, &c, &got, &err) != AM_OK || !got) {
        if (!got && err.status == AM_OK)
            am_error_set(&err, AM_ETEMP, NULL, NULL, "round %lld was taken by another worker", id);
        cli_print_error(&err);
        code = cli_exit_code(err.status, false);
        goto done;
    }
    cli_catch_sigint();
    am_service_opts so = {.worker = worker, .lease_s = 60, .stop = &cli_interrupted,
                          .log = o->quiet ? NULL : log_line,
                          .on_progress = o->quiet ? NULL : cli_progress,
                          .progress_ctx = (void *)"groups"};
    am_service_report rep;
    am_status st = am_service_run(db, &c, &so, &rep, &err);
    am_pg_claim_free(&c);
    if (st != AM_OK) {
        cli_print_error(&err);
        code = cli_exit_code(st, false);
    } else {
        if (rep.end == AM_RUN_RELEASED) /* ours alone: nobody else would take it */
            am_pg_round_cancel(db, id, &err);
        code = print_report(&rep);
    }
done:
    free(buf);
    free(counties);
    return code;
}

static int parse_id(const char *s, long long *id)
{
    char *end;
    *id = strtoll(s, &end, 10);
    return *s && !*end && *id > 0 ? 0 : -1;
}

static int publish_or_cancel(am_pg *db, const char *what, long long id)
{
    am_error err = {0};
    int n = 0;
    am_status st = strcmp(what, "publish") == 0 ? am_pg_round_publish(db, id, &n, &err)
                                               : am_pg_round_cancel(db, id, &err);
    if (st != AM_OK) {
        cli_print_error(&err);
        return st == AM_ETEMP ? EX_TEMPFAIL : cli_exit_code(st, false);
    }
    if (strcmp(what, "publish") == 0)
        printf("round %lld published: %d membership changes\n", id, n);
    else
        printf("round %lld: cancellation requested\n", id);
    return 0;
}

int cmd_round(int argc, char **argv)
{
    const char *provinces[64];
    round_opts o = {.provinces = provinces, .max_changes = -1, .limit = 20, .output = "-"};
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(help, stdout);
        return 0;
    }
    if (argc < 2)
        return cli_usage_error("round", "expected quarterly, preview, nightly, publish, cancel, "
                                        "list or show");
    const char *sub = argv[1];
    int code = parse(argc - 1, argv + 1, &o);
    if (code != 0)
        return code < 0 ? 0 : code;
    int n_args = argc - 1 - optind;
    char **args = argv + 1 + optind;
    int kind = am_round_kind_parse(sub);
    bool needs_id = strcmp(sub, "publish") == 0 || strcmp(sub, "cancel") == 0 ||
                    strcmp(sub, "show") == 0;
    long long id = 0;
    if (kind < 0 && !needs_id && strcmp(sub, "list") != 0)
        return cli_usage_error("round", "unknown subcommand \"%s\"", sub);
    if (needs_id && (n_args != 1 || parse_id(args[0], &id) != 0))
        return cli_usage_error("round", "%s wants one round ID", sub);
    if (!needs_id && n_args != 0)
        return cli_usage_error("round", "unexpected argument \"%s\"", args[0]);
    if (kind == AM_ROUND_PREVIEW && (o.n_provinces != 1 || o.counties_file))
        return cli_usage_error("round", "preview wants exactly one --province CODE");
    if (kind == AM_ROUND_NIGHTLY && (o.n_provinces || o.counties_file))
        return cli_usage_error("round", "nightly repairs every group that lost a member; it "
                                        "takes no --province or --counties");
    if (kind == AM_ROUND_QUARTERLY && o.n_provinces && o.counties_file)
        return cli_usage_error("round", "give --counties or --province, not both");
    am_pg *db = NULL;
    if ((code = cli_db_open(o.db, true, &db)) != 0)
        return code;
    int swept = 0; /* rounds whose process died are marked failed before anything is shown */
    am_error serr = {0};
    am_pg_round_sweep(db, &swept, &serr);
    if (kind >= 0)
        code = run_round(&o, (am_round_kind)kind, db);
    else if (strcmp(sub, "list") == 0)
        code = cli_round_list(db, (int)o.limit);
    else if (strcmp(sub, "show") == 0)
        code = cli_round_show(db, id, o.json, o.output);
    else
        code = publish_or_cancel(db, sub, id);
    am_pg_close(db);
    return code;
}
