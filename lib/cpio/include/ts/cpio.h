/* lib/cpio: reading cpio archives in the newc format and unpacking them into the VFS. */
#ifndef TS_CPIO_H
#define TS_CPIO_H

#include <stddef.h>
#include <stdint.h>

#define TS_CPIO_NAME_MAX 4096 /* bytes of a name, its NUL included */

/*
 * An archive is a series of entries, each a 110-byte header ("070701", or
 * "070702" when it carries a checksum, and 13 fields of 8 hex digits:
 * ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor,
 * rdevmajor, rdevminor, namesize, check), the name (namesize bytes with
 * its NUL), padding to 4 bytes, the data (filesize bytes), padding to 4
 * bytes. The entry named "TRAILER!!!" ends it; what follows is ignored.
 */

/* One entry. Pointers point into the archive buffer. */
struct ts_cpio_entry {
	const char *name; /* NUL-terminated, relative: a leading "./" or "/" is
			   * dropped; "" for the root itself ("." or "/") */
	uint32_t ino;     /* the archive's inode number (hard links share it) */
	uint32_t mode;    /* file type (TS_CPIO_S_IF*) and permission bits */
	uint32_t nlink;
	uint32_t devmajor, devminor;
	uint32_t mtime;   /* seconds since 1970 */
	const void *data; /* the contents (for a symbolic link: its target) */
	size_t size;      /* bytes of data */
	size_t offset;    /* of the entry's header in the archive */
};

#define TS_CPIO_S_IFMT  0170000
#define TS_CPIO_S_IFLNK 0120000
#define TS_CPIO_S_IFREG 0100000
#define TS_CPIO_S_IFDIR 0040000

/* Iteration state; fields are private except err and err_offset. */
struct ts_cpio {
	const unsigned char *buf;
	size_t size, pos;
	int done;
	const char *err;   /* after an error: what was wrong (a static string) */
	size_t err_offset; /* after an error: where, bytes from the start */
};

/* Nonzero when buf (size bytes) starts like a newc archive ("07070"1 or 2). */
int ts_cpio_is_newc(const void *buf, size_t size);

/* Start iterating over the archive of size bytes at buf. */
void ts_cpio_init(struct ts_cpio *c, const void *buf, size_t size);

/*
 * Read the next entry into *e, checking every field of it. Returns 1 for
 * an entry, 0 after the trailer (and on every later call), or a negative
 * error with c->err and c->err_offset set (and on every later call):
 * -EINVAL: a bad magic, a field that is not 8 hex digits, a name without
 *   its NUL or with one inside, an absolute name (after dropping one
 *   leading "./" or "/"), a ".." component, a symbolic link whose target
 *   is empty, a directory with data, the archive ending before a header,
 *   a name, a file's data or the trailer;
 * -E2BIG: namesize above TS_CPIO_NAME_MAX (or 0), a symbolic link target
 *   of TS_CPIO_NAME_MAX bytes or more;
 * -EBADMSG: a "070702" regular file whose data does not sum (bytes, modulo
 *   2^32) to its check field (other types' checks are not looked at);
 * -EOPNOTSUPP: a file type other than regular, directory, symbolic link.
 */
int ts_cpio_next(struct ts_cpio *c, struct ts_cpio_entry *e);

/* Where unpacking stopped. */
struct ts_cpio_error {
	const char *what;  /* a static string */
	const char *name;  /* the entry's name, or NULL */
	size_t offset;     /* bytes from the start of the archive */
	int err;           /* the negative error returned */
};

/*
 * Unpack the archive of size bytes at buf into the VFS, under "/":
 * regular files (created or replaced), directories (kept if they exist),
 * symbolic links, hard links (entries with nlink > 1 sharing ino and
 * device numbers are linked to the first one's name; data on a later one
 * replaces the contents). Missing parent directories are created (0755).
 * Permission bits and modification times are kept; directories get
 * theirs after the whole archive is in. Returns 0, or a negative error of
 * ts_cpio_next() or of a ts_vfs_* call (-ENOSPC, -ENOMEM, -EEXIST when a
 * name is a directory in one place and a file in another, ...) with *err
 * filled; what was unpacked before stays.
 */
int ts_cpio_unpack(const void *buf, size_t size, struct ts_cpio_error *err);

#endif
