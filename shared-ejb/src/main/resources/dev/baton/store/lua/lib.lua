-- Helpers shared by every script. Prepended after the key layout (RedisKeys) and the
-- transition table (TaskTransitions), both generated from Java.

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function allowed(from, to)
  return ALLOWED[from] ~= nil and ALLOWED[from][to] == true
end

-- Appends one entry to the system event log (a capped stream).
local function emit(fields)
  redis.call('XADD', events_key(), 'MAXLEN', '~', EVENTS_MAXLEN, '*', unpack(fields))
end

-- One entry of a task's history, as JSON.
local function transition(from, to, at, epoch, worker, reason)
  return cjson.encode({ from = from, to = to, at = at, epoch = epoch, worker = worker, reason = reason })
end

-- Appends transitions to the task's own history (one call for several).
local function remember(id, ...)
  redis.call('RPUSH', history_key(id), ...)
end

-- Moves the id from one status index to another (scored by creation time).
local function reindex(id, from, to, created_at)
  redis.call('ZREM', status_key(from), id)
  redis.call('ZADD', status_key(to), created_at, id)
end
