/*
 * posixfs.c: checks of the POSIX file API that print values and errno
 * names, one line each, so that a build against glibc on the host and a
 * build against Tessera's nolibc print identical output. Works in a new
 * folder "t" under argv[1]. Prints nothing that legitimately differs
 * between systems or filesystems: no inode numbers, times, st_blocks,
 * st_blksize, directory sizes or link counts, d_off, descriptor numbers.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *errname(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EIO, "EIO" }, { EBADF, "EBADF" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
		{ EEXIST, "EEXIST" }, { EXDEV, "EXDEV" }, { ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" },
		{ EINVAL, "EINVAL" }, { EMFILE, "EMFILE" }, { ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" },
		{ EROFS, "EROFS" }, { EMLINK, "EMLINK" }, { ERANGE, "ERANGE" },
		{ ENAMETOOLONG, "ENAMETOOLONG" }, { ENOTEMPTY, "ENOTEMPTY" }, { ELOOP, "ELOOP" },
		{ EFBIG, "EFBIG" }, { EOVERFLOW, "EOVERFLOW" },
	};
	static char buf[24];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].e == e)
			return names[i].name;
	snprintf(buf, sizeof buf, "errno%d", e);
	return buf;
}

static int checks;

/* One check line: the value, or -1 and the errno's name. */
static void show(const char *what, long r)
{
	checks++;
	if (r == -1)
		printf("%s: -1 %s\n", what, errname(errno));
	else
		printf("%s: %ld\n", what, r);
}

/* For calls returning a descriptor: "fd" instead of its number. */
static int showfd(const char *what, int fd)
{
	checks++;
	if (fd < 0)
		printf("%s: -1 %s\n", what, errname(errno));
	else
		printf("%s: fd\n", what);
	return fd;
}

static void showstr(const char *what, const char *s)
{
	checks++;
	printf("%s: \"%s\"\n", what, s ? s : "(null)");
}

/* Write a whole file. */
static void put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s) || close(fd)) {
		printf("setup: cannot write %s: %s\n", path, errname(errno));
		exit(1);
	}
}

/* The contents of a file, as a string (static). */
static const char *get(const char *path)
{
	static char buf[256];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return errname(errno);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static long size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long)st.st_size;
}

static const char *type_of(mode_t m)
{
	return S_ISREG(m) ? "reg" : S_ISDIR(m) ? "dir" : S_ISLNK(m) ? "lnk" : S_ISCHR(m) ? "chr" : "other";
}

static void open_flags(void)
{
	char buf[64];
	int fd;

	printf("-- open flags\n");
	show("open missing O_RDONLY", open("missing", O_RDONLY));
	fd = showfd("open O_CREAT|O_WRONLY new", open("f", O_WRONLY | O_CREAT, 0640));
	show("write hello", write(fd, "hello", 5));
	show("read on O_WRONLY", read(fd, buf, 1));
	show("close", close(fd));
	show("open O_CREAT|O_EXCL existing", open("f", O_WRONLY | O_CREAT | O_EXCL, 0644));
	fd = showfd("open O_CREAT existing", open("f", O_RDONLY | O_CREAT, 0600));
	show("read 64", read(fd, buf, sizeof buf));
	show("write on O_RDONLY", write(fd, "x", 1));
	show("read at end", read(fd, buf, sizeof buf));
	close(fd);
	{
		struct stat st;
		show("stat f", stat("f", &st));
		show("f mode", st.st_mode & 07777);
		showstr("f type", type_of(st.st_mode));
		show("f size", st.st_size);
		show("f nlink", (long)st.st_nlink);
	}
	fd = showfd("open O_TRUNC", open("f", O_RDWR | O_TRUNC));
	show("size after O_TRUNC", size_of("f"));
	show("write abc", write(fd, "abc", 3));
	close(fd);
	fd = showfd("open O_APPEND", open("f", O_WRONLY | O_APPEND));
	show("lseek 0", lseek(fd, 0, SEEK_SET));
	show("append def", write(fd, "def", 3));
	show("offset after append", lseek(fd, 0, SEEK_CUR));
	close(fd);
	showstr("contents", get("f"));
	show("mkdir d", mkdir("d", 0755));
	show("open dir O_WRONLY", open("d", O_WRONLY));
	show("open dir O_RDWR", open("d", O_RDWR));
	fd = showfd("open dir O_RDONLY", open("d", O_RDONLY));
	show("read dir", read(fd, buf, sizeof buf));
	close(fd);
	show("open file O_DIRECTORY", open("f", O_RDONLY | O_DIRECTORY));
	show("open file/x", open("f/x", O_RDONLY));
	show("open file/", open("f/", O_RDONLY));
	show("open \"\"", open("", O_RDONLY));
	show("open O_CREAT new/", open("new/", O_WRONLY | O_CREAT, 0644));
	show("open missing/x O_CREAT", open("missing/x", O_WRONLY | O_CREAT, 0644));
	show("creat", (fd = creat("c", 0600)) >= 0 ? 0 : -1);
	show("write to creat", write(fd, "zz", 2));
	close(fd);
	show("creat again truncates", (fd = creat("c", 0600)) >= 0 ? size_of("c") : -1);
	close(fd);
}

