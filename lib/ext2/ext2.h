/* Private to lib/ext2: the on-disk format, the instance, its nodes, and the functions of each file. */
#ifndef TS_EXT2_PRIVATE_H
#define TS_EXT2_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <ts/blk.h>
#include <ts/lock.h>
#include <ts/print.h>
#include <ts/vfs_impl.h>

/* ---- on-disk format (revision 1, as mkfs.ext2 writes it; little endian) ---- */

#define EXT2_MAGIC        0xef53
#define EXT2_SB_OFFSET    1024  /* bytes from the start of the disk */
#define EXT2_SB_SIZE      1024
#define EXT2_ROOT_INO     2
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GD_SIZE      32
#define EXT2_NDIR         12    /* direct block pointers in an inode */
#define EXT2_IND          12    /* i_block slots of the single, double and triple indirect blocks */
#define EXT2_DIND         13
#define EXT2_TIND         14
#define EXT2_NBLOCKS      15
#define EXT2_FAST_LINK_MAX 59   /* targets up to this long live in i_block itself */
#define EXT2_LINK_MAX     32000 /* Linux ext2's limit on i_links_count */
#define EXT2_NAME_MAX     255
/* Directories are walked linearly: beyond this size (half a million long
 * names) one is taken for damage rather than walked for minutes. */
#define EXT2_DIR_MAX      (128u << 20)

/* superblock field offsets */
#define SB_INODES_COUNT      0
#define SB_BLOCKS_COUNT      4
#define SB_R_BLOCKS_COUNT    8
#define SB_FREE_BLOCKS       12
#define SB_FREE_INODES       16
#define SB_FIRST_DATA_BLOCK  20
#define SB_LOG_BLOCK_SIZE    24
#define SB_LOG_FRAG_SIZE     28
#define SB_BLOCKS_PER_GROUP  32
#define SB_FRAGS_PER_GROUP   36
#define SB_INODES_PER_GROUP  40
#define SB_MTIME             44
#define SB_WTIME             48
#define SB_MNT_COUNT         52
#define SB_MAGIC             56
#define SB_STATE             58
#define SB_REV_LEVEL         76
#define SB_FIRST_INO         84
#define SB_INODE_SIZE        88
#define SB_FEATURE_COMPAT    92
#define SB_FEATURE_INCOMPAT  96
#define SB_FEATURE_RO_COMPAT 100
#define SB_RESERVED_GDT      206

#define EXT2_STATE_VALID  1 /* cleanly unmounted */
#define EXT2_STATE_ERROR  2

#define EXT2_FEATURE_COMPAT_DIR_INDEX      0x0020
#define EXT2_FEATURE_INCOMPAT_FILETYPE     0x0002
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE  0x0002
/* What this driver implements: anything else incompatible is refused,
 * anything else read-only-compatible mounts read-only. */
#define EXT2_INCOMPAT_SUPP  EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_RO_COMPAT_SUPP (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* group descriptor field offsets */
#define GD_BLOCK_BITMAP 0
#define GD_INODE_BITMAP 4
#define GD_INODE_TABLE  8
#define GD_FREE_BLOCKS  12
#define GD_FREE_INODES  14
#define GD_USED_DIRS    16

/* inode field offsets */
#define IN_MODE        0
#define IN_UID         2
#define IN_SIZE        4
#define IN_ATIME       8
#define IN_CTIME       12
#define IN_MTIME       16
#define IN_DTIME       20
#define IN_GID         24
#define IN_LINKS       26
#define IN_BLOCKS      28
#define IN_FLAGS       32
#define IN_BLOCK       40
#define IN_GENERATION  100
#define IN_FILE_ACL    104
#define IN_SIZE_HIGH   108
#define IN_BLOCKS_HI   116
#define IN_UID_HIGH    120
#define IN_GID_HIGH    122
#define IN_EXTRA_ISIZE 128
#define IN_CTIME_EXTRA 132
#define IN_MTIME_EXTRA 136
#define IN_ATIME_EXTRA 140
#define IN_CRTIME      144
#define IN_CRTIME_EXTRA 148
#define EXT2_EXTRA_ISIZE 32     /* the extra fields this driver writes in big inodes */

