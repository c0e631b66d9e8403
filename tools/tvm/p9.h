/* p9.h: tvm's 9P2000.L server — one shared host folder, every path operation confined beneath it (p9.c, p9fid.c). */
#ifndef TVM_P9_H
#define TVM_P9_H

#include <stddef.h>
#include <stdint.h>

#define TVM_P9_MAX_FIDS 256          /* fids one share may hold at once */
#define TVM_P9_MAX_MSIZE (1u << 20)  /* largest msize it agrees to */

/* One fid: an O_PATH descriptor of its file, and for a regular file a
 * descriptor for I/O opened when it was walked to (or created). */
struct tvm_p9_fid {
	uint32_t fid;
	int used;
	int fd;          /* O_PATH of the file, or -1 */
	int iofd;        /* regular files: read-write (or read-only) descriptor;
			  * directories: the listing's descriptor once opened; -1 */
	int iofd_rw;     /* iofd may be written */
	int open;        /* 0: walked only; else 1 + the P9_L_ACCMODE opened */
	uint32_t type;   /* S_IFMT of the file */
};

struct tvm_p9 {
	int rootfd;      /* O_PATH of the shared folder */
	uint64_t root_dev, root_ino;
	int ro;          /* refuse every change: EROFS */
	uint32_t msize;  /* 0 until Tversion */
	struct tvm_p9_fid fids[TVM_P9_MAX_FIDS];
};

/*
 * Share the folder dir (ro: read-only). Returns 0, or -1 with a one-line
 * reason in err (dir missing, not a folder, not accessible).
 */
int tvm_p9_init(struct tvm_p9 *s, const char *dir, int ro, char *err, size_t errlen);
/* Close every descriptor of the share. */
void tvm_p9_fini(struct tvm_p9 *s);

/*
 * Serve the request req[0..len) (untrusted bytes) and write the reply
 * into rep[0..cap) (req and rep must not overlap). Every field is checked
 * here: the size field equals len, strings hold no NUL, names are one
 * component (no '/', not "." or "..", except ".." in Twalk, which never
 * leaves the share), counts fit the message and cap, fids exist (or are
 * new where they must be). Anything wrong is answered with Rlerror.
 * Returns the reply's length (7..cap), or -EINVAL when len < 7 or
 * cap < 11 (no reply possible).
 */
long tvm_p9_serve(struct tvm_p9 *s, const uint8_t *req, size_t len, uint8_t *rep, size_t cap);

#endif
