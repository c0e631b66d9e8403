/* oci-unit.c - host unit tests of tess's OCI pieces: SHA-256, the JSON reader and writer, HTTP response parsing and the client against canned servers, image references and manifests. */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hosttest.h"
#include "../http.h"
#include "../json.h"
#include "../oci.h"
#include "../sha256.h"
#include "../tess.h"

/* ---- SHA-256: FIPS 180-4 / NIST CAVP examples ---- */

static void sha_vectors(void)
{
	char hex[TESS_SHA256_HEX + 1];
	static const char *const msg448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	tess_sha256_hex("", 0, hex);
	CHECK(!strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), "empty: %s", hex);
	tess_sha256_hex("abc", 3, hex);
	CHECK(!strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "abc: %s", hex);
	tess_sha256_hex(msg448, strlen(msg448), hex);
	CHECK(!strcmp(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"), "448 bits: %s", hex);
}

static void sha_million(void)
{
	struct tess_sha256 s;
	char hex[TESS_SHA256_HEX + 1], a[1000];

	memset(a, 'a', sizeof(a));
	tess_sha256_init(&s);
	for (int i = 0; i < 1000; i++)
		tess_sha256_update(&s, a, sizeof(a));
	tess_sha256_final_hex(&s, hex);
	CHECK(!strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"), "a x 10^6: %s", hex);
}

/* Any split of the input into updates gives the one-shot digest, across
 * every padding boundary (55, 56, 63, 64, 65 bytes ...). */
static void sha_splits(void)
{
	unsigned char buf[300];
	char one[TESS_SHA256_HEX + 1], parts[TESS_SHA256_HEX + 1];

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 7 + 3);
	for (size_t n = 0; n <= sizeof(buf); n += 1) {
		struct tess_sha256 s;
		size_t step = n % 13 + 1;

		tess_sha256_hex(buf, n, one);
		tess_sha256_init(&s);
		for (size_t off = 0; off < n; off += step)
			tess_sha256_update(&s, buf + off, n - off < step ? n - off : step);
		tess_sha256_final_hex(&s, parts);
		CHECK(!strcmp(one, parts), "length %zu step %zu differs", n, step);
	}
}

/* ---- JSON ---- */

static struct tess_json *parse(const char *s)
{
	char err[128];

	return tess_json_parse(s, strlen(s), err, sizeof(err));
}

static void json_good(void)
{
	struct tess_json *v = parse(" {\"a\": [1, -2, 3.5e2, true, false, null], \"b\": \"x\\u00e9\\ud83d\\ude00\\n\","
				    "\"big\": 9223372036854775807, \"neg\": -9223372036854775808, \"over\": 9223372036854775808}\n");
	const struct tess_json *a, *n;

	CHECK(v && v->type == TESS_JSON_OBJECT && v->n == 5, "object not parsed");
	if (!v)
		return;
	a = tess_json_get(v, "a");
	CHECK(a && a->type == TESS_JSON_ARRAY && a->n == 6, "array");
	CHECK(a && a->items[0]->is_int && a->items[0]->num == 1 && a->items[1]->num == -2, "ints");
	CHECK(a && a->items[2]->type == TESS_JSON_NUMBER && !a->items[2]->is_int, "3.5e2 is not an int");
	CHECK(a && a->items[3]->type == TESS_JSON_TRUE && a->items[5]->type == TESS_JSON_NULL, "literals");
	CHECK(!strcmp(tess_json_get_str(v, "b"), "x\xc3\xa9\xf0\x9f\x98\x80\n"), "escapes: %s", tess_json_get_str(v, "b"));
	n = tess_json_get(v, "big");
	CHECK(n && n->is_int && n->num == INT64_MAX, "INT64_MAX");
	n = tess_json_get(v, "neg");
	CHECK(n && n->is_int && n->num == INT64_MIN, "INT64_MIN");
	n = tess_json_get(v, "over");
	CHECK(n && n->type == TESS_JSON_NUMBER && !n->is_int, "above INT64_MAX is no int");
	CHECK(!tess_json_get(v, "missing") && !tess_json_get_str(v, "a"), "lookups");
	tess_json_free(v);
}

static void json_bad(void)
{
	static const char *const bad[] = {
		"", " ", "{", "}", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":1}x",
		"01", "1.", ".5", "-", "1e", "+1", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"",
		"\"\\udc00\"", "\"\\u0000\"", "\"a\nb\"", "\"\xff\"", "\"\xc0\x80\"", "\"\xed\xa0\x80\"",
		"tru", "nul", "[1 2]", "{\"a\":1,\"a\":2}", "NaN", "Infinity", "\"\xf4\x90\x80\x80\"",
	};
	char err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tess_json *v = tess_json_parse(bad[i], strlen(bad[i]), err, sizeof(err));

		CHECK(!v, "accepted bad document #%zu '%s'", i, bad[i]);
		CHECK(strstr(err, "at byte"), "no position in '%s'", err);
		tess_json_free(v);
	}
}

