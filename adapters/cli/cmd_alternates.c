/* adapters/cli/cmd_alternates.c: `advmatch alternates`: ranked replacements for a member of a
 * county's group that keep every rule of the group and leave every other group as it is, with
 * the change in the objective (engine/am_alternates.c, docs/alternates.md). What a coordinator
 * needs when an expert says no. A readable table per member, or advmatch-alternates/1 JSON. */
#include <getopt.h>
#include <string.h>
#include <sysexits.h>

#include "advmatch/am_alternates.h"
#include "advmatch/am_arena.h"
#include "advmatch/am_check.h"
#include "cli.h"

static const char help[] =
    "usage: advmatch alternates INSTANCE.json RESULT.json --county ID [--member ID] [-k N]\n"
    "       advmatch alternates --round ID [--db CONNINFO] --county ID [--member ID] [-k N]\n"
    "                           [--json] [-o FILE] [-q]\n"
    "\n"
    "When an expert of a county's group says no, the coordinator needs someone else for the\n"
    "seat without undoing the rest. This lists, for a member of the group of county ID in\n"
    "RESULT.json (advmatch-result/1 made from INSTANCE.json), the experts who could take the\n"
    "member's place, in the same role, best first. A replacement:\n"
    "  - is not in the group and is a candidate of the county (active, not declined, local\n"
    "    and recommended, or with a field of the county's industries and from its own or\n"
    "    paired province or national level);\n"
    "  - has capacity left after every group of the result (and, for the leader's seat, is\n"
    "    national-level with leader capacity left);\n"
    "  - keeps the local and pairing quotas and the organisation cap (max_same_org), and\n"
    "    covers with the others every industry and stage the group covered before.\n"
    "Every other group stays exactly as it is. delta is the objective after the swap minus\n"
    "before (scores and every penalty, docs/formulation.md): 0 is as good, -2 is 2 worse.\n"
    "Ranked by delta, then score, then expert id. A member locked in the instance's current[]\n"
    "has no replacement until it is unlocked.\n"
    "\n"
    "  --county ID        the county whose group to look at (required)\n"
    "  --member ID        the expert to replace (default: every member, one list each)\n"
    "  -k N               the best N replacements per member (default 5; 0: all)\n"
    "  --json             advmatch-alternates/1 JSON instead of the table (docs/alternates.md)\n"
    "  -o, --output FILE  where to write, atomically (default standard output)\n"
    "  --round ID         a round stored in the ledger instead of the two files (its own\n"
    "                     instance and groups; docs/database.md)\n"
    "  --db CONNINFO      the ledger's connection with --round (else the PG* variables)\n"
    "  -q, --quiet        no warnings about the instance or the result\n"
    "\n"
    "example:\n"
    "  advmatch alternates fixtures/rules/alternates/instance.json \\\n"
    "      fixtures/rules/alternates/result.json --county 520623 --member P1\n"
    "\n"
    "exit status: 0 listed (even when no replacement keeps the rules); 64 usage (no\n"
    "--county, bad -k); 65 bad data (malformed files, a result of another instance, an\n"
    "unknown county or expert, a member not in the group); 66 unreadable; 73 output cannot be\n"
    "created; 74 write failed.\n";

typedef struct options {
    const char *county, *member, *output, *db;
    long k, round;
    bool json, quiet;
} options;

/* Terminal columns of a UTF-8 string: a CJK character (three bytes or more) takes two. */
static int columns(const char *str)
{
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)str; *p; p++)
        if ((*p & 0xC0) != 0x80)
            cols += *p >= 0xE0 ? 2 : 1;
    return cols;
}

/* Print `str` into the sink left-aligned in `width` terminal columns, then two spaces. */
static void put_padded(am_sink *s, const char *str, int width)
{
    am_sink_puts(s, str);
    for (int cols = columns(str); cols < width; cols++)
        am_sink_put(s, " ", 1);
    am_sink_puts(s, "  ");
}

