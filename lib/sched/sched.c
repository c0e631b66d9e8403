/* sched.c: the scheduler core — switching, sleeping, the idle wait, and main
 * in its own thread. The policy (which thread next) is ts_sched_policy. */
#include <stddef.h>
#include <ts/plat/time.h>
#include <ts/print.h>
#include "sched_impl.h"

static struct ts_thread boot_thread = { .name = "boot", .state = T_RUNNING };
struct ts_thread *ts_sched_current = &boot_thread;
static struct ts_thread *sleepers; /* sorted by deadline */
static struct ts_thread *zombies;

void ts_sched_make_ready(struct ts_thread *t)
{
	t->state = T_READY;
	ts_sched_policy.enqueue(t);
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
		if (t)
			return t;
		if (!sleepers)
			ts_panic("sched: every thread is blocked and none sleeps (deadlock)");
		ts_plat_wait_until(sleepers->deadline);
	}
}

void ts_sched_reschedule(void)
{
	struct ts_thread *prev = ts_sched_current, *next = next_thread();
	next->state = T_RUNNING;
	if (next == prev)
		return;
	ts_sched_current = next;
	ts_arch_ctx_switch(&prev->ctx, &next->ctx);
	ts_sched_reap(); /* back in prev: free what exited meanwhile */
}

void ts_thread_yield(void)
{
	if (sleepers)
		wake_due(ts_plat_monotonic_ns());
	ts_sched_make_ready(ts_sched_current);
	ts_sched_reschedule();
}

void ts_thread_sleep_until(uint64_t deadline_ns)
{
	struct ts_thread *self = ts_sched_current;
	if (deadline_ns <= ts_plat_monotonic_ns()) {
		ts_thread_yield();
		return;
	}
	self->state = T_SLEEPING;
	self->deadline = deadline_ns;
	ts_sched_sleep_add(self);
	ts_sched_reschedule();
}

void ts_thread_sleep_ns(uint64_t ns)
{
	ts_thread_sleep_until(ts_plat_monotonic_ns() + ns);
}

/* For crash reports (arch/x86_64/crash.c asks, weakly). */
const char *ts_sched_crash_name(void);
const char *ts_sched_crash_name(void)
{
	return ts_sched_current ? ts_sched_current->name : NULL;
}

/* ---- main in its own thread ------------------------------------------------ */
int main(int argc, char *argv[]);
static int main_argc, main_status;
static char **main_argv;

static void main_thread(void *unused)
{
	(void)unused;
	main_status = main(main_argc, main_argv);
}

/* Replaces lib/boot's weak default: the boot context becomes the "boot"
 * thread, which starts main in a thread of its own and waits for it, so
 * main may block, sleep and start threads like any other. */
int ts_boot_call_main(int argc, char *argv[]);
int ts_boot_call_main(int argc, char *argv[])
{
	struct ts_thread *t;
	struct ts_thread_attr attr = { .name = "main", .stack_size = CONFIG_LIBSCHED_MAIN_STACK_SIZE };
	main_argc = argc;
	main_argv = argv;
	if (ts_thread_create(&t, &attr, main_thread, NULL) < 0)
		ts_panic("sched: no memory for the main thread");
	ts_thread_join(t, NULL);
	return main_status;
}
