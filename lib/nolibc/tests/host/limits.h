/* Host-test shim: <limits.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/limits.h"
