/* Host-test shim: <stdarg.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/stdarg.h"
