/* cmdline.h: split a kernel command line into kernel options and argv. */
#ifndef LIBBOOT_CMDLINE_H
#define LIBBOOT_CMDLINE_H

struct ts_cmdline {
	char **kopt; /* kernel options, "name" or "name=value" */
	int nkopt;
	char **argv; /* application arguments, argv[0] excluded */
	int argc;
};

/*
 * Number of words ts_cmdline_split() would find in buf (kernel options and
 * application arguments; the "--" between them is not a word), so that the
 * caller can size words[]. Does not write to buf. Returns the count, or
 * -EINVAL for an unterminated quote or a trailing backslash.
 */
int ts_cmdline_count(const char *buf);

/*
 * Split buf in place. Words are separated by spaces, tabs or newlines;
 * double quotes group words and a backslash takes the next character
 * literally, inside or outside quotes. Words before the first bare "--"
 * are kernel options, words after it application arguments; without "--"
 * every word is a kernel option. words[] (max entries) receives both lists
 * back to back. Returns 0, -E2BIG when there are more than max words, or
 * -EINVAL for an unterminated quote or a trailing backslash.
 */
int ts_cmdline_split(char *buf, char **words, int max, struct ts_cmdline *out);

#endif
