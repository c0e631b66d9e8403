/* http.c - the HTTP/1.1 client's connection: connect, send and receive, each bounded by a timeout. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http.h"

struct conn {
	int fd;
	unsigned timeout_ms;
	char *err;
	size_t err_len;
};

static int conn_fail(struct conn *c, const char *fmt, const char *arg)
{
	if (c->err_len)
		snprintf(c->err, c->err_len, fmt, arg);
	return -1;
}

/* Wait until fd is ready for events, at most the timeout; -1 on timeout. */
static int wait_fd(struct conn *c, short events, const char *what)
{
	struct pollfd p = { .fd = c->fd, .events = events };
	int r;

	do
		r = poll(&p, 1, (int)c->timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		return conn_fail(c, "timed out %s", what);
	if (r < 0)
		return conn_fail(c, "poll: %s", strerror(errno));
	return 0;
}

/* Connect to one address without blocking longer than the timeout. */
static int try_connect(struct conn *c, const struct addrinfo *ai)
{
	int err = 0;
	socklen_t len = sizeof(err);

	c->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
	if (c->fd < 0)
		return conn_fail(c, "cannot connect: %s", strerror(errno));
	if (connect(c->fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return 0;
	if (errno != EINPROGRESS) {
		conn_fail(c, "cannot connect: %s", strerror(errno));
		goto close_fd;
	}
	if (wait_fd(c, POLLOUT, "connecting") < 0)
		goto close_fd;
	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err) {
		conn_fail(c, "cannot connect: %s", strerror(err ? err : errno));
		goto close_fd;
	}
	return 0;
close_fd:
	close(c->fd);
	c->fd = -1;
	return -1;
}

static int conn_open(struct conn *c, const char *host, unsigned port)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV };
	struct addrinfo *res, *ai;
	char ports[8];
	int r;

	snprintf(ports, sizeof(ports), "%u", port);
	r = getaddrinfo(host, ports, &hints, &res);
	if (r)
		return conn_fail(c, "cannot resolve the host name: %s", gai_strerror(r));
	/* Each address in turn (localhost: ::1, then 127.0.0.1); the last
	 * failure is the one reported. */
	for (ai = res; ai; ai = ai->ai_next)
		if (try_connect(c, ai) == 0)
			break;
	freeaddrinfo(res);
	return ai ? 0 : -1;
}

static int send_all(struct conn *c, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL);

		if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
			if (wait_fd(c, POLLOUT, "sending") < 0)
				return -1;
			continue;
		}
		if (w < 0)
			return conn_fail(c, "sending: %s", strerror(errno));
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read what is there (waiting at most the timeout): bytes, 0 at end. */
static long recv_some(struct conn *c, char *buf, size_t cap)
{
	for (;;) {
		ssize_t r = recv(c->fd, buf, cap, 0);

		if (r >= 0)
			return (long)r;
		if (errno != EAGAIN && errno != EINTR)
			return conn_fail(c, "receiving: %s", strerror(errno));
		if (wait_fd(c, POLLIN, "waiting for the answer") < 0)
			return -1;
	}
}

static int send_request(struct conn *c, const struct tess_http_req *q)
{
	char head[8192];
	int n;
	size_t used;
	const char *const *h;

	n = snprintf(head, sizeof(head),
		     "%s %s HTTP/1.1\r\nHost: %s:%u\r\nUser-Agent: tess\r\nConnection: close\r\n",
		     q->method, q->target, q->host, q->port);
	if (n < 0 || (size_t)n >= sizeof(head))
		return conn_fail(c, "request too long (%s)", q->target);
	used = (size_t)n;
	for (h = q->headers; h && *h; h++) {
		n = snprintf(head + used, sizeof(head) - used, "%s\r\n", *h);
		if (n < 0 || (size_t)n >= sizeof(head) - used)
			return conn_fail(c, "request too long (%s)", *h);
		used += (size_t)n;
	}
	if (q->body || q->source || strcmp(q->method, "PUT") == 0 || strcmp(q->method, "POST") == 0) {
		n = snprintf(head + used, sizeof(head) - used, "Content-Length: %zu\r\n", q->body_len);
		if (n < 0 || (size_t)n >= sizeof(head) - used)
			return conn_fail(c, "request too long (%s)", q->target);
		used += (size_t)n;
	}
	if (used + 2 >= sizeof(head))
		return conn_fail(c, "request too long (%s)", q->target);
	memcpy(head + used, "\r\n", 2);
	if (send_all(c, head, used + 2) < 0)
		return -1;
	if (q->body)
		return send_all(c, q->body, q->body_len);
	if (q->source) {
		char buf[65536];
		size_t sent = 0;

		while (sent < q->body_len) {
			long r = q->source(q->source_ctx, buf, sizeof(buf), c->err, c->err_len);

			if (r < 0)
				return -1;
			if (r == 0 || (size_t)r > q->body_len - sent)
				return conn_fail(c, "%s", "the request body changed size while being sent");
			if (send_all(c, buf, (size_t)r) < 0)
				return -1;
			sent += (size_t)r;
		}
	}
	return 0;
}

