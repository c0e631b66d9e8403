/* lib/schedpreempt: preemptive scheduling with priorities. It exports only
 * the policy object `ts_sched_policy` declared in <ts/sched_policy.h>: priorities
 * 0..TS_SCHEDPREEMPT_PRIOS-1 (higher runs first; others are clamped), FIFO
 * within a priority, time slices of LIBSCHEDPREEMPT_SLICE_MS ended by timer
 * interrupts where the platform has them. */
#ifndef TS_SCHEDPREEMPT_H
#define TS_SCHEDPREEMPT_H

#include <ts/sched.h>

#define TS_SCHEDPREEMPT_PRIOS 8

#endif
