-- os.lua: time, date with fixed times (run with TZ=UTC on the host, none in the guest), clock, getenv, tmpname, exit.
print(type(os.time()), os.time() > 1600000000, math.type(os.time()))
local t0 = 1700000000
print(os.date("!%Y-%m-%d %H:%M:%S", t0), os.date("!%A %B %j %U %w %y %p %I", t0))
print(os.date("!%c", 0), os.date("!%x %X %%", 86400 * 365))
local d = os.date("!*t", t0)
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, d.isdst)
print(os.time({ year = 2023, month = 11, day = 14, hour = 22, min = 13, sec = 20 }))
print(os.time({ year = 2000, month = 1, day = 1, hour = 0 }), os.time({ year = 2024, month = 2, day = 30, hour = 12 }))
local norm = os.date("*t", os.time({ year = 2021, month = 13, day = 32, hour = 25 }))
print(norm.year, norm.month, norm.day, norm.hour)
print(os.date("%Y-%m-%d %H:%M:%S", 0), os.date("%H:%M", 3600 * 5 + 60 * 7))
print(os.difftime(t0 + 90, t0), os.difftime(t0, t0 + 1))
print(pcall(os.date, "%Ez", 0))
print(pcall(os.date, "!%Q", 0))
local c = os.clock()
local x = 0
for i = 1, 3000000 do x = x + i end
local c2 = os.clock()
print("clock", math.type(c), c >= 0, c2 >= c, x)
print(os.getenv("LUATEST_VALUE"), os.getenv("LUATEST_UNSET"), os.getenv("LUATEST_SPACES"))
local name = os.tmpname()
print(type(name), #name > 0)
local tf = io.open(name, "w"); if tf then tf:write("x"); tf:close() end
print(os.remove(name))
print(select("#", os.execute()) > 0)
os.exit(3)