static void offsets(void)
{
	char buf[32];
	int fd, zeros, i;
	ssize_t n;

	printf("-- offsets and holes\n");
	fd = showfd("open s", open("s", O_RDWR | O_CREAT | O_TRUNC, 0644));
	show("write 10", write(fd, "0123456789", 10));
	show("lseek SEEK_END+100", lseek(fd, 100, SEEK_END));
	show("size before write", size_of("s"));
	show("write at 110", write(fd, "end", 3));
	show("size", size_of("s"));
	show("lseek SEEK_SET 5", lseek(fd, 5, SEEK_SET));
	n = read(fd, buf, sizeof buf);
	show("read 32 at 5", n);
	for (zeros = 0, i = 5; i < n; i++)
		zeros += buf[i] == 0;
	show("zeros in it", zeros);
	show("lseek SEEK_CUR -3", lseek(fd, -3, SEEK_CUR));
	show("lseek SEEK_CUR -1000", lseek(fd, -1000, SEEK_CUR));
	show("lseek SEEK_SET -1", lseek(fd, -1, SEEK_SET));
	show("lseek whence 7", lseek(fd, 0, 7));
	show("lseek SEEK_END 0", lseek(fd, 0, SEEK_END));
	show("read at end", read(fd, buf, 4));
	show("lseek far", lseek(fd, 1L << 40, SEEK_SET));
	show("read far", read(fd, buf, 4));
	show("lseek 108", lseek(fd, 108, SEEK_SET));
	n = read(fd, buf, sizeof buf);
	show("read at 108", n);
	show("bytes", n == 5 && !memcmp(buf, "\0\0end", 5));
	printf("-- pread and pwrite\n");
	show("pwrite at 1000", pwrite(fd, "PW", 2, 1000));
	show("offset unchanged", lseek(fd, 0, SEEK_CUR));
	show("size", size_of("s"));
	memset(buf, 'x', sizeof buf);
	show("pread at 998", pread(fd, buf, 8, 998));
	show("bytes", !memcmp(buf, "\0\0PW", 4));
	show("pread at 5000", pread(fd, buf, 8, 5000));
	show("pread at -1", pread(fd, buf, 8, -1));
	show("pwrite at -1", pwrite(fd, "x", 1, -1));
	show("pread 0 bytes", pread(fd, buf, 0, 3));
	printf("-- ftruncate and truncate\n");
	show("ftruncate 4", ftruncate(fd, 4));
	show("size", size_of("s"));
	show("offset kept", lseek(fd, 0, SEEK_CUR));
	show("read past end", read(fd, buf, 4));
	show("ftruncate 5000", ftruncate(fd, 5000));
	show("size", size_of("s"));
	show("pread 4..8 (zeros)", pread(fd, buf, 4, 4) == 4 && !memcmp(buf, "\0\0\0\0", 4));
	show("pread 0..4", pread(fd, buf, 4, 0) == 4 && !memcmp(buf, "0123", 4));
	show("ftruncate -1", ftruncate(fd, -1));
	close(fd);
	fd = open("s", O_RDONLY);
	show("ftruncate O_RDONLY", ftruncate(fd, 1));
	close(fd);
	show("truncate 3", truncate("s", 3));
	showstr("contents", get("s"));
	show("truncate missing", truncate("missing", 0));
	show("truncate dir", truncate("d", 0));
	show("truncate -1", truncate("s", -1));
	show("ftruncate bad fd", ftruncate(-1, 0));
}