/* What an alternate covers: the county's industries in its fields, then the needed stages. */
static void put_covers(am_sink *s, const am_instance *inst, const am_county *cy,
                       const am_alternate *a, bool json)
{
    const am_expert *x = am_instance_expert(inst, a->expert);
    int n = 0;
    am_sink_puts(s, json ? "\"industries\": [" : "");
    for (int i = 0; i < cy->n_industries; i++) {
        if (!am_expert_has_field(x, cy->industries[i].field))
            continue;
        const char *name = am_instance_field_name(inst, cy->industries[i].field);
        am_sink_puts(s, n++ ? ", " : "");
        if (json)
            am_sink_json_string(s, name);
        else
            am_sink_puts(s, name);
    }
    am_sink_puts(s, json ? "], \"stages\": [" : n && a->stages ? "; " : "");
    int m = 0;
    for (int st = 0; st < AM_N_STAGES; st++) {
        if (!(a->stages & (1u << st)))
            continue;
        const char *name = am_stage_name((am_stage)st);
        am_sink_puts(s, m++ ? ", " : "");
        if (json)
            am_sink_json_string(s, name);
        else
            am_sink_puts(s, name);
    }
    am_sink_puts(s, json ? "]" : n + m ? "" : "-");
}

static const char *locked_label(const am_instance *inst, int c, int e, char *buf, int size)
{
    for (int i = 0; i < am_instance_n_current(inst); i++) {
        const am_current *m = am_instance_current(inst, i);
        if (m->county == c && m->expert == e && m->locked)
            return am_instance_current_label(inst, i, buf, size);
    }
    return "current[]";
}

static void put_table(am_sink *s, const am_instance *inst, const am_member *mb,
                      const am_alternates_list *l)
{
    const am_county *cy = am_instance_county(inst, l->county);
    const am_expert *x = am_instance_expert(inst, mb->expert);
    am_sink_printf(s, "\n%s %s %s (%s, score %lld, %s): ", am_role_name(mb->role), x->id,
                   x->name, am_channel_name(mb->channel), mb->score,
                   am_instance_org_name(inst, x->org));
    if (l->locked) {
        char label[32];
        am_sink_printf(s, "locked (%s); unlock it in the instance to look for a replacement\n",
                       locked_label(inst, l->county, l->member, label, sizeof label));
        return;
    }
    if (l->n_allowed == 0) {
        am_sink_puts(s, "no replacement keeps every rule of the group\n");
        return;
    }
    am_sink_printf(s, "%d replacement%s keep%s every rule", l->n_allowed,
                   l->n_allowed == 1 ? "" : "s", l->n_allowed == 1 ? "s" : "");
    if (l->n < l->n_allowed)
        am_sink_printf(s, ", the best %d shown", l->n);
    /* each text column as wide as its widest entry */
    int w_id = columns("expert"), w_name = columns("name"), w_org = columns("organisation");
    for (int i = 0; i < l->n; i++) {
        const am_expert *y = am_instance_expert(inst, l->alts[i].expert);
        w_id = columns(y->id) > w_id ? columns(y->id) : w_id;
        w_name = columns(y->name) > w_name ? columns(y->name) : w_name;
        int w = columns(am_instance_org_name(inst, y->org));
        w_org = w > w_org ? w : w_org;
    }
    am_sink_puts(s, "\n  rank  ");
    put_padded(s, "expert", w_id);
    put_padded(s, "name", w_name);
    put_padded(s, "organisation", w_org);
    am_sink_puts(s, "channel   score  delta  covers\n");
    for (int i = 0; i < l->n; i++) {
        const am_alternate *a = &l->alts[i];
        const am_expert *y = am_instance_expert(inst, a->expert);
        am_sink_printf(s, "  %4d  ", i + 1);
        put_padded(s, y->id, w_id);
        put_padded(s, y->name, w_name);
        put_padded(s, am_instance_org_name(inst, y->org), w_org);
        am_sink_printf(s, "%-8s  %5lld  %5lld  ", am_channel_name(a->channel), a->score,
                       a->delta);
        put_covers(s, inst, cy, a, false);
        am_sink_puts(s, "\n");
    }
}

