/* adapters/gen/include/advmatch/am_gen.h: realistic generated instances for tests and the bench:
 * real counties, provinces and east-west pairings (embedded from fixtures/reference/), Chinese
 * personal names, organisations and per-province industry profiles. Deterministic in the seed. */
#ifndef ADVMATCH_AM_GEN_H
#define ADVMATCH_AM_GEN_H

#include <stdint.h>

#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"

typedef struct am_gen_params {
    int n_counties;   /* 1 .. number of program counties available (see docs/formats.md) */
    int n_experts;    /* >= 1 */
    uint64_t seed;
    const char *province; /* NULL, or a 2-digit code: only that province's counties */
} am_gen_params;

void am_gen_params_init(am_gen_params *p);

/* Generate an instance. On AM_OK *out is a new frozen instance that passes am_validate; caller
 * frees with am_instance_free(). AM_EINPUT for impossible parameters (message says which),
 * AM_ENOMEM. The same parameters always give the same instance. */
am_status am_gen_instance(const am_gen_params *p, am_instance **out, am_error *err);

#endif
