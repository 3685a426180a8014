/* adapters/cli/cli_run.c: what the solving subcommands share: Ctrl-C handling, progress lines on
 * stderr, and loading a result or a schedule file against its instance. */
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_io.h"
#include "advmatch/am_json.h"
#include "cli.h"

volatile sig_atomic_t cli_interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    cli_interrupted = 1;
}

void cli_catch_sigint(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_sigint;
    sa.sa_flags = SA_RESETHAND; /* a second Ctrl-C kills the process */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

void cli_progress(void *ctx, const am_progress *p)
{
    const char *what = ctx;
    if (p->elapsed_ms < 2000)
        return;
    fprintf(stderr, "advmatch: %s [%7.1fs] %-4s", what, p->elapsed_ms / 1000.0,
            am_phase_name(p->phase));
    if (p->has_incumbent)
        fprintf(stderr, "  incumbent %.0f", p->incumbent);
    if (p->has_bound)
        fprintf(stderr, "  bound %.1f", p->bound);
    if (p->gap >= 0)
        fprintf(stderr, "  gap %.4f%%", 100.0 * p->gap);
    if (p->phase == AM_PHASE_LP)
        fprintf(stderr, "  (%ld simplex iterations)", p->lp_iterations);
    if (p->phase == AM_PHASE_BUILD)
        fprintf(stderr, "  model built");
    fputc('\n', stderr);
}

long cli_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

typedef am_status (*reader_fn)(const char *data, size_t len, const am_instance *inst, void **out,
                               am_diags *d, am_error *err);

static am_status read_result_fn(const char *data, size_t len, const am_instance *inst,
                                void **out, am_diags *d, am_error *err)
{
    return am_json_read_result(data, len, inst, (am_result **)out, d, err);
}

static am_status read_schedule_fn(const char *data, size_t len, const am_instance *inst,
                                  void **out, am_diags *d, am_error *err)
{
    return am_json_read_schedule(data, len, inst, (am_schedule **)out, d, err);
}

/* Read `path` with `fn`; on any error print everything and return the exit code, freeing what
 * was read through `drop`. */
static int load(const char *path, const am_instance *inst, reader_fn fn, void (*drop)(void *),
                void **out)
{
    am_error err = {0};
    char *data = NULL;
    size_t len = 0;
    am_diags *d = am_diags_new();
    int code = 0;
    *out = NULL;
    if (!d)
        return EX_SOFTWARE;
    am_status st = am_file_read(path, &data, &len, &err);
    if (st == AM_OK)
        st = fn(data, len, inst, out, d, &err);
    if (st != AM_OK && st != AM_EINPUT) {
        cli_print_error(&err);
        code = cli_exit_code(st, false);
    } else if (st == AM_EINPUT || am_diags_n_errors(d) > 0) {
        cli_print_diags(d, path);
        code = EX_DATAERR;
    }
    if (code != 0) {
        drop(*out);
        *out = NULL;
    }
    am_diags_free(d);
    am_heap_free(data);
    return code;
}

static void drop_result(void *p) { am_result_free(p); }
static void drop_schedule(void *p) { am_schedule_free(p); }

int cli_load_result(const char *path, const am_instance *inst, am_result **out)
{
    return load(path, inst, read_result_fn, drop_result, (void **)out);
}

int cli_load_schedule(const char *path, const am_instance *inst, am_schedule **out)
{
    return load(path, inst, read_schedule_fn, drop_schedule, (void **)out);
}

int cli_write_sink(const char *path, am_sink *s)
{
    if (!s)
        return EX_SOFTWARE;
    size_t len;
    const char *data = am_sink_data(s, &len);
    int code = am_sink_status(s) == AM_OK ? cli_write_file(path, data, len) : EX_SOFTWARE;
    am_sink_free(s);
    return code;
}