static void put_json_member(am_sink *s, const am_instance *inst, const am_member *mb,
                            const am_alternates_list *l, bool first)
{
    const am_county *cy = am_instance_county(inst, l->county);
    const am_expert *x = am_instance_expert(inst, mb->expert);
    am_sink_puts(s, first ? "\n    {\"expert\": " : ",\n    {\"expert\": ");
    am_sink_json_string(s, x->id);
    am_sink_puts(s, ", \"name\": ");
    am_sink_json_string(s, x->name);
    am_sink_printf(s, ", \"role\": \"%s\", \"channel\": \"%s\", \"score\": %lld, \"locked\": %s,"
                      " \"n_allowed\": %d,\n     \"alternates\": [",
                   am_role_name(mb->role), am_channel_name(mb->channel), mb->score,
                   l->locked ? "true" : "false", l->n_allowed);
    for (int i = 0; i < l->n; i++) {
        const am_alternate *a = &l->alts[i];
        const am_expert *y = am_instance_expert(inst, a->expert);
        am_sink_printf(s, "%s\n       {\"rank\": %d, \"expert\": ", i ? "," : "", i + 1);
        am_sink_json_string(s, y->id);
        am_sink_puts(s, ", \"name\": ");
        am_sink_json_string(s, y->name);
        am_sink_puts(s, ", \"org\": ");
        am_sink_json_string(s, am_instance_org_name(inst, y->org));
        am_sink_printf(s, ", \"channel\": \"%s\", \"score\": %lld, \"delta\": %lld, ",
                       am_channel_name(a->channel), a->score, a->delta);
        put_covers(s, inst, cy, a, true);
        am_sink_puts(s, "}");
    }
    am_sink_puts(s, l->n ? "\n     ]}" : "]}");
}

/* The group's members as "N1 (leader), G1, L1" into buf. */
static const char *member_list(const am_group *g, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < g->n_members && len + 1 < size; i++) {
        int k = snprintf(buf + len, size - len, "%s%s%s", i ? ", " : "", g->members[i].expert_id,
                         g->members[i].role == AM_ROLE_LEADER ? " (leader)" : "");
        len += k > 0 ? (size_t)k : 0;
    }
    return g->n_members ? buf : "none";
}

/* Resolve --county and --member against the instance and the group: the seat of the member
 * (-1: every member) in *seat, or the exit code after saying what is wrong. */
static int resolve(const options *o, const am_instance *inst, const am_result *res,
                   const char *result_path, int *county, int *seat)
{
    *county = am_instance_find_county(inst, o->county);
    *seat = -1;
    if (*county < 0) {
        fprintf(stderr, "advmatch alternates: error: county \"%s\" is not a county of the "
                        "instance\n", o->county);
        return EX_DATAERR;
    }
    if (am_result_times_listed(res, *county) == 0) {
        fprintf(stderr, "advmatch alternates: error: %s has no group for county \"%s\"\n",
                result_path, o->county);
        return EX_DATAERR;
    }
    if (!o->member)
        return 0;
    const am_group *g = am_result_group(res, *county);
    for (int i = 0; i < g->n_members; i++)
        if (strcmp(g->members[i].expert_id, o->member) == 0)
            *seat = i;
    if (*seat >= 0)
        return 0;
    char members[512];
    if (am_instance_find_expert(inst, o->member) < 0)
        fprintf(stderr, "advmatch alternates: error: expert \"%s\" is not an expert of the "
                        "instance; the members of %s's group are %s\n",
                o->member, o->county, member_list(g, members, sizeof members));
    else
        fprintf(stderr, "advmatch alternates: error: %s is not a member of %s's group; its "
                        "members are %s\n",
                o->member, o->county, member_list(g, members, sizeof members));
    return EX_DATAERR;
}

/* A warning when the result already breaks rules: the alternates keep it no worse. */
static int warn_broken(const am_instance *inst, const am_result *res, const char *result_path)
{
    am_error err = {0};
    am_check_report rep;
    am_diags *d = am_diags_new();
    if (!d)
        return EX_SOFTWARE;
    am_status st = am_check(inst, res, d, &rep, &err);
    am_diags_free(d);
    if (st != AM_OK) {
        cli_print_error(&err);
        return cli_exit_code(st, false);
    }
    if (rep.n_violations > 0)
        fprintf(stderr, "advmatch alternates: warning: %s breaks %d rule%s (advmatch check "
                        "lists them); the replacements keep it no worse\n",
                result_path, rep.n_violations, rep.n_violations == 1 ? "" : "s");
    return 0;
}