#define EXT2_INDEX_FL     0x00001000 /* hashed directory: cleared when we change it */
#define EXT2_BAD_FLAGS    0x10080000 /* extents, inline data: not ext2 */

/* directory entries */
#define DE_INODE    0
#define DE_REC_LEN  4
#define DE_NAME_LEN 6
#define DE_TYPE     7
#define DE_NAME     8
#define EXT2_DE_LEN(namelen) ((8u + (namelen) + 3u) & ~3u)

/* extended attribute block header */
#define EXT2_XATTR_MAGIC 0xea020000u
#define XA_REFCOUNT      4

static inline uint16_t ext2_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t ext2_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void ext2_put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void ext2_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* ---- the validated reading of every metadata value (check.c) ---- */

/* The geometry a superblock describes, once checked. */
struct ext2_geom {
	uint32_t bs;              /* block size: 1024, 2048 or 4096 */
	uint32_t log_bs;          /* log2(bs) */
	uint32_t blocks_count, first_data_block, bpg;
	uint32_t inodes_count, ipg, first_ino, inode_size;
	uint32_t ngroups;
	uint32_t gdt_blocks;      /* blocks of the group descriptor table */
	uint32_t reserved_gdt;    /* blocks kept after it for growing (resize_inode) */
	uint32_t itable_blocks;   /* blocks of each group's inode table */
	uint32_t compat, incompat, ro_compat;
};

/* One group's descriptor, checked against the geometry. */
struct ext2_gd {
	uint32_t block_bitmap, inode_bitmap, inode_table;
	uint32_t free_blocks, free_inodes, used_dirs;
};

/* The fields of an inode this driver uses, checked. */
struct ext2_dinode {
	uint32_t mode, links, flags, file_acl, generation;
	uint64_t size;
	uint64_t blocks;          /* 512-byte sectors */
	uint32_t block[EXT2_NBLOCKS];
	uint32_t uid, gid;
	struct ts_timespec atime, mtime, ctime;
};

/* One directory entry, checked against its block. */
struct ext2_dirent {
	uint32_t ino;
	uint32_t rec_len;
	uint32_t name_len;
	uint32_t type;            /* the entry's file type byte (0 without the feature) */
	const char *name;
};

/*
 * Check the superblock sb (EXT2_SB_SIZE bytes) of a disk of dev_sectors
 * 512-byte sectors and fill g. 0, or -EINVAL with *why saying what is
 * wrong in a few words (not ext2, a field out of range, a revision or a
 * size this driver does not read).
 */
int ext2_check_super(const uint8_t *sb, uint64_t dev_sectors, struct ext2_geom *g,
		     const char **why);

/* Check group descriptor number grp (raw, EXT2_GD_SIZE bytes): bitmaps and
 * inode table inside the group and the disk, counts within the group's
 * size. 0 with *gd, or -EIO with *why. */
int ext2_check_gd(const struct ext2_geom *g, uint32_t grp, const uint8_t *raw,
		  struct ext2_gd *gd, const char **why);

/* Decode and check the inode ino (raw, g->inode_size bytes): a known file
 * type, a size its type allows, no extents or inline data, an
 * extended-attribute block in range. 0 with *di, or -EIO with *why. */
int ext2_check_inode(const struct ext2_geom *g, uint32_t ino, const uint8_t *raw,
		     struct ext2_dinode *di, const char **why);

/* The directory entry at off in the directory block blk (bs bytes): a
 * rec_len that is a multiple of 4, at least 12 and inside the block, a
 * name that fits in it, an inode number in range. 0 with *de, or -EIO
 * with *why. */
int ext2_check_dirent(const struct ext2_geom *g, const uint8_t *blk, uint32_t off,
		      struct ext2_dirent *de, const char **why);

