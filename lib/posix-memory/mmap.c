/* mmap.c: anonymous mappings on whole pages of the default heap. */
#include <errno.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/syscall.h>

#define PAGE 4096ul
#define MAP_ANONYMOUS 0x20
#define MAP_FAILED_ENOMEM (-ENOMEM)

TS_SYSCALL_DEFINE6(mmap, "pulxfl:p", void *, addr, size_t, len, int, prot, int, flags, int, fd, long, off)
{
	(void)addr, (void)prot, (void)fd, (void)off;
	if (!len)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV;
	size_t pages = (len + PAGE - 1) / PAGE;
	void *p = ts_palloc(ts_alloc_default(), pages);
	if (!p)
		return -ENOMEM;
	memset(p, 0, pages * PAGE);
	return (long)p;
}

TS_SYSCALL_DEFINE2(munmap, "pu:d", void *, addr, size_t, len)
{
	if ((uintptr_t)addr % PAGE || !len)
		return -EINVAL;
	ts_pfree(ts_alloc_default(), addr, (len + PAGE - 1) / PAGE);
	return 0;
}

TS_SYSCALL_DEFINE1(brk, "p:p", void *, end)
{
	(void)end;
	return 0; /* no break area: malloc falls back to mmap */
}
