/* lib/schedcoop: cooperative round-robin scheduling. It exports only the
 * policy object `ts_sched_policy` declared in <ts/sched_policy.h>: threads run until
 * they block, sleep, yield or exit, and the next one is taken in FIFO order. */
#ifndef TS_SCHEDCOOP_H
#define TS_SCHEDCOOP_H

#include <ts/sched.h>

#endif
