-- bench.lua: a CPU benchmark of the Lua interpreter (bench/upstream.sh):
-- recursion, string building, table sort and coroutine switches, each
-- timed with os.clock; prints "name seconds checksum" lines and a total.
local scale = tonumber(arg and arg[1]) or 1

local function timed(name, fn)
  local t0 = os.clock()
  local check = fn()
  local dt = os.clock() - t0
  print(string.format("%-10s %.4f %s", name, dt, tostring(check)))
  return dt
end

local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end

local total = 0
total = total + timed("fib", function() return fib(27 + scale) end)

total = total + timed("strings", function()
  local parts = {}
  for i = 1, 100000 * scale do
    parts[#parts + 1] = string.format("%d:%x;", i, i * 7)
  end
  local s = table.concat(parts)
  local n = 0
  for _ in s:gmatch("%d+:") do n = n + 1 end
  return #s + n
end)

total = total + timed("sort", function()
  local t, x = {}, 12345
  for i = 1, 100000 * scale do
    x = (x * 1103515245 + 12345) % 2147483648 -- deterministic data
    t[i] = x
  end
  table.sort(t)
  return t[1] + t[#t]
end)

total = total + timed("coroutine", function()
  local co = coroutine.wrap(function()
    local i = 0
    while true do i = i + 1; coroutine.yield(i) end
  end)
  local sum = 0
  for _ = 1, 200000 * scale do sum = sum + co() end
  return sum
end)

print(string.format("%-10s %.4f", "total", total))