/* The header of an extended-attribute block (bs bytes): its magic number
 * and a user count of at least 1 in *refs. 0, or -EIO with *why. */
int ext2_check_xattr(const uint8_t *blk, uint32_t *refs, const char **why);

/* Whether blk may hold a file's data or indirect block: on the disk and
 * none of the superblocks, descriptor tables, bitmaps or inode tables.
 * gds may be NULL (then only the range and group-0 metadata are checked). */
int ext2_block_ok(const struct ext2_geom *g, const struct ext2_gd *gds, uint32_t blk);

/* The largest file size the block map and a 32-bit i_blocks allow. */
off_t ext2_max_size(const struct ext2_geom *g);

/* Whether group grp holds a copy of the superblock (always with
 * sparse_super off; groups 0, 1 and powers of 3, 5, 7 with it on). */
int ext2_group_has_super(const struct ext2_geom *g, uint32_t grp);

/* ---- the instance ---- */

struct ext2_buf;
struct ext2_node;

#define EXT2_NODE_HASH 64
#define EXT2_BOUNCE (64 * 1024) /* the longest data transfer that bypasses the cache */

struct ext2_fs {
	struct ts_blkdev *dev;
	const char *devname;
	struct ts_mount *mnt;
	/*
	 * The instance's own lock, innermost: reads and writes of different
	 * files run in parallel under their vnode locks (docs/vfs.md), but
	 * share the block cache, the bitmaps and the counts.
	 */
	struct ts_mutex lock;
	struct ext2_geom g;
	struct ext2_gd *gd;       /* g.ngroups descriptors, kept here and written back on sync */
	uint8_t sb[EXT2_SB_SIZE]; /* the superblock as read; counts and state patched in on sync */
	uint64_t free_blocks, free_inodes;
	int meta_dirty;           /* descriptors or superblock changed since the last sync */
	int forced_ro;            /* features or the device forbid writing, whatever the mount says */
	int marked;               /* the superblock on disk says "not clean" (we are writing) */
	unsigned int reports;     /* lines logged in this operation (ext2_error) */
	int was_valid;            /* it said "clean" when mounted: say so again on unmount */
	uint32_t generation;      /* for new inodes */
	off_t maxsize;
	/* the block cache (cache.c) */
	struct ext2_buf *bufs;
	unsigned int nbufs;
	struct ext2_buf *lru_head, *lru_tail; /* unpinned buffers, least recently used first */
	struct ext2_buf **bhash;
	unsigned int bhash_size;
	uint8_t *bounce;          /* EXT2_BOUNCE bytes: runs of whole data blocks, past the cache */
	/* in-memory nodes by inode number */
	struct ext2_node *nodes[EXT2_NODE_HASH];
	struct ext2_fs *next;     /* the list of mounted instances (ext2.c) */
};

struct ext2_node {
	struct ts_vnode vn;       /* first: a vnode is its node */
	struct ext2_node *hnext;
	struct ext2_dinode di;    /* what the inode says (size: vn.size) */
	uint32_t last_alloc;      /* allocation goal: the block after the last one given */
};

static inline struct ext2_node *ext2_node(struct ts_vnode *vn)
{
	return (struct ext2_node *)vn;
}

static inline struct ext2_fs *ext2_fs(struct ts_vnode *vn)
{
	return vn->mount->priv;
}

/* Write every mounted instance back and mark it clean, as an unmount
 * would, leaving it mounted (a later change marks it "not clean" again):
 * what the VM's exit does (shutdown.c). */
void ext2_sync_all(void);

/* Log "ext2: DEV: message" (printf format) unless this operation has
 * already logged a line: one line per failing operation. */
