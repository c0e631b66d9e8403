/* The host tests' ramfs memory: counted, and made to fail on demand. */
#ifndef RAMFS_MEM_FAIL_H
#define RAMFS_MEM_FAIL_H

/* Allocations still allowed before every further one fails; -1: no limit. */
extern long mem_pages_left, mem_meta_left;
/* Blocks allocated and not yet freed. */
extern long mem_pages_live, mem_meta_live;

#endif
