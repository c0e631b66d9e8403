/* Host-test shim: the real lib/boot header (see rename.h). */
#include "../../../../boot/include/ts/boot.h"
