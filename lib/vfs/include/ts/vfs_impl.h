/* lib/vfs: the interface for those who implement files and filesystems. */
#ifndef TS_VFS_IMPL_H
#define TS_VFS_IMPL_H

/*
 * Two layers:
 *  - an open file (struct ts_file) is operations + private data + status
 *    flags + position + reference count. Every descriptor refers to one.
 *    Pipes, sockets, eventfds are files without a vnode: their library
 *    fills a struct ts_file_ops, makes a file with ts_file_new() and gets a
 *    descriptor with ts_vfs_file_install().
 *  - a vnode (struct ts_vnode) is one object of a filesystem: regular
 *    file, directory, symbolic link. A filesystem embeds struct ts_vnode
 *    in its own node and fills a struct ts_vnode_ops; files opened on a
 *    vnode use the VFS's own file operations, which call the vnode's.
 *
 * Locking (the VFS takes the locks; filesystems take none):
 *  - the namespace lock (one mutex) is held around every directory
 *    operation (lookup, create, mkdir, symlink, link, unlink, rmdir,
 *    rename, readdir, readlink), around getattr, setattr, inactive and the
 *    filesystem's mount and unmount, and around every change of a vnode's
 *    reference count. Link counts and directory contents (and a
 *    directory's times) therefore only change under it;
 *  - vn->lock guards a file's data, vn->size and its times: it is held
 *    around read, write, truncate, fsync, getattr and setattr, and, for
 *    the objects whose links change, around link, unlink, rmdir and rename
 *    (both objects of a rename). Only a thread holding the namespace lock
 *    ever holds two vnode locks, so no order among them is needed;
 *  - a file's lock serialises its position (read, write, lseek, getdents).
 * Order: file lock, then namespace lock, then vnode locks. Operations may
 * block (sleep) while holding them.
 */

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <ts/boot.h>
#include <ts/lock.h>
#include <ts/sched.h>
#include <ts/vfs.h>

struct ts_vnode;
struct ts_mount;
struct ts_file;
struct ts_dir_ctx;
struct ts_poll_entry;

/* ---- open files ---- */

/*
 * What a kind of open file can do. NULL members give the default in
 * brackets. Positions: read and write get the position to use in *pos and
 * leave the one after the transfer there; the VFS passes the file's own
 * position (under the file's lock) or, for pread/pwrite, a copy.
 */
struct ts_file_ops {
	/* Bytes read, 0 at end, or -errno. [-EINVAL] */
	ssize_t (*read)(struct ts_file *f, void *buf, size_t n, off_t *pos);
	/* Bytes written (short only when space ran out), or -errno. [-EINVAL] */
	ssize_t (*write)(struct ts_file *f, const void *buf, size_t n, off_t *pos);
	/* The new position for lseek (the VFS stores it), or -errno. A file
	 * with a seek operation has a position: read, write, lseek and
	 * getdents on it are serialised on its lock. [-ESPIPE, and pread /
	 * pwrite give -ESPIPE too] */
	off_t (*seek)(struct ts_file *f, off_t off, int whence, off_t pos);
	/* Directory records, as ts_vfs_getdents64. [-ENOTDIR] */
	ssize_t (*getdents)(struct ts_file *f, void *buf, size_t len, off_t *pos);
	/* fstat. [-EINVAL] */
	int (*stat)(struct ts_file *f, struct ts_stat *st);
	/* ftruncate; the VFS checked len >= 0 and write access. [-EINVAL] */
	int (*truncate)(struct ts_file *f, off_t len);
	/* fsync. [-EINVAL] */
	int (*fsync)(struct ts_file *f);
	/* ioctl. [-ENOTTY] */
	int (*ioctl)(struct ts_file *f, unsigned long request, void *arg);
	/* The ready subset of events (TS_POLL*), without blocking. [always
	 * ready for reading and writing] A file whose answer can change
	 * calls ts_vfs_poll_wake(f) after each change (see "readiness"
	 * below) or says, with poll_recheck, how often to ask again. */
	unsigned int (*poll)(struct ts_file *f, unsigned int events);
	/* Milliseconds after which a waiting poller must call poll again,
	 * because the file cannot report some change with ts_vfs_poll_wake
	 * (console input arrives without an interrupt); 0: every change is
	 * reported. [0] */
	unsigned int (*poll_recheck)(struct ts_file *f);
	/* fcntl commands the VFS does not handle itself (F_GETPIPE_SZ, ...):
	 * the result or -errno. [-EINVAL] */
	long (*fcntl)(struct ts_file *f, int cmd, unsigned long arg);
	/* The last reference went: free priv. The VFS frees f itself. [none] */
	void (*release)(struct ts_file *f);
	/* Nonzero for a file without a position (no seek operation) on which
	 * lseek still succeeds and returns 0, as Linux's noop_llseek does for
	 * eventfd and timerfd; pread and pwrite stay -ESPIPE. [0: -ESPIPE] */
	int seek_zero;
};