void ext2_error(struct ext2_fs *fs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One line about damage found on the disk (ext2_error); returns -EIO. */
int ext2_corrupt(struct ext2_fs *fs, const char *what, uint32_t num, const char *why);

/* Whether the instance may write (not forced read-only, mount not
 * read-only). Marks the superblock "not clean" on disk before the first
 * change: 0, -EROFS or -EIO. Every changing operation calls it first. */
int ext2_begin_change(struct ext2_fs *fs);

/* ---- block cache (cache.c) ---- */

struct ext2_buf {
	uint32_t blk;
	int valid, dirty;
	unsigned int pins;
	uint8_t *data;            /* fs->g.bs bytes */
	struct ext2_buf *hnext, *prev, *next;
};

/* Set up a cache of about kb KiB (at least 16 buffers); 0 or -ENOMEM. */
int ext2_cache_init(struct ext2_fs *fs, unsigned int kb);
void ext2_cache_free(struct ext2_fs *fs);

/* Block blk's contents, pinned until ext2_brelse: 0 or -EIO / -ENOMEM.
 * blk must have been checked by the caller. */
int ext2_bread(struct ext2_fs *fs, uint32_t blk, struct ext2_buf **out);

/* Block blk without reading it, zeroed and dirty: for blocks just
 * allocated or about to be overwritten whole. */
int ext2_bget_zero(struct ext2_fs *fs, uint32_t blk, struct ext2_buf **out);

void ext2_brelse(struct ext2_fs *fs, struct ext2_buf *b);

/* The buffer changed: written back on sync, eviction or unmount. */
void ext2_bdirty(struct ext2_buf *b);

/* Forget blk if cached (it was freed): its contents are never written. */
void ext2_bforget(struct ext2_fs *fs, uint32_t blk);

/* Write every dirty buffer: 0 or the first error (those stay dirty). */
int ext2_cache_writeback(struct ext2_fs *fs);

/* Whether blk is in the cache (then the cache's copy is the true one). */
int ext2_bcached(struct ext2_fs *fs, uint32_t blk);

/* Raw transfers of count whole blocks, bypassing the cache: 0 or -EIO
 * (-EROFS). The caller keeps the cache coherent. */
int ext2_dev_read(struct ext2_fs *fs, uint32_t blk, void *buf, uint32_t count);
int ext2_dev_write(struct ext2_fs *fs, uint32_t blk, const void *buf, uint32_t count);

/* ---- superblock and descriptors (super.c) ---- */

/* Read and check the superblock and descriptors of fs->dev into fs. */
int ext2_super_load(struct ext2_fs *fs);

/* Write the descriptors' counts and the superblock (state as given by
 * fs->marked / clean), every dirty buffer, then flush the device: what
 * fsync and unmount do. 0 or -EIO. */
int ext2_sync(struct ext2_fs *fs, int clean);

/* ---- allocation (alloc.c) ---- */

/* A free block, preferably at or after goal: 0 with *blk, -ENOSPC, -EIO. */
int ext2_block_alloc(struct ext2_fs *fs, uint32_t goal, uint32_t *blk);
void ext2_block_free(struct ext2_fs *fs, uint32_t blk);

/* A free inode, preferably in group grp: 0 with *ino, -ENOSPC, -EIO. */
int ext2_inode_alloc(struct ext2_fs *fs, uint32_t grp, int dir, uint32_t *ino);
void ext2_inode_free(struct ext2_fs *fs, uint32_t ino, int dir);

/* ---- inodes and nodes (inode.c) ---- */

extern const struct ts_vnode_ops ext2_vnode_ops;

/* The node of inode ino with a reference, read and checked: 0 or -EIO / -ENOMEM. */
int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct ext2_node **out);

/* Write the node's fields into its inode (in the cache): 0 or -EIO. */
int ext2_iwrite(struct ext2_fs *fs, struct ext2_node *n);

/* Make a new inode of mode in the group of dir: zeroed, times now, one
 * link (two for directories, whose block the caller adds). Not in any
 * directory yet; the node has no reference (ts_vnode_ref it to hand it
 * to the VFS, or ext2_iforget it). */
