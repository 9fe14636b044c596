-- Everything a picture of the cluster shows, in one round trip; it only reads.
-- ARGV: 3 how many of the oldest waiting (CREATED) tasks to list, 4 how many full seconds of
-- completion and failure counts to return.
-- Returns {now (ms), {{worker hash as a flat list}, {ids it owns}}..., {fields of each task that is
-- owned, migrating or recovering}..., {number waiting, {fields of the oldest waiting}...},
-- {status, count}..., {totals as a flat list}, {completions per second, newest first}, {failures ...}}.
-- Task fields, in this order: see TASK_FIELDS (RedisSnapshots reads them by position).
local n_waiting, n_seconds = tonumber(ARGV[3]), tonumber(ARGV[4])
local TASK_FIELDS = { 'id', 'status', 'type', 'priority', 'progress', 'progress_message', 'worker_id', 'epoch',
  'attempt', 'checkpoints', 'checkpoint_progress', 'last_checkpoint_at', 'migration_target', 'wake_at',
  'created_at', 'started_at', 'updated_at' }
local function fields(id) return redis.call('HMGET', task_key(id), unpack(TASK_FIELDS)) end

local now = now_ms()
local workers, tasks, seen = {}, {}, {}
for _, w in ipairs(redis.call('ZRANGE', leases_key(), 0, -1)) do
  local owned = redis.call('SMEMBERS', worker_active_key(w))
  workers[#workers + 1] = { redis.call('HGETALL', worker_key(w)), owned }
  for _, id in ipairs(owned) do
    if not seen[id] then seen[id] = true; tasks[#tasks + 1] = fields(id) end
  end
end
-- In transit: leaving a worker (MIGRATING, RELEASED) or waiting to resume (RECOVERING).
for _, s in ipairs({ 'MIGRATING', 'RELEASED', 'RECOVERING' }) do
  for _, id in ipairs(redis.call('ZRANGE', status_key(s), 0, 99)) do
    if not seen[id] then seen[id] = true; tasks[#tasks + 1] = fields(id) end
  end
end
local waiting = {}
for _, id in ipairs(redis.call('ZRANGE', status_key('CREATED'), 0, n_waiting - 1)) do waiting[#waiting + 1] = fields(id) end

local counts = {}
for s, _ in pairs(ALLOWED) do
  counts[#counts + 1] = s
  counts[#counts + 1] = redis.call('ZCARD', status_key(s))
end
local second = math.floor(now / 1000)
local done, failed = per_second(completed_second_key, second, n_seconds), per_second(failed_second_key, second, n_seconds)
return { now, workers, tasks, { redis.call('ZCARD', status_key('CREATED')), waiting }, counts,
  redis.call('HGETALL', totals_key()), done, failed }
