/* Host-test disks: <ts/blk.h>'s calls on image files (pread, pwrite, fdatasync), with faults on demand. */
#ifndef EXT2_HOST_DISK_H
#define EXT2_HOST_DISK_H

#include <stdint.h>
#include <ts/blk.h>

/* Make the image file path the disk name ("vda", ...); readonly sets
 * TS_BLKF_READONLY. 0 or -errno. A name given again replaces the disk. */
int disk_attach(const char *name, const char *path, int readonly);
/* Close the disk name (its file stays). */
void disk_detach(const char *name);

/* Counters over every disk: requests seen and flushes done. */
extern long disk_reads, disk_writes, disk_flushes;
/* After this many more successful writes every write fails with -EIO
 * (-1: never). */
extern long disk_fail_writes_after;

#endif
