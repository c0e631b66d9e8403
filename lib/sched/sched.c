/* sched.c: the scheduler core — switching, sleeping, the idle wait, and main
 * in its own thread. The policy (which thread next) is ts_sched_policy. */
#include <stddef.h>
#include <ts/arch/cpu.h>
#include <ts/arch/preempt.h>
#include <ts/boot.h>
#include <ts/plat/time.h>
#include <ts/print.h>
#include "sched_impl.h"

static struct ts_thread boot_thread = { .name = "boot", .state = T_RUNNING };
struct ts_thread *ts_sched_current = &boot_thread;
static struct ts_thread *sleepers; /* sorted by deadline */
static struct ts_thread *zombies;
static unsigned long nready;        /* threads in the run queue */
static int preempting;              /* the timer interrupts CPL-3 code */
static uint64_t armed;              /* deadline the timer is set for; 0: none */
static uint64_t idle_tsc;           /* TSC ticks spent with no thread to run */

void ts_sched_make_ready(struct ts_thread *t)
{
	t->state = T_READY;
	nready++;
	ts_sched_policy.enqueue(t);
}

void ts_sched_atomic_begin(void)
{
	ts_sched_current->atomic++;
}

void ts_sched_atomic_end(void)
{
	struct ts_thread *self = ts_sched_current;
	if (--self->atomic)
		return;
	if (self->need_resched) {
		self->need_resched = 0;
		ts_thread_yield();
	}
	ts_sched_arm_timer();
}

/* The timer ends a slice (when others are runnable) or a sleep. */
void ts_sched_arm_timer(void)
{
	if (!preempting)
		return;
	uint64_t d = nready ? ts_plat_monotonic_ns() + ts_sched_policy.slice_ns : 0;
	if (sleepers && (!d || sleepers->deadline < d))
		d = sleepers->deadline;
	if (d && (!armed || d < armed)) {
		armed = d;
		ts_plat_timer_arm(d);
	}
}

/* Called by the timer interrupt on the interrupted thread's stack. */
static void preempt_hook(void)
{
	struct ts_thread *self = ts_sched_current;
	armed = 0;
	if (self->atomic) {
		self->need_resched = 1; /* inside a critical section: at its end */
		return;
	}
	ts_thread_yield();
}

void ts_sched_sleep_add(struct ts_thread *t)
{
	struct ts_thread **p = &sleepers;
	while (*p && (*p)->deadline <= t->deadline)
		p = &(*p)->s_next;
	t->s_next = *p;
	*p = t;
}

void ts_sched_sleep_remove(struct ts_thread *t)
{
	for (struct ts_thread **p = &sleepers; *p; p = &(*p)->s_next)
		if (*p == t) {
			*p = t->s_next;
			t->s_next = NULL;
			return;
		}
}

/* Wake every sleeper whose deadline has passed; a blocked one times out. */
static void wake_due(uint64_t now)
{
	while (sleepers && sleepers->deadline <= now) {
		struct ts_thread *t = sleepers;
		sleepers = t->s_next;
		t->s_next = NULL;
		if (t->state == T_BLOCKED) {
			ts_waitq_remove(t);
			t->timed_out = 1;
		}
		ts_sched_make_ready(t);
	}
}

void ts_sched_zombie_add(struct ts_thread *t)
{
	t->zombie_next = zombies;
	zombies = t;
}

void ts_sched_reap(void)
{
	while (zombies) {
		struct ts_thread *t = zombies;
		zombies = t->zombie_next;
		ts_thread_free(t);
	}
}

/* Nothing runnable: wait for the earliest sleeper. The whole VM idles in
 * ts_plat_wait_until (on tvm the vCPU sleeps in the monitor). */
static struct ts_thread *next_thread(void)
{
	for (;;) {
		if (sleepers)
			wake_due(ts_plat_monotonic_ns());
		struct ts_thread *t = ts_sched_policy.pick();
		if (t) {
			nready--;
			return t;
		}
		if (!sleepers)
			ts_panic("sched: every thread is blocked and none sleeps (deadlock)");
		ts_plat_wait_until(sleepers->deadline);
		armed = 0; /* the idle wait used the same timer */
	}
}

