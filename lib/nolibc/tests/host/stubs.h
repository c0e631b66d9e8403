/* stubs.h: the knobs and records of stubs.c. */
#ifndef NOLIBC_TEST_STUBS_H
#define NOLIBC_TEST_STUBS_H

#include <stddef.h>
#include "check.h"

/* Everything written to the console since the last reset, NUL-terminated. */
extern char stub_console[];
extern size_t stub_console_len;
extern int stub_console_writes;
extern int stub_console_fail; /* set: the console refuses writes with -ENOSPC */
void stub_console_reset(void);

/* Where ts_plat_halt jumps to (setjmp returns 1), and the status it got. */
extern ref_jmp_buf *stub_jump;
extern int stub_halt_status;

/* The fini table's two entries record their number (1: first in the table,
 * 2: second) in stub_fini_order as they run; the second records the
 * console length then. */
extern int stub_fini_order[8], stub_fini_ran;
extern size_t stub_console_len_at_fini;

/* ts_alloc_default() is NULL unless stub_heap_present; allocations fail while stub_heap_fail. */
extern int stub_heap_present, stub_heap_fail;
extern size_t stub_heap_last_align;

#endif
