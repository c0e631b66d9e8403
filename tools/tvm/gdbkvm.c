/* gdbkvm.c: tvm --gdb: the debugger's connection, and gdb.c's target operations over the KVM vCPU.
 *
 * No guest code changes: breakpoints are the CPU's four debug registers
 * and single steps its trap flag, both through KVM_SET_GUEST_DEBUG, so
 * code pages are never written (W^X holds while debugging too). gdb's
 * software breakpoints (Z0) become hardware ones as well. Memory is read
 * and written through the guest's page tables, supervisor pages included:
 * the debugger sees what the CPU sees. */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/kvm.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tvm.h"

#define NBP 4
#define DR7_RESERVED (1ull << 10)

struct kvm_target {
	struct tvm_vm *v;
	struct tvm_machine *m;
	uint64_t bp[NBP];
	int bp_on[NBP];
};

int tvm_gdb_wait(unsigned port)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int one = 1, lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), fd;

	if (lfd < 0) {
		tvm_err("--gdb: socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(lfd, 1) < 0) {
		tvm_err("--gdb %u: cannot listen on 127.0.0.1:%u: %s", port, port, strerror(errno));
		close(lfd);
		return -1;
	}
	fprintf(stderr, "tvm: waiting for gdb on 127.0.0.1:%u\n", port);
	do
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	close(lfd); /* one debugger per run */
	if (fd < 0) {
		tvm_err("--gdb: accept: %s", strerror(errno));
		return -1;
	}
	/* Packets are small and answered one by one: no Nagle delay. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

static int k_get_regs(void *t, uint64_t r[TVM_GDB_NREGS])
{
	struct kvm_target *k = t;
	struct kvm_regs g;
	struct kvm_sregs s;

	if (ioctl(k->v->vcpu, KVM_GET_REGS, &g) < 0 || ioctl(k->v->vcpu, KVM_GET_SREGS, &s) < 0)
		return -errno;
	r[TVM_GDB_RAX] = g.rax; r[TVM_GDB_RBX] = g.rbx; r[TVM_GDB_RCX] = g.rcx;
	r[TVM_GDB_RDX] = g.rdx; r[TVM_GDB_RSI] = g.rsi; r[TVM_GDB_RDI] = g.rdi;
	r[TVM_GDB_RBP] = g.rbp; r[TVM_GDB_RSP] = g.rsp;
	r[TVM_GDB_R8] = g.r8; r[TVM_GDB_R9] = g.r9; r[TVM_GDB_R10] = g.r10;
	r[TVM_GDB_R11] = g.r11; r[TVM_GDB_R12] = g.r12; r[TVM_GDB_R13] = g.r13;
	r[TVM_GDB_R14] = g.r14; r[TVM_GDB_R15] = g.r15;
	r[TVM_GDB_RIP] = g.rip; r[TVM_GDB_EFLAGS] = g.rflags;
	r[TVM_GDB_CS] = s.cs.selector; r[TVM_GDB_SS] = s.ss.selector;
	r[TVM_GDB_DS] = s.ds.selector; r[TVM_GDB_ES] = s.es.selector;
	r[TVM_GDB_FS] = s.fs.selector; r[TVM_GDB_GS] = s.gs.selector;
	return 0;
}

/* General registers, rip and rflags; segment selectors stay as they are
 * (changing them would change the privilege level under the guest). */
static int k_set_regs(void *t, const uint64_t r[TVM_GDB_NREGS])
{
	struct kvm_target *k = t;
	struct kvm_regs g;

	if (ioctl(k->v->vcpu, KVM_GET_REGS, &g) < 0)
		return -errno;
	g.rax = r[TVM_GDB_RAX]; g.rbx = r[TVM_GDB_RBX]; g.rcx = r[TVM_GDB_RCX];
	g.rdx = r[TVM_GDB_RDX]; g.rsi = r[TVM_GDB_RSI]; g.rdi = r[TVM_GDB_RDI];
	g.rbp = r[TVM_GDB_RBP]; g.rsp = r[TVM_GDB_RSP];
	g.r8 = r[TVM_GDB_R8]; g.r9 = r[TVM_GDB_R9]; g.r10 = r[TVM_GDB_R10];
	g.r11 = r[TVM_GDB_R11]; g.r12 = r[TVM_GDB_R12]; g.r13 = r[TVM_GDB_R13];
	g.r14 = r[TVM_GDB_R14]; g.r15 = r[TVM_GDB_R15];
	g.rip = r[TVM_GDB_RIP];
	/* reserved bit 1 stays set; IOPL and VM are the monitor's */
	g.rflags = (r[TVM_GDB_EFLAGS] & ~0x23000ull) | (g.rflags & 0x23000ull) | 2;
	if (ioctl(k->v->vcpu, KVM_SET_REGS, &g) < 0)
		return -errno;
	return 0;
}

/* Copy between buf and guest virtual memory, page by page through the
 * guest's page tables; every physical page must lie in RAM. */
static int k_access(struct kvm_target *k, uint64_t addr, void *buf, size_t len, int write)
{
	uint8_t *p = buf;

	while (len) {
		uint64_t pa, size = tvm_guest_walk(k->m, addr, 0, &pa);
		uint64_t in_page = size ? size - (addr & (size - 1)) : 0;
		size_t n = len < in_page ? len : (size_t)in_page;

		if (!size || pa >= k->m->ram_size || n > k->m->ram_size - pa)
			return -EFAULT;
		if (write)
			memcpy(k->m->ram + pa, p, n);
		else
			memcpy(p, k->m->ram + pa, n);
		p += n;
		addr += n;
		len -= n;
	}
	return 0;
}

static int k_read_mem(void *t, uint64_t addr, void *buf, size_t len)
{
	return k_access(t, addr, buf, len, 0);
}

static int k_write_mem(void *t, uint64_t addr, const void *buf, size_t len)
{
	return k_access(t, addr, (void *)buf, len, 1);
}

static int k_breakpoint(void *t, uint64_t addr, int on)
{
	struct kvm_target *k = t;

	for (int i = 0; i < NBP; i++)
		if (k->bp_on[i] && k->bp[i] == addr) {
			k->bp_on[i] = on;
			return 0;
		}
	for (int i = 0; on && i < NBP; i++)
		if (!k->bp_on[i]) {
			k->bp[i] = addr;
			k->bp_on[i] = 1;
			return 0;
		}
	return on ? -ENOSPC : 0;
}

/* The debug registers and flags for the next run: DR0..3 with their
 * local-enable bits in DR7 (execution breakpoints: R/W and LEN 0). */
static int k_guest_debug(struct kvm_target *k, int step)
{
	struct kvm_guest_debug d;

	memset(&d, 0, sizeof(d));
	d.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW_BP |
		    (step ? KVM_GUESTDBG_SINGLESTEP : 0);
	d.arch.debugreg[7] = DR7_RESERVED;
	for (int i = 0; i < NBP; i++)
		if (k->bp_on[i]) {
			d.arch.debugreg[i] = k->bp[i];
			d.arch.debugreg[7] |= 1ull << (2 * i);
		}
	return ioctl(k->v->vcpu, KVM_SET_GUEST_DEBUG, &d) < 0 ? -errno : 0;
}

static int k_resume(void *t, int step, struct tvm_gdb_stop *stop)
{
	struct kvm_target *k = t;
	int rc = k_guest_debug(k, step), st;

	if (rc)
		return rc;
	st = tvm_vm_run(k->v, k->m);
	if (st == TVM_VM_DEBUG)
		*stop = (struct tvm_gdb_stop){ .kind = TVM_GDB_STOP_TRAP };
	else if (k->v->crashed)
		*stop = (struct tvm_gdb_stop){ .kind = TVM_GDB_STOP_CRASHED, .value = st };
	else
		*stop = (struct tvm_gdb_stop){ .kind = TVM_GDB_STOP_EXITED, .value = st };
	return 0;
}

static long sock_read(void *c, void *buf, size_t len)
{
	ssize_t n;

	do
		n = read(*(int *)c, buf, len);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

static int sock_write(void *c, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(*(int *)c, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static const struct tvm_gdb_target_ops kvm_ops = {
	k_get_regs, k_set_regs, k_read_mem, k_write_mem, k_breakpoint, k_resume,
};
static const struct tvm_gdb_io sock_io = { sock_read, sock_write };

int tvm_gdb_kvm_session(struct tvm_vm *v, struct tvm_machine *m, int fd)
{
	static struct tvm_gdb g; /* its buffers are large: off the stack */
	struct kvm_target k = { .v = v, .m = m };
	struct kvm_guest_debug off;
	struct tvm_gdb_stop stop;
	int conn = fd;

	g = (struct tvm_gdb){ .ops = &kvm_ops, .target = &k, .io = &sock_io, .conn = &conn };
	switch (tvm_gdb_serve(&g, &stop)) {
	case TVM_GDB_END_STOPPED:
		return stop.value;
	case TVM_GDB_END_KILLED:
		tvm_err("the debugger killed the guest");
		return TVM_EXIT_ERROR;
	default:
		break;
	}
	/* Detached or hung up: no breakpoints, no steps; the guest runs on. */
	memset(&off, 0, sizeof(off));
	ioctl(v->vcpu, KVM_SET_GUEST_DEBUG, &off);
	close(fd);
	return -1;
}
