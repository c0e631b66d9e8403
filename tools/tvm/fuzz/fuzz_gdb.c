/* fuzz_gdb.c: libFuzzer target for tvm's gdb protocol layer (gdb.c).
 *
 * Input: the bytes a gdb client sends, whole (packets, acks, garbage,
 * oversized and truncated packets). The target is a fake machine (4 KiB of
 * memory at 0x1000, four breakpoint slots, one-byte instructions). Every
 * write the layer makes must be an ack ('+' or '-') or one well-formed
 * packet ("$body#cc", correct checksum, body at most TVM_GDB_PACKET_MAX);
 * the fake aborts on any memory access outside what it gave, and
 * ASan/UBSan catch the rest. The session must end at the input's end. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tvm.h"

#define MEM_BASE 0x1000u
#define MEM_SIZE 0x1000u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t mem[MEM_SIZE];
static uint64_t regs[TVM_GDB_NREGS];
static uint64_t bp[4];
static int bp_on[4];
static unsigned steps;

static int get_regs(void *t, uint64_t r[TVM_GDB_NREGS])
{
	(void)t;
	memcpy(r, regs, sizeof(regs));
	return 0;
}

static int set_regs(void *t, const uint64_t r[TVM_GDB_NREGS])
{
	(void)t;
	memcpy(regs, r, sizeof(regs));
	return 0;
}

static uint8_t *at(uint64_t addr, size_t len)
{
	if (len > TVM_GDB_PACKET_MAX)
		abort(); /* the layer promised to bound lengths */
	if (addr < MEM_BASE || addr - MEM_BASE > MEM_SIZE || len > MEM_SIZE - (addr - MEM_BASE))
		return NULL;
	return mem + (addr - MEM_BASE);
}

static int read_mem(void *t, uint64_t addr, void *buf, size_t len)
{
	uint8_t *p = at(addr, len);

	(void)t;
	if (!p)
		return -EFAULT;
	memcpy(buf, p, len);
	return 0;
}

static int write_mem(void *t, uint64_t addr, const void *buf, size_t len)
{
	uint8_t *p = at(addr, len);

	(void)t;
	if (!p)
		return -EFAULT;
	memcpy(p, buf, len);
	return 0;
}

static int breakpoint(void *t, uint64_t addr, int on)
{
	(void)t;
	for (int i = 0; i < 4; i++)
		if (bp_on[i] && bp[i] == addr) {
			bp_on[i] = on;
			return 0;
		}
	for (int i = 0; on && i < 4; i++)
		if (!bp_on[i]) {
			bp[i] = addr;
			bp_on[i] = 1;
			return 0;
		}
	return on ? -ENOSPC : 0;
}

/* Steps trap; a continue stops at a breakpoint within 64 bytes, else the
 * guest exits (every third run) or crashes. */
static int resume(void *t, int step, struct tvm_gdb_stop *stop)
{
	(void)t;
	steps++;
	for (uint64_t rip = regs[TVM_GDB_RIP] + 1; rip < regs[TVM_GDB_RIP] + 64; rip++) {
		int hit = step;

		for (int i = 0; i < 4; i++)
			hit |= bp_on[i] && bp[i] == rip;
		if (hit) {
			regs[TVM_GDB_RIP] = rip;
			*stop = (struct tvm_gdb_stop){ .kind = TVM_GDB_STOP_TRAP };
			return 0;
		}
	}
	*stop = (struct tvm_gdb_stop){ .kind = steps % 3 ? TVM_GDB_STOP_EXITED : TVM_GDB_STOP_CRASHED,
				       .value = 3 };
	return 0;
}

struct feed {
	const uint8_t *data;
	size_t size, pos;
	unsigned chunk; /* bytes per read: varies the buffering */
};

static long io_read(void *c, void *buf, size_t len)
{
	struct feed *f = c;
	size_t n = f->size - f->pos;

	if (n > len)
		n = len;
	if (n > f->chunk)
		n = f->chunk;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	return (long)n;
}

static int hexv(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Each write: "+", "-", or one whole packet with a correct checksum. */
static int io_write(void *c, const void *buf, size_t len)
{
	const char *p = buf;
	uint8_t sum = 0;

	(void)c;
	if (len == 1 && (p[0] == '+' || p[0] == '-'))
		return 0;
	if (len < 4 || len > TVM_GDB_PACKET_MAX + 4 || p[0] != '$' || p[len - 3] != '#')
		abort();
	for (size_t i = 1; i < len - 3; i++) {
		if (p[i] == '$' || p[i] == '#')
			abort();
		sum = (uint8_t)(sum + (uint8_t)p[i]);
	}
	if (hexv(p[len - 2]) < 0 || hexv(p[len - 1]) < 0 ||
	    (uint8_t)(hexv(p[len - 2]) << 4 | hexv(p[len - 1])) != sum)
		abort();
	return 0;
}

static const struct tvm_gdb_target_ops ops = {
	get_regs, set_regs, read_mem, write_mem, breakpoint, resume,
};
static const struct tvm_gdb_io io = { io_read, io_write };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tvm_gdb g;
	struct feed f = { data, size, 0, size ? 1u + data[0] % 64u : 1u };
	struct tvm_gdb_stop stop;
	enum tvm_gdb_end end;

	memset(&g, 0, sizeof(g));
	g.ops = &ops;
	g.io = &io;
	g.conn = &f;
	memset(bp_on, 0, sizeof(bp_on));
	memset(regs, 0, sizeof(regs));
	regs[TVM_GDB_RIP] = MEM_BASE;
	steps = 0;
	/* A session ends by D, k, the guest's end, or the input's: loop so
	 * that what follows a D is parsed too. */
	do
		end = tvm_gdb_serve(&g, &stop);
	while (end != TVM_GDB_END_HANGUP && f.pos < f.size);
	if (f.pos != f.size && end == TVM_GDB_END_HANGUP)
		abort(); /* it stopped reading before the end */
	return 0;
}
