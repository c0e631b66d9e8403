/* atomic.h: lib/lock's operations run as scheduler critical sections, so a
 * preemptive scheduler never interrupts a lock halfway through an update. */
#ifndef LIBLOCK_ATOMIC_H
#define LIBLOCK_ATOMIC_H

#include <ts/sched.h>

#define LOCKED(expr) ({ ts_sched_atomic_begin(); __typeof__(expr) r_ = (expr); ts_sched_atomic_end(); r_; })
#define LOCKED_VOID(stmt) do { ts_sched_atomic_begin(); stmt; ts_sched_atomic_end(); } while (0)

#endif