struct ts_file {
	const struct ts_file_ops *ops;
	void *priv;               /* the implementation's state */
	struct ts_vnode *vn;      /* the filesystem object, or NULL */
	unsigned int flags;       /* access mode | status flags (F_GETFL); TS_O_PATH:
				   * neither readable nor writable */
	off_t pos;                /* under lock */
	struct ts_mutex lock;
	unsigned long refs;       /* descriptors and calls in progress; atomic */
	struct ts_poll_entry *pollers; /* who waits for its readiness (pollwait.c) */
};

/*
 * A new open file with one reference, ops and priv as given, status flags
 * flags (an access mode ORed with TS_O_APPEND, TS_O_NONBLOCK, ...),
 * position 0, no vnode. NULL when out of memory.
 */
struct ts_file *ts_file_new(const struct ts_file_ops *ops, void *priv, unsigned int flags);

/* Take / drop a reference; the last ts_file_put calls ops->release, drops
 * the vnode and frees f. Never call put with the namespace or a vnode lock
 * held. */
void ts_file_get(struct ts_file *f);
void ts_file_put(struct ts_file *f);

/*
 * Give f the lowest free descriptor; fdflags 0 or TS_O_CLOEXEC. Returns
 * the descriptor, which now owns the caller's reference, or -EMFILE /
 * -ENOMEM / -EINVAL (bad fdflags), the reference still the caller's.
 */
int ts_vfs_file_install(struct ts_file *f, int fdflags);

/* The file open on fd, with a reference for the caller (ts_file_put it);
 * 0 or -EBADF. For calls that work on files (sendfile, epoll). */
int ts_vfs_file_get(int fd, struct ts_file **out);

/*
 * For filesystems (namespace lock held, as in readlink): the absolute path
 * of directory dir (NULL: the working directory) into buf with its NUL;
 * returns the length with the NUL, -ERANGE (size too small), -ENOTDIR,
 * -ENOENT (removed) or -ENOMEM. /proc's cwd and descriptor links.
 */
ssize_t ts_vfs_dir_path_locked(struct ts_vnode *dir, char *buf, size_t size);

/* The lowest open descriptor >= from, or -ENOENT when there is none
 * (listing the table: /proc/self/fd). */
int ts_vfs_fd_next(int from);

/* ---- readiness: how poll, select and epoll wait for files (pollwait.c) ---- */

/*
 * The model. Each open file has a list of poll entries: the pollers that
 * wait for its readiness (what ops->poll answers) to change. A file whose
 * readiness changes — data written into a pipe, an eventfd counter going
 * up, a socket receiving a segment — calls ts_vfs_poll_wake(f), which
 * calls every entry's wake function; the file does not know who polls.
 * Pollers register entries, ask ops->poll, and sleep until an entry is
 * woken, a deadline passes or a signal interrupts them:
 *  - poll and select use struct ts_poller: one entry per descriptor for
 *    the duration of the call, one wait queue;
 *  - epoll keeps one entry per watched file for as long as it watches,
 *    and its wake function queues the file on a ready list, so that
 *    epoll_wait looks only at files that changed (no scan of all).
 * A wake costs one call per registered entry of that one file, nothing
 * per other descriptor, and never blocks: ts_vfs_poll_wake may be called
 * from any thread (a network stack's own thread, a timer thread) with
 * any lock of the caller held, but not from an interrupt handler.
 *
 * Locking: the entry lists are changed and walked in scheduler critical
 * sections (ts_sched_atomic_begin/end), so wake functions run inside one
 * and must only set flags, move list links and wake wait queues.
 *
 * Files that cannot report a change (the console has no input interrupt)
 * give a poll_recheck interval: pollers then sleep at most that long
 * before asking again.
 */

/* Poll event bits beyond those of <ts/vfs.h> (Linux x86_64 values). */
#define TS_POLLRDBAND 0x080
#define TS_POLLWRBAND 0x200
#define TS_POLLMSG    0x400
#define TS_POLLRDHUP  0x2000

