/* environ.c: main's environment, made of the kernel options nobody claimed. */
#include <string.h>
#include "environ.h"

size_t ts_boot_env_name_len(const char *word)
{
	size_t n = 0;
	while ((word[n] >= 'A' && word[n] <= 'Z') || (word[n] >= 'a' && word[n] <= 'z') ||
	       word[n] == '_' || (n && word[n] >= '0' && word[n] <= '9'))
		n++;
	return n && word[n] == '=' ? n : 0;
}

int ts_boot_env_build(char **words, int nwords, const unsigned char *used, char **env)
{
	int n = 0;
	for (int i = 0; i < nwords; i++) {
		size_t len = used[i] ? 0 : ts_boot_env_name_len(words[i]);
		if (!len)
			continue;
		int j = 0;
		while (j < n && strncmp(env[j], words[i], len + 1)) /* same "NAME=" */
			j++;
		env[j] = words[i]; /* a later assignment replaces an earlier one */
		if (j == n)
			n++;
	}
	env[n] = NULL;
	return n;
}
