/* env.c: the environment (environ, set up by lib/boot) and getenv. */
#include <stdlib.h>
#include <string.h>
#include <ts/nolibc.h>

char **environ;

char *getenv(const char *name)
{
	size_t n;
	char **e;

	if (!environ || !name || strchr(name, '='))
		return NULL;
	n = strlen(name);
	for (e = environ; *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}
