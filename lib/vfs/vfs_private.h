/* Private to lib/vfs: what its files share (locks, path walks, fd table). */
#ifndef TS_VFS_PRIVATE_H
#define TS_VFS_PRIVATE_H

#include <ts/print.h>
#include <ts/vfs_impl.h>

/* The largest read or write, as on Linux (keeps results within int). */
#define VFS_RW_MAX 0x7ffff000
/* Most symbolic links followed in one path walk (Linux's MAXSYMLINKS). */
#define VFS_MAX_SYMLINKS 40

/* ---- locks (a failure is a lock-order bug: assert) ---- */
static inline void vfs_lock(struct ts_mutex *m)
{
	int r = ts_mutex_lock(m);

	TS_ASSERT(r == 0);
	(void)r;
}

static inline void vfs_unlock(struct ts_mutex *m)
{
	int r = ts_mutex_unlock(m);

	TS_ASSERT(r == 0);
	(void)r;
}

/* The namespace lock (see <ts/vfs_impl.h> for what it covers). */
extern struct ts_mutex vfs_ns;
static inline void vfs_ns_lock(void) { vfs_lock(&vfs_ns); }
static inline void vfs_ns_unlock(void) { vfs_unlock(&vfs_ns); }

/* ---- vnodes (vnode.c) ---- */

/* Drop a reference (namespace lock held); the last calls ops->inactive. */
void vfs_vnode_put(struct ts_vnode *vn);

/* 1 when vn's mount is read-only. */
static inline int vfs_rdonly(const struct ts_vnode *vn)
{
	return (vn->mount->flags & TS_MS_RDONLY) != 0;
}

/* ---- mounts (mount.c); namespace lock held ---- */

/* The directory "/" names (the top of any mounts on the root), or NULL
 * before the root is mounted. No reference taken. */
struct ts_vnode *vfs_root(void);

/* Replace *vn (referenced) by the root of what is mounted on it, repeatedly. */
void vfs_enter_mounts(struct ts_vnode **vn);

/* ".." of the directory dir: a new reference in *out. Stays at "/",
 * leaves a mount through the directory it covers. 0 or -errno. */
int vfs_dotdot(struct ts_vnode *dir, struct ts_vnode **out);

/* ---- working directory (cwd.c); namespace lock held ---- */

/* The working directory (the root until chdir), no reference; NULL before
 * the root is mounted. */
struct ts_vnode *vfs_cwd(void);

/* ---- path walks (path.c) ---- */

#define VFS_FOLLOW     1 /* follow a symbolic link in the last component */
#define VFS_PARENT     2 /* stop at the directory holding the last component */
#define VFS_EMPTY_PATH 4 /* "" names the start (dirfd) itself */

/* Kinds of last component (VFS_PARENT). */
enum { VFS_LAST_NORM, VFS_LAST_DOT, VFS_LAST_DOTDOT, VFS_LAST_ROOT };

/*
 * The result of a walk. All vnodes are referenced; vfs_path_put drops them.
 * vn: the object named (with VFS_PARENT: the last component's vnode,
 * not followed into mounts, or NULL when it does not exist).
 * With VFS_PARENT: dir holds the last component, last/lastlen name it
 * (valid until vfs_path_put), last_type says whether it is a plain name.
 * slash: the path ended in '/'.
 */
struct vfs_path {
	struct ts_vnode *dir, *vn;
	const char *last;
	size_t lastlen;
	int last_type;
	int slash;
	char *buf; /* private: expanded symbolic links */
};

/*
 * Walk path from start (the directory of a relative path; NULL: the
 * working directory; ignored for absolute paths) with VFS_* flags, as
 * Linux does: ".", "..", mounts, symbolic links (-ELOOP after 40), -ENOENT,
 * -ENOTDIR, -ENAMETOOLONG. Without VFS_PARENT the object must exist (and
 * be a directory if the path ends in '/'). Namespace lock held. On error
 * p holds nothing.
 */
int vfs_resolve(struct ts_vnode *start, const char *path, int flags, struct vfs_path *p);
void vfs_path_put(struct vfs_path *p);

