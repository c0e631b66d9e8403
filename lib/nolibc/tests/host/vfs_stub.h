/* vfs_stub.h: the knobs and records of vfs_stub.c, lib/vfs's calls on the host's files. */
#ifndef NOLIBC_TEST_VFS_STUB_H
#define NOLIBC_TEST_VFS_STUB_H

#include <stddef.h>

/*
 * Descriptors 1 and 2 write to the captured console of stubs.c; 0 reads
 * stub_stdin (NULL: descriptor 0 is not open, reads give -EBADF); every
 * other descriptor is the host's own, on real files.
 */
extern const char *stub_stdin;
extern int stub_vfs_writes, stub_vfs_reads; /* calls of ts_vfs_write / ts_vfs_read */
extern int stub_vfs_fail_writes;            /* set: writes to host files give -ENOSPC */
extern int stub_locks_held;                 /* see ts/lock.h */

/* Give descriptor 0 the input s (NULL: not open), from its start. */
void stub_stdin_reset(const char *s);

/* A fresh empty folder for the test's files; returns its path. */
const char *stub_tmpdir(void);

#endif
