/* Host-test shim: <time.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/time.h"
