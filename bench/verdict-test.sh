#!/usr/bin/env bash
# verdict-test.sh: bench/lib.sh's verdict for every target form, without
# running a benchmark (part of tests/run). Prints ok/FAIL lines; exits 1 on
# any failure.
set -u
TS_BENCH_OUT=$(mktemp -d)
trap 'rm -rf "$TS_BENCH_OUT"' EXIT
export TS_BENCH_OUT
. "$(dirname "$0")/lib.sh"
fails=0
# case VALUE TARGET WANT: verdict prints WANT, and nothing on stderr
case_() {
	local got err
	got=$(verdict "$1" "$2" 2>"$TS_BENCH_OUT/err")
	err=$(cat "$TS_BENCH_OUT/err")
	if [ "$got" = "$3" ] && [ -z "$err" ]; then echo "ok $1 $2 -> $3"
	else echo "FAIL $1 $2: got '$got', want '$3'${err:+; stderr: $err}"; fails=$((fails + 1)); fi
}
case_ 5 "<= 10" met;       case_ 10 "<= 10" met;      case_ 10.01 "<= 10" MISSED
case_ 0.99 "< 1" met;      case_ 1 "< 1" MISSED;      case_ 1.000 "< 1" MISSED
case_ 12.3 ">= 10" met;    case_ 10 ">= 10" met;      case_ 9.9 ">= 10" MISSED
case_ 5.1 "> 5" met;       case_ 5 "> 5" MISSED;      case_ 100 ">= 5" met
case_ 2e3 ">= 1000" met;   case_ -1 "<= 0" met;       case_ .5 "< 1" met
case_ nan "<= 1" "?";      case_ "" "<= 1" "?";       case_ 3 "about 3" "?"
case_ 3 "" "?";            case_ 3 "=> 3" "?";        case_ 3 "<= x" "?"
echo "# $fails failed"
[ "$fails" -eq 0 ]
