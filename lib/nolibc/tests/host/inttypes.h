/* Host-test shim: <inttypes.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/inttypes.h"
