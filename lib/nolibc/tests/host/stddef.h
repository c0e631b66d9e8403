/* Host-test shim: <stddef.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/stddef.h"
