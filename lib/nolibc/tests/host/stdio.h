/* Host-test shim: <stdio.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/stdio.h"
