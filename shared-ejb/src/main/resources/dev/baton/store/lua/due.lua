-- Takes the tasks whose (re)send to the broker is due: accepted but still unclaimed after the
-- dispatch timeout, or whose last send failed. Each one's next deadline backs off exponentially so a
-- long backlog does not turn into a resend storm. Duplicate messages are harmless: claims are fenced.
-- ARGV: 3 limit, 4 base timeout (ms).
-- Returns a list of {id, epoch, type, priority, target, dispatch number}.
local limit, base = tonumber(ARGV[3]), tonumber(ARGV[4])
local now = now_ms()
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', due_key(), '-inf', now, 'LIMIT', 0, limit)) do
  local key = task_key(id)
  local f = redis.call('HMGET', key, 'status', 'epoch', 'type', 'priority', 'target_worker', 'released', 'created_at',
    'worker_id')
  if f[1] == 'MIGRATING' and f[6] == '1' and not worker_alive(f[5], now) then
    -- The migration's target is gone before it took the task: any live worker resumes it instead.
    local epoch = tonumber(f[2]) + 1
    redis.call('HSET', key, 'status', 'RECOVERING', 'epoch', epoch, 'updated_at', now)
    redis.call('HDEL', key, 'target_worker', 'released', 'migration_target', 'migration_deadline')
    reindex(id, 'MIGRATING', 'RECOVERING', f[7])
    local why = 'migration target ' .. f[5] .. ' is gone'
    remember(id, transition('MIGRATING', 'RECOVERING', now, epoch, f[8], why))
    emit({ 'type', 'task.recovering', 'task_id', id, 'worker_id', f[8] or '', 'from', 'MIGRATING',
      'to', 'RECOVERING', 'epoch', epoch, 'reason', why, 'at', now })
    f[1], f[2], f[5] = 'RECOVERING', tostring(epoch), false
  end
  if f[1] and (CLAIMABLE[f[1]] or (f[1] == 'MIGRATING' and f[6] == '1')) then
    local n = redis.call('HINCRBY', key, 'dispatches', 1)
    redis.call('ZADD', due_key(), now + base * math.pow(2, math.min(n - 1, 5)), id)
    out[#out + 1] = { id, f[2], f[3], f[4] or '0', f[5] or '', tostring(n) }
  else
    redis.call('ZREM', due_key(), id)
  end
end
return out
