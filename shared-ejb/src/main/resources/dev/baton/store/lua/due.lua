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
  local f = redis.call('HMGET', key, 'status', 'epoch', 'type', 'priority', 'target_worker')
  if f[1] and CLAIMABLE[f[1]] then
    local n = redis.call('HINCRBY', key, 'dispatches', 1)
    redis.call('ZADD', due_key(), now + base * math.pow(2, math.min(n - 1, 5)), id)
    out[#out + 1] = { id, f[2], f[3], f[4] or '0', f[5] or '', tostring(n) }
  else
    redis.call('ZREM', due_key(), id)
  end
end
return out
