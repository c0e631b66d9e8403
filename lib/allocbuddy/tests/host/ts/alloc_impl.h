/* Host-test shim: the real <ts/alloc_impl.h> without putting lib/alloc/include (or nolibc) on the path. */
#include "../../../../alloc/include/ts/alloc_impl.h"
