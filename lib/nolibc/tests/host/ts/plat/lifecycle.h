/* Host-test shim: the real platform contract header (see rename.h). */
#include "../../../../../../include/ts/plat/lifecycle.h"
