/*
 * 9p.h: the 9P2000.L wire protocol's numbers, shared by the guest's client
 * (lib/9pfs) and tvm's server (tools/tvm/p9*.c). Numbers only: each side
 * encodes and checks messages in its own one place.
 *
 * A message is size[4] type[1] tag[2] body, little-endian; size counts the
 * whole message. Strings are len[2] bytes (no NUL); a qid is type[1]
 * version[4] path[8].
 */
#ifndef TS_9P_H
#define TS_9P_H

#define P9_VERSION "9P2000.L"
#define P9_HDR 7                 /* size[4] type[1] tag[2] */
#define P9_QID_SIZE 13
#define P9_NOTAG 0xffffu
#define P9_NOFID 0xffffffffu
#define P9_MAXWELEM 16           /* names in one Twalk */
#define P9_MIN_MSIZE 4096        /* smallest msize either side accepts */
#define P9_NAME_MAX 255          /* bytes of one name (walk, create, readdir) */
#define P9_TARGET_MAX 4095       /* bytes of a symbolic link's target */

/* Message types: Tx is even, its reply Rx = Tx + 1. */
enum p9_type {
	P9_TLERROR = 6, P9_RLERROR = 7,
	P9_TSTATFS = 8, P9_RSTATFS = 9,
	P9_TLOPEN = 12, P9_RLOPEN = 13,
	P9_TLCREATE = 14, P9_RLCREATE = 15,
	P9_TSYMLINK = 16, P9_RSYMLINK = 17,
	P9_TMKNOD = 18, P9_RMKNOD = 19,
	P9_TRENAME = 20, P9_RRENAME = 21,
	P9_TREADLINK = 22, P9_RREADLINK = 23,
	P9_TGETATTR = 24, P9_RGETATTR = 25,
	P9_TSETATTR = 26, P9_RSETATTR = 27,
	P9_TREADDIR = 40, P9_RREADDIR = 41,
	P9_TFSYNC = 50, P9_RFSYNC = 51,
	P9_TLINK = 70, P9_RLINK = 71,
	P9_TMKDIR = 72, P9_RMKDIR = 73,
	P9_TRENAMEAT = 74, P9_RRENAMEAT = 75,
	P9_TUNLINKAT = 76, P9_RUNLINKAT = 77,
	P9_TVERSION = 100, P9_RVERSION = 101,
	P9_TATTACH = 104, P9_RATTACH = 105,
	P9_TFLUSH = 108, P9_RFLUSH = 109,
	P9_TWALK = 110, P9_RWALK = 111,
	P9_TREAD = 116, P9_RREAD = 117,
	P9_TWRITE = 118, P9_RWRITE = 119,
	P9_TCLUNK = 120, P9_RCLUNK = 121,
};

/* qid.type bits (the top byte of a Plan 9 mode). */
#define P9_QTDIR 0x80
#define P9_QTAPPEND 0x40
#define P9_QTEXCL 0x20
#define P9_QTMOUNT 0x10
#define P9_QTAUTH 0x08
#define P9_QTTMP 0x04
#define P9_QTSYMLINK 0x02
#define P9_QTLINK 0x01
#define P9_QTFILE 0x00

/* Tgetattr request_mask / Rgetattr valid. */
#define P9_GETATTR_BASIC 0x7ffull /* mode .. blocks: what struct stat has */

/* Tsetattr valid bits. Without *_SET the server uses its own clock. */
#define P9_SETATTR_MODE 0x1u
#define P9_SETATTR_UID 0x2u
#define P9_SETATTR_GID 0x4u
#define P9_SETATTR_SIZE 0x8u
#define P9_SETATTR_ATIME 0x10u
#define P9_SETATTR_MTIME 0x20u
#define P9_SETATTR_CTIME 0x40u
#define P9_SETATTR_ATIME_SET 0x80u
#define P9_SETATTR_MTIME_SET 0x100u

/* Tlopen / Tlcreate flags (Linux's open flags). */
#define P9_L_RDONLY 0
#define P9_L_WRONLY 1
#define P9_L_RDWR 2
#define P9_L_ACCMODE 3
#define P9_L_CREAT 0100
#define P9_L_EXCL 0200
#define P9_L_TRUNC 01000
#define P9_L_APPEND 02000
#define P9_L_DIRECTORY 0200000
#define P9_L_NOFOLLOW 0400000

/* Tunlinkat flags. */
#define P9_AT_REMOVEDIR 0x200

/* Fixed parts of the data messages: Rread and Rreaddir carry count[4]
 * after the header, Twrite fid[4] offset[8] count[4]. */
#define P9_RREAD_HDR (P9_HDR + 4)
#define P9_TWRITE_HDR (P9_HDR + 4 + 8 + 4)

#endif
