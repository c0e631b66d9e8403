/*
 * posix-files: checks of the file and process system calls (lib/posix-files,
 * lib/posix-process) that print one line each — a value, a property, or -1
 * and the errno's name — so that this program built against glibc on Linux
 * and against musl on Tessera prints the same lines. argv[1] is the folder
 * to work in (a new folder "pf" is made there). Lines starting "root " hold
 * only for a root user (the group script drops them for others).
 *
 * "posix-files DIR guest" adds checks that only Tessera can
 * pass (one process, root only, one CPU, its own uname, fork refused),
 * each line starting "guest ".
 *
 * Calls that a C library might wrap differently (or not at all: musl 1.2.3
 * has no statx, renameat2 or preadv2) are made with syscall(), so the
 * kernel's answer is what is printed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include "../errname.h"
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <termios.h>
#include <unistd.h>

#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif

/* Linux's struct statx, for both C libraries (musl 1.2.3 has none). */
struct t_statx_ts {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved_;
};
struct t_statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, spare0_;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct t_statx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t spare_[14];
};

#define T_AT_STATX_FORCE_SYNC 0x2000
#define T_AT_STATX_DONT_SYNC  0x4000
#define T_RENAME_NOREPLACE 1
#define T_RENAME_EXCHANGE  2
#define T_F_OFD_GETLK 36
#define T_F_OFD_SETLK 37
#define T_SEEK_DATA 3
#define T_SEEK_HOLE 4
#define T_GRND_NONBLOCK 1
#define T_GRND_RANDOM 2
#define T_GRND_INSECURE 4
#define T_FALLOC_FL_PUNCH_HOLE 2

/* An address no program may pass: below the first page. */
#define WILD ((void *)16)


static int checks;

/* One check: the value, or -1 and the errno's name. */
static void show(const char *what, long r)
{
	checks++;
	if (r == -1)
		printf("%s: -1 %s\n", what, errname(errno));
	else
		printf("%s: %ld\n", what, r);
}

/* A check whose value differs between systems: "ok" when r passes, else
 * the value (or the error). */
static void prop(const char *what, long r, int pass)
{
	checks++;
	if (r == -1 && !pass)
		printf("%s: -1 %s\n", what, errname(errno));
	else if (pass)
		printf("%s: ok\n", what);
	else
		printf("%s: unexpected %ld\n", what, r);
}

/* Calls returning a descriptor: "fd" instead of its number. */
static int showfd(const char *what, int fd)
{
	checks++;
	if (fd < 0)
		printf("%s: -1 %s\n", what, errname(errno));
	else
		printf("%s: fd\n", what);
	return fd;
}

static void showstr(const char *what, const char *s)
{
	checks++;
	printf("%s: \"%s\"\n", what, s);
}

static void die(const char *what)
{
	printf("setup: %s: %s\n", what, errname(errno));
	exit(1);
}

static void put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s) || close(fd))
		die(path);
}

static const char *get(const char *path)
{
	static char buf[256];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return errname(errno);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static long mode_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? -1 : (long)(st.st_mode & 07777);
}

static long size_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? -1 : (long)st.st_size;
}

/* ---- open, creat, close, umask ---------------------------------------- */
static void opening(void)
{
	int fd;

	umask(022);
	show("umask(027) -> 022", (long)umask(027));
	fd = showfd("open O_CREAT 0666 under umask 027", open("a", O_RDWR | O_CREAT, 0666));
	show("  its mode", mode_of("a"));
	show("  close", close(fd));
	show("  close again", close(fd));
	show("mkdir 0777 under umask 027", mkdir("d", 0777));
	show("  its mode", mode_of("d"));
	show("umask(022) -> 027", (long)umask(022));
	fd = showfd("creat 0755", creat("c", 0755));
	show("  its mode", mode_of("c"));
	show("  write on creat's descriptor", write(fd, "xyz", 3));
	show("  F_GETFL (O_WRONLY, O_LARGEFILE as 64-bit Linux)", fcntl(fd, F_GETFL));
	close(fd);
	showfd("open O_CREAT|O_EXCL existing", open("a", O_RDWR | O_CREAT | O_EXCL, 0644));
	showfd("open missing", open("nothing", O_RDONLY));
	showfd("open O_DIRECTORY on a file", open("a", O_RDONLY | O_DIRECTORY));
	showfd("open a directory O_RDWR", open("d", O_RDWR));
	showfd("openat relative to a directory fd", (fd = open("d", O_RDONLY | O_DIRECTORY)) < 0 ? -1 :
		openat(fd, "in-d", O_CREAT | O_WRONLY, 0600));
	show("  fstatat of it", fd < 0 ? -1 : (long)(fstatat(fd, "in-d", &(struct stat){ 0 }, 0)));
	close(fd);
	showfd("openat with a file as dirfd", (fd = open("a", O_RDONLY)) < 0 ? -1 :
		openat(fd, "x", O_RDONLY));
	close(fd);
	show("open with unknown flag bits (ignored, as Linux)",
	     (fd = open("a", O_RDONLY | 0x40000000)) >= 0 ? 0 : -1);
	close(fd);
	show("close(-1)", close(-1));
	show("close(100000)", close(100000));
}