struct ts_poll_entry {
	struct ts_poll_entry *next, *prev; /* on file->pollers; owned by pollwait.c */
	struct ts_file *file;              /* the file watched; NULL once off its list */
	/* The file's readiness may have changed. Runs in a critical section
	 * (see above): must not block. */
	void (*wake)(struct ts_poll_entry *e);
	/* The file's last reference went while e was on its list (only
	 * entries that do not hold a reference, epoll's, see this): e was
	 * just taken off the list (e->file is NULL); the file is freed after.
	 * Runs in the same critical section: must not block. NULL: nothing
	 * to do. */
	void (*gone)(struct ts_poll_entry *e);
};

/* Put e (wake and gone filled in) on f's list / take it off (if still on
 * it). The caller keeps f alive while e is on its list, or sets gone. */
void ts_vfs_poll_add(struct ts_file *f, struct ts_poll_entry *e);
void ts_vfs_poll_del(struct ts_poll_entry *e);

/* f's readiness may have changed: wake every entry on f's list. f must
 * stay allocated for the call (a reference, or f's own operation). */
void ts_vfs_poll_wake(struct ts_file *f);

/*
 * The file e watches, with a new reference (ts_file_put it), or NULL when
 * e is off its list or the file's last reference is already going. For
 * watchers without a reference (epoll), before they call ops->poll.
 */
struct ts_file *ts_vfs_poll_entry_file(struct ts_poll_entry *e);

/*
 * What f is ready for among events, as poll reports it: ops->poll's
 * answer (always-ready files: TS_POLLIN/OUT/RDNORM/WRNORM as asked), with
 * TS_POLLERR and TS_POLLHUP kept even when not asked; TS_POLLNVAL for a
 * TS_O_PATH descriptor (Linux polls those as not open).
 */
unsigned int ts_vfs_file_poll(struct ts_file *f, unsigned int events);

/* ops->poll_recheck's answer, 0 without one. */
unsigned int ts_vfs_file_poll_recheck(struct ts_file *f);

/*
 * A poller for poll and select: watch files with ts_poller_watch (each
 * with an entry the caller provides, kept until ts_poller_done), ask
 * ts_vfs_file_poll for each, and if none is ready ts_poller_wait; repeat.
 * A wake that comes between the questions and the wait is not lost.
 */
struct ts_poller {
	struct ts_waitq q;
	int changed;             /* an entry was woken since the last wait */
	unsigned int recheck_ms; /* smallest poll_recheck of the files watched, 0 none */
};
struct ts_poller_entry {
	struct ts_poll_entry e;
	struct ts_poller *p;
};

void ts_poller_init(struct ts_poller *p);
/* Watch f (the caller holds a reference on f until ts_poller_done). */
void ts_poller_watch(struct ts_poller *p, struct ts_poller_entry *pe, struct ts_file *f);
/*
 * Sleep until a watched file is woken, the monotonic time deadline_ns
 * passes (0: no deadline) or a recheck interval is over. 0 (ask the files
 * again), -ETIMEDOUT (deadline passed), -EINTR (ts_thread_interrupt).
 */
int ts_poller_wait(struct ts_poller *p, uint64_t deadline_ns);
/* Take the n entries pe[0..n-1] off their files; entries never watched
 * must be zeroed (e.file NULL). */
void ts_poller_done(struct ts_poller *p, struct ts_poller_entry *pe, size_t n);

/* ---- the console ---- */

/*
 * The platform console as a file (console.c), with no vnode: what
 * descriptors 0, 1 and 2 hold at boot and /dev/console opens. Writes go to
 * ts_plat_console_write. Reads take console input (tess's standard input
 * on QEMU, tvm's own on tvm), blocking until some arrives unless the file
 * has TS_O_NONBLOCK (-EAGAIN), 0 at its end or when the platform has none;
 * readers take turns. poll: readable when input waits or has ended.
 * ioctl: TCGETS (a raw line), TCSETS/TCSETSW/TCSETSF (accepted, no
 * effect), TIOCGWINSZ (80x24), else -ENOTTY; every ioctl is -ENOTTY on a
 * console file whose priv is &ts_console_notty: its host end is a pipe or
 * a file, not a terminal (descriptors 0-2, by the kernel option
 * console.tty=, stdfds.c), so isatty() answers as on Linux. stat: a
 * character device 5,1.
 */
extern const struct ts_file_ops ts_console_file_ops;
extern char ts_console_notty;
ssize_t ts_console_read(struct ts_file *f, void *buf, size_t n, off_t *pos);
ssize_t ts_console_write(struct ts_file *f, const void *buf, size_t n, off_t *pos);
unsigned int ts_console_poll(struct ts_file *f, unsigned int events);
/* 10 (ms) while input may still come: the console has no input interrupt,
 * so pollers of it ask again that often; 0 once input has ended. */
unsigned int ts_console_poll_recheck(struct ts_file *f);
int ts_console_ioctl(struct ts_file *f, unsigned long request, void *arg);
int ts_console_stat(struct ts_file *f, struct ts_stat *st);

