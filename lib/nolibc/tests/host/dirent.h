/* Host-test shim: <dirent.h> is nolibc's own header, not the host's (see rename.h). */
#include "../../include/dirent.h"
