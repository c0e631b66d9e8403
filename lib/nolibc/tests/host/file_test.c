/*
 * file_test.c: nolibc's streams on descriptors (LIBNOLIBC_FILES) against
 * glibc's on real host files: buffering (when bytes reach the descriptor),
 * stdout/stderr order, stdin on descriptor 0, fopen modes, random mixes of
 * reads, writes, seeks and pushbacks compared call by call with glibc,
 * fscanf, errors, exit flushing every stream, and the locks released.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "stubs.h"
#include "vfs_stub.h"

/* glibc's streams, as void * (its FILE is not ours). */
void *ref_fopen(const char *path, const char *mode) __asm__("fopen");
int ref_fclose(void *f) __asm__("fclose");
size_t ref_fwrite(const void *p, size_t size, size_t n, void *f) __asm__("fwrite");
size_t ref_fread(void *p, size_t size, size_t n, void *f) __asm__("fread");
int ref_fgetc(void *f) __asm__("fgetc");
int ref_fputc(int c, void *f) __asm__("fputc");
int ref_ungetc(int c, void *f) __asm__("ungetc");
char *ref_fgets(char *s, int n, void *f) __asm__("fgets");
int ref_fseek(void *f, long off, int whence) __asm__("fseek");
long ref_ftell(void *f) __asm__("ftell");
int ref_feof(void *f) __asm__("feof");
int ref_fscanf(void *f, const char *fmt, ...) __asm__("__isoc99_fscanf");
int ref_unlink(const char *path) __asm__("unlink");
int ref_rmdir(const char *path) __asm__("rmdir");

static const char *dir;
static char pathbuf[128];

static const char *path(const char *name)
{
	ref_snprintf(pathbuf, sizeof pathbuf, "%s/%s", dir, name);
	return pathbuf;
}

/* A whole host file into buf (NUL-terminated); its length, or -1. */
static long slurp(const char *p, char *buf, size_t size)
{
	int fd = open(p, O_RDONLY);
	long n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return n;
}

#define LOCKS_FREE() CHECK(stub_locks_held == 0, "%d locks still held", stub_locks_held)

static void stdout_line_buffered_on_fd1(void)
{
	stub_console_reset();
	stub_vfs_writes = 0;
	printf("no newline");
	CHECK(stub_vfs_writes == 0 && stub_console_len == 0, "written early: %d writes", stub_vfs_writes);
	printf(" yet\nrest");
	CHECK(!strcmp(stub_console, "no newline yet\n"), "console \"%s\"", stub_console);
	fprintf(stderr, "E");
	CHECK(!strcmp(stub_console, "no newline yet\nrestE"), "stderr did not flush stdout first: \"%s\"", stub_console);
	CHECK(stub_vfs_writes == 3, "%d writes (want 3)", stub_vfs_writes);
	CHECK(fileno(stdout) == 1 && fileno(stderr) == 2 && fileno(stdin) == 0, "standard descriptors");
	LOCKS_FREE();
}

static void full_buffering(void)
{
	char big[10000], back[10001];
	FILE *f = fopen(path("full"), "w");
	size_t i;

	CHECK(f != NULL, "fopen w: errno %d", errno);
	if (!f)
		return;
	for (i = 0; i < sizeof big; i++)
		big[i] = (char)('a' + i % 26);
	stub_vfs_writes = 0;
	fwrite(big, 1, 100, f);
	fputs("line\n", f); /* a file stream is not line buffered */
	CHECK(stub_vfs_writes == 0, "%d writes before the buffer filled", stub_vfs_writes);
	fwrite(big + 100, 1, 5000, f); /* larger than the buffer: written through */
	CHECK(stub_vfs_writes >= 1 && stub_vfs_writes <= 2, "%d writes", stub_vfs_writes);
	CHECK(ftell(f) == 5105, "ftell %ld", ftell(f));
	CHECK(fclose(f) == 0, "fclose");
	CHECK(slurp(path("full"), back, sizeof back) == 5105 && !memcmp(back, big, 100) &&
		      !memcmp(back + 100, "line\n", 5) && !memcmp(back + 105, big + 100, 5000),
	      "contents differ");
	LOCKS_FREE();
}

