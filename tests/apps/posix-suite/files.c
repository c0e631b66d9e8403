/*
 * files.c: the "files" area — descriptors, offsets, vectors, fcntl, stat,
 * directories, links and error numbers, in a folder "ps-files" under the
 * suite's folder. Descriptor numbers are never printed, only relations.
 */
#include "suite.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static char base[512];
/* Hidden from the compiler, which would refuse a literal -1 count. */
static volatile int minus_one = -1;

/* path(name): the name inside the area's folder (a static buffer each of
 * the last four calls, so two may be used in one call). */
static const char *path(const char *name)
{
	static char bufs[4][600];
	static int k;
	char *b = bufs[k++ % 4];
	snprintf(b, 600, "%s/%s", base, name);
	return b;
}

/* The contents of a file as a quoted string, or the error. */
static void show_file(const char *what, const char *name)
{
	char buf[128];
	int fd = open(path(name), O_RDONLY);
	if (fd < 0) {
		say(what, "open -1 %s", errname(errno));
		return;
	}
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n < 0) {
		say(what, "read -1 %s", errname(errno));
		return;
	}
	buf[n] = 0;
	say(what, "\"%s\"", buf);
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names of a folder (without . and ..), one line. */
static void show_dir(const char *what, const char *name)
{
	DIR *d = opendir(path(name));
	if (!d) {
		say(what, "opendir -1 %s", errname(errno));
		return;
	}
	char *names[32];
	int n = 0, dots = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 32) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			dots++;
		else
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof names[0], cmpstr);
	char line[512] = "";
	for (int i = 0; i < n; i++) {
		strncat(line, i ? " " : "", sizeof line - strlen(line) - 1);
		strncat(line, names[i], sizeof line - strlen(line) - 1);
		free(names[i]);
	}
	say(what, "dots=%d [%s]", dots, line);
}

static void basics(void)
{
	char buf[64];
	int fd = ckfd("open new O_CREAT|O_EXCL|O_RDWR", open(path("a"), O_CREAT | O_EXCL | O_RDWR, 0640));
	ckfd("open existing O_CREAT|O_EXCL", open(path("a"), O_CREAT | O_EXCL | O_RDWR, 0640));
	ck("write 11 bytes", write(fd, "hello world", 11));
	ck("lseek SEEK_CUR 0", lseek(fd, 0, SEEK_CUR));
	ck("lseek SEEK_SET 6", lseek(fd, 6, SEEK_SET));
	memset(buf, 0, sizeof buf);
	ck("read 64 at 6", read(fd, buf, sizeof buf));
	say("the bytes read", "\"%s\"", buf);
	ck("read at end", read(fd, buf, sizeof buf));
	ck("lseek SEEK_END -5", lseek(fd, -5, SEEK_END));
	ck("lseek to -1", lseek(fd, -1, SEEK_SET));
	ck("lseek whence 9", lseek(fd, 0, 9));
	ck("lseek past the end (20)", lseek(fd, 20, SEEK_SET));
	ck("write at 20 (a hole)", write(fd, "!", 1));
	memset(buf, 'x', sizeof buf);
	ck("pread 10 at 9", pread(fd, buf, 10, 9));
	yes("the hole reads as zeros", buf[2] == 0 && buf[8] == 0 && buf[0] == 'l' && buf[9] == 0 && buf[1] == 'd');
	ck("pwrite 3 at 0", pwrite(fd, "HEL", 3, 0));
	ck("offset unchanged by pread/pwrite", lseek(fd, 0, SEEK_CUR));
	ck("pread at -1", pread(fd, buf, 1, -1));
	struct stat st;
	ck("fstat", fstat(fd, &st));
	say("st_size after the hole", "%lld", (long long)st.st_size);
	yes("S_ISREG", S_ISREG(st.st_mode));
	say("permission bits (0640 asked)", "%o", (unsigned)(st.st_mode & 07777));
	say("st_nlink", "%ld", (long)st.st_nlink);
	ck("ftruncate to 5", ftruncate(fd, 5));
	ck("fstat", fstat(fd, &st));
	say("st_size after ftruncate", "%lld", (long long)st.st_size);
	ck("ftruncate to -1", ftruncate(fd, -1));
	ck("fsync", fsync(fd));
	ck("fdatasync", fdatasync(fd));
	ck("close", close(fd));
	ck("close again", close(fd));
	show_file("contents", "a");
	ck("read from -1", read(-1, buf, 1));
	ck("write to 9999", write(9999, buf, 1));
	ck("fstat of -5", fstat(-5, &st));
}

