/* advise.c: madvise, mincore, msync and the mlock family on the table of mappings. */
#include <errno.h>
#include <ts/syscall.h>
#include "vma.h"

#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_REMOVE 9
#define MADV_HWPOISON 100
#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4
#define MCL_CURRENT 1
#define MCL_FUTURE 2
#define MCL_ONFAULT 4

/* Check addr/len as the memory calls do: 0 with *end set, or -EINVAL
 * (unaligned), -ENOMEM (wraps). len 0 gives start == end. */
static int range_of(uintptr_t a, size_t len, uintptr_t *end)
{
	if (a & (PAGE - 1))
		return -EINVAL;
	size_t n = (len + PAGE - 1) & ~(PAGE - 1);
	if (n < len || a + n < a)
		return -ENOMEM;
	*end = a + n;
	return 0;
}

/* MADV_DONTNEED: private pages read as new again (zeros, or the file's
 * bytes); shared ones keep their contents, as on Linux. */
static void dontneed(uintptr_t a, uintptr_t end)
{
	mem_lock();
	for (size_t i = vma_index(a); i < vma_n && vma_tab[i].start < end; i++) {
		struct vma v = vma_tab[i];
		uintptr_t s = v.start > a ? v.start : a, e = v.end < end ? v.end : end;
		if (v.shared)
			continue;
		if (v.prot != (PROT_READ | PROT_WRITE))
			pages_protect(s, e, PROT_READ | PROT_WRITE);
		if (v.file)
			file_fill(v.file, v.off + (s - v.start), s, e);
		else
			pages_zero(s, e);
		if (v.prot != (PROT_READ | PROT_WRITE))
			pages_protect(s, e, v.prot);
	}
	mem_unlock();
}

TS_SYSCALL_DEFINE3(madvise, "pud:d", void *, addr, size_t, len, int, advice)
{
	uintptr_t a = (uintptr_t)addr, end;
	int err = range_of(a, len, &end);
	if (err)
		return err;
	/* Linux's advice values 0..23 (22, 23: MADV_POPULATE_*) and HWPOISON. */
	if (advice < 0 || (advice > 23 && advice != MADV_HWPOISON) || (advice > 4 && advice < 8))
		return -EINVAL;
	if (advice == MADV_HWPOISON)
		return -EPERM;
	if (a == end)
		return 0;
	mem_lock();
	int covered = vma_covers(a, end);
	mem_unlock();
	if (advice == MADV_DONTNEED)
		dontneed(a, end);
	/* FREE: Linux may drop the pages at any time or keep them; keeping
	 * them is allowed. REMOVE needs a shared mapping (-EINVAL otherwise). */
	return covered ? 0 : -ENOMEM;
}

/* Every page of a mapping is resident. */
TS_SYSCALL_DEFINE3(mincore, "pup:d", void *, addr, size_t, len, unsigned char *, vec)
{
	uintptr_t a = (uintptr_t)addr, end;
	int err = range_of(a, len, &end);
	if (err)
		return err;
	if (!ts_user_ok(vec, (end - a) / PAGE, 1))
		return -EFAULT;
	mem_lock();
	int covered = vma_covers(a, end);
	mem_unlock();
	if (!covered)
		return -ENOMEM;
	for (size_t i = 0; i < (end - a) / PAGE; i++)
		vec[i] = 1;
	return 0;
}

TS_SYSCALL_DEFINE3(msync, "pux:d", void *, addr, size_t, len, unsigned int, flags)
{
	uintptr_t a = (uintptr_t)addr, end;
	if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    (flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC))
		return -EINVAL;
	int err = range_of(a, len, &end);
	if (err)
		return err;
	/* Take the shared file mappings in the range (with file references),
	 * a few at a time, then write outside the lock: writing may
	 * allocate, and allocating may map. */
	struct vma sync[8];
	uintptr_t lo[8], hi[8], from = a;
	mem_lock();
	int covered = vma_covers(a, end);
	mem_unlock();
	while (from < end) {
		size_t n = 0;
		mem_lock();
		size_t i = vma_index(from);
		for (; i < vma_n && vma_tab[i].start < end && n < 8; i++) {
			struct vma *v = &vma_tab[i];
			from = v->end;
			if (v->shared && v->file) {
				sync[n] = *v;
				lo[n] = v->start < a ? a : v->start;
				hi[n] = v->end > end ? end : v->end;
				file_ref(v->file);
				n++;
			}
		}
		if (i == vma_n || vma_tab[i].start >= end)
			from = end;
		mem_unlock();
		for (size_t k = 0; k < n; k++) {
			if (file_writeback(&sync[k], lo[k], hi[k]) && !err)
				err = -EIO;
			file_share_from(&sync[k], lo[k], hi[k]);
			file_unref(sync[k].file);
		}
	}
	if (!err && !covered)
		err = -ENOMEM;
	return err;
}

/* Every page is always resident: locking only checks the range. */
static long lock_range(void *addr, size_t len)
{
	uintptr_t a = (uintptr_t)addr & ~(PAGE - 1), end;
	size_t extra = (uintptr_t)addr - a;
	if (len + extra < len)
		return -ENOMEM;
	int err = range_of(a, len + extra, &end);
	if (err)
		return err;
	mem_lock();
	int covered = vma_covers(a, end);
	mem_unlock();
	return covered ? 0 : -ENOMEM;
}

TS_SYSCALL_DEFINE2(mlock, "pu:d", void *, addr, size_t, len)
{
	return lock_range(addr, len);
}

TS_SYSCALL_DEFINE2(munlock, "pu:d", void *, addr, size_t, len)
{
	return lock_range(addr, len);
}

TS_SYSCALL_DEFINE3(mlock2, "pux:d", void *, addr, size_t, len, unsigned int, flags)
{
	if (flags & ~1u) /* MLOCK_ONFAULT */
		return -EINVAL;
	return lock_range(addr, len);
}

TS_SYSCALL_DEFINE1(mlockall, "x:d", unsigned int, flags)
{
	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	return 0;
}

TS_SYSCALL_DEFINE0(munlockall, ":d")
{
	return 0;
}
