/* opts.c - parsing of command options (-x VALUE, -xVALUE, --long VALUE, --long=VALUE). */
#include <string.h>

#include "tess.h"

static const struct tess_opt *find_long(const struct tess_opt *o, const char *name, size_t len)
{
	for (; o->id; o++)
		if (o->long_name && strlen(o->long_name) == len &&
		    memcmp(o->long_name, name, len) == 0)
			return o;
	return NULL;
}

static const struct tess_opt *find_short(const struct tess_opt *o, char c)
{
	for (; o->id; o++)
		if (o->short_name && o->short_name == c)
			return o;
	return NULL;
}

static int parse_long(struct tess_optparse *p, const char *arg, const char **value)
{
	const char *name = arg + 2;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct tess_opt *o = find_long(p->opts, name, len);

	if (!o)
		tess_usage("unknown option '--%.*s'", (int)len, name);
	if (!o->has_value) {
		if (eq)
			tess_usage("option '--%s' takes no value", o->long_name);
		return o->id;
	}
	if (eq) {
		*value = eq + 1;
		return o->id;
	}
	if (p->i >= p->argc)
		tess_usage("option '--%s' needs a value", o->long_name);
	*value = p->argv[p->i++];
	return o->id;
}

static int parse_short(struct tess_optparse *p, const char *arg, const char **value)
{
	const struct tess_opt *o = find_short(p->opts, arg[1]);

	if (!o)
		tess_usage("unknown option '%s'", arg);
	if (!o->has_value) {
		/* Flags are not bundled ("-vh"): keeps errors unambiguous. */
		if (arg[2])
			tess_usage("unknown option '%s'", arg);
		return o->id;
	}
	if (arg[2]) {
		*value = arg + 2;
		return o->id;
	}
	if (p->i >= p->argc)
		tess_usage("option '-%c' needs a value", o->short_name);
	*value = p->argv[p->i++];
	return o->id;
}

int tess_opt_next(struct tess_optparse *p, const char **value)
{
	const char *arg;

	*value = NULL;
	if (p->i >= p->argc)
		return TESS_OPT_END;
	arg = p->argv[p->i++];
	if (p->only_positional || arg[0] != '-' || arg[1] == '\0') {
		*value = arg;
		return TESS_OPT_POSITIONAL;
	}
	if (strcmp(arg, "--") == 0)
		return TESS_OPT_DASHDASH;
	if (arg[1] == '-')
		return parse_long(p, arg, value);
	return parse_short(p, arg, value);
}
