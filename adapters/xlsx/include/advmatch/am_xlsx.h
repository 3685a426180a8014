/* adapters/xlsx/include/advmatch/am_xlsx.h: the ledger (台账) as a spreadsheet: a sheet of groups
 * and members, a sheet of shortfalls with their causes, a sheet of meetings; frozen header rows,
 * filters, column widths that fit. The only user of libxlsxwriter lives behind this header.
 * Sheets, columns and values: docs/xlsx.md. */
#ifndef ADVMATCH_AM_XLSX_H
#define ADVMATCH_AM_XLSX_H

#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"
#include "advmatch/am_schedule.h"

/* Write the workbook for the counties of `province` (a province code, or NULL for every
 * county) of `res` (groups of `inst`; `sched` may be NULL: the meetings sheet then has its
 * header only; else a schedule made for `inst`) to `path`, through a temporary file
 * <path>.tmp.<pid> renamed over it: on failure no file (or the old one) is left. Equal inputs
 * give equal bytes (no clock in the file). All arguments are borrowed for the call.
 * AM_ECREATE naming the path when it cannot be created, AM_EIO when writing it fails (also for "-": no standard output);
 * AM_ENOMEM. */
am_status am_xlsx_write_ledger(const char *path, const am_instance *inst, const am_result *res,
                               const am_schedule *sched, const char *province, am_error *err);

#endif
