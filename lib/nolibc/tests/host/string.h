/* Host-test shim: <string.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/string.h"
