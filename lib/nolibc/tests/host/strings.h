/* Host-test shim: <strings.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/strings.h"
