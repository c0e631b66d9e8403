/* Host-test shim: the real optional-hook declarations (see rename.h). */
#include "../../../../../include/ts/hooks.h"
