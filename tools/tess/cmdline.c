/* cmdline.c - building the guest command line "<kernel options> -- <app args>". */
#include <string.h>

#include "tess.h"

/* Characters that make the guest parser split or unescape an argument.
 * Newline and friends are quoted too: unquoted they would split it. */
#define NEEDS_QUOTES " \t\n\r\v\f\"\\"

void tess_cmdline_quote(struct tess_buf *b, const char *arg)
{
	const char *p;

	if (*arg && !strpbrk(arg, NEEDS_QUOTES)) {
		tess_buf_adds(b, arg);
		return;
	}
	tess_buf_addc(b, '"');
	for (p = arg; *p; p++) {
		if (*p == '"' || *p == '\\')
			tess_buf_addc(b, '\\');
		tess_buf_addc(b, *p);
	}
	tess_buf_addc(b, '"');
}

static void add_word(struct tess_buf *b, const char *s)
{
	if (!*s)
		return;
	if (b->len)
		tess_buf_addc(b, ' ');
	tess_buf_adds(b, s);
}

char *tess_cmdline_build(const char *kernel_args, char *const *kopts, size_t nkopts,
			 int have_args, char *const *args, size_t nargs,
			 const char *default_args)
{
	struct tess_buf b = { 0 };
	size_t i;

	add_word(&b, kernel_args);
	for (i = 0; i < nkopts; i++)
		add_word(&b, kopts[i]);
	add_word(&b, "--");
	if (have_args) {
		for (i = 0; i < nargs; i++) {
			tess_buf_addc(&b, ' ');
			tess_cmdline_quote(&b, args[i]);
		}
	} else {
		add_word(&b, default_args);
	}
	return tess_buf_take(&b);
}
