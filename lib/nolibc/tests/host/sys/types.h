/* Host-test shim: <sys/types.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../../include/sys/types.h"
