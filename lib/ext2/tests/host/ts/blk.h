/* Host-test shim: the real <ts/blk.h>; tests/host/disk.c implements it on image files. */
#include "../../../../blk/include/ts/blk.h"