static void flags(void)
{
	char buf[32];
	int fd = ckfd("open O_WRONLY|O_CREAT|O_TRUNC", open(path("b"), O_WRONLY | O_CREAT | O_TRUNC, 0644));
	ck("read on O_WRONLY", read(fd, buf, 1));
	ck("write", write(fd, "abc", 3));
	ck("fcntl F_GETFL & O_ACCMODE", fcntl(fd, F_GETFL) & O_ACCMODE);
	ck("fcntl F_GETFD", fcntl(fd, F_GETFD));
	ck("fcntl F_SETFD FD_CLOEXEC", fcntl(fd, F_SETFD, FD_CLOEXEC));
	ck("fcntl F_GETFD after", fcntl(fd, F_GETFD));
	ck("fcntl F_SETFL O_APPEND", fcntl(fd, F_SETFL, O_APPEND));
	ck("F_GETFL has O_APPEND", !!(fcntl(fd, F_GETFL) & O_APPEND));
	ck("lseek to 0", lseek(fd, 0, SEEK_SET));
	ck("write with O_APPEND", write(fd, "de", 2));
	ck("offset after the append", lseek(fd, 0, SEEK_CUR));
	ck("fcntl bad command", fcntl(fd, 9999));
	close(fd);
	show_file("contents", "b");

	fd = ckfd("open O_RDONLY", open(path("b"), O_RDONLY));
	ck("write on O_RDONLY", write(fd, "x", 1));
	ck("ftruncate on O_RDONLY", ftruncate(fd, 0));
	close(fd);
	fd = ckfd("open O_RDWR|O_TRUNC", open(path("b"), O_RDWR | O_TRUNC));
	struct stat st;
	fstat(fd, &st);
	say("size after O_TRUNC", "%lld", (long long)st.st_size);
	close(fd);
	fd = ckfd("open O_CLOEXEC", open(path("b"), O_RDONLY | O_CLOEXEC));
	ck("F_GETFD of it", fcntl(fd, F_GETFD));
	close(fd);
	ckfd("open missing without O_CREAT", open(path("nothere"), O_RDONLY));
	ckfd("open in a missing folder", open(path("nodir/x"), O_RDWR | O_CREAT, 0644));
	ckfd("open a file as a folder (b/x)", open(path("b/x"), O_RDONLY));
	ckfd("open file with O_DIRECTORY", open(path("b"), O_RDONLY | O_DIRECTORY));
	ckfd("open folder O_WRONLY", open(base, O_WRONLY));
	ckfd("open folder O_RDONLY", fd = open(base, O_RDONLY));
	ck("read from a folder", read(fd, buf, sizeof buf));
	close(fd);
	ckfd("open \"\"", open("", O_RDONLY));
	char longname[300];
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	ckfd("open a 299-byte name", open(path(longname), O_RDWR | O_CREAT, 0644));
}