static void json_depth(void)
{
	char deep[2 * TESS_JSON_MAX_DEPTH + 10];
	size_t d;
	struct tess_json *v;

	for (d = TESS_JSON_MAX_DEPTH - 1; d <= TESS_JSON_MAX_DEPTH + 1; d++) {
		memset(deep, '[', d);
		memset(deep + d, ']', d);
		v = tess_json_parse(deep, 2 * d, NULL, 0);
		CHECK(d <= TESS_JSON_MAX_DEPTH ? v != NULL : v == NULL, "depth %zu", d);
		tess_json_free(v);
	}
}

/* What the writer makes, the reader reads back the same. */
static void json_roundtrip(void)
{
	struct tess_jw w = { 0 };
	struct tess_json *v;
	const struct tess_json *arr;
	char *text;
	size_t len;

	tess_jw_obj(&w);
	tess_jw_kstr(&w, "s", "quote\" back\\ nl\n tab\t ctl\x01 utf8 \xc3\xa9");
	tess_jw_kint(&w, "i", -42);
	tess_jw_key(&w, "a");
	tess_jw_arr(&w);
	tess_jw_int(&w, 1);
	tess_jw_obj(&w);
	tess_jw_obj_end(&w);
	tess_jw_arr(&w);
	tess_jw_arr_end(&w);
	tess_jw_str(&w, "");
	tess_jw_arr_end(&w);
	tess_jw_obj_end(&w);
	text = tess_jw_take(&w, &len);
	v = tess_json_parse(text, len, NULL, 0);
	CHECK(v != NULL, "writer output not JSON: %s", text);
	if (v) {
		CHECK(!strcmp(tess_json_get_str(v, "s"), "quote\" back\\ nl\n tab\t ctl\x01 utf8 \xc3\xa9"), "string");
		CHECK(tess_json_get(v, "i")->num == -42, "int");
		arr = tess_json_get(v, "a");
		CHECK(arr && arr->n == 4 && arr->items[1]->type == TESS_JSON_OBJECT &&
		      arr->items[2]->type == TESS_JSON_ARRAY && arr->items[3]->str[0] == 0, "array: %s", text);
	}
	CHECK(!strchr(text, '\n'), "compact output: %s", text);
	tess_json_free(v);
	free(text);
}

/* ---- HTTP response parsing ---- */

static void http_head(void)
{
	static const char ok[] = "HTTP/1.1 201 Created\r\nLocation: /v2/x/blobs/uploads/abc?_state=1\r\n"
				 "content-length: 12\r\nDocker-Content-Digest:  sha256:00 \r\n\r\nbody";
	struct tess_http_resp r = { 0 };
	char err[128];
	long n = tess_http_parse_head(ok, sizeof(ok) - 1, &r, err, sizeof(err));

	CHECK(n == (long)(sizeof(ok) - 1 - 4), "head length %ld", n);
	CHECK(r.status == 201 && r.content_length == 12, "status %d length %lld", r.status, (long long)r.content_length);
	CHECK(r.location && !strcmp(r.location, "/v2/x/blobs/uploads/abc?_state=1"), "location");
	CHECK(r.digest && !strcmp(r.digest, "sha256:00"), "digest trimmed: '%s'", r.digest);
	tess_http_resp_free(&r);
	CHECK(tess_http_parse_head(ok, 30, &r, err, sizeof(err)) == 0, "incomplete head is 0");
	tess_http_resp_free(&r);
}

static void http_head_bad(void)
{
	static const char *const bad[] = {
		"HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 600 X\r\n\r\n", "HTTX/1.1 200 OK\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
		"HTTP/1.1 200 OK\r\nA\nB: c\r\n\r\n", "\r\n\r\n",
	};
	char err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tess_http_resp r = { 0 };

		CHECK(tess_http_parse_head(bad[i], strlen(bad[i]), &r, err, sizeof(err)) < 0, "accepted #%zu", i);
		tess_http_resp_free(&r);
	}
	{
		char *big = malloc(TESS_HTTP_HEAD_MAX + 10);
		struct tess_http_resp r = { 0 };

		memset(big, 'a', TESS_HTTP_HEAD_MAX + 10);
		CHECK(tess_http_parse_head(big, TESS_HTTP_HEAD_MAX + 10, &r, err, sizeof(err)) < 0, "huge head accepted");
		free(big);
	}
}

