# lib.sh: helpers shared by the benchmark scripts (sourced, not run).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TESS=$ROOT/bin/tess
OUT=${TS_BENCH_OUT:-${TMPDIR:-/tmp}/tessera-bench}
RUNS=${RUNS:-11}
mkdir -p "$OUT"

# median: of the numbers on stdin, one per line
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# now_ns: monotonic-enough wall clock in nanoseconds
now_ns() { date +%s%N; }

# row NAME VALUE UNIT TARGET VERDICT: one line of a result table
row() { printf '  %-46s %12s %-4s %-14s %s\n' "$1" "$2" "$3" "$4" "$5"; }
header() { printf '\n%s\n' "$1"; printf '  %-46s %12s %-4s %-14s %s\n' measurement value unit target verdict; }
# verdict VALUE TARGET: "met" or "MISSED" for a TARGET of the form "<= N",
# "< N", ">= N" or "> N" (the text of the target column); "?" and status 1
# if VALUE or TARGET is not of that form (e.g. a failed measurement: nan).
verdict() {
	awk -v v="$1" -v t="$2" 'BEGIN {
		num = "^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$"
		if (split(t, w, " ") != 2 || w[2] !~ num || v !~ num) { print "?"; exit 1 }
		x = v + 0; y = w[2] + 0
		if (w[1] == "<=") ok = x <= y
		else if (w[1] == "<") ok = x < y
		else if (w[1] == ">=") ok = x >= y
		else if (w[1] == ">") ok = x > y
		else { print "?"; exit 1 }
		print (ok ? "met" : "MISSED")
	}'
}
# judge NAME VALUE UNIT TARGET: a row whose verdict compares VALUE with TARGET
judge() { row "$1" "$2" "$3" "$4" "$(verdict "$2" "$4")"; }
progress() { printf '  ... %s\n' "$*" >&2; }
