/*
 * inflate_test.c: host tests of lib/inflate: files compressed by the
 * host's gzip (-1, -9, with and without a name; text, random, empty)
 * decompressed and compared, CRC-32's check value, a header CRC, and
 * corrupt files (every cut, every flipped byte, wrong CRC or size,
 * reserved types and flags, trailing data) refused, never a crash.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/inflate.h>
#include "hosttest.h"

static char tmp[] = "/tmp/inflate-test-XXXXXX";

static unsigned char *slurp(const char *name, size_t *n)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	return hosttest_slurp(path, n);
}

/* gunzip gz into a buffer of exactly its ISIZE bytes; the status. */
static int gunzip(const unsigned char *gz, size_t n, unsigned char **out, size_t *size,
		  struct ts_inflate_error *err)
{
	int r;

	*out = NULL;
	if (ts_gzip_size(gz, n, size) < 0)
		return -EINVAL;
	*out = malloc(*size ? *size : 1);
	r = ts_gunzip(gz, n, *out, *size, err);
	return r;
}

static void crc32_check_value(void)
{
	CHECK(ts_crc32(0, "123456789", 9) == 0xcbf43926u, "crc32: %08x", ts_crc32(0, "123456789", 9));
	CHECK(ts_crc32(ts_crc32(0, "1234", 4), "56789", 5) == 0xcbf43926u, "crc32 in two pieces");
}

static void host_gzip_files(void)
{
	const char *names[] = { "text", "random", "mixed", "empty", "one" };
	const char *kinds[] = { "1.gz", "9.gz", "n.gz" };

	for (int i = 0; i < 5; i++) {
		size_t n, rawn, gzn, size;
		unsigned char *raw = slurp(names[i], &rawn), *gz, *out;
		struct ts_inflate_error err = { 0 };

		for (int k = 0; k < 3; k++) {
			char gzname[64];
			snprintf(gzname, sizeof(gzname), "%s.%s", names[i], kinds[k]);
			gz = slurp(gzname, &gzn);
			CHECK(raw && gz, "%s missing", gzname);
			if (!raw || !gz)
				return;
			n = gzn;
			int r = gunzip(gz, n, &out, &size, &err);
			CHECK(r == 0 && size == rawn && !memcmp(out, raw, rawn), "%s: %d %s at %zu",
			      gzname, r, r ? err.what : "output differs", err.offset);
			free(out);
			free(gz);
		}
		free(raw);
	}
}

/* Every cut of a gzip file fails; every flipped byte past the header's
 * time/flags/OS fields fails or gives the same output (padding bits). */
static void corrupt_everywhere(void)
{
	size_t gzn, rawn, size;
	unsigned char *gz = slurp("small.9.gz", &gzn), *raw = slurp("small", &rawn), *out;
	struct ts_inflate_error err;
	int cut_ok = 0, flip_ok = 0;

	for (size_t len = 0; len < gzn; len++) {
		unsigned char *c = malloc(len ? len : 1);
		memcpy(c, gz, len);
		out = malloc(rawn);
		if (ts_gunzip(c, len, out, rawn, &err) == 0)
			cut_ok++;
		free(out);
		free(c);
	}
	CHECK(cut_ok == 0, "%d cut files decompressed", cut_ok);
	for (size_t i = 10; i < gzn; i++) {
		for (int bit = 0; bit < 8; bit += 3) {
			gz[i] ^= (unsigned char)(1 << bit);
			if (gunzip(gz, gzn, &out, &size, &err) == 0 && (size != rawn || memcmp(out, raw, rawn)))
				flip_ok++;
			free(out);
			gz[i] ^= (unsigned char)(1 << bit);
		}
	}
	CHECK(flip_ok == 0, "%d flipped files gave other data without an error", flip_ok);
	free(gz);
	free(raw);
}

static void expect(const char *label, const unsigned char *gz, size_t n, size_t size, int want,
		   const char *why)
{
	unsigned char *out = malloc(size ? size : 1);
	struct ts_inflate_error err = { "", 0 };
	int r = ts_gunzip(gz, n, out, size, &err);

	CHECK(r == want && (want == 0 || strstr(err.what, why)), "%s: %d (%s), want %d (%s)", label, r,
	      err.what, want, why);
	free(out);
}

