/* nodes.c: the fixed tree of /proc — what Linux programs commonly read there. */
#include "procfs.h"

/* /proc/self is a link to the one process, 1, as on Linux (readlink gives
 * "1"); /proc/thread-self would need per-thread folders and is left out. */
const struct pf_node pf_nodes[] = {
	{ "", 0, PF_DIR, NULL, NULL, NULL },                 /* 0: /proc */
	{ "self", 0, PF_LINK, NULL, "1", NULL },             /* 1 */
	{ "1", 0, PF_DIR, NULL, NULL, NULL },                /* 2: the process */
	{ "cpuinfo", 0, PF_FILE, pf_cpuinfo, NULL, NULL },
	{ "meminfo", 0, PF_FILE, pf_meminfo, NULL, NULL },
	{ "uptime", 0, PF_FILE, pf_uptime, NULL, NULL },
	{ "version", 0, PF_FILE, pf_version, NULL, NULL },
	{ "exe", 2, PF_LINK, NULL, NULL, pf_exe },
	{ "cwd", 2, PF_LINK, NULL, NULL, pf_cwd },
	{ "fd", 2, PF_FDDIR, NULL, NULL, NULL },
	{ "maps", 2, PF_FILE, pf_maps, NULL, NULL },
	{ "cmdline", 2, PF_FILE, pf_cmdline, NULL, NULL },
	{ "status", 2, PF_FILE, pf_status, NULL, NULL },
};
const unsigned int pf_nnodes = sizeof(pf_nodes) / sizeof(pf_nodes[0]);
