/* printf_nofloat.c: stand-in for printf_float.c in images built without LIBNOLIBC_FLOAT. */
#include "format.h"

/* The argument was consumed; print "?" in its field so the gap is visible. */
void ts_nolibc_format_float(struct ts_nolibc_out *o, const struct ts_nolibc_spec *sp, double v)
{
	(void)v;
	ts_nolibc_field_begin(o, sp, NULL, 0, 1, 0);
	ts_nolibc_out_write(o, "?", 1);
	ts_nolibc_field_end(o, sp, 1);
}