static void setvbuf_modes(void)
{
	char mine[16];
	FILE *f = fopen(path("vbuf"), "w");
	int i;

	if (!f)
		return;
	CHECK(setvbuf(f, NULL, 7, 0) == EOF, "bad mode accepted");
	setvbuf(f, NULL, _IONBF, 0);
	stub_vfs_writes = 0;
	fputc('a', f);
	fputs("bc", f);
	CHECK(stub_vfs_writes == 2, "unbuffered: %d writes (want 2)", stub_vfs_writes);
	setvbuf(f, NULL, _IOLBF, 0);
	stub_vfs_writes = 0;
	fputs("no newline", f);
	CHECK(stub_vfs_writes == 0, "line buffered wrote early");
	fputs(" now\n", f);
	CHECK(stub_vfs_writes == 1, "line buffered: %d writes", stub_vfs_writes);
	setvbuf(f, mine, _IOFBF, sizeof mine);
	stub_vfs_writes = 0;
	for (i = 0; i < 40; i++)
		fputc('0' + i % 10, f);
	CHECK(stub_vfs_writes == 2, "16-byte buffer: %d writes for 40 bytes", stub_vfs_writes);
	fclose(f);
	LOCKS_FREE();
}

static void fopen_modes_and_errors(void)
{
	char buf[64];
	FILE *f;

	errno = 0;
	CHECK(!fopen(path("missing"), "r") && errno == ENOENT, "fopen missing: errno %d", errno);
	errno = 0;
	CHECK(!fopen(path("x"), "q") && errno == EINVAL, "bad mode: errno %d", errno);
	f = fopen(path("m"), "wb");
	fputs("hello\n", f);
	fclose(f);
	errno = 0;
	CHECK(!fopen(path("m"), "wx") && errno == EEXIST, "wx on an existing file: errno %d", errno);
	f = fopen(path("m"), "ab");
	CHECK(ftell(f) == 6, "a starts at the end: %ld", ftell(f));
	fputs("more\n", f);
	fclose(f);
	f = fopen(path("m"), "rb");
	errno = 0;
	CHECK(fputc('x', f) == EOF && ferror(f) && errno == EBADF, "write to an r stream: errno %d", errno);
	clearerr(f);
	CHECK(fgets(buf, sizeof buf, f) && !strcmp(buf, "hello\n"), "fgets \"%s\"", buf);
	CHECK(fgets(buf, 3, f) && !strcmp(buf, "mo"), "fgets with n 3: \"%s\"", buf);
	CHECK(!fgets(buf, 1, f) || buf[0] == '\0', "fgets with n 1");
	fclose(f);
	f = fopen(path("m"), "w");
	stub_vfs_fail_writes = 1;
	fputs("lost", f);
	errno = 0;
	CHECK(fflush(f) == EOF && ferror(f) && errno == ENOSPC, "failed flush: errno %d", errno);
	stub_vfs_fail_writes = 0;
	CHECK(fclose(f) == 0, "fclose after a dropped flush");
	LOCKS_FREE();
}

/* One random step on both streams; returns 0 when they agree. */
enum { OP_WRITE, OP_PUTC, OP_GETC, OP_READ, OP_SEEK, OP_TELL, OP_UNGETC, OP_FLUSH, OP_GETS, OPS };

