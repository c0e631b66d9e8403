#!/bin/bash
# build-guest.sh: build tvm's test guest into DIR: guest0.elf (no devices), guest1.elf (one block
# device), guest2.elf (one network device).
# Usage: tools/tvm/tests/build-guest.sh DIR     Prints DIR/guest0.elf on success.
set -eu
dir=${1:?usage: build-guest.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
for n in 0 1 2; do
	gcc -std=gnu11 -O2 -ffreestanding -fno-pic -no-pie -nostdlib -static -fno-stack-protector \
		-fcf-protection=none -mgeneral-regs-only -fno-asynchronous-unwind-tables \
		-Wall -Wextra -Werror -I "$root/include" -DNBLOCK=$((n == 1)) -DNNET=$((n == 2)) \
		-Wl,-T,"$here/guest/guest.ld" -Wl,-z,max-page-size=4096 -Wl,--build-id=none \
		-Wl,-z,noexecstack -o "$dir/guest$n.elf" "$here/guest/start.S" "$here/guest/guest.c"
done
echo "$dir/guest0.elf"
