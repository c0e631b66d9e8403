# support/fuzz/lib.sh: what every libFuzzer run.sh shares (sourced, not run):
# decoding the regression corpus, one timed run, replaying the corpus.
# The caller sets out (an absolute folder holding fuzz_NAME) and status=0;
# a failure prints a FAIL line and sets status=1.

# unhex FILE.hex OUT: a corpus input kept as hex (xxd -p) back into bytes.
unhex() {
	if command -v xxd >/dev/null; then
		xxd -r -p "$1" >"$2"
	else
		perl -ne 's/\s+//g; print pack("H*", $_)' "$1" >"$2" # perl-base is always there
	fi
}

# fuzz_load_corpus SRC REGRESS SEEDS: every SRC/*.hex (xxd -p) and SRC/*.xxd
# (xxd -a: big images with their runs of zeros left out) decoded into
# REGRESS, for replaying, and copied into SEEDS, for fuzzing from.
fuzz_load_corpus() {
	local h name
	for h in "$1"/*.hex "$1"/*.xxd; do
		[ -f "$h" ] || continue
		name=$(basename "$h"); name=${name%.*}
		case $h in
		*.xxd) xxd -r "$h" >"$2/$name" || { echo "FAIL corpus $name: needs xxd"; status=1; continue; } ;;
		*) unhex "$h" "$2/$name" ;;
		esac
		cp "$2/$name" "$3/"
	done
}

# fuzz_run NAME SECONDS "DIRS" [LIBFUZZER-OPTIONS...]: run $out/fuzz_NAME
# for SECONDS on the corpus folders DIRS (relative to $out; the first
# collects new inputs), leak checks on; its log is $out/fuzz_NAME.log.
fuzz_run() {
	local name=$1 secs=$2 dirs=$3
	shift 3
	echo "== fuzz_$name for ${secs}s"
	# shellcheck disable=SC2086 # DIRS is a list
	(cd "$out" && ASAN_OPTIONS=detect_leaks=1 "./fuzz_$name" -max_total_time="$secs" \
		-print_final_stats=0 "$@" $dirs >"fuzz_$name.log" 2>&1)
	if [ $? -ne 0 ]; then
		echo "FAIL fuzz_$name: a crash or a hang; see $out/fuzz_$name.log and $out/crash-* $out/timeout-*"
		status=1
	else
		echo "ok fuzz_$name: $(grep -o 'Done [0-9]* runs' "$out/fuzz_$name.log" | tail -1)"
	fi
}

# fuzz_replay NAME REGRESS LABEL [OPTIONS...]: run $out/fuzz_NAME on each
# input in REGRESS, one "ok/FAIL corpus LABEL<input>" line each.
fuzz_replay() {
	local name=$1 dir=$2 label=$3 input
	shift 3
	for input in "$dir"/*; do
		[ -f "$input" ] || continue
		if "$out/fuzz_$name" "$@" "$input" >"$out/regress-$name.log" 2>&1; then
			echo "ok corpus $label$(basename "$input")"
		else
			echo "FAIL corpus $label$(basename "$input"); see $out/regress-$name.log"
			status=1
		fi
	done
}
