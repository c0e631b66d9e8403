/* main.c: prints properties of /proc and /etc that hold on Linux and on Tessera alike (tests/groups/procfs.sh diffs the two). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char buf[65536];

static ssize_t slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	ssize_t n, len = 0;
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return len;
}

static void has_line(const char *path, const char *prefix)
{
	ssize_t n = slurp(path);
	const char *p = n > 0 ? buf : "";
	int found = 0;
	for (; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p))
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			found = 1;
	printf("%s: line starting '%s': %s\n", path, prefix, found ? "yes" : "no");
}

int main(int argc, char **argv)
{
	char link[256];
	ssize_t n;
	struct stat st;

	if (argc > 1 && !strcmp(argv[1], "hosts")) { /* the override check */
		n = slurp("/etc/hosts");
		printf("/etc/hosts: %s", n > 0 ? buf : "missing\n");
		return 0;
	}
	n = readlink("/proc/self", link, sizeof(link) - 1);
	printf("/proc/self is a link: %s\n", n > 0 ? "yes" : strerror(errno));
	n = readlink("/proc/self/exe", link, sizeof(link) - 1);
	printf("/proc/self/exe ends in the program's name: %s\n",
	       n > 0 && (link[n] = 0, strcmp(strrchr(link, '/') + 1, "procfs") == 0) ? "yes" : "no");
	has_line("/proc/cpuinfo", "processor");
	has_line("/proc/cpuinfo", "model name");
	has_line("/proc/cpuinfo", "flags");
	has_line("/proc/meminfo", "MemTotal:");
	has_line("/proc/meminfo", "MemAvailable:");
	has_line("/proc/self/status", "Name:");
	n = slurp("/proc/self/maps");
	printf("/proc/self/maps has an r-xp row: %s\n", n > 0 && strstr(buf, " r-xp ") ? "yes" : "no");
	printf("/proc/self/maps has a [stack] row: %s\n", n > 0 && strstr(buf, "[stack]") ? "yes" : "no");
	n = slurp("/proc/self/cmdline");
	printf("/proc/self/cmdline: argv[1] is '%s'\n", n > 0 ? buf + strlen(buf) + 1 : "?");

	/* /proc/self/fd lists exactly the open descriptors */
	int fd = open("/proc/self/status", O_RDONLY);
	DIR *d = opendir("/proc/self/fd");
	int seen = 0;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		int n = atoi(e->d_name);
		seen |= n <= 2 ? 1 << n : n == fd ? 8 : n == dirfd(d) ? 16 : 0;
	}
	printf("/proc/self/fd lists 0, 1, 2, the open file and the listing's own: %s\n", seen == 31 ? "yes" : "no");
	if (d)
		closedir(d);
	close(fd);
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	printf("/proc/self/fd/N after close: %s\n", lstat(path, &st) < 0 && errno == ENOENT ? "ENOENT" : "exists");
	printf("/proc/self/fd/0 is a link: %s\n", lstat("/proc/self/fd/0", &st) == 0 && S_ISLNK(st.st_mode) ? "yes" : "no");
	printf("/proc/self/cwd: %s\n", (n = readlink("/proc/self/cwd", link, sizeof(link) - 1)) > 0
					       ? (link[n] = 0, link) : strerror(errno));
	int wfd = open("/proc/meminfo", O_WRONLY);
	printf("writing /proc/meminfo: %s\n", wfd < 0 || write(wfd, "x", 1) < 0 ? "fails" : "works");

	/* /etc: root exists, its group, localhost resolves */
	struct passwd *pw = getpwuid(0);
	printf("getpwuid(0): %s %s\n", pw ? pw->pw_name : "none", pw ? pw->pw_dir : "");
	struct group *gr = getgrgid(0);
	printf("getgrgid(0): %s\n", gr ? gr->gr_name : "none");
	has_line("/etc/hosts", "127.0.0.1");
	has_line("/etc/resolv.conf", "nameserver");
	printf("argv[1]: %s\n", argv[1] ? argv[1] : "(none)");
	return 0;
}
