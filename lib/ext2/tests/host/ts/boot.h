/* Host-test shim: the one lib/vfs's host tests use. */
#include "../../../../vfs/tests/host/ts/boot.h"
