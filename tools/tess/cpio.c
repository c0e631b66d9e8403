/* cpio.c - tess run --initrd DIR: pack a host folder into a temporary newc cpio archive. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tess.h"

#define NAME_MAX_BYTES 4096 /* the guest's reader takes names up to this, NUL included */

/* Hard-linked files seen so far: the data goes with the first name. */
struct link {
	dev_t dev;
	ino_t ino;
	uint32_t id;
};

struct pack {
	FILE *out;
	const char *dir;    /* the folder, as the user named it */
	const char *arch;   /* the archive's path */
	struct link *links;
	size_t nlinks, cap;
	uint32_t next_ino;
	char buf[65536];
};

static char *tmp_path; /* the archive being written or used, removed at exit */

static void remove_tmp(void)
{
	if (tmp_path)
		unlink(tmp_path);
}

static _Noreturn void bad(const struct pack *p, const char *rel, const char *why)
{
	tess_die("--initrd %s: %s%s%s: %s", p->dir, p->dir, *rel ? "/" : "", rel, why);
}

static void put(struct pack *p, const void *data, size_t n)
{
	static const char zeros[4];

	if (fwrite(data, 1, n, p->out) != n)
		tess_die("%s: %s", p->arch, strerror(errno));
	if (n & 3 && fwrite(zeros, 1, 4 - (n & 3), p->out) != 4 - (n & 3))
		tess_die("%s: %s", p->arch, strerror(errno));
}

/* A header and a name (padded to 4 bytes together). */
static void header(struct pack *p, const char *name, uint32_t ino, uint32_t mode,
		   uint32_t nlink, uint32_t mtime, uint32_t size)
{
	char h[110 + NAME_MAX_BYTES + 1];
	size_t namesize = strlen(name) + 1;
	int n = snprintf(h, sizeof(h), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08zX%08X%s",
			 ino, mode, 0u, 0u, nlink, mtime, size, 0u, 0u, 0u, 0u, namesize, 0u, name);

	put(p, h, (size_t)n + 1); /* with the name's NUL */
}

/* The archive's inode number for st; *first is 1 unless it is a further
 * name of a hard-linked file already packed. */
static uint32_t inode_of(struct pack *p, const struct stat *st, int *first)
{
	*first = 1;
	if (S_ISDIR(st->st_mode) || st->st_nlink < 2)
		return p->next_ino++;
	for (size_t i = 0; i < p->nlinks; i++)
		if (p->links[i].dev == st->st_dev && p->links[i].ino == st->st_ino) {
			*first = 0;
			return p->links[i].id;
		}
	if (p->nlinks == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->links = tess_xrealloc(p->links, p->cap * sizeof(*p->links));
	}
	p->links[p->nlinks] = (struct link){ st->st_dev, st->st_ino, p->next_ino };
	p->nlinks++;
	return p->next_ino++;
}

/* Copy a regular file's size bytes (it must not change meanwhile). */
static void file_data(struct pack *p, const char *path, const char *rel, off_t size)
{
	FILE *f = fopen(path, "rb");
	size_t n, total = 0;

	if (!f)
		bad(p, rel, strerror(errno));
	while ((n = fread(p->buf, 1, sizeof(p->buf), f)) > 0) {
		if (fwrite(p->buf, 1, n, p->out) != n)
			tess_die("%s: %s", p->arch, strerror(errno));
		total += n;
	}
	if (ferror(f))
		bad(p, rel, strerror(errno));
	fclose(f);
	if (total != (size_t)size)
		bad(p, rel, "changed while being packed");
	if (total & 3 && fwrite("\0\0\0", 1, 4 - (total & 3), p->out) != 4 - (total & 3))
		tess_die("%s: %s", p->arch, strerror(errno));
}

static void pack_dir(struct pack *p, const char *rel);

/* One name: rel is relative to the folder ("" for the folder itself). */
static void pack_one(struct pack *p, const char *rel)
{
	char *path = *rel ? tess_path_join(p->dir, rel) : tess_xstrdup(p->dir);
	const char *name = *rel ? rel : ".";
	uint32_t mtime, ino;
	struct stat st;
	int first;

	if (lstat(path, &st) < 0)
		bad(p, rel, strerror(errno));
	if (strlen(name) >= NAME_MAX_BYTES)
		bad(p, rel, "name longer than 4095 bytes");
	mtime = st.st_mtime < 0 ? 0 : st.st_mtime > UINT32_MAX ? UINT32_MAX : (uint32_t)st.st_mtime;
	ino = inode_of(p, &st, &first);
	if (S_ISDIR(st.st_mode)) {
		header(p, name, ino, st.st_mode, 2, mtime, 0);
		pack_dir(p, rel);
	} else if (S_ISLNK(st.st_mode)) {
		ssize_t n = readlink(path, p->buf, sizeof(p->buf));
		if (n < 0)
			bad(p, rel, strerror(errno));
		if (n == 0 || n >= NAME_MAX_BYTES)
			bad(p, rel, "symbolic link target longer than 4095 bytes");
		header(p, name, ino, st.st_mode, 1, mtime, (uint32_t)n);
		put(p, p->buf, (size_t)n);
	} else if (S_ISREG(st.st_mode)) {
		if ((uint64_t)st.st_size > UINT32_MAX)
			bad(p, rel, "larger than 4 GiB, the most a newc archive holds");
		header(p, name, ino, st.st_mode, (uint32_t)st.st_nlink, mtime,
		       first ? (uint32_t)st.st_size : 0);
		if (first)
			file_data(p, path, rel, st.st_size);
	} else {
		bad(p, rel, S_ISSOCK(st.st_mode) ? "a socket cannot go into an initrd" :
			    S_ISFIFO(st.st_mode) ? "a FIFO cannot go into an initrd" :
			    "a device cannot go into an initrd");
	}
	free(path);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* The entries of a folder, sorted so that the archive does not depend
 * on the order the host's filesystem lists them in. */
static void pack_dir(struct pack *p, const char *rel)
{
	char *path = *rel ? tess_path_join(p->dir, rel) : tess_xstrdup(p->dir);
	struct dirent **ents;
	int n = scandir(path, &ents, NULL, by_name);

	if (n < 0)
		bad(p, rel, strerror(errno));
	for (int i = 0; i < n; i++) {
		const char *d = ents[i]->d_name;
		if (strcmp(d, ".") && strcmp(d, "..")) {
			char *sub = *rel ? tess_path_join(rel, d) : tess_xstrdup(d);
			pack_one(p, sub);
			free(sub);
		}
		free(ents[i]);
	}
	free(ents);
	free(path);
}

char *tess_cpio_pack(const char *dir)
{
	const char *tmpdir = getenv("TMPDIR");
	struct pack *p = tess_xmalloc(sizeof(*p));
	int fd;

	memset(p, 0, sizeof(*p));
	p->dir = dir;
	p->next_ino = 1;
	tmp_path = tess_xasprintf("%s/tess-initrd-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	fd = mkstemp(tmp_path);
	if (fd < 0) {
		char *failed = tmp_path;
		tmp_path = NULL;
		tess_die("%s: %s", failed, strerror(errno));
	}
	atexit(remove_tmp);
	p->arch = tmp_path;
	p->out = fdopen(fd, "wb");
	if (!p->out)
		tess_die("%s: %s", tmp_path, strerror(errno));
	pack_one(p, "");
	header(p, "TRAILER!!!", 0, 0, 1, 0, 0);
	if (fclose(p->out) != 0)
		tess_die("%s: %s", tmp_path, strerror(errno));
	free(p->links);
	free(p);
	return tmp_path;
}
