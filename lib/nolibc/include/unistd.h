/*
 * <unistd.h>: sleeping, and the POSIX calls on files and descriptors.
 * The file calls exist only in images with files (lib/vfs linked, see
 * <fcntl.h>); each returns -1 with errno set (Linux's numbers) on failure.
 */
#ifndef _NOLIBC_UNISTD_H
#define _NOLIBC_UNISTD_H

#include <sys/types.h>

typedef unsigned int useconds_t;

/*
 * Suspend execution for at least usec microseconds / seconds. Without a
 * scheduler the whole VM waits (see ts_plat_wait_until). usleep returns 0;
 * sleep returns 0 (it is never interrupted).
 */
int usleep(useconds_t usec);
unsigned int sleep(unsigned int seconds);

/*
 * Descriptors 0, 1 and 2 are the console when the image has files: reads
 * of 0 give end of file until the platform offers console input, writes
 * to 1 and 2 go to the console. stdout and stderr write through 1 and 2,
 * so close, dup2 and friends redirect them as on Linux.
 */
#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* access() modes */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/*
 * Read / write up to n bytes at the file position (pread/pwrite: at off,
 * leaving the position). Returns the bytes moved (read: 0 at end of
 * file; holes read as zeros). EBADF (not open for that), EISDIR, EINVAL,
 * ESPIPE (pread/pwrite without a position), ENOSPC, EFBIG.
 */
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);

/* The new position (SEEK_SET, SEEK_CUR, SEEK_END; past the end is
 * allowed). EINVAL (bad whence, negative result), ESPIPE, EBADF. */
off_t lseek(int fd, off_t off, int whence);

/* Close fd (0), EBADF. */
int close(int fd);

/* A new descriptor for fd's file: the lowest free one (dup) or newfd,
 * closed first if open (dup2; dup2(fd, fd) checks fd and returns it).
 * EBADF, EMFILE. */
int dup(int fd);
int dup2(int oldfd, int newfd);

/* Set the size of a regular file (growing leaves a hole): by descriptor
 * (open for writing) or by path. EBADF, EINVAL, EISDIR, ENOENT, EFBIG. */
int ftruncate(int fd, off_t len);
int truncate(const char *path, off_t len);

/* Write the file's data to its storage (fdatasync: data and size, as
 * fsync here). EBADF, EINVAL. */
int fsync(int fd);
int fdatasync(int fd);

/*
 * Remove a name: unlink a non-directory (EISDIR for a directory; the data
 * stays while the file is open), rmdir an empty directory (ENOTEMPTY,
 * ENOTDIR, EBUSY, EINVAL for "."). unlinkat with AT_REMOVEDIR is rmdir.
 */
int unlink(const char *path);
int unlinkat(int dirfd, const char *path, int flags);
int rmdir(const char *path);

/* A hard link newpath to oldpath (a final symbolic link in oldpath is not
 * followed, as on Linux). EEXIST, EPERM (a directory), EXDEV, EMLINK. */
int link(const char *oldpath, const char *newpath);
int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);

/* A symbolic link linkpath holding target. EEXIST, ENOENT (target ""). */
int symlink(const char *target, const char *linkpath);
int symlinkat(const char *target, int newdirfd, const char *linkpath);

/* The target of the symbolic link path, at most size bytes, without a
 * NUL; returns its length. EINVAL (not a link). */
ssize_t readlink(const char *__restrict path, char *__restrict buf, size_t size);
ssize_t readlinkat(int dirfd, const char *__restrict path, char *__restrict buf, size_t size);

/* 0 when path exists and allows mode (F_OK, or R_OK | W_OK | X_OK; as
 * root only X_OK can be refused: EACCES). ENOENT, EROFS, EINVAL. */
int access(const char *path, int mode);
int faccessat(int dirfd, const char *path, int mode, int flags);

/*
 * The working directory's absolute path in buf (size bytes, NUL
 * included); returns buf. ERANGE when it does not fit, EINVAL for size 0,
 * ENOENT when it was removed. buf NULL: a malloc'ed string (of size bytes,
 * or just long enough when size is 0), to free.
 */
char *getcwd(char *buf, size_t size);
/* Change the working directory. ENOENT, ENOTDIR, EBADF. */
int chdir(const char *path);
int fchdir(int fd);

#endif
