/* main.c: the memory system calls, printed as lines that Linux (glibc) and Tessera (musl) must both give.
 *
 * Usage: posix-memory DIR [big|ring0]   (DIR: where to create the test
 * file; "big": only the RAM-above-4-GiB check; "ring0": only ring0.c's
 * checks of the privcall, Tessera only; see tests/groups/posix-memory.sh).
 * Lines starting with "wx:" are where Linux and Tessera differ on
 * purpose (Tessera refuses writable+executable pages); the group checks
 * them apart from the rest. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define PG 4096ul

/* "ok", or the errno's name for the calls we expect to fail. */
static const char *res(long ok)
{
	if (ok)
		return "ok";
	switch (errno) {
	case EINVAL: return "EINVAL";
	case ENOMEM: return "ENOMEM";
	case EEXIST: return "EEXIST";
	case EACCES: return "EACCES";
	case EBADF: return "EBADF";
	case ENODEV: return "ENODEV";
	case EFAULT: return "EFAULT";
	case EPERM: return "EPERM";
	default: return strerror(errno);
	}
}

static void *map(size_t len, int prot, int flags)
{
	return mmap(NULL, len, prot, flags | MAP_ANONYMOUS, -1, 0);
}

/* Nonzero when all n bytes at p are c. */
static int all(const void *p, int c, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i] != (unsigned char)c)
			return 0;
	return 1;
}

