/* tests/support/am_test.h: small helpers shared by the Check test binaries. Each aborts the
 * current test (ck_abort_msg) on failure, so tests stay short. */
#ifndef ADVMATCH_AM_TEST_H
#define ADVMATCH_AM_TEST_H

#include <stddef.h>

#include "advmatch/am_diags.h"
#include "advmatch/am_instance.h"

/* Absolute path of `rel` under the source tree (static buffer, valid until the next call). */
const char *amt_path(const char *rel);

/* Contents of the file `rel` (under the source tree); caller frees with free(). */
char *amt_slurp(const char *rel, size_t *len);

/* All diagnostics of `d`, one formatted line each (am_diag_format), joined by '\n'.
 * Caller frees with free(). */
char *amt_diags_text(const am_diags *d);

/* A frozen instance read from the advmatch-instance/1 text `json`, which must have no error
 * (the test fails otherwise). Caller frees with am_instance_free(). */
am_instance *amt_read_instance(const char *json);

#endif
