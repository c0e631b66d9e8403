/* Host-test shim: <unistd.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/unistd.h"
