/* uname.c: uname, sethostname and setdomainname — what the system calls itself. */
#include <errno.h>
#include <string.h>
#include <ts/boot.h>
#include <ts/lock.h>
#include <ts/print.h>
#include <ts/syscall.h>

/* Linux's struct utsname: six NUL-terminated fields of 65 bytes. */
#define UTS_LEN 65
struct k_utsname {
	char sysname[UTS_LEN];
	char nodename[UTS_LEN];
	char release[UTS_LEN];
	char version[UTS_LEN];
	char machine[UTS_LEN];
	char domainname[UTS_LEN];
};

/*
 * Programs (and the C libraries: glibc refuses kernels older than 3.2)
 * look at the release; any Linux 6 satisfies them. The host name comes
 * from the kernel option hostname= (at most 64 bytes), else "tessera".
 */
#define SYSNAME "Linux"
#define RELEASE "6.1.0-tessera"
#define VERSION "#1 SMP Tessera unikernel"
#define MACHINE "x86_64"
#define DEFAULT_NODENAME "tessera"

static struct ts_mutex lock = TS_MUTEX_INIT;
static char nodename[UTS_LEN] = DEFAULT_NODENAME;
static char domainname[UTS_LEN] = "(none)";

/* Claim hostname= at boot, before unclaimed NAME=value options become
 * the environment. */
static int hostname_init(void)
{
	const char *h = ts_boot_param("hostname");

	if (!h)
		return 0;
	if (!h[0] || strlen(h) >= UTS_LEN) {
		ts_pr_warn("posix-process: hostname=%s: 1 to 64 bytes; keeping \"%s\"\n", h, nodename);
		return 0;
	}
	strcpy(nodename, h);
	return 0;
}
TS_INITCALL(hostname_init, TS_INIT_LIB, 50);

TS_SYSCALL_DEFINE1(uname, "p:d", struct k_utsname *, u)
{
	if (!ts_user_ok(u, sizeof(*u), 1))
		return -EFAULT;
	memset(u, 0, sizeof(*u));
	strcpy(u->sysname, SYSNAME);
	strcpy(u->release, RELEASE);
	strcpy(u->version, VERSION);
	strcpy(u->machine, MACHINE);
	ts_mutex_lock(&lock);
	strcpy(u->nodename, nodename);
	strcpy(u->domainname, domainname);
	ts_mutex_unlock(&lock);
	return 0;
}

/* Set a name field from the program's len bytes (not NUL-terminated):
 * 0, -EINVAL (len beyond 64 or negative), -EFAULT. */
static long set_name(char *field, const char *name, int len)
{
	if (len < 0 || len >= UTS_LEN)
		return -EINVAL;
	if (!ts_user_ok(name, (size_t)len, 0))
		return -EFAULT;
	ts_mutex_lock(&lock);
	memcpy(field, name, (size_t)len);
	field[len] = '\0';
	ts_mutex_unlock(&lock);
	return 0;
}

TS_SYSCALL_DEFINE2(sethostname, "bd:d", const char *, name, int, len)
{
	return set_name(nodename, name, len);
}

TS_SYSCALL_DEFINE2(setdomainname, "bd:d", const char *, name, int, len)
{
	return set_name(domainname, name, len);
}
