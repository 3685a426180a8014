/* engine/include/advmatch/am_validate.h: domain checks of a frozen instance (policy ranges,
 * weights, capacities, levels, recommendation lists, pairings), every problem reported. */
#ifndef ADVMATCH_AM_VALIDATE_H
#define ADVMATCH_AM_VALIDATE_H

#include "advmatch/am_diags.h"
#include "advmatch/am_instance.h"

/* Add every problem of `inst` (frozen) to `d`, errors and warnings, naming record and field.
 * Returns AM_OK (check am_diags_n_errors) or AM_ENOMEM. */
am_status am_validate(const am_instance *inst, am_diags *d, am_error *err);

#endif
