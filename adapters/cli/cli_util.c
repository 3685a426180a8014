/* adapters/cli/cli_util.c: exit codes, error and diagnostic printing, instance loading and
 * atomic output for the subcommands. The only place that maps am_status to an exit code. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_io.h"
#include "advmatch/am_json.h"
#include "advmatch/am_validate.h"
#include "cli.h"

int cli_exit_code(am_status st, bool writing)
{
    switch (st) {
    case AM_OK: return 0;
    case AM_EINPUT: return EX_DATAERR;
    case AM_EIO: return writing ? EX_IOERR : EX_NOINPUT;
    case AM_ECREATE: return EX_CANTCREAT;
    case AM_EUNAVAIL: return EX_UNAVAILABLE;
    case AM_ETEMP: return EX_TEMPFAIL;
    default: return EX_SOFTWARE;
    }
}

void cli_print_error(const am_error *err)
{
    fprintf(stderr, "advmatch: error: %s%s%s%s%s\n", err->record, err->record[0] ? ": " : "",
            err->field, err->field[0] ? ": " : "", err->message);
    if (err->detail[0])
        fprintf(stderr, "  detail: %s\n", err->detail);
}

void cli_print_diags(const am_diags *d, const char *file)
{
    char line[512];
    for (int i = 0; i < am_diags_count(d); i++)
        fprintf(stderr, "%s: %s\n", file, am_diag_format(am_diags_get(d, i), line, sizeof line));
    int shown = am_diags_count(d), total = am_diags_n_errors(d) + am_diags_n_warnings(d);
    if (total > shown)
        fprintf(stderr, "%s: ... and %d more problems not shown\n", file, total - shown);
    if (am_diags_n_errors(d) > 0)
        fprintf(stderr, "%s: %d error%s, %d warning%s\n", file, am_diags_n_errors(d),
                am_diags_n_errors(d) == 1 ? "" : "s", am_diags_n_warnings(d),
                am_diags_n_warnings(d) == 1 ? "" : "s");
}

int cli_load_instance(const char *path, bool quiet, am_instance **out)
{
    am_error err = {0};
    char *data = NULL;
    size_t len = 0;
    am_instance *inst = NULL;
    int code = 0;
    am_diags *d = am_diags_new();
    *out = NULL;
    if (!d) {
        fprintf(stderr, "advmatch: error: out of memory\n");
        return EX_SOFTWARE;
    }
    am_status st = am_file_read(path, &data, &len, &err);
    if (st == AM_OK)
        st = am_json_read_instance(data, len, &inst, d, &err);
    if (st == AM_OK && inst && am_diags_n_errors(d) == 0)
        st = am_validate(inst, d, &err);
    if (st != AM_OK && st != AM_EINPUT) {
        cli_print_error(&err);
        code = cli_exit_code(st, false);
    } else if (st == AM_EINPUT || am_diags_n_errors(d) > 0) {
        cli_print_diags(d, path);
        code = EX_DATAERR;
    } else {
        if (!quiet)
            cli_print_diags(d, path);
        *out = inst;
        inst = NULL;
    }
    am_instance_free(inst);
    am_diags_free(d);
    am_heap_free(data);
    return code;
}

int cli_write_file(const char *path, const char *data, size_t len)
{
    am_error err = {0};
    am_status st = am_file_write_atomic(path, data, len, &err);
    if (st != AM_OK) {
        cli_print_error(&err);
        return cli_exit_code(st, true);
    }
    return 0;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "advmatch %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'advmatch %s --help'.\n", cmd);
    return EX_USAGE;
}

int cli_parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || v < 0)
        return -1;
    *out = v;
    return 0;
}

int cli_parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0)
        return -1;
    *out = v;
    return 0;
}

int cli_parse_quiet(int argc, char **argv, const char *cmd, const char *help, bool *quiet)
{
    static const struct option longs[] = {
        {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int ch;
    *quiet = false;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "qh", longs, NULL)) != -1) {
        if (ch == 'h') {
            fputs(help, stdout);
            return -1;
        }
        if (ch != 'q')
            return cli_usage_error(cmd, "unknown option");
        *quiet = true;
    }
    return 0;
}
