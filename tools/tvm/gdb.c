/* gdb.c: the GDB remote serial protocol: packet framing and checks, and the commands, over a target's operations.
 *
 * The client is untrusted input like any other: every packet is framed,
 * checksummed and length-checked here, every number and hex string parsed
 * with bounds, so that a malformed or oversized packet gets an error reply
 * (or a '-') and never more. Pure apart from the io and target operations,
 * so the tests drive it with a fake target and the fuzzer with bytes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hex.h"
#include "tvm.h"

#define SIGTRAP_NR 5
#define SIGSEGV_NR 11

/* Register sizes in the 'g' packet: 8 bytes up to rip, then 4. */
static unsigned reg_size(unsigned i)
{
	return i <= TVM_GDB_RIP ? 8 : 4;
}

static const char hexdig[] = "0123456789abcdef";

/* ---- the reply being built ---- */

struct reply {
	char buf[TVM_GDB_PACKET_MAX + 1];
	size_t len;
};

static void r_str(struct reply *r, const char *s)
{
	size_t n = strlen(s);

	if (n > TVM_GDB_PACKET_MAX - r->len)
		n = TVM_GDB_PACKET_MAX - r->len;
	memcpy(r->buf + r->len, s, n);
	r->len += n;
}

static void r_hex(struct reply *r, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n && r->len + 2 <= TVM_GDB_PACKET_MAX; i++) {
		r->buf[r->len++] = hexdig[p[i] >> 4];
		r->buf[r->len++] = hexdig[p[i] & 15];
	}
}

/* "Enn": the error number in hex, as gdb expects. */
static void r_err(struct reply *r, int err)
{
	char e[8];

	snprintf(e, sizeof(e), "E%02x", (unsigned)(err < 0 ? -err : err) & 0xff);
	r->len = 0;
	r_str(r, e);
}

