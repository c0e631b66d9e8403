/* crash.c: the crash report for exceptions, printed at CPL 3. */
#include <ts/arch/backtrace.h>
#include <ts/arch/layout.h>
#include <ts/arch/trap.h>
#include <ts/hooks.h>
#include <ts/plat/console.h>
#include <ts/plat/lifecycle.h>

struct ts_trap_frame ts_trap_frame;

/* The trap being reported, once no signal handler takes it (a handled
 * fault resumes the program and is no crash). */
static const struct ts_trap_frame *crash_trap;

const struct ts_trap_frame *ts_arch_crash_frame(void)
{
	static struct ts_trap_frame captured;

	if (crash_trap)
		return crash_trap;
	ts_arch_capture(&captured);
	return &captured;
}

static int in_page(uintptr_t addr, const char *page)
{
	return addr - (uintptr_t)page < 4096;
}

/* Why touching addr faulted, when it lies in a guard page; NULL otherwise.
 * The boot stack is where main runs without a scheduler, so its overflow
 * reads like a thread's. */
static const char *guard_explain(uintptr_t addr)
{
	if (in_page(addr, __ts_boot_stack_guard))
		return "stack overflow: the thread ran past the end of its stack (guard page)";
	if (in_page(addr, __ts_r0stack_guard) || in_page(addr, __ts_iststack_guard))
		return "stack overflow in ring 0: a trap stack ran into its guard page";
	/* The scheduler, when linked, knows the threads' guard pages. */
	return ts_sched_fault_explain_hook ? ts_sched_fault_explain_hook(addr) : NULL;
}

static const char *const vector_names[32] = {
	"divide error (#DE)", "debug (#DB)", "NMI", "breakpoint (#BP)",
	"overflow (#OF)", "bound range (#BR)", "invalid opcode (#UD)",
	"device not available (#NM)", "double fault (#DF)", "coprocessor segment",
	"invalid TSS (#TS)", "segment not present (#NP)", "stack fault (#SS)",
	"general protection (#GP)", "page fault (#PF)", "reserved",
	"x87 floating point (#MF)", "alignment check (#AC)", "machine check (#MC)",
	"SIMD floating point (#XM)", "virtualization (#VE)", "control protection (#CP)",
};

static void put(const char *s) { ts_arch_crash_puts(s); }

static void put_reg(const char *name, uint64_t v, int last)
{
	put(name);
	put("=");
	ts_arch_crash_puthex(v, 16);
	put(last ? "\n" : "  ");
}

/* Page-fault error bits say what the access was and why it failed. */
static void put_pf_reason(uint64_t err)
{
	put(err & 16 ? " [instruction fetch" : err & 2 ? " [write" : " [read");
	put(err & 1 ? ", protection violation" : ", page not present");
	put(err & 4 ? ", user mode]" : ", kernel mode]");
}

static void put_location(uint64_t rip)
{
	uintptr_t off;
	const char *name = ts_arch_symbolize(rip, &off);
	put(" at 0x");
	ts_arch_crash_puthex(rip, 8);
	if (name) {
		put(" in ");
		put(name);
		put("+0x");
		ts_arch_crash_puthex(off, 4);
	}
	put("\n");
}

static void put_registers(const struct ts_trap_frame *f)
{
	put_reg("rax", f->rax, 0); put_reg("rbx", f->rbx, 0); put_reg("rcx", f->rcx, 1);
	put_reg("rdx", f->rdx, 0); put_reg("rsi", f->rsi, 0); put_reg("rdi", f->rdi, 1);
	put_reg("rbp", f->rbp, 0); put_reg("rsp", f->rsp, 0); put_reg("r8 ", f->r8, 1);
	put_reg("r9 ", f->r9, 0);  put_reg("r10", f->r10, 0); put_reg("r11", f->r11, 1);
	put_reg("r12", f->r12, 0); put_reg("r13", f->r13, 0); put_reg("r14", f->r14, 1);
	put_reg("r15", f->r15, 0); put_reg("rip", f->rip, 0); put_reg("rfl", f->rflags, 1);
	put_reg("cs ", f->cs, 0);  put_reg("ss ", f->ss, 0);  put_reg("cr2", f->cr2, 1);
}

_Noreturn void ts_arch_crash(struct ts_trap_frame *f)
{
	static int crashing;
	/* A fault the program handles (a SIGSEGV handler, lib/posix-signal)
	 * resumes in the program: the hook returns only when it declines. */
	if (ts_signal_fault_hook)
		ts_signal_fault_hook(f);
	crash_trap = f;
	ts_plat_console_crash();
	if (crashing++) {
		/* The report itself trapped: say so once, and if saying so
		 * traps too, stop without a word. */
		if (crashing == 2)
			put("\n*** nested trap while reporting a crash; stopping\n");
		ts_plat_halt(TS_EXIT_CRASH);
	}
	put("\n*** CRASH: ");
	put(f->vector < 22 ? vector_names[f->vector] : f->vector < 32 ? "reserved exception" : "unexpected interrupt");
	put(", vector ");
	ts_arch_crash_puthex(f->vector, 2);
	put(", error code 0x");
	ts_arch_crash_puthex(f->error, 4);
	if (f->vector == 14)
		put_pf_reason(f->error);
	put((f->cs & 3) ? " (CPL 3)\n" : " (CPL 0)\n");
	put("*** faulting instruction");
	put_location(f->rip);
	/* A double fault is what a page fault becomes when its frame cannot be
	 * pushed: CR2 then still names the page that stopped it. */
	const char *why = f->vector == 14 || f->vector == 8 ? guard_explain(f->cr2) : NULL;
	if (f->vector == 14 || why) {
		put("*** faulting address 0x");
		ts_arch_crash_puthex(f->cr2, 16);
		put("\n");
	}
	if (why) {
		put("*** ");
		put(why);
		put("\n");
	}
	ts_arch_crash_put_thread();
	put_registers(f);
	/* After an overflow rsp may point into the guard page itself: reading
	 * the word there would fault again and end the report. */
	ts_arch_backtrace_print(f->rip, f->rbp, guard_explain(f->rsp) ? 0 : f->rsp);
	ts_plat_halt(TS_EXIT_CRASH);
}
