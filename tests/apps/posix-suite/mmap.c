/*
 * mmap.c: the "mmap" area — anonymous and file mappings, MAP_FIXED,
 * munmap, mprotect (without touching what it forbids: that is the faults
 * area), mremap, madvise, msync, and the error numbers of bad arguments.
 */
#include "suite.h"
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PG 4096ul

/* "ok" for a mapping, or the errno; returns the address or NULL. */
static void *ckmap(const char *what, void *p)
{
	if (p == MAP_FAILED) {
		say(what, "MAP_FAILED %s", errname(errno));
		return NULL;
	}
	say(what, "%s", ((uintptr_t)p % PG) ? "mapped, NOT page-aligned" : "mapped");
	return p;
}

static int all_bytes(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

static void anon(void)
{
	unsigned char *p = ckmap("anonymous private RW, 1 page",
				 mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	if (p) {
		yes("it reads as zeros", all_bytes(p, PG, 0));
		memset(p, 0x5a, PG);
		yes("it keeps what is written", all_bytes(p, PG, 0x5a));
		ck("munmap it", munmap(p, PG));
	} else {
		notrun("it reads as zeros", "no mapping");
		notrun("it keeps what is written", "no mapping");
		notrun("munmap it", "no mapping");
	}
	ckmap("length 0", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	ckmap("neither MAP_PRIVATE nor MAP_SHARED", mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0));
	ckmap("a file mapping of descriptor -1", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, -1, 0));
	ckmap("MAP_FIXED at an unaligned address", mmap((void *)(0x40000000 + 1), PG, PROT_READ,
							 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
	ckmap("1 EiB", mmap(NULL, 1ul << 60, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	ckmap("length -1", mmap(NULL, (size_t)-1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));

	size_t big = 16ul << 20;
	unsigned char *b = ckmap("16 MiB", mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	if (b) {
		unsigned long sum = 0;
		for (size_t i = 0; i < big; i += PG)
			b[i] = (unsigned char)(i / PG);
		for (size_t i = 0; i < big; i += PG)
			sum += b[i];
		say("every page written and read back (sum)", "%lu", sum);
		/* MAP_FIXED over pages 2-3 of it: those read as zeros again,
		 * their neighbours keep their bytes */
		void *f = mmap(b + 2 * PG, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		yes("MAP_FIXED inside it returns that address", f == b + 2 * PG);
		yes("the replaced pages read as zeros", f == b + 2 * PG && b[2 * PG] == 0 && b[3 * PG] == 0);
		yes("the neighbours kept theirs", b[PG] == 1 && b[4 * PG] == 4);
		ck("munmap unaligned", munmap(b + 1, PG));
		ck("munmap length 0", munmap(b, 0));
		ck("munmap a middle page", munmap(b + 5 * PG, PG));
		ck("munmap it again (nothing there)", munmap(b + 5 * PG, PG));
		ck("mprotect the first 2 pages read-only", mprotect(b, 2 * PG, PROT_READ));
		say("they still read", "%d", b[PG]);
		/* raw: musl rounds the address down itself */
		ck("mprotect unaligned (raw)", syscall(SYS_mprotect, b + 1, PG, PROT_READ));
		ck("mprotect with an unknown bit", mprotect(b, PG, PROT_READ | 0x100));
		ck("mprotect over the hole", mprotect(b + 4 * PG, 3 * PG, PROT_READ));
		ck("mprotect back to RW", mprotect(b, 2 * PG, PROT_READ | PROT_WRITE));
		b[PG] = 77;
		say("writable again", "%d", b[PG]);
		ck("madvise MADV_NORMAL", madvise(b, PG, MADV_NORMAL));
		ck("madvise advice 999", madvise(b, PG, 999));
		ck("madvise unaligned", madvise(b + 1, PG, MADV_NORMAL));
		ck("madvise MADV_DONTNEED", madvise(b + PG, PG, MADV_DONTNEED));
		say("a private anonymous page after DONTNEED", "%d", b[PG]);
		ck("munmap the rest", munmap(b, big));
	} else {
		for (int i = 0; i < 20; i++)
			notrun("16 MiB mapping", "no mapping");
	}

	unsigned char *r = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r != MAP_FAILED) {
		memset(r, 7, 2 * PG);
		unsigned char *g = mremap(r, 2 * PG, 64 * PG, MREMAP_MAYMOVE);
		if (g == MAP_FAILED) {
			say("mremap 2 -> 64 pages, MREMAP_MAYMOVE", "MAP_FAILED %s", errname(errno));
			munmap(r, 2 * PG);
		} else {
			say("mremap 2 -> 64 pages, MREMAP_MAYMOVE", "mapped");
			yes("the old bytes moved along", all_bytes(g, 2 * PG, 7));
			yes("the new pages are zeros", all_bytes(g + 2 * PG, 62 * PG, 0));
			unsigned char *s = mremap(g, 64 * PG, PG, 0);
			yes("mremap shrink stays in place", s == g);
			say("mremap with an unknown flag", "%s",
			    mremap(g, PG, PG, 0x100) == MAP_FAILED ? errname(errno) : "mapped");
			munmap(g, PG);
		}
	} else {
		notrun("mremap", "no mapping");
	}
}

static void files(void)
{
	char name[600];
	snprintf(name, sizeof name, "%s/ps-mmap-file", suite_dir);
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "0123456789", 10) != 10) {
		notrun("file mappings", "cannot write a file");
		return;
	}
	char *p = ckmap("file, MAP_PRIVATE PROT_READ", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0));
	if (p) {
		say("its bytes", "\"%.10s\", then %d", p, p[10]);
		munmap(p, PG);
	}
	ckmap("file, offset not a page multiple", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 100));
	p = ckmap("file, MAP_SHARED RW", mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	if (p) {
		memcpy(p + 2, "AB", 2);
		ck("msync MS_SYNC", msync(p, PG, MS_SYNC));
		ck("msync MS_SYNC|MS_ASYNC", msync(p, PG, MS_SYNC | MS_ASYNC));
		ck("msync unaligned", msync(p + 1, PG, MS_SYNC));
		char buf[11] = { 0 };
		ck("pread the file", pread(fd, buf, 10, 0));
		say("the store reached the file", "\"%s\"", buf);
		ck("pwrite the file", pwrite(fd, "Z", 1, 0));
		say("the write reached the mapping", "%c", p[0]);
		munmap(p, PG);
	}
	p = ckmap("file, MAP_PRIVATE RW", mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0));
	if (p) {
		p[5] = 'x';
		char c = 0;
		pread(fd, &c, 1, 5);
		say("a private store stays private", "%c", c);
		munmap(p, PG);
	}
	close(fd);
	fd = open(name, O_WRONLY);
	ckmap("file opened O_WRONLY", mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0));
	close(fd);
	fd = open(name, O_RDONLY);
	ckmap("file opened O_RDONLY, MAP_SHARED PROT_WRITE", mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	close(fd);
	unlink(name);
}

void area_mmap(void)
{
	anon();
	files();
}