static void names(void)
{
	struct stat st;
	int fd;
	char buf[64];

	printf("-- rename\n");
	put("r1", "one");
	put("r2", "two");
	show("rename over existing", rename("r1", "r2"));
	showstr("r2", get("r2"));
	show("r1 gone", access("r1", F_OK));
	show("rename missing", rename("missing", "x"));
	show("rename to missing dir", rename("r2", "missing/x"));
	show("mkdir rd", mkdir("rd", 0755));
	put("rd/in", "inside");
	show("rename dir", rename("rd", "rd2"));
	showstr("rd2/in", get("rd2/in"));
	show("mkdir empty", mkdir("empty", 0755));
	show("rename dir over empty dir", rename("rd2", "empty"));
	showstr("empty/in", get("empty/in"));
	show("mkdir full", mkdir("full", 0755));
	put("full/x", "x");
	show("mkdir e2", mkdir("e2", 0755));
	show("rename dir over non-empty dir", rename("e2", "full"));
	show("rename file over dir", rename("r2", "e2"));
	show("rename dir over file", rename("e2", "r2"));
	show("rename dir into itself", rename("full", "full/sub"));
	show("rename to same name", rename("r2", "r2"));
	show("rename file/ (trailing slash)", rename("r2/", "r3"));
	printf("-- unlink while open\n");
	put("u", "still here");
	fd = showfd("open u", open("u", O_RDWR));
	show("unlink u", unlink("u"));
	show("stat u", stat("u", &st));
	show("fstat", fstat(fd, &st));
	show("nlink", (long)st.st_nlink);
	show("size", st.st_size);
	show("read", read(fd, buf, sizeof buf));
	show("write more", write(fd, "!", 1));
	show("pread", pread(fd, buf, sizeof buf, 0));
	buf[11] = '\0';
	showstr("data", buf);
	show("close", close(fd));
	show("unlink again", unlink("u"));
	printf("-- hard links\n");
	put("h", "hard");
	show("link", link("h", "h2"));
	stat("h", &st);
	show("nlink", (long)st.st_nlink);
	show("link existing", link("h", "h2"));
	show("link dir", link("d", "d2"));
	show("link missing", link("missing", "x"));
	showstr("h2", get("h2"));
	show("unlink h", unlink("h"));
	stat("h2", &st);
	show("nlink after unlink", (long)st.st_nlink);
	printf("-- symbolic links\n");
	show("symlink", symlink("h2", "sl"));
	memset(buf, 0, sizeof buf);
	show("readlink", readlink("sl", buf, sizeof buf));
	showstr("target", buf);
	show("readlink short buffer", readlink("sl", buf, 1));
	show("lstat", lstat("sl", &st));
	showstr("lstat type", type_of(st.st_mode));
	show("lstat size", st.st_size);
	show("stat", stat("sl", &st));
	showstr("stat type", type_of(st.st_mode));
	showstr("through link", get("sl"));
	show("readlink file", readlink("h2", buf, sizeof buf));
	show("readlink missing", readlink("missing", buf, sizeof buf));
	show("symlink existing", symlink("x", "sl"));
	show("symlink \"\"", symlink("", "empty-target"));
	show("dangling", symlink("nowhere", "dl"));
	show("stat dangling", stat("dl", &st));
	show("lstat dangling", lstat("dl", &st));
	fd = showfd("open dangling O_CREAT", open("dl", O_WRONLY | O_CREAT, 0644));
	close(fd);
	show("now exists", access("nowhere", F_OK));
	show("open dangling O_CREAT|O_EXCL", open("dl", O_WRONLY | O_CREAT | O_EXCL, 0644));
	show("loop a", symlink("lb", "la"));
	show("loop b", symlink("la", "lb"));
	show("open loop", open("la", O_RDONLY));
	show("stat loop", stat("la", &st));
	show("open link O_NOFOLLOW", open("sl", O_RDONLY | O_NOFOLLOW));
	show("symlink to dir", symlink("d", "sd"));
	put("d/inner", "in d");
	showstr("sd/inner", get("sd/inner"));
	show("lstat sd/", lstat("sd/", &st));
	showstr("lstat sd/ type", type_of(st.st_mode));
	show("unlink link keeps target", unlink("sl") || access("h2", F_OK));
	show("rmdir link to dir", rmdir("sd"));
	show("unlink sd", unlink("sd"));
}

