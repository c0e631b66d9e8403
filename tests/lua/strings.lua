-- strings.lua: string library and patterns, utf8, table.concat/sort; printed the same by the host's lua5.4 and Tessera's.
local s = "The quick brown fox jumps over the lazy dog 42 times, 3.5 km"
print(s:len(), #s, s:upper():sub(1, 9), s:lower():sub(-8))
print(s:find("fox"), s:find("o", 20, true), s:find("%d+"))
print(s:match("(%a+) (%a+)"), s:match("(%d+)%s+(%a+)"))
print(s:match("%d+%.%d+"), s:match("^(%w+)"), s:match("(%w+)$"))
local words = {}
for w in s:gmatch("%a+") do words[#words + 1] = w end
print(#words, table.concat(words, ","))
print(s:gsub("o", "0"))
print(s:gsub("(%w+) (%w+)", "%2 %1", 2))
print(("hello world"):gsub("%w+", function(w) return w:upper() .. "!" end))
print(("$name is $age"):gsub("%$(%w+)", { name = "lua", age = "30" }))
print(("abc"):rep(3, "-"), ("x"):rep(0), ("abc"):reverse(), ("abc"):byte(1, -1))
print(string.char(72, 105), ("%q"):format("a\nb\"c\0d"), ("%q"):format(1 / 3))
print(("[%5s][%-5s][%05d][%x][%X][%o][%e][%.3f][%g][%g]"):format("ab", "cd", 42, 255, 255, 8, 12345.678, 2 / 3, 1e20, 0.0001))
print(("%c%c%c"):format(76, 117, 97), ("%10.4s|"):format("abcdefgh"), ("%i"):format(-7))
print(("  trim me  "):match("^%s*(.-)%s*$") .. "|", ("key = value"):match("^(%w+)%s*=%s*(%w+)$"))
print(("f(a(b)c)d"):match("%b()"), ("THE (quick) fox"):find("%f[%a]%a+%f[%A]"))
print(("hello"):find("l"), ("hello"):find("xyz"), ("a.b.c"):find(".", 1, true))
print(string.format("%s %s %s", nil, true, 12), tostring(nil), tostring(false))
print(("a,b,,c"):gsub(",", ";"), select("#", ("a b c"):byte(1, -1)))
-- utf8
local u = "héllo wörld ✓"
print(utf8.len(u), #u, utf8.char(72, 228, 8364, 128512), utf8.codepoint(u, 1, 3))
for p, c in utf8.codes("añ✓") do io.write(p, ":", c, " ") end
print()
print(utf8.offset(u, 3), utf8.len("\xff"), utf8.charpattern)
-- table
local t = { 5, 2, 8, 1, 9, 3 }
table.sort(t); print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end); print(table.concat(t, " "))
table.insert(t, 1, 100); table.insert(t, 7); print(table.concat(t, " "), table.remove(t), table.remove(t, 1))
print(table.unpack({ 1, 2, 3 })); print(select("#", table.unpack({}, 1, 3)))
local m = table.move({ 1, 2, 3 }, 1, 3, 2); print(table.concat(m, ","))
local p = table.pack(1, nil, 3); print(p.n, p[1], p[2], p[3])
local names = { "delta", "alpha", "charlie", "bravo" }
table.sort(names); print(table.concat(names, " "))