static int run(const options *o, const am_instance *inst, const am_result *res,
               const char *result_path)
{
    int county, seat;
    int code = resolve(o, inst, res, result_path, &county, &seat);
    if (code == 0 && !o->quiet)
        code = warn_broken(inst, res, result_path);
    if (code != 0)
        return code;
    const am_group *g = am_result_group(res, county);
    const am_county *cy = am_instance_county(inst, county);
    am_arena *a = am_arena_new();
    am_sink *s = am_sink_new();
    if (!a || !s) {
        am_arena_free(a);
        am_sink_free(s);
        return EX_SOFTWARE;
    }
    if (o->json) {
        am_sink_puts(s, "{\n  \"format\": \"advmatch-alternates/1\",\n  \"county\": ");
        am_sink_json_string(s, cy->id);
        am_sink_puts(s, ",\n  \"county_name\": ");
        am_sink_json_string(s, cy->name);
        am_sink_printf(s, ",\n  \"k\": %ld,\n  \"members\": [", o->k);
    } else {
        am_sink_printf(s, "alternates in the group of %s %s (%s): each replacement keeps every "
                          "rule of the group\nand leaves every other group as it is; delta = "
                          "objective after the swap minus before\n", cy->id, cy->name,
                       result_path);
    }
    am_error err = {0};
    int n_listed = 0;
    for (int i = 0; i < g->n_members && code == 0; i++) {
        if (seat >= 0 && i != seat)
            continue;
        am_alternates_list l;
        am_status st = am_alternates(inst, res, county, g->members[i].expert, (int)o->k, a, &l,
                                     &err);
        if (st != AM_OK) {
            cli_print_error(&err);
            code = cli_exit_code(st, false);
        } else if (o->json) {
            put_json_member(s, inst, &g->members[i], &l, n_listed++ == 0);
        } else {
            put_table(s, inst, &g->members[i], &l);
        }
    }
    if (o->json)
        am_sink_puts(s, n_listed ? "\n  ]\n}\n" : "]\n}\n");
    else if (g->n_members == 0)
        am_sink_puts(s, "\nthe group has no members\n");
    am_arena_free(a);
    if (code != 0) {
        am_sink_free(s);
        return code;
    }
    return cli_write_sink(o->output, s);
}

int cmd_alternates(int argc, char **argv)
{
    static const struct option longs[] = {{"county", required_argument, 0, 'c'},
                                          {"member", required_argument, 0, 'm'},
                                          {"json", no_argument, 0, 'j'},
                                          {"db", required_argument, 0, 'd'},
                                          {"round", required_argument, 0, 'r'},
                                          {"output", required_argument, 0, 'o'},
                                          {"quiet", no_argument, 0, 'q'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    options o = {.output = "-", .k = 5};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "k:o:qh", longs, NULL)) != -1) {
        switch (ch) {
        case 'c': o.county = optarg; break;
        case 'm': o.member = optarg; break;
        case 'j': o.json = true; break;
        case 'd': o.db = optarg; break;
        case 'r':
            if (cli_parse_long(optarg, &o.round) != 0 || o.round < 1)
                return cli_usage_error("alternates", "--round wants a round id, not \"%s\"",
                                       optarg);
            break;
        case 'o': o.output = optarg; break;
        case 'q': o.quiet = true; break;
        case 'k':
            if (cli_parse_long(optarg, &o.k) != 0 || o.k > 1000000)
                return cli_usage_error("alternates", "-k needs a whole number >= 0, got \"%s\"",
                                       optarg);
            break;
        case 'h': fputs(help, stdout); return 0;
        default: return cli_usage_error("alternates", "unknown option");
        }
    }
    if (optind != argc - (o.round ? 0 : 2))
        return cli_usage_error("alternates", o.round ? "--round takes no files"
                                                     : "expected INSTANCE.json and RESULT.json");
    if (!o.county)
        return cli_usage_error("alternates", "--county ID is required");
    am_instance *inst = NULL;
    am_result *res = NULL;
    int code = 0;
    char label[48];
    if (o.round) { /* a stored round: its own instance and groups */
        code = cli_round_groups_from(o.db, o.round, &inst, &res);
        snprintf(label, sizeof label, "round %ld", o.round);
    } else {
        code = cli_load_instance(argv[optind], o.quiet, &inst);
        if (code == 0)
            code = cli_load_result(argv[optind + 1], inst, &res);
        snprintf(label, sizeof label, "%.47s", argv[optind + 1]);
    }
    if (code == 0)
        code = run(&o, inst, res, label);
    am_result_free(res);
    am_instance_free(inst);
    return code;
}