/* ---- vnodes ---- */

/* setattr: which members of struct ts_vattr to apply. */
#define TS_VATTR_MODE  1 /* permission bits (mode & 07777) */
#define TS_VATTR_ATIME 2
#define TS_VATTR_MTIME 4
struct ts_vattr {
	unsigned int mask;
	mode_t mode;
	struct ts_timespec atime, mtime;
};

/*
 * What a filesystem does with its objects. Names come as (name, len),
 * not NUL-terminated, 1..TS_VFS_NAME_MAX bytes, never "." (the VFS
 * resolves it); ".." only in lookup, and never on the filesystem's root
 * (the VFS leaves the mount there). Every call that returns a vnode
 * returns it with a reference (ts_vnode_ref). Operations on a directory
 * that was removed return -ENOENT. The VFS has already checked types,
 * existence, read-only mounts and names, so each operation only does its
 * job and reports what only the filesystem can know (-ENOSPC, -ENOMEM,
 * -EMLINK, -ENOTEMPTY). NULL members: the operation is not supported
 * (-EPERM for the namespace ones, -EINVAL for the data ones), except
 * where brackets say otherwise.
 */
struct ts_vnode_ops {
	/* -- namespace lock held -- */
	/* The entry name in dir: 0 with *out, or -ENOENT. */
	int (*lookup)(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode **out);
	/* A new empty regular file (mode: permission bits); name is free. */
	int (*create)(struct ts_vnode *dir, const char *name, size_t len, mode_t mode,
		      struct ts_vnode **out);
	/* A new empty directory; name is free. */
	int (*mkdir)(struct ts_vnode *dir, const char *name, size_t len, mode_t mode);
	/* A new symbolic link holding target (NUL-terminated, < 4096 bytes). */
	int (*symlink)(struct ts_vnode *dir, const char *name, size_t len, const char *target);
	/*
	 * The next three and rename also run with the lock of each vnode
	 * passed held. The VFS holds a reference on each, so a node whose last
	 * link goes is freed later, by inactive.
	 */
	/* Another name for the non-directory vn (same filesystem); name is
	 * free. -ENOENT when vn has no link left (open, unlinked). */
	int (*link)(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn);
	/* Remove the entry name, which is the non-directory vn. */
	int (*unlink)(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn);
	/* Remove the entry name, which is the directory vn; -ENOTEMPTY. */
	int (*rmdir)(struct ts_vnode *dir, const char *name, size_t len, struct ts_vnode *vn);
	/*
	 * Move entry oldname of olddir (the vnode vn) to newname in newdir,
	 * replacing target (the vnode there, or NULL) in one step: nobody
	 * sees neither or both. The VFS checked the types match, that a
	 * directory does not move below itself and that vn != target. A
	 * directory target must be empty: -ENOTEMPTY. flags: 0 or
	 * TS_RENAME_EXCHANGE (swap; target not NULL).
	 */
	int (*rename)(struct ts_vnode *olddir, const char *oldname, size_t oldlen,
		      struct ts_vnode *vn, struct ts_vnode *newdir, const char *newname,
		      size_t newlen, struct ts_vnode *target, unsigned int flags);
	/*
	 * List dir from position pos ("." and ".." included): call
	 * ts_dir_emit() per entry until it returns nonzero (buffer full),
	 * passing the position that follows the entry. Positions are the
	 * filesystem's cookies; 0 is the start. 0 or -errno.
	 */
	int (*readdir)(struct ts_vnode *dir, off_t pos, struct ts_dir_ctx *ctx);
	/* Copy the symbolic link's target (up to size bytes, no NUL);
	 * return its full length. */
	ssize_t (*readlink)(struct ts_vnode *vn, char *buf, size_t size);
	/* The last reference is gone: free the node if no link is left. [none] */
	void (*inactive)(struct ts_vnode *vn);
	/* -- namespace lock and vn->lock held -- */
	/* Fill st (st_dev is the VFS's). */
	int (*getattr)(struct ts_vnode *vn, struct ts_stat *st);
	/* Apply the attributes in va->mask and set the change time. */
	int (*setattr)(struct ts_vnode *vn, const struct ts_vattr *va);
	/* -- vn->lock held -- */
	/* Up to n bytes at off (off >= 0; holes read as zeros); 0 at end. */
	ssize_t (*read)(struct ts_vnode *vn, void *buf, size_t n, off_t off);
	/* n bytes at off (the VFS checked that off + n <= vn->mount->maxsize),
	 * growing vn->size and setting the times; returns the bytes written,
	 * short only when space ran out, or -ENOSPC when none could be. */
	ssize_t (*write)(struct ts_vnode *vn, const void *buf, size_t n, off_t off);
	/* Set the size (len <= maxsize), freeing what lies beyond. */
	int (*truncate)(struct ts_vnode *vn, off_t len);
	/* Flush to storage. [nothing to do: 0] */
	int (*fsync)(struct ts_vnode *vn);
	/* -- no lock held -- */
	/* Optional: a device node or FIFO may set f->ops / f->priv on open. */
	int (*open)(struct ts_vnode *vn, struct ts_file *f);
};

