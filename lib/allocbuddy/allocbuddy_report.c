/* Kernel reaction to heap misuse caught by allocbuddy's checks: a panic,
 * whose backtrace shows where the bad free came from. */
#include <ts/print.h>
#include "allocbuddy_impl.h"

_Noreturn void ts_allocbuddy_corruption(const char *what, void *ptr)
{
	ts_panic("allocbuddy: heap corruption: %s at %p", what, ptr);
}