static void bad_files(void)
{
	size_t n, rawn;
	unsigned char *gz = slurp("text.n.gz", &n), *raw = slurp("text", &rawn);
	unsigned char *big = malloc(n + 64);

	memcpy(big, gz, n);
	expect("as made", big, n, rawn, 0, "");
	big[n - 5] ^= 1;
	expect("CRC-32 wrong", big, n, rawn, -EBADMSG, "CRC-32");
	big[n - 5] ^= 1;
	expect("size one less", big, n, rawn - 1, -ENOSPC, "larger");
	expect("size one more", big, n, rawn + 1, -EBADMSG, "size");
	big[n - 4] ^= 1;
	expect("ISIZE wrong", big, n, rawn, -EBADMSG, "size");
	big[n - 4] ^= 1;
	big[2] = 7;
	expect("method 7", big, n, rawn, -EOPNOTSUPP, "method");
	big[2] = 8;
	big[3] = 0x20;
	expect("reserved flag", big, n, rawn, -EINVAL, "reserved flag");
	big[3] = 0x10; /* FCOMMENT: what follows is read as a comment, then garbage */
	unsigned char *out = malloc(rawn);
	struct ts_inflate_error err;
	CHECK(ts_gunzip(big, n, out, rawn, &err) < 0, "a comment flag on a file without one");
	free(out);
	memset(big + 10, 'a', n - 10);
	expect("comment not terminated", big, n, rawn, -EINVAL, "comment not terminated");
	memcpy(big, gz, n);
	big[3] = 0;
	memset(big + n, 0, 8);
	expect("zeros after the member", big, n + 8, rawn, 0, "");
	big[n + 3] = 'x';
	expect("data after the member", big, n + 8, rawn, -EOPNOTSUPP, "after");
	expect("not gzip", (const unsigned char *)"hello, world, not gzip", 22, 5, -EINVAL, "not a gzip");

	/* A header CRC: FHCRC over a 10-byte header, then the same stream. */
	unsigned char *h = malloc(n + 2);
	memcpy(h, gz, 10);
	h[3] = 2;
	uint32_t crc = ts_crc32(0, h, 10);
	h[10] = (unsigned char)crc;
	h[11] = (unsigned char)(crc >> 8);
	memcpy(h + 12, gz + 10, n - 10);
	expect("header CRC right", h, n + 2, rawn, 0, "");
	h[10] ^= 1;
	expect("header CRC wrong", h, n + 2, rawn, -EBADMSG, "header CRC");
	free(h);
	free(big);
	free(gz);
	free(raw);
}

static void raw_streams(void)
{
	unsigned char out[64];
	size_t used = 0, len = 0;
	struct ts_inflate_error err = { "", 0 };
	/* BFINAL=1 BTYPE=11: reserved */
	CHECK(ts_inflate("\x07", 1, out, sizeof(out), &used, &len, &err) == -EINVAL &&
	      strstr(err.what, "reserved"), "type 3: %s", err.what);
	/* a stored block of 5 bytes whose NLEN is not ~LEN */
	CHECK(ts_inflate("\x01\x05\x00\x00\x00hello", 10, out, sizeof(out), &used, &len, &err) == -EINVAL,
	      "stored NLEN: %s", err.what);
	CHECK(ts_inflate("\x01\x05\x00\xfa\xffhello", 10, out, sizeof(out), &used, &len, &err) == 0 &&
	      len == 5 && used == 10 && !memcmp(out, "hello", 5), "stored block: %s", err.what);
	CHECK(ts_inflate("\x01\x05\x00\xfa\xffhello", 10, out, 4, &used, &len, &err) == -ENOSPC,
	      "stored block into 4 bytes");
	CHECK(ts_inflate("\x01\x05\x00\xfa\xffhell", 9, out, sizeof(out), &used, &len, &err) == -EINVAL,
	      "stored block cut");
	/* an empty fixed block */
	CHECK(ts_inflate("\x03\x00", 2, out, sizeof(out), &used, &len, &err) == 0 && len == 0 &&
	      used == 2, "empty fixed block: %s", err.what);
	/* fixed block: a match (length 3, distance 1) with no output before */
	CHECK(ts_inflate("\x03\x02\x00", 3, out, sizeof(out), &used, &len, &err) == -EINVAL &&
	      strstr(err.what, "distance"), "match before any output: %s", err.what);
	/* dynamic block header claiming 287 + 30 codes */
	CHECK(ts_inflate("\xf5\xff", 2, out, sizeof(out), &used, &len, &err) == -EINVAL,
	      "too many codes: %s", err.what);
	CHECK(ts_inflate("", 0, out, sizeof(out), &used, &len, &err) == -EINVAL, "empty input");
}

int main(void)
{
	char cmd[1024];

	if (!mkdtemp(tmp) || (snprintf(cmd, sizeof(cmd),
		 "set -e; cd %s; seq 1 60000 > text; head -c 200000 /dev/urandom > random;"
		 " (cat text; head -c 5000 /dev/urandom; seq 1 3000) > mixed; : > empty; printf x > one;"
		 " for f in text random mixed empty one; do gzip -1 -c $f > $f.1.gz; gzip -9 -c $f > $f.9.gz;"
		 " gzip -9 -n < $f > $f.n.gz; done;"
		 " (seq 1 400; head -c 200 /dev/urandom) > small; gzip -9 -c small > small.9.gz", tmp), system(cmd)) != 0) {
		printf("FAIL setup: could not make gzip files\n");
		return 1;
	}
	hosttest_run("inflate: CRC-32 check value", crc32_check_value);
	hosttest_run("inflate: gzip -1/-9/-n files of the host", host_gzip_files);
	hosttest_run("inflate: cut or flipped anywhere, an error", corrupt_everywhere);
	hosttest_run("inflate: bad gzip files refused", bad_files);
	hosttest_run("inflate: raw DEFLATE streams", raw_streams);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	system(cmd);
	return hosttest_status();
}
