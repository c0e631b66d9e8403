/* Host-test shim: the real <ts/9p.h> (the protocol numbers). */
#include "../../../../../include/ts/9p.h"
