/* gdb-fake.c: tvm's gdb protocol layer (gdb.c) over a fake target, served on stdin/stdout for `target remote | gdb-fake`.
 *
 * The fake machine: 64 KiB of memory at 0x400000 (byte i holds i & 0xff,
 * anything else faults), registers with known values (rax = 0x1111, ...,
 * rip = 0x401000), instructions one byte long: a step moves rip by one, a
 * continue runs to the next breakpoint (four slots) or, with none ahead,
 * "exits" with the memory byte at 0x400000 as its status. So gdb in batch
 * mode can check registers, memory reads and writes, steps, breakpoints
 * and the exit status, all with known answers. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tvm.h"

#define MEM_BASE 0x400000ull
#define MEM_SIZE 0x10000ull
#define NBP 4

static uint8_t mem[MEM_SIZE];
static uint64_t regs[TVM_GDB_NREGS];
static uint64_t bp[NBP];
static int bp_on[NBP];

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

static int in_mem(uint64_t addr, size_t len)
{
	return addr >= MEM_BASE && addr - MEM_BASE <= MEM_SIZE && len <= MEM_SIZE - (addr - MEM_BASE);
}

static int read_mem(void *t, uint64_t addr, void *buf, size_t len)
{
	(void)t;
	if (!in_mem(addr, len))
		return -EFAULT;
	memcpy(buf, mem + (addr - MEM_BASE), len);
	return 0;
}

static int write_mem(void *t, uint64_t addr, const void *buf, size_t len)
{
	(void)t;
	if (!in_mem(addr, len))
		return -EFAULT;
	memcpy(mem + (addr - MEM_BASE), buf, len);
	return 0;
}

static int breakpoint(void *t, uint64_t addr, int on)
{
	(void)t;
	for (int i = 0; i < NBP; i++)
		if (bp_on[i] && bp[i] == addr) {
			bp_on[i] = on;
			return 0;
		}
	if (!on)
		return 0;
	for (int i = 0; i < NBP; i++)
		if (!bp_on[i]) {
			bp[i] = addr;
			bp_on[i] = 1;
			return 0;
		}
	return -ENOSPC;
}

static int resume(void *t, int step, struct tvm_gdb_stop *stop)
{
	(void)t;
	for (uint64_t rip = regs[TVM_GDB_RIP] + 1; rip < MEM_BASE + MEM_SIZE; rip++) {
		int hit = step;

		for (int i = 0; i < NBP; i++)
			hit |= bp_on[i] && bp[i] == rip;
		if (hit) {
			regs[TVM_GDB_RIP] = rip;
			*stop = (struct tvm_gdb_stop){ .kind = TVM_GDB_STOP_TRAP };
			return 0;
		}
	}
	*stop = (struct tvm_gdb_stop){ .kind = TVM_GDB_STOP_EXITED, .value = mem[0] };
	return 0;
}

static long io_read(void *c, void *buf, size_t len)
{
	(void)c;
	ssize_t n = read(STDIN_FILENO, buf, len);
	return n < 0 ? -errno : n;
}

static int io_write(void *c, const void *buf, size_t len)
{
	const char *p = buf;

	(void)c;
	while (len) {
		ssize_t n = write(STDOUT_FILENO, p, len);

		if (n <= 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static const struct tvm_gdb_target_ops fake_ops = {
	get_regs, set_regs, read_mem, write_mem, breakpoint, resume,
};
static const struct tvm_gdb_io fake_io = { io_read, io_write };

int main(void)
{
	static struct tvm_gdb g = { .ops = &fake_ops, .io = &fake_io };
	static const char *const end_names[] = { "detached", "killed", "stopped", "hangup" };
	struct tvm_gdb_stop stop;

	for (size_t i = 0; i < MEM_SIZE; i++)
		mem[i] = (uint8_t)i;
	for (unsigned i = 0; i <= TVM_GDB_R15; i++)
		regs[i] = 0x1111 * (i + 1);
	regs[TVM_GDB_RSP] = MEM_BASE + 0xf000;
	regs[TVM_GDB_RBP] = 0;
	regs[TVM_GDB_RIP] = MEM_BASE + 0x1000;
	regs[TVM_GDB_EFLAGS] = 0x202;
	regs[TVM_GDB_CS] = 0x2b;
	regs[TVM_GDB_SS] = 0x23;
	enum tvm_gdb_end end = tvm_gdb_serve(&g, &stop);
	fprintf(stderr, "gdb-fake: session %s\n", end_names[end]);
	return 0;
}
