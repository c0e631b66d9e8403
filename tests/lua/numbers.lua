-- numbers.lua: integers and floats, their formatting and conversions, math library (fixed seeds only).
print(1, 1.0, -0.0, 1e15, 1e16, 2^53, 2^63, 1e100, 123456789012, 0.1, 1/3, -1/3, 100 // 7, 100 / 7)
print(math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger, math.mininteger // -1)
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 7.5 // 2, -7.5 % 2, 3 % math.huge, -3 % math.huge)
print(math.huge, -math.huge, 0/0 ~= 0/0, math.pi, -math.pi)
print(3 | 5, 3 & 5, 3 ~ 5, ~0, 1 << 62, 1 << 63, 1 << 64, -1 >> 1, "10" + 5, "3.0" * 2, 10 .. 20)
print(math.type(1), math.type(1.0), math.type("1"), math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"))
print(tonumber("0x10"), tonumber("1e2"), tonumber("  12  "), tonumber("12a"), tonumber("z", 36), tonumber("777", 8),
	tonumber("ff", 16), tonumber(""), tonumber("0x1p4"), tonumber("inf"), tonumber(".5"), tonumber("5."))
print(string.format("%d %5.1f %.3e %g %g %g %a", 42, 3.14159, 123456.789, 100000, 1000000, 1e-5, 1.0))
print(string.format("%.14g %.17g %.0f %.0f %.0f", 0.1, 0.1, 0.5, 1.5, 2.5))
print(string.format("%+d % d %#x %#o %-6d| %6.2f|", 5, 5, 255, 8, 42, -2.5))
print(math.floor(3.7), math.ceil(3.2), math.floor(-3.7), math.ceil(-3.2), math.abs(-4), math.abs(math.mininteger))
print(math.max(1, 5, 3), math.min(2.5, -1, 4), math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3.5))
print(math.sqrt(16), math.sqrt(2), math.exp(1), math.log(100, 10), math.log(8, 2), math.log(2.718281828459045))
print(math.sin(0), math.cos(0), math.tan(math.pi / 4), math.asin(1), math.acos(0), math.atan(1, 1), math.atan(-1))
print(math.modf(3.7), math.modf(-3.7), math.modf(5), math.ult(1, -1), math.ult(-1, 1))
print(8 // 0.0, -8 // 0.0, pcall(function() return 1 // 0 end))
print(pcall(function() return 1 % 0 end))
print(2^10, 10 / 2, 3 * 1.0, 2^-1, (-2)^2, -2^2, 1e308 * 10, -1e308 * 10)
print(string.format("%5.2f|%-8.3f|%08.3f", 1/3, 2/3, -1/3), 255 // 1, 255.0 // 1)
print(tostring(1e300 * 1e10), tostring(-(0/0)) == tostring(0/0) or "sign", 9007199254740993, 2^53 + 1)
print(1 == 1.0, math.type(2^31), 2^31 | 0, pcall(function() return 2^64 | 0 end))
print(string.format("%q", 0.1), string.format("%q", math.mininteger), string.format("%q", 1/0))
math.randomseed(42)
local a, b2, c = math.random(1, 100), math.random(1, 100), math.random()
math.randomseed(42)
print(a == math.random(1, 100), b2 == math.random(1, 100), c == math.random(), c >= 0 and c < 1)
local ok = true
for _ = 1, 1000 do local r = math.random(3, 7); if r < 3 or r > 7 or math.type(r) ~= "integer" then ok = false end end
print("random in range", ok, pcall(math.random, 2, 1))
local sum = 0
for i = 1, 1000000 do sum = sum + i % 7 end
print(sum, 1e6 // 1, string.rep("9", 20) + 0, math.tointeger(2^53))
for _, s in ipairs({ "1", "1.5", "0x7fffffffffffffff", "9223372036854775808", "-9223372036854775808", "1e5" }) do
	local n = tonumber(s); io.write(s, "=", tostring(n), ":", math.type(n), " ")
end
print()
