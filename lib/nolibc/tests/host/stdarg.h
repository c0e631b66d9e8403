/* Host-test shim: <stdarg.h> is the tree's freestanding header, not the host's (see rename.h). */
#include "../../../../include/freestanding/stdarg.h"
