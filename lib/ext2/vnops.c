/*
 * vnops.c: ext2's vnode operations — each takes the instance's lock and
 * does one job with dir.c, inode.c, bmap.c, file.c and symlink.c. The VFS
 * has made the generic checks (types, existence, read-only mounts).
 */
#include <errno.h>
#include <string.h>
#include "ext2.h"

static struct ext2_fs *lock(struct ts_vnode *vn)
{
	struct ext2_fs *fs = ext2_fs(vn);

	ts_mutex_lock(&fs->lock);
	fs->reports = 0;
	return fs;
}

static void unlock(struct ext2_fs *fs)
{
	ts_mutex_unlock(&fs->lock);
}

/* A directory that was removed holds nothing and takes nothing. */
static int dead(const struct ext2_node *d)
{
	return !d->di.links;
}

static int lookup(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode **out)
{
	struct ext2_fs *fs = lock(dir);
	struct ext2_node *d = ext2_node(dir), *n;
	int dotdot = len == 2 && name[0] == '.' && name[1] == '.';
	uint32_t ino;
	int err;

	if (dead(d)) {
		err = -ENOENT;
		goto out;
	}
	err = dotdot ? ext2_dir_parent(fs, d, &ino) : ext2_dir_find(fs, d, name, len, &ino, NULL);
	if (err)
		goto out;
	/* an entry naming its own directory would make walks go round */
	if (ino == dir->ino) {
		err = ext2_corrupt(fs, "directory", ino, dotdot ? "\"..\" is itself" : "names itself");
		goto out;
	}
	err = ext2_iget(fs, ino, &n);
	if (err)
		goto out;
	*out = &n->vn;
out:
	unlock(fs);
	return err;
}

/* Undo a node made for a name that could not be added. */
static void discard(struct ext2_fs *fs, struct ext2_node *n)
{
	n->di.links = 0;
	ext2_idelete(fs, n);
	ext2_iforget(fs, n);
}

/* A new inode of mode named name in dir; *out (no reference) on success. */
static int make(struct ts_vnode *dir, const char *name, size_t len, mode_t mode,
		const char *target, struct ext2_node **out)
{
	struct ext2_fs *fs = ext2_fs(dir);
	struct ext2_node *d = ext2_node(dir), *n;
	int err = ext2_begin_change(fs);

	if (err)
		return err;
	if (dead(d))
		return -ENOENT;
	if (TS_S_ISDIR(mode) && d->di.links >= EXT2_LINK_MAX)
		return -EMLINK; /* the new ".." would be one link too many */
	err = ext2_inew(fs, d, mode, &n);
	if (err)
		return err;
	if (TS_S_ISDIR(mode))
		err = ext2_dir_init(fs, n, (uint32_t)dir->ino);
	else if (target)
		err = ext2_symlink_store(fs, n, target, strlen(target));
	if (!err)
		err = ext2_dir_add(fs, d, name, len, (uint32_t)n->vn.ino, mode);
	if (err) {
		discard(fs, n);
		return err;
	}
	if (TS_S_ISDIR(mode)) {
		d->di.links++;
		ext2_iwrite(fs, d);
	}
	*out = n;
	return 0;
}

static int create(struct ts_vnode *dir, const char *name, size_t len, mode_t mode,
		  struct ts_vnode **out)
{
	struct ext2_fs *fs = lock(dir);
	struct ext2_node *n;
	int err = make(dir, name, len, TS_S_IFREG | (mode & TS_S_IALLUGO), NULL, &n);

	if (!err) {
		ts_vnode_ref(&n->vn);
		*out = &n->vn;
	}
	unlock(fs);
	return err;
}

static int mkdir_(struct ts_vnode *dir, const char *name, size_t len, mode_t mode)
{
	struct ext2_fs *fs = lock(dir);
	struct ext2_node *n;
	int err = make(dir, name, len, TS_S_IFDIR | (mode & TS_S_IALLUGO), NULL, &n);

	if (!err)
		ext2_iforget(fs, n); /* nobody holds it */
	unlock(fs);
	return err;
}

static int symlink_(struct ts_vnode *dir, const char *name, size_t len, const char *target)
{
	struct ext2_fs *fs = lock(dir);
	struct ext2_node *n;
	int err = strlen(target) >= fs->g.bs ? -ENAMETOOLONG
		: make(dir, name, len, TS_S_IFLNK | 0777, target, &n);

	if (!err)
		ext2_iforget(fs, n);
	unlock(fs);
	return err;
}

static int link_(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn)
{
	struct ext2_fs *fs = lock(dir);
	struct ext2_node *d = ext2_node(dir), *n = ext2_node(vn);
	int err = ext2_begin_change(fs);

	if (err)
		goto out;
	if (dead(d) || !n->di.links) {
		err = -ENOENT;
		goto out;
	}
	if (n->di.links >= EXT2_LINK_MAX) {
		err = -EMLINK;
		goto out;
	}
	err = ext2_dir_add(fs, d, name, len, (uint32_t)vn->ino, vn->mode);
	if (err)
		goto out;
	n->di.links++;
	ext2_touch(n, 0);
	err = ext2_iwrite(fs, n);
out:
	unlock(fs);
	return err;
}