struct ts_vnode {
	const struct ts_vnode_ops *ops;
	struct ts_mount *mount;    /* the filesystem instance it belongs to */
	uint64_t ino;              /* unique within the mount */
	mode_t mode;               /* TS_S_IF* type (fixed) | permission bits */
	off_t size;                /* bytes; kept by the filesystem under lock */
	struct ts_mutex lock;
	/* Owned by the VFS (under the namespace lock): */
	unsigned long refs;
	struct ts_mount *covered_by; /* the mount on top of this directory */
};

/*
 * Initialise a vnode the filesystem has just made: ops, mount, number,
 * mode; size 0, no references. The filesystem then returns it with
 * ts_vnode_ref.
 */
void ts_vnode_init(struct ts_vnode *vn, const struct ts_vnode_ops *ops, struct ts_mount *mnt,
		   uint64_t ino, mode_t mode);

/* Take a reference (namespace lock held). */
void ts_vnode_ref(struct ts_vnode *vn);

/* Directory listing: the context readdir passes on to ts_dir_emit. */
struct ts_dir_ctx {
	int (*emit)(struct ts_dir_ctx *ctx, const char *name, size_t len, uint64_t ino,
		    unsigned int dtype, off_t next);
};

/* Hand one entry to the reader: name (len bytes), inode number, TS_DT_*
 * type, and the position that follows it. Nonzero: stop, the entry was
 * not taken. */
static inline int ts_dir_emit(struct ts_dir_ctx *ctx, const char *name, size_t len,
			      uint64_t ino, unsigned int dtype, off_t next)
{
	return ctx->emit(ctx, name, len, ino, dtype, next);
}

/* The TS_DT_* value for a mode. */
static inline unsigned int ts_vfs_dtype(mode_t mode)
{
	return (mode & TS_S_IFMT) >> 12;
}

/* The current time, for the times a filesystem keeps (the platform's wall
 * clock; monotonic time since boot where it has none). */
void ts_vfs_now(struct ts_timespec *ts);

/* ---- filesystems and mounts ---- */

struct ts_mount {
	const struct ts_fs_type *type;
	struct ts_vnode *root;       /* set by the filesystem's mount, with a reference */
	void *priv;                  /* the filesystem instance's state */
	off_t maxsize;               /* largest file size; the filesystem sets it */
	unsigned long flags;         /* TS_MS_RDONLY */
	/* Owned by the VFS: */
	uint64_t dev;                /* st_dev */
	struct ts_vnode *covered;    /* the directory it hides (referenced), NULL for / */
	unsigned long active;        /* vnodes of this mount with references */
};

struct ts_fs_type {
	const char *name;            /* the fstype of ts_vfs_mount */
	/*
	 * Set up an instance on mnt (source, flags and data as passed to
	 * ts_vfs_mount): set mnt->root (referenced), mnt->priv and
	 * mnt->maxsize. 0 or -errno. Namespace lock held.
	 */
	int (*mount)(struct ts_mount *mnt, const char *source, unsigned long flags,
		     const void *data);
	/* Tear the instance down once the root's reference is dropped and no
	 * other vnode has one. Namespace lock held. */
	void (*unmount)(struct ts_mount *mnt);
	struct ts_fs_type *next;     /* the VFS's list */
};

/* Make a filesystem type known; -EEXIST for a name already known,
 * -EINVAL for a type without name, mount or unmount. */
int ts_vfs_fs_register(struct ts_fs_type *type);

/*
 * Register a filesystem type at boot: TS_VFS_FS_REGISTER(my_type) at file
 * scope (the type must be a non-const struct ts_fs_type object). Uses the
 * init table (level lib): every type is known before the root filesystem
 * is mounted (level rootfs).
 */
#define TS_VFS_FS_REGISTER(type)                                        \
	static int ts__fs_register_##type(void)                         \
	{                                                               \
		return ts_vfs_fs_register(&type);                       \
	}                                                               \
	TS_INITCALL(ts__fs_register_##type, TS_INIT_LIB, 5)

#endif
