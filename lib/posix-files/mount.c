/* mount.c: mount and umount2 onto lib/vfs's mount table. */
#include "posix_files.h"

/* The old "magic" in the top half of mount flags, which Linux drops. */
#define MS_MGC_MSK 0xffff0000ul
#define MS_MGC_VAL 0xc0ed0000ul
#define MNT_DETACH 2

/* A string argument of mount (source, fstype, data): Linux copies up to
 * a page of each. 0, -EFAULT, or -EINVAL for data with no NUL. */
static int str_ok(const char *s, int is_data)
{
	long n;

	if (!s)
		return 0;
	n = ts_user_strlen(s, 4095);
	if (n == -ENAMETOOLONG && is_data)
		return -EINVAL;
	return n < 0 ? (int)n : 0;
}

/*
 * lib/vfs mounts its registered filesystem types (ramfs, ext2 on a
 * /dev/vdX name, 9p on a tag, devfs); MS_REMOUNT changes only read-only.
 * Bind, move and propagation flags are -EINVAL.
 */
TS_SYSCALL_DEFINE5(mount, "sssxp:d", const char *, source, const char *, target,
		   const char *, fstype, unsigned long, flags, const void *, data)
{
	int err = pf_path_ok(target);

	if (!err)
		err = str_ok(source, 0);
	if (!err)
		err = str_ok(fstype, 0);
	if (!err)
		err = str_ok(data, 1);
	if (err)
		return err;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	return ts_vfs_mount(source, target, fstype, flags, data);
}

/*
 * MNT_DETACH (a lazy unmount) is done as a plain one: -EBUSY while the
 * filesystem is in use, instead of detaching it at once and freeing it
 * after its last user.
 */
TS_SYSCALL_DEFINE2(umount2, "sx:d", const char *, target, int, flags)
{
	int err = pf_path_ok(target);

	if (err)
		return err;
	return ts_vfs_umount(target, flags & ~MNT_DETACH);
}