static void random_mix(const char *mode)
{
	char name_a[16], name_b[16], a[8192], b[8192], ba[64], bb[64];
	int last_dir = 0; /* 1 read, 2 write: C wants a seek between the two */
	FILE *f;
	void *g;
	int step, n, wh, last_op = -1, last_c = EOF;
	long ra, rb, off;

	ref_snprintf(name_a, sizeof name_a, "mix-%s-a", mode);
	ref_snprintf(name_b, sizeof name_b, "mix-%s-b", mode);
	/* the same starting contents */
	f = fopen(path(name_a), "w");
	g = ref_fopen(path(name_b), "w");
	for (n = 0; n < 3000; n++) {
		fputc('A' + n % 23, f);
		ref_fputc('A' + n % 23, g);
	}
	fclose(f);
	ref_fclose(g);
	f = fopen(path(name_a), mode);
	g = ref_fopen(path(name_b), mode);
	for (step = 0; step < 3000 && f && g; step++) {
		int op = (int)rnd_below(OPS), dir = op <= OP_PUTC ? 2 : op >= OP_GETC && op != OP_SEEK && op != OP_TELL && op != OP_FLUSH ? 1 : 0;

		if (dir && last_dir && dir != last_dir) {
			fseek(f, 0, SEEK_CUR);
			ref_fseek(g, 0, SEEK_CUR);
		}
		if (dir)
			last_dir = dir;
		switch (op) {
		case OP_WRITE:
			n = (int)rnd_below(sizeof ba);
			for (int i = 0; i < n; i++)
				ba[i] = (char)('a' + rnd_below(26));
			ra = (long)fwrite(ba, 1, (size_t)n, f);
			rb = (long)ref_fwrite(ba, 1, (size_t)n, g);
			break;
		case OP_PUTC:
			n = 'a' + (int)rnd_below(26);
			ra = fputc(n, f);
			rb = ref_fputc(n, g);
			break;
		case OP_GETC:
			ra = last_c = fgetc(f);
			rb = ref_fgetc(g);
			break;
		case OP_READ:
			n = (int)rnd_below(sizeof ba);
			ra = (long)fread(ba, 1, (size_t)n, f);
			rb = (long)ref_fread(bb, 1, (size_t)n, g);
			CHECK(ra != rb || !memcmp(ba, bb, (size_t)ra), "%s step %d: fread bytes differ", mode, step);
			break;
		case OP_SEEK:
			wh = (int)rnd_below(3);
			off = (long)rnd_below(4000) - (wh == SEEK_SET ? 0 : 2000);
			ra = fseek(f, off, wh);
			rb = ref_fseek(g, off, wh);
			last_dir = 0;
			break;
		case OP_TELL:
			ra = ftell(f);
			rb = ref_ftell(g);
			break;
		case OP_UNGETC:
			/* Only the byte just read: glibc's backup area for other
			 * bytes trips ASan (an internal free of a moved pointer). */
			if (last_op != OP_GETC || last_c == EOF) {
				ra = rb = 0;
				break;
			}
			ra = ungetc(last_c, f);
			rb = ref_ungetc(last_c, g);
			if (ra != EOF) { /* read it back at once: glibc allows more than one */
				ra = fgetc(f);
				rb = ref_fgetc(g);
			}
			break;
		case OP_FLUSH:
			ra = fflush(f);
			rb = ref_fflush(g);
			last_dir = 0;
			break;
		default:
			n = 1 + (int)rnd_below(sizeof ba - 1);
			ra = fgets(ba, n, f) ? (long)strlen(ba) : -1;
			rb = ref_fgets(bb, n, g) ? (long)strlen(bb) : -1;
			CHECK(ra != rb || ra < 0 || !memcmp(ba, bb, (size_t)ra), "%s step %d: fgets differ", mode, step);
			break;
		}
		CHECK(ra == rb, "%s step %d op %d: nolibc %ld, glibc %ld", mode, step, op, ra, rb);
		CHECK(feof(f) == !!ref_feof(g), "%s step %d op %d: feof differs", mode, step, op);
		if (ra != rb)
			break;
		last_op = op;
	}
	fclose(f);
	ref_fclose(g);
	ra = slurp(path(name_a), a, sizeof a);
	rb = slurp(path(name_b), b, sizeof b);
	CHECK(ra == rb && !memcmp(a, b, (size_t)ra), "%s: files differ (%ld and %ld bytes)", mode, ra, rb);
	LOCKS_FREE();
}

static void random_mixes(void)
{
	random_mix("r+");
	random_mix("w+");
	random_mix("a+");
}

static void fscanf_like_glibc(void)
{
	static const char text[] = "12 abc -0x1f 3.25e2 word\n7 8 9\n  nan x 077 1e500 end";
	char sa[32], sb[32];
	int ia = 0, ib = 0, ja = 0, jb = 0, ra, rb;
	double da = 0, db = 0;
	FILE *f = fopen(path("scan"), "w");
	void *g;

	fputs(text, f);
	fclose(f);
	f = fopen(path("scan"), "r");
	g = ref_fopen(path("scan"), "r");
	ra = fscanf(f, "%d %31s %i %lf", &ia, sa, &ja, &da);
	rb = ref_fscanf(g, "%d %31s %i %lf", &ib, sb, &jb, &db);
	CHECK(ra == rb && ia == ib && ja == jb && da == db && !strcmp(sa, sb), "first: %d/%d", ra, rb);
	for (int k = 0; k < 8; k++) {
		ra = fscanf(f, "%d", &ia);
		rb = ref_fscanf(g, "%d", &ib);
		CHECK(ra == rb && (ra != 1 || ia == ib), "%%d #%d: %d/%d, %d/%d", k, ra, rb, ia, ib);
		if (ra != 1) {
			ra = fscanf(f, "%31s", sa);
			rb = ref_fscanf(g, "%31s", sb);
			CHECK(ra == rb && (ra != 1 || !strcmp(sa, sb)), "%%s #%d: %d/%d", k, ra, rb);
		}
		CHECK(ftell(f) == ref_ftell(g), "#%d: ftell %ld/%ld", k, ftell(f), ref_ftell(g));
	}
	fclose(f);
	ref_fclose(g);
	LOCKS_FREE();
}

