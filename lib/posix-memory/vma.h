/* vma.h: lib/posix-memory's private interface — the table of the program's mappings and what the calls share. */
#ifndef POSIX_MEMORY_VMA_H
#define POSIX_MEMORY_VMA_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PAGE 4096ul

/* Linux's values (the program passes them; musl's headers are not ours). */
#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP 0x02000000

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_32BIT 0x40
#define MAP_GROWSDOWN 0x0100
#define MAP_DENYWRITE 0x0800
#define MAP_EXECUTABLE 0x1000
#define MAP_LOCKED 0x2000
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_NONBLOCK 0x10000
#define MAP_STACK 0x20000
#define MAP_HUGETLB 0x40000
#define MAP_SYNC 0x80000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_HUGE_MASK (0x3ful << 26)

struct ts_file;

/*
 * One mapping: pages [start, end) of the default heap that the program
 * owns, with one protection and one origin. The pages are identity
 * mapped (virtual = physical), so a mapping never aliases another.
 */
struct vma {
	uintptr_t start, end; /* page aligned, start < end */
	unsigned int prot;    /* PROT_READ | PROT_WRITE | PROT_EXEC, or PROT_NONE */
	unsigned int shared;  /* MAP_SHARED: writes go back to the file */
	struct ts_file *file; /* file mappings: a reference of our own; else NULL */
	uint64_t off;         /* file offset of start */
};

/* ---- the table (vma.c); every function expects mem_lock() held ---- */

/* Serialise the memory calls (a mutex: file I/O happens outside it, but
 * the heap is shared with lib/sched, so heap calls go through heap_*). */
void mem_lock(void);
void mem_unlock(void);

/* mem_lock unless the calling thread holds it already: 1 when it took the
 * lock (the caller then calls mem_unlock), 0 when it held it. */
int mem_lock_unless_held(void);

/* Pages of the default heap, in a critical section against preemption
 * (lib/sched shares the heap). NULL when out of memory. */
void *heap_pages(size_t npages);
void heap_free(uintptr_t start, uintptr_t end);

/* The mappings, sorted by address, never overlapping. */
extern struct vma *vma_tab;
extern size_t vma_n;

/* Set (for good) once some mapping was not writable: until then the
 * system calls' pointer check (access.c) needs no look at the table. */
extern int vma_restricted;

/* Set (for good) once a shared file mapping was made: until then a
 * file write needs no look at the table (ts_mem_file_written). */
extern int vma_shared_files;

/* Index of the first mapping ending above addr (vma_n when none). */
size_t vma_index(uintptr_t addr);

/* Nonzero when every page of [start, end) belongs to some mapping. */
int vma_covers(uintptr_t start, uintptr_t end);

/* Nonzero when some page of [start, end) belongs to a mapping. */
int vma_overlaps(uintptr_t start, uintptr_t end);

/* Make addr a boundary between mappings (splitting the one containing it).
 * 0, or -ENOMEM when the table cannot grow. */
int vma_split(uintptr_t addr);

/* Insert v (which overlaps nothing). 0 or -ENOMEM. */
int vma_insert(const struct vma *v);

/*
 * Take the mappings inside [start, end) out of the table (splitting at
 * both ends first) into *out, a new array of *n entries (NULL when none)
 * that the caller hands to vma_release. 0 or -ENOMEM (nothing taken).
 */
int vma_detach(uintptr_t start, uintptr_t end, struct vma **out, size_t *n);

/* ---- what happens to pages (mmap.c, file.c, protect.c); no lock needed ---- */

/*
 * Release detached mappings (outside mem_lock): shared file mappings are
 * written back, protections restored to read-write, pages given back to
 * the heap unless keep, file references dropped; then out is freed.
 */
void vma_release(struct vma *out, size_t n, int keep);

/* Give pages [start, end) back to the heap, except those of the break
 * area, which stay reserved for brk (brk.c). */
void pages_free(uintptr_t start, uintptr_t end);

/* Set pages [start, end) to prot through the ring-0 privcall (one trap).
 * 0, -EACCES (writable and executable), -ENOMEM (no page table left). */
int pages_protect(uintptr_t start, uintptr_t end, unsigned int prot);

/* Zero [start, end), writing only pages that are not already zero (so
 * untouched RAM stays untouched: the host allocates it lazily). */
void pages_zero(uintptr_t start, uintptr_t end);

/* Fill a file mapping's pages: the file's bytes from off, zeros past its
 * end. 0 or -errno from the read. */
int file_fill(struct ts_file *f, uint64_t off, uintptr_t start, uintptr_t end);

/* Write [start, end) of shared mapping v back to its file (up to the
 * file's end, which never grows). 0 or -errno. */
int file_writeback(const struct vma *v, uintptr_t start, uintptr_t end);

/* Check mmap's protection bits: 0, -EINVAL (unknown bits) or -EACCES
 * (writable and executable: W^X, logged once per call). */
int prot_check(unsigned int prot);

/* mmap of descriptor fd: its file (a reference for the mapping) in *f, or
 * NULL for a file that maps as anonymous memory (/dev/zero). 0, -EBADF,
 * -EACCES (not readable; shared and writable on a file not open for
 * writing), -ENODEV (not a regular file). */
int file_map_check(int fd, unsigned int prot, int shared, struct ts_file **f);

/* Nonzero when f is open for writing (a shared mapping may be made writable). */
int file_writable(const struct ts_file *f);

/*
 * Two shared mappings of one file show each other's writes once the
 * writer's msync or munmap ran: file_share_from copies [s, e) of v (just
 * written back) into every other shared mapping of the same file (taking
 * mem_lock), file_share_into fills a new shared mapping v (not yet in the
 * table) from those already there, which may hold writes not yet synced.
 * A write() to the file reaches them at once (ts_mem_file_written, a hook
 * of lib/vfs's).
 */
void file_share_from(const struct vma *v, uintptr_t s, uintptr_t e);
void file_share_into(const struct vma *v);

/* Take / drop a reference on a mapping's file (NULL is fine). */
void file_ref(struct ts_file *f);
void file_unref(struct ts_file *f);

#endif
