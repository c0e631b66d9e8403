/* Host-test shim: the real init/fini table header (see rename.h). */
#include "../../../../../include/ts/initcall.h"
