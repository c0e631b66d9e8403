-- meta.lua: metatables and metamethods, inheritance, __index/__newindex, __close, __tostring, rawget/rawset.
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({ x = x, y = y }, V) end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__mul = function(a, k) return vec(a.x * k, a.y * k) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a:len2() < b:len2() end
V.__le = function(a, b) return a:len2() <= b:len2() end
V.__tostring = function(a) return "(" .. a.x .. "," .. a.y .. ")" end
V.__len = function() return 2 end
V.__unm = function(a) return vec(-a.x, -a.y) end
V.__concat = function(a, b) return tostring(a) .. tostring(b) end
V.__call = function(self, k) return self[k] end
function V:len2() return self.x * self.x + self.y * self.y end
local a, b = vec(1, 2), vec(3, 4)
print(tostring(a + b), tostring(a * 3), a == vec(1, 2), a ~= b, a < b, b <= a, #a, tostring(-a), a .. b, a("y"))
-- inheritance
local Animal = {}; Animal.__index = Animal
function Animal.new(name) return setmetatable({ name = name }, Animal) end
function Animal:speak() return self.name .. " makes a sound" end
local Dog = setmetatable({}, { __index = Animal }); Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name); return setmetatable(d, Dog) end
function Dog:speak() return self.name .. " barks; " .. Animal.speak(self) end
print(Dog.new("rex"):speak(), getmetatable(Dog.new("x")) == Dog)
-- defaults, read-only proxies, counting accesses
local defaults = setmetatable({}, { __index = function(_, k) return "default-" .. k end })
defaults.real = 1; print(defaults.real, defaults.missing)
local log = {}
local proxy = setmetatable({}, {
	__index = function(_, k) log[#log + 1] = "get " .. k; return 0 end,
	__newindex = function(t, k, v) log[#log + 1] = "set " .. k; rawset(t, k, v * 2) end })
proxy.a = 5; print(proxy.a, proxy.b, rawget(proxy, "b"), table.concat(log, ";"))
local ro = setmetatable({}, { __newindex = function() error("read-only table", 2) end, __metatable = "locked" })
print(pcall(function() ro.x = 1 end)); print(getmetatable(ro), pcall(setmetatable, ro, {}))
-- arithmetic fallbacks on strings, integer division, bitwise metamethods
local B = setmetatable({}, { __band = function() return "band" end, __shl = function() return "shl" end,
	__idiv = function() return "idiv" end, __mod = function() return "mod" end, __pow = function() return "pow" end })
print(B & 1, B << 1, B // 2, B % 3, B ^ 2)
-- __close and __gc-free to-be-closed variables
do
	local order = {}
	do
		local x <close> = setmetatable({}, { __close = function() order[#order + 1] = "x" end })
		local y <close> = setmetatable({}, { __close = function(_, err) order[#order + 1] = "y" .. tostring(err) end })
	end
	print(table.concat(order, ","))
end
-- __pairs-free ordered iteration and __index chains
local base = { greet = "hi" }
local mid = setmetatable({}, { __index = base })
local top = setmetatable({}, { __index = mid })
print(top.greet, rawget(top, "greet"), rawlen({ 1, 2, 3 }), rawequal(a, a), rawequal(a, vec(1, 2)))
local t = setmetatable({}, { __index = table }); t:insert("p"); t:insert("q"); print(t:concat("+"))
print(("x"):rep(3), #"abc", ("%d"):format(3))