static void directories(void)
{
	char names[64][32], buf[8];
	struct dirent *e;
	int n = 0, i;
	DIR *d;

	printf("-- directories\n");
	show("mkdir existing", mkdir("d", 0755));
	show("mkdir over file", mkdir("f", 0755));
	show("mkdir missing/x", mkdir("missing/x", 0755));
	show("mkdir trailing slash", mkdir("ts/", 0755));
	show("rmdir non-empty", rmdir("d"));
	show("rmdir file", rmdir("f"));
	show("rmdir missing", rmdir("missing"));
	show("rmdir .", rmdir("ts/."));
	show("rmdir ts", rmdir("ts"));
	show("unlink dir", unlink("d"));
	show("remove file", remove("c"));
	show("remove empty dir", remove("e2"));
	show("remove missing", remove("c"));
	show("mkdir mode", mkdir("m", 0700));
	{
		struct stat st;
		stat("m", &st);
		show("dir mode", st.st_mode & 07777);
		showstr("dir type", type_of(st.st_mode));
	}
	show("mkdir list", mkdir("list", 0755));
	put("list/b", "b");
	put("list/a", "a");
	mkdir("list/sub", 0755);
	symlink("a", "list/ln");
	put("list/c", "c");
	unlink("list/c");
	d = opendir("list");
	show("opendir", d ? 0 : -1);
	while (d && (e = readdir(d)) && n < 64) {
		snprintf(names[n++], sizeof names[0], "%.20s %s", e->d_name,
			 e->d_type == DT_DIR ? "dir" : e->d_type == DT_REG ? "reg" : e->d_type == DT_LNK ? "lnk" : "?");
	}
	/* sorted by the program: the order is the filesystem's */
	for (i = 1; i < n; i++)
		for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char t[32];
			memcpy(t, names[j], sizeof t);
			memcpy(names[j], names[j - 1], sizeof t);
			memcpy(names[j - 1], t, sizeof t);
		}
	show("entries", n);
	for (i = 0; i < n; i++)
		showstr("entry", names[i]);
	if (d) {
		rewinddir(d);
		for (n = 0; readdir(d);)
			n++;
		show("entries after rewinddir", n);
		show("closedir", closedir(d));
	}
	show("opendir missing", opendir("missing") ? 0 : -1);
	show("opendir file", opendir("f") ? 0 : -1);
	printf("-- working directory\n");
	show("chdir list/sub", chdir("list/sub"));
	show("open ../a", open("../a", O_RDONLY) >= 0);
	show("getcwd small", getcwd(buf, 4) ? 0 : -1);
	{
		char *cwd = getcwd(NULL, 0);
		size_t len = cwd ? strlen(cwd) : 0;

		/* the folder's absolute path differs between systems: its end does not */
		show("getcwd(NULL, 0) ends in /t/list/sub", len >= 11 && !strcmp(cwd + len - 11, "/t/list/sub"));
		free(cwd);
	}
	show("chdir ..", chdir(".."));
	show("chdir file", chdir("a"));
	show("chdir missing", chdir("missing"));
	show("chdir ../", chdir("../"));
	show("rmdir cwd parent non-empty", rmdir("list"));
}

