/* adapters/io/include/advmatch/am_io.h: reading whole files, an in-memory output sink that keeps
 * its first error, and atomic file replacement (temporary file, fsync, rename, fsync dir). */
#ifndef ADVMATCH_AM_IO_H
#define ADVMATCH_AM_IO_H

#include <stddef.h>

#include "advmatch/am_error.h"

/* Read all of `path` ("-" is standard input). On AM_OK *data is a NUL-terminated buffer of *len
 * bytes that the caller frees with am_heap_free(). AM_EIO when the file is missing or unreadable
 * (err->record is the path, err->detail the errno text); AM_ENOMEM. */
am_status am_file_read(const char *path, char **data, size_t *len, am_error *err);

/* Replace `path` with `len` bytes: write <path>.tmp.<pid> beside it, fsync, rename over `path`,
 * fsync the directory. On failure the old file is untouched and the temporary file removed.
 * "-" writes to standard output. AM_ECREATE naming the path when the file cannot be created
 * (a missing directory, no permission), AM_EIO when writing or renaming it fails. */
am_status am_file_write_atomic(const char *path, const char *data, size_t len, am_error *err);

/* A growable text buffer. Writes after a failure are ignored and the first error stays, so a
 * writer checks once at the end. */
typedef struct am_sink am_sink;

/* New empty sink; caller frees with am_sink_free(). NULL on no memory. */
am_sink *am_sink_new(void);
void am_sink_free(am_sink *s);
void am_sink_put(am_sink *s, const char *bytes, size_t len);
void am_sink_puts(am_sink *s, const char *str);
void am_sink_printf(am_sink *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write `str` as a JSON string literal, quotes included, escaping what JSON requires. */
void am_sink_json_string(am_sink *s, const char *str);
/* AM_OK, or AM_ENOMEM if any write failed. */
am_status am_sink_status(const am_sink *s);
/* The bytes written so far (NUL-terminated). Borrowed: valid until the next write or free. */
const char *am_sink_data(const am_sink *s, size_t *len);

#endif
