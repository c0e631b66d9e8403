/* Host-test shim: the real <ts/vfs.h>. */
#include "../../../include/ts/vfs.h"
