/* preempt.c: register the preemption hook with the ring-0 timer stub. */
#include <stdint.h>
#include <ts/arch/preempt.h>

void (*ts_arch_preempt_hook)(void);        /* called by preempt.S */
extern uint64_t ts_arch_preempt_handler;  /* read by the ring-0 timer stub */
void ts_arch_preempt_tramp(void);

void ts_arch_preempt_set(void (*hook)(void))
{
	ts_arch_preempt_hook = hook;
	ts_arch_preempt_handler = hook ? (uintptr_t)ts_arch_preempt_tramp : 0;
}
