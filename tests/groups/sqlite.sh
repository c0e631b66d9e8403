# tests/groups/sqlite.sh: apps/sqlite (the sqlite3 shell) and apps/sqlite/speedtest1, built unmodified from Debian's sqlite3 source by tess-cc: databases on an ext2 disk that the host's sqlite3 reads back (and the reverse), SQL from the console, speedtest1 against a native build of the same source.
group "sqlite: Debian's sqlite3 built by tess-cc (shell on ext2, speedtest1)"
SB=$OUT/sqlite
mkdir -p "$SB"; rm -f "$SB"/*.log "$SB"/*.out "$SB"/*.diff # build folders stay: a rerun builds nothing

"$TESS" build apps/sqlite -O "$SB/b" >"$SB/build.log" 2>&1
r=$?
check "apps/sqlite builds (upstream sqlite3; image $(wc -c <"$SB/b/sqlite_kvm-x86_64" 2>/dev/null) bytes)" $r \
	"$(grep -m3 -i error "$SB/build.log" | tr '\n' '|')"
"$TESS" build apps/sqlite/speedtest1 -O "$SB/st" >"$SB/st-build.log" 2>&1
r=$?
check "apps/sqlite/speedtest1 builds (image $(wc -c <"$SB/st/speedtest1_kvm-x86_64" 2>/dev/null) bytes)" $r \
	"$(grep -m3 -i error "$SB/st-build.log" | tr '\n' '|')"

if ! command -v sqlite3 >/dev/null || ! command -v mkfs.ext2 >/dev/null || ! command -v debugfs >/dev/null; then
	skip "sqlite against the host's sqlite3" "needs sqlite3 and e2fsprogs (support/setup/deps.sh installs them)"
	return 0 2>/dev/null || exit 0
fi

guest_out() { grep -av '^tess: ' "$1" | grep -av '^warning: syscall: '; }
IMG=$SB/db.ext2
rm -f "$IMG"; mkfs.ext2 -q -F "$IMG" 32M >/dev/null 2>&1

# 1. The guest creates and fills a database; the host's sqlite3 does the
#    same on a file of its own: the same answers. Then the host reads the
#    guest's file out of the disk image.
SQL1="create table t(id integer primary key, name text, score real);
insert into t(name, score) values ('alpha', 1.5), ('beta', 2.25), ('gamma', null);
with recursive n(i) as (select 1 union all select i + 1 from n where i < 500)
  insert into t(name, score) select 'row' || i, i * 0.5 from n;
create index t_name on t(name);
update t set score = score * 2 where id % 7 = 0;
delete from t where id % 11 = 0;
select count(*), sum(score), min(name), max(name) from t;
select id, name, score from t where name like 'row4%' order by score desc limit 3;
select typeof(score), count(*) from t group by 1 order by 1;
pragma integrity_check;"
rm -f "$SB/host1.db"
sqlite3 "$SB/host1.db" "$SQL1" >"$SB/sql1.host" 2>&1
run_guest "$SB/sql1.log" apps/sqlite -O "$SB/b" --vmm qemu --disk "$IMG" -- /data/test.db "$SQL1"
guest_out "$SB/sql1.log" >"$SB/sql1.out"
[ $rc -eq 0 ] && [ -s "$SB/sql1.host" ] && diff "$SB/sql1.host" "$SB/sql1.out" >"$SB/sql1.diff"
r=$?
check "the shell creates /data/test.db on ext2 and answers as the host's sqlite3 ($(wc -l <"$SB/sql1.host") lines)" $r \
	"status $rc: $(diff "$SB/sql1.host" "$SB/sql1.out" | grep '^[<>]' | head -4 | tr '\n' '|')"

rm -f "$SB/guest.db"
debugfs -R "dump /test.db $SB/guest.db" "$IMG" >"$SB/dump.log" 2>&1
Q="select count(*), sum(score), min(name), max(name) from t; pragma integrity_check;"
sqlite3 "$SB/host1.db" "$Q" >"$SB/back.want" 2>&1
sqlite3 "$SB/guest.db" "$Q" >"$SB/back.got" 2>&1
[ -s "$SB/guest.db" ] && cmp -s "$SB/back.want" "$SB/back.got"
r=$?
check "the host's sqlite3 reads the guest's database back from the disk image" $r \
	"$(cat "$SB/back.got" "$SB/dump.log" | head -3 | tr '\n' '|')"

# 2. The reverse: a database the host made, copied into the image.
rm -f "$SB/host2.db"
sqlite3 "$SB/host2.db" "create table h(x integer, y text);
with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000)
  insert into h select i, hex(randomblob(8)) from n;
create view v as select x % 10 as k, count(*) as c from h group by 1;" >"$SB/host2.log" 2>&1
debugfs -w -R "write $SB/host2.db /host.db" "$IMG" >"$SB/write.log" 2>&1
Q2="select count(*), sum(x), count(distinct y) from h; select k, c from v order by k limit 3; pragma integrity_check;"
sqlite3 "$SB/host2.db" "$Q2" >"$SB/sql2.host" 2>&1
run_guest "$SB/sql2.log" apps/sqlite -O "$SB/b" --vmm qemu --disk "$IMG" -- /data/host.db "$Q2"
guest_out "$SB/sql2.log" >"$SB/sql2.out"
[ $rc -eq 0 ] && [ -s "$SB/sql2.host" ] && diff "$SB/sql2.host" "$SB/sql2.out" >"$SB/sql2.diff"
r=$?
check "the shell reads a database the host's sqlite3 wrote (copied into the image)" $r \
	"status $rc: $(diff "$SB/sql2.host" "$SB/sql2.out" | grep '^[<>]' | head -4 | tr '\n' '|')"

# 3. SQL and dot-commands from the console (standard input).
IN3="select 6 * 7;\n.mode csv\nselect name, score from t where id < 3;\n.tables\ninsert into t(name) values ('from stdin');\nselect count(*) from t where name = 'from stdin';\n"
# -batch: the guest's console is a terminal even when tess reads a pipe,
# and a terminal makes the shell interactive (banner, prompts).
printf "$IN3" | sqlite3 -batch "$SB/host1.db" >"$SB/sql3.host" 2>&1
printf "$IN3" | timeout 120 "$TESS" run apps/sqlite -O "$SB/b" --vmm qemu --timeout 90 --disk "$IMG" -- -batch /data/test.db >"$SB/sql3.log" 2>&1
rc=${PIPESTATUS[1]}
guest_out "$SB/sql3.log" >"$SB/sql3.out"
[ $rc -eq 0 ] && [ -s "$SB/sql3.host" ] && diff "$SB/sql3.host" "$SB/sql3.out" >"$SB/sql3.diff"
r=$?
check "SQL and dot-commands from the console, as the host's sqlite3 reads them" $r \
	"status $rc: $(diff "$SB/sql3.host" "$SB/sql3.out" | grep '^[<>]' | head -4 | tr '\n' '|')"
e2fsck -fn "$IMG" >"$SB/fsck.log" 2>&1
r=$?
check "e2fsck -fn finds the disk clean afterwards" $r "$(grep -v '^Pass\|^e2fsck' "$SB/fsck.log" | head -3 | tr '\n' '|')"

# 4. speedtest1 --size 5 against a native build of the same amalgamation,
#    same options (the build folder's own Makefile with CC=gcc): the same
#    test names and, with --verify, the same hash of every result; timings
#    masked. (LIBS=-lm: configure found the math functions in musl's
#    libc.a; glibc keeps them in libm.)
N=$SB/native
if [ ! -x "$N/speedtest1" ] || [ "$SB/st/upstream/speedtest1.o" -nt "$N/speedtest1" ]; then
	rm -rf "$N"; cp -a "$SB/st/upstream/build" "$N" && rm -f "$N/speedtest1" &&
		make -C "$N" CC=gcc CROSS_BUILDING=yes LIBS=-lm speedtest1 >"$SB/native-build.log" 2>&1
fi
mask() { sed -E 's/[0-9]+\.[0-9]+s$/TIME/; s/^(-- Compile options:).*/\1/' "$1" | grep -v -E '^(-- (SQLite|Speedtest)|TOTAL)'; }
(cd "$SB" && "$N/speedtest1" --size 5 --memdb --verify) >"$SB/st.host" 2>&1
hr=$?
run_guest "$SB/st.log" apps/sqlite/speedtest1 -O "$SB/st" --vmm qemu -- --size 5 --memdb --verify
guest_out "$SB/st.log" >"$SB/st.out"
mask "$SB/st.host" >"$SB/st.host.m"; mask "$SB/st.out" >"$SB/st.out.m"
[ $hr -eq 0 ] && [ $rc -eq 0 ] && [ "$(grep -c TIME "$SB/st.host.m")" -ge 20 ] && grep -q '^Verification Hash: ' "$SB/st.host.m" && diff "$SB/st.host.m" "$SB/st.out.m" >"$SB/st.diff"
r=$?
check "speedtest1 --size 5: $(grep -c TIME "$SB/st.host.m") tests, names and verification hash as the native build's" $r \
	"status $rc (native $hr): $(diff "$SB/st.host.m" "$SB/st.out.m" | grep '^[<>]' | head -4 | tr '\n' '|')"
