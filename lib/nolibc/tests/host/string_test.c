/*
 * string_test.c: nolibc's mem*, str*, strings.h, strdup, strerror and
 * ctype against the host glibc, on random inputs: lengths 0..300,
 * alignment offsets 0..15, overlapping memmove. Every input buffer is
 * allocated to its exact size, so ASan catches any read past the end.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "check.h"
#include "stubs.h"

/* The host's versions. */
void *ref_memcpy(void *d, const void *s, size_t n) __asm__("memcpy");
void *ref_memmove(void *d, const void *s, size_t n) __asm__("memmove");
void *ref_memset(void *d, int c, size_t n) __asm__("memset");
int ref_memcmp(const void *a, const void *b, size_t n) __asm__("memcmp");
void *ref_memchr(const void *s, int c, size_t n) __asm__("memchr");
size_t ref_strlen(const char *s) __asm__("strlen");
size_t ref_strnlen(const char *s, size_t n) __asm__("strnlen");
int ref_strcmp(const char *a, const char *b) __asm__("strcmp");
int ref_strncmp(const char *a, const char *b, size_t n) __asm__("strncmp");
int ref_strcasecmp(const char *a, const char *b) __asm__("strcasecmp");
int ref_strncasecmp(const char *a, const char *b, size_t n) __asm__("strncasecmp");
char *ref_strcpy(char *d, const char *s) __asm__("strcpy");
char *ref_strncpy(char *d, const char *s, size_t n) __asm__("strncpy");
char *ref_strcat(char *d, const char *s) __asm__("strcat");
char *ref_strncat(char *d, const char *s, size_t n) __asm__("strncat");
char *ref_strchr(const char *s, int c) __asm__("strchr");
char *ref_strrchr(const char *s, int c) __asm__("strrchr");
char *ref_strstr(const char *h, const char *n) __asm__("strstr");
char *ref_strpbrk(const char *s, const char *a) __asm__("strpbrk");
size_t ref_strspn(const char *s, const char *a) __asm__("strspn");
size_t ref_strcspn(const char *s, const char *r) __asm__("strcspn");
char *ref_strtok_r(char *s, const char *d, char **save) __asm__("strtok_r");
char *ref_strerror(int e) __asm__("strerror");
int ref_isalnum(int c) __asm__("isalnum");
int ref_isalpha(int c) __asm__("isalpha");
int ref_isblank(int c) __asm__("isblank");
int ref_iscntrl(int c) __asm__("iscntrl");
int ref_isdigit(int c) __asm__("isdigit");
int ref_isgraph(int c) __asm__("isgraph");
int ref_islower(int c) __asm__("islower");
int ref_isprint(int c) __asm__("isprint");
int ref_ispunct(int c) __asm__("ispunct");
int ref_isspace(int c) __asm__("isspace");
int ref_isupper(int c) __asm__("isupper");
int ref_isxdigit(int c) __asm__("isxdigit");
int ref_tolower(int c) __asm__("tolower");
int ref_toupper(int c) __asm__("toupper");

#define ROUNDS 20000
#define MAXLEN 300

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* A host-heap buffer of exactly n bytes placed at alignment offset off. */
struct buf {
	char *base, *p;
};

static struct buf buf_new(size_t n, size_t off)
{
	struct buf b;

	b.base = ref_malloc(n + off ? n + off : 1);
	b.p = b.base + off;
	return b;
}

/*
 * Random bytes from a small alphabet (so that searches hit and strings
 * share prefixes), never NUL when text is set.
 */
static void fill(char *p, size_t n, int text)
{
	static const char alpha[] = "abcAB \t-\xe9";
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = text ? alpha[rnd_below(sizeof alpha - 1)] : (char)rnd();
}

/* A random string of length up to max in an exact-size buffer. */
static struct buf rand_str(size_t max, size_t *len)
{
	size_t n = rnd_below(max + 1);
	struct buf b = buf_new(n + 1, rnd_below(16));

	fill(b.p, n, 1);
	b.p[n] = '\0';
	if (len)
		*len = n;
	return b;
}

static void mem_copy_fill(void)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t n = rnd_below(MAXLEN + 1), so = rnd_below(16), doff = rnd_below(16);
		struct buf src = buf_new(n, so), d1 = buf_new(n, doff), d2 = buf_new(n, doff);
		int c = (int)rnd_below(512) - 256;
		void *r;

		fill(src.p, n, 0);
		fill(d1.p, n, 0);
		ref_memcpy(d2.p, d1.p, n);
		r = memcpy(d1.p, src.p, n);
		CHECK(r == d1.p && !ref_memcmp(d1.p, src.p, n), "memcpy n=%zu offs %zu/%zu", n, so, doff);
		r = memset(d1.p, c, n);
		ref_memset(d2.p, c, n);
		CHECK(r == d1.p && !ref_memcmp(d1.p, d2.p, n), "memset n=%zu c=%d off %zu", n, c, doff);
		ref_free(src.base);
		ref_free(d1.base);
		ref_free(d2.base);
	}
}

