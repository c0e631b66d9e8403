/* strerror.c: short messages for the errno values of <errno.h>. */
#include <string.h>

/*
 * One packed string instead of a table of pointers: each entry is the
 * errno value as one byte (octal escape) followed by its NUL-terminated
 * message; an entry starting with NUL ends the list. Saves the 8-byte
 * pointer per value and the holes of a sparse array.
 */
static const char messages[] =
	"\001Operation not permitted\0"
	"\002No such file or directory\0"
	"\003No such process\0"
	"\004Interrupted system call\0"
	"\005Input/output error\0"
	"\006No such device or address\0"
	"\007Argument list too long\0"
	"\010Exec format error\0"
	"\011Bad file descriptor\0"
	"\012No child processes\0"
	"\013Resource temporarily unavailable\0"
	"\014Cannot allocate memory\0"
	"\015Permission denied\0"
	"\016Bad address\0"
	"\017Block device required\0"
	"\020Device or resource busy\0"
	"\021File exists\0"
	"\022Invalid cross-device link\0"
	"\023No such device\0"
	"\024Not a directory\0"
	"\025Is a directory\0"
	"\026Invalid argument\0"
	"\027Too many open files in system\0"
	"\030Too many open files\0"
	"\031Inappropriate ioctl for device\0"
	"\032Text file busy\0"
	"\033File too large\0"
	"\034No space left on device\0"
	"\035Illegal seek\0"
	"\036Read-only file system\0"
	"\037Too many links\0"
	"\040Broken pipe\0"
	"\041Numerical argument out of domain\0"
	"\042Numerical result out of range\0"
	"\043Resource deadlock avoided\0"
	"\044File name too long\0"
	"\045No locks available\0"
	"\046Function not implemented\0"
	"\047Directory not empty\0"
	"\050Too many levels of symbolic links\0"
	"\052No message of desired type\0"
	"\053Identifier removed\0"
	"\075No data available\0"
	"\076Timer expired\0"
	"\103Link has been severed\0"
	"\107Protocol error\0"
	"\110Multihop attempted\0"
	"\112Bad message\0"
	"\113Value too large for defined data type\0"
	"\124Invalid or incomplete multibyte or wide character\0"
	"\130Socket operation on non-socket\0"
	"\131Destination address required\0"
	"\132Message too long\0"
	"\133Protocol wrong type for socket\0"
	"\134Protocol not available\0"
	"\135Protocol not supported\0"
	"\136Socket type not supported\0"
	"\137Operation not supported\0"
	"\140Protocol family not supported\0"
	"\141Address family not supported by protocol\0"
	"\142Address already in use\0"
	"\143Cannot assign requested address\0"
	"\144Network is down\0"
	"\145Network is unreachable\0"
	"\146Network dropped connection on reset\0"
	"\147Software caused connection abort\0"
	"\150Connection reset by peer\0"
	"\151No buffer space available\0"
	"\152Transport endpoint is already connected\0"
	"\153Transport endpoint is not connected\0"
	"\154Cannot send after transport endpoint shutdown\0"
	"\156Connection timed out\0"
	"\157Connection refused\0"
	"\160Host is down\0"
	"\161No route to host\0"
	"\162Operation already in progress\0"
	"\163Operation now in progress\0"
	"\164Stale file handle\0"
	"\172Disk quota exceeded\0"
	"\175Operation canceled\0"
	"\202Owner died\0"
	"\203State not recoverable\0";

char *strerror(int errnum)
{
	const char *p = messages;

	if (errnum == 0)
		return (char *)"Success";
	while (*p) {
		if ((unsigned char)*p == errnum)
			return (char *)p + 1;
		p += strlen(p) + 1;
	}
	return (char *)"Unknown error";
}
