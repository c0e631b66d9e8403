/* mmap.c: mmap, munmap and mremap — mappings on whole pages of the default heap. */
#include <errno.h>
#include <string.h>
#include <ts/print.h>
#include <ts/syscall.h>
#include "vma.h"

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4

/* Flags we know; the rest are refused (Linux ignores unknown ones unless
 * MAP_SHARED_VALIDATE: we are stricter, as for every call). */
#define MAP_KNOWN                                                                          \
	(MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_32BIT | MAP_GROWSDOWN | MAP_DENYWRITE |  \
	 MAP_EXECUTABLE | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK |         \
	 MAP_STACK | MAP_HUGETLB | MAP_SYNC | MAP_FIXED_NOREPLACE | MAP_HUGE_MASK)
#define PROT_KNOWN (PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP)

/* Page-rounded length, 0 when len is 0 or rounding overflows the space. */
static size_t page_len(size_t len)
{
	if (!len || len > (1ul << 47))
		return 0;
	return (len + PAGE - 1) & ~(PAGE - 1);
}

int prot_check(unsigned int prot)
{
	if (prot & ~PROT_KNOWN)
		return -EINVAL;
	if ((prot & (PROT_WRITE | PROT_EXEC)) == (PROT_WRITE | PROT_EXEC)) {
		ts_pr_warn("posix-memory: pages both writable and executable refused (W^X): EACCES\n");
		return -EACCES;
	}
	return 0;
}

/* Give pages [start, end) their first contents and protection. */
static int pages_init(const struct vma *v)
{
	int err = 0;
	if (v->file) {
		err = file_fill(v->file, v->off, v->start, v->end);
		file_share_into(v);
	} else
		pages_zero(v->start, v->end);
	if (!err && (v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) != (PROT_READ | PROT_WRITE))
		err = pages_protect(v->start, v->end, v->prot);
	return err;
}

TS_SYSCALL_DEFINE6(mmap, "puxxfx:p", void *, addr, size_t, len, unsigned int, prot, unsigned int,
		   flags, int, fd, long, off)
{
	uintptr_t a = (uintptr_t)addr;
	size_t n = page_len(len);
	unsigned int type = flags & MAP_TYPE;
	int err;

	if (!len || (off & (PAGE - 1)) || (flags & ~MAP_KNOWN) ||
	    (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE))
		return -EINVAL;
	if (!n)
		return -ENOMEM;
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && (a & (PAGE - 1)))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS) && (off < 0 || (uint64_t)off + n < (uint64_t)off))
		return -EOVERFLOW;
	err = prot_check(prot);
	if (err)
		return err;

	struct vma v = { .prot = prot & (PROT_READ | PROT_WRITE | PROT_EXEC),
			 .shared = type != MAP_PRIVATE,
			 .off = (uint64_t)off };
	if (!(flags & MAP_ANONYMOUS)) {
		err = file_map_check(fd, v.prot, v.shared, &v.file);
		if (err)
			return err;
	}

	/* Where: fresh heap pages, or (MAP_FIXED) pages the program owns. */
	mem_lock();
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (a + n < a)
			err = -ENOMEM;
		else if (flags & MAP_FIXED_NOREPLACE)
			err = vma_overlaps(a, a + n) ? -EEXIST : -ENOMEM;
		else if (!vma_covers(a, a + n))
			err = -ENOMEM; /* we can only place a mapping on pages we own */
		v.start = a;
	} else {
		void *p = heap_pages(n / PAGE);
		v.start = (uintptr_t)p;
		if (!p)
			err = -ENOMEM;
		else if ((flags & MAP_32BIT) && v.start + n > (1ul << 31)) {
			heap_free(v.start, v.start + n);
			err = -ENOMEM;
		}
	}
	v.end = v.start + n;
	struct vma *old = NULL;
	size_t nold = 0;
	if (!err && (flags & MAP_FIXED))
		err = vma_detach(v.start, v.end, &old, &nold);
	mem_unlock();
	if (err) {
		file_unref(v.file);
		return err;
	}
	if (old)
		vma_release(old, nold, 1); /* their pages become the new mapping's */

	err = pages_init(&v);
	if (!err) {
		mem_lock();
		err = vma_insert(&v);
		mem_unlock();
	}
	if (err) {
		pages_protect(v.start, v.end, PROT_READ | PROT_WRITE);
		pages_free(v.start, v.end);
		file_unref(v.file);
		return err;
	}
	return (long)v.start;
}

TS_SYSCALL_DEFINE2(munmap, "pu:d", void *, addr, size_t, len)
{
	uintptr_t a = (uintptr_t)addr;
	size_t n = page_len(len);
	struct vma *old;
	size_t nold;

	if ((a & (PAGE - 1)) || !n || a + n < a)
		return -EINVAL;
	mem_lock();
	int err = vma_detach(a, a + n, &old, &nold);
	mem_unlock();
	if (!err)
		vma_release(old, nold, 0);
	return err;
}