/* memmove within one buffer, source and destination overlapping either way. */
static void mem_move_overlap(void)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t total = rnd_below(MAXLEN + 1) + 1, n = rnd_below(total + 1);
		size_t s = rnd_below(total - n + 1), d = rnd_below(total - n + 1);
		struct buf a = buf_new(total, rnd_below(16)), b = buf_new(total, 0);
		void *r;

		fill(a.p, total, 0);
		ref_memcpy(b.p, a.p, total);
		r = memmove(a.p + d, a.p + s, n);
		ref_memmove(b.p + d, b.p + s, n);
		CHECK(r == a.p + d && !ref_memcmp(a.p, b.p, total), "memmove total=%zu n=%zu src=%zu dst=%zu",
		      total, n, s, d);
		ref_free(a.base);
		ref_free(b.base);
	}
}

static void mem_compare_search(void)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t n = rnd_below(MAXLEN + 1), k;
		struct buf a = buf_new(n, rnd_below(16)), b = buf_new(n, rnd_below(16));
		int c = (int)rnd_below(512) - 256;

		fill(a.p, n, 1);
		ref_memcpy(b.p, a.p, n);
		if (n && (i & 1)) { /* make them differ somewhere, sometimes in the sign bit */
			k = rnd_below(n);
			b.p[k] = i & 2 ? (char)rnd() : (char)(a.p[k] ^ 0x80);
		}
		CHECK(sign(memcmp(a.p, b.p, n)) == sign(ref_memcmp(a.p, b.p, n)), "memcmp n=%zu", n);
		if (i & 4)
			c = n ? (unsigned char)a.p[rnd_below(n)] : 'a';
		CHECK(memchr(a.p, c, n) == ref_memchr(a.p, c, n), "memchr n=%zu c=%d", n, c);
		ref_free(a.base);
		ref_free(b.base);
	}
}

static void str_length_compare(void)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t la, lb, k = rnd_below(MAXLEN + 20);
		struct buf a = rand_str(MAXLEN, &la), b;

		/* b: a copy of a with a random change and a random length */
		b = buf_new(la + 1, rnd_below(16));
		ref_memcpy(b.p, a.p, la + 1);
		lb = la;
		if (la && (i & 1))
			b.p[rnd_below(la)] = "aAbB\xe9z"[rnd_below(6)];
		if (la && (i & 2))
			b.p[lb = rnd_below(la)] = '\0';
		CHECK(strlen(a.p) == la, "strlen %zu", la);
		CHECK(strnlen(a.p, k) == ref_strnlen(a.p, k), "strnlen %zu %zu", la, k);
		CHECK(sign(strcmp(a.p, b.p)) == sign(ref_strcmp(a.p, b.p)), "strcmp \"%s\" \"%s\"", a.p, b.p);
		CHECK(sign(strncmp(a.p, b.p, k)) == sign(ref_strncmp(a.p, b.p, k)), "strncmp %zu", k);
		CHECK(sign(strcasecmp(a.p, b.p)) == sign(ref_strcasecmp(a.p, b.p)), "strcasecmp \"%s\" \"%s\"",
		      a.p, b.p);
		CHECK(sign(strncasecmp(a.p, b.p, k)) == sign(ref_strncasecmp(a.p, b.p, k)),
		      "strncasecmp %zu", k);
		(void)lb;
		ref_free(a.base);
		ref_free(b.base);
	}
}

/*
 * Both destinations get the same fresh random bytes before each call (and
 * the string to append to, for strcat): never what an earlier call left
 * there, so a function that writes nothing, or too little, cannot pass on
 * its predecessor's work.
 */
static void poison(struct buf d1, struct buf d2, size_t cap, const struct buf *prefix, size_t len)
{
	fill(d1.p, cap, 0);
	if (prefix)
		ref_memcpy(d1.p, prefix->p, len + 1);
	ref_memcpy(d2.p, d1.p, cap);
}

