# tests/groups/oci.sh: OCI images (docs/oci.md) — tess pkg into an image layout and to a registry
# (Debian's docker-registry, started here on a loopback port), skopeo reading them, tess run/pull/images
# from the local cache, the same output as the app folder, and every bad input in one line.
group "oci: OCI images, a registry and the local cache (tess pkg, pull, images, run IMAGE)"
OB=$OUT/oci
rm -rf "$OB"; mkdir -p "$OB"
# The builds stay between runs (incremental); helloworld's is the build group's.
HELLO_B=$OUT/hello OCITEST_B=$OUT/oci-build
# Each command gets its own cache (never the user's) and a short registry timeout.
otess() { XDG_CACHE_HOME=$OB/cache TESS_HTTP_TIMEOUT=10 timeout 120 "$TESS" "$@" </dev/null; }

# ---- host unit tests and fuzzers ---------------------------------------------
gcc -std=gnu11 -g -O1 -fsanitize=address,undefined -Wall -Wextra -Werror -Wno-format-truncation \
	-D_GNU_SOURCE -I support/build -I tools/common -o "$OB/oci-unit" tools/tess/tests/oci-unit.c tools/tess/sha256.c \
	tools/tess/json.c tools/tess/jsonw.c tools/tess/httpparse.c tools/tess/http.c tools/tess/ociref.c \
	tools/tess/ocidoc.c tools/tess/errbuf.c tools/tess/util.c >"$OB/unit.log" 2>&1 && timeout 60 "$OB/oci-unit" >>"$OB/unit.log" 2>&1
r=$?; check "host: SHA-256, JSON, HTTP parsing and client, references, documents ($(grep -c '^ok ' "$OB/unit.log") cases)" $r \
	"$(grep -m1 -E '^FAIL|error|ERROR|runtime error' "$OB/unit.log")"
if command -v clang >/dev/null; then
	bash tools/tess/fuzz/run.sh "$OB/fuzz" "${TS_FUZZ_SECONDS:-5}" >"$OB/fuzz.log" 2>&1
	check "fuzzers: the JSON/manifest/config readers and the HTTP readers, and their corpus" $? \
		"$(grep -m1 FAIL "$OB/fuzz.log")"
else
	skip "OCI fuzzers" "clang (with libclang-rt-14-dev) not installed"
fi

# ---- pkg into an image layout; skopeo reads it -------------------------------
otess pkg apps/helloworld -O "$HELLO_B" -o "oci:$OB/hello" >"$OB/pkg-hello.log" 2>&1
r=$?
[ $r -eq 0 ] && [ -f "$OB/hello/oci-layout" ] && [ -f "$OB/hello/index.json" ] &&
	grep -q "^oci:$OB/hello:latest sha256:[0-9a-f]\{64\}$" "$OB/pkg-hello.log"
check "pkg apps/helloworld -o oci:DIR: an image layout, its name and digest printed" $? \
	"status $r: $(tail -2 "$OB/pkg-hello.log" | tr '\n' '|')"
otess pkg tests/apps/oci -O "$OCITEST_B" -o "oci:$OB/ocitest:v1" >"$OB/pkg-ocitest.log" 2>&1
r=$?; check "pkg tests/apps/oci -o oci:DIR:v1 (Tessfile args, memory, kernel option, rootfs)" $r \
	"status $r: $(tail -2 "$OB/pkg-ocitest.log" | tr '\n' '|')"
