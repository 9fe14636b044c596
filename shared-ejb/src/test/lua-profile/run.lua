-- usage: lua5.1 run.lua LIB CALLS [reps] [profile]  (see README.md)
cjson = require('cjson')
local fake = dofile((arg[0]:match('(.*/)') or './') .. 'fake.lua')
local funcs = {}
redis = { call = fake.call, register_function = function(name, fn)
  if type(name) == 'table' then fn = name.callback; name = name.function_name end
  funcs[name:gsub('^baton_[0-9a-f]+_', '')] = fn end }
local src = io.open(arg[1]):read('*a'):gsub('^#![^\n]*\n', '')
assert(loadstring(src, 'lib'))()
local calls = dofile(arg[2])
local reps = tonumber(arg[3] or '5')
local profile = arg[4]
local function init()
  fake.reset()
  for i = 1, 3 do
    fake.call('HSET', 'baton:worker:worker-' .. i, 'id', 'worker-' .. i, 'status', 'UP', 'slots', '8', 'running', '0',
      'last_heartbeat', '1796678191795', 'lease_until', '1796678195795', 'overload_factor', '1.0',
      'types', 'attrgen,benchmark,computation,io,network,noop,sleep', 'queues', '')
    fake.call('ZADD', 'baton:workers:leases', '1796678999999', 'worker-' .. i)
  end
end
local per = {}
local function replay()
  for _, c in ipairs(calls) do
    if c[1] == 'FCALL' then
      local name = c[2]:gsub('^baton_[0-9a-f]+_', '')
      local nk = tonumber(c[3]); local KEYS, ARGV = {}, {}
      for i = 1, nk do KEYS[i] = c[3 + i] end
      for i = 4 + nk, #c do ARGV[#ARGV + 1] = c[i] end
      local t0 = os.clock()
      local ok, err = pcall(funcs[name], KEYS, ARGV)
      per[name] = (per[name] or 0) + (os.clock() - t0)
      if not ok then io.stderr:write(name .. ': ' .. tostring(err) .. '\n') end
    else
      fake.call(unpack(c))
    end
  end
end
-- the time the fake Redis itself takes: each redis.call is wrapped once to count it
local fakecost = 0
if profile then
  local samples, last = {}, os.clock()
  debug.sethook(function()
    local now = os.clock(); local info = debug.getinfo(2, 'Sl')
    local key = info.short_src .. ':' .. (info.currentline or 0)
    samples[key] = (samples[key] or 0) + (now - last); last = os.clock()
  end, '', 100)
  for r = 1, reps do init(); replay() end
  debug.sethook()
  local arr = {}; local tot = 0
  for k, v in pairs(samples) do arr[#arr + 1] = { k, v }; tot = tot + v end
  table.sort(arr, function(a, b) return a[2] > b[2] end)
  for i = 1, math.min(#arr, tonumber(profile) or 50) do print(string.format('%6.2f%% %s', arr[i][2] * 100 / tot, arr[i][1])) end
else
  init(); replay(); per = {}
  local t0 = os.clock()
  for r = 1, reps do init(); replay() end
  local t = os.clock() - t0
  local fsum = 0; for _, v in pairs(per) do fsum = fsum + v end
  print(string.format('total %.3f s for %d reps; in functions %.1f us per task (2000 tasks)', t, reps, fsum / reps / 2000 * 1e6))
  local arr = {}; for k, v in pairs(per) do arr[#arr + 1] = { k, v } end
  table.sort(arr, function(a, b) return a[2] > b[2] end)
  for _, e in ipairs(arr) do print(string.format('  %-14s %.1f us/task', e[1], e[2] / reps / 2000 * 1e6)) end
end