/*
 * The file whose vnode a walk of path from dirfd starts at (a reference
 * in *out), or NULL in *out when none is needed (absolute path, or
 * TS_AT_FDCWD). -EFAULT (path NULL), -EBADF, -ENOTDIR (not a directory;
 * with empty_ok and path "", any vnode). No lock held.
 */
int vfs_dirfile_get(int dirfd, const char *path, int empty_ok, struct ts_file **out);

/* Walk path from dirfd with flags, run fn(p, arg) with the namespace lock
 * held, clean up; fn's result, or the walk's error. */
int vfs_at(int dirfd, const char *path, int flags, int (*fn)(struct vfs_path *p, void *arg),
	   void *arg);

/* The same for the calls that name two paths (linkat, renameat2): walk
 * oldpath from olddirfd with oflags and newpath from newdirfd with nflags,
 * run fn(op, np, arg) with the namespace lock held, clean up. */
int vfs_at2(int olddirfd, const char *oldpath, int oflags, int newdirfd, const char *newpath,
	    int nflags, int (*fn)(struct vfs_path *op, struct vfs_path *np, void *arg), void *arg);

/* ---- descriptors (fdtable.c); no lock held ---- */

/* Install f (taking over the caller's reference) at the lowest free
 * descriptor >= min. The descriptor, or -EMFILE, -ENOMEM. */
int vfs_fd_alloc(struct ts_file *f, int min, int cloexec);

/* Reserve the lowest free descriptor (invisible until filled), then fill
 * it with f (taking the caller's reference) or give it back. */
int vfs_fd_reserve(int cloexec);
void vfs_fd_fill(int fd, struct ts_file *f);
void vfs_fd_unreserve(int fd);

/* Make newfd refer to f (a new reference), closing what it referred to.
 * newfd, or -EBADF (out of range), -ENOMEM. */
int vfs_fd_replace(int newfd, struct ts_file *f, int cloexec);

/* Take f out of slot fd (its reference becomes the caller's). -EBADF. */
int vfs_fd_remove(int fd, struct ts_file **out);

/* The close-on-exec flag of fd: 0/1, or -EBADF; set: 0 or -EBADF. */
int vfs_fd_cloexec(int fd);
int vfs_fd_set_cloexec(int fd, int on);

/* The number of descriptors allowed. */
#define VFS_MAX_FDS CONFIG_LIBVFS_MAX_FDS

/* ---- files on vnodes (vnfile.c) ---- */

/* A new file open on vn (taking a new reference on it) with flags. NULL
 * when out of memory. Namespace lock held. */
struct ts_file *vfs_vnode_file(struct ts_vnode *vn, unsigned int flags);

/* Fill *st for vn: getattr under vn->lock, st_dev filled in. Namespace
 * lock held. */
int vfs_vnode_stat(struct ts_vnode *vn, struct ts_stat *st);

/* The getdents operation of files on vnodes (dir.c). */
ssize_t vfs_vnode_getdents(struct ts_file *f, void *buf, size_t len, off_t *pos);

/* 1 if f may be read / written (access mode, not TS_O_PATH). */
static inline int vfs_readable(const struct ts_file *f)
{
	return !(f->flags & TS_O_PATH) && (f->flags & TS_O_ACCMODE) != TS_O_WRONLY;
}

static inline int vfs_writable(const struct ts_file *f)
{
	unsigned int acc = f->flags & TS_O_ACCMODE;

	return !(f->flags & TS_O_PATH) && (acc == TS_O_WRONLY || acc == TS_O_RDWR);
}

/* ---- readiness (pollwait.c) ---- */

/* f's last reference went: pass its poll entries to their gone functions.
 * ts_file_put calls it through a weak reference, so that host tests that
 * link file.c without pollwait.c need none. */
void vfs_poll_file_gone(struct ts_file *f);

/* ---- filesystem types (fstype.c) ---- */

/* The type called name, or NULL. Namespace lock held. */
struct ts_fs_type *vfs_fs_find(const char *name);

#endif