static void str_copy_concat(void)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t ls, ld, n = rnd_below(MAXLEN / 2 + 10), cap;
		struct buf s = rand_str(MAXLEN / 2, &ls), d0 = rand_str(MAXLEN / 2, &ld), d1, d2;
		char *r;

		cap = ld + (ls > n ? ls : n) + 1; /* exactly enough for every call below */
		d1 = buf_new(cap, rnd_below(16));
		d2 = buf_new(cap, 0);

		poison(d1, d2, cap, NULL, 0);
		r = strcpy(d1.p, s.p);
		ref_strcpy(d2.p, s.p);
		CHECK(r == d1.p && !ref_memcmp(d1.p, d2.p, cap), "strcpy %zu", ls);
		poison(d1, d2, cap, NULL, 0);
		r = strncpy(d1.p, s.p, n);
		ref_strncpy(d2.p, s.p, n);
		CHECK(r == d1.p && !ref_memcmp(d1.p, d2.p, cap), "strncpy %zu %zu", ls, n);

		poison(d1, d2, cap, &d0, ld);
		r = strcat(d1.p, s.p);
		ref_strcat(d2.p, s.p);
		CHECK(r == d1.p && !ref_memcmp(d1.p, d2.p, cap), "strcat %zu+%zu", ld, ls);
		poison(d1, d2, cap, &d0, ld);
		r = strncat(d1.p, s.p, n);
		ref_strncat(d2.p, s.p, n);
		CHECK(r == d1.p && !ref_memcmp(d1.p, d2.p, cap), "strncat %zu+%zu n=%zu", ld, ls, n);
		ref_free(s.base);
		ref_free(d0.base);
		ref_free(d1.base);
		ref_free(d2.base);
	}
}

static void str_search(void)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t lh, ln, la;
		struct buf h = rand_str(MAXLEN, &lh), n, a = rand_str(4, &la);
		int c = (int)rnd_below(512) - 256;

		if (i & 1) { /* a needle cut from the haystack, so that it is found */
			size_t at = rnd_below(lh + 1), len = rnd_below(lh - at + 1);

			if (len > 8)
				len = 8;
			n = buf_new(len + 1, rnd_below(16));
			ref_memcpy(n.p, h.p + at, len);
			n.p[len] = '\0';
		} else {
			n = rand_str(3, &ln);
		}
		if (i & 2)
			c = lh ? h.p[rnd_below(lh)] : 0;
		CHECK(strchr(h.p, c) == ref_strchr(h.p, c), "strchr c=%d in \"%s\"", c, h.p);
		CHECK(strrchr(h.p, c) == ref_strrchr(h.p, c), "strrchr c=%d in \"%s\"", c, h.p);
		CHECK(strstr(h.p, n.p) == ref_strstr(h.p, n.p), "strstr \"%s\" in \"%s\"", n.p, h.p);
		CHECK(strspn(h.p, a.p) == ref_strspn(h.p, a.p), "strspn \"%s\" \"%s\"", h.p, a.p);
		CHECK(strcspn(h.p, a.p) == ref_strcspn(h.p, a.p), "strcspn \"%s\" \"%s\"", h.p, a.p);
		CHECK(strpbrk(h.p, a.p) == ref_strpbrk(h.p, a.p), "strpbrk \"%s\" \"%s\"", h.p, a.p);
		ref_free(h.base);
		ref_free(n.base);
		ref_free(a.base);
	}
}

static void str_tokens(void)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t len, ld;
		struct buf s1 = rand_str(MAXLEN / 4, &len), s2 = buf_new(len + 1, 0), d = rand_str(3, &ld);
		char *save1 = NULL, *save2 = NULL, *t1, *t2;
		int first = 1;

		ref_memcpy(s2.p, s1.p, len + 1);
		do {
			t1 = strtok_r(first ? s1.p : NULL, d.p, &save1);
			t2 = ref_strtok_r(first ? s2.p : NULL, d.p, &save2);
			first = 0;
			CHECK((t1 ? t1 - s1.p : -1) == (t2 ? t2 - s2.p : -1), "strtok_r token at %td vs %td",
			      t1 ? t1 - s1.p : -1, t2 ? t2 - s2.p : -1);
		} while (t1 && t2);
		CHECK(!ref_memcmp(s1.p, s2.p, len + 1), "strtok_r left different strings");
		ref_free(s1.base);
		ref_free(s2.base);
		ref_free(d.base);
	}
	{ /* strtok keeps its own position */
		char s[] = ",,a,bc,,d,";
		char *t[5];

		t[0] = strtok(s, ",");
		t[1] = strtok(NULL, ",");
		t[2] = strtok(NULL, ",");
		t[3] = strtok(NULL, ",");
		t[4] = strtok(NULL, ",");
		CHECK(t[0] == s + 2 && t[1] == s + 4 && t[2] == s + 8 && !t[3] && !t[4] &&
			      !strcmp(t[1], "bc"),
		      "strtok tokens");
	}
}

