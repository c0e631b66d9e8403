/* Host-test shim: <errno.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/errno.h"