static void errors(void)
{
	char name[300], buf[4];
	struct stat st;
	int fd, fd2, n = 0, last = 0;

	printf("-- descriptors and errors\n");
	show("close -1", close(-1));
	fd = open("f", O_RDONLY);
	close(fd);
	show("close twice", close(fd));
	show("read closed", read(fd, buf, 1));
	show("write closed", write(fd, buf, 1));
	show("lseek closed", lseek(fd, 0, SEEK_SET));
	show("fstat closed", fstat(fd, &st));
	show("fstat 100000", fstat(100000, &st));
	show("dup closed", dup(fd));
	show("dup2 closed", dup2(fd, 50));
	fd = open("s", O_RDWR);
	fd2 = dup(fd);
	show("dup", fd2 >= 0);
	show("lseek via dup", lseek(fd2, 2, SEEK_SET));
	show("shared offset", lseek(fd, 0, SEEK_CUR));
	show("dup2 to 50", dup2(fd, 50));
	show("dup2 same", dup2(fd, fd) == fd);
	show("read via 50", read(50, buf, 1));
	show("close 50", close(50));
	show("fcntl F_GETFL", fcntl(fd, F_GETFL) & O_ACCMODE);
	show("fcntl F_SETFL O_APPEND", fcntl(fd, F_SETFL, O_APPEND));
	show("F_GETFL has O_APPEND", !!(fcntl(fd, F_GETFL) & O_APPEND));
	show("fcntl bad fd", fcntl(-5, F_GETFD));
	close(fd);
	close(fd2);
	memset(name, 'n', 256);
	name[256] = '\0';
	show("open 256-byte name", open(name, O_RDONLY | O_CREAT, 0644));
	show("mkdir 256-byte name", mkdir(name, 0755));
	name[255] = '\0';
	fd = showfd("open 255-byte name", open(name, O_RDONLY | O_CREAT, 0644));
	close(fd);
	show("unlink it", unlink(name));
	show("access F_OK", access("f", F_OK));
	show("access R_OK|W_OK", access("f", R_OK | W_OK));
	show("access X_OK", access("f", X_OK));
	show("access missing", access("missing", F_OK));
	show("access bad mode", access("f", 0100));
	show("access dir X_OK", access("d", X_OK));
	show("chmod 0755", chmod("f", 0755));
	show("access X_OK now", access("f", X_OK));
	stat("f", &st);
	show("mode", st.st_mode & 07777);
	/* EMFILE: the limit is 1024 descriptors on both (the host's is set). */
	for (;;) {
		fd = open("f", O_RDONLY);
		if (fd < 0)
			break;
		last = fd;
		n++;
	}
	show("open until EMFILE", fd);
	show("more than 1000 opened", n > 1000);
	close(last);
	show("one more after a close", (fd = open("f", O_RDONLY)) == last);
	for (fd = 3; fd <= last; fd++)
		close(fd);
	show("open again", (fd = open("f", O_RDONLY)) >= 0);
	close(fd);
}

