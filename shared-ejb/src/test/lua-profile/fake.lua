-- A minimal in-memory Redis for replaying Baton's function calls in plain Lua 5.1 (profiling only).
local db = {}
local F = {}
local function z(key) local v = db[key]; if not v then v = { t = 'z', m = {}, n = 0 }; db[key] = v end; return v end
local function h(key) local v = db[key]; if not v then v = { t = 'h', m = {} }; db[key] = v end; return v end
local function s(key) local v = db[key]; if not v then v = { t = 's', m = {} }; db[key] = v end; return v end
local function l(key) local v = db[key]; if not v then v = { t = 'l', a = {} }; db[key] = v end; return v end
local function num(x) if x == '-inf' then return -math.huge elseif x == '+inf' or x == 'inf' then return math.huge end return tonumber(x) end
local function bound(x) x = tostring(x); if x:sub(1, 1) == '(' then return num(x:sub(2)), true end return num(x), false end
local function sorted(v)
  if v.sorted then return v.sorted end
  local a = {}
  for m, sc in pairs(v.m) do a[#a + 1] = { m, sc } end
  table.sort(a, function(x, y) if x[2] ~= y[2] then return x[2] < y[2] end return x[1] < y[1] end)
  v.sorted = a
  return a
end
local seq = 0
local clock = 1796678167000
F.TIME = function() clock = clock + 1; return { tostring(math.floor(clock / 1000)), tostring((clock % 1000) * 1000) } end
F.HSET = function(k, ...) local v = h(k).m; local n = select('#', ...); local a = { ... }; local c = 0
  for i = 1, n, 2 do if v[a[i]] == nil then c = c + 1 end; v[a[i]] = tostring(a[i + 1]) end; return c end
F.HMGET = function(k, ...) local v = db[k]; local out = {}; local a = { ... }
  for i = 1, #a do out[i] = v and v.m[a[i]] or false end; return out end
F.HGET = function(k, f) local v = db[k]; return v and v.m[f] or false end
F.HGETALL = function(k) local v = db[k]; local out = {}; if v then for f, x in pairs(v.m) do out[#out + 1] = f; out[#out + 1] = x end end; return out end
F.HDEL = function(k, ...) local v = db[k]; local c = 0; if v then for _, f in ipairs({ ... }) do if v.m[f] then v.m[f] = nil; c = c + 1 end end end; return c end
F.HINCRBY = function(k, f, n) local v = h(k).m; local x = tonumber(v[f] or '0') + tonumber(n); v[f] = tostring(x); return x end
F.HLEN = function(k) local v = db[k]; local c = 0; if v then for _ in pairs(v.m) do c = c + 1 end end; return c end
F.INCRBY = function(k, n) local v = db[k]; local x = tonumber(v and v.x or '0') + tonumber(n); db[k] = { t = 'str', x = tostring(x) }; return x end
F.GET = function(k) local v = db[k]; return v and v.x or false end
F.SET = function(k, x) db[k] = { t = 'str', x = tostring(x) }; return { ok = 'OK' } end
F.MGET = function(...) local out = {}; for i, k in ipairs({ ... }) do local v = db[k]; out[i] = v and v.x or false end; return out end
F.EXPIRE = function() return 1 end
F.EXISTS = function(...) local c = 0; for _, k in ipairs({ ... }) do if db[k] then c = c + 1 end end; return c end
F.DEL = function(...) local c = 0; for _, k in ipairs({ ... }) do if db[k] then db[k] = nil; c = c + 1 end end; return c end
F.UNLINK = F.DEL
F.RPUSH = function(k, ...) local a = l(k).a; for _, x in ipairs({ ... }) do a[#a + 1] = x end; return #a end
F.LRANGE = function(k, a, b) local v = db[k]; local out = {}; if not v then return out end
  a = tonumber(a); b = tonumber(b); local n = #v.a; if a < 0 then a = n + a end; if b < 0 then b = n + b end
  for i = a + 1, math.min(b + 1, n) do out[#out + 1] = v.a[i] end; return out end
F.SADD = function(k, ...) local v = s(k).m; local c = 0; for _, x in ipairs({ ... }) do if not v[x] then v[x] = true; c = c + 1 end end; return c end
F.SREM = function(k, ...) local v = db[k]; local c = 0; if v then for _, x in ipairs({ ... }) do if v.m[x] then v.m[x] = nil; c = c + 1 end end end; return c end
F.SMEMBERS = function(k) local v = db[k]; local out = {}; if v then for x in pairs(v.m) do out[#out + 1] = x end end; return out end
F.SCARD = function(k) local v = db[k]; local c = 0; if v then for _ in pairs(v.m) do c = c + 1 end end; return c end
F.SISMEMBER = function(k, x) local v = db[k]; return (v and v.m[x]) and 1 or 0 end
F.XADD = function(k, ...) seq = seq + 1; local v = l(k).a; v[#v + 1] = { ... }; if #v > 20000 then db[k] = { t = 'l', a = {} } end; return clock .. '-' .. seq end
F.ZADD = function(k, ...)
  local a = { ... }; local i = 1; local nx, xx, lt, gt = false, false, false, false
  while a[i] == 'NX' or a[i] == 'XX' or a[i] == 'LT' or a[i] == 'GT' or a[i] == 'CH' do
    if a[i] == 'NX' then nx = true elseif a[i] == 'XX' then xx = true elseif a[i] == 'LT' then lt = true elseif a[i] == 'GT' then gt = true end; i = i + 1 end
  local v = z(k); local c = 0
  for j = i, #a, 2 do
    local sc, m = num(a[j]), a[j + 1]; local old = v.m[m]
    if old == nil then if not xx then v.m[m] = sc; v.n = v.n + 1; c = c + 1 end
    elseif not nx then if (not lt or sc < old) and (not gt or sc > old) then v.m[m] = sc end end
  end
  v.sorted = nil; return c end
F.ZREM = function(k, ...) local v = db[k]; local c = 0; if v then for _, m in ipairs({ ... }) do if v.m[m] then v.m[m] = nil; v.n = v.n - 1; c = c + 1 end end; v.sorted = nil end; return c end
F.ZSCORE = function(k, m) local v = db[k]; local sc = v and v.m[m]; return sc and tostring(sc) or false end
F.ZCARD = function(k) local v = db[k]; return v and v.n or 0 end
local function range(k, lo, hi, rev, withscores, off, cnt, byscore)
  local v = db[k]; local out = {}; if not v then return out end
  local a = sorted(v); local sel = {}
  if byscore then
    local mn, mnx = bound(lo); local mx, mxx = bound(hi)
    for _, e in ipairs(a) do local sc = e[2]
      if (sc > mn or (not mnx and sc == mn)) and (sc < mx or (not mxx and sc == mx)) then sel[#sel + 1] = e end end
    if rev then local r = {}; for i = #sel, 1, -1 do r[#r + 1] = sel[i] end; sel = r end
    off = off or 0; cnt = cnt or -1
    local r = {}; for i = off + 1, #sel do if cnt >= 0 and #r >= cnt then break end; r[#r + 1] = sel[i] end; sel = r
  else
    local n = #a; lo = tonumber(lo); hi = tonumber(hi); if lo < 0 then lo = n + lo end; if hi < 0 then hi = n + hi end
    for i = lo + 1, math.min(hi + 1, n) do sel[#sel + 1] = rev and a[n - i + 1] or a[i] end
  end
  for _, e in ipairs(sel) do out[#out + 1] = e[1]; if withscores then out[#out + 1] = tostring(e[2]) end end
  return out
end
local function opts(a, from) local o = {}; local i = from
  while a[i] do local x = tostring(a[i]):upper()
    if x == 'WITHSCORES' then o.ws = true; i = i + 1 elseif x == 'LIMIT' then o.off = tonumber(a[i + 1]); o.cnt = tonumber(a[i + 2]); i = i + 3
    elseif x == 'REV' then o.rev = true; i = i + 1 elseif x == 'BYSCORE' then o.bs = true; i = i + 1 else i = i + 1 end end
  return o end
F.ZRANGEBYSCORE = function(k, lo, hi, ...) local o = opts({ ... }, 1); return range(k, lo, hi, false, o.ws, o.off, o.cnt, true) end
F.ZREVRANGEBYSCORE = function(k, hi, lo, ...) local o = opts({ ... }, 1); return range(k, lo, hi, true, o.ws, o.off, o.cnt, true) end
F.ZRANGE = function(k, a, b, ...) local o = opts({ ... }, 1); if o.bs then return range(k, a, b, o.rev, o.ws, o.off, o.cnt, true) end return range(k, a, b, o.rev, o.ws) end
F.ZREVRANGE = function(k, a, b, ...) local o = opts({ ... }, 1); return range(k, a, b, true, o.ws) end
F.ZREMRANGEBYSCORE = function(k, lo, hi) local c = 0; for _, m in ipairs(range(k, lo, hi, false, false, nil, nil, true)) do F.ZREM(k, m); c = c + 1 end; return c end
F.ZCOUNT = function(k, lo, hi) return #range(k, lo, hi, false, false, nil, nil, true) end
F.ZREVRANK = function(k, m) local v = db[k]; if not v or not v.m[m] then return false end; local a = sorted(v); for i = #a, 1, -1 do if a[i][1] == m then return #a - i end end end
F.ZRANK = function(k, m) local v = db[k]; if not v or not v.m[m] then return false end; local a = sorted(v); for i = 1, #a do if a[i][1] == m then return i - 1 end end end
F.ZPOPMIN = function(k) local v = db[k]; if not v or v.n == 0 then return {} end; local e = sorted(v)[1]; F.ZREM(k, e[1]); return { e[1], tostring(e[2]) } end
F.XTRIM = function() return 0 end
F.PUBLISH = function() return 0 end
local unknown = {}
local function call(cmd, ...)
  local f = F[cmd] or F[cmd:upper()]
  if not f then if not unknown[cmd] then unknown[cmd] = true; io.stderr:write('unknown command ' .. cmd .. '\n') end; return false end
  return f(...)
end
return { call = call, db = function() return db end, reset = function() db = {}; seq = 0 end }
