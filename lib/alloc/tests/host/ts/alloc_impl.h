/* Host-test shim: the real <ts/alloc_impl.h> without putting include/ (or nolibc) on the path. */
#include "../../../include/ts/alloc_impl.h"
