/* Host-test shim: <inttypes.h> is the tree's freestanding header, not the host's (see rename.h). */
#include "../../../../include/freestanding/inttypes.h"
