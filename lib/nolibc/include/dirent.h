/*
 * <dirent.h>: reading directories (only in images with files, see
 * <fcntl.h>). A DIR holds its own descriptor and a buffer of getdents64
 * records; entries come in the filesystem's order, "." and ".." first.
 */
#ifndef TS_NOLIBC_DIRENT_H
#define TS_NOLIBC_DIRENT_H

#include <sys/types.h>

typedef struct ts_nolibc_dir DIR; /* opaque */

/* glibc's struct dirent on x86_64, names included. */
struct dirent {
	ino_t d_ino;
	off_t d_off;         /* where reading would resume after this entry */
	unsigned short d_reclen;
	unsigned char d_type; /* DT_* */
	char d_name[256];
};

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

/*
 * Open the directory path (opendir) or the directory open on fd, which
 * the DIR then owns (fdopendir). NULL with errno: ENOENT, ENOTDIR, EMFILE,
 * ENOMEM, EBADF.
 */
DIR *opendir(const char *path);
DIR *fdopendir(int fd);

/*
 * The next entry, or NULL at the end (errno untouched) or on an error
 * (errno set, e.g. ENOENT when the directory was removed). The entry is
 * overwritten by the next readdir on the same DIR.
 */
struct dirent *readdir(DIR *d);

/* Start again from the first entry. */
void rewinddir(DIR *d);

/* The DIR's descriptor. */
int dirfd(DIR *d);

/* Close the DIR and its descriptor: 0, or -1 with errno. */
int closedir(DIR *d);

#endif
