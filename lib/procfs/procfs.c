/* procfs.c: the "procfs" filesystem type — the fixed tree of nodes.c and the descriptor folder, read-only, with content made at open. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "procfs.h"

struct procfs {
	struct ts_timespec time; /* every node's three times: the mount's */
	struct pf_vnode node[];  /* one per fixed node */
};

static struct procfs *procfs_of(struct ts_vnode *vn)
{
	return vn->mount->priv;
}

static const struct ts_vnode_ops procfs_ops;

static mode_t node_mode(enum pf_kind k)
{
	switch (k) {
	case PF_DIR:
	case PF_FDDIR: return TS_S_IFDIR | 0555;
	case PF_LINK: return TS_S_IFLNK | 0777;
	default: return TS_S_IFREG | 0444;
	}
}

/* "123" -> 123; -1 for anything that is not a plain decimal number. */
static int parse_fd(const char *name, size_t len)
{
	long v = 0;
	if (!len || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return (int)v;
}

static int lookup_fd(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode **out)
{
	int fd = parse_fd(name, len);
	if (fd < 0 || ts_vfs_fd_next(fd) != fd)
		return -ENOENT;
	struct pf_vnode *pv = calloc(1, sizeof(*pv));
	if (!pv)
		return -ENOMEM;
	ts_vnode_init(&pv->vn, &procfs_ops, dir->mount, PF_FD_INO + (uint64_t)fd, TS_S_IFLNK | 0700);
	pv->node = -1;
	pv->fd = fd;
	ts_vnode_ref(&pv->vn); /* the caller's; inactive frees it */
	*out = &pv->vn;
	return 0;
}

static int procfs_lookup(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode **out)
{
	struct procfs *fs = procfs_of(dir);
	int d = ((struct pf_vnode *)dir)->node;

	if (d >= 0 && pf_nodes[d].kind == PF_FDDIR)
		return lookup_fd(dir, name, len, out);
	for (unsigned int i = 1; i < pf_nnodes; i++) {
		if (pf_nodes[i].parent == d && strlen(pf_nodes[i].name) == len &&
		    memcmp(pf_nodes[i].name, name, len) == 0) {
			ts_vnode_ref(&fs->node[i].vn);
			*out = &fs->node[i].vn;
			return 0;
		}
	}
	return -ENOENT;
}

/* Positions: 0 ".", 1 "..", then 2 + i for fixed node i (the folder's
 * children, in table order), or 2 + fd in the descriptor folder. */
static int procfs_readdir(struct ts_vnode *dir, off_t pos, struct ts_dir_ctx *ctx)
{
	int d = ((struct pf_vnode *)dir)->node;

	for (; pos < 2; pos++)
		if (ts_dir_emit(ctx, pos ? ".." : ".", (size_t)pos + 1, dir->ino, TS_DT_DIR, pos + 1))
			return 0;
	if (pf_nodes[d].kind == PF_FDDIR) {
		char name[16];
		for (int fd; (fd = ts_vfs_fd_next((int)pos - 2)) >= 0; pos = fd + 3) {
			int n = snprintf(name, sizeof(name), "%d", fd);
			if (ts_dir_emit(ctx, name, (size_t)n, PF_FD_INO + (uint64_t)fd, TS_DT_LNK, fd + 3))
				return 0;
		}
		return 0;
	}
	for (; pos - 2 < (off_t)pf_nnodes; pos++) {
		const struct pf_node *n = &pf_nodes[pos - 2];
		if (pos - 2 == 0 || n->parent != d)
			continue;
		if (ts_dir_emit(ctx, n->name, strlen(n->name), (uint64_t)(pos - 1), ts_vfs_dtype(node_mode(n->kind)),
				pos + 1))
			return 0;
	}
	return 0;
}

static int procfs_getattr(struct ts_vnode *vn, struct ts_stat *st)
{
	struct procfs *fs = procfs_of(vn);
	st->st_ino = vn->ino;
	st->st_mode = vn->mode;
	st->st_nlink = TS_S_ISDIR(vn->mode) ? 2 : 1;
	st->st_blksize = 4096;
	st->st_atim = st->st_mtim = st->st_ctim = fs->time;
	return 0;
}

/* The link's target, made now (the descriptor's file, the working folder). */
static ssize_t procfs_readlink(struct ts_vnode *vn, char *buf, size_t size)
{
	struct pf_vnode *pv = (struct pf_vnode *)vn;
	struct pf_text t = { 0 };
	int err = 0;

	if (pv->node < 0)
		err = pf_fd_target(pv->fd, &t);
	else if (pf_nodes[pv->node].target)
		pf_printf(&t, "%s", pf_nodes[pv->node].target);
	else
		pf_nodes[pv->node].link(&t);
	if (!err)
		err = t.err;
	ssize_t len = err ? err : (ssize_t)t.len;
	if (!err)
		memcpy(buf, t.buf, t.len < size ? t.len : size);
	free(t.buf);
	return len;
}

static void procfs_inactive(struct ts_vnode *vn)
{
	if (((struct pf_vnode *)vn)->node < 0)
		free(vn);
}

/* ---- open files: a snapshot of the content ---- */

static ssize_t text_read(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	struct pf_text *t = f->priv;
	if (*pos >= (off_t)t->len)
		return 0;
	if (n > t->len - (size_t)*pos)
		n = t->len - (size_t)*pos;
	memcpy(buf, t->buf + *pos, n);
	*pos += (off_t)n;
	return (ssize_t)n;
}

static off_t text_seek(struct ts_file *f, off_t off, int whence, off_t pos)
{
	struct pf_text *t = f->priv;
	off_t base = whence == TS_SEEK_SET ? 0 : whence == TS_SEEK_CUR ? pos : (off_t)t->len;
	if (whence != TS_SEEK_SET && whence != TS_SEEK_CUR && whence != TS_SEEK_END)
		return -EINVAL;
	if (off < -base)
		return -EINVAL;
	return base + off;
}

static int text_stat(struct ts_file *f, struct ts_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = f->vn->mount->dev;
	return procfs_getattr(f->vn, st);
}

static void text_release(struct ts_file *f)
{
	struct pf_text *t = f->priv;
	free(t->buf);
	free(t);
}

static const struct ts_file_ops text_ops = {
	.read = text_read,
	.seek = text_seek,
	.stat = text_stat,
	.release = text_release,
};

static int procfs_open(struct ts_vnode *vn, struct ts_file *f)
{
	int node = ((struct pf_vnode *)vn)->node;
	if (node < 0 || pf_nodes[node].kind != PF_FILE)
		return 0; /* folders: the VFS's own listing */
	struct pf_text *t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	pf_nodes[node].gen(t);
	if (t->err) {
		int err = t->err;
		free(t->buf);
		free(t);
		return err;
	}
	f->ops = &text_ops;
	f->priv = t;
	return 0;
}

static const struct ts_vnode_ops procfs_ops = {
	.lookup = procfs_lookup,
	.readdir = procfs_readdir,
	.readlink = procfs_readlink,
	.inactive = procfs_inactive,
	.getattr = procfs_getattr,
	.open = procfs_open,
};

static int procfs_mount(struct ts_mount *mnt, const char *source, unsigned long flags, const void *data)
{
	(void)source, (void)flags, (void)data;
	struct procfs *fs = calloc(1, sizeof(*fs) + pf_nnodes * sizeof(fs->node[0]));
	if (!fs)
		return -ENOMEM;
	ts_vfs_now(&fs->time);
	for (unsigned int i = 0; i < pf_nnodes; i++) {
		ts_vnode_init(&fs->node[i].vn, &procfs_ops, mnt, i + 1, node_mode(pf_nodes[i].kind));
		fs->node[i].node = (int)i;
	}
	mnt->priv = fs;
	ts_vnode_ref(&fs->node[0].vn);
	mnt->root = &fs->node[0].vn;
	mnt->maxsize = 0;
	return 0;
}

static void procfs_unmount(struct ts_mount *mnt)
{
	free(mnt->priv);
}

static struct ts_fs_type procfs_type = {
	.name = "proc",
	.mount = procfs_mount,
	.unmount = procfs_unmount,
};
TS_VFS_FS_REGISTER(procfs_type);