# On a disk in 8 MiB (the bench's memory target for --size 10): the
# Tessfile's SQLITE_TMPDIR=/data puts VACUUM's temporary copy on the disk.
run_guest "$SB/st-disk.log" apps/sqlite/speedtest1 -O "$SB/st" --vmm qemu -m 8M --disk "$IMG" -k vfs.mount=/dev/vda:/data:ext2 -- --size 10 --verify /data/st.db
guest_out "$SB/st-disk.log" >"$SB/st-disk.out"
mask "$SB/st-disk.out" >"$SB/st-disk.out.m"
(cd "$SB" && rm -f st-native.db && "$N/speedtest1" --size 10 --verify st-native.db) >"$SB/st-disk.host" 2>&1
mask "$SB/st-disk.host" >"$SB/st-disk.host.m"
[ $rc -eq 0 ] && grep -q '^Verification Hash: ' "$SB/st-disk.host.m" && diff "$SB/st-disk.host.m" "$SB/st-disk.out.m" >"$SB/st-disk.diff"
r=$?
check "speedtest1 --size 10 on a database file on ext2, in -m 8M: as the native build's on a file" $r \
	"status $rc: $(diff "$SB/st-disk.host.m" "$SB/st-disk.out.m" | grep '^[<>]' | head -4 | tr '\n' '|')"
