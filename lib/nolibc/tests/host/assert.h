/* Host-test shim: <assert.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/assert.h"
