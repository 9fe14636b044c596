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

-- The score of a task in an index sorted by a number, then oldest first (when read highest first).
local function ranked(value, created_at)
  return tonumber(value) * 1e13 + (1e13 - 1 - tonumber(created_at))
end

-- Keeps the index by progress up to date: every script that changes a task's progress calls it.
local function index_progress(id, progress, created_at)
  redis.call('ZADD', progress_key(), ranked(progress, created_at), id)
end

-- Adds a new task to the lookup indexes: by priority (dispatch order: highest priority, then oldest
-- first), by progress, and by id (for lookups by id prefix).
local function index_for_lookup(id, priority, progress, created_at)
  redis.call('ZADD', priority_key(), ranked(priority, created_at), id)
  index_progress(id, progress, created_at)
  redis.call('ZADD', ids_key(), 0, id)
end

-- Moves the id from one status index to another (scored by creation time).
local function reindex(id, from, to, created_at)
  redis.call('ZREM', status_key(from), id)
  redis.call('ZADD', status_key(to), created_at, id)
end

-- Takes a task away from a worker that is gone: the epoch moves on (fencing that worker), the task
-- goes RECOVERING and is due for dispatch now, or DEAD once its workers have died max_recoveries times
-- while running it. Returns the new status and epoch, or nil if the task was not owned by anyone.
local function recover_task(id, worker, reason, max_recoveries, now)
  local key = task_key(id)
  local t = redis.call('HMGET', key, 'status', 'epoch', 'created_at', 'recoveries')
  if not t[1] or not OWNED[t[1]] then return nil end
  local recoveries = tonumber(t[4] or '0') + 1
  local to = recoveries >= max_recoveries and 'DEAD' or 'RECOVERING'
  if not allowed(t[1], to) then return nil end
  local epoch = tonumber(t[2]) + 1
  redis.call('HSET', key, 'status', to, 'epoch', epoch, 'recoveries', recoveries, 'updated_at', now)
  redis.call('HDEL', key, 'target_worker', 'released', 'migration_target', 'migration_deadline')
  redis.call('ZREM', migrations_key(), id)
  reindex(id, t[1], to, t[3])
  redis.call('SREM', worker_active_key(worker), id)
  local why = reason
  if to == 'DEAD' then
    why = 'its worker died ' .. recoveries .. ' times while running it (last: ' .. worker .. ', ' .. reason .. ')'
    redis.call('HSET', key, 'error', why, 'finished_at', now)
    redis.call('ZREM', due_key(), id)
    redis.call('HINCRBY', totals_key(), 'dead', 1)
  else
    redis.call('ZADD', due_key(), now, id)
  end
  remember(id, transition(t[1], to, now, epoch, worker, why))
  emit({ 'type', 'task.' .. string.lower(to), 'task_id', id, 'worker_id', worker, 'from', t[1], 'to', to,
    'epoch', epoch, 'reason', why, 'at', now })
  return to, epoch
end

-- True while the worker's lease runs and it has not been declared failed or left.
local function worker_alive(worker, now)
  local w = redis.call('HMGET', worker_key(worker), 'status', 'lease_until')
  return w[1] ~= false and w[1] ~= 'FAILED' and w[1] ~= 'DOWN' and tonumber(w[2] or '0') > now
end
