/* Host-test shim: <ts/errno.h> is the tree's own numbers header (see rename.h). */
#include "../../../../../include/ts/errno.h"
