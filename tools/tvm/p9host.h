/* p9host.h: host operations of tvm's 9P server (p9host.c), confined beneath the share. */
#ifndef TVM_P9HOST_H
#define TVM_P9HOST_H

#include <linux/openat2.h>
#include <stdint.h>
#include <sys/stat.h>

#include "p9.h"

/* How every name is resolved: one step beneath dirfd, no link followed. */
#define P9H_BENEATH (RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)

/* openat2(dirfd, name, flags | O_CLOEXEC, mode, resolve): fd or -errno. */
int p9h_openat(int dirfd, const char *name, uint64_t flags, uint64_t mode, uint64_t resolve);
/* lstat of the file open on fd (any kind, O_PATH too): 0 or -errno. */
int p9h_stat(int fd, struct stat *st);
/* An O_PATH descriptor of name (one component, or "..") in directory
 * dirfd, a final symbolic link itself: fd or -errno (-EACCES for ".."
 * that would lead out of the share). */
int p9h_walk1(const struct tvm_p9 *s, int dirfd, const char *name);
/* A descriptor for I/O on the regular file name in dirfd, which must be
 * the file open on pathfd: read-write (*rw = 1) unless the share is
 * read-only or the file refuses writing, else read-only. fd or -errno
 * (-ESTALE: name is another file now). */
int p9h_open_io(const struct tvm_p9 *s, int dirfd, const char *name, int pathfd, int *rw);
/* A descriptor for listing the directory open on fd (O_PATH): fd or -errno. */
int p9h_open_dir(int fd);

#endif
