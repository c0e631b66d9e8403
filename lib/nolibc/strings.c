/* strings.c: strcasecmp and strncasecmp (ASCII case folding). */
#include <ctype.h>
#include <strings.h>

int strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, (size_t)-1);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	int d;

	for (; n; n--, p++, q++) {
		d = tolower(*p) - tolower(*q);
		if (d || !*p)
			return d;
	}
	return 0;
}
