/* thread.c: creating, ending, joining threads; names and per-thread storage. */
#include <errno.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/print.h>
#include "sched_impl.h"

#define PAGE 4096u

/* A new thread starts inside the critical section of the switch that ran
 * it (atomic = 1, set at creation): until the switch is over, and while it
 * frees what exited, a timer interrupt must not reschedule it. */
static void thread_entry(void *arg)
{
	struct ts_thread *t = arg;
	ts_sched_reap(); /* first run: finish what the switch into us left */
	ts_sched_atomic_end(); /* also arms the timer */
	t->fn(t->arg);
	ts_thread_exit(NULL);
}

int ts_thread_create(struct ts_thread **out, const struct ts_thread_attr *attr,
		     void (*fn)(void *arg), void *arg)
{
	struct ts_alloc *heap = ts_alloc_default();
	size_t size = attr && attr->stack_size ? attr->stack_size : CONFIG_LIBSCHED_STACK_SIZE;
	size_t pages = (size + PAGE - 1) / PAGE;
	if (!fn)
		return -EINVAL;
	if (!heap || pages == 0)
		return -ENOMEM;
	ts_sched_atomic_begin(); /* the heap and the stack cache are shared */
	struct ts_thread *t = ts_memalign(heap, 64, sizeof(*t)); /* XSAVE area */
	if (t) {
		memset(t, 0, sizeof(*t));
		if (attr && attr->stack_top) {
			t->caller_stack = 1; /* the caller's: nothing to allocate */
			t->stack = attr->stack_top;
		} else if (ts_sched_stack_get(t, pages) < 0) {
			ts_free(heap, t);
			t = NULL;
		}
	}
	ts_sched_atomic_end();
	if (!t)
		return -ENOMEM;
	strncpy(t->name, attr && attr->name ? attr->name : "thread", sizeof(t->name) - 1);
	t->prio = attr ? attr->prio : 0;
	t->fn = fn;
	t->arg = arg;
	t->atomic = 1; /* see thread_entry */
	t->detached = out == NULL;
	if (t->caller_stack)
		ts_arch_ctx_init(&t->ctx, attr->stack_top, 0, thread_entry, t);
	else
		ts_arch_ctx_init(&t->ctx, t->stack, pages * PAGE, thread_entry, t);
	if (out)
		*out = t;
	ts_sched_atomic_begin();
	ts_sched_make_ready(t);
	ts_sched_atomic_end();
	return 0;
}

void ts_thread_free(struct ts_thread *t)
{
	if (!t->caller_stack)
		ts_sched_stack_put(t);
	ts_free(ts_alloc_default(), t);
}

static void (*exit_hooks[TS_THREAD_EXIT_HOOKS])(struct ts_thread *self);

int ts_thread_add_exit_hook(void (*hook)(struct ts_thread *self))
{
	for (int i = 0; i < TS_THREAD_EXIT_HOOKS; i++) {
		if (exit_hooks[i] == hook)
			return 0;
		if (!exit_hooks[i]) {
			exit_hooks[i] = hook;
			return 0;
		}
	}
	return -ENOMEM;
}

_Noreturn void ts_thread_exit(void *retval)
{
	struct ts_thread *self = ts_sched_current;
	TS_ASSERT(self->stack); /* the boot thread never exits this way */
	for (int i = 0; i < TS_THREAD_EXIT_HOOKS && exit_hooks[i]; i++)
		exit_hooks[i](self); /* still a live thread: it may lock, free, wake */
	ts_sched_atomic_begin(); /* never ended: the thread is gone */
	self->retval = retval;
	self->state = T_EXITED;
	if (self->detached)
		ts_sched_zombie_add(self); /* freed by whoever runs next */
	else
		ts_waitq_wake_all(&self->joiners);
	ts_sched_reschedule();
	ts_panic("sched: an exited thread was resumed");
}

int ts_thread_join(struct ts_thread *t, void **retval)
{
	if (!t || t == ts_sched_current || t->detached || t->joined)
		return -EINVAL;
	ts_sched_atomic_begin();
	t->joined = 1;
	while (t->state != T_EXITED)
		ts_waitq_wait(&t->joiners, 0);
	if (retval)
		*retval = t->retval;
	ts_thread_free(t);
	ts_sched_atomic_end();
	return 0;
}

int ts_thread_detach(struct ts_thread *t)
{
	if (!t || t->detached || t->joined)
		return -EINVAL;
	ts_sched_atomic_begin();
	t->detached = 1;
	if (t->state == T_EXITED && t != ts_sched_current)
		ts_thread_free(t);
	ts_sched_atomic_end();
	return 0;
}

struct ts_thread *ts_thread_self(void)
{
	return ts_sched_current;
}

const char *ts_thread_name(const struct ts_thread *t)
{
	return t->name;
}

struct ts_thread **ts_thread_runq_link(struct ts_thread *t)
{
	return &t->runq_next;
}

int ts_thread_prio(const struct ts_thread *t)
{
	return t->prio;
}

static unsigned int tls_keys;

int ts_tls_key_create(unsigned int *key)
{
	if (tls_keys == TS_TLS_KEYS)
		return -EAGAIN;
	*key = tls_keys++;
	return 0;
}

void *ts_tls_get(unsigned int key)
{
	return key < TS_TLS_KEYS ? ts_sched_current->tls[key] : NULL;
}

int ts_tls_set(unsigned int key, void *value)
{
	if (key >= TS_TLS_KEYS)
		return -EINVAL;
	ts_sched_current->tls[key] = value;
	return 0;
}