static void streams(void)
{
	char line[64], word[16];
	int a = 0, b = 0, n;
	double x = 0;
	FILE *f, *g;

	printf("-- streams\n");
	f = fopen("st", "w");
	show("fopen w", f ? 0 : -1);
	show("fprintf", fprintf(f, "%d %s %.2f\n", 42, "words", 2.5));
	show("fputs", fputs("second line\n", f) >= 0);
	show("fwrite", fwrite("abc", 1, 3, f));
	show("size before fflush", size_of("st"));
	show("ftell", ftell(f));
	show("fflush", fflush(f));
	show("size after fflush", size_of("st"));
	show("fclose", fclose(f));
	f = fopen("st", "r");
	show("fopen r", f ? 0 : -1);
	show("fscanf", fscanf(f, "%d %15s %lf", &a, word, &x));
	printf("values: %d %s %g\n", a, word, x);
	show("fgetc newline", fgetc(f));
	showstr("fgets", fgets(line, sizeof line, f));
	show("ftell", ftell(f));
	show("fgetc", fgetc(f));
	show("ungetc", ungetc('Z', f));
	show("fgetc after ungetc", fgetc(f));
	showstr("fgets rest", fgets(line, sizeof line, f));
	show("feof", feof(f));
	show("fgets at end", fgets(line, sizeof line, f) ? 0 : -2);
	show("feof now", feof(f));
	printf("fgetc at end: %d\n", fgetc(f));
	show("fputc on r stream", fputc('x', f));
	show("ferror", ferror(f));
	clearerr(f);
	show("ferror after clearerr", ferror(f) || feof(f));
	show("fseek SEEK_SET 3", fseek(f, 3, SEEK_SET));
	show("fgetc", fgetc(f));
	show("fseek SEEK_CUR 2", fseek(f, 2, SEEK_CUR));
	show("ftell", ftell(f));
	show("fseek SEEK_END -2", fseek(f, -2, SEEK_END));
	show("fgetc", fgetc(f));
	show("fseek -100", fseek(f, -100, SEEK_SET));
	rewind(f);
	show("fread 5", fread(line, 1, 5, f));
	line[5] = '\0';
	showstr("read", line);
	show("fread 3x10 (rest)", fread(line, 3, 10, f));
	show("fclose", fclose(f));
	show("fopen missing r", fopen("missing", "r") ? 0 : -1);
	show("fopen bad mode", fopen("st", "z") ? 0 : -1);
	show("fopen wx existing", fopen("st", "wx") ? 0 : -1);
	show("fopen dir w", fopen("d", "w") ? 0 : -1);
	f = fopen("st", "a");
	show("fopen a: ftell", ftell(f));
	fputs("more\n", f);
	show("ftell after append", ftell(f));
	fclose(f);
	show("size", size_of("st"));
	f = fopen("st", "r+");
	show("r+ fputs at start", fputs("XY", f) >= 0);
	show("r+ fseek 0", fseek(f, 0, SEEK_SET));
	showstr("r+ fgets", fgets(line, sizeof line, f));
	show("r+ fseek 0 end", fseek(f, 0, SEEK_END));
	show("r+ fputs", fputs("tail\n", f) >= 0);
	fclose(f);
	f = fopen("st", "a+");
	show("a+ ftell at open", ftell(f));
	showstr("a+ fgets (reads from the start)", fgets(line, sizeof line, f));
	fputs("last\n", f);
	show("a+ ftell", ftell(f));
	fclose(f);
	f = fopen("st", "w+");
	show("w+ size", size_of("st"));
	for (n = 0; n < 1000; n++)
		fprintf(f, "line %d\n", n);
	show("w+ ftell", ftell(f));
	rewind(f);
	for (n = 0, a = 0; fscanf(f, "line %d\n", &b) == 1; n++)
		a += b;
	show("w+ lines read back", n);
	show("w+ sum", a);
	fclose(f);
	show("size", size_of("st"));
	n = open("st", O_RDONLY);
	g = fdopen(n, "r");
	show("fdopen", g ? 0 : -1);
	show("fileno", fileno(g) == n);
	showstr("fdopen fgets", fgets(line, sizeof line, g));
	show("fclose closes fd", (fclose(g), fcntl(n, F_GETFD)));
	f = fopen("st", "r");
	setvbuf(f, NULL, _IONBF, 0);
	showstr("unbuffered fgets", fgets(line, sizeof line, f));
	show("descriptor offset follows", lseek(fileno(f), 0, SEEK_CUR));
	fclose(f);
	show("remove", remove("st"));
	show("sscanf", sscanf("7 0x1f 077 -3.5e1 str [abc]", "%d %i %i %lf %15s [%15[a-c]]", &a, &b, &n, &x, word, line));
	printf("values: %d %d %d %g %s %s\n", a, b, n, x, word, line);
	printf("sscanf empty: %d\n", sscanf("", "%d", &a));
	printf("sscanf mismatch: %d\n", sscanf("x", "%d", &a));
}

/* Descriptors 0, 1, 2: stdin without input (the tests give /dev/null on
 * the host), stdout redirected with dup2. */
static void standard_streams(void)
{
	struct stat st;
	int saved, fd;

	printf("-- standard streams\n");
	show("fstat 0", fstat(0, &st));
	showstr("fd 0 type", type_of(st.st_mode));
	printf("getchar: %d\n", getchar());
	show("feof(stdin)", feof(stdin));
	show("fileno(stdout)", fileno(stdout));
	fflush(stdout);
	saved = dup(1);
	fd = open("redir", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	show("dup2 file to 1", dup2(fd, 1));
	printf("this line goes to the file\n");
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(fd);
	showstr("redirected", get("redir"));
	fflush(stdout); /* glibc buffers a redirected stdout fully */
	show("write(1)", write(1, "direct write to 1\n", 18));
}

int main(int argc, char *argv[])
{
	if (argc < 2) {
		fprintf(stderr, "usage: posixfs DIR\n");
		return 2;
	}
	if (chdir(argv[1]) || (mkdir("t", 0755) && errno != EEXIST) || chdir("t")) {
		printf("cannot work in %s/t: %s\n", argv[1], errname(errno));
		return 1;
	}
	open_flags();
	offsets();
	names();
	directories();
	errors();
	streams();
	standard_streams();
	printf("posixfs: %d checks\n", checks);
	return 0;
}
