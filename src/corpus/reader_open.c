/*
 * reader_open.c: opening an input without ever blocking on it (reader.h).
 *
 * open() on a FIFO waits for a writer, and reading a device (/dev/zero,
 * a terminal) never ends, so the type is decided from stat() before any
 * open; the open itself is O_NONBLOCK (a FIFO swapped in after the check
 * still cannot block it) and the descriptor is checked again with fstat().
 */
#include "corpus/reader.h"

#include "core/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What a file that is not a regular one is, for the message. */
static const char *kind_of(mode_t m) {
    if (S_ISDIR(m)) return "a directory";
    if (S_ISFIFO(m)) return "a FIFO (named pipe)";
    if (S_ISSOCK(m)) return "a socket";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    return "not a regular file";
}

static rasd_status refuse(const char *path, mode_t m, rasd_error *err) {
    if (S_ISDIR(m)) return rasd_fail(err, RASD_ERR_IS_DIR, "%s: is a directory, not a file", path);
    return rasd_fail(err, RASD_ERR_IO,
                     "%s: is %s, not a regular file: refused without opening it (reading it could block "
                     "or never end)",
                     path, kind_of(m));
}

rasd_status rasd_reader_check_file(const char *path, rasd_error *err) {
    struct stat sb;
    if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode)) return RASD_OK;
    return refuse(path, sb.st_mode, err);
}

int rasd_reader_open(const char *path, uint64_t *size, rasd_error *err) {
    struct stat sb;
    if (stat(path, &sb) != 0) {
        rasd_fail(err, RASD_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        refuse(path, sb.st_mode, err);
        return -1;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        rasd_fail(err, RASD_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat fb;
    if (fstat(fd, &fb) != 0) {
        int e = errno;
        close(fd);
        rasd_fail(err, RASD_ERR_IO, "%s: cannot open: %s", path, strerror(e));
        return -1;
    }
    if (!S_ISREG(fb.st_mode)) {
        close(fd);
        refuse(path, fb.st_mode, err);
        return -1;
    }
    /* a regular file never blocks; the flag only mattered for the open */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    *size = (uint64_t)fb.st_size;
    return fd;
}
