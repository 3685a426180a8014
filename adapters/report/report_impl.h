/* adapters/report/report_impl.h: what the files of the HTML report share (private): escaping,
 * bilingual names, the tallies of a group, the page frame and the CSS. */
#ifndef ADVMATCH_REPORT_IMPL_H
#define ADVMATCH_REPORT_IMPL_H

#include <stdbool.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_explain.h"
#include "advmatch/am_report.h"

#define RP_N_CHANNELS 4

/* ---- report_html.c: escaping and small writers ---- */
/* `str` as HTML text or attribute value: & < > " ' escaped, control characters as spaces. */
void rp_text(am_sink *s, const char *str);
/* Formatted, then escaped as rp_text. */
void rp_textf(am_sink *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* 100 * part / whole (clamped to 0..100) as a CSS length "37.5%"; integer arithmetic. */
void rp_pct(am_sink *s, long part, long whole);
/* "<span class="zh">中文</span> english" as used in headings and labels (both trusted). */
void rp_label(am_sink *s, const char *zh, const char *en);

/* Bilingual names (Chinese; the English word is the file format's name). */
const char *rp_channel_zh(am_channel c);
const char *rp_role_zh(am_role r);
const char *rp_rule_zh(am_rule r);
const char *rp_stage_zh(am_stage s);
const char *rp_level_zh(am_level l);
const char *rp_region_zh(am_region r);

/* ---- report_tally.c: what a group holds, from the result and am_explain_member ---- */
typedef struct rp_county {
    int n_members;
    int by_channel[RP_N_CHANNELS];
    bool has_leader;
    int n_industries, n_industries_covered; /* the county's industries, those a member covers */
    int n_stages, n_stages_covered;         /* needed stages, those a member covers */
    unsigned stages_covered;
    int rule_entries[AM_N_RULES]; /* shortfall entries per rule */
    int rule_missing[AM_N_RULES]; /* their `missing` summed */
    int n_shortfalls;
    bool has_partner;             /* the province has an eastern partner: the pairing quota holds */
    int n_not_candidate;          /* members that are no candidate pair (a broken result) */
} rp_county;

/* Tally the group of county `c`. `covered` (or NULL) receives, per industry of the county in its
 * input order, whether a member covers it (county->n_industries entries). */
void rp_county_tally(const am_instance *inst, const am_result *res, int c, rp_county *out,
                     bool *covered);

typedef struct rp_totals {
    int n_counties, n_complete, n_members, n_distinct;
    int by_channel[RP_N_CHANNELS];
    int rule_groups[AM_N_RULES], rule_missing[AM_N_RULES];
    int pairing_applies, pairing_met, local_met, leader_met;
    int industries, industries_covered, stages, stages_covered;
    int n_not_candidate;
} rp_totals;

void rp_totals_add(rp_totals *t, const rp_county *k);

/* Which counties a report covers: the counties of province `p` (or every county if p < 0). */
bool rp_in_scope(const am_instance *inst, int c, int p);

/* Distinct experts sitting in the groups of the counties in scope (`seen`: one byte per expert,
 * zeroed by the caller). */
int rp_count_distinct(const am_instance *inst, const am_result *res, int p, unsigned char *seen);

/* ---- report_html.c: the page frame ---- */
void rp_page_begin(am_sink *s, const char *title);
void rp_page_end(am_sink *s);
/* The outcome of the result and the policy, one paragraph. */
void rp_meta(am_sink *s, const am_instance *inst, const am_result *res, const am_schedule *sched);
/* A stacked bar of the members of a group by channel on a track of `scale` seats, with marks at
 * the policy's minimum and target size. */
/* Open a bar (its aria-label "LABEL: 1 local, 2 paired, ...") and write its segments by channel,
 * each as wide as its share of `scale`; the caller adds what else the bar holds and closes it. */
void rp_channel_segments(am_sink *s, const char *label, const int by_channel[RP_N_CHANNELS],
                         int scale);
void rp_size_bar(am_sink *s, const am_policy *pol, const int by_channel[RP_N_CHANNELS], int scale);
/* A small bar of `part` out of `whole` with the text "part/whole" (whole 0: "-"). */
void rp_ratio_bar(am_sink *s, int part, int whole);
/* The legend of the channel colours (and of the size marks of rp_size_bar). */
void rp_channel_legend(am_sink *s, bool size_marks);

/* ---- report_style.c ---- */
extern const char rp_css[];

/* ---- report_province.c, report_county.c, report_national.c ---- */
/* The fixes found for shortfalls (am_report_html_fixes), borrowed. */
typedef struct rp_fixes {
    const am_report_fix *v;
    int n;
} rp_fixes;

am_status rp_province(const am_instance *inst, const am_result *res, const am_schedule *sched,
                      int p, const rp_fixes *fx, am_sink *s, am_error *err);
am_status rp_county_section(const am_instance *inst, const am_result *res,
                            const am_schedule *sched, int c, const rp_fixes *fx, am_sink *s,
                            am_error *err);
am_status rp_national(const am_instance *inst, const am_result *res, const am_schedule *sched,
                      am_sink *s, am_error *err);

#endif