struct collect {
	char buf[256];
	size_t n;
};

static int collect(void *ctx, const void *data, size_t n, char *err, size_t err_len)
{
	struct collect *c = ctx;

	(void)err; (void)err_len;
	if (c->n + n > sizeof(c->buf))
		return -1;
	memcpy(c->buf + c->n, data, n);
	c->n += n;
	return 0;
}

/* A chunked body gives the same bytes fed whole or one byte at a time. */
static void http_chunked(void)
{
	static const char body[] = "4\r\nWiki\r\n6;ext=1\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-T: y\r\n\r\nEXTRA";
	static const char want[] = "Wikipedia in \r\n\r\nchunks.";
	char err[128];

	for (int bytewise = 0; bytewise < 2; bytewise++) {
		struct tess_http_chunked ch = { 0 };
		struct collect c = { .n = 0 };
		size_t off = 0;
		int done = 0;

		while (!done && off < sizeof(body) - 1) {
			size_t n = bytewise ? 1 : sizeof(body) - 1 - off;
			long used = tess_http_chunked_feed(&ch, body + off, n, collect, &c, &done, err, sizeof(err));

			CHECK(used >= 0, "error %s", err);
			if (used < 0)
				return;
			off += (size_t)used;
		}
		CHECK(done && c.n == sizeof(want) - 1 && !memcmp(c.buf, want, c.n), "decoded '%.*s'", (int)c.n, c.buf);
		CHECK(!strcmp(body + off, "EXTRA"), "stopped at '%s'", body + off);
	}
}

static void http_chunked_bad(void)
{
	static const char *const bad[] = { "x\r\n", "\r\n", "4\r\nWikiX\r\n", "4\nWiki", "4\r\nWiki\r\r",
					   "fffffffffffffffff\r\n" };
	char err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tess_http_chunked ch = { 0 };
		struct collect c = { .n = 0 };
		int done = 0;

		CHECK(tess_http_chunked_feed(&ch, bad[i], strlen(bad[i]), collect, &c, &done, err, sizeof(err)) < 0,
		      "accepted #%zu", i);
	}
}

/* ---- the client against canned one-shot servers ---- */

/* Listen on 127.0.0.1 (port in *port); fork a child that accepts once,
 * reads the request head, writes answer (unless NULL: it then stays
 * silent) and closes. */
static pid_t serve(const char *answer, unsigned *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	pid_t pid;

	bind(s, (struct sockaddr *)&a, sizeof(a));
	listen(s, 1);
	getsockname(s, (struct sockaddr *)&a, &len);
	*port = ntohs(a.sin_port);
	pid = fork();
	if (pid == 0) {
		char buf[4096];
		int c = accept(s, NULL, NULL);

		if (read(c, buf, sizeof(buf)) > 0 && answer && write(c, answer, strlen(answer)) < 0)
			_exit(1);
		if (!answer)
			sleep(10);
		close(c);
		_exit(0);
	}
	close(s);
	return pid;
}

static int get(unsigned port, struct tess_http_resp *r, char *err, size_t err_len)
{
	struct tess_http_req q = { .host = "127.0.0.1", .port = port, .method = "GET", .target = "/v2/",
				   .max_body = 64, .timeout_ms = 500 };

	memset(r, 0, sizeof(*r));
	return tess_http_request(&q, r, err, err_len);
}

