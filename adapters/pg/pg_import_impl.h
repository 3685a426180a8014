/* adapters/pg/pg_import_impl.h: what the two files of `advmatch db import` share: the staging
 * tables (S_*, the order they are sent in) and build_staging, which pg_import_stage.c implements
 * and pg_import.c calls. Private to those two files. The sinks are pg_import.c's: it creates
 * and frees them, build_staging only appends COPY rows to them; the instance is the caller's
 * and nothing keeps a pointer into it. */
#ifndef ADVMATCH_PG_IMPORT_IMPL_H
#define ADVMATCH_PG_IMPORT_IMPL_H

#include "pg_impl.h"

/* The staging tables, in the order they are sent; one sink of COPY rows each. pg_import.c's
 * staging[] (the COPY targets) and create_staging follow this order and these columns. */
enum {
    S_PROVINCE,
    S_COUNTY,
    S_COUNTY_INDUSTRY,
    S_COUNTY_BLACKOUT,
    S_COUNTY_PREFERS,
    S_COUNTY_RECOMMENDED,
    S_EXPERT,
    S_EXPERT_FIELD,
    S_EXPERT_UNAVAILABLE,
    S_EXPERT_DECLINE,
    S_EXPERT_PREFERS,
    S_MEETING,
    N_STAGING
};

/* Fill the staging sinks from the instance: s[S_*], N_STAGING sinks, each gets the COPY text
 * rows of its table. AM_EINPUT when the instance has an unresolved reference (not validated),
 * AM_ENOMEM; the sinks may then hold some rows, and are still the caller's to free. */
am_status build_staging(const am_instance *inst, am_sink **s, am_error *err);

#endif
