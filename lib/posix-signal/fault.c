/* fault.c: processor faults as signals — a page fault, division error or invalid opcode runs the program's handler on the faulting thread, which may change the context it then resumes. */
#include <stddef.h>
#include <ts/arch/context.h>
#include <ts/arch/privcall.h>
#include <ts/arch/trap.h>
#include <ts/hooks.h>
#include "signal_impl.h"

#define RFLAGS_IF 0x200ull
#define RED_ZONE 128

/* What the handler's stack holds: the FPU state at the fault (64-byte
 * aligned for XSAVE), the ucontext and siginfo the handler gets. */
struct sigframe {
	uint8_t fpu[TS_ARCH_FPU_SIZE] __attribute__((aligned(64)));
	struct ts_ucontext uc;
	struct ts_siginfo info;
	struct ts_ksigaction act;
	int sig;
	int irq; /* interrupts were on at the fault */
};

/* Set while a frame is being built: a fault then (the faulting stack is
 * unusable: an overflow without an alternate stack) is reported. */
static int building;

/* A thread that never asked for its signal state: mask empty, no
 * alternate stack. Faults must not allocate (the fault may be inside the
 * allocator), so it gets this stand-in. */
static struct sigthread nobody = { .alt = { .ss_flags = TS_SS_DISABLE } };

static int vector_signal(const struct ts_trap_frame *f, int *code, uint64_t *addr)
{
	*addr = 0;
	*code = TS_SI_KERNEL;
	switch (f->vector) {
	case 0: /* #DE */
		*code = TS_FPE_INTDIV;
		*addr = f->rip;
		return TS_SIGFPE;
	case 3: /* #BP: int3 */
		return TS_SIGTRAP;
	case 4: /* #OF */
	case 13: /* #GP */
		return TS_SIGSEGV;
	case 6: /* #UD */
		*code = TS_ILL_ILLOPN;
		*addr = f->rip;
		return TS_SIGILL;
	case 12: /* #SS */
		return TS_SIGBUS;
	case 14: /* #PF: error bit 0 set means the page was there */
		*code = f->error & 1 ? TS_SEGV_ACCERR : TS_SEGV_MAPERR;
		*addr = f->cr2;
		return TS_SIGSEGV;
	case 16: /* #MF */
	case 19: /* #XM */
		*code = TS_FPE_FLTINV;
		*addr = f->rip;
		return TS_SIGFPE;
	case 17: /* #AC */
		*code = TS_BUS_ADRALN;
		return TS_SIGBUS;
	default:
		return 0;
	}
}

/* No SSE from here until the state is saved (and after it is restored):
 * this code must not change what it saves. */
#define GPR_ONLY __attribute__((target("general-regs-only")))

GPR_ONLY static void fpu_save(uint8_t *area)
{
	if (ts_arch_avx_enabled()) {
		/* XRSTOR faults unless the header's reserved bytes are zero,
		 * and XSAVE leaves most of them alone. */
		for (volatile uint64_t *h = (uint64_t *)(area + 512); h < (uint64_t *)(area + 576); h++)
			*h = 0;
		__asm__ volatile("xsave64 (%0)" : : "r"(area), "a"(7), "d"(0) : "memory");
	} else {
		__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
	}
}

/* Back to the context in uc, through ring 0, which alone can restore
 * rip, rsp and the flags (with IF) at once (the preemption return). */
GPR_ONLY _Noreturn static void resume(struct sigframe *fr)
{
	const uint64_t *g = fr->uc.gregs;
	uint64_t block[18] = {
		g[TS_REG_RAX], g[TS_REG_RBX], g[TS_REG_RCX], g[TS_REG_RDX], g[TS_REG_RSI], g[TS_REG_RDI],
		g[TS_REG_RBP], g[TS_REG_R8], g[TS_REG_R9], g[TS_REG_R10], g[TS_REG_R11], g[TS_REG_R12],
		g[TS_REG_R13], g[TS_REG_R14], g[TS_REG_R15], g[TS_REG_RIP], g[TS_REG_EFL], g[TS_REG_RSP],
	};
	if (ts_arch_avx_enabled())
		__asm__ volatile("xrstor64 (%0)" : : "r"(fr->fpu), "a"(7), "d"(0) : "memory");
	else
		__asm__ volatile("fxrstor64 (%0)" : : "r"(fr->fpu) : "memory");
	ts_arch_privcall(TS_PRIVCALL_PREEMPT_RETURN, (unsigned long)block);
	__builtin_unreachable();
}

