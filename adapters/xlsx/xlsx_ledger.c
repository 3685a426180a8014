/* adapters/xlsx/xlsx_ledger.c: am_xlsx_write_ledger: the workbook (formats, fixed document
 * properties so that equal inputs give equal bytes, the three sheets of xlsx_sheets.c), written
 * by libxlsxwriter at workbook_close into <path>.tmp.<pid>, then fsync and rename over `path`. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "xlsx_impl.h"

/* docProps/core.xml's created and modified times: libxlsxwriter writes the current time unless
 * told otherwise, which would make every run's bytes differ. 2020-01-01T00:00:00Z. */
#define XLSX_CREATED ((time_t)1577836800)

/* fsync `path` (the finished temporary file) or its directory. 0 or an errno value. */
static int sync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return errno;
    int e = fsync(fd) != 0 ? errno : 0;
    close(fd);
    return e;
}

static void sync_dir(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;
    if (!slash)
        strcpy(dir, ".");
    else if (n == 0)
        strcpy(dir, "/");
    else if (n < sizeof dir) {
        memcpy(dir, path, n);
        dir[n] = '\0';
    } else
        return;
    (void)sync_path(dir, O_RDONLY | O_DIRECTORY); /* best effort, as am_file_write_atomic */
}

/* A libxlsxwriter error as a status; `sys` is the errno value behind a file error, or 0. */
static am_status lxw_status(am_error *err, const char *path, lxw_error e, int sys)
{
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return am_error_set(err, AM_ENOMEM, path, NULL, "out of memory writing the workbook");
    am_error_set(err, AM_EIO, path, NULL, "cannot write the workbook");
    if (sys != 0)
        am_error_detail(err, "%s: %s", lxw_strerror(e), strerror(sys));
    else
        am_error_detail(err, "%s", lxw_strerror(e));
    return AM_EIO;
}

am_status am_xlsx_write_ledger(const char *path, const am_instance *inst, const am_result *res,
                               const am_schedule *sched, const char *province, am_error *err)
{
    if (strcmp(path, "-") == 0)
        return am_error_set(err, AM_EIO, "standard output", NULL,
                            "a workbook is written to a file, not to standard output");
    char tmp[4096];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp)
        return am_error_set(err, AM_ECREATE, path, NULL, "the path is too long");

    /* create the file first: a directory that does not exist or cannot be written is reported
     * with its errno here, before libxlsxwriter (which would print to stderr) tries */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        int e = errno;
        am_error_set(err, AM_ECREATE, path, NULL, "cannot create the output file");
        am_error_detail(err, "%s", strerror(e));
        return AM_ECREATE;
    }
    close(fd);

    xlsx_ctx x = {.inst = inst, .res = res, .sched = sched, .province = province, .err = err};
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    x.wb = workbook_new_opt(tmp, &opt);
    if (!x.wb) {
        unlink(tmp);
        return am_error_set(err, AM_ENOMEM, path, NULL, "out of memory writing the workbook");
    }

    lxw_doc_properties props = {
        .title = "专家组台账 advisor group ledger",
        .subject = province ? (char *)province : NULL,
        .comments = "advmatch",
        .created = XLSX_CREATED,
    };
    x.lxw = workbook_set_properties(x.wb, &props);
    x.bold = workbook_add_format(x.wb);
    x.date = workbook_add_format(x.wb);
    if (x.lxw == LXW_NO_ERROR && (!x.bold || !x.date))
        x.lxw = LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (x.lxw == LXW_NO_ERROR) {
        format_set_bold(x.bold);
        format_set_num_format(x.date, "yyyy-mm-dd");
        xlsx_sheet_groups(&x);
        xlsx_sheet_shortfalls(&x);
        xlsx_sheet_meetings(&x);
    }
    if (x.st == AM_OK && x.text.failed)
        x.st = am_error_set(err, AM_ENOMEM, path, NULL, "out of memory writing the workbook");
    xb_free(&x.text);

    /* workbook_close writes the file and frees the workbook in every case; after an earlier
     * failure the partial file it writes is removed below */
    errno = 0;
    lxw_error closed = workbook_close(x.wb);
    int sys = closed == LXW_ERROR_CREATING_XLSX_FILE ? errno : 0;
    am_status st = x.st;
    if (st == AM_OK && x.lxw != LXW_NO_ERROR)
        st = lxw_status(err, path, x.lxw, 0);
    if (st == AM_OK && closed != LXW_NO_ERROR)
        st = lxw_status(err, path, closed, sys);
    if (st == AM_OK) {
        int e = sync_path(tmp, O_RDONLY);
        if (e == 0 && rename(tmp, path) != 0)
            e = errno;
        if (e != 0) {
            st = am_error_set(err, AM_EIO, path, NULL,
                              "cannot write the workbook; the old file is unchanged");
            am_error_detail(err, "%s", strerror(e));
        }
    }
    if (st != AM_OK) {
        unlink(tmp);
        return st;
    }
    sync_dir(path);
    return AM_OK;
}
