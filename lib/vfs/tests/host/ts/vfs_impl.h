/* Host-test shim: the real <ts/vfs_impl.h>. */
#include "../../../include/ts/vfs_impl.h"
