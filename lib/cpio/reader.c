/* reader.c: the one checked place where newc headers, names and sizes are validated. */
#include <errno.h>
#include <string.h>
#include <ts/cpio.h>

#define HDR_SIZE 110
#define NFIELDS 13
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR,
       F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK };

int ts_cpio_is_newc(const void *buf, size_t size)
{
	const char *p = buf;

	return size >= 6 && memcmp(p, "07070", 5) == 0 && (p[5] == '1' || p[5] == '2');
}

void ts_cpio_init(struct ts_cpio *c, const void *buf, size_t size)
{
	memset(c, 0, sizeof(*c));
	c->buf = buf;
	c->size = size;
}

/* Record the first error; every later call returns it again. */
static int fail(struct ts_cpio *c, int err, const char *what, size_t off)
{
	c->err = what;
	c->err_offset = off;
	c->done = err;
	return err;
}

/* 8 hex digits (either case) into *v; -1 if any is not one. */
static int hex8(const unsigned char *p, uint32_t *v)
{
	uint32_t n = 0;

	for (int i = 0; i < 8; i++) {
		unsigned d = p[i];
		if (d >= '0' && d <= '9')
			d -= '0';
		else if ((d | 0x20) >= 'a' && (d | 0x20) <= 'f')
			d = (d | 0x20) - 'a' + 10;
		else
			return -1;
		n = n << 4 | d;
	}
	*v = n;
	return 0;
}

/* Bytes left from pos; pos never exceeds size. */
static size_t left(const struct ts_cpio *c, size_t pos)
{
	return c->size - pos;
}

/* Round n up to 4; n <= size, which is far below SIZE_MAX - 3. */
static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Drop one leading "./" or "/"; "." and "" mean the root. Then refuse
 * what could leave the root: an absolute name or a ".." component. */
static const char *check_name(const char *name, const char **why)
{
	if (name[0] == '.' && name[1] == '/')
		name += 2;
	else if (name[0] == '/')
		name += 1;
	if (name[0] == '.' && name[1] == '\0')
		return "";
	if (name[0] == '/') {
		*why = "absolute name";
		return NULL;
	}
	for (const char *p = name; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			*why = "name with a '..' component";
			return NULL;
		}
		p += n;
		p += *p == '/';
	}
	return name;
}

/* The data of a "070702" entry sums (mod 2^32) to its check field. */
static int sum_ok(const unsigned char *p, size_t n, uint32_t check)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += p[i];
	return sum == check;
}

/* The type and its data: regular files, directories (no data), symbolic
 * links (a target of 1..TS_CPIO_NAME_MAX-1 bytes). */
static int check_type(struct ts_cpio *c, const struct ts_cpio_entry *e)
{
	switch (e->mode & TS_CPIO_S_IFMT) {
	case TS_CPIO_S_IFREG:
		return 0;
	case TS_CPIO_S_IFDIR:
		return e->size ? fail(c, -EINVAL, "directory with data", e->offset) : 0;
	case TS_CPIO_S_IFLNK:
		if (e->size == 0)
			return fail(c, -EINVAL, "symbolic link without a target", e->offset);
		if (e->size >= TS_CPIO_NAME_MAX)
			return fail(c, -E2BIG, "symbolic link target too long", e->offset);
		if (memchr(e->data, '\0', e->size))
			return fail(c, -EINVAL, "NUL byte in a symbolic link target", e->offset);
		return 0;
	}
	return fail(c, -EOPNOTSUPP, "unsupported file type (not a file, directory or symbolic link)",
		    e->offset);
}

int ts_cpio_next(struct ts_cpio *c, struct ts_cpio_entry *e)
{
	size_t off = c->pos, name_end, data_end;
	const unsigned char *h = c->buf + off;
	uint32_t f[NFIELDS];
	const char *name, *why = NULL;

	if (c->done)
		return c->done < 0 ? c->done : 0;
	if (left(c, off) < HDR_SIZE)
		return fail(c, -EINVAL, left(c, off) ? "truncated header" : "no TRAILER!!! entry", off);
	if (!ts_cpio_is_newc(h, HDR_SIZE))
		return fail(c, -EINVAL, "bad magic (not a newc cpio header)", off);
	for (int i = 0; i < NFIELDS; i++)
		if (hex8(h + 6 + 8 * i, &f[i]) < 0)
			return fail(c, -EINVAL, "header field not 8 hex digits", off + 6 + 8 * (size_t)i);
	if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > TS_CPIO_NAME_MAX)
		return fail(c, -E2BIG, "bad name size", off);
	if (left(c, off + HDR_SIZE) < f[F_NAMESIZE])
		return fail(c, -EINVAL, "truncated name", off);
	name = (const char *)h + HDR_SIZE;
	if (name[f[F_NAMESIZE] - 1] != '\0' || strlen(name) != f[F_NAMESIZE] - 1)
		return fail(c, -EINVAL, "name not NUL-terminated", off);
	name_end = pad4(off + HDR_SIZE + f[F_NAMESIZE]);
	if (name_end > c->size || left(c, name_end) < f[F_FILESIZE])
		return fail(c, -EINVAL, "file size past the end of the archive", off);
	data_end = name_end + f[F_FILESIZE];
	if (strcmp(name, "TRAILER!!!") == 0) {
		c->done = 1;
		c->pos = c->size;
		return 0;
	}
	/* GNU cpio sums regular files only (a symbolic link's check is 0). */
	if (h[5] == '2' && (f[F_MODE] & TS_CPIO_S_IFMT) == TS_CPIO_S_IFREG &&
	    !sum_ok(c->buf + name_end, f[F_FILESIZE], f[F_CHECK]))
		return fail(c, -EBADMSG, "checksum mismatch", off);
	name = check_name(name, &why);
	if (!name)
		return fail(c, -EINVAL, why, off);
	*e = (struct ts_cpio_entry){
		.name = name, .ino = f[F_INO], .mode = f[F_MODE], .nlink = f[F_NLINK],
		.devmajor = f[F_DEVMAJOR], .devminor = f[F_DEVMINOR], .mtime = f[F_MTIME],
		.data = c->buf + name_end, .size = f[F_FILESIZE], .offset = off,
	};
	if (check_type(c, e) < 0)
		return c->done;
	/* The last entry's padding may be missing when nothing follows. */
	c->pos = pad4(data_end) <= c->size ? pad4(data_end) : c->size;
	return 1;
}
