/* Host-test shim: the real <ts/alloc.h> without putting include/ (or nolibc) on the path. */
#include "../../../include/ts/alloc.h"
