/* context.c: a new thread's first context, and the thread pointer (%fs base). */
#include <string.h>
#include <ts/arch/context.h>
#include <ts/arch/cpu.h>

#include <ts/arch/privcall.h>
#include <ts/errno.h>

unsigned char ts_arch_fsgsbase; /* read by switch.S */
unsigned char ts_arch_xsave;    /* read by switch.S and preempt_entry.S */
uint64_t ts_arch_tp;            /* the %fs base where there is no rdfsbase; switch.S */

static void probe_fsgsbase(void)
{
	static int probed;
	if (!probed) {
		uint32_t r[4];
		ts_arch_cpuid(7, 0, r);
		ts_arch_fsgsbase = r[1] & 1; /* CR4.FSGSBASE is set where CPUID says so */
		probed = 1;
	}
}

int ts_arch_set_tp(uint64_t tp)
{
	probe_fsgsbase();
	if (tp >= 0x800000000000ull)
		return -EINVAL;
	if (ts_arch_fsgsbase) {
		__asm__ volatile("wrfsbase %0" : : "r"(tp) : "memory");
		return 0;
	}
	long r = ts_arch_privcall(TS_PRIVCALL_SET_FSBASE, tp);
	if (r == 0)
		ts_arch_tp = tp;
	return (int)r;
}

uint64_t ts_arch_get_tp(void)
{
	probe_fsgsbase();
	if (ts_arch_fsgsbase) {
		uint64_t tp;
		__asm__ volatile("rdfsbase %0" : "=r"(tp));
		return tp;
	}
	return ts_arch_tp;
}

int ts_arch_avx_enabled(void)
{
	return ts_arch_xsave;
}
void ts_arch_ctx_trampoline(void);

/* The saved frame ts_arch_ctx_switch pops: r15 r14 r13 r12 rbx rbp, ret. */
void ts_arch_ctx_init(struct ts_arch_ctx *ctx, void *stack, uint64_t size,
		      void (*fn)(void *), void *arg)
{
	static int probed;
	uint64_t *sp = (uint64_t *)(((uintptr_t)stack + size) & ~(uintptr_t)15);
	if (!probed) {
		/* AVX state only matters once there are threads to switch. */
		ts_arch_xsave = ts_arch_privcall(TS_PRIVCALL_XSAVE_ON, 0) == 0;
		probed = 1;
	}
	/* After the pops and the ret, rsp is 16-aligned again, as the call
	 * in the trampoline needs. */
	*--sp = (uintptr_t)ts_arch_ctx_trampoline; /* ret */
	*--sp = 0;                               /* rbp */
	*--sp = 0;                               /* rbx */
	*--sp = (uintptr_t)fn;                   /* r12 */
	*--sp = (uintptr_t)arg;                  /* r13 */
	*--sp = 0;                               /* r14 */
	*--sp = 0;                               /* r15 */
	ctx->rsp = (uintptr_t)sp;
	ctx->fsbase = ts_arch_get_tp(); /* C libraries keep their thread's state there */
	memset(ctx->fpu, 0, sizeof(ctx->fpu)); /* XSAVE header zero: all in init state */
	ctx->fpu[0] = 0x7f;                      /* FCW 0x037f: default x87 control */
	ctx->fpu[1] = 0x03;
	ctx->fpu[24] = 0x80;                     /* MXCSR 0x1f80: exceptions masked */
	ctx->fpu[25] = 0x1f;
}