/* ---- read, write, positions ------------------------------------------ */
static void rw(void)
{
	char buf[64] = { 0 }, b1[4] = { 0 }, b2[8] = { 0 };
	struct iovec iov[2];
	int fd = open("rw", O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		die("rw");
	show("write 10", write(fd, "0123456789", 10));
	show("lseek SEEK_CUR 0", lseek(fd, 0, SEEK_CUR));
	show("lseek SEEK_SET 2", lseek(fd, 2, SEEK_SET));
	show("read 4", read(fd, buf, 4));
	showstr("  bytes", buf);
	show("lseek SEEK_END -1", lseek(fd, -1, SEEK_END));
	show("lseek negative result", lseek(fd, -100, SEEK_SET));
	show("lseek bad whence", lseek(fd, 0, 17));
	show("lseek SEEK_DATA 3", lseek(fd, 3, T_SEEK_DATA));
	show("lseek SEEK_HOLE 3", lseek(fd, 3, T_SEEK_HOLE));
	show("lseek SEEK_DATA at the end", lseek(fd, 10, T_SEEK_DATA));
	show("pwrite 3 at 20 (a hole)", pwrite(fd, "abc", 3, 20));
	show("  size", size_of("rw"));
	memset(buf, 0, sizeof buf);
	show("pread 5 at 18", pread(fd, buf, 5, 18));
	printf("  bytes: %d %d %c%c%c\n", buf[0], buf[1], buf[2], buf[3], buf[4]);
	show("pread at -1", pread(fd, buf, 1, -1));
	show("position unchanged by pread/pwrite", lseek(fd, 0, SEEK_CUR));
	lseek(fd, 0, SEEK_SET);
	iov[0] = (struct iovec){ b1, 3 };
	iov[1] = (struct iovec){ b2, 4 };
	show("readv 3+4", readv(fd, iov, 2));
	printf("  bytes: %s|%s\n", b1, b2);
	iov[0] = (struct iovec){ "AB", 2 };
	iov[1] = (struct iovec){ "CD", 2 };
	show("writev 2+2", writev(fd, iov, 2));
	show("  position", lseek(fd, 0, SEEK_CUR));
	show("readv iovcnt -1", syscall(SYS_readv, fd, iov, -1));
	show("readv iovcnt 1025", syscall(SYS_readv, fd, iov, 1025));
	memset(b1, 0, sizeof b1);
	memset(b2, 0, sizeof b2);
	iov[0] = (struct iovec){ b1, 2 };
	iov[1] = (struct iovec){ b2, 3 };
	show("preadv at 1", preadv(fd, iov, 2, 1));
	printf("  bytes: %s|%s\n", b1, b2);
	iov[0] = (struct iovec){ "xy", 2 };
	iov[1] = (struct iovec){ "z", 1 };
	show("pwritev at 0", pwritev(fd, iov, 2, 0));
	showstr("  file now", get("rw"));
	memset(b1, 0, sizeof b1);
	iov[0] = (struct iovec){ b1, 3 };
	show("preadv2 at 0, flags 0", syscall(SYS_preadv2, fd, iov, 1, 0L, 0L, 0));
	showstr("  bytes", b1);
	lseek(fd, 5, SEEK_SET);
	memset(b1, 0, sizeof b1);
	show("preadv2 at -1 (the position)", syscall(SYS_preadv2, fd, iov, 1, -1L, 0L, 0));
	showstr("  bytes", b1);
	show("  position moved", lseek(fd, 0, SEEK_CUR));
	iov[0] = (struct iovec){ "Q", 1 };
	show("pwritev2 RWF_DSYNC at 0", syscall(SYS_pwritev2, fd, iov, 1, 0L, 0L, 2));
	show("preadv2 unknown flag", syscall(SYS_preadv2, fd, iov, 1, 0L, 0L, 0x1000));
	show("read on a write-only descriptor", (long)read(open("rw", O_WRONLY), buf, 1));
	show("write on a read-only descriptor", (long)write(open("rw", O_RDONLY), "x", 1));
	show("read on a directory", (long)read(open(".", O_RDONLY), buf, 1));
	show("read bad fd", read(-5, buf, 1));
	show("ftruncate to 4", ftruncate(fd, 4));
	showstr("  file now", get("rw"));
	close(fd);
}

/* ---- stat, statx ------------------------------------------------------------ */
static const char *type_of(mode_t m)
{
	return S_ISREG(m) ? "reg" : S_ISDIR(m) ? "dir" : S_ISLNK(m) ? "lnk" : S_ISCHR(m) ? "chr" : "other";
}

static void stats(void)
{
	struct stat st, st2;
	struct t_statx sx;
	int fd;

	put("s", "12345");
	show("stat", stat("s", &st));
	printf("  type %s mode %o size %ld nlink %ld uid %d gid %d\n", type_of(st.st_mode),
	       (unsigned)(st.st_mode & 07777), (long)st.st_size, (long)st.st_nlink, (int)st.st_uid,
	       (int)st.st_gid);
	show("symlink s -> sl", symlink("s", "sl"));
	show("lstat of the link", lstat("sl", &st2));
	printf("  type %s size %ld\n", type_of(st2.st_mode), (long)st2.st_size);
	show("stat through the link", stat("sl", &st2));
	printf("  same inode: %d\n", st2.st_ino == st.st_ino && st2.st_dev == st.st_dev);
	show("fstatat AT_SYMLINK_NOFOLLOW", fstatat(AT_FDCWD, "sl", &st2, AT_SYMLINK_NOFOLLOW));
	printf("  type %s\n", type_of(st2.st_mode));
	fd = open("s", O_RDONLY);
	show("fstatat AT_EMPTY_PATH on a file fd", fstatat(fd, "", &st2, AT_EMPTY_PATH));
	printf("  same inode: %d\n", st2.st_ino == st.st_ino);
	show("fstatat \"\" without AT_EMPTY_PATH", fstatat(fd, "", &st2, 0));
	show("fstatat bad flags", fstatat(AT_FDCWD, "s", &st2, 0x8000000));
	show("fstat", fstat(fd, &st2));
	printf("  type %s size %ld\n", type_of(st2.st_mode), (long)st2.st_size);
	close(fd);
	show("fstat bad fd", fstat(-1, &st2));
	show("stat missing", stat("missing", &st2));
	show("stat file/", stat("s/", &st2));
	show("stat missing/x", stat("missing/x", &st2));

	memset(&sx, 0xff, sizeof sx);
	show("statx", syscall(SYS_statx, AT_FDCWD, "s", 0, 0x7ff, &sx));
	printf("  basic mask %#x mode %o size %lu nlink %u type %s\n", sx.stx_mask & 0x7ff,
	       sx.stx_mode & 07777, (unsigned long)sx.stx_size, sx.stx_nlink, type_of(sx.stx_mode));
	printf("  ino, dev and times as stat: %d\n",
	       sx.stx_ino == st.st_ino && sx.stx_dev_major == (uint32_t)major(st.st_dev) &&
		       sx.stx_dev_minor == (uint32_t)minor(st.st_dev) && sx.stx_mtime.tv_sec == st.st_mtim.tv_sec &&
		       sx.stx_mtime.tv_nsec == (uint32_t)st.st_mtim.tv_nsec && sx.stx_blksize == st.st_blksize);
	show("statx AT_SYMLINK_NOFOLLOW", syscall(SYS_statx, AT_FDCWD, "sl", AT_SYMLINK_NOFOLLOW, 0x7ff, &sx));
	printf("  type %s size %lu\n", type_of(sx.stx_mode), (unsigned long)sx.stx_size);
	fd = open("s", O_RDONLY);
	show("statx AT_EMPTY_PATH", syscall(SYS_statx, fd, "", AT_EMPTY_PATH, 0x7ff, &sx));
	printf("  size %lu\n", (unsigned long)sx.stx_size);
	close(fd);
	show("statx AT_STATX_DONT_SYNC", syscall(SYS_statx, AT_FDCWD, "s", T_AT_STATX_DONT_SYNC, 0x7ff, &sx));
	show("statx both sync flags", syscall(SYS_statx, AT_FDCWD, "s",
					      T_AT_STATX_FORCE_SYNC | T_AT_STATX_DONT_SYNC, 0x7ff, &sx));
	show("statx reserved mask bit", syscall(SYS_statx, AT_FDCWD, "s", 0, 0x80000000u, &sx));
	show("statx unknown flag", syscall(SYS_statx, AT_FDCWD, "s", 0x10000000, 0x7ff, &sx));
	show("statx missing", syscall(SYS_statx, AT_FDCWD, "missing", 0, 0x7ff, &sx));
	show("statx wild buffer", syscall(SYS_statx, AT_FDCWD, "s", 0, 0x7ff, WILD));
}

/* ---- getdents64 ---------------------------------------------------------- */
static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void dents(void)
{
	char buf[512], *names[16];
	int fd, n = 0;
	long r;

	mkdir("g", 0755);
	put("g/one", "1");
	put("g/two", "2");
	mkdir("g/sub", 0755);
	symlink("one", "g/lnk");
	fd = open("g", O_RDONLY | O_DIRECTORY);
	show("getdents64 buffer of 10 bytes", syscall(SYS_getdents64, fd, buf, 10));
	show("getdents64 wild buffer", syscall(SYS_getdents64, fd, WILD, 512));
	while ((r = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
		for (long off = 0; off < r;) {
			unsigned short reclen = *(unsigned short *)(buf + off + 16);
			unsigned char type = *(unsigned char *)(buf + off + 18);
			char *name = buf + off + 19;

			if (n < 16 && (names[n] = malloc(strlen(name) + 4))) {
				sprintf(names[n], "%s/%s", name,
					type == DT_DIR ? "d" : type == DT_REG ? "r" : type == DT_LNK ? "l" : "?");
				n++;
			}
			off += reclen;
		}
	}
	show("getdents64 at the end", r);
	qsort(names, (size_t)n, sizeof names[0], cmp);
	printf("  entries:");
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
	show("lseek 0 and read again", lseek(fd, 0, SEEK_SET) == 0 && syscall(SYS_getdents64, fd, buf, sizeof buf) > 0 ? 0 : -1);
	close(fd);
	fd = open("g/one", O_RDONLY);
	show("getdents64 on a file", syscall(SYS_getdents64, fd, buf, sizeof buf));
	close(fd);
	show("getdents64 bad fd", syscall(SYS_getdents64, -1, buf, sizeof buf));
}

/* ---- fcntl, locks, dup ---------------------------------------------------- */
static void fcntls(void)
{
	struct flock fl;
	int fd = open("f", O_RDWR | O_CREAT | O_APPEND, 0644), rd = open("f", O_RDONLY), d;

	if (fd < 0 || rd < 0)
		die("f");
	show("F_GETFL O_RDWR|O_APPEND", fcntl(fd, F_GETFL));
	show("F_SETFL O_NONBLOCK (append dropped)", fcntl(fd, F_SETFL, O_NONBLOCK));
	show("  F_GETFL", fcntl(fd, F_GETFL));
	show("F_GETFD", fcntl(fd, F_GETFD));
	show("F_SETFD FD_CLOEXEC", fcntl(fd, F_SETFD, FD_CLOEXEC));
	show("  F_GETFD", fcntl(fd, F_GETFD));
	d = fcntl(fd, F_DUPFD, 20);
	show("F_DUPFD 20: >= 20", d >= 20 ? 0 : -1);
	show("  its F_GETFD (no close-on-exec)", fcntl(d, F_GETFD));
	close(d);
	d = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	show("F_DUPFD_CLOEXEC: F_GETFD", fcntl(d, F_GETFD));
	close(d);
	show("F_DUPFD -1", fcntl(fd, F_DUPFD, -1));
	show("fcntl unknown command", fcntl(fd, 9999));
	show("fcntl bad fd", fcntl(-1, F_GETFD));

	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
	show("F_SETLK write lock", fcntl(fd, F_SETLK, &fl));
	show("F_SETLKW write lock", fcntl(fd, F_SETLKW, &fl));
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
	show("F_GETLK (own locks never conflict)", fcntl(fd, F_GETLK, &fl));
	show("  l_type is F_UNLCK", fl.l_type == F_UNLCK);
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET };
	show("F_SETLK write lock on a read-only fd", fcntl(rd, F_SETLK, &fl));
	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET };
	show("F_SETLK read lock on a read-only fd", fcntl(rd, F_SETLK, &fl));
	fl = (struct flock){ .l_type = F_UNLCK, .l_whence = SEEK_SET };
	show("F_SETLK unlock", fcntl(fd, F_SETLK, &fl));
	fl = (struct flock){ .l_type = 7, .l_whence = SEEK_SET };
	show("F_SETLK bad l_type", fcntl(fd, F_SETLK, &fl));
	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = 9 };
	show("F_SETLK bad l_whence", fcntl(fd, F_SETLK, &fl));
	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = -5 };
	show("F_SETLK negative start", fcntl(fd, F_SETLK, &fl));
	show("F_SETLK wild pointer", fcntl(fd, F_SETLK, WILD));
	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_pid = 1 };
	show("F_OFD_SETLK with l_pid set", fcntl(fd, T_F_OFD_SETLK, &fl));
	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET };
	show("F_OFD_SETLK", fcntl(fd, T_F_OFD_SETLK, &fl));
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET };
	show("F_OFD_GETLK", fcntl(fd, T_F_OFD_GETLK, &fl));
	show("  l_type is F_UNLCK", fl.l_type == F_UNLCK);
	show("flock LOCK_EX", flock(fd, LOCK_EX));
	show("flock LOCK_UN", flock(fd, LOCK_UN));
	show("flock LOCK_SH|LOCK_NB on another open", flock(rd, LOCK_SH | LOCK_NB));
	show("  LOCK_UN", flock(rd, LOCK_UN));
	show("flock bad operation", flock(fd, 64));
	show("flock bad fd", flock(-1, LOCK_EX));

	d = dup(fd);
	show("dup: F_GETFD (no close-on-exec)", fcntl(d, F_GETFD));
	show("  shares the position", lseek(fd, 3, SEEK_SET) == 3 && lseek(d, 0, SEEK_CUR) == 3);
	show("dup2 onto itself", dup2(d, d) == d ? 0 : -1);
	show("dup2 to 50", dup2(fd, 50));
	show("dup3 to 51 O_CLOEXEC", dup3(fd, 51, O_CLOEXEC));
	show("  F_GETFD", fcntl(51, F_GETFD));
	/* musl's dup3 checks old == new itself and drops flags but O_CLOEXEC */
	show("dup3 onto itself", syscall(SYS_dup3, d, d, 0));
	show("dup3 bad flags", syscall(SYS_dup3, fd, 52, 0x4));
	show("dup2 bad fd", dup2(-1, 53));
	show("dup bad fd", dup(1000));
	close(d);
	close(50);
	close(51);
	close(fd);
	close(rd);
}

