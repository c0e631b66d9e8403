/* Helpers shared by the VFS and ramfs host tests (a fake clock, file shortcuts). */
#ifndef VFS_HOST_SUPPORT_H
#define VFS_HOST_SUPPORT_H

#include <stddef.h>
#include <ts/vfs.h>

/* Each reading of the fake wall clock is 1 µs later than the previous one. */
extern int64_t fake_clock_ns;

/* Create (or truncate) path and write data into it: 0 or -errno. */
int put_file(const char *path, const char *data);

/* Read all of path into buf (NUL-terminated, at most size - 1 bytes):
 * the length, or -errno. */
ssize_t get_file(const char *path, char *buf, size_t size);

/* The stat of path, following links (st_ino 0 and st_mode 0 on error). */
struct ts_stat stat_of(const char *path);

/* errno names for messages ("-ENOENT"), or the number (four results stay
 * valid at once). */
const char *err_name(long r);

/* The number of open descriptors (to check cases leave none behind). */
int open_fds(void);

#endif
