/* Host-test shim: <fcntl.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/fcntl.h"
