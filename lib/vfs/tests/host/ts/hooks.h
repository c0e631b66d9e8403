/* hooks.h: host-test stand-in — the kernel's own <ts/hooks.h> (its hooks only compare with NULL here: no provider is linked). */
#include "../../../../../include/ts/hooks.h"
