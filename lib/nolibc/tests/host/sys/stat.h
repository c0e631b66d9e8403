/* Host-test shim: <sys/stat.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../../include/sys/stat.h"
