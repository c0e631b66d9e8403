# fixdep.awk: turn a gcc depfile into one that tracks Kconfig symbols.
# Depending on autoconf.h would rebuild everything on any config change;
# instead each object depends on include/config/<symbol>.h for exactly the
# CONFIG_ symbols its source and headers mention (kconfig-conf touches those
# files when a symbol's value changes). $(wildcard) keeps absent ones out.
# Usage: awk -v target=OBJ -v cfgdir=$(O)/include/config -f fixdep.awk RAW.d
{
	line = $0
	if (sub(/\\$/, "", line)) { buf = buf line " "; next }
	buf = buf line
	if (!done) { first = buf; done = 1 }
	buf = ""
}
END {
	sub(/^[^:]*:/, "", first)
	n = split(first, dep, /[ \t]+/)
	printf "%s:", target
	for (i = 1; i <= n; i++) {
		if (dep[i] == "" || dep[i] ~ /autoconf\.h$/) continue
		printf " \\\n  %s", dep[i]
		phony[dep[i]] = 1
		while ((getline l < dep[i]) > 0)
			while (match(l, /CONFIG_[A-Za-z0-9_]+/)) {
				sym[substr(l, RSTART + 7, RLENGTH - 7)] = 1
				l = substr(l, RSTART + RLENGTH)
			}
		close(dep[i])
	}
	for (s in sym) {
		p = tolower(s); gsub(/_/, "/", p)
		printf " \\\n  $(wildcard %s/%s.h)", cfgdir, p
	}
	printf "\n"
	for (d in phony) printf "%s:\n", d
}
