/* Host-test shim: <stdint.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/stdint.h"
