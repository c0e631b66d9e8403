-- closures.lua: closures, upvalues, varargs, recursion, error handling and coroutines.
local function counter()
	local n = 0
	return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c1(), c2())
local fns = {}
for i = 1, 3 do fns[i] = function() return i * 10 end end
print(fns[1](), fns[2](), fns[3]())
local function shared()
	local v = 0
	return function() v = v + 1 return v end, function() return v end
end
local inc, get = shared(); inc(); inc(); print(get())
local function va(...) return select("#", ...), ... end
print(va(1, nil, 3, nil))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
local function tailsum(n, acc) if n == 0 then return acc end return tailsum(n - 1, acc + n) end
print(tailsum(100000, 0))
local okt, et = pcall(error, { code = 7 }); print(okt, type(et), et.code)
local ok, e = pcall(function() error("boom", 0) end); print(ok, e)
ok, e = pcall(function() error("where") end); print(ok, e)
ok, e = pcall(function() local x = nil; return x.y end); print(ok, e)
print(xpcall(function() error("deep") end, function(m) return "handled: " .. m end))
print(select(2, pcall(string.rep)))
-- coroutines
local gen = coroutine.wrap(function(a, b)
	local c = coroutine.yield(a + b)
	local d, e2 = coroutine.yield(c * 2)
	return d + e2
end)
print(gen(1, 2), gen(10), gen(3, 4))
local co = coroutine.create(function(...)
	local args = { ... }
	for i = 1, #args do coroutine.yield(args[i], coroutine.isyieldable()) end
	return "done"
end)
print(coroutine.status(co))
for _ = 1, 4 do print(coroutine.resume(co, "a", "b", "c")) end
print(coroutine.status(co), coroutine.resume(co))
local co2 = coroutine.create(function() error("inside") end)
print(coroutine.resume(co2)); print(coroutine.status(co2))
local main, ismain = coroutine.running(); print(coroutine.isyieldable(), type(main), ismain)
local function producer()
	return coroutine.wrap(function() for i = 1, 5 do coroutine.yield(i * i) end end)
end
local sum = 0
for v in producer() do sum = sum + v end
print("sum of squares", sum)
local co3 = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co3); print(coroutine.close(co3), coroutine.status(co3))
local depth = 0
local function nest(n) if n == 0 then return coroutine.yield(depth) end depth = depth + 1 return nest(n - 1) end
local cn = coroutine.wrap(function() return nest(150) end)
print(cn(), cn("back"))
