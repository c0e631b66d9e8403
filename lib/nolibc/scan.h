/* scan.h: private interface of the scanf engine (scan.c) and its input sources. */
#ifndef TS_NOLIBC_SCAN_H
#define TS_NOLIBC_SCAN_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Where scanned bytes come from. get returns the next byte (as unsigned
 * char) or EOF; unget gives back the byte get returned last (never EOF).
 * As with a FILE, at most one byte goes back: the engine never needs
 * more, which is why a failed partial number stays consumed, as in glibc.
 * error is set by a source whose EOF came from a failed read.
 */
struct ts_nolibc_in {
	int (*get)(struct ts_nolibc_in *in);
	void (*unget)(struct ts_nolibc_in *in, int c);
};

/* Scan in according to fmt, storing through ap. Returns the number of
 * assignments, or EOF on an input failure before the first one. */
int ts_nolibc_vscan(struct ts_nolibc_in *in, const char *fmt, va_list ap);

#endif
