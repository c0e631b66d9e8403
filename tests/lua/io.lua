-- io.lua: files through the io library: write, read back by lines/numbers/all, seek, append, rename, remove, errors.
-- arg[1]: a writable folder (the host's temporary folder, or /tmp in the guest); data.txt sits next to the script.
local dir = assert(arg[1], "usage: io.lua WRITABLE-DIR")
local here = arg[0]:match("^(.*)/") or "."
local f = assert(io.open(here .. "/data.txt", "r"))
print(f:read("l")); print(f:read("L")); print(f:read("l"), f:read("n", "n", "n"))
print(f:read("l")); print(f:read("a")); print(f:read("a"), f:read("l"), f:read(0))
print(f:seek("set", 6), f:read(4), f:seek("cur"), f:seek("end"))
f:close()
print(io.type(f), io.type(io.stdout), io.type(42), pcall(f.read, f))
local n = 0
for line in io.lines(here .. "/data.txt") do n = n + 1; io.write("[", line, "]") end
print(" lines:", n)
for a, b in io.lines(here .. "/data.txt", 3, "l") do io.write(a, "|", tostring(b), ";") end
print()

local path = dir .. "/lua-io-test.txt"
local w = assert(io.open(path, "w"))
print(io.type(w), w:write("alpha\n", 12, " ", 3.5, "\n") == w)
for i = 1, 100 do w:write(string.format("row %03d %s\n", i, string.rep("z", i % 17))) end
print(w:seek("cur"), w:setvbuf("full", 1024))
w:close()
local r = assert(io.open(path, "rb"))
local all = r:read("a"); r:close()
print(#all, select(2, all:gsub("\n", "")), all:sub(1, 20):gsub("\n", "\\n"))
local a = assert(io.open(path, "a")); a:write("appended\n"); a:close()
local lines = {}
for l in io.lines(path) do lines[#lines + 1] = l end
print(#lines, lines[1], lines[2], lines[52], lines[#lines])
local rw = assert(io.open(path, "r+"))
rw:seek("set", 0); rw:write("ALPHA"); rw:seek("set", 0); print(rw:read("l")); rw:close()
local big = string.rep("0123456789abcdef", 4096)
local b = assert(io.open(path, "wb")); b:write(big); b:close()
b = assert(io.open(path, "rb")); local got = b:read(70000); print(#got, got == big, b:read(1)); b:close()
local path2 = dir .. "/lua-io-renamed.txt"
print(os.rename(path, path2), io.open(path) == nil, select(2, io.open(path)))
print(os.remove(path2), os.remove(path2))
print(io.open(dir .. "/no/such/dir/file", "w"))
print(pcall(io.lines, dir .. "/missing.txt"))
print(pcall(io.open, path, "rz"))
-- the default output and input files
local out = io.output()
io.output(dir .. "/lua-io-out.txt"); io.write("via io.write\n"); io.close(); io.output(out)
io.input(dir .. "/lua-io-out.txt"); print(io.read("L")); io.close(io.input()); io.input(io.stdin)
os.remove(dir .. "/lua-io-out.txt")
local tf = io.tmpfile(); tf:write("temporary"); tf:seek("set"); print(tf:read("a")); tf:close()
io.stdout:write("stdout:write ", 1, " ", 2.0, "\n")
io.stderr:write("")
