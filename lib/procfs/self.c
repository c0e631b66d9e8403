/* self.c: the process's own entries — exe, cwd, cmdline, status, the descriptors' links — and uptime, version. */
#include <errno.h>
#include <string.h>
#include <ts/boot.h>
#include <ts/plat/time.h>
#include <ts/vfs.h>
#include "procfs.h"

/* The image is the program; it has no path of its own in the guest's
 * filesystem, so exe names it as a file at the root. */
void pf_exe(struct pf_text *t)
{
	pf_printf(t, "/%s", TS_APP_NAME);
}

/* Runs under the namespace lock (readlink). */
void pf_cwd(struct pf_text *t)
{
	char buf[4096];
	ssize_t n = ts_vfs_dir_path_locked(NULL, buf, sizeof(buf));
	if (n < 0)
		t->err = (int)n;
	else
		pf_printf(t, "%s", buf);
}

/* The arguments, each followed by a NUL, as Linux gives them. */
void pf_cmdline(struct pf_text *t)
{
	int argc;
	char *const *argv = ts_boot_argv(&argc);
	for (int i = 0; i < argc; i++)
		pf_put(t, argv[i], strlen(argv[i]) + 1);
}

void pf_status(struct pf_text *t)
{
	pf_printf(t, "Name:\t%.15s\nState:\tR (running)\nTgid:\t1\nPid:\t1\nPPid:\t0\n"
		     "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nThreads:\t1\n",
		  TS_APP_NAME);
}

void pf_uptime(struct pf_text *t)
{
	uint64_t ns = ts_plat_monotonic_ns();
	unsigned long cs = (unsigned long)(ns / 10000000);
	pf_printf(t, "%lu.%02lu %lu.%02lu\n", cs / 100, cs % 100, cs / 100, cs % 100);
}

void pf_version(struct pf_text *t)
{
	pf_printf(t, "Linux version 6.1.0-tessera (Tessera unikernel) #1 SMP\n");
}

/* What Linux shows where it can: the console's device, a directory's
 * path; otherwise a name of the anon_inode form, since the VFS keeps no
 * path for other open files. Runs under the namespace lock (readlink). */
int pf_fd_target(int fd, struct pf_text *t)
{
	struct ts_file *f;
	char buf[4096];
	int err = ts_vfs_file_get(fd, &f);
	if (err)
		return -ENOENT;
	if (f->ops == &ts_console_file_ops)
		pf_printf(t, "/dev/console");
	else if (f->vn && TS_S_ISDIR(f->vn->mode) && ts_vfs_dir_path_locked(f->vn, buf, sizeof(buf)) > 0)
		pf_printf(t, "%s", buf);
	else if (f->vn)
		pf_printf(t, "anon_inode:[%s:%lu]", f->vn->mount->type->name, (unsigned long)f->vn->ino);
	else
		pf_printf(t, "anon_inode:[file]");
	ts_file_put(f);
	return 0;
}
