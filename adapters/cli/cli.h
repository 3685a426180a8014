/* adapters/cli/cli.h: what the advmatch subcommands share: their entry points, the mapping from
 * am_status to exit codes, error and diagnostic printing, and instance loading. */
#ifndef ADVMATCH_CLI_H
#define ADVMATCH_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "advmatch/am_diags.h"
#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_io.h"
#include "advmatch/am_match.h"
#include "advmatch/am_pg.h"
#include "advmatch/am_report.h"
#include "advmatch/am_result.h"
#include "advmatch/am_schedule.h"

int cmd_solve(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_schedule(int argc, char **argv);
int cmd_check_schedule(int argc, char **argv);
int cmd_ics(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_round(int argc, char **argv);
/* `advmatch db schedule` (cmd_db_schedule.c), dispatched by cmd_db */
int cli_db_schedule(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_alternates(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* ---- cli_report_fixes.c ---- */
/* For each shortfall of the counties of province index `province` in `res`: up to `tries`
 * fixes found by solving `inst` again (each solve stops after time_limit_s). 0 with *out (n
 * entries; caller frees with free()), or the exit code after printing. */
int cli_report_fixes(const am_instance *inst, const am_result *res, int province, int tries,
                     double time_limit_s, bool quiet, am_report_fix **out, int *n);

/* ---- cli_db.c ---- */
/* Connect to the ledger (conninfo NULL: the PG* environment variables); with
 * need_current_schema, also refuse a database whose schema is not this advmatch's. Returns 0
 * with *out a new connection (caller closes with am_pg_close), or the exit code after printing
 * why (69 unreachable or not migrated: "run advmatch db migrate first"). */
int cli_db_open(const char *conninfo, bool need_current_schema, am_pg **out);

/* ---- cli_round_show.c: `round list`, `round show` (0 or the exit code, after printing) ---- */
int cli_round_list(am_pg *db, int limit);
int cli_round_show(am_pg *db, long long id, bool json, const char *output);
/* The instance round `id` solved (as stored) and its groups: 0 with both new (caller frees), or
 * the exit code after printing why (the round did not finish, ...). */
int cli_round_groups(am_pg *db, long long id, am_instance **inst, am_result **res);
/* The same after connecting to `conninfo` (NULL: the PG* variables), for commands that take
 * --round ID [--db CONNINFO] instead of files. */
int cli_round_groups_from(const char *conninfo, long long id, am_instance **inst,
                          am_result **res);

/* ---- cli_run.c ---- */
/* Set by Ctrl-C once cli_catch_sigint() ran; a second Ctrl-C kills the process. */
extern volatile sig_atomic_t cli_interrupted;
void cli_catch_sigint(void);
/* am_match_params.on_progress for long solves: ctx is the name of the job ("groups"). */
void cli_progress(void *ctx, const am_progress *p);
long cli_now_ms(void);
/* Read a result / schedule file against `inst`: 0 with *out new (caller frees), or the exit
 * code after printing every problem. */
int cli_load_result(const char *path, const am_instance *inst, am_result **out);
int cli_load_schedule(const char *path, const am_instance *inst, am_schedule **out);
/* Write the sink's bytes atomically to `path` and free the sink (NULL: out of memory).
 * Returns 0 or the exit code. */
int cli_write_sink(const char *path, am_sink *s);
/* Schedule the meetings of `res` with the options of `p` and write them to `path`, printing a
 * summary unless quiet. Returns 0, 130 when interrupted, or the exit code. (cmd_schedule.c) */
int cli_schedule_and_write(const am_instance *inst, const am_result *res,
                           const am_schedule *previous, const am_match_params *p,
                           const char *path, bool quiet);

/* Print the figures of a schedule (meetings per half, fixed, attendance, status) to `f`.
 * (cmd_schedule.c) */
void cli_print_schedule_summary(FILE *f, const am_schedule *s);

/* Exit code for a failed call (sysexits.h); `writing` picks EX_IOERR over EX_NOINPUT for AM_EIO. */
int cli_exit_code(am_status st, bool writing);

/* Print "advmatch: error: <record>: <field>: <message>" and the detail on stderr. */
void cli_print_error(const am_error *err);

/* Print every diagnostic on stderr, one line each, then a count line when there are errors. */
void cli_print_diags(const am_diags *d, const char *file);

/* Read, parse, freeze and validate an instance file. On success (no errors; warnings printed
 * unless quiet) returns 0 with *out a new instance (caller frees). Otherwise prints every
 * problem and returns the exit code (65 bad data, 66 unreadable, 70 internal). */
int cli_load_instance(const char *path, bool quiet, am_instance **out);

/* Write `data` to `path` atomically ("-": stdout). Returns 0 or the exit code, after printing. */
int cli_write_file(const char *path, const char *data, size_t len);

/* Print a readable summary of `res` (per county: leader, members with channel, shortfalls;
 * totals) to `f`. */
void cli_print_summary(FILE *f, const am_instance *inst, const am_result *res);

/* Standard usage error: prints the message and a pointer to --help, returns 64. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Options of the commands that take only -q/--quiet and -h/--help: 0 to go on (operands from
 * optind), -1 when the help was printed (exit 0), or the usage exit code. */
int cli_parse_quiet(int argc, char **argv, const char *cmd, const char *help, bool *quiet);

/* Parse a non-negative decimal number (seconds, gap) or integer; 0 on success, -1 if malformed. */
int cli_parse_double(const char *s, double *out);
int cli_parse_long(const char *s, long *out);

#endif