/* n lost a name: one link less (its blocks go when nobody holds it). */
static int unlinked(struct ext2_fs *fs, struct ext2_node *n)
{
	if (n->di.links)
		n->di.links--;
	ext2_touch(n, 0);
	return ext2_iwrite(fs, n);
}

static int unlink_(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn)
{
	struct ext2_fs *fs = lock(dir);
	int err = ext2_begin_change(fs);

	if (!err)
		err = ext2_dir_remove(fs, ext2_node(dir), name, len);
	if (!err)
		err = unlinked(fs, ext2_node(vn));
	unlock(fs);
	return err;
}

/* Directory n (empty) lost its name in d: it is dead, and d loses the
 * link of n's "..". */
static int dir_unlinked(struct ext2_fs *fs, struct ext2_node *d, struct ext2_node *n)
{
	n->di.links = 0;
	ext2_touch(n, 0);
	if (d->di.links > 2)
		d->di.links--;
	ext2_iwrite(fs, d);
	return ext2_iwrite(fs, n);
}

static int rmdir_(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn)
{
	struct ext2_fs *fs = lock(dir);
	struct ext2_node *d = ext2_node(dir), *n = ext2_node(vn);
	int err = ext2_begin_change(fs);

	if (err)
		goto out;
	err = ext2_dir_empty(fs, n);
	if (err <= 0) {
		err = err ? err : -ENOTEMPTY;
		goto out;
	}
	err = ext2_dir_remove(fs, d, name, len);
	if (!err)
		err = dir_unlinked(fs, d, n);
out:
	unlock(fs);
	return err;
}

/* Directory n now lives in to instead of from: its ".." and both link counts. */
static int moved(struct ext2_fs *fs, struct ext2_node *n, struct ext2_node *from,
		 struct ext2_node *to)
{
	if (!TS_S_ISDIR(n->vn.mode) || from == to)
		return 0;
	if (from->di.links > 2)
		from->di.links--;
	to->di.links++;
	return ext2_dir_set_parent(fs, n, (uint32_t)to->vn.ino);
}

static int exchange(struct ext2_fs *fs, struct ext2_node *od, const char *oldname,
		    size_t oldlen, struct ext2_node *a, struct ext2_node *nd, const char *newname,
		    size_t newlen, struct ext2_node *b)
{
	int err = ext2_dir_set(fs, od, oldname, oldlen, (uint32_t)b->vn.ino, b->vn.mode);

	if (!err)
		err = ext2_dir_set(fs, nd, newname, newlen, (uint32_t)a->vn.ino, a->vn.mode);
	if (!err)
		err = moved(fs, a, od, nd);
	if (!err)
		err = moved(fs, b, nd, od);
	ext2_touch(b, 0);
	ext2_iwrite(fs, b);
	return err;
}

/* Move to a free name: the new name first, so a failure changes nothing. */
static int move(struct ext2_fs *fs, struct ext2_node *od, const char *oldname, size_t oldlen,
		struct ext2_node *n, struct ext2_node *nd, const char *newname, size_t newlen)
{
	int err;

	if (TS_S_ISDIR(n->vn.mode) && od != nd && nd->di.links >= EXT2_LINK_MAX)
		return -EMLINK;
	err = ext2_dir_add(fs, nd, newname, newlen, (uint32_t)n->vn.ino, n->vn.mode);
	if (!err)
		err = ext2_dir_remove(fs, od, oldname, oldlen);
	if (!err)
		err = moved(fs, n, od, nd);
	return err;
}

/* Replace target t: its entry now names n, in one step. */
static int replace(struct ext2_fs *fs, struct ext2_node *od, const char *oldname, size_t oldlen,
		   struct ext2_node *n, struct ext2_node *nd, const char *newname, size_t newlen,
		   struct ext2_node *t)
{
	int err;

	if (TS_S_ISDIR(t->vn.mode)) {
		err = ext2_dir_empty(fs, t);
		if (err <= 0)
			return err ? err : -ENOTEMPTY;
	}
	err = ext2_dir_set(fs, nd, newname, newlen, (uint32_t)n->vn.ino, n->vn.mode);
	if (!err)
		err = ext2_dir_remove(fs, od, oldname, oldlen);
	if (err)
		return err;
	err = TS_S_ISDIR(t->vn.mode) ? dir_unlinked(fs, nd, t) : unlinked(fs, t);
	if (!err)
		err = moved(fs, n, od, nd);
	return err;
}