int ext2_inew(struct ext2_fs *fs, struct ext2_node *dir, mode_t mode, struct ext2_node **out);

/* Free the inode of n (no links left) and all its blocks; the node stays
 * until the caller drops it. */
void ext2_idelete(struct ext2_fs *fs, struct ext2_node *n);

/* Drop n from memory (no references left). */
void ext2_iforget(struct ext2_fs *fs, struct ext2_node *n);

/* Change time now, and the modification time too if mtime. */
void ext2_touch(struct ext2_node *n, int mtime);

/* ---- block map (bmap.c) ---- */

/* The disk block of the file's block lbn: 0 with *blk (0 for a hole when
 * !create), -EFBIG beyond the triple-indirect range, -ENOSPC, -EIO.
 * *fresh is set when the block was just allocated (may be NULL). */
int ext2_bmap(struct ext2_fs *fs, struct ext2_node *n, uint64_t lbn, int create, uint32_t *blk,
	      int *fresh);

/* Free every block of the file from block first on, and indirect blocks
 * left empty. 0 or -EIO (what could be freed is). */
int ext2_bmap_trunc(struct ext2_fs *fs, struct ext2_node *n, uint64_t first);

/* ---- directories (dir.c) ---- */

/* Where an entry is: directory block index, byte offset in it. */
struct ext2_dirloc {
	uint64_t lbn;
	uint32_t off;
};

/* The entry name in d: 0 with *ino (and *loc if not NULL), -ENOENT, -EIO. */
int ext2_dir_find(struct ext2_fs *fs, struct ext2_node *d, const char *name, size_t len,
		  uint32_t *ino, struct ext2_dirloc *loc);
/* Add name -> ino (of mode) to d, growing it by a block if needed. */
int ext2_dir_add(struct ext2_fs *fs, struct ext2_node *d, const char *name, size_t len,
		 uint32_t ino, mode_t mode);
/* Remove the entry name of d. */
int ext2_dir_remove(struct ext2_fs *fs, struct ext2_node *d, const char *name, size_t len);
/* Point the existing entry name of d at ino (of mode). */
int ext2_dir_set(struct ext2_fs *fs, struct ext2_node *d, const char *name, size_t len,
		 uint32_t ino, mode_t mode);
/* 1 when d holds only "." and "..", 0 when not, -EIO. */
int ext2_dir_empty(struct ext2_fs *fs, struct ext2_node *d);
/* The first block of a new directory n in parent: "." and "..". */
int ext2_dir_init(struct ext2_fs *fs, struct ext2_node *n, uint32_t parent);
/* The inode ".." names, or make it name parent. */
int ext2_dir_parent(struct ext2_fs *fs, struct ext2_node *d, uint32_t *ino);
int ext2_dir_set_parent(struct ext2_fs *fs, struct ext2_node *d, uint32_t parent);
/* List d from byte position pos (the VFS's readdir). */
int ext2_dir_list(struct ext2_fs *fs, struct ext2_node *d, off_t pos, struct ts_dir_ctx *ctx);

/* ---- symbolic links (symlink.c) ---- */

/* Store target (len bytes) in the new link n: in the inode when short, else in a block. */
int ext2_symlink_store(struct ext2_fs *fs, struct ext2_node *n, const char *target, size_t len);
/* Whether n keeps its target in the inode. */
int ext2_symlink_is_fast(const struct ext2_fs *fs, const struct ext2_node *n);
ssize_t ext2_symlink_read(struct ext2_fs *fs, struct ext2_node *n, char *buf, size_t size);

/* ---- file data (file.c) ---- */
ssize_t ext2_file_read(struct ext2_fs *fs, struct ext2_node *n, void *buf, size_t len, off_t off);
ssize_t ext2_file_write(struct ext2_fs *fs, struct ext2_node *n, const void *buf, size_t len,
			off_t off);
int ext2_file_truncate(struct ext2_fs *fs, struct ext2_node *n, off_t len);

#endif
