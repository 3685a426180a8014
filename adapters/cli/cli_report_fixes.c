/* adapters/cli/cli_report_fixes.c: for `advmatch report --province`: what would remove each
 * shortfall of the province's groups, found by solving the instance again with one change
 * (am_relax), in words for the page. */
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_relax.h"
#include "cli.h"

/* "E00017 李秀英 (national, 中国农科院) leads one more group" */
static void describe(const am_instance *inst, const am_relaxation *r, char *buf, size_t size)
{
    const am_expert *x = am_instance_expert(inst, r->expert);
    const char *what = r->kind == AM_RELAX_LEAD       ? "may lead one more group"
                       : r->kind == AM_RELAX_RECOMMEND ? "is recommended by the county too"
                                                       : "takes one more group";
    snprintf(buf, size, "%s %s (%s, %s) %s", x->id, x->name, am_level_name(x->level),
             am_instance_org_name(inst, x->org), what);
}

int cli_report_fixes(const am_instance *inst, const am_result *res, int province, int tries,
                     double time_limit_s, bool quiet, am_report_fix **out, int *n)
{
    *out = NULL;
    *n = 0;
    int total = 0, cap = 0;
    for (int c = 0; c < am_instance_n_counties(inst); c++)
        if (am_instance_county(inst, c)->province == province)
            total += am_result_group(res, c)->n_shortfalls;
    if (total == 0 || tries <= 0)
        return 0;
    if (!quiet)
        fprintf(stderr, "advmatch report: trying up to %d fixes for each of %d shortfalls "
                        "(each solves the instance again)\n", tries, total);
    am_match_params p;
    am_match_params_init(&p);
    p.time_limit_ms = (long)(time_limit_s * 1000.0);
    for (int c = 0; c < am_instance_n_counties(inst); c++) {
        const am_group *g = am_result_group(res, c);
        if (am_instance_county(inst, c)->province != province)
            continue;
        for (int i = 0; i < g->n_shortfalls; i++) {
            am_arena *a = am_arena_new();
            am_relaxation *r = NULL;
            int m = 0;
            am_error err = {0};
            am_status st = a ? am_relax(inst, res, c, &g->shortfalls[i], tries, &p, a, &r, &m,
                                        &err)
                             : AM_ENOMEM;
            if (st == AM_OK && *n + m > cap) {
                cap = (*n + m) * 2 + 8;
                am_report_fix *v = realloc(*out, (size_t)cap * sizeof *v);
                if (!v)
                    st = AM_ENOMEM;
                else
                    *out = v;
            }
            for (int k = 0; st == AM_OK && k < m; k++) {
                am_report_fix *f = &(*out)[(*n)++];
                memset(f, 0, sizeof *f);
                f->county = c;
                f->shortfall = i;
                f->removes = r[k].removes;
                f->delta = r[k].delta;
                describe(inst, &r[k], f->what, sizeof f->what);
            }
            am_arena_free(a);
            if (st != AM_OK) {
                if (err.message[0])
                    cli_print_error(&err);
                else
                    fprintf(stderr, "advmatch report: error: out of memory\n");
                free(*out);
                *out = NULL;
                *n = 0;
                return cli_exit_code(st, false);
            }
        }
    }
    return 0;
}
