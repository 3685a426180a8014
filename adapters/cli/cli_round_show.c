/* adapters/cli/cli_round_show.c: `advmatch round list` and `round show`: rounds as a table, one
 * round with its counties' shortfalls and its changes, or its groups as advmatch-result/1. */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "advmatch/am_json.h"
#include "cli.h"

static int db_error(const am_error *err)
{
    cli_print_error(err);
    return cli_exit_code(err->status, false);
}

int cli_round_list(am_pg *db, int limit)
{
    am_error err = {0};
    am_pg_round_info *v = NULL;
    int n = 0;
    if (am_pg_round_list(db, limit, &v, &n, &err) != AM_OK)
        return db_error(&err);
    printf("%6s  %-9s  %-9s  %-19s  %-10s  %12s  %8s  %7s  %s\n", "id", "kind", "status",
           "created (UTC)", "solver", "objective", "gap", "changes", "scope");
    for (int i = 0; i < n; i++) {
        const am_pg_round_info *r = &v[i];
        char obj[24] = "-", gap[24] = "-", ch[16] = "-";
        if (r->has_objective)
            snprintf(obj, sizeof obj, "%lld", r->objective);
        if (r->gap >= 0)
            snprintf(gap, sizeof gap, "%.2g", r->gap);
        if (r->n_changes >= 0)
            snprintf(ch, sizeof ch, "%d", r->n_changes);
        printf("%6lld  %-9s  %-9s  %-19s  %-10s  %12s  %8s  %7s  %s%s\n", r->id, r->kind,
               r->status, r->created_at, r->solver_status[0] ? r->solver_status : "-", obj, gap,
               ch, r->scope, r->published_at[0] && !strcmp(r->kind, "preview") ? " (published)" : "");
        if (r->error[0])
            printf("        %s\n", r->error);
    }
    free(v);
    return 0;
}

int cli_round_groups(am_pg *db, long long id, am_instance **inst, am_result **res)
{
    am_error err = {0};
    char *doc = NULL;
    *inst = NULL;
    *res = NULL;
    if (am_pg_round_input(db, id, &doc, &err) != AM_OK)
        return db_error(&err);
    if (!doc) {
        fprintf(stderr, "advmatch: error: round %lld has no groups (it did not finish; see "
                        "`advmatch round show %lld`)\n", id, id);
        return EX_DATAERR;
    }
    int code = 0;
    am_diags *d = am_diags_new();
    if (!d || am_json_read_instance(doc, strlen(doc), inst, d, &err) != AM_OK || !*inst ||
        am_diags_n_errors(d) > 0) {
        fprintf(stderr, "advmatch: error: the instance stored with round %lld cannot be read\n",
                id);
        code = EX_SOFTWARE;
    } else if (am_pg_round_result(db, id, *inst, res, &err) != AM_OK) {
        code = db_error(&err);
    }
    if (code != 0) {
        am_instance_free(*inst);
        *inst = NULL;
    }
    am_diags_free(d);
    free(doc);
    return code;
}

int cli_round_groups_from(const char *conninfo, long long id, am_instance **inst,
                          am_result **res)
{
    am_pg *db = NULL;
    *inst = NULL;
    *res = NULL;
    int code = cli_db_open(conninfo, true, &db);
    if (code == 0)
        code = cli_round_groups(db, id, inst, res);
    am_pg_close(db);
    return code;
}

/* The round's groups as advmatch-result/1, against the instance it stored. */
static int show_json(am_pg *db, long long id, const char *output)
{
    am_instance *inst;
    am_result *res;
    int code = cli_round_groups(db, id, &inst, &res);
    if (code != 0)
        return code;
    am_sink *s = am_sink_new();
    if (s)
        am_json_write_result(res, s);
    code = cli_write_sink(output, s);
    am_result_free(res);
    am_instance_free(inst);
    return code;
}

static void print_head(const am_pg_round_info *r)
{
    printf("round %lld: %s, %s (%s)\n", r->id, r->kind, r->status, r->scope);
    printf("  requested by %s at %s UTC", r->requester, r->created_at);
    if (r->started_at[0])
        printf("; started %s by %s (attempt %d)", r->started_at, r->worker[0] ? r->worker : "-",
               r->attempts);
    if (r->finished_at[0])
        printf("; finished %s", r->finished_at);
    printf("\n");
    if (r->has_objective) {
        printf("  %s: objective %lld", r->solver_status, r->objective);
        if (r->gap >= 0)
            printf(", bound %.0f, gap %.4g", r->bound, r->gap);
        printf("; %d counties, %d members\n", r->n_counties, r->n_members);
        printf("  load %ld ms, solve %ld ms, write %ld ms\n", r->load_ms, r->solve_ms,
               r->write_ms);
    }
    if (r->published_at[0])
        printf("  published %s UTC, %d membership changes\n", r->published_at, r->n_changes);
    else if (!strcmp(r->kind, "preview") && !strcmp(r->status, "done"))
        printf("  not published (advmatch round publish %lld)\n", r->id);
    if (r->error[0])
        printf("  error: %s\n", r->error);
}

/* Per county: size and shortfalls, from the round's own groups (none: nothing to print). */
static void print_counties(am_pg *db, long long id)
{
    am_instance *inst;
    am_result *res;
    if (cli_round_groups(db, id, &inst, &res) != 0)
        return;
    int short_groups = 0;
    for (int g = 0; g < am_result_n_groups(res); g++)
        short_groups += am_result_group(res, g)->n_shortfalls > 0;
    printf("  shortfalls in %d of %d groups%s\n", short_groups, am_result_n_groups(res),
           short_groups ? ":" : "");
    for (int g = 0; g < am_result_n_groups(res); g++) {
        const am_group *gr = am_result_group(res, g);
        if (gr->n_shortfalls == 0)
            continue;
        printf("    %s %s (%d members):", gr->county_id,
               am_instance_county(inst, gr->county)->name, gr->n_members);
        for (int i = 0; i < gr->n_shortfalls; i++)
            printf("%s %s%s%s missing %d", i ? "," : "", am_rule_name(gr->shortfalls[i].rule),
                   gr->shortfalls[i].detail[0] ? " " : "", gr->shortfalls[i].detail,
                   gr->shortfalls[i].missing);
        printf("\n");
    }
    am_result_free(res);
    am_instance_free(inst);
}

int cli_round_show(am_pg *db, long long id, bool json, const char *output)
{
    if (json)
        return show_json(db, id, output);
    am_error err = {0};
    am_pg_round_info r;
    if (am_pg_round_get(db, id, &r, &err) != AM_OK)
        return db_error(&err);
    print_head(&r);
    if (!strcmp(r.status, "done"))
        print_counties(db, id);
    am_pg_change_row *ch = NULL;
    int n = 0;
    if (am_pg_round_changes(db, id, &ch, &n, &err) != AM_OK)
        return db_error(&err);
    if (n > 0)
        printf("  changes:\n");
    for (int i = 0; i < n; i++)
        printf("    %s %-8s %-7s %-6s %s\n", ch[i].county, ch[i].expert, ch[i].change,
               ch[i].role, ch[i].reason);
    free(ch);
    return 0;
}
