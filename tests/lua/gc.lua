-- gc.lua: the collector's observable properties (counts vary between builds: only their relations are printed).
print(collectgarbage("isrunning"), type(collectgarbage("count")), collectgarbage("count") > 0)
collectgarbage(); collectgarbage()
local base = collectgarbage("count")
local keep = {}
for i = 1, 5000 do keep[i] = { i, tostring(i), { i } } end
local grown = collectgarbage("count")
print("grows with live data", grown > base + 200)
keep = nil
collectgarbage(); collectgarbage()
local after = collectgarbage("count")
print("shrinks after collect", after < grown - 200)
-- weak tables
local weakv = setmetatable({}, { __mode = "v" })
local weakk = setmetatable({}, { __mode = "k" })
local strong = {}
weakv[1] = {}; weakv[2] = strong; weakk[{}] = 1; weakk[strong] = 2
collectgarbage()
local nk = 0
for _ in pairs(weakk) do nk = nk + 1 end
print("weak values", weakv[1] == nil, weakv[2] == strong, "weak keys left", nk)
-- finalizers, in reverse order of marking, run by a full collection
local order = {}
for i = 1, 3 do setmetatable({}, { __gc = function() order[#order + 1] = i end }) end
collectgarbage()
table.sort(order)
print("finalizers ran", table.concat(order, ","))
local resurrected
do
	local obj = setmetatable({ name = "phoenix" }, { __gc = function(o) resurrected = o end })
	obj = nil
end
collectgarbage()
print("resurrected", resurrected and resurrected.name)
-- modes and steps
print(collectgarbage("incremental"), collectgarbage("generational"), collectgarbage("incremental"))
print(type(collectgarbage("step")), collectgarbage("stop"), collectgarbage("isrunning"), collectgarbage("restart"), collectgarbage("isrunning"))
-- lots of garbage in a loop stays bounded
collectgarbage()
local start = collectgarbage("count")
for i = 1, 200000 do local t = { i, i + 1, tostring(i) } end
collectgarbage()
print("garbage reclaimed", collectgarbage("count") < start + 200)
-- strings: interned short strings, long strings and concatenation
local parts = {}
for i = 1, 1000 do parts[i] = string.rep("x", i % 50) end
local big = table.concat(parts)
print(#big, big == table.concat(parts), ("ab"):rep(3) == "ababab")