/* Both threads are inside a critical section here (next one since it was
 * switched out, or since its creation): between setting ts_sched_current
 * and the switch, a timer interrupt would otherwise reschedule `next` while
 * still on prev's stack. */
void ts_sched_reschedule(void)
{
	/* CPU time: the running thread is charged up to now; the time
	 * next_thread spends waiting for a sleeper is nobody's (idle). Two
	 * TSC reads a switch. */
	struct ts_thread *prev = ts_sched_current;
	uint64_t out = ts_arch_rdtsc();
	prev->cpu_tsc += out - prev->run_tsc;
	struct ts_thread *next = next_thread();
	uint64_t in = ts_arch_rdtsc();
	idle_tsc += in - out;
	next->run_tsc = in;
	next->state = T_RUNNING;
	if (next == prev)
		return;
	TS_ASSERT(prev->atomic && next->atomic);
	ts_sched_current = next;
	ts_arch_ctx_switch(&prev->ctx, &next->ctx);
	ts_sched_reap(); /* back in prev: free what exited meanwhile */
}

void ts_thread_yield(void)
{
	ts_sched_atomic_begin();
	if (sleepers)
		wake_due(ts_plat_monotonic_ns());
	ts_sched_make_ready(ts_sched_current);
	ts_sched_reschedule();
	ts_sched_atomic_end();
}

void ts_thread_sleep_until(uint64_t deadline_ns)
{
	struct ts_thread *self = ts_sched_current;
	if (deadline_ns <= ts_plat_monotonic_ns()) {
		ts_thread_yield();
		return;
	}
	ts_sched_atomic_begin();
	self->state = T_SLEEPING;
	self->deadline = deadline_ns;
	ts_sched_sleep_add(self);
	ts_sched_reschedule();
	ts_sched_atomic_end();
}

void ts_thread_sleep_ns(uint64_t ns)
{
	ts_thread_sleep_until(ts_plat_monotonic_ns() + ns);
}

uint64_t ts_thread_cpu_ns(const struct ts_thread *t)
{
	ts_sched_atomic_begin();
	uint64_t ticks = t->cpu_tsc;
	if (t == ts_sched_current)
		ticks += ts_arch_rdtsc() - t->run_tsc;
	ts_sched_atomic_end();
	return ts_plat_tsc_to_ns(ticks);
}

uint64_t ts_sched_idle_ns(void)
{
	return ts_plat_tsc_to_ns(idle_tsc);
}

/* Whether timer interrupts preempt threads (for tests and reports). */
int ts_sched_preemptive(void)
{
	return preempting;
}

/* For crash reports (arch/x86_64/backtrace.c asks, weakly: <ts/hooks.h>). */
const char *ts_sched_crash_name(void)
{
	return ts_sched_current ? ts_sched_current->name : NULL;
}

/* ---- main in its own thread ------------------------------------------------ */
int main(int argc, char *argv[]);
static int main_argc, main_status;
static char **main_argv;
static struct ts_thread *main_thr;

struct ts_thread *ts_sched_main_thread(void)
{
	return main_thr;
}

static void main_thread(void *unused)
{
	(void)unused;
	main_status = main(main_argc, main_argv);
}

/* Replaces lib/boot's weak default: the boot context becomes the "boot"
 * thread, which starts main in a thread of its own and waits for it, so
 * main may block, sleep and start threads like any other. */
int ts_boot_call_main(int argc, char *argv[])
{
	struct ts_thread *t;
	struct ts_thread_attr attr = { .name = "main", .stack_size = CONFIG_LIBSCHED_MAIN_STACK_SIZE };
	main_argc = argc;
	main_argv = argv;
	/* A preemptive policy gets timer interrupts where the platform has them
	 * (QEMU/KVM); elsewhere threads stay cooperative. */
	if (ts_sched_policy.slice_ns && ts_plat_timer_enable() == 0) {
		ts_arch_preempt_set(preempt_hook);
		preempting = 1;
	}
	if (ts_thread_create(&main_thr, &attr, main_thread, NULL) < 0)
		ts_panic("sched: no memory for the main thread");
	t = main_thr;
	ts_thread_join(t, NULL);
	return main_status;
}
