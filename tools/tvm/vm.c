/* vm.c: KVM: create the VM and its vCPU, set the boot state, run the exit loop. */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tvm.h"

#define CPUID_MAX_ENTRIES 100
#define CPUID_MORE_ENTRIES 1024

int tvm_vm_create(struct tvm_vm *v, uint8_t *ram, uint64_t mem_size)
{
	struct kvm_userspace_memory_region region = {
		.slot = 0,
		.guest_phys_addr = 0,
		.memory_size = mem_size,
		.userspace_addr = (uintptr_t)ram,
	};
	/* Room for what current CPUs report (46 entries here), in one page. */
	static union {
		struct kvm_cpuid2 h;
		uint8_t room[sizeof(struct kvm_cpuid2) +
			     CPUID_MAX_ENTRIES * sizeof(struct kvm_cpuid_entry2)];
	} cpuid;

	v->crashed = 0;
	v->irq_pending = 0;
	v->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (v->kvm < 0) {
		tvm_err("/dev/kvm: %s", strerror(errno));
		return -1;
	}
	v->vm = ioctl(v->kvm, KVM_CREATE_VM, 0);
	if (v->vm < 0) {
		tvm_err("KVM_CREATE_VM: %s", strerror(errno));
		return -1;
	}
	if (ioctl(v->vm, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
		tvm_err("KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
		return -1;
	}
	v->vcpu = ioctl(v->vm, KVM_CREATE_VCPU, 0);
	if (v->vcpu < 0) {
		tvm_err("KVM_CREATE_VCPU: %s", strerror(errno));
		return -1;
	}
	int size = ioctl(v->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < (int)sizeof(struct kvm_run)) {
		tvm_err("KVM_GET_VCPU_MMAP_SIZE: %s", size < 0 ? strerror(errno) : "too small");
		return -1;
	}
	v->run = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED, v->vcpu, 0);
	if (v->run == MAP_FAILED) {
		tvm_err("mmap of the vCPU state: %s", strerror(errno));
		return -1;
	}

	/* The guest sees the host CPU as KVM can offer it. */
	struct kvm_cpuid2 *c = &cpuid.h;
	c->nent = CPUID_MAX_ENTRIES;
	int rc = ioctl(v->kvm, KVM_GET_SUPPORTED_CPUID, c);
	if (rc < 0 && errno == E2BIG) {
		c = calloc(1, sizeof *c + CPUID_MORE_ENTRIES * sizeof c->entries[0]);
		if (!c) {
			tvm_err("out of memory");
			return -1;
		}
		c->nent = CPUID_MORE_ENTRIES;
		rc = ioctl(v->kvm, KVM_GET_SUPPORTED_CPUID, c);
	}
	if (rc < 0 || ioctl(v->vcpu, KVM_SET_CPUID2, c) < 0) {
		tvm_err("setting the guest CPUID: %s", strerror(errno));
		return -1;
	}
	v->fsgsbase = 0;
	for (unsigned i = 0; i < c->nent; i++)
		if (c->entries[i].function == 7 && c->entries[i].index == 0)
			v->fsgsbase = c->entries[i].ebx & 1;

	int khz = ioctl(v->vcpu, KVM_GET_TSC_KHZ, 0);
	v->tsc_hz = khz > 0 ? (uint64_t)khz * 1000 : 0;
	return 0;
}

int tvm_vm_boot_regs(struct tvm_vm *v, const struct tvm_image *img)
{
	struct kvm_sregs s;
	struct kvm_regs r;
	const struct kvm_segment code = {
		.base = 0, .limit = 0xffffffff, .selector = TVM_SEL_UCODE,
		.type = 11, .present = 1, .dpl = 3, .s = 1, .l = 1, .g = 1,
	};
	const struct kvm_segment data = {
		.base = 0, .limit = 0xffffffff, .selector = TVM_SEL_UDATA,
		.type = 3, .present = 1, .dpl = 3, .db = 1, .s = 1, .g = 1,
	};
	const struct kvm_segment tr = {
		.base = TVM_TABLES_GPA + TVM_TSS_OFF, .limit = TVM_TSS_LIMIT,
		.selector = TVM_SEL_TSS, .type = 11, .present = 1,
	};
	const struct kvm_segment ldt = {.type = 2, .unusable = 1};

	/* Every field is set here, so no KVM_GET_SREGS first (one ioctl less). */
	memset(&s, 0, sizeof s);
	s.apic_base = 0xfee00900; /* the reset value: enabled, BSP */
	s.cr0 = 0x80010033;  /* PG WP NE ET MP PE */
	s.cr3 = TVM_PML4_GPA;
	s.cr4 = 0x620 | (v->fsgsbase ? 0x10000 : 0); /* OSXMMEXCPT OSFXSR PAE (FSGSBASE) */
	s.efer = 0xd00;      /* NXE LMA LME */
	s.gdt.base = TVM_TABLES_GPA + TVM_GDT_OFF;
	s.gdt.limit = TVM_GDT_LIMIT;
	s.idt.base = TVM_TABLES_GPA + TVM_IDT_OFF;
	s.idt.limit = TVM_IDT_LIMIT;
	s.cs = code;
	s.ds = s.es = s.fs = s.gs = s.ss = data;
	s.tr = tr;
	s.ldt = ldt;
	if (ioctl(v->vcpu, KVM_SET_SREGS, &s) < 0) {
		tvm_err("KVM_SET_SREGS: %s", strerror(errno));
		return -1;
	}
	memset(&r, 0, sizeof r);
	r.rip = img->info.entry;
	r.rsp = img->info.stack_top;
	r.rflags = 0x3002; /* IOPL 3, IF 0 */
	r.rdi = TVM_BOOTINFO_GPA;
	if (ioctl(v->vcpu, KVM_SET_REGS, &r) < 0) {
		tvm_err("KVM_SET_REGS: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* "tvm: guest crashed: <why>" and the vCPU registers; returns TVM_EXIT_CRASH. */
static int crash(struct tvm_vm *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int crash(struct tvm_vm *v, const char *fmt, ...)
{
	struct kvm_regs r;
	struct kvm_sregs s;
	va_list ap;

	v->crashed = 1;
	fputs("tvm: guest crashed: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (ioctl(v->vcpu, KVM_GET_REGS, &r) < 0 || ioctl(v->vcpu, KVM_GET_SREGS, &s) < 0)
		return TVM_EXIT_CRASH;
	/* The guest never turns paging off: without it, the vCPU was reset.
	 * KVM on AMD does that at a triple fault (the VMCB is undefined after a
	 * shutdown intercept), so the guest's registers are gone. */
	if (!(s.cr0 & 0x80000000)) {
		fputs("tvm: the registers are lost: the CPU reset them at the fault (as KVM does on AMD)\n", stderr);
		return TVM_EXIT_CRASH;
	}
	fprintf(stderr,
		"tvm: rip %016llx rsp %016llx rflags %016llx\n"
		"tvm: cr2 %016llx cr3 %016llx cs %04x ss %04x (CPL %u)\n"
		"tvm: rax %016llx rbx %016llx rcx %016llx rdx %016llx\n"
		"tvm: rsi %016llx rdi %016llx rbp %016llx r8  %016llx\n"
		"tvm: r9  %016llx r10 %016llx r11 %016llx r12 %016llx\n"
		"tvm: r13 %016llx r14 %016llx r15 %016llx\n",
		r.rip, r.rsp, r.rflags, s.cr2, s.cr3, s.cs.selector, s.ss.selector, s.cs.dpl,
		r.rax, r.rbx, r.rcx, r.rdx, r.rsi, r.rdi, r.rbp, r.r8, r.r9, r.r10, r.r11, r.r12,
		r.r13, r.r14, r.r15);
	return TVM_EXIT_CRASH;
}

/* Writes to ports other than the hypercall port are ignored, with one
 * warning per port. Returns -1 to go on, or tvm's exit status. */
static int port_io(struct tvm_vm *v, struct tvm_machine *m)
{
	static uint8_t warned[65536 / 8];
	struct kvm_run *run = v->run;
	uint8_t *data = (uint8_t *)run + run->io.data_offset;
	uint16_t port = run->io.port;

	if (run->io.direction == KVM_EXIT_IO_IN) {
		memset(data, 0xff, (size_t)run->io.size * run->io.count);
		return -1;
	}
	if (port != TVM_HC_PORT) {
		if (!(warned[port / 8] & (1 << port % 8))) {
			warned[port / 8] |= (uint8_t)(1 << port % 8);
			fprintf(stderr, "tvm: guest wrote to I/O port 0x%x (ignored)\n", port);
		}
		return -1;
	}
	if (run->io.size != 4 || run->io.count != 1)
		return crash(v, "%u-byte write (count %u) to the hypercall port 0x%x; hypercalls are one 32-bit write",
			     run->io.size, run->io.count, port);

	uint32_t val;
	int status = 0;
	char err[160];
	memcpy(&val, data, sizeof val);
	switch (tvm_hc_handle(m, (uint64_t)val << TVM_HC_SHIFT, &status, err, sizeof err)) {
	case TVM_HC_CONTINUE:
		return -1;
	case TVM_HC_EXIT:
		return status;
	case TVM_HC_CRASHED:
		/* The guest printed its own report; registers would add nothing. */
		v->crashed = 1;
		fputs("tvm: guest crashed (see its report above)\n", stderr);
		return status;
	default:
		return crash(v, "%s", err);
	}
}

int tvm_vm_run(struct tvm_vm *v, struct tvm_machine *m)
{
	struct kvm_run *run = v->run;

	/* irq_pending is kept in v: a run that ends at a debugger stop
	 * (TVM_VM_DEBUG) must not lose a timer interrupt not yet injected. */
	for (;;) {
		/* A fired guest timer becomes interrupt TVM_TIMER_VECTOR as soon
		 * as the guest can take it (IF set). */
		if (v->irq_pending && run->ready_for_interrupt_injection) {
			struct kvm_interrupt irq = {.irq = TVM_TIMER_VECTOR};

			if (ioctl(v->vcpu, KVM_INTERRUPT, &irq) == 0)
				v->irq_pending = 0;
		}
		run->request_interrupt_window = v->irq_pending;
		if (ioctl(v->vcpu, KVM_RUN, 0) < 0) {
			if (errno != EINTR && errno != EAGAIN)
				return crash(v, "KVM_RUN: %s", strerror(errno));
			if (tvm_timer_take())
				v->irq_pending = 1;
			continue;
		}
		switch (run->exit_reason) {
		case KVM_EXIT_IRQ_WINDOW_OPEN:
			break;
		case KVM_EXIT_IO: {
			int st = port_io(v, m);

			if (st >= 0)
				return st;
			break;
		}
		case KVM_EXIT_INTR:
			break;
		case KVM_EXIT_DEBUG: /* only with KVM_SET_GUEST_DEBUG: gdbkvm.c */
			return TVM_VM_DEBUG;
		case KVM_EXIT_HLT:
			return crash(v, "hlt, and nothing can wake the vCPU");
		case KVM_EXIT_MMIO:
			return crash(v, "%u-byte %s at 0x%llx, outside guest RAM", run->mmio.len,
				     run->mmio.is_write ? "write" : "read",
				     (unsigned long long)run->mmio.phys_addr);
		case KVM_EXIT_SHUTDOWN:
			return crash(v, "triple fault (KVM_EXIT_SHUTDOWN)");
		case KVM_EXIT_INTERNAL_ERROR:
			return crash(v, "KVM internal error, suberror %u", run->internal.suberror);
		case KVM_EXIT_FAIL_ENTRY:
			return crash(v, "VM entry failed, hardware reason 0x%llx",
				     (unsigned long long)run->fail_entry.hardware_entry_failure_reason);
		default:
			return crash(v, "unexpected KVM exit %u", run->exit_reason);
		}
	}
}