static void dups(void)
{
	char buf[8];
	int fd = open(path("c"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	ck("write 6", write(fd, "123456", 6));
	int d = dup(fd);
	yes("dup gives a new descriptor", d >= 0 && d != fd);
	ck("lseek through the dup to 2", lseek(d, 2, SEEK_SET));
	ck("the offset is shared", lseek(fd, 0, SEEK_CUR));
	ck("dup of -1", dup(-1));
	int t = fd + 40;
	ck("dup2 to a chosen number", dup2(fd, t) == t);
	ck("read through it", read(t, buf, 2));
	ck("dup2 to itself", dup2(fd, fd) == fd);
	ck("dup3 to itself", dup3(fd, fd, 0));
	/* raw: musl's dup3 passes only O_CLOEXEC on, so the kernel never sees the bad bit */
	ck("dup3 bad flags (raw)", syscall(SYS_dup3, fd, t + 1, 0x4));
	ck("dup3 O_CLOEXEC", dup3(fd, t + 1, O_CLOEXEC) == t + 1);
	ck("F_GETFD of it", fcntl(t + 1, F_GETFD));
	ck("F_GETFD of the dup2", fcntl(t, F_GETFD));
	int f = fcntl(fd, F_DUPFD, t + 5);
	yes("F_DUPFD gives >= the floor", f >= t + 5);
	f = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	ck("F_DUPFD_CLOEXEC then F_GETFD", fcntl(f, F_GETFD));
	ck("dup2 of a closed descriptor", dup2(t + 30, t + 31));
	ck("close the dup2", close(t));
	ck("close dup3's", close(t + 1));
	close(d);
	close(f);
	close(fd);
	struct iovec iov[3] = { { "ab", 2 }, { "", 0 }, { "cdef", 4 } };
	fd = open(path("c"), O_RDWR | O_TRUNC);
	ck("writev 3 vectors", writev(fd, iov, 3));
	char x[3], y[5];
	struct iovec rv[2] = { { x, 2 }, { y, 5 } };
	lseek(fd, 0, SEEK_SET);
	memset(y, 0, sizeof y);
	ck("readv into 2+5", readv(fd, rv, 2));
	say("what readv got", "%.2s|%s", x, y);
	ck("readv with -1 vectors", readv(fd, rv, minus_one));
	ck("pwritev at 1", pwritev(fd, iov + 2, 1, 1));
	close(fd);
	show_file("contents", "c");
}

static void names(void)
{
	struct stat st;
	ck("mkdir d", mkdir(path("d"), 0755));
	ck("mkdir d again", mkdir(path("d"), 0755));
	ck("mkdir in a missing folder", mkdir(path("nodir/d"), 0755));
	ck("stat d", stat(path("d"), &st));
	yes("S_ISDIR", S_ISDIR(st.st_mode));
	say("its permission bits", "%o", (unsigned)(st.st_mode & 07777));
	int fd = open(path("d/f"), O_WRONLY | O_CREAT, 0600);
	ck("write d/f", write(fd, "in d", 4));
	close(fd);
	ck("rmdir a non-empty folder", rmdir(path("d")));
	ck("unlink a folder", unlink(path("d")));
	ck("rmdir a file", rmdir(path("d/f")));
	ck("link d/f to g", link(path("d/f"), path("g")));
	ck("stat g", stat(path("g"), &st));
	say("st_nlink after link", "%ld", (long)st.st_nlink);
	ck("link onto an existing name", link(path("d/f"), path("g")));
	ck("rename g to h", rename(path("g"), path("h")));
	ck("stat g after rename", stat(path("g"), &st));
	show_file("h", "h");
	ck("rename onto an existing file", rename(path("h"), path("c")));
	show_file("c now", "c");
	ck("rename a missing file", rename(path("nothere"), path("x")));
	ck("rename a folder under itself", rename(path("d"), path("d/sub")));
	ck("rename a file over a folder", rename(path("c"), path("d")));
	ck("symlink s -> d/f", symlink("d/f", path("s")));
	char buf[64];
	long n = ck("readlink s", readlink(path("s"), buf, sizeof buf));
	say("the link's text", "\"%.*s\"", n > 0 ? (int)n : 0, buf);
	ck("readlink a file", readlink(path("c"), buf, sizeof buf));
	ck("lstat s", lstat(path("s"), &st));
	yes("S_ISLNK", S_ISLNK(st.st_mode));
	say("its st_size", "%lld", (long long)st.st_size);
	ck("stat s (followed)", stat(path("s"), &st));
	say("the target's size", "%lld", (long long)st.st_size);
	show_file("read through the link", "s");
	ck("symlink loop l1 -> l2", symlink("l2", path("l1")));
	ck("symlink loop l2 -> l1", symlink("l1", path("l2")));
	ckfd("open the loop", open(path("l1"), O_RDONLY));
	ckfd("open O_NOFOLLOW of a link", open(path("s"), O_RDONLY | O_NOFOLLOW));
	ck("access F_OK", access(path("c"), F_OK));
	ck("access missing", access(path("nothere"), F_OK));
	ck("access R_OK|W_OK", access(path("c"), R_OK | W_OK));
	int dfd = open(base, O_RDONLY | O_DIRECTORY);
	ck("fstatat relative to a folder descriptor", fstatat(dfd, "c", &st, 0));
	say("its size", "%lld", (long long)st.st_size);
	ck("fstatat AT_SYMLINK_NOFOLLOW", fstatat(dfd, "s", &st, AT_SYMLINK_NOFOLLOW));
	yes("S_ISLNK", S_ISLNK(st.st_mode));
	ck("fstatat bad flag", fstatat(dfd, "c", &st, 0x4));
	ckfd("openat relative", fd = openat(dfd, "d/f", O_RDONLY));
	if (fd >= 0)
		ckfd("openat with a file as the folder", openat(fd, "x", O_RDONLY));
	else
		notrun("openat with a file as the folder", "openat failed");
	close(fd);
	ckfd("openat with a closed folder descriptor", openat(fd, "x", O_RDONLY));
	ck("unlinkat AT_REMOVEDIR of a file", unlinkat(dfd, "c", AT_REMOVEDIR));
	ck("mkdirat", mkdirat(dfd, "e", 0700));
	ck("renameat e to e2", renameat(dfd, "e", dfd, "e2"));
	ck("unlinkat AT_REMOVEDIR e2", unlinkat(dfd, "e2", AT_REMOVEDIR));
	close(dfd);
	show_dir("listing", ".");
	show_dir("listing of d", "d");
	ck("chmod c 0600", chmod(path("c"), 0600));
	stat(path("c"), &st);
	say("c's permission bits", "%o", (unsigned)(st.st_mode & 07777));
	struct timespec ts[2] = { { 1000000000, 0 }, { 1234567890, 500 } };
	ck("utimensat", utimensat(AT_FDCWD, path("c"), ts, 0));
	stat(path("c"), &st);
	say("st_mtim set", "%lld.%09ld", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	say("st_atim set", "%lld.%09ld", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec);
	ck("truncate c to 2", truncate(path("c"), 2));
	show_file("c", "c");

	/* unlink while open: the data lives until the last close */
	fd = open(path("c"), O_RDONLY);
	ck("unlink an open file", unlink(path("c")));
	memset(buf, 0, sizeof buf);
	ck("read it after unlink", read(fd, buf, sizeof buf));
	ck("fstat it", fstat(fd, &st));
	say("st_nlink after unlink", "%ld", (long)st.st_nlink);
	close(fd);
	ck("unlink it again", unlink(path("c")));

	char cwd[600], was[600];
	if (!getcwd(was, sizeof was)) {
		notrun("chdir into the folder", "getcwd failed");
		return;
	}
	ck("chdir into the folder", chdir(base));
	ck("relative stat of d/f", stat("d/f", &st));
	yes("getcwd ends in /ps-files", getcwd(cwd, sizeof cwd) && strlen(cwd) >= 9 &&
		!strcmp(cwd + strlen(cwd) - 9, "/ps-files"));
	ck("chdir to a file", chdir("d/f"));
	ck("chdir to a missing folder", chdir("nothere"));
	ck("chdir d", chdir("d"));
	ckfd("relative open of f", fd = open("f", O_RDONLY));
	close(fd);
	ck("chdir ../..", chdir("../.."));
	ck("getcwd into a 1-byte buffer", getcwd(cwd, 1) ? 0 : -1);
	ck("chdir back", chdir(was));
}

void area_files(void)
{
	snprintf(base, sizeof base, "%s/ps-files", suite_dir);
	ck("mkdir the area's folder", mkdir(base, 0755));
	basics();
	flags();
	dups();
	names();
}
