/* Architecture contract: preemption of CPL-3 code by timer interrupts. */
#ifndef TS_ARCH_PREEMPT_H
#define TS_ARCH_PREEMPT_H

/*
 * From now on, a timer interrupt that hits CPL-3 code calls hook() on the
 * interrupted thread's stack, with all its registers and FPU state saved;
 * when hook returns — possibly after switching to other threads and back —
 * the interrupted code continues exactly where it was. hook NULL stops it.
 * Interrupts stay enabled inside hook: it must protect its own critical
 * sections (the scheduler defers preemption while one is open).
 */
void ts_arch_preempt_set(void (*hook)(void));

#endif
