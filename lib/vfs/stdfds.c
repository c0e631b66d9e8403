/*
 * stdfds.c: descriptors 0, 1 and 2 at boot: open files on the platform
 * console (lib/vfs's console file), as a Linux process inherits its
 * terminal or pipes: stdin reads the console's input.
 */
#include <errno.h>
#include <string.h>
#include <ts/boot.h>
#include <ts/initcall.h>
#include <ts/vfs.h>
#include <ts/vfs_impl.h>

/*
 * Whether the host's end of the console's input (in) and output (out) is
 * a terminal, from the kernel option console.tty= (a comma-separated
 * list of "in" and "out"; "none" or empty: neither), which tess sets from
 * its own standard input and output. Without the option both are, as
 * for a monitor started by hand on a terminal.
 */
static int tty_word(const char *opt, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = opt; *p;) {
		if (strncmp(p, word, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return 0;
}

/* A console file for descriptors 0..2; priv marks one that is not a
 * terminal (ts_console_ioctl then answers -ENOTTY). */
static int console_fd(int tty)
{
	struct ts_file *f = ts_file_new(&ts_console_file_ops, tty ? NULL : &ts_console_notty, TS_O_RDWR);
	int fd;

	if (!f)
		return -ENOMEM;
	fd = ts_vfs_file_install(f, 0);
	if (fd < 0)
		ts_file_put(f);
	return fd;
}

/* Put fd on descriptor `to`, and keep fd open only if it is `to`. */
static int move_fd(int fd, int to)
{
	int r;

	if (fd == to)
		return 0;
	r = ts_vfs_dup2(fd, to);
	return r < 0 ? r : 0;
}

/*
 * At the end of the platform level: before any library's init runs, so
 * that what a library prints on stderr while booting (lib/random's "no
 * seed source", ...) reaches the console, and before anything holds a
 * descriptor, so that the first console file gets 0. 1 and 2 share one
 * file, as dup would make them; 0 shares it too when both ends are alike
 * (a terminal session). The heap is ready before the first init level.
 */
static int vfs_stdfds(void)
{
	const char *opt = ts_boot_param("console.tty");
	int in_tty = !opt || tty_word(opt, "in"), out_tty = !opt || tty_word(opt, "out");
	int in = console_fd(in_tty), out = in, r;

	if (in < 0)
		return in;
	if (in_tty != out_tty) {
		out = console_fd(out_tty);
		if (out < 0)
			return out;
	}
	r = move_fd(in, 0);
	if (!r)
		r = move_fd(out, 1);
	if (!r)
		r = move_fd(out, 2);
	if (!r && out > 2 && out != in)
		r = ts_vfs_close(out);
	if (!r && in > 2)
		r = ts_vfs_close(in);
	return r;
}
TS_INITCALL(vfs_stdfds, TS_INIT_PLAT, 9);