if command -v skopeo >/dev/null; then
	skopeo inspect "oci:$OB/hello:latest" >"$OB/skopeo-hello.json" 2>&1 &&
		grep -q '"dev.tessera.name": "helloworld"' "$OB/skopeo-hello.json" &&
		grep -q '"Architecture": "amd64"' "$OB/skopeo-hello.json"
	check "skopeo inspect oci:DIR accepts the helloworld image (labels, architecture)" $? \
		"$(head -3 "$OB/skopeo-hello.json" | tr '\n' '|')"
	skopeo inspect "oci:$OB/ocitest:v1" >"$OB/skopeo-ocitest.json" 2>&1 &&
		grep -q '"dev.tessera.memory-kib": "24576"' "$OB/skopeo-ocitest.json" &&
		grep -q '"dev.tessera.args": "first \\"two words\\" --exit 3"' "$OB/skopeo-ocitest.json" &&
		grep -q '"dev.tessera.kernel-args": "OCI_GREETING=from-the-tessfile"' "$OB/skopeo-ocitest.json" &&
		[ "$(grep -c '"sha256:' "$OB/skopeo-ocitest.json")" -ge 3 ]
	check "skopeo inspect: memory, arguments, kernel options recorded; kernel and initrd layers" $? \
		"$(grep -E 'memory|args|sha256' "$OB/skopeo-ocitest.json" | tr '\n' '|')"
else
	skip "skopeo inspect oci:DIR" "skopeo not installed (Debian package skopeo)"
fi

# ---- run oci:DIR prints what running the app folder prints -------------------
# same_run NAME "FOLDER ARGS" "IMAGE ARGS": stdout and status equal.
same_run() {
	local name=$1 a b
	# shellcheck disable=SC2086 # the argument lists are word lists
	timeout 120 "$TESS" run $2 >"$OB/$name.want" 2>"$OB/$name.want.err" </dev/null
	a=$?
	# shellcheck disable=SC2086
	otess run $3 >"$OB/$name.got" 2>"$OB/$name.got.err"
	b=$?
	[ $a -eq $b ] && [ -s "$OB/$name.want" ] && cmp -s "$OB/$name.want" "$OB/$name.got"
}
same_run hello "apps/helloworld -O $HELLO_B --vmm qemu -- one --exit 4" "oci:$OB/hello -- one --exit 4"
check "run oci:DIR (helloworld, arguments given) prints what the app folder prints, same status" $? \
	"$(diff "$OB/hello.want" "$OB/hello.got" | head -3 | tr '\n' '|') $(tail -1 "$OB/hello.got.err")"
same_run ocitest "tests/apps/oci -O $OCITEST_B --vmm qemu" "oci:$OB/ocitest:v1"
r=$?
[ $r -eq 0 ] && grep -qx 'arg 2: two words' "$OB/ocitest.got" && grep -qx 'env: from-the-tessfile' "$OB/ocitest.got" &&
	grep -qx 'file: hello from the initrd' "$OB/ocitest.got"
check "run oci:DIR:v1 (Tessfile's args, kernel option, initrd; status 3) as the app folder" $? \
	"$(diff "$OB/ocitest.want" "$OB/ocitest.got" | head -3 | tr '\n' '|') $(tail -1 "$OB/ocitest.got.err")"
otess images >"$OB/images.txt" 2>&1
head -1 "$OB/images.txt" | grep -q '^REPOSITORY  *TAG  *DIGEST  *SIZE  *CREATED$' &&
	grep -q "^oci:$OB/ocitest  *v1  *sha256:[0-9a-f]\{12\} .* [0-9.]* kB  *20[0-9-]*T" "$OB/images.txt" &&
	grep -q "^oci:$OB/hello  *latest " "$OB/images.txt"
check "images: a table of the cache (repository, tag, digest, size, created)" $? "$(tr '\n' '|' <"$OB/images.txt")"

# ---- the registry: push, pull, run -------------------------------------------
REG_PID=
if [ -x /usr/bin/docker-registry ]; then
	for try in 1 2 3 4 5; do
		REG_PORT=$(shuf -i 20000-60000 -n 1)
		(exec 3<>"/dev/tcp/127.0.0.1/$REG_PORT") 2>/dev/null && continue # taken
		mkdir -p "$OB/registry"
		cat >"$OB/registry/config.yml" <<-EOC
		version: 0.1
		log:
		  level: error
		storage:
		  filesystem:
		    rootdirectory: $OB/registry/storage
		http:
		  addr: 127.0.0.1:$REG_PORT
		EOC
		/usr/bin/docker-registry serve "$OB/registry/config.yml" >"$OB/registry/log" 2>&1 &
		REG_PID=$!
		trap 'kill $REG_PID 2>/dev/null' EXIT
		for i in $(seq 50); do
			(exec 3<>"/dev/tcp/127.0.0.1/$REG_PORT") 2>/dev/null && break
			kill -0 $REG_PID 2>/dev/null || break
			sleep 0.1
		done
		kill -0 $REG_PID 2>/dev/null && break
		REG_PID=
	done
fi
if [ -n "$REG_PID" ]; then
	REG=127.0.0.1:$REG_PORT
	otess pkg tests/apps/oci -O "$OCITEST_B" --push "$REG/tessera/ocitest:v1" >"$OB/push.log" 2>&1
	r=$?
	[ $r -eq 0 ] && grep -q "^$REG/tessera/ocitest:v1 sha256:" "$OB/push.log"
	check "pkg --push to docker-registry on $REG" $? "status $r: $(tail -2 "$OB/push.log" | tr '\n' '|')"
	if command -v skopeo >/dev/null; then
		skopeo inspect --tls-verify=false "docker://$REG/tessera/ocitest:v1" >"$OB/skopeo-reg.json" 2>&1 &&
			grep -q '"dev.tessera.name": "ocitest"' "$OB/skopeo-reg.json"
		check "skopeo inspect reads the pushed image from the registry" $? "$(head -2 "$OB/skopeo-reg.json" | tr '\n' '|')"
		# Another tool moves the image: what skopeo copies to the registry, tess runs.
		timeout 120 skopeo copy --dest-tls-verify=false "oci:$OB/hello:latest" "docker://$REG/copied/hello:latest" \
			>"$OB/skopeo-copy.log" 2>&1 &&
			otess run "$REG/copied/hello" -- one --exit 4 >"$OB/copied.got" 2>"$OB/copied.err"
		r=$?
		[ $r -eq 4 ] && cmp -s "$OB/hello.want" "$OB/copied.got"
		check "skopeo copy oci:DIR docker://REGISTRY/...: tess runs the copy as the app folder" $? \
			"status $r: $(tail -1 "$OB/skopeo-copy.log") $(tail -1 "$OB/copied.err")"
	fi
	otess pull "localhost:$REG_PORT/tessera/ocitest:v1" >"$OB/pull.log" 2>&1
	r=$?; check "pull localhost:PORT/tessera/ocitest:v1 into the cache" $r "status $r: $(tail -2 "$OB/pull.log" | tr '\n' '|')"
	otess run "$REG/tessera/ocitest:v1" >"$OB/reg-run.got" 2>"$OB/reg-run.err"
	r=$?
	[ $r -eq 3 ] && cmp -s "$OB/ocitest.want" "$OB/reg-run.got"
	check "run REGISTRY/NAME:TAG prints what the app folder prints (status 3)" $? \
		"status $r: $(diff "$OB/ocitest.want" "$OB/reg-run.got" | head -3 | tr '\n' '|') $(tail -1 "$OB/reg-run.err")"
	otess images --format json >"$OB/images.json" 2>&1
	grep -q "{\"repository\":\"localhost:$REG_PORT/tessera/ocitest\",\"tag\":\"v1\",\"digest\":\"sha256:[0-9a-f]\{64\}\",\"size\":[1-9][0-9]*,\"created\":\"20" "$OB/images.json"
	check "images --format json lists the pulled image" $? "$(head -c 300 "$OB/images.json")"
fi

# ---- bad input: one line on stderr, non-zero status, no new cache entry ------
# bad NAME WANT-IN-MESSAGE COMMAND...: run with a cache of its own.
bad() {
	local name=$1 want=$2 r lines
	shift 2
	rm -rf "$OB/cache-bad"
	XDG_CACHE_HOME=$OB/cache-bad TESS_HTTP_TIMEOUT=5 timeout 60 "$TESS" "$@" >"$OB/bad.out" 2>"$OB/bad.err" </dev/null
	r=$?
	lines=$(wc -l <"$OB/bad.err")
	local entries=0
	[ -f "$OB/cache-bad/tessera/oci/index.json" ] && entries=$(grep -o '"digest"' "$OB/cache-bad/tessera/oci/index.json" | wc -l)
	local tmps=$(find "$OB/cache-bad" -name '.tmp-*' 2>/dev/null | wc -l)
	[ $r -ne 0 ] && [ $r -ne 124 ] && [ "$lines" -eq 1 ] && grep -Eq "^tess: .*($want)" "$OB/bad.err" &&
		{ [ "$entries" -eq 0 ] || [ -n "${BAD_PULLED_OK:-}" ]; } && [ "$tmps" -eq 0 ]
	check "bad input: $name" $? "status $r, $lines lines, $entries cache entries, $tmps temporary files: $(head -3 "$OB/bad.err" | tr '\n' '|')"
}
# A fresh copy of the helloworld layout to damage; prints its folder.
layout_copy() { rm -rf "$OB/bad-$1"; cp -r "$OB/hello" "$OB/bad-$1"; echo "$OB/bad-$1"; }
hello_manifest() { sed 's/.*"digest":"sha256:\([0-9a-f]*\)".*/\1/' "$1/index.json"; }
blob_of() { # blob_of LAYOUT MEDIA-TYPE-WORD: the hex digest of that layer
	tr '{' '\n' <"$1/blobs/sha256/$(hello_manifest "$1")" | grep "$2" | sed 's/.*"digest":"sha256:\([0-9a-f]*\)".*/\1/'
}

bad "a missing oci: folder" "no such folder" run "oci:$OB/nowhere"
d=$(layout_copy notlayout); rm "$d/oci-layout"
bad "a folder that is not an image layout" "not an OCI image layout" run "oci:$d"
d=$(layout_copy layoutjson); echo '{"imageLayoutVersion":' >"$d/oci-layout"
bad "oci-layout not JSON" "oci-layout is not JSON" pull "oci:$d"
d=$(layout_copy indexjson); head -c 40 "$OB/hello/index.json" >"$d/index.json"
bad "a truncated index.json" "index.json is not JSON" run "oci:$d"
d=$(layout_copy indexkind); echo '{"schemaVersion":2,"manifests":{}}' >"$d/index.json"
bad "index.json not an image index" "not an OCI image index" run "oci:$d"
d=$(layout_copy mdigest); m=$(hello_manifest "$d"); sed -i 's/"size":/"size" :/' "$d/blobs/sha256/$m"
bad "a manifest whose digest does not match its blob" "does not match its digest|is [0-9]* bytes, not" run "oci:$d"
d=$(layout_copy mjson); m=$(hello_manifest "$d"); printf 'not json at all' >"$d/blobs/sha256/$m.new"
n=$(sha256sum <"$d/blobs/sha256/$m.new" | cut -c1-64); mv "$d/blobs/sha256/$m.new" "$d/blobs/sha256/$n"
sed -i "s/$m/$n/; s/\"size\":[0-9]*/\"size\":15/" "$d/index.json"
bad "a manifest that is not JSON" "the manifest is not JSON" run "oci:$d"
d=$(layout_copy ktrunc); k=$(blob_of "$d" kernel); truncate -s 1000 "$d/blobs/sha256/$k"
bad "a truncated kernel blob" "truncated" run "oci:$d"
d=$(layout_copy kflip); k=$(blob_of "$d" kernel); printf 'X' | dd of="$d/blobs/sha256/$k" bs=1 seek=100 conv=notrunc 2>/dev/null
bad "a kernel blob whose digest does not match" "does not match its digest" run "oci:$d"
d=$(layout_copy cmissing); c=$(tr '{' '\n' <"$d/blobs/sha256/$(hello_manifest "$d")" | grep config.v1 | sed 's/.*"digest":"sha256:\([0-9a-f]*\)".*/\1/'); rm "$d/blobs/sha256/$c"
bad "a missing config blob" "missing" run "oci:$d"
bad "an unknown tag in a layout" "no image tagged 'nope' \\(tags: latest\\)" run "oci:$OB/hello:nope"
bad "a malformed reference (upper case)" "not a repository name" pull "localhost:5000/Hello:v1"
bad "a malformed reference (bad tag)" "not a tag" run "localhost:5000/hello:-v1"
bad "a registry that needs TLS" "only plain-HTTP registries are supported" pull "registry.example.com/x:v1"
bad "an https:// registry" "only plain-HTTP registries are supported" pull "https://localhost:5000/x:v1"
bad "pkg without -o or --push" "say where the image goes" pkg apps/helloworld -O "$HELLO_B"
mkdir -p "$OB/full"; echo keep >"$OB/full/notes.txt"
bad "pkg -o into a folder that holds something else" "not empty" pkg apps/helloworld -O "$HELLO_B" -o "oci:$OB/full"
[ "$(ls "$OB/full")" = notes.txt ] && [ "$(cat "$OB/full/notes.txt")" = keep ]
check "that folder is left as it was" $? "$(ls "$OB/full" | tr '\n' ' ')"
# (The image itself is fine: it is in the cache after this one.)
BAD_PULLED_OK=1 bad "run IMAGE --vmm against the image's monitor" "was built for qemu" run "oci:$OB/hello" --vmm tvm

# ---- an image for tvm: its monitor recorded; it boots only with KVM ----------
otess pkg apps/helloworld -O "$OUT/oci-build-tvm" --vmm tvm -o "oci:$OB/hello-tvm" >"$OB/pkg-tvm.log" 2>&1
r=$?
[ $r -eq 0 ] && grep -l '"dev.tessera.vmm":"tvm"' "$OB"/hello-tvm/blobs/sha256/* >/dev/null 2>&1
check "pkg --vmm tvm: the config records the tvm monitor" $? "status $r: $(tail -2 "$OB/pkg-tvm.log" | tr '\n' '|')"
if [ -z "$KVM_REASON" ]; then
	same_run hello-tvm "apps/helloworld -O $OUT/oci-build-tvm --vmm tvm -- one --exit 4" "oci:$OB/hello-tvm -- one --exit 4"
	check "run oci:DIR of a tvm image prints what the app folder prints on tvm" $? \
		"$(diff "$OB/hello-tvm.want" "$OB/hello-tvm.got" | head -3 | tr '\n' '|') $(tail -1 "$OB/hello-tvm.got.err")"
else
	BAD_PULLED_OK=1 bad "a tvm image without KVM" "--vmm tvm: KVM not usable" run "oci:$OB/hello-tvm"
	skip "run oci:DIR of a tvm image on tvm" "needs KVM ($KVM_REASON)"
fi

if [ -n "$REG_PID" ]; then
	bad "an unknown tag in the registry (404)" "no image tessera/ocitest:nope in the registry" pull "$REG/tessera/ocitest:nope"
	bad "an unknown repository in the registry" "HTTP 404" run "$REG/tessera/absent:v1"
	# Damage the registry's own copy of the kernel, then of the manifest.
	store=$OB/registry/storage/docker/registry/v2/blobs/sha256
	k=$(blob_of "$OB/ocitest" kernel)
	cp "$store/${k:0:2}/$k/data" "$OB/kernel.good"
	printf 'X' | dd of="$store/${k:0:2}/$k/data" bs=1 seek=100 conv=notrunc 2>/dev/null
	bad "a registry blob whose digest does not match" "does not match its digest" pull "$REG/tessera/ocitest:v1"
	cp "$OB/kernel.good" "$store/${k:0:2}/$k/data"
	m=$(sed -n 's/.* sha256:\([0-9a-f]*\)$/\1/p' "$OB/push.log")
	sed -i 's/"size":/"size" :/' "$store/${m:0:2}/$m/data"
	bad "a registry manifest whose digest does not match" "the manifest does not match its digest" run "$REG/tessera/ocitest:v1"
	kill $REG_PID 2>/dev/null; wait $REG_PID 2>/dev/null
	trap - EXIT
	bad "a registry that is not running" "cannot connect: Connection refused \\(is the registry running\\?\\)" pull "$REG/tessera/ocitest:v1"
else
	skip "registry: push, pull, run, and its bad inputs" "docker-registry not installed or would not start (Debian package docker-registry)"
fi
