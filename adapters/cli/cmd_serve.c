/* adapters/cli/cmd_serve.c: `advmatch serve`: N worker processes that take queued rounds from
 * the ledger until SIGTERM or Ctrl-C, each finishing nothing half-way: a round being solved is
 * given back to the queue. */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "advmatch/am_service.h"
#include "cli.h"

static const char help[] =
    "usage: advmatch serve [--workers N] [--lease S] [--db CONNINFO] [-q]\n"
    "\n"
    "Runs N worker processes (default 1) that take queued rounds from the ledger, one at a\n"
    "time each, and run them as `advmatch round` would. A request is a row of advmatch.round\n"
    "with status 'queued', inserted by `advmatch round ... --enqueue` or by any client; the\n"
    "insert wakes the workers (LISTEN/NOTIFY). Workers on several machines may serve one\n"
    "ledger: a round is taken with FOR UPDATE SKIP LOCKED, held with a lease of S seconds\n"
    "(default 60) renewed every two seconds, and taken again by another worker when its\n"
    "worker died and the lease ran out (a round that lost three workers is marked failed).\n"
    "`advmatch round cancel ID` cancels a running round within about two seconds.\n"
    "\n"
    "SIGTERM or Ctrl-C: each worker gives its current round back to the queue (or finishes its\n"
    "write, which is one transaction) and exits; serve exits 0 once all have.\n"
    "\n"
    "options:\n"
    "      --workers N    worker processes (1..64)\n"
    "      --lease S      seconds a worker holds a round between heartbeats (10..3600)\n"
    "      --db CONNINFO  PostgreSQL connection (else the PG* environment variables)\n"
    "  -q, --quiet        no log lines on stderr\n"
    "  -h, --help         this text\n"
    "\n"
    "exit status: 0 stopped cleanly; 64 usage; 69 database unreachable or schema not migrated.\n";

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "advmatch serve: %s\n", line);
}

static int worker(const char *conninfo, int lease, bool quiet)
{
    char host[64] = "localhost", name[96];
    gethostname(host, sizeof host - 1);
    snprintf(name, sizeof name, "%s:%ld", host, (long)getpid());
    am_service_opts o = {.worker = name, .lease_s = lease, .stop = &stop_flag,
                         .log = quiet ? NULL : log_line};
    am_error err = {0};
    return am_service_serve(conninfo, &o, &err) == AM_OK ? 0 : EX_SOFTWARE;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option longs[] = {{"workers", required_argument, 0, 'w'},
                                          {"lease", required_argument, 0, 'l'},
                                          {"db", required_argument, 0, 'd'},
                                          {"quiet", no_argument, 0, 'q'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    long workers = 1, lease = 60;
    const char *conninfo = NULL;
    bool quiet = false;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "qh", longs, NULL)) != -1) {
        switch (ch) {
        case 'w':
            if (cli_parse_long(optarg, &workers) != 0 || workers < 1 || workers > 64)
                return cli_usage_error("serve", "--workers wants 1..64, not \"%s\"", optarg);
            break;
        case 'l':
            if (cli_parse_long(optarg, &lease) != 0 || lease < 10 || lease > 3600)
                return cli_usage_error("serve", "--lease wants 10..3600 seconds, not \"%s\"", optarg);
            break;
        case 'd': conninfo = optarg; break;
        case 'q': quiet = true; break;
        case 'h': fputs(help, stdout); return 0;
        default: return cli_usage_error("serve", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error("serve", "unexpected argument \"%s\"", argv[optind]);
    am_pg *db = NULL; /* refuse early when the ledger is unreachable or not migrated */
    int code = cli_db_open(conninfo, true, &db);
    am_pg_close(db);
    if (code != 0)
        return code;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    fflush(NULL);
    pid_t *pids = calloc((size_t)workers, sizeof *pids);
    if (!pids)
        return EX_OSERR;
    for (long i = 0; i < workers; i++) {
        pids[i] = fork();
        if (pids[i] == 0)
            _exit(worker(conninfo, (int)lease, quiet));
        if (pids[i] < 0) {
            perror("advmatch serve: fork");
            stop_flag = 1;
            workers = i;
            break;
        }
    }
    int failed = 0;
    for (long i = 0; i < workers; i++) {
        int status;
        while (waitpid(pids[i], &status, 0) < 0) {
            if (stop_flag) /* pass the stop on; a worker stops at its next look */
                for (long k = 0; k < workers; k++)
                    kill(pids[k], SIGTERM);
        }
        failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    free(pids);
    return failed ? EX_SOFTWARE : 0;
}
