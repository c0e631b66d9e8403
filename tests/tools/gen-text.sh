#!/bin/sh
# gen-text.sh: a deterministic folder of text for wordfreq's tests.
# Usage: gen-text.sh DIR — creates DIR/corpus: nested folders, mixed case,
# punctuation, digits, UTF-8 letters, an empty file, long and short words,
# words split across 4 KiB read boundaries, and a symbolic link (which
# wordfreq does not follow).
set -eu
D=$1/corpus
rm -rf "$D"
mkdir -p "$D/a/deep/er" "$D/b" "$D/empty-dir"
# para SEED WORDS: WORDS pseudo-random words of a small vocabulary (Zipf-like)
para() {
	awk -v seed="$1" -v n="$2" 'BEGIN {
		split("the of and to in a is that it was for on are with as be at by this had not but from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three", v, " ")
		nv = length(v); srand(seed)
		for (i = 0; i < n; i++) {
			r = rand(); k = int(nv * r * r * r) + 1; w = v[k]
			c = rand()
			if (c < 0.05) w = toupper(w); else if (c < 0.15) w = toupper(substr(w, 1, 1)) substr(w, 2)
			p = rand()
			if (p < 0.05) w = w ","; else if (p < 0.08) w = w ".\n"; else if (p < 0.09) w = w "\x27s"
			else if (p < 0.10) w = w "-" v[int(nv * rand()) + 1]; else if (p < 0.11) w = w int(rand() * 1000)
			printf "%s%s", w, (i % 13 == 12) ? "\n" : " "
		}
		printf "\n"
	}'
}
para 1 3000 >"$D/one.txt"
para 2 5000 >"$D/a/two.txt"
para 3 800 >"$D/a/deep/three"
para 4 2000 >"$D/a/deep/er/four.md"
para 5 100 >"$D/b/five"
: >"$D/b/empty"
printf 'caf\303\251 na\303\257ve \303\274ber r\303\251sum\303\251 CAF\303\211 stra\303\237e\n' >"$D/b/utf8.txt"
printf 'x%.0s' $(seq 1 300) >"$D/b/long"; printf ' supercalifragilistic SUPERcalifragilistic\n' >>"$D/b/long"
# words across the 4096-byte boundary of a read buffer
awk 'BEGIN { for (i = 0; i < 4094; i++) printf " "; printf "boundary word boundary\n" }' >"$D/b/edge"
ln -s one.txt "$D/link-to-one"