/* The default sink: the body into resp->body, at most max bytes. */
struct mem_sink {
	struct tess_http_resp *r;
	size_t cap, max;
};

static int mem_put(void *ctx, const void *data, size_t n, char *err, size_t err_len)
{
	struct mem_sink *m = ctx;
	struct tess_http_resp *r = m->r;

	if (n > m->max - r->body_len) {
		snprintf(err, err_len, "the answer is larger than %zu bytes", m->max);
		return -1;
	}
	if (r->body_len + n + 1 > m->cap) {
		size_t cap = m->cap ? m->cap : 4096;
		char *b;

		while (cap < r->body_len + n + 1)
			cap *= 2;
		b = realloc(r->body, cap);
		if (!b) {
			snprintf(err, err_len, "out of memory");
			return -1;
		}
		r->body = b;
		m->cap = cap;
	}
	memcpy(r->body + r->body_len, data, n);
	r->body_len += n;
	r->body[r->body_len] = '\0';
	return 0;
}

/* Hand body bytes to the sink, by the framing the head announced.
 * *left: Content-Length bytes still expected (or -1). */
static int body_bytes(struct conn *c, const struct tess_http_resp *r, struct tess_http_chunked *ch,
		      tess_http_sink sink, void *ctx, const char *buf, size_t n,
		      int64_t *left, int *done)
{
	if (r->chunked) {
		long used = tess_http_chunked_feed(ch, buf, n, sink, ctx, done, c->err, c->err_len);

		return used < 0 ? -1 : 0; /* bytes after the last chunk are ignored */
	}
	if (*left >= 0) {
		if ((int64_t)n > *left)
			n = (size_t)*left;
		*left -= (int64_t)n;
		*done = *left == 0;
	}
	return n ? sink(ctx, buf, n, c->err, c->err_len) : 0;
}

/* Read the head, then the body to its end. */
static int read_response(struct conn *c, const struct tess_http_req *q, struct tess_http_resp *r)
{
	static char buf[65536];
	struct tess_http_chunked ch = { 0 };
	struct mem_sink ms = { .r = r, .max = q->max_body };
	tess_http_sink sink = q->sink ? q->sink : mem_put;
	void *ctx = q->sink ? q->sink_ctx : &ms;
	size_t have = 0;
	long head = 0, n;
	int64_t left;
	int done = 0;

	while (head == 0) {
		n = recv_some(c, buf + have, sizeof(buf) - have);
		if (n < 0)
			return -1;
		/* A TLS server answers a plain request with an alert record. */
		if (have == 0 && n >= 2 && buf[0] == 0x15 && buf[1] == 0x03)
			return conn_fail(c, "%s", "the registry speaks TLS (HTTPS)");
		if (n == 0)
			return conn_fail(c, "%s", have ? "connection closed in the middle of the answer"
						    : "connection closed without an answer");
		have += (size_t)n;
		head = tess_http_parse_head(buf, have, r, c->err, c->err_len);
		if (head < 0)
			return -1;
	}
	left = r->content_length;
	if (!q->sink && left > (int64_t)q->max_body) {
		snprintf(c->err, c->err_len, "the answer is larger than %zu bytes", q->max_body);
		return -1;
	}
	if (strcmp(q->method, "HEAD") == 0 || r->status == 204 || r->status == 304 ||
	    r->status < 200)
		return 0;
	if (left == 0)
		done = 1;
	if (!done && body_bytes(c, r, &ch, sink, ctx, buf + head, have - (size_t)head, &left, &done) < 0)
		return -1;
	while (!done) {
		n = recv_some(c, buf, sizeof(buf));
		if (n < 0)
			return -1;
		if (n == 0) {
			if (left < 0 && !r->chunked)
				break; /* no framing: the body ends with the connection */
			return conn_fail(c, "%s", "connection closed in the middle of the answer");
		}
		if (body_bytes(c, r, &ch, sink, ctx, buf, (size_t)n, &left, &done) < 0)
			return -1;
	}
	if (!q->sink && !r->body && mem_put(&ms, "", 0, c->err, c->err_len) < 0)
		return -1;
	/* Go's HTTPS server answers plain HTTP with a 400 saying so. */
	if (r->status == 400 && r->body && strstr(r->body, "HTTP request to an HTTPS server"))
		return conn_fail(c, "%s", "the registry speaks TLS (HTTPS)");
	return 0;
}

int tess_http_request(const struct tess_http_req *req, struct tess_http_resp *resp,
		      char *err, size_t err_len)
{
	struct conn c = { .fd = -1, .timeout_ms = req->timeout_ms ? req->timeout_ms : 30000,
			  .err = err, .err_len = err_len };
	int r;

	if (conn_open(&c, req->host, req->port) < 0)
		return -1;
	r = send_request(&c, req);
	/* A server may answer (an error) before reading the whole body and
	 * close: its answer is still worth reading. */
	if (read_response(&c, req, resp) < 0) {
		r = -1;
	} else if (r < 0) {
		r = 0;
	}
	close(c.fd);
	if (r < 0)
		tess_http_resp_free(resp);
	return r;
}
