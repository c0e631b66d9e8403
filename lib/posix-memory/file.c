/* file.c: file mappings through lib/vfs — the file's bytes copied in at mmap, shared ones written back at msync and munmap. */
#include <errno.h>
#include <string.h>
#include <ts/hooks.h>
#include <ts/vfs_impl.h>
#include "vma.h"

/* /dev/zero (character device 1,5 in Linux's numbering, as lib/devfs
 * reports it): mapping it gives anonymous memory, as on Linux. */
#define DEV_ZERO_RDEV ((1u << 8) | 5u)

static int readable(const struct ts_file *f)
{
	return !(f->flags & TS_O_PATH) && (f->flags & TS_O_ACCMODE) != TS_O_WRONLY;
}

int file_writable(const struct ts_file *f)
{
	unsigned int acc = f->flags & TS_O_ACCMODE;
	return !(f->flags & TS_O_PATH) && (acc == TS_O_WRONLY || acc == TS_O_RDWR);
}

int file_map_check(int fd, unsigned int prot, int shared, struct ts_file **out)
{
	struct ts_file *f;
	struct ts_stat st;
	int err;

	*out = NULL;
	if (ts_vfs_file_get(fd, &f))
		return -EBADF;
	if (f->flags & TS_O_PATH)
		err = -EBADF;
	else if (!f->ops->stat || f->ops->stat(f, &st))
		err = -ENODEV;
	else if ((st.st_mode & TS_S_IFMT) == TS_S_IFCHR && st.st_rdev == DEV_ZERO_RDEV)
		err = 1; /* anonymous */
	else if (!TS_S_ISREG(st.st_mode) || !f->ops->read)
		err = -ENODEV;
	else if (!readable(f) || (shared && (prot & PROT_WRITE) && !file_writable(f)))
		err = -EACCES;
	else
		err = 0;
	if (err)
		ts_file_put(f);
	else
		*out = f;
	return err > 0 ? 0 : err;
}

int file_fill(struct ts_file *f, uint64_t off, uintptr_t start, uintptr_t end)
{
	uintptr_t p = start;
	while (p < end) {
		off_t pos = (off_t)(off + (p - start));
		size_t n = end - p > 0x40000000ul ? 0x40000000ul : end - p;
		ssize_t r = f->ops->read(f, (void *)p, n, &pos);
		if (r < 0)
			return (int)r;
		if (r == 0)
			break; /* end of file: the rest is zeros */
		p += (size_t)r;
	}
	/* Zeros after the end: the rest of the last page, then whole pages. */
	if (p & (PAGE - 1)) {
		memset((void *)p, 0, PAGE - (p & (PAGE - 1)));
		p = (p + PAGE - 1) & ~(PAGE - 1);
	}
	pages_zero(p, end);
	return 0;
}

int file_writeback(const struct vma *v, uintptr_t start, uintptr_t end)
{
	struct ts_file *f = v->file;
	struct ts_stat st;

	if (!f->ops->write || !file_writable(f))
		return 0; /* a read-only shared mapping has nothing to write */
	if (!f->ops->stat || f->ops->stat(f, &st))
		return -EIO;
	uint64_t off = v->off + (start - v->start);
	if (st.st_size <= 0 || off >= (uint64_t)st.st_size)
		return 0; /* past the end: never grows the file */
	if ((uint64_t)st.st_size - off < end - start)
		end = start + (size_t)((uint64_t)st.st_size - off);
	while (start < end) {
		off_t pos = (off_t)off;
		ssize_t r = f->ops->write(f, (const void *)start, end - start, &pos);
		if (r <= 0)
			return r ? (int)r : -EIO;
		start += (size_t)r;
		off += (size_t)r;
	}
	return 0;
}

/* The part of shared mapping t that shows file bytes [off, off + len) of
 * vn: nonzero with [*to, *to + *n) in t, showing the bytes from
 * off + *skip. */
static int shows(const struct vma *t, const struct ts_vnode *vn, uint64_t off, size_t len,
		 uintptr_t *to, size_t *skip, size_t *n)
{
	if (!t->shared || !t->file || t->file->vn != vn)
		return 0;
	uint64_t te = t->off + (t->end - t->start), e = off + len;
	uint64_t lo = off > t->off ? off : t->off, hi = e < te ? e : te;
	if (lo >= hi)
		return 0;
	*to = t->start + (uintptr_t)(lo - t->off);
	*skip = (size_t)(lo - off);
	*n = (size_t)(hi - lo);
	return 1;
}

/* Copy bytes [off, off + len) of vn's file, now at buf, into every shared
 * mapping that shows them (buf's own pages aside). Read-only and
 * inaccessible views are updated too. mem_lock held. */
static void share_bytes(const struct ts_vnode *vn, uint64_t off, const void *buf, size_t len)
{
	for (size_t i = 0; i < vma_n; i++) {
		struct vma *t = &vma_tab[i];
		uintptr_t to;
		size_t skip, n;
		if (!shows(t, vn, off, len, &to, &skip, &n) || to == (uintptr_t)buf + skip)
			continue;
		uintptr_t ps = to & ~(PAGE - 1), pe = (to + n + PAGE - 1) & ~(PAGE - 1);
		if (!(t->prot & PROT_WRITE))
			pages_protect(ps, pe, PROT_READ | PROT_WRITE);
		memmove((void *)to, (const char *)buf + skip, n);
		if (!(t->prot & PROT_WRITE))
			pages_protect(ps, pe, t->prot);
	}
}

/* Written back from v: to the other mappings just as a write() would be. */
void file_share_from(const struct vma *v, uintptr_t s, uintptr_t e)
{
	if (v->shared && v->file)
		ts_mem_file_written(v->file->vn, v->off + (s - v->start), (const void *)s, e - s);
}

void file_share_into(const struct vma *v)
{
	if (!v->shared || !v->file || !v->file->vn)
		return;
	mem_lock();
	for (size_t i = 0; i < vma_n; i++) {
		struct vma *t = &vma_tab[i];
		uintptr_t to;
		size_t skip, n;
		/* Roles swapped: copy from t's pages into v's (not yet mapped:
		 * still read-write). t's unread pages (PROT_NONE) are skipped. */
		if (!t->shared || !t->file || t->prot == PROT_NONE ||
		    !shows(v, t->file->vn, t->off, t->end - t->start, &to, &skip, &n))
			continue;
		memcpy((void *)to, (const void *)(t->start + skip), n);
	}
	mem_unlock();
}

/* write() and its kin reach existing shared mappings at once, as Linux's
 * shared page cache shows them (lib/vfs calls this after each write). */
void ts_mem_file_written(const struct ts_vnode *vn, uint64_t off, const void *buf, size_t len)
{
	int took;

	if (!vma_shared_files || !vn || !len)
		return;
	took = mem_lock_unless_held();
	share_bytes(vn, off, buf, len);
	if (took)
		mem_unlock();
}

void file_ref(struct ts_file *f)
{
	if (f)
		ts_file_get(f);
}

void file_unref(struct ts_file *f)
{
	if (f)
		ts_file_put(f);
}
