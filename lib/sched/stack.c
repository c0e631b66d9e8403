/* stack.c: thread stacks — a guard page below each (a fault there is a stack
 * overflow, not silent corruption), and a cache of freed stacks so that
 * thread churn costs no privcall. */
#include <ts/alloc.h>
#include <ts/arch/privcall.h>
#include "sched_impl.h"

#define PAGE 4096u
#define CACHE 64

struct cached {
	void *base;
	size_t pages;
};
static struct cached cache[CACHE];
static unsigned int ncached;

/* Guard the lowest page; a failure (no page table left) is not fatal: the
 * stack just has no guard. */
static int guard(void *base, int on)
{
	return ts_arch_privcall(TS_PRIVCALL_GUARD, (uintptr_t)base | (unsigned)on) == 0;
}

int ts_sched_stack_get(struct ts_thread *t, size_t pages)
{
	for (unsigned int i = 0; i < ncached; i++)
		if (cache[i].pages == pages) {
			t->stack_base = cache[i].base;
			t->guarded = 1;
			cache[i] = cache[--ncached];
			goto found;
		}
	t->stack_base = ts_palloc(ts_alloc_default(), pages + CONFIG_LIBSCHED_GUARD_PAGES);
	if (!t->stack_base)
		return -1;
	t->guarded = CONFIG_LIBSCHED_GUARD_PAGES && guard(t->stack_base, 1);
found:
	t->stack_pages = pages;
	t->stack = (char *)t->stack_base + CONFIG_LIBSCHED_GUARD_PAGES * PAGE;
	return 0;
}

void ts_sched_stack_put(struct ts_thread *t)
{
	if (t->guarded && ncached < CACHE) {
		cache[ncached++] = (struct cached){ t->stack_base, t->stack_pages };
		return;
	}
	if (t->guarded)
		guard(t->stack_base, 0);
	ts_pfree(ts_alloc_default(), t->stack_base, t->stack_pages + CONFIG_LIBSCHED_GUARD_PAGES);
}

/* For crash reports (arch/x86_64/crash.c asks, weakly: <ts/hooks.h>): is
 * addr in the guard page of the running thread? */
const char *ts_sched_fault_explain(uintptr_t addr)
{
	struct ts_thread *t = ts_sched_current;
	uintptr_t g = (uintptr_t)t->stack_base;
	if (t->guarded && addr >= g && addr < g + PAGE)
		return "stack overflow: the thread ran past the end of its stack (guard page)";
	return NULL;
}
