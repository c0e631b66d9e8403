/* file.c: file mappings through lib/vfs — the file's bytes copied in at mmap, shared ones written back at msync and munmap. */
#include <errno.h>
#include <string.h>
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

/* The part of mapping t that shows the same file bytes as [s, e) of v:
 * nonzero with [*to, *to + *len) in t and *from in v. Never v itself. */
static int same_bytes(const struct vma *v, uintptr_t s, uintptr_t e, const struct vma *t,
		      uintptr_t *to, uintptr_t *from, size_t *len)
{
	if (!t->shared || !t->file || !t->file->vn || t->file->vn != v->file->vn)
		return 0;
	if (t->start < e && s < t->end)
		return 0; /* the same pages */
	uint64_t vo = v->off + (s - v->start), ve = vo + (e - s);
	uint64_t to_ = t->off, te = t->off + (t->end - t->start);
	uint64_t lo = vo > to_ ? vo : to_, hi = ve < te ? ve : te;
	if (lo >= hi)
		return 0;
	*to = t->start + (uintptr_t)(lo - to_);
	*from = s + (uintptr_t)(lo - vo);
	*len = (size_t)(hi - lo);
	return 1;
}

void file_share_from(const struct vma *v, uintptr_t s, uintptr_t e)
{
	if (!v->shared || !v->file || !v->file->vn)
		return;
	mem_lock();
	for (size_t i = 0; i < vma_n; i++) {
		struct vma *t = &vma_tab[i];
		uintptr_t to, from;
		size_t len;
		if (!same_bytes(v, s, e, t, &to, &from, &len))
			continue;
		/* Read-only and inaccessible views are updated too. */
		if (!(t->prot & PROT_WRITE))
			pages_protect(to & ~(PAGE - 1), to + len, PROT_READ | PROT_WRITE);
		memcpy((void *)to, (const void *)from, len);
		if (!(t->prot & PROT_WRITE))
			pages_protect(to & ~(PAGE - 1), to + len, t->prot);
	}
	mem_unlock();
}

void file_share_into(const struct vma *v)
{
	if (!v->shared || !v->file || !v->file->vn)
		return;
	mem_lock();
	for (size_t i = 0; i < vma_n; i++) {
		struct vma *t = &vma_tab[i];
		uintptr_t to, from;
		size_t len;
		/* Roles swapped: copy from t's pages into v's (not yet mapped:
		 * still read-write). t's unread pages (PROT_NONE) are skipped. */
		if (!t->shared || !t->file || t->prot == PROT_NONE ||
		    !same_bytes(t, t->start, t->end, v, &to, &from, &len))
			continue;
		memcpy((void *)to, (const void *)from, len);
	}
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