static void str_dup(void)
{
	int i;

	for (i = 0; i < 500; i++) {
		size_t len, n = rnd_below(MAXLEN);
		struct buf s = rand_str(MAXLEN, &len);
		char *d = strdup(s.p), *e = strndup(s.p, n);

		CHECK(d && !ref_strcmp(d, s.p), "strdup %zu", len);
		CHECK(e && ref_strlen(e) == (n < len ? n : len) && !ref_strncmp(e, s.p, n), "strndup %zu %zu",
		      len, n);
		free(d);
		free(e);
		ref_free(s.base);
	}
	stub_heap_fail = 1;
	errno = 0;
	CHECK(!strdup("x") && errno == ENOMEM, "strdup without memory: errno %d", errno);
	stub_heap_fail = 0;
}

/* strerror's texts are glibc's for every errno value nolibc defines: this also checks the numbers. */
static void str_error(void)
{
	static const int defined[] = {
		EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN,
		ENOMEM, EACCES, EFAULT, ENOTBLK, EBUSY, EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR,
		EINVAL, ENFILE, EMFILE, ENOTTY, ETXTBSY, EFBIG, ENOSPC, ESPIPE, EROFS, EMLINK, EPIPE,
		EDOM, ERANGE, EDEADLK, ENAMETOOLONG, ENOLCK, ENOSYS, ENOTEMPTY, ELOOP, ENOMSG, EIDRM,
		ENODATA, ETIME, ENOLINK, EPROTO, EMULTIHOP, EBADMSG, EOVERFLOW, EILSEQ, ENOTSOCK,
		EDESTADDRREQ, EMSGSIZE, EPROTOTYPE, ENOPROTOOPT, EPROTONOSUPPORT, ESOCKTNOSUPPORT,
		EOPNOTSUPP, EPFNOSUPPORT, EAFNOSUPPORT, EADDRINUSE, EADDRNOTAVAIL, ENETDOWN,
		ENETUNREACH, ENETRESET, ECONNABORTED, ECONNRESET, ENOBUFS, EISCONN, ENOTCONN,
		ESHUTDOWN, ETIMEDOUT, ECONNREFUSED, EHOSTDOWN, EHOSTUNREACH, EALREADY, EINPROGRESS,
		ESTALE, EDQUOT, ECANCELED, EOWNERDEAD, ENOTRECOVERABLE, 0,
	};
	size_t i;

	for (i = 0; i < sizeof defined / sizeof *defined; i++)
		CHECK(!ref_strcmp(strerror(defined[i]), ref_strerror(defined[i])), "strerror(%d) \"%s\" vs \"%s\"",
		      defined[i], strerror(defined[i]), ref_strerror(defined[i]));
	CHECK(ENOTSUP == EOPNOTSUPP && EWOULDBLOCK == EAGAIN, "errno aliases");
	CHECK(!ref_strcmp(strerror(-1), "Unknown error") && !ref_strcmp(strerror(256 + EPERM), "Unknown error") &&
		      !ref_strcmp(strerror(41), "Unknown error"),
	      "unknown errno values");
}

static void ctype_classes(void)
{
	static int (*const mine[])(int) = { isalnum, isalpha, isblank, iscntrl, isdigit, isgraph, islower,
					    isprint, ispunct, isspace, isupper, isxdigit };
	static int (*const ref[])(int) = { ref_isalnum, ref_isalpha, ref_isblank, ref_iscntrl,
					   ref_isdigit, ref_isgraph, ref_islower, ref_isprint,
					   ref_ispunct, ref_isspace, ref_isupper, ref_isxdigit };
	size_t k;
	int c;

	for (c = -1; c < 256; c++) { /* EOF and every unsigned char */
		for (k = 0; k < sizeof mine / sizeof *mine; k++)
			CHECK(!mine[k](c) == !ref[k](c), "class %zu of %d", k, c);
		CHECK(tolower(c) == ref_tolower(c) && toupper(c) == ref_toupper(c), "case of %d", c);
	}
}

int main(void)
{
	RUN(mem_copy_fill);
	RUN(mem_move_overlap);
	RUN(mem_compare_search);
	RUN(str_length_compare);
	RUN(str_copy_concat);
	RUN(str_search);
	RUN(str_tokens);
	RUN(str_dup);
	RUN(str_error);
	RUN(ctype_classes);
	return TESTS_DONE();
}
