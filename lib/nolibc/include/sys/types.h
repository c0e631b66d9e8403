/* <sys/types.h>: the POSIX scalar types nolibc uses. */
#ifndef TS_NOLIBC_SYS_TYPES_H
#define TS_NOLIBC_SYS_TYPES_H

#include <stddef.h>

typedef __PTRDIFF_TYPE__ ssize_t; /* signed counterpart of size_t */
typedef __INT64_TYPE__ off_t;     /* file offsets are always 64-bit */
typedef int pid_t;
typedef unsigned int mode_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
/* The widths glibc gives them on x86_64 (struct stat uses them). */
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;

#endif
