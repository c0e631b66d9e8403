/* Host-test shim: the real <ts/9pfs.h>. */
#include "../../../include/ts/9pfs.h"
