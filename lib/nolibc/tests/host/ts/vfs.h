/* Host-test shim: the real lib/vfs API header (see rename.h; vfs_stub.c implements it on the host). */
#include "../../../../vfs/include/ts/vfs.h"