/* mremap: a new home for v's pages [v->start, v->start + old) grown or
 * shrunk to n bytes at dest (already owned by us, not in the table). */
static long move_to(struct vma v, size_t old, size_t n, uintptr_t dest)
{
	uintptr_t from = v.start;
	size_t keep = old < n ? old : n;
	int err;

	int hidden = v.prot == PROT_NONE;
	if (hidden)
		pages_protect(from, from + keep, PROT_READ); /* we still copy */
	memcpy((void *)dest, (const void *)from, keep);
	struct vma nv = v;
	nv.start = dest;
	nv.end = dest + n;
	file_ref(nv.file);
	if (n > old) {
		struct vma tail = nv;
		tail.start = dest + old;
		tail.off += old;
		err = tail.file ? file_fill(tail.file, tail.off, tail.start, tail.end) : 0;
		if (!tail.file)
			pages_zero(tail.start, tail.end);
		if (err)
			goto fail;
	}
	if (nv.prot != (PROT_READ | PROT_WRITE)) {
		err = pages_protect(nv.start, nv.end, nv.prot);
		if (err)
			goto fail;
	}
	struct vma *gone;
	size_t ngone;
	mem_lock();
	err = vma_insert(&nv);
	if (!err && vma_detach(from, from + old, &gone, &ngone))
		ngone = 0, gone = NULL;
	mem_unlock();
	if (err)
		goto fail;
	vma_release(gone, ngone, 0);
	return (long)dest;
fail:
	pages_protect(dest, dest + n, PROT_READ | PROT_WRITE);
	if (hidden)
		pages_protect(from, from + keep, PROT_NONE);
	file_unref(nv.file);
	return err;
}

TS_SYSCALL_DEFINE5(mremap, "puuxp:p", void *, addr, size_t, old_len, size_t, new_len,
		   unsigned int, flags, void *, new_addr)
{
	uintptr_t a = (uintptr_t)addr, na = (uintptr_t)new_addr;
	size_t old = page_len(old_len), n = page_len(new_len);
	long r;

	if ((a & (PAGE - 1)) || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
	    ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) || !new_len)
		return -EINVAL;
	if (!old_len)
		return -EINVAL; /* a second view of shared pages would be an alias */
	if (!n || !old || a + old < a)
		return -ENOMEM;
	if ((flags & MREMAP_FIXED) && ((na & (PAGE - 1)) || (na < a + old && a < na + n)))
		return -EINVAL;

	mem_lock();
	size_t i = vma_index(a);
	if (i == vma_n || vma_tab[i].start > a || vma_tab[i].end < a + old) {
		mem_unlock();
		return -EFAULT; /* not one mapping */
	}
	struct vma v = vma_tab[i];
	v.off += a - v.start;
	v.start = a;
	v.end = a + old;
	struct vma *gone = NULL;
	size_t ngone = 0;
	uintptr_t dest = 0;

	if (flags & MREMAP_FIXED) {
		r = vma_covers(na, na + n) ? vma_detach(na, na + n, &gone, &ngone) : -ENOMEM;
		dest = na;
	} else if (n <= old) {
		r = vma_detach(a + n, a + old, &gone, &ngone);
		if (!r)
			r = (long)a;
	} else {
		/* Grow in place when the heap's next free pages happen to follow. */
		void *p = heap_pages((n - old) / PAGE);
		r = 0;
		if (p == (void *)(a + old) && !vma_overlaps(a + old, a + n)) {
			struct vma tail = v;
			tail.start = a + old;
			tail.end = a + n;
			tail.off += old;
			file_ref(tail.file);
			mem_unlock();
			r = pages_init(&tail);
			mem_lock();
			if (!r)
				r = vma_insert(&tail);
			if (r) {
				pages_protect(tail.start, tail.end, PROT_READ | PROT_WRITE);
				heap_free(tail.start, tail.end);
				file_unref(tail.file);
			} else {
				r = (long)a;
			}
			mem_unlock();
			return r;
		}
		if (p)
			heap_free((uintptr_t)p, (uintptr_t)p + (n - old));
		if (!(flags & MREMAP_MAYMOVE))
			r = -ENOMEM;
		else if (!(p = heap_pages(n / PAGE)))
			r = -ENOMEM;
		dest = (uintptr_t)p;
	}
	mem_unlock();
	if (r < 0)
		return r;
	if (!dest) { /* shrunk (or the same size) in place */
		vma_release(gone, ngone, 0);
		return r;
	}
	vma_release(gone, ngone, 1); /* MREMAP_FIXED: the target's old contents go */
	r = move_to(v, old, n, dest);
	if (r < 0)
		pages_free(dest, dest + n);
	return r;
}
