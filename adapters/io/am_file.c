/* adapters/io/am_file.c: whole-file reads and atomic file replacement (temporary file, fsync,
 * rename, fsync of the directory), so that a reader never sees a half-written output. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_io.h"

static am_status io_error(am_error *err, const char *path, const char *what, int e)
{
    am_error_set(err, AM_EIO, path, NULL, "%s", what);
    am_error_detail(err, "%s", strerror(e));
    return AM_EIO;
}

/* The output cannot be created at all (as opposed to failing while it is written). */
static am_status create_error(am_error *err, const char *path, const char *what, int e)
{
    am_error_set(err, AM_ECREATE, path, NULL, "%s", what);
    if (e)
        am_error_detail(err, "%s", strerror(e));
    return AM_ECREATE;
}

am_status am_file_read(const char *path, char **data, size_t *len, am_error *err)
{
    *data = NULL;
    *len = 0;
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, path, "cannot open the file", errno);
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        close(fd);
        return io_error(err, path, "cannot read the file", EISDIR);
    }
    size_t cap = 0, n = 0;
    char *buf = NULL;
    am_status st = AM_OK;
    for (;;) {
        if (cap - n < 2) {
            size_t ncap = cap ? cap * 2 : 65536;
            if (!is_stdin && cap == 0 && sb.st_size > 0)
                ncap = (size_t)sb.st_size + 2;
            char *nb = am_heap_realloc(buf, ncap);
            if (!nb) {
                st = am_error_set(err, AM_ENOMEM, path, NULL, "out of memory reading the file");
                break;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            st = io_error(err, path, "cannot read the file", errno);
            break;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (!is_stdin)
        close(fd);
    if (st != AM_OK) {
        am_heap_free(buf);
        return st;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return AM_OK;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* fsync the directory holding `path` so that the rename survives a crash. Best effort. */
static void sync_dir(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (!slash) {
        strcpy(dir, ".");
    } else {
        size_t n = (size_t)(slash - path);
        if (n == 0)
            n = 1;
        if (n >= sizeof dir)
            return;
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

am_status am_file_write_atomic(const char *path, const char *data, size_t len, am_error *err)
{
    if (strcmp(path, "-") == 0) {
        if (write_all(STDOUT_FILENO, data, len) != 0)
            return io_error(err, "standard output", "cannot write", errno);
        return AM_OK;
    }
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
        /* a device or pipe (/dev/null, a FIFO): write into it; renaming over it would replace
         * the device node with a plain file */
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            return io_error(err, path, "cannot open the output", errno);
        int e = write_all(fd, data, len) != 0 ? errno : 0;
        if (close(fd) != 0 && e == 0)
            e = errno;
        return e ? io_error(err, path, "cannot write the output", e) : AM_OK;
    }
    char tmp[4096];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp)
        return create_error(err, path, "the path is too long", 0);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return create_error(err, path, "cannot create the output file", errno);
    int e = 0;
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e == 0 && rename(tmp, path) != 0)
        e = errno;
    if (e != 0) {
        unlink(tmp);
        return io_error(err, path, "cannot write the output file; the old file is unchanged", e);
    }
    sync_dir(path);
    return AM_OK;
}
