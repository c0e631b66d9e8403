/* core.c: tvm --core FILE: the crashed guest's registers and RAM as an ELF core file (tools/common/elfcore.c). */
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>

#include "elfcore.h"
#include "tvm.h"

/* The guest's own crash frame, when it named one inside RAM. */
static int frame_regs(const struct tvm_machine *m, struct ts_elfcore_regs *r, int *signo)
{
	struct ts_trap_frame f;
	uint64_t at = m->crash_frame;

	if (!at || at % 8 || at >= m->ram_size || m->ram_size - at < sizeof(f))
		return -1;
	memcpy(&f, m->ram + at, sizeof(f));
	ts_elfcore_regs_from_frame(&f, r);
	*signo = ts_elfcore_signal(f.vector);
	return 0;
}

/* A crash tvm saw itself (triple fault, bad hypercall, ...): the vCPU's. */
static int vcpu_regs(struct tvm_vm *v, struct ts_elfcore_regs *r, int *signo)
{
	struct kvm_regs g;
	struct kvm_sregs s;

	if (ioctl(v->vcpu, KVM_GET_REGS, &g) < 0 || ioctl(v->vcpu, KVM_GET_SREGS, &s) < 0)
		return -1;
	*r = (struct ts_elfcore_regs){
		.rax = g.rax, .rbx = g.rbx, .rcx = g.rcx, .rdx = g.rdx, .rsi = g.rsi,
		.rdi = g.rdi, .rbp = g.rbp, .rsp = g.rsp, .r8 = g.r8, .r9 = g.r9,
		.r10 = g.r10, .r11 = g.r11, .r12 = g.r12, .r13 = g.r13, .r14 = g.r14,
		.r15 = g.r15, .rip = g.rip, .rflags = g.rflags, .cs = s.cs.selector,
		.ss = s.ss.selector, .fs_base = s.fs.base, .gs_base = s.gs.base,
	};
	*signo = ts_elfcore_signal(TS_TRAP_NONE);
	return 0;
}

int tvm_core_write(struct tvm_vm *v, const struct tvm_machine *m)
{
	struct ts_elfcore_seg seg = { .vaddr = 0, .data = m->ram, .size = m->ram_size };
	struct ts_elfcore_regs r;
	int signo, rc;

	if (frame_regs(m, &r, &signo) && vcpu_regs(v, &r, &signo)) {
		tvm_err("--core: the guest's registers cannot be read; no core written");
		return -1;
	}
	rc = ts_elfcore_write(m->core_fd, &r, signo, &seg, 1);
	if (rc) {
		tvm_err("--core: %s", strerror(-rc));
		return -1;
	}
	return 0;
}