/* On the handler's stack, below the frame. */
static void fault_run(long unused, void *frame, void *unused2)
{
	(void)unused, (void)unused2;
	struct sigframe *fr = frame;
	struct sigthread *t = sig_self_peek();
	if (!t)
		t = &nobody;
	/* Preemption goes on while the handler runs, as it did before. */
	if (fr->irq)
		ts_arch_privcall(TS_PRIVCALL_IRQ_ON, 0);
	if (fr->act.flags & TS_SA_RESETHAND) {
		ts_sched_atomic_begin();
		sig_actions[fr->sig].handler = TS_SIG_DFL;
		sig_actions[fr->sig].flags &= ~TS_SA_SIGINFO;
		ts_sched_atomic_end();
	}
	sig_run_handler(t, fr->sig, &fr->act, &fr->info, &fr->uc);
	resume(fr);
}

GPR_ONLY int ts_signal_fault(struct ts_trap_frame *f)
{
	int code;
	uint64_t addr;
	if (building || !(f->cs & 3))
		return 0;
	int sig = vector_signal(f, &code, &addr);
	if (!sig)
		return 0;
	struct sigthread *t = sig_self_peek();
	if (!t)
		t = &nobody;
	struct ts_ksigaction act = sig_actions[sig];
	/* Without a handler, or blocked (Linux then kills the process): the
	 * crash report. */
	if (act.handler == TS_SIG_DFL || act.handler == TS_SIG_IGN || (t->mask & TS_SIGBIT(sig)))
		return 0;
	building = 1;
	uint64_t sp = f->rsp - RED_ZONE;
	if ((act.flags & TS_SA_ONSTACK) && !(t->alt.ss_flags & TS_SS_DISABLE) && !sig_on_altstack(t, f->rsp))
		sp = t->alt.ss_sp + t->alt.ss_size;
	struct sigframe *fr = (struct sigframe *)((sp - sizeof(struct sigframe)) & ~63ull);
	fpu_save(fr->fpu);
	for (volatile uint64_t *p = (uint64_t *)&fr->uc; p < (uint64_t *)(fr + 1); p++)
		*p = 0;
	uint64_t *g = fr->uc.gregs;
	g[TS_REG_R8] = f->r8, g[TS_REG_R9] = f->r9, g[TS_REG_R10] = f->r10, g[TS_REG_R11] = f->r11;
	g[TS_REG_R12] = f->r12, g[TS_REG_R13] = f->r13, g[TS_REG_R14] = f->r14, g[TS_REG_R15] = f->r15;
	g[TS_REG_RDI] = f->rdi, g[TS_REG_RSI] = f->rsi, g[TS_REG_RBP] = f->rbp, g[TS_REG_RBX] = f->rbx;
	g[TS_REG_RDX] = f->rdx, g[TS_REG_RAX] = f->rax, g[TS_REG_RCX] = f->rcx, g[TS_REG_RSP] = f->rsp;
	g[TS_REG_RIP] = f->rip, g[TS_REG_EFL] = f->rflags, g[TS_REG_CSGSFS] = f->cs;
	g[TS_REG_ERR] = f->error, g[TS_REG_TRAPNO] = f->vector, g[TS_REG_CR2] = f->cr2;
	g[TS_REG_OLDMASK] = t->mask;
	fr->uc.fpregs = fr->fpu;
	fr->info.si_signo = sig;
	fr->info.si_code = code;
	fr->info.u.fault.addr = addr;
	fr->act = act;
	fr->sig = sig;
	fr->irq = (f->rflags & RFLAGS_IF) != 0;
	building = 0;
	/* Leave the crash stack, which the next trap reuses. */
	ts_signal_call_on_stack((void *)fault_run, 0, fr, NULL, (uint64_t)fr & ~15ull);
	__builtin_unreachable();
}
