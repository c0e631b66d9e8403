/* Host-test shim: the one lib/vfs's host tests use. */
#include "../../../../vfs/tests/host/ts/vfs_impl.h"
