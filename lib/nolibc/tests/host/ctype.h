/* Host-test shim: <ctype.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/ctype.h"
