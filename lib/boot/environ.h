/* environ.h: turning unclaimed NAME=value kernel options into environ. */
#ifndef LIBBOOT_ENVIRON_H
#define LIBBOOT_ENVIRON_H

#include <stddef.h>

/*
 * Length of NAME when word is "NAME=value" with NAME a shell-style variable
 * name (a letter or '_', then letters, digits or '_'); 0 otherwise.
 */
size_t ts_boot_env_name_len(const char *word);

/*
 * As Linux does for init: every word i not marked used[i] that has the
 * form NAME=value goes into env, in order; a later word for the same NAME
 * replaces the earlier one in its place. env must have room for nwords + 1
 * entries; it is NULL-terminated. Returns the number of variables.
 */
int ts_boot_env_build(char **words, int nwords, const unsigned char *used, char **env);

#endif
