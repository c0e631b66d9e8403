/* http.h - a small HTTP/1.1 client (plain HTTP, one request per connection) for OCI registries. */
#ifndef TESS_HTTP_H
#define TESS_HTTP_H

#include <stddef.h>
#include <stdint.h>

#define TESS_HTTP_HEAD_MAX (16 * 1024) /* a longer status line + headers is refused */

/* What tess keeps of a response. Strings are NUL-terminated, malloc'ed,
 * NULL when the header was absent; free with tess_http_resp_free. */
struct tess_http_resp {
	int status;            /* 100..599 */
	char *location;        /* Location */
	char *content_type;    /* Content-Type */
	char *digest;          /* Docker-Content-Digest */
	int64_t content_length; /* -1: none */
	int chunked;           /* Transfer-Encoding: chunked */
	char *body;            /* the body when no sink was given (NUL-terminated) */
	size_t body_len;
};

/* Where a response body goes instead of memory: called with each piece in
 * order; return 0 to go on, -1 to abort (the request then fails with the
 * message the sink wrote to err). */
typedef int (*tess_http_sink)(void *ctx, const void *data, size_t n, char *err, size_t err_len);

/* Where a request body comes from when it is not in memory: fill buf with
 * up to cap bytes; return how many (0 only at the end), or -1 with err set. */
typedef long (*tess_http_source)(void *ctx, void *buf, size_t cap, char *err, size_t err_len);

struct tess_http_req {
	const char *host;       /* name or address to connect to, e.g. "127.0.0.1" */
	unsigned port;          /* 1..65535 */
	const char *method;     /* "GET", "HEAD", "POST", "PUT" */
	const char *target;     /* request target: "/v2/..." with its query */
	const char *const *headers; /* extra "Name: value" lines, NULL-terminated, or NULL */
	const void *body;       /* request body in memory ... */
	size_t body_len;        /* ... of this many bytes (sent with Content-Length) */
	tess_http_source source; /* ... or from here (then body_len is its exact size) */
	void *source_ctx;
	tess_http_sink sink;    /* response body to the sink; NULL: into resp->body */
	void *sink_ctx;
	size_t max_body;        /* without a sink: a longer body is an error */
	unsigned timeout_ms;    /* connecting, and each wait for the peer to read or write */
};

/*
 * Send req on a new connection ("Connection: close") and read the whole
 * response into *resp (zero it first). Returns 0 for any complete HTTP
 * response (whatever its status), or -1 with a one-line reason in err:
 * the host cannot be resolved or reached ("cannot connect: Connection
 * refused"), a timeout, the peer speaking TLS, a malformed or truncated
 * response, a body over max_body, a sink or source failure.
 */
int tess_http_request(const struct tess_http_req *req, struct tess_http_resp *resp,
		      char *err, size_t err_len);

void tess_http_resp_free(struct tess_http_resp *resp);

/*
 * Parse the head of a response: buf[0..len) starting at the status line.
 * Returns the length of the head (through its empty line) with resp's
 * status and headers filled; 0 if the head is not complete yet (and len
 * is below TESS_HTTP_HEAD_MAX); -1 with err set if it is malformed or too
 * long. Exposed for the unit tests and the fuzzer.
 */
long tess_http_parse_head(const char *buf, size_t len, struct tess_http_resp *resp,
			  char *err, size_t err_len);

/* Decoder of a chunked body (RFC 9112, 7.1). Zero-initialise. */
struct tess_http_chunked {
	int state;        /* private */
	uint64_t left;    /* bytes left in the current chunk */
	unsigned line;    /* length of the size or trailer line being read */
	int digits;       /* hex digits seen in the size line */
};

/*
 * Feed n bytes of a chunked body; the data bytes are passed to out (may be
 * called several times). Returns the number of input bytes used (less than
 * n once the body has ended), or -1 with err set on a malformed body or
 * when out fails. *done is set to 1 when the final chunk and trailers
 * have been read.
 */
long tess_http_chunked_feed(struct tess_http_chunked *c, const char *in, size_t n,
			    tess_http_sink out, void *ctx, int *done, char *err, size_t err_len);

#endif