static void stdin_on_fd0(void)
{
	char line[32];
	int a = 0, b = 0;

	stub_stdin_reset("first line\n12 34\n");
	stub_console_reset();
	printf("prompt: ");
	CHECK(stub_console_len == 0, "prompt written early");
	CHECK(fgets(line, sizeof line, stdin) && !strcmp(line, "first line\n"), "fgets \"%s\"", line);
	CHECK(!strcmp(stub_console, "prompt: "), "reading stdin did not flush stdout: \"%s\"", stub_console);
	CHECK(scanf("%d %d", &a, &b) == 2 && a == 12 && b == 34, "scanf: %d %d", a, b);
	CHECK(getchar() == '\n' && getchar() == EOF && feof(stdin) && !ferror(stdin), "end of input");
	clearerr(stdin);
	stub_stdin_reset(NULL); /* descriptor 0 not open: end of file, no error */
	CHECK(getchar() == EOF && feof(stdin) && !ferror(stdin), "EBADF is not end of file");
	CHECK(ungetc('q', stdin) == 'q' && !feof(stdin) && getchar() == 'q', "ungetc on stdin");
	clearerr(stdin);
	LOCKS_FREE();
}

static void posix_wrappers(void)
{
	char buf[8];
	int fd;

	errno = 0;
	CHECK(open(path("nothere"), O_RDONLY) == -1 && errno == ENOENT, "open: errno %d", errno);
	fd = open(path("p"), O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd > 2, "open: %d", fd);
	CHECK(write(fd, "abcdef", 6) == 6 && lseek(fd, 1, SEEK_SET) == 1 && read(fd, buf, 2) == 2 && !memcmp(buf, "bc", 2),
	      "write/lseek/read");
	CHECK(pread(fd, buf, 2, 4) == 2 && !memcmp(buf, "ef", 2) && pwrite(fd, "Z", 1, 0) == 1, "pread/pwrite");
	errno = 0;
	CHECK(lseek(fd, -1, SEEK_SET) == -1 && errno == EINVAL, "lseek -1: errno %d", errno);
	CHECK(ftruncate(fd, 2) == 0 && fsync(fd) == 0 && fdatasync(fd) == 0, "ftruncate/fsync/fdatasync");
	CHECK(close(fd) == 0, "close");
	errno = 0;
	CHECK(close(fd) == -1 && errno == EBADF, "close twice: errno %d", errno);
	errno = 0;
	CHECK(read(fd, buf, 1) == -1 && errno == EBADF, "read closed: errno %d", errno);
}

static void exit_flushes_every_stream(void)
{
	ref_jmp_buf jb;
	char buf[32];
	FILE *f = fopen(path("atexit"), "w");

	fputs("pending data", f);
	stub_console_reset();
	printf("stdout too");
	stub_jump = &jb;
	if (ref_setjmp(jb) == 0)
		exit(0);
	stub_jump = NULL;
	CHECK(slurp(path("atexit"), buf, sizeof buf) == 12 && !strcmp(buf, "pending data"), "file \"%s\"", buf);
	CHECK(!strcmp(stub_console, "stdout too"), "console \"%s\"", stub_console);
	fclose(f);
}

static void cleanup(void)
{
	static const char *names[] = { "full", "vbuf", "m", "scan", "p", "atexit", "mix-r+-a", "mix-r+-b",
				       "mix-w+-a", "mix-w+-b", "mix-a+-a", "mix-a+-b" };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		ref_unlink(path(names[i]));
	ref_rmdir(dir);
}

int main(void)
{
	dir = stub_tmpdir();
	RUN(stdout_line_buffered_on_fd1);
	RUN(full_buffering);
	RUN(setvbuf_modes);
	RUN(fopen_modes_and_errors);
	RUN(random_mixes);
	RUN(fscanf_like_glibc);
	RUN(stdin_on_fd0);
	RUN(posix_wrappers);
	RUN(exit_flushes_every_stream);
	cleanup();
	return TESTS_DONE();
}
