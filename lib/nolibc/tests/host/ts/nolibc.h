/* Host-test shim: <ts/nolibc.h> from nolibc's include folder (see rename.h). */
#include "../../../include/ts/nolibc.h"