static void anon(void)
{
	char *p = map(3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	printf("anon private: %s, zeroed %d\n", res(p != MAP_FAILED), p != MAP_FAILED && all(p, 0, 3 * PG));
	memset(p, 0xa5, 3 * PG);
	printf("anon private: written and read back %d\n", all(p, 0xa5, 3 * PG));
	printf("anon private: munmap %s\n", res(munmap(p, 3 * PG) == 0));
	char *s = map(5000, PROT_READ | PROT_WRITE, MAP_SHARED);
	printf("anon shared: %s, zeroed %d (whole pages)\n", res(s != MAP_FAILED), all(s, 0, 2 * PG));
	s[8191] = 1;
	printf("anon shared: munmap %s\n", res(munmap(s, 5000) == 0));
	char *f = map(PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_NORESERVE | MAP_POPULATE | MAP_STACK | MAP_GROWSDOWN);
	printf("anon flags NORESERVE|POPULATE|STACK|GROWSDOWN: %s\n", res(f != MAP_FAILED));
	munmap(f, PG);
	char *h = mmap((void *)0x12345000, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("anon with an address hint: %s\n", res(h != MAP_FAILED));
	munmap(h, PG);
	char *r = map(PG, PROT_READ, MAP_PRIVATE);
	printf("anon read-only: %s, reads zero %d\n", res(r != MAP_FAILED), r[100] == 0);
	munmap(r, PG);
	char *n = map(PG, PROT_NONE, MAP_PRIVATE);
	printf("anon PROT_NONE: %s\n", res(n != MAP_FAILED));
	printf("anon PROT_NONE -> RW: %s\n", res(mprotect(n, PG, PROT_READ | PROT_WRITE) == 0));
	n[5] = 7;
	printf("anon PROT_NONE -> RW: writable %d\n", n[5] == 7);
	munmap(n, PG);
}

static void unmap(void)
{
	char *p = map(4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	for (int i = 0; i < 4; i++)
		memset(p + i * PG, 'a' + i, PG);
	printf("munmap middle page: %s\n", res(munmap(p + PG, PG) == 0));
	printf("munmap middle page: others kept %d %d %d\n", all(p, 'a', PG), all(p + 2 * PG, 'c', PG),
	       all(p + 3 * PG, 'd', PG));
	printf("munmap it again (nothing there): %s\n", res(munmap(p + PG, PG) == 0));
	unsigned char vec[4];
	printf("mincore over the hole: %s\n", res(mincore(p, 4 * PG, vec) == 0));
	const char *r = res(mincore(p + 2 * PG, PG, vec) == 0);
	printf("mincore of a touched page: %s, resident %d\n", r, vec[0] & 1);
	printf("mprotect over the hole: %s\n", res(mprotect(p, 4 * PG, PROT_READ) == 0));
	printf("munmap last page by an unrounded length: %s\n", res(munmap(p + 3 * PG, 1) == 0));
	printf("munmap across the hole: %s\n", res(munmap(p, 4 * PG) == 0));
	printf("munmap unaligned: %s\n", res(munmap(p + 1, PG) == 0));
	printf("munmap length 0: %s\n", res(munmap(p, 0) == 0));
	/* Two mappings, unmapped by one call covering both and what lies between. */
	char *a = map(2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	char *b = map(2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	char *lo = a < b ? a : b, *hi = a < b ? b : a;
	if (hi - lo < (1l << 30)) /* both systems place them near */
		printf("munmap spanning two mappings: %s\n", res(munmap(lo, (size_t)(hi - lo) + 2 * PG) == 0));
	else
		printf("munmap spanning two mappings: ok\n");
}

static void remap(void)
{
	char *p = map(2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	memset(p, 'x', 2 * PG);
	char *q = mremap(p, 2 * PG, 64 * PG, MREMAP_MAYMOVE);
	printf("mremap grow: %s, contents kept %d, new part zero %d\n", res(q != MAP_FAILED),
	       all(q, 'x', 2 * PG), all(q + 2 * PG, 0, 62 * PG));
	char *r = mremap(q, 64 * PG, PG, 0);
	printf("mremap shrink: %s, in place %d, contents kept %d\n", res(r != MAP_FAILED), r == q,
	       all(r, 'x', PG));
	char *s = mremap(r, PG, 3 * PG, 0);
	/* Without MREMAP_MAYMOVE growth depends on what follows: either way. */
	printf("mremap grow without moving: %s\n",
	       s != MAP_FAILED ? (s == r && all(s, 'x', PG) && all(s + PG, 0, 2 * PG) ? "ok" : "bad")
			       : errno == ENOMEM ? "ok" : res(0));
	if (s != MAP_FAILED)
		munmap(s + PG, 2 * PG);
	printf("mremap new length 0: %s\n", res(mremap(r, PG, 0, MREMAP_MAYMOVE) != MAP_FAILED));
	printf("mremap unknown flag: %s\n", res(mremap(r, PG, 2 * PG, 0x100) != MAP_FAILED));
	munmap(r, PG);
	printf("mremap of unmapped pages: %s\n", res(mremap(r, PG, 2 * PG, MREMAP_MAYMOVE) != MAP_FAILED));
}

static void fixed(void)
{
	char *p = map(4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	memset(p, 'f', 4 * PG);
	char *q = mmap(p + PG, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED over our own pages: %s, at the address %d, zeroed %d, neighbours kept %d\n",
	       res(q != MAP_FAILED), q == p + PG, all(p + PG, 0, 2 * PG), all(p, 'f', PG) && all(p + 3 * PG, 'f', PG));
	q = mmap(p, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	printf("MAP_FIXED_NOREPLACE over a mapping: %s\n", res(q != MAP_FAILED));
	q = mmap(p + 1, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED unaligned: %s\n", res(q != MAP_FAILED));
	munmap(p, 4 * PG);
}

static void errors(void)
{
	printf("mmap length 0: %s\n", res(map(0, PROT_READ, MAP_PRIVATE) != MAP_FAILED));
	printf("mmap without SHARED or PRIVATE: %s\n", res(map(PG, PROT_READ, 0) != MAP_FAILED));
	printf("mmap absurd size (2^46): %s\n", res(map(1ul << 46, PROT_READ | PROT_WRITE, MAP_PRIVATE) != MAP_FAILED));
	printf("mmap size near 2^64: %s\n", res(map(~0ul - 100, PROT_READ, MAP_PRIVATE) != MAP_FAILED));
	printf("mmap bad descriptor: %s\n", res(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 999, 0) != MAP_FAILED));
	printf("madvise unknown advice: %s\n", res(madvise(NULL, 0, 999) == 0));
	printf("msync SYNC|ASYNC: %s\n", res(msync(NULL, 0, MS_SYNC | MS_ASYNC) == 0));
	printf("mprotect unknown bit, length 0: %s\n", res(mprotect(NULL, 0, 0x100) == 0));
	void *p = map(PG, PROT_READ, MAP_PRIVATE);
	printf("mprotect unknown bit: %s\n", res(mprotect(p, PG, 0x100) == 0));
	munmap(p, PG);
	printf("mlockall(0): %s\n", res(mlockall(0) == 0));
	printf("munlockall: %s\n", res(munlockall() == 0));
}

static void advise(void)
{
	char *p = map(4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	memset(p, 'm', 4 * PG);
	printf("madvise NORMAL RANDOM SEQUENTIAL WILLNEED: %s %s %s %s\n",
	       res(madvise(p, 4 * PG, MADV_NORMAL) == 0), res(madvise(p, 4 * PG, MADV_RANDOM) == 0),
	       res(madvise(p, 4 * PG, MADV_SEQUENTIAL) == 0), res(madvise(p, 4 * PG, MADV_WILLNEED) == 0));
	const char *r = res(madvise(p + PG, 2 * PG, MADV_DONTNEED) == 0);
	printf("madvise DONTNEED: %s, private pages read zero %d, others kept %d\n", r,
	       all(p + PG, 0, 2 * PG), all(p, 'm', PG) && all(p + 3 * PG, 'm', PG));
	printf("madvise FREE: %s\n", res(madvise(p, PG, MADV_FREE) == 0));
	r = res(mlock(p, PG) == 0);
	printf("mlock, munlock: %s %s\n", r, res(munlock(p, PG) == 0));
	munmap(p, 4 * PG);
	printf("madvise on unmapped pages: %s\n", res(madvise(p, PG, MADV_NORMAL) == 0));
	printf("mlock on unmapped pages: %s\n", res(mlock(p, PG) == 0));
}

/* mov $42, %eax; ret */
static const unsigned char code[] = { 0xb8, 42, 0, 0, 0, 0xc3 };

static void protect(void)
{
	unsigned char *p = map(PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	memcpy(p, code, sizeof code);
	printf("mprotect RW -> RX: %s\n", res(mprotect(p, PG, PROT_READ | PROT_EXEC) == 0));
	int (*fn)(void) = (int (*)(void))(void *)p;
	printf("generated code returns %d\n", fn());
	printf("mprotect RX -> RW: %s\n", res(mprotect(p, PG, PROT_READ | PROT_WRITE) == 0));
	p[1] = 43;
	const char *r = res(mprotect(p, PG, PROT_READ | PROT_EXEC) == 0);
	printf("mprotect RW -> RX again: %s, returns %d\n", r, fn());
	r = res(mprotect(p, PG, PROT_READ) == 0);
	printf("mprotect -> READ: %s, reads %d\n", r, p[1]);
	munmap(p, PG);
	/* mmap with PROT_EXEC directly, and part of a larger mapping. */
	unsigned char *q = map(8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	memcpy(q + 3 * PG, code, sizeof code);
	r = res(mprotect(q + 3 * PG, PG, PROT_READ | PROT_EXEC) == 0);
	printf("mprotect one page of eight to RX: %s, returns %d\n", r, ((int (*)(void))(void *)(q + 3 * PG))());
	q[0] = 1, q[7 * PG] = 2; /* the others stay writable */
	printf("the other pages stay writable: %d\n", q[0] + q[7 * PG]);
	munmap(q, 8 * PG);
	unsigned char *x = map(PG, PROT_READ | PROT_EXEC, MAP_PRIVATE);
	printf("mmap PROT_READ|PROT_EXEC: %s, zeroed %d\n", res(x != MAP_FAILED), x != MAP_FAILED && all(x, 0, PG));
	munmap(x, PG);
	/* W^X: Linux allows it, Tessera refuses with EACCES. */
	unsigned char *w = map(PG, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE);
	printf("wx: mmap RWX %s\n", res(w != MAP_FAILED));
	if (w != MAP_FAILED)
		munmap(w, PG);
	w = map(PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	printf("wx: mprotect RWX %s\n", res(mprotect(w, PG, PROT_READ | PROT_WRITE | PROT_EXEC) == 0));
	munmap(w, PG);
}

/* Faults: touching PROT_NONE, writing PROT_READ, running PROT_READ|WRITE
 * pages raises SIGSEGV at the page. Unmapped pages are not tried: here
 * they go back to the heap, still mapped. */
static sigjmp_buf fault_jmp;
static void *fault_addr;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	(void)sig, (void)ctx;
	fault_addr = si->si_addr;
	siglongjmp(fault_jmp, 1);
}

static const char *touch(volatile unsigned char *p, int how)
{
	fault_addr = NULL;
	if (sigsetjmp(fault_jmp, 1))
		return fault_addr && ((uintptr_t)fault_addr & ~(PG - 1)) == ((uintptr_t)p & ~(PG - 1))
			       ? "SIGSEGV at the page" : "SIGSEGV elsewhere";
	if (how == 0)
		(void)*p;
	else if (how == 1)
		*p = 1;
	else
		((void (*)(void))(uintptr_t)p)();
	return "no fault";
}

static void faults(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	unsigned char *p = map(3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	p[PG] = 0xc3; /* ret */
	mprotect(p, PG, PROT_NONE);
	mprotect(p + 2 * PG, PG, PROT_READ);
	printf("fault: read PROT_NONE: %s\n", touch(p + 100, 0));
	printf("fault: write PROT_READ: %s\n", touch(p + 2 * PG + 8, 1));
	printf("fault: read PROT_READ: %s\n", touch(p + 2 * PG + 8, 0));
	printf("fault: run PROT_READ|PROT_WRITE: %s\n", touch(p + PG, 2));
	mprotect(p + PG, PG, PROT_READ | PROT_EXEC);
	printf("fault: run PROT_READ|PROT_EXEC: %s\n", touch(p + PG, 2));
	printf("fault: write PROT_READ|PROT_EXEC: %s\n", touch(p + PG, 1));
	munmap(p, 3 * PG);
	signal(SIGSEGV, SIG_DFL);
}

/* System calls given memory of a PROT_NONE or read-only mapping: EFAULT
 * where they would read or write it, as on Linux (no fault, no signal). */
static void userptr(const char *dir)
{
	char name[512];
	snprintf(name, sizeof name, "%s/pm-userptr", dir);
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
	unsigned char *p = map(2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (fd < 0 || p == MAP_FAILED || write(fd, "0123456789", 10) != 10) {
		printf("userptr: setup failed\n");
		return;
	}
	mprotect(p, PG, PROT_NONE);
	mprotect(p + PG, PG, PROT_READ);
	printf("userptr: pread into PROT_NONE: %s\n", res(pread(fd, p, 10, 0) >= 0));
	printf("userptr: pread into PROT_READ: %s\n", res(pread(fd, p + PG, 10, 0) >= 0));
	printf("userptr: pwrite from PROT_NONE: %s\n", res(pwrite(fd, p, 10, 0) >= 0));
	printf("userptr: pwrite from PROT_READ: %s\n", res(pwrite(fd, p + PG, 10, 10) == 10));
	printf("userptr: clock_gettime into PROT_READ: %s\n",
	       res(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, p + PG) == 0));
	printf("userptr: fstat into PROT_NONE: %s\n", res(syscall(SYS_fstat, fd, p) == 0));
	printf("userptr: open of a path in PROT_NONE: %s\n", res(syscall(SYS_open, p, O_RDONLY) >= 0));
	mprotect(p, 2 * PG, PROT_READ | PROT_WRITE);
	printf("userptr: pread once writable again: %s, %.10s\n", res(pread(fd, p + PG, 10, 0) == 10), (char *)p + PG);
	munmap(p, 2 * PG);
	close(fd);
	unlink(name);
}

static void files(const char *dir)
{
	char path[256];
	static char buf[3 * 4096], back[3 * 4096];
	snprintf(path, sizeof path, "%s/posix-memory.dat", dir);
	unlink(path);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	for (int i = 0; i < 10000; i++)
		buf[i] = (char)('A' + i % 26);
	printf("file: create %s, write %ld\n", res(fd >= 0), (long)write(fd, buf, 10000));
	if (fd < 0)
		return;

	char *s = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	printf("file shared: %s, bytes are the file's %d, zero past the end %d\n", res(s != MAP_FAILED),
	       memcmp(s, buf, 10000) == 0, all(s + 10000, 0, 3 * PG - 10000));
	memcpy(s + 100, "written through the mapping", 27);
	s[10001] = 'Z'; /* past the end: never reaches the file */
	printf("file shared: msync %s\n", res(msync(s, 3 * PG, MS_SYNC) == 0));
	pread(fd, back, 10000, 0);
	printf("file shared: read() sees the write %d\n", memcmp(back + 100, "written through the mapping", 27) == 0);
	memcpy(s + 5000, "second", 6);
	printf("file shared: msync ASYNC %s\n", res(msync(s + 4096, 4096, MS_ASYNC) == 0));
	printf("file shared: munmap %s\n", res(munmap(s, 3 * PG) == 0));
	pread(fd, back, 10000, 0);
	struct stat st;
	fstat(fd, &st);
	printf("file shared: after munmap, read() sees both writes %d, size still %ld\n",
	       memcmp(back + 5000, "second", 6) == 0 && memcmp(back + 100, "written", 7) == 0, (long)st.st_size);

	char *t = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	memcpy(t + 200, "unmapped", 8);
	munmap(t, 2 * PG);
	pread(fd, back, 300, 0);
	printf("file shared: written by munmap alone %d\n", memcmp(back + 200, "unmapped", 8) == 0);

	/* Two shared mappings of one file (the second at an offset). */
	char *m1 = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *m2 = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, PG);
	memcpy(m1 + PG + 10, "shared twice", 12);
	msync(m1, 3 * PG, MS_SYNC);
	printf("file shared twice: the read-only one sees the other's write after msync %d\n",
	       memcmp(m2 + 10, "shared twice", 12) == 0);
	char *m3 = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, PG);
	memcpy(m1 + PG + 30, "not synced", 10);
	munmap(m1, 3 * PG);
	printf("file shared twice: after munmap of the writer too %d %d\n", memcmp(m2 + 30, "not synced", 10) == 0,
	       memcmp(m3 + 30, "not synced", 10) == 0);
	munmap(m2, PG);
	munmap(m3, PG);

	/* write() and its kin reach existing shared mappings at once, the
	 * read-only ones and those at an offset too; private ones keep theirs
	 * (their pages were copied already: Linux copies on first write, and
	 * the test writes to this one first). */
	char *w1 = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *w2 = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, PG);
	char *w3 = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	w3[0] = '#';
	pwrite(fd, "pwrite", 6, PG + 50);
	struct iovec iov[2] = { { "write", 5 }, { "v", 1 } };
	lseek(fd, 20, SEEK_SET);
	writev(fd, iov, 2);
	printf("file written: the mappings see pwrite %d %d, writev %d; the private one keeps its copy %d\n",
	       memcmp(w1 + PG + 50, "pwrite", 6) == 0, memcmp(w2 + 50, "pwrite", 6) == 0,
	       memcmp(w1 + 20, "writev", 6) == 0, w3[0] == '#' && w3[20] == buf[20]);
	lseek(fd, 0, SEEK_SET);
	write(fd, w1 + 20, 6); /* from the mapping itself, to another place of it */
	printf("file written from its own mapping: %d\n", memcmp(w1, "writev", 6) == 0);
	munmap(w1, 2 * PG);
	munmap(w2, PG);
	munmap(w3, PG);

	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, PG);
	printf("file private at offset 4096: %s, first byte is the file's %d\n", res(p != MAP_FAILED),
	       p != MAP_FAILED && p[0] == buf[4096]);
	memcpy(p, "private", 7);
	printf("file private: msync %s\n", res(msync(p, 2 * PG, MS_SYNC) == 0));
	munmap(p, 2 * PG);
	pread(fd, back, 7, PG);
	printf("file private: not written back %d\n", memcmp(back, buf + 4096, 7) == 0);

	printf("file offset not a page: %s\n", res(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 100) != MAP_FAILED));
	close(fd);
	fd = open(path, O_RDONLY);
	printf("file read-only, shared writable: %s\n",
	       res(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) != MAP_FAILED));
	char *ro = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	printf("file read-only, private writable: %s\n", res(ro != MAP_FAILED));
	munmap(ro, PG);
	char *sro = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	printf("file read-only, shared read-only: %s;", res(sro != MAP_FAILED));
	printf(" mprotect writable %s\n", res(mprotect(sro, PG, PROT_READ | PROT_WRITE) == 0));
	munmap(sro, PG);
	close(fd);
	fd = open(path, O_WRONLY);
	printf("file write-only: %s\n", res(mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0) != MAP_FAILED));
	close(fd);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	printf("file: a directory: %s\n", res(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0) != MAP_FAILED));
	close(fd);
	unlink(path);
}

static void brk_area(void)
{
	char *cur = (char *)syscall(SYS_brk, 0);
	printf("brk(0): nonzero %d\n", cur != NULL);
	char *top = (char *)syscall(SYS_brk, cur + 65536);
	printf("brk grow 64 KiB: %s\n", top == cur + 65536 ? "ok" : "failed");
	printf("brk area zeroed %d\n", all(cur, 0, 65536));
	memset(cur, 'b', 65536);
	printf("brk shrink: %s\n", (char *)syscall(SYS_brk, cur) == cur ? "ok" : "failed");
	top = (char *)syscall(SYS_brk, cur + 8192);
	printf("brk grow again: %s, zeroed %d\n", top == cur + 8192 ? "ok" : "failed", all(cur, 0, 8192));
	printf("brk absurd (64 TiB more): unchanged %d\n", (char *)syscall(SYS_brk, cur + (1ul << 46)) == cur + 8192);
	printf("brk below its start: unchanged %d\n", (char *)syscall(SYS_brk, cur - (1ul << 40)) == cur + 8192);
	/* MAP_FIXED over the break's pages, unmapped, then the break regrown. */
	memset(cur, 'b', 8192);
	char *f = mmap(cur + 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("brk: MAP_FIXED over its second page: %s, zeroed %d\n", res(f == cur + 4096), all(cur + 4096, 0, 4096));
	printf("brk: that page unmapped: %s\n", res(munmap(cur + 4096, 4096) == 0));
	syscall(SYS_brk, cur);
	top = (char *)syscall(SYS_brk, cur + 65536);
	printf("brk: shrunk and regrown over it: %s, zeroed %d\n", top == cur + 65536 ? "ok" : "failed", all(cur, 0, 65536));
	syscall(SYS_brk, cur);
}

static void many(void)
{
	/* Many small mappings, every other one freed, then the rest. */
	enum { N = 300 };
	static char *m[N];
	int ok = 1;
	for (int i = 0; i < N; i++) {
		m[i] = map(PG * (1 + i % 3), PROT_READ | PROT_WRITE, MAP_PRIVATE);
		if (m[i] == MAP_FAILED || !all(m[i], 0, PG))
			ok = 0;
		else
			memset(m[i], i & 0xff, PG);
	}
	for (int i = 0; i < N; i += 2)
		ok &= munmap(m[i], PG * (1 + i % 3)) == 0;
	for (int i = 1; i < N; i += 2)
		ok &= all(m[i], i & 0xff, PG) && munmap(m[i], PG * (1 + i % 3)) == 0;
	printf("300 mappings made, checked and unmapped: %d\n", ok);
	char *big = map(64ul << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ok = big != MAP_FAILED;
	for (size_t i = 0; ok && i < (64ul << 20); i += PG)
		big[i] = 1;
	printf("64 MiB mapping touched page by page: %d; munmap %s\n", ok, res(munmap(big, 64ul << 20) == 0));
}

/* RAM above 4 GiB (tess run -m 16G): 6 GiB mapped, one byte written per
 * 32 MiB and the last one, read back, and the mapping reaches above 4 GiB.
 * Not one per 2 MiB: QEMU backs guest RAM with the host's 2 MiB pages, so
 * each touch would cost the host 2 MiB (6 GiB in all). */
static int big(void)
{
	size_t len = 6ul << 30;
	unsigned char *p = map(len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE);
	if (p == MAP_FAILED) {
		printf("big: mmap 6 GiB %s\n", res(0));
		return 1;
	}
	const size_t step = 32ul << 20;
	size_t n = 0, bad = 0;
	for (size_t i = 0; i < len; i += step, n++)
		p[i] = (unsigned char)(i >> 25) ^ 0x5a;
	p[len - 1] = 0xee;
	for (size_t i = 0; i < len; i += step)
		bad += p[i] != ((unsigned char)(i >> 25) ^ 0x5a);
	bad += p[len - 1] != 0xee;
	bad += p[len - 2] != 0 || p[step / 2] != 0; /* untouched: zero */
	printf("big: mmap 6 GiB ok, %zu bytes written one per 32 MiB and the last, %zu wrong\n", n + 1, bad);
	printf("big: the mapping ends above 4 GiB %d\n", (uintptr_t)p + len > (1ul << 32));
	printf("big: munmap %s\n", res(munmap(p, len) == 0));
	return bad != 0;
}

/* Tessera only (ring0.c): the PROTECT privcall called straight. */
void ring0_checks(void) __attribute__((weak));

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 2 && !strcmp(argv[2], "big"))
		return big();
	if (argc > 2 && !strcmp(argv[2], "ring0")) {
		if (ring0_checks)
			ring0_checks();
		return 0;
	}
	anon();
	unmap();
	remap();
	fixed();
	errors();
	advise();
	protect();
	faults();
	userptr(argc > 1 ? argv[1] : ".");
	files(argc > 1 ? argv[1] : ".");
	brk_area();
	many();
	printf("done\n");
	return 0;
}
