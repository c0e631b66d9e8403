/* Host-test shim: <stdlib.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/stdlib.h"