/* A little-endian register value of size bytes, in hex. */
static void r_reg(struct reply *r, uint64_t v, unsigned size)
{
	uint8_t b[8];

	for (unsigned i = 0; i < size; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	r_hex(r, b, size);
}

/* ---- parsing packet arguments: *p advances, end bounds every read ---- */

struct cursor {
	const char *p, *end;
};

/* A hex number of at most 16 digits; -1 if there is none or it is longer. */
static int c_num(struct cursor *c, uint64_t *v)
{
	unsigned n = 0;
	int d;

	*v = 0;
	while (c->p < c->end && (d = hex_digit((unsigned char)*c->p)) >= 0) {
		if (++n > 16)
			return -1;
		*v = *v << 4 | (uint64_t)d;
		c->p++;
	}
	return n ? 0 : -1;
}

static int c_char(struct cursor *c, char ch)
{
	if (c->p >= c->end || *c->p != ch)
		return -1;
	c->p++;
	return 0;
}

/* n bytes from 2n hex digits. */
static int c_hexbytes(struct cursor *c, uint8_t *out, size_t n)
{
	if ((size_t)(c->end - c->p) < 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = hex_digit((unsigned char)c->p[2 * i]), lo = hex_digit((unsigned char)c->p[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	c->p += 2 * n;
	return 0;
}

/* A little-endian register value of size bytes from hex. */
static int c_reg(struct cursor *c, unsigned size, uint64_t *v)
{
	uint8_t b[8];

	if (c_hexbytes(c, b, size))
		return -1;
	*v = 0;
	for (unsigned i = 0; i < size; i++)
		*v |= (uint64_t)b[i] << (8 * i);
	return 0;
}

/* "ADDR,LEN" */
static int c_range(struct cursor *c, uint64_t *addr, uint64_t *len)
{
	if (c_num(c, addr) || c_char(c, ',') || c_num(c, len))
		return -1;
	return 0;
}

/* ---- the connection: bytes in, packets out ---- */

/* The next byte from gdb: 0..255, or -1 at the end of the connection. */
static int next_byte(struct tvm_gdb *g)
{
	if (g->in_pos == g->in_len) {
		long n = g->io->read(g->conn, g->in, sizeof(g->in));

		if (n <= 0)
			return -1;
		g->in_len = (size_t)n;
		g->in_pos = 0;
	}
	return g->in[g->in_pos++];
}

static int send_packet(struct tvm_gdb *g, const struct reply *r)
{
	char frame[TVM_GDB_PACKET_MAX + 4];
	uint8_t sum = 0;

	frame[0] = '$';
	for (size_t i = 0; i < r->len; i++) {
		sum = (uint8_t)(sum + (uint8_t)r->buf[i]);
		frame[1 + i] = r->buf[i];
	}
	frame[1 + r->len] = '#';
	frame[2 + r->len] = hexdig[sum >> 4];
	frame[3 + r->len] = hexdig[sum & 15];
	return g->io->write(g->conn, frame, r->len + 4);
}

/* Packet kinds read_packet returns besides a body length. */
#define PKT_END      (-1)  /* the connection ended */
#define PKT_BAD      (-2)  /* a bad checksum: answered '-' */
#define PKT_TOO_LONG (-3)  /* longer than TVM_GDB_PACKET_MAX: dropped */

/* Wait for the next "$body#cc" (anything else before '$', acks and
 * Ctrl-C included, is skipped: the target is stopped while we read) and
 * acknowledge it. Returns the body's length in g->pkt (NUL-terminated), or
 * a PKT_ value. */
static long read_packet(struct tvm_gdb *g)
{
	size_t len = 0;
	int c, too_long = 0;
	uint8_t sum = 0;

	while ((c = next_byte(g)) != '$')
		if (c < 0)
			return PKT_END;
	for (;;) {
		if ((c = next_byte(g)) < 0)
			return PKT_END;
		if (c == '#')
			break;
		if (c == '$') { /* a new packet starts: the client gave up on this one */
			len = 0;
			sum = 0;
			too_long = 0;
			continue;
		}
		sum = (uint8_t)(sum + c);
		if (len == TVM_GDB_PACKET_MAX)
			too_long = 1;
		else
			g->pkt[len++] = (char)c;
	}
	int hi = next_byte(g), lo = hi < 0 ? -1 : next_byte(g);

	if (lo < 0)
		return PKT_END;
	if (hex_digit(hi) < 0 || hex_digit(lo) < 0 || (uint8_t)(hex_digit(hi) << 4 | hex_digit(lo)) != sum)
		return g->io->write(g->conn, "-", 1) ? PKT_END : PKT_BAD;
	if (g->io->write(g->conn, "+", 1))
		return PKT_END;
	g->pkt[len] = 0;
	return too_long ? PKT_TOO_LONG : (long)len;
}

/* ---- commands ---- */

static void stop_reply(struct reply *r, const struct tvm_gdb_stop *s)
{
	char b[16];

	switch (s->kind) {
	case TVM_GDB_STOP_EXITED:
		snprintf(b, sizeof(b), "W%02x", (unsigned)s->value & 0xff);
		break;
	case TVM_GDB_STOP_CRASHED:
		snprintf(b, sizeof(b), "X%02x", SIGSEGV_NR);
		break;
	default:
		snprintf(b, sizeof(b), "S%02x", SIGTRAP_NR);
	}
	r_str(r, b);
}

static void cmd_read_regs(struct tvm_gdb *g, struct reply *r)
{
	uint64_t regs[TVM_GDB_NREGS];
	int rc = g->ops->get_regs(g->target, regs);

	if (rc) {
		r_err(r, rc);
		return;
	}
	for (unsigned i = 0; i < TVM_GDB_NREGS; i++)
		r_reg(r, regs[i], reg_size(i));
}

/* G: as many whole registers as the packet holds, in 'g' order. */
static void cmd_write_regs(struct tvm_gdb *g, struct cursor *c, struct reply *r)
{
	uint64_t regs[TVM_GDB_NREGS];
	int rc = g->ops->get_regs(g->target, regs);

	for (unsigned i = 0; !rc && i < TVM_GDB_NREGS && c->p < c->end; i++)
		if (c_reg(c, reg_size(i), &regs[i]))
			rc = -EINVAL;
	if (!rc && c->p != c->end)
		rc = -EINVAL;
	if (!rc)
		rc = g->ops->set_regs(g->target, regs);
	if (rc)
		r_err(r, rc);
	else
		r_str(r, "OK");
}

/* p n / P n=value: registers beyond the 'g' set do not exist here. */
static void cmd_reg(struct tvm_gdb *g, struct cursor *c, int write, struct reply *r)
{
	uint64_t regs[TVM_GDB_NREGS], n, v = 0;
	int rc;

	if (c_num(c, &n) || (write && c_char(c, '='))) {
		r_err(r, -EINVAL);
		return;
	}
	if (n >= TVM_GDB_NREGS) {
		r_err(r, -ENOENT);
		return;
	}
	if (write && (c_reg(c, reg_size((unsigned)n), &v) || c->p != c->end)) {
		r_err(r, -EINVAL);
		return;
	}
	if (!write && c->p != c->end) {
		r_err(r, -EINVAL);
		return;
	}
	if ((rc = g->ops->get_regs(g->target, regs))) {
		r_err(r, rc);
		return;
	}
	if (!write) {
		r_reg(r, regs[n], reg_size((unsigned)n));
		return;
	}
	regs[n] = v;
	if ((rc = g->ops->set_regs(g->target, regs))) {
		r_err(r, rc);
		return;
	}
	r_str(r, "OK");
}

/* m addr,len: at most what fits in a reply (gdb accepts fewer bytes). */
static void cmd_read_mem(struct tvm_gdb *g, struct cursor *c, struct reply *r)
{
	uint8_t buf[TVM_GDB_PACKET_MAX / 2];
	uint64_t addr, len;
	int rc;

	if (c_range(c, &addr, &len) || c->p != c->end) {
		r_err(r, -EINVAL);
		return;
	}
	if (len > sizeof(buf))
		len = sizeof(buf);
	if ((rc = g->ops->read_mem(g->target, addr, buf, (size_t)len))) {
		r_err(r, rc);
		return;
	}
	r_hex(r, buf, (size_t)len);
}

/* X's binary data: '}' escapes the next byte (xor 0x20). Exactly len
 * bytes must fill the rest of the packet. */
static int c_binary(struct cursor *c, uint8_t *out, size_t len)
{
	size_t n = 0;

	while (c->p < c->end && n < len) {
		uint8_t b = (uint8_t)*c->p++;

		if (b == '}') {
			if (c->p == c->end)
				return -1;
			b = (uint8_t)(*c->p++ ^ 0x20);
		}
		out[n++] = b;
	}
	return n == len && c->p == c->end ? 0 : -1;
}

/* M addr,len:hex and X addr,len:binary. */
static void cmd_write_mem(struct tvm_gdb *g, struct cursor *c, int binary, struct reply *r)
{
	uint8_t buf[TVM_GDB_PACKET_MAX];
	uint64_t addr, len;
	int rc = 0;

	if (c_range(c, &addr, &len) || c_char(c, ':') || len > sizeof(buf))
		rc = -EINVAL;
	else if (binary ? c_binary(c, buf, (size_t)len)
			: c_hexbytes(c, buf, (size_t)len) || c->p != c->end)
		rc = -EINVAL;
	else if (len)
		rc = g->ops->write_mem(g->target, addr, buf, (size_t)len);
	if (rc)
		r_err(r, rc);
	else
		r_str(r, "OK");
}

/* Z0/Z1/z0/z1 addr,kind: execution breakpoints (software ones are made
 * hardware ones too: code pages stay unwritten). Watchpoints: empty. */
static void cmd_breakpoint(struct tvm_gdb *g, struct cursor *c, int on, struct reply *r)
{
	uint64_t type, addr, kind;
	int rc;

	if (c_num(c, &type) || c_char(c, ',')) {
		r_err(r, -EINVAL);
		return;
	}
	if (type > 1)
		return; /* watchpoints: not supported, the empty reply */
	if (c_num(c, &addr) || c_char(c, ',') || c_num(c, &kind)) {
		r_err(r, -EINVAL);
		return;
	}
	/* conditions and commands (";X...") are gdb's business: ignored */
	if ((rc = g->ops->breakpoint(g->target, addr, on))) {
		r_err(r, rc);
		return;
	}
	r_str(r, "OK");
}

/* Resume (c, s, C, S, vCont). An address to resume at is set first. */
static int cmd_resume(struct tvm_gdb *g, struct cursor *c, int step, int with_sig,
		      struct reply *r)
{
	uint64_t sig, addr;
	int rc;

	if (with_sig && (c_num(c, &sig) || (c->p != c->end && c_char(c, ';'))))
		return r_err(r, -EINVAL), 0;
	if (c->p != c->end) {
		uint64_t regs[TVM_GDB_NREGS];

		if (c_num(c, &addr) || c->p != c->end)
			return r_err(r, -EINVAL), 0;
		if ((rc = g->ops->get_regs(g->target, regs)))
			return r_err(r, rc), 0;
		regs[TVM_GDB_RIP] = addr;
		if ((rc = g->ops->set_regs(g->target, regs)))
			return r_err(r, rc), 0;
	}
	if ((rc = g->ops->resume(g->target, step, &g->last)))
		return r_err(r, rc), 0;
	stop_reply(r, &g->last);
	return g->last.kind != TVM_GDB_STOP_TRAP;
}

/* vCont;ACTION[:thread][;ACTION...]: one thread, so the first action rules. */
static int cmd_vcont(struct tvm_gdb *g, struct cursor *c, struct reply *r)
{
	char a;

	if (c->p == c->end || *c->p != ';')
		return r_err(r, -EINVAL), 0;
	c->p++;
	a = c->p < c->end ? *c->p++ : 0;
	if (a != 'c' && a != 's' && a != 'C' && a != 'S')
		return r_err(r, -EINVAL), 0;
	if (a == 'C' || a == 'S') {
		uint64_t sig;

		if (c_num(c, &sig))
			return r_err(r, -EINVAL), 0;
	}
	c->p = c->end; /* thread ids and further actions: there is one thread */
	return cmd_resume(g, c, a == 's' || a == 'S', 0, r);
}

static int prefix(const char *pkt, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && memcmp(pkt, p, n) == 0;
}

/* Queries and v packets; unknown ones get the empty reply. */
static int cmd_query(struct tvm_gdb *g, size_t len, struct reply *r)
{
	struct cursor c = { g->pkt, g->pkt + len };
	char b[32];

	if (prefix(g->pkt, len, "qSupported")) {
		snprintf(b, sizeof(b), "PacketSize=%x", TVM_GDB_PACKET_MAX);
		r_str(r, b);
	} else if (len == 9 && prefix(g->pkt, len, "qAttached")) {
		r_str(r, "1");
	} else if (len == 2 && prefix(g->pkt, len, "qC")) {
		r_str(r, "QC1");
	} else if (len == 12 && prefix(g->pkt, len, "qfThreadInfo")) {
		r_str(r, "m1");
	} else if (len == 12 && prefix(g->pkt, len, "qsThreadInfo")) {
		r_str(r, "l");
	} else if (len == 6 && prefix(g->pkt, len, "vCont?")) {
		r_str(r, "vCont;c;C;s;S");
	} else if (prefix(g->pkt, len, "vCont;")) {
		c.p += 5;
		return cmd_vcont(g, &c, r);
	}
	return 0;
}

/* Answer one packet body g->pkt[0..len); returns 1 when the session ends
 * (with *end set), else 0. */
static int dispatch(struct tvm_gdb *g, size_t len, struct reply *r, enum tvm_gdb_end *end)
{
	struct cursor c = { g->pkt + 1, g->pkt + len };

	switch (len ? g->pkt[0] : 0) {
	case '?':
		stop_reply(r, &g->last);
		break;
	case 'g':
		cmd_read_regs(g, r);
		break;
	case 'G':
		cmd_write_regs(g, &c, r);
		break;
	case 'p':
		cmd_reg(g, &c, 0, r);
		break;
	case 'P':
		cmd_reg(g, &c, 1, r);
		break;
	case 'm':
		cmd_read_mem(g, &c, r);
		break;
	case 'M':
		cmd_write_mem(g, &c, 0, r);
		break;
	case 'X':
		cmd_write_mem(g, &c, 1, r);
		break;
	case 'Z':
		cmd_breakpoint(g, &c, 1, r);
		break;
	case 'z':
		cmd_breakpoint(g, &c, 0, r);
		break;
	case 'c':
	case 's':
	case 'C':
	case 'S':
		if (cmd_resume(g, &c, g->pkt[0] == 's' || g->pkt[0] == 'S',
			       g->pkt[0] == 'C' || g->pkt[0] == 'S', r)) {
			*end = TVM_GDB_END_STOPPED;
			return 1;
		}
		break;
	case 'H':
	case 'T':
		r_str(r, "OK"); /* one thread: every thread id is it */
		break;
	case 'D':
		r_str(r, "OK");
		*end = TVM_GDB_END_DETACHED;
		return 1;
	case 'k':
		*end = TVM_GDB_END_KILLED;
		return 1;
	case 'q':
	case 'v':
		if (cmd_query(g, len, r)) {
			*end = TVM_GDB_END_STOPPED;
			return 1;
		}
		break;
	default:
		break; /* not supported: the empty reply */
	}
	return 0;
}

enum tvm_gdb_end tvm_gdb_serve(struct tvm_gdb *g, struct tvm_gdb_stop *stop)
{
	static struct reply r; /* 4 KiB: kept off the stack */
	enum tvm_gdb_end end = TVM_GDB_END_HANGUP;

	g->last = (struct tvm_gdb_stop){ .kind = TVM_GDB_STOP_TRAP };
	for (;;) {
		long len = read_packet(g);
		int done;

		if (len == PKT_END)
			return TVM_GDB_END_HANGUP;
		if (len == PKT_BAD)
			continue;
		r.len = 0;
		if (len == PKT_TOO_LONG) {
			r_err(&r, -EINVAL);
			done = 0;
		} else {
			done = dispatch(g, (size_t)len, &r, &end);
		}
		/* 'k' gets no reply; everything else does, the last stop too. */
		if (end != TVM_GDB_END_KILLED && send_packet(g, &r))
			return TVM_GDB_END_HANGUP;
		if (done) {
			*stop = g->last;
			return end;
		}
	}
}