static void client_cases(void)
{
	static const struct {
		const char *answer, *want; /* want: the body, or a piece of the error */
		int ok;
	} cases[] = {
		{ "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", "hello", 1 },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", "abcde", 1 },
		{ "HTTP/1.0 200 OK\r\n\r\nuntil close", "until close", 1 },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "closed in the middle", 0 },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", "larger than 64", 0 },
		{ "\x15\x03\x01\x00\x02\x02\x46", "TLS", 0 },
		{ "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n", "TLS", 0 },
		{ "garbage\r\n\r\n", "malformed", 0 },
		{ "", "without an answer", 0 },
		{ NULL, "timed out", 0 },
	};
	char err[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tess_http_resp r;
		unsigned port;
		pid_t pid = serve(cases[i].answer, &port);
		int rc = get(port, &r, err, sizeof(err));

		if (cases[i].ok)
			CHECK(rc == 0 && r.body && !strcmp(r.body, cases[i].want), "case %zu: %d '%s' %s", i, rc,
			      r.body ? r.body : "", rc ? err : "");
		else
			CHECK(rc < 0 && strstr(err, cases[i].want), "case %zu: %d '%s'", i, rc, rc ? err : "");
		tess_http_resp_free(&r);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

static void client_refused(void)
{
	struct tess_http_resp r;
	unsigned port;
	pid_t pid = serve("", &port);
	char err[256];

	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	CHECK(get(port, &r, err, sizeof(err)) < 0 && strstr(err, "cannot connect"), "%s", err);
}

/* ---- references ---- */

static void refs(void)
{
	static const struct {
		const char *in, *name; /* name: canonical, or a piece of the error */
		int ok;
	} cases[] = {
		{ "localhost:5000/hello", "localhost:5000/hello:latest", 1 },
		{ "127.0.0.1:5000/a/b-c.d_e:v1.2", "127.0.0.1:5000/a/b-c.d_e:v1.2", 1 },
		{ "[::1]:5000/x:t", "[::1]:5000/x:t", 1 },
		{ "http://registry.example:8080/x:t", "http://registry.example:8080/x:t", 1 },
		{ "oci:/tmp/l:v2", "oci:/tmp/l:v2", 1 },
		{ "oci:/tmp/l", "oci:/tmp/l", 1 },
		{ "registry.example.com/x:t", "would need TLS", 0 },
		{ "https://localhost:5000/x:t", "plain-HTTP", 0 },
		{ "localhost:5000/Hello", "not a repository name", 0 },
		{ "localhost:5000/a//b", "not a repository name", 0 },
		{ "localhost:5000/a-", "not a repository name", 0 },
		{ "localhost:5000/a:b:c", "not a repository name", 0 },
		{ "localhost:5000/a:", "not a tag", 0 },
		{ "localhost:5000/a:-x", "not a tag", 0 },
		{ "localhost:99999/a", "not a port", 0 },
		{ "localhost:/a", "not a port", 0 },
		{ "localhost:5000", "not an image reference", 0 },
		{ "localhost:5000/a@sha256:00", "by digest", 0 },
		{ "oci:", "no folder", 0 },
		{ "oci:/tmp/l:", "empty tag", 0 },
		{ "oci:/tmp/l:b@d", "not a tag", 0 },
		{ "local\nhost:1/a", "control character", 0 },
	};
	char err[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tess_oci_ref r;
		int rc = tess_oci_ref_parse(cases[i].in, &r, err, sizeof(err));

		if (cases[i].ok)
			CHECK(rc == 0 && !strcmp(r.name, cases[i].name), "'%s': %d %s", cases[i].in, rc, rc ? err : r.name);
		else
			CHECK(rc < 0 && strstr(err, cases[i].name), "'%s': %d %s", cases[i].in, rc, rc ? err : r.name);
		tess_oci_ref_free(&r);
	}
	CHECK(tess_oci_ref_is("oci:x") && tess_oci_ref_is("a:1/b") && !tess_oci_ref_is("apps/hello"), "ref_is");
}

/* ---- manifests and configs made and read back ---- */

static void documents(void)
{
	struct tess_oci_image img = { .name = "hello", .vmm = "qemu", .machine = "pc", .memory_kib = 8192,
				      .args = "a \"b c\"", .kernel_args = "loglevel=3", .ports = "",
				      .created = "2026-01-01T00:00:00Z" };
	struct tess_oci_image back = { 0 };
	char *config, *manifest, err[256];
	size_t clen, mlen;

	tess_oci_desc_of(&img.kernel, OCI_MT_KERNEL, "kernel", 6);
	tess_oci_desc_of(&img.initrd, OCI_MT_INITRD, "initrd", 6);
	config = tess_oci_config_make(&img, &clen);
	manifest = tess_oci_manifest_make(&img, config, clen, &mlen);
	CHECK(tess_oci_manifest_parse(manifest, mlen, &back, err, sizeof(err)) == 0, "manifest: %s", err);
	CHECK(tess_oci_config_parse(config, clen, &back, err, sizeof(err)) == 0, "config: %s", err);
	CHECK(!strcmp(back.kernel.digest, img.kernel.digest) && !strcmp(back.initrd.digest, img.initrd.digest) &&
	      !strcmp(back.config.digest, img.config.digest), "descriptors");
	CHECK(back.memory_kib == 8192 && !strcmp(back.args, img.args) && !strcmp(back.machine, "pc") &&
	      !strcmp(back.kernel_args, "loglevel=3") && !strcmp(back.vmm, "qemu"), "labels");
	tess_oci_image_free(&back);
	free(config);
	free(manifest);
}

static void documents_bad(void)
{
	static const char *const manifests[] = {
		"[]", "{\"schemaVersion\":1}",
		"{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"}",
		"{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" OCI_MT_CONFIG "\",\"digest\":\"sha512:00\",\"size\":1},\"layers\":[]}",
		"{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" OCI_MT_CONFIG "\",\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"size\":-1},\"layers\":[]}",
		"{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" OCI_MT_CONFIG "\",\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"size\":1},\"layers\":[]}",
		"{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" OCI_MT_CONFIG "\",\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"size\":1},"
		"\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"size\":1}]}",
	};
	static const char *const configs[] = {
		"{}", "{\"architecture\":\"arm64\",\"config\":{\"Labels\":{}}}",
		"{\"architecture\":\"amd64\",\"config\":{\"Labels\":{\"dev.tessera.name\":\"x\"}}}",
		"{\"architecture\":\"amd64\",\"config\":{\"Labels\":{\"dev.tessera.name\":\"x\",\"dev.tessera.vmm\":\"xen\",\"dev.tessera.memory-kib\":\"4096\"}}}",
		"{\"architecture\":\"amd64\",\"config\":{\"Labels\":{\"dev.tessera.name\":\"x\",\"dev.tessera.vmm\":\"qemu\",\"dev.tessera.memory-kib\":\"0\"}}}",
		"{\"architecture\":\"amd64\",\"config\":{\"Labels\":{\"dev.tessera.name\":\"x\",\"dev.tessera.vmm\":\"qemu\",\"dev.tessera.memory-kib\":\"4096\",\"dev.tessera.kernel-args\":\"a -- b\"}}}",
		"{\"architecture\":\"amd64\",\"config\":{\"Labels\":{\"dev.tessera.name\":\"x\",\"dev.tessera.vmm\":\"qemu\",\"dev.tessera.memory-kib\":\"4096\",\"dev.tessera.args\":\"a\\nb\"}}}",
		"{\"architecture\":\"amd64\",\"config\":{\"Labels\":{\"dev.tessera.name\":\"../x\",\"dev.tessera.vmm\":\"qemu\",\"dev.tessera.memory-kib\":\"4096\"}}}",
	};
	char err[256];

	for (size_t i = 0; i < sizeof(manifests) / sizeof(manifests[0]); i++) {
		struct tess_oci_image img = { 0 };

		CHECK(tess_oci_manifest_parse(manifests[i], strlen(manifests[i]), &img, err, sizeof(err)) < 0,
		      "manifest #%zu accepted", i);
		tess_oci_image_free(&img);
	}
	for (size_t i = 0; i < sizeof(configs) / sizeof(configs[0]); i++) {
		struct tess_oci_image img = { 0 };

		CHECK(tess_oci_config_parse(configs[i], strlen(configs[i]), &img, err, sizeof(err)) < 0,
		      "config #%zu accepted", i);
		tess_oci_image_free(&img);
	}
}

int main(void)
{
	hosttest_run("sha256: FIPS 180-4 examples", sha_vectors);
	hosttest_run("sha256: a million 'a'", sha_million);
	hosttest_run("sha256: any split of the input, every padding boundary", sha_splits);
	hosttest_run("json: objects, arrays, numbers, escapes, surrogates", json_good);
	hosttest_run("json: malformed documents refused with a position", json_bad);
	hosttest_run("json: nesting limit", json_depth);
	hosttest_run("json: writer output reads back", json_roundtrip);
	hosttest_run("http: status line and headers", http_head);
	hosttest_run("http: malformed heads refused", http_head_bad);
	hosttest_run("http: chunked body, whole and byte by byte", http_chunked);
	hosttest_run("http: malformed chunked bodies refused", http_chunked_bad);
	hosttest_run("http client: canned servers (lengths, chunked, close, TLS, garbage, timeout)", client_cases);
	hosttest_run("http client: connection refused", client_refused);
	hosttest_run("image references: good and bad", refs);
	hosttest_run("manifest and config: made and read back", documents);
	hosttest_run("manifest and config: bad ones refused", documents_bad);
	return hosttest_status();
}