static int rename_(struct ts_vnode *olddir, const char *oldname, size_t oldlen,
		   struct ts_vnode *vn, struct ts_vnode *newdir, const char *newname,
		   size_t newlen, struct ts_vnode *target, unsigned int flags)
{
	struct ext2_fs *fs = lock(olddir);
	struct ext2_node *od = ext2_node(olddir), *nd = ext2_node(newdir), *n = ext2_node(vn);
	int err = ext2_begin_change(fs);

	if (err)
		goto out;
	if (dead(nd)) {
		err = -ENOENT;
		goto out;
	}
	if (flags & TS_RENAME_EXCHANGE)
		err = exchange(fs, od, oldname, oldlen, n, nd, newname, newlen, ext2_node(target));
	else if (target)
		err = replace(fs, od, oldname, oldlen, n, nd, newname, newlen, ext2_node(target));
	else
		err = move(fs, od, oldname, oldlen, n, nd, newname, newlen);
	if (!err) {
		ext2_touch(n, 0);
		ext2_iwrite(fs, n);
	}
	/* link counts may have moved even when a later step failed */
	ext2_iwrite(fs, od);
	if (nd != od)
		ext2_iwrite(fs, nd);
out:
	unlock(fs);
	return err;
}

static int readdir_(struct ts_vnode *dir, off_t pos, struct ts_dir_ctx *ctx)
{
	struct ext2_fs *fs = lock(dir);
	int err = dead(ext2_node(dir)) ? -ENOENT : ext2_dir_list(fs, ext2_node(dir), pos, ctx);

	unlock(fs);
	return err;
}

static ssize_t readlink_(struct ts_vnode *vn, char *buf, size_t size)
{
	struct ext2_fs *fs = lock(vn);
	ssize_t r = ext2_symlink_read(fs, ext2_node(vn), buf, size);

	unlock(fs);
	return r;
}

static void inactive(struct ts_vnode *vn)
{
	struct ext2_fs *fs = lock(vn);
	struct ext2_node *n = ext2_node(vn);

	/* the last user of a node without links: now its inode and blocks go */
	if (!n->di.links && !ext2_begin_change(fs))
		ext2_idelete(fs, n);
	ext2_iforget(fs, n);
	unlock(fs);
}

static int getattr(struct ts_vnode *vn, struct ts_stat *st)
{
	struct ext2_fs *fs = lock(vn);
	struct ext2_node *n = ext2_node(vn);

	st->st_ino = vn->ino;
	st->st_mode = vn->mode;
	st->st_nlink = n->di.links;
	st->st_uid = n->di.uid;
	st->st_gid = n->di.gid;
	st->st_size = vn->size;
	st->st_blksize = fs->g.bs;
	st->st_blocks = (int64_t)n->di.blocks;
	st->st_atim = n->di.atime;
	st->st_mtim = n->di.mtime;
	st->st_ctim = n->di.ctime;
	if ((vn->mode & TS_S_IFMT) == TS_S_IFCHR || (vn->mode & TS_S_IFMT) == TS_S_IFBLK)
		st->st_rdev = n->di.block[0] ? n->di.block[0] : n->di.block[1];
	unlock(fs);
	return 0;
}

static int setattr(struct ts_vnode *vn, const struct ts_vattr *va)
{
	struct ext2_fs *fs = lock(vn);
	struct ext2_node *n = ext2_node(vn);
	int err = ext2_begin_change(fs);

	if (!err) {
		if (va->mask & TS_VATTR_MODE)
			vn->mode = (vn->mode & TS_S_IFMT) | (va->mode & TS_S_IALLUGO);
		if (va->mask & TS_VATTR_ATIME)
			n->di.atime = va->atime;
		if (va->mask & TS_VATTR_MTIME)
			n->di.mtime = va->mtime;
		ext2_touch(n, 0);
		err = ext2_iwrite(fs, n);
	}
	unlock(fs);
	return err;
}

static ssize_t read_(struct ts_vnode *vn, void *buf, size_t n, off_t off)
{
	struct ext2_fs *fs = lock(vn);
	ssize_t r = ext2_file_read(fs, ext2_node(vn), buf, n, off);

	unlock(fs);
	return r;
}

static ssize_t write_(struct ts_vnode *vn, const void *buf, size_t n, off_t off)
{
	struct ext2_fs *fs = lock(vn);
	ssize_t r = ext2_begin_change(fs);

	if (!r)
		r = ext2_file_write(fs, ext2_node(vn), buf, n, off);
	unlock(fs);
	return r;
}

static int truncate_(struct ts_vnode *vn, off_t len)
{
	struct ext2_fs *fs = lock(vn);
	int err = ext2_begin_change(fs);

	if (!err)
		err = ext2_file_truncate(fs, ext2_node(vn), len);
	unlock(fs);
	return err;
}

/* The file's data and metadata, with everything else changed so far,
 * then a device flush: simple, and never less than asked. */
static int fsync_(struct ts_vnode *vn)
{
	struct ext2_fs *fs = lock(vn);
	int err = ext2_sync(fs, 0);

	unlock(fs);
	return err;
}

const struct ts_vnode_ops ext2_vnode_ops = {
	.lookup = lookup,
	.create = create,
	.mkdir = mkdir_,
	.symlink = symlink_,
	.link = link_,
	.unlink = unlink_,
	.rmdir = rmdir_,
	.rename = rename_,
	.readdir = readdir_,
	.readlink = readlink_,
	.inactive = inactive,
	.getattr = getattr,
	.setattr = setattr,
	.read = read_,
	.write = write_,
	.truncate = truncate_,
	.fsync = fsync_,
};
