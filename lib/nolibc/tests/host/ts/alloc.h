/* Host-test shim: the real allocator interface of lib/alloc (see rename.h). */
#include "../../../../alloc/include/ts/alloc.h"