/* ---- ioctl on files ------------------------------------------------------- */
static void ioctls(void)
{
	struct termios t;
	struct winsize ws;
	int on = 1, fd = open("f", O_RDWR);

	show("TCGETS on a file", ioctl(fd, TCGETS, &t));
	show("TIOCGWINSZ on a file", ioctl(fd, TIOCGWINSZ, &ws));
	show("TCSBRK on a file (tcdrain)", tcdrain(fd));
	show("FIONBIO on", ioctl(fd, FIONBIO, &on));
	show("  O_NONBLOCK set", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
	on = 0;
	show("FIONBIO off", ioctl(fd, FIONBIO, &on));
	show("  O_NONBLOCK set", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
	show("FIOCLEX", ioctl(fd, FIOCLEX));
	show("  F_GETFD", fcntl(fd, F_GETFD));
	show("FIONCLEX", ioctl(fd, FIONCLEX));
	show("  F_GETFD", fcntl(fd, F_GETFD));
	show("FIONBIO wild pointer", ioctl(fd, FIONBIO, WILD));
	show("ioctl bad fd", ioctl(-1, FIOCLEX));
	close(fd);
}

/* ---- names ---------------------------------------------------------------- */
static void names(void)
{
	char buf[64];
	int dfd;

	show("mkdir n", mkdir("n", 0755));
	show("mkdir existing", mkdir("n", 0755));
	show("mknod a regular file", mknod("n/node", S_IFREG | 0666, 0));
	show("  its mode", mode_of("n/node"));
	show("mknod type 0", mknod("n/node0", 0640, 0));
	show("mknod existing", mknod("n/node", S_IFREG | 0644, 0));
	show("mknodat a directory type", mknodat(AT_FDCWD, "n/nd", S_IFDIR | 0755, 0));
	show("mknod an unknown type", syscall(SYS_mknod, "n/nu", 0170000 | 0644, 0));
	unlink("n/node");
	unlink("n/node0");
	show("mkdirat", mkdirat(AT_FDCWD, "n/m", 0700));
	show("  its mode", mode_of("n/m"));
	show("rmdir non-empty", rmdir("n"));
	show("rmdir n/m", rmdir("n/m"));
	show("rmdir a file", rmdir("a"));
	show("unlink a directory", unlink("n"));
	put("n/f1", "one");
	put("n/f2", "two");
	dfd = open("n", O_RDONLY | O_DIRECTORY);
	show("unlinkat", unlinkat(dfd, "f2", 0));
	show("unlinkat missing", unlinkat(dfd, "f2", 0));
	mkdirat(dfd, "sub", 0755);
	show("unlinkat AT_REMOVEDIR", unlinkat(dfd, "sub", AT_REMOVEDIR));
	show("unlinkat bad flags", unlinkat(dfd, "f1", 0x1));
	show("rename", rename("n/f1", "n/g1"));
	showstr("  contents", get("n/g1"));
	show("rename missing", rename("n/f1", "n/g2"));
	show("renameat", renameat(dfd, "g1", AT_FDCWD, "n/h1"));
	put("n/x", "x");
	show("renameat2 RENAME_NOREPLACE onto existing", syscall(SYS_renameat2, dfd, "h1", dfd, "x", T_RENAME_NOREPLACE));
	show("renameat2 RENAME_EXCHANGE", syscall(SYS_renameat2, dfd, "h1", dfd, "x", T_RENAME_EXCHANGE));
	showstr("  x now", get("n/x"));
	show("renameat2 both flags", syscall(SYS_renameat2, dfd, "h1", dfd, "x", 3));
	show("renameat2 unknown flag", syscall(SYS_renameat2, dfd, "h1", dfd, "y", 0x100));
	show("rename a directory into itself", rename("n", "n/inside"));
	show("link", link("n/x", "n/x2"));
	{
		struct stat st;

		stat("n/x", &st);
		show("  nlink", (long)st.st_nlink);
	}
	show("link existing", link("n/x", "n/x2"));
	show("link a directory", link("n", "n2"));
	show("linkat", linkat(dfd, "x", dfd, "x3", 0));
	show("linkat bad flags", linkat(dfd, "x", dfd, "x4", 0x1));
	show("symlink", symlink("x", "n/sx"));
	show("symlink existing", symlink("x", "n/sx"));
	show("symlinkat", symlinkat("../n/x", dfd, "sy"));
	show("readlink", readlink("n/sx", buf, sizeof buf));
	memset(buf, 0, sizeof buf);
	show("readlinkat, buffer of 3", readlinkat(dfd, "sy", buf, 3));
	showstr("  bytes", buf);
	show("readlink size 0", syscall(SYS_readlink, "n/sx", buf, 0));
	show("readlink of a file", readlink("n/x", buf, sizeof buf));
	show("readlink wild buffer", syscall(SYS_readlink, "n/sx", WILD, 64));
	showstr("read through symlinkat's link", get("n/sy"));
	show("symlink loop: open", (symlink("lp1", "lp2") || symlink("lp2", "lp1")) ? -1 :
		open("lp1", O_RDONLY));
	close(dfd);
}

/* ---- access, times, modes, owners ------------------------------------------ */
static void attrs(void)
{
	struct timespec ts[2];
	struct timeval tv[2];
	struct stat st;
	int fd, pfd;

	put("t", "t");
	chmod("t", 0644);
	show("access F_OK", access("t", F_OK));
	show("access R_OK|W_OK", access("t", R_OK | W_OK));
	show("access X_OK without x bits", access("t", X_OK));
	show("access X_OK on a directory", access("d", X_OK));
	show("access missing", access("missing", F_OK));
	show("access bad mode", access("t", 64));
	show("faccessat", syscall(SYS_faccessat, AT_FDCWD, "t", R_OK)); /* musl's wrapper needs clone */
	show("faccessat2 AT_EACCESS", syscall(SYS_faccessat2, AT_FDCWD, "t", R_OK, AT_EACCESS));
	show("faccessat2 AT_SYMLINK_NOFOLLOW on a link", syscall(SYS_faccessat2, AT_FDCWD, "sl", F_OK, AT_SYMLINK_NOFOLLOW));
	show("faccessat2 bad flags", syscall(SYS_faccessat2, AT_FDCWD, "t", R_OK, 0x4));

	ts[0] = (struct timespec){ 1000, 5 };
	ts[1] = (struct timespec){ 2000, 6 };
	show("utimensat", utimensat(AT_FDCWD, "t", ts, 0));
	stat("t", &st);
	printf("  atime %ld.%ld mtime %ld.%ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
	       (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	ts[0] = (struct timespec){ 0, UTIME_OMIT };
	ts[1] = (struct timespec){ 3000, 0 };
	show("utimensat UTIME_OMIT atime", utimensat(AT_FDCWD, "t", ts, 0));
	stat("t", &st);
	printf("  atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
	ts[0] = (struct timespec){ 0, 1000000000 };
	show("utimensat tv_nsec 1e9", utimensat(AT_FDCWD, "t", ts, 0));
	show("utimensat bad flags", utimensat(AT_FDCWD, "t", NULL, 0x2));
	show("utimensat wild times", syscall(SYS_utimensat, AT_FDCWD, "t", WILD, 0));
	show("utimensat NULL times (now)", utimensat(AT_FDCWD, "t", NULL, 0));
	stat("t", &st);
	show("  mtime is recent", st.st_mtim.tv_sec > 1600000000);
	fd = open("t", O_RDONLY);
	ts[0] = (struct timespec){ 4000, 0 };
	ts[1] = (struct timespec){ 5000, 0 };
	show("futimens (utimensat with a NULL path)", syscall(SYS_utimensat, fd, NULL, ts, 0));
	stat("t", &st);
	printf("  atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
	show("utime", syscall(SYS_utime, "t", &(struct { long a, m; }){ 6000, 7000 }));
	stat("t", &st);
	printf("  atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
	tv[0] = (struct timeval){ 8000, 1 };
	tv[1] = (struct timeval){ 9000, 2 };
	show("utimes", syscall(SYS_utimes, "t", tv));
	stat("t", &st);
	printf("  atime %ld.%ld mtime %ld.%ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
	       (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	tv[0].tv_usec = 1000000;
	show("utimes tv_usec 1e6", syscall(SYS_utimes, "t", tv));
	show("futimesat", syscall(SYS_futimesat, AT_FDCWD, "t", NULL));

	show("chmod 0600", chmod("t", 0600));
	show("  mode", mode_of("t"));
	show("fchmod 04755", fchmod(fd, 04755));
	show("  mode", mode_of("t"));
	show("fchmodat 0640", fchmodat(AT_FDCWD, "t", 0640, 0));
	show("  mode", mode_of("t"));
	show("chmod missing", chmod("missing", 0600));
	show("fchmod bad fd", fchmod(-1, 0600));
	pfd = open("t", O_PATH);
	/* musl retries an EBADF fchmod/fchown through /proc/self/fd */
	show("fchmod on an O_PATH descriptor", syscall(SYS_fchmod, pfd, 0600));
	show("chown -1 -1", chown("t", -1, -1));
	show("lchown on a link -1 -1", lchown("sl", -1, -1));
	show("fchown -1 -1", fchown(fd, -1, -1));
	show("fchownat bad flags", fchownat(AT_FDCWD, "t", -1, -1, 0x2));
	show("chown missing", chown("missing", 0, 0));
	show("fchown on an O_PATH descriptor", syscall(SYS_fchown, pfd, -1, -1));
	show("root chown 0 0", chown("t", 0, 0));
	close(pfd);
	close(fd);
}

/* ---- sizes, syncing ---------------------------------------------------------- */
static void sizes(void)
{
	int fd = open("z", O_RDWR | O_CREAT | O_TRUNC, 0644), rd = open("z", O_RDONLY);

	show("truncate to 10", truncate("z", 10));
	show("  size", size_of("z"));
	show("truncate a directory", truncate("d", 0));
	show("truncate negative", truncate("z", -1));
	show("truncate missing", truncate("missing", 0));
	show("ftruncate a read-only descriptor", ftruncate(rd, 0));
	show("ftruncate negative", ftruncate(fd, -1));
	show("fallocate 0..100", fallocate(fd, 0, 0, 100));
	show("  size", size_of("z"));
	show("fallocate within the file", fallocate(fd, 0, 10, 20));
	show("  size", size_of("z"));
	show("fallocate length 0", fallocate(fd, 0, 0, 0));
	show("fallocate negative offset", fallocate(fd, 0, -1, 10));
	show("fallocate on a read-only descriptor", fallocate(rd, 0, 0, 200));
	show("fallocate PUNCH_HOLE without KEEP_SIZE", fallocate(fd, T_FALLOC_FL_PUNCH_HOLE, 0, 10));
	show("fadvise64 WILLNEED", syscall(SYS_fadvise64, fd, 0L, 0L, POSIX_FADV_WILLNEED));
	show("fadvise64 bad advice", syscall(SYS_fadvise64, fd, 0L, 0L, 99));
	show("fadvise64 negative length", syscall(SYS_fadvise64, fd, 0L, -1L, POSIX_FADV_NORMAL));
	show("fadvise64 bad fd", syscall(SYS_fadvise64, -1, 0L, 0L, POSIX_FADV_NORMAL));
	show("readahead", syscall(SYS_readahead, fd, 0L, 4096L));
	show("readahead on a directory", syscall(SYS_readahead, open(".", O_RDONLY), 0L, 4096L));
	show("sync_file_range WRITE", syscall(SYS_sync_file_range, fd, 0L, 0L, 2));
	show("sync_file_range bad flags", syscall(SYS_sync_file_range, fd, 0L, 0L, 8));
	show("sync_file_range negative offset", syscall(SYS_sync_file_range, fd, -1L, 0L, 2));
	show("sync_file_range bad fd", syscall(SYS_sync_file_range, -1, 0L, 0L, 2));
	show("fsync", fsync(fd));
	show("fdatasync", fdatasync(fd));
	show("fsync bad fd", fsync(-1));
	show("syncfs", syncfs(fd));
	sync();
	show("sync", 0);
	close(fd);
	close(rd);
}

/* ---- working directory -------------------------------------------------------- */
static void cwd(void)
{
	char buf[4096], buf2[4096];
	int fd;
	long r;

	r = syscall(SYS_getcwd, buf, sizeof buf);
	show("getcwd returns the length with the NUL", r == (long)strlen(buf) + 1 ? 0 : -1);
	show("  ends in /pf", strlen(buf) >= 3 && !strcmp(buf + strlen(buf) - 3, "/pf"));
	show("getcwd size 1", syscall(SYS_getcwd, buf2, 1L));
	show("getcwd wild buffer", syscall(SYS_getcwd, WILD, 100L));
	show("chdir d", chdir("d"));
	show("  getcwd ends in /pf/d", getcwd(buf2, sizeof buf2) && !strcmp(buf2 + strlen(buf2) - 5, "/pf/d"));
	show("chdir ..", chdir(".."));
	show("chdir a file", chdir("a"));
	show("chdir missing", chdir("missing"));
	fd = open("d", O_RDONLY | O_DIRECTORY);
	show("fchdir", fchdir(fd));
	show("  getcwd ends in /pf/d", getcwd(buf2, sizeof buf2) && !strcmp(buf2 + strlen(buf2) - 5, "/pf/d"));
	close(fd);
	chdir("..");
	fd = open("a", O_RDONLY);
	show("fchdir to a file", fchdir(fd));
	close(fd);
	show("chdir back", chdir(buf));
}

/* ---- sendfile ---------------------------------------------------------------------- */
static void sendfiles(void)
{
	int in = open("src", O_RDWR | O_CREAT | O_TRUNC, 0644), out, wo;
	off_t off = 2;

	if (in < 0 || write(in, "sendfile line\n", 14) != 14)
		die("src");
	out = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
	lseek(in, 0, SEEK_SET);
	show("sendfile 5 from offset 2", sendfile(out, in, &off, 5));
	show("  offset now", (long)off);
	show("  in position unchanged", lseek(in, 0, SEEK_CUR));
	show("sendfile 100 at the position", sendfile(out, in, NULL, 100));
	show("  in position", lseek(in, 0, SEEK_CUR));
	showstr("  dst", get("dst"));
	show("sendfile at the end", sendfile(out, in, NULL, 100));
	off = -1;
	show("sendfile negative offset", sendfile(out, in, &off, 1));
	show("sendfile wild offset", sendfile(out, in, WILD, 1));
	wo = open("src", O_WRONLY);
	show("sendfile from a write-only descriptor", sendfile(out, wo, NULL, 1));
	show("sendfile to a read-only descriptor", sendfile(open("dst", O_RDONLY), in, NULL, 1));
	off = 0;
	fflush(stdout);
	show("sendfile to stdout", sendfile(1, in, &off, 14));
	close(in);
	close(out);
	close(wo);
}

/* ---- copy_file_range, close_range ------------------------------------------------- */
static void copies(void)
{
	int in = open("src", O_RDONLY), out = open("cfr", O_RDWR | O_CREAT | O_TRUNC, 0644), ap, dfd;
	loff_t oi = 9, oo = 0;

	show("copy_file_range 4 from offset 9 to offset 0",
	     syscall(SYS_copy_file_range, in, &oi, out, &oo, 4L, 0));
	show("  offsets now", (long)oi * 100 + (long)oo);
	show("  positions unchanged", lseek(in, 0, SEEK_CUR) + lseek(out, 0, SEEK_CUR));
	lseek(in, 4, SEEK_SET);
	lseek(out, 4, SEEK_SET);
	show("copy_file_range 100 at the positions", syscall(SYS_copy_file_range, in, NULL, out, NULL, 100L, 0));
	show("  positions", lseek(in, 0, SEEK_CUR) * 100 + lseek(out, 0, SEEK_CUR));
	showstr("  cfr", get("cfr"));
	show("copy_file_range at the end", syscall(SYS_copy_file_range, in, NULL, out, NULL, 100L, 0));
	show("copy_file_range flags 1", syscall(SYS_copy_file_range, in, NULL, out, NULL, 1L, 1));
	oi = 0;
	oo = 2;
	show("copy_file_range overlapping in one file", syscall(SYS_copy_file_range, out, &oi, out, &oo, 4L, 0));
	oo = 20;
	show("copy_file_range within one file, apart", syscall(SYS_copy_file_range, out, &oi, out, &oo, 4L, 0));
	oi = -1;
	show("copy_file_range negative offset", syscall(SYS_copy_file_range, in, &oi, out, NULL, 1L, 0));
	show("copy_file_range wild offset", syscall(SYS_copy_file_range, in, WILD, out, NULL, 1L, 0));
	ap = open("cfr", O_WRONLY | O_APPEND);
	show("copy_file_range to an O_APPEND descriptor", syscall(SYS_copy_file_range, in, NULL, ap, NULL, 1L, 0));
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	show("copy_file_range from a directory", syscall(SYS_copy_file_range, dfd, NULL, out, NULL, 1L, 0));
	show("copy_file_range from a write-only descriptor", syscall(SYS_copy_file_range, ap, NULL, out, NULL, 1L, 0));
	close(ap);
	close(dfd);
	close(in);
	close(out);

	dup2(1, 60);
	dup2(1, 61);
	dup2(1, 62);
	show("close_range 60..61", syscall(SYS_close_range, 60, 61, 0));
	show("  60 closed", fcntl(60, F_GETFD));
	show("  62 open", fcntl(62, F_GETFD));
	show("close_range 62..~0 CLOSE_RANGE_CLOEXEC", syscall(SYS_close_range, 62, ~0u, 4));
	show("  62 close-on-exec", fcntl(62, F_GETFD));
	show("close_range 62..~0", syscall(SYS_close_range, 62, ~0u, 0));
	show("  62 closed", fcntl(62, F_GETFD));
	show("close_range first > last", syscall(SYS_close_range, 5, 4, 0));
	show("close_range bad flags", syscall(SYS_close_range, 70, 80, 1));
}

/* ---- statfs ----------------------------------------------------------------------------- */
static void statfss(void)
{
	struct statfs sf;
	int fd = open("a", O_RDONLY);

	show("statfs", statfs(".", &sf));
	prop("  f_bsize > 0, f_namelen 255", 0, sf.f_bsize > 0 && sf.f_namelen == 255);
	show("fstatfs", fstatfs(fd, &sf));
	show("statfs missing", statfs("missing", &sf));
	show("statfs wild buffer", syscall(SYS_statfs, ".", WILD));
	show("fstatfs bad fd", fstatfs(-1, &sf));
	close(fd);
}

/* ---- wild pointers and long paths ----------------------------------------------------- */
static void bad_input(void)
{
	static char longpath[5000];
	int fd = open("a", O_RDWR);

	/* at the end of a file Linux reads nothing and never looks at the
	 * buffer: the file must hold bytes for a wild buffer to matter */
	pwrite(fd, "0123456789", 10, 0);
	show("read into a wild pointer", syscall(SYS_read, fd, WILD, 10L));
	show("write from a wild pointer", syscall(SYS_write, fd, WILD, 10L));
	show("open a wild path", syscall(SYS_open, WILD, O_RDONLY, 0));
	show("open NULL", syscall(SYS_open, NULL, O_RDONLY, 0));
	show("stat into a wild pointer", syscall(SYS_stat, "a", WILD));
	show("fstat into a kernel address", syscall(SYS_fstat, fd, (void *)0xffff800000000000ul));
	show("readv wild vector", syscall(SYS_readv, fd, WILD, 2));
	show("writev vector naming a wild buffer",
	     syscall(SYS_writev, fd, &(struct iovec){ WILD, 5 }, 1));
	show("pread64 wild", syscall(SYS_pread64, fd, WILD, 4L, 0L));
	show("mkdir wild", syscall(SYS_mkdir, WILD, 0755));
	show("rename wild new name", syscall(SYS_rename, "a", WILD));
	memset(longpath, 'a', 4096);
	show("open a 4096-byte path", syscall(SYS_open, longpath, O_RDONLY, 0));
	longpath[4095] = '\0';
	show("open a 4095-byte path (a too-long name)", syscall(SYS_open, longpath, O_RDONLY, 0));
	show("uname wild", syscall(SYS_uname, WILD));
	show("sysinfo wild", syscall(SYS_sysinfo, WILD));
	show("getrusage wild", syscall(SYS_getrusage, RUSAGE_SELF, WILD));
	show("getrlimit wild", syscall(SYS_getrlimit, RLIMIT_NOFILE, WILD));
	show("getrandom wild", syscall(SYS_getrandom, WILD, 16L, 0));
	show("prctl PR_GET_NAME wild", prctl(PR_GET_NAME, WILD));
	close(fd);
}

/* ---- the process ------------------------------------------------------------------------ */
static void process(void)
{
	struct utsname u;
	struct rlimit rl, rl2;
	struct sysinfo si;
	struct rusage ru;
	struct tms tm;
	cpu_set_t set;
	char name[32], rnd[16], rnd2[16];
	long r;

	prop("getpid", getpid(), getpid() > 0);
	prop("getppid", getppid(), getppid() >= 0);
	/* 0 is a valid answer on Linux when the group or session leader lives
	 * outside our pid namespace (a container, as CI runs in). */
	prop("getpgrp, getpgid(0), getsid(0)", 0, getpgrp() >= 0 && getpgid(0) == getpgrp() && getsid(0) >= 0);
	show("getpgid of a missing process", getpgid(999999));
	show("getsid of a missing process", getsid(999999));
	show("root getuid", getuid());
	show("root geteuid", geteuid());
	show("root getgid", getgid());
	show("root getegid", getegid());
	show("root setuid 0", setuid(0));
	show("root setgid 0", setgid(0));
	show("root setresuid -1 -1 -1", setresuid(-1, -1, -1));
	show("root setreuid 0 0", setreuid(0, 0));
	show("setuid -1", syscall(SYS_setuid, -1));
	{
		uid_t a = 5, b = 5, c = 5;

		show("root getresuid", getresuid(&a, &b, &c));
		printf("root   ids %d %d %d\n", (int)a, (int)b, (int)c);
		show("getresgid wild", syscall(SYS_getresgid, WILD, &b, &c));
	}
	prop("getgroups", getgroups(0, NULL), getgroups(0, NULL) >= 0);
	show("getgroups negative size", syscall(SYS_getgroups, -1, NULL));

	show("uname", uname(&u));
	showstr("  sysname", u.sysname);
	showstr("  machine", u.machine);
	prop("  release is 3.2 or later", 0, atoi(u.release) > 3 || (atoi(u.release) == 3 && atoi(u.release + 2) >= 2));
	prop("  nodename not empty", 0, u.nodename[0] != '\0');

	show("getpriority (20 - nice, raw)", syscall(SYS_getpriority, PRIO_PROCESS, 0));
	show("setpriority 5", setpriority(PRIO_PROCESS, 0, 5));
	show("  getpriority", getpriority(PRIO_PROCESS, 0));
	show("root setpriority -3", setpriority(PRIO_PROCESS, 0, -3));
	show("root   nice(0)", nice(0));
	show("setpriority 100 (clamped)", setpriority(PRIO_PROCESS, 0, 100));
	show("  getpriority", getpriority(PRIO_PROCESS, 0));
	show("getpriority bad which", getpriority(7, 0));
	show("getpriority of a missing process", getpriority(PRIO_PROCESS, 999999));
	setpriority(PRIO_PROCESS, 0, 0);
	show("getrlimit RLIMIT_NOFILE", getrlimit(RLIMIT_NOFILE, &rl));
	printf("  soft %ld hard %ld\n", (long)rl.rlim_cur, (long)rl.rlim_max);
	show("getrlimit RLIMIT_STACK", getrlimit(RLIMIT_STACK, &rl));
	printf("  soft %ld\n", (long)rl.rlim_cur);
	show("getrlimit RLIMIT_AS", getrlimit(RLIMIT_AS, &rl));
	printf("  infinite %d %d\n", rl.rlim_cur == RLIM_INFINITY, rl.rlim_max == RLIM_INFINITY);
	getrlimit(RLIMIT_NOFILE, &rl);
	rl2 = (struct rlimit){ 256, rl.rlim_max };
	show("setrlimit RLIMIT_NOFILE soft 256", setrlimit(RLIMIT_NOFILE, &rl2));
	show("prlimit64 reads it back", prlimit(0, RLIMIT_NOFILE, NULL, &rl2) == 0 && rl2.rlim_cur == 256 ? 0 : -1);
	show("prlimit64 sets and returns the old", prlimit(0, RLIMIT_NOFILE, &rl, &rl2));
	printf("  old soft %ld\n", (long)rl2.rlim_cur);
	rl2 = (struct rlimit){ 100, 50 };
	show("setrlimit soft above hard", setrlimit(RLIMIT_CORE, &rl2));
	show("getrlimit resource 99", syscall(SYS_getrlimit, 99, &rl));
	show("prlimit64 of a missing process", prlimit(999999, RLIMIT_NOFILE, NULL, &rl));
	show("prlimit64 wild new", syscall(SYS_prlimit64, 0, RLIMIT_CORE, WILD, NULL));

	show("sysinfo", sysinfo(&si));
	prop("  totalram > 0, freeram <= totalram, procs >= 1", 0,
	     si.totalram > 0 && si.freeram <= si.totalram && si.procs >= 1 && si.mem_unit >= 1);
	show("getrusage RUSAGE_SELF", getrusage(RUSAGE_SELF, &ru));
	prop("  times not negative", 0, ru.ru_utime.tv_sec >= 0 && ru.ru_stime.tv_sec >= 0 && ru.ru_utime.tv_usec < 1000000);
	show("getrusage RUSAGE_CHILDREN", getrusage(RUSAGE_CHILDREN, &ru));
	show("getrusage RUSAGE_THREAD", getrusage(RUSAGE_THREAD, &ru));
	show("getrusage who 7", getrusage(7, &ru));
	r = (long)times(&tm);
	prop("times", r, r != -1 && tm.tms_utime >= 0 && tm.tms_cutime == 0);
	prop("sysconf(_SC_CLK_TCK)", sysconf(_SC_CLK_TCK), sysconf(_SC_CLK_TCK) == 100);

	{
		unsigned int cpu = 99, node = 99;

		show("getcpu", syscall(SYS_getcpu, &cpu, &node, NULL));
		prop("  a CPU and a node", 0, cpu != 99 && node != 99);
		show("getcpu wild", syscall(SYS_getcpu, WILD, NULL, NULL));
	}
	CPU_ZERO(&set);
	show("sched_getaffinity", sched_getaffinity(0, sizeof set, &set));
	prop("  at least one CPU", 0, CPU_COUNT(&set) >= 1);
	r = syscall(SYS_sched_getaffinity, 0, sizeof set, &set);
	prop("  raw call returns a size in longs", r, r > 0 && r % 8 == 0);
	show("sched_getaffinity size 4", syscall(SYS_sched_getaffinity, 0, 4, &set));
	show("sched_getaffinity of a missing process", sched_getaffinity(999999, sizeof set, &set));
	show("sched_getaffinity wild", syscall(SYS_sched_getaffinity, 0, sizeof set, WILD));
	sched_getaffinity(0, sizeof set, &set);
	show("sched_setaffinity to the same set", sched_setaffinity(0, sizeof set, &set));
	CPU_ZERO(&set);
	show("sched_setaffinity empty set", sched_setaffinity(0, sizeof set, &set));

	show("getrandom 16", syscall(SYS_getrandom, rnd, 16L, 0));
	show("getrandom 16 again, GRND_NONBLOCK", syscall(SYS_getrandom, rnd2, 16L, T_GRND_NONBLOCK));
	show("  the two differ", memcmp(rnd, rnd2, 16) != 0);
	show("getrandom GRND_RANDOM", syscall(SYS_getrandom, rnd, 16L, T_GRND_RANDOM));
	show("getrandom GRND_INSECURE", syscall(SYS_getrandom, rnd, 16L, T_GRND_INSECURE));
	show("getrandom GRND_INSECURE|GRND_RANDOM", syscall(SYS_getrandom, rnd, 16L, T_GRND_INSECURE | T_GRND_RANDOM));
	show("getrandom unknown flag", syscall(SYS_getrandom, rnd, 16L, 0x40));
	show("getrandom 0 bytes", syscall(SYS_getrandom, rnd, 0L, 0));

	show("prctl PR_SET_NAME", prctl(PR_SET_NAME, "pf-test"));
	memset(name, 'x', sizeof name);
	show("prctl PR_GET_NAME", prctl(PR_GET_NAME, name));
	showstr("  name", name);
	show("prctl PR_SET_NAME of 20 bytes", prctl(PR_SET_NAME, "abcdefghijklmnopqrst"));
	prctl(PR_GET_NAME, name);
	showstr("  truncated to 15", name);
	show("prctl PR_GET_DUMPABLE", prctl(PR_GET_DUMPABLE));
	show("prctl PR_SET_DUMPABLE 5", prctl(PR_SET_DUMPABLE, 5));
	show("prctl PR_SET_NO_NEW_PRIVS", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	show("prctl PR_GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	show("prctl PR_SET_PDEATHSIG 9", prctl(PR_SET_PDEATHSIG, 9));
	{
		int sig = 0;

		show("prctl PR_GET_PDEATHSIG", prctl(PR_GET_PDEATHSIG, &sig));
		show("  signal", sig);
	}
	show("prctl PR_SET_PDEATHSIG 100", prctl(PR_SET_PDEATHSIG, 100));
	show("prctl unknown option", prctl(9999, 0, 0, 0, 0));
}

/*
 * Every call that takes a pointer, given bad ones: below the first page,
 * a kernel-half address, the last page of the address space. Each must
 * fail (-1, EFAULT or an earlier error), never crash the instance. One
 * line: how many calls, and any that did not fail.
 */
static void garbage(void)
{
	static const unsigned long bad[] = { 16, 0xffff800000000000ul, ~0ul - 4095 };
	int fd = open("a", O_RDWR), dfd = open(".", O_RDONLY | O_DIRECTORY), n = 0, wrong = 0;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long k = (long)bad[i];
		const struct {
			const char *name;
			long nr, a[6];
		} calls[] = {
			{ "read", SYS_read, { fd, k, 8 } },
			{ "write", SYS_write, { fd, k, 8 } },
			{ "open", SYS_open, { k, O_RDONLY } },
			{ "openat", SYS_openat, { dfd, k, O_RDONLY } },
			{ "creat", SYS_creat, { k, 0644 } },
			{ "stat", SYS_stat, { k, k } },
			{ "stat buf", SYS_stat, { (long)"a", k } },
			{ "lstat buf", SYS_lstat, { (long)"a", k } },
			{ "fstat", SYS_fstat, { fd, k } },
			{ "newfstatat", SYS_newfstatat, { dfd, (long)"a", k, 0 } },
			{ "statx", SYS_statx, { dfd, (long)"a", 0, 0x7ff, k } },
			{ "pread64", SYS_pread64, { fd, k, 8, 0 } },
			{ "pwrite64", SYS_pwrite64, { fd, k, 8, 0 } },
			{ "readv", SYS_readv, { fd, k, 1 } },
			{ "writev", SYS_writev, { fd, k, 1 } },
			{ "preadv", SYS_preadv, { fd, k, 1, 0 } },
			{ "pwritev", SYS_pwritev, { fd, k, 1, 0 } },
			{ "preadv2", SYS_preadv2, { fd, k, 1, 0, 0, 0 } },
			{ "pwritev2", SYS_pwritev2, { fd, k, 1, 0, 0, 0 } },
			{ "getdents64", SYS_getdents64, { dfd, k, 4096 } },
			{ "ioctl TCGETS", SYS_ioctl, { 1, TCGETS, k } },
			{ "ioctl TCSETS", SYS_ioctl, { 1, TCSETS, k } },
			{ "ioctl TIOCGWINSZ", SYS_ioctl, { 1, TIOCGWINSZ, k } },
			{ "ioctl FIONBIO", SYS_ioctl, { fd, FIONBIO, k } },
			{ "fcntl F_GETLK", SYS_fcntl, { fd, F_GETLK, k } },
			{ "fcntl F_SETLK", SYS_fcntl, { fd, F_SETLK, k } },
			{ "access", SYS_access, { k, F_OK } },
			{ "faccessat2", SYS_faccessat2, { dfd, k, F_OK, 0 } },
			{ "getcwd", SYS_getcwd, { k, 4096 } },
			{ "chdir", SYS_chdir, { k } },
			{ "rename", SYS_rename, { k, (long)"b" } },
			{ "renameat2", SYS_renameat2, { dfd, (long)"a", dfd, k, 0 } },
			{ "mkdir", SYS_mkdir, { k, 0755 } },
			{ "rmdir", SYS_rmdir, { k } },
			{ "unlink", SYS_unlink, { k } },
			{ "link", SYS_link, { (long)"a", k } },
			{ "symlink", SYS_symlink, { k, (long)"sym" } },
			{ "readlink", SYS_readlink, { k, k, 64 } },
			{ "readlink buf", SYS_readlink, { (long)"sl", k, 64 } },
			{ "chmod", SYS_chmod, { k, 0644 } },
			{ "chown", SYS_chown, { k, 0, 0 } },
			{ "truncate", SYS_truncate, { k, 0 } },
			{ "utime", SYS_utime, { (long)"a", k } },
			{ "utimes", SYS_utimes, { (long)"a", k } },
			{ "utimensat", SYS_utimensat, { dfd, (long)"a", k, 0 } },
			{ "statfs", SYS_statfs, { k, k } },
			{ "fstatfs", SYS_fstatfs, { fd, k } },
			{ "sendfile", SYS_sendfile, { 1, fd, k, 8 } },
			{ "copy_file_range", SYS_copy_file_range, { fd, k, fd, 0, 8, 0 } },
			{ "mount", SYS_mount, { (long)"none", k, (long)"ramfs", 0, 0 } },
			{ "mount type", SYS_mount, { (long)"none", (long)"mnt", k, 0, 0 } },
			{ "umount2", SYS_umount2, { k, 0 } },
			{ "uname", SYS_uname, { k } },
			{ "sethostname", SYS_sethostname, { k, 8 } },
			{ "sysinfo", SYS_sysinfo, { k } },
			{ "getrusage", SYS_getrusage, { RUSAGE_SELF, k } },
			{ "times", SYS_times, { k } },
			{ "getrlimit", SYS_getrlimit, { RLIMIT_NOFILE, k } },
			{ "setrlimit", SYS_setrlimit, { RLIMIT_NOFILE, k } },
			{ "prlimit64", SYS_prlimit64, { 0, RLIMIT_NOFILE, k, 0 } },
			{ "getresuid", SYS_getresuid, { k, k, k } },
			{ "setgroups", SYS_setgroups, { 4, k } },
			{ "sched_getaffinity", SYS_sched_getaffinity, { 0, 8, k } },
			{ "sched_setaffinity", SYS_sched_setaffinity, { 0, 8, k } },
			{ "getcpu", SYS_getcpu, { k, 0, 0 } },
			{ "getrandom", SYS_getrandom, { k, 16, 0 } },
			{ "prctl PR_SET_NAME", SYS_prctl, { PR_SET_NAME, k } },
			{ "prctl PR_GET_NAME", SYS_prctl, { PR_GET_NAME, k } },
			{ "prctl PR_GET_PDEATHSIG", SYS_prctl, { PR_GET_PDEATHSIG, k } },
		};

		for (size_t c = 0; c < sizeof calls / sizeof calls[0]; c++) {
			const long *a = calls[c].a;
			long r = syscall(calls[c].nr, a[0], a[1], a[2], a[3], a[4], a[5]);

			n++;
			if (r != -1) {
				wrong++;
				printf("garbage: %s(%#lx) returned %ld\n", calls[c].name, (unsigned long)k, r);
			}
		}
	}
	close(fd);
	close(dfd);
	checks++;
	printf("garbage: %d calls with bad pointers, %d did not fail\n", n, wrong);
}

/* ---- Tessera only ------------------------------------------------------------------------- */
static void guest(void)
{
	struct utsname u;
	struct statfs sf;
	struct termios t;
	struct winsize ws;
	struct sysinfo si;
	unsigned long mask = 0;
	int pg = 0, fd;

	show("guest getpid", getpid());
	show("guest getppid", getppid());
	show("guest getpgrp", getpgrp());
	show("guest getsid(0)", getsid(0));
	show("guest setsid", setsid());
	show("guest setpgid(0, 0)", setpgid(0, 0));
	show("guest getgroups", getgroups(0, NULL));
	show("guest setgroups 0", setgroups(0, NULL));
	show("guest setuid 1000", setuid(1000));
	show("guest setresgid 0 5 0", setresgid(0, 5, 0));
	show("guest chown to 1234", chown("a", 1234, -1));
	uname(&u);
	showstr("guest release", u.release);
	showstr("guest nodename", u.nodename);
	showstr("guest domainname", u.domainname);
	show("guest sethostname", sethostname("web-1", 5));
	uname(&u);
	showstr("guest nodename now", u.nodename);
	show("guest sethostname of 65 bytes", sethostname("0123456789012345678901234567890123456789012345678901234567890123456789", 65));
	show("guest raw sched_getaffinity", syscall(SYS_sched_getaffinity, 0, 128, &mask));
	show("guest CPU mask", (long)mask);
	mask = 2;
	show("guest sched_setaffinity to CPU 1 only", syscall(SYS_sched_setaffinity, 0, 8, &mask));
	sysinfo(&si);
	show("guest sysinfo procs", si.procs);
	show("guest statfs /", statfs("/", &sf));
	printf("guest   f_type %#lx\n", (unsigned long)sf.f_type);
	show("guest fstatfs stdout", fstatfs(1, &sf));
	printf("guest   f_type %#lx\n", (unsigned long)sf.f_type);
	show("guest isatty(1)", isatty(1));
	show("guest TCGETS on stdout", ioctl(1, TCGETS, &t));
	show("guest TIOCGWINSZ on stdout", ioctl(1, TIOCGWINSZ, &ws));
	printf("guest   %dx%d\n", ws.ws_col, ws.ws_row);
	show("guest tcdrain(1)", tcdrain(1));
	show("guest tcflush(0, TCIFLUSH)", tcflush(0, TCIFLUSH));
	show("guest TIOCGPGRP on stdout", ioctl(1, TIOCGPGRP, &pg));
	show("guest   its value", pg);
	show("guest TCGETS into a wild pointer", ioctl(1, TCGETS, WILD));
	show("guest TIOCSWINSZ", ioctl(1, TIOCSWINSZ, &ws));
	show("guest mkdir mnt", mkdir("mnt", 0755));
	show("guest mount ramfs", mount("none", "mnt", "ramfs", 0, NULL));
	put("mnt/file", "on the new mount");
	showstr("guest   read back", get("mnt/file"));
	fd = open("mnt/file", O_RDONLY);
	show("guest umount2 while a file is open", umount2("mnt", 0));
	close(fd);
	show("guest umount2 MNT_DETACH", umount2("mnt", MNT_DETACH));
	show("guest   the file is gone", access("mnt/file", F_OK));
	show("guest mount an unknown type", mount("none", "mnt", "tmpfs", 0, NULL));
	show("guest mount MS_BIND", mount("/", "mnt", NULL, MS_BIND, NULL));
	show("guest mount wild type", syscall(SYS_mount, "none", "mnt", WILD, 0L, NULL));
	show("guest umount2 not a mount point", umount2("mnt", 0));
	show("guest fork", syscall(SYS_fork));
	show("guest vfork", syscall(SYS_vfork));
	show("guest execve", execve("/bin/sh", (char *[]){ "sh", NULL }, (char *[]){ NULL }));
	show("guest wait4", syscall(SYS_wait4, -1, NULL, 0, NULL));
	show("guest waitid", syscall(SYS_waitid, 0, 0, NULL, 4, NULL));
	show("guest fork again (logged again)", syscall(SYS_fork));
}

int main(int argc, char *argv[])
{
	char dir[4096];

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR [guest]\n", argv[0]);
		return 2;
	}
	snprintf(dir, sizeof dir, "%s/pf", argv[1]);
	if (mkdir(dir, 0755) || chdir(dir))
		die(dir);
	umask(022);
	opening();
	rw();
	stats();
	dents();
	fcntls();
	ioctls();
	names();
	attrs();
	sizes();
	cwd();
	sendfiles();
	copies();
	statfss();
	bad_input();
	garbage();
	process();
	printf("%d checks\n", checks);
	if (argc > 2 && !strcmp(argv[2], "guest")) {
		checks = 0;
		guest();
		printf("guest checks: %d\n", checks);
	}
	return 0;
}
