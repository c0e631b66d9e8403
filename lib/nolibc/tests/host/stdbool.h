/* Host-test shim: <stdbool.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/stdbool.h"
