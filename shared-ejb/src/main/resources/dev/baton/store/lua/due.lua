-- Takes the tasks whose (re)send to the broker is due: accepted but still unclaimed after the
-- dispatch timeout, or whose last send failed. Each one's next deadline backs off exponentially so a
-- long backlog does not turn into a resend storm. Duplicate messages are harmless: claims are fenced.
-- ARGV: 3 limit, 4 base timeout (ms).
-- Returns a list of {id, epoch, type, priority, target or '', queue, dispatch number}.
local limit, base = tonumber(ARGV[3]), tonumber(ARGV[4])
local now = now_ms()
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', due_key(), '-inf', now, 'LIMIT', 0, limit)) do
  local t, f = read_task(id, 'type', 'priority', 'target_worker', 'queue')
  if t and t.status == 'RELEASED' and f[7] and f[7] ~= '' and not worker_alive(f[7], now) then
    -- The migration's target is gone before it took the task: any live worker resumes it instead.
    change(t, 'RECOVERING', { epoch = t.epoch + 1, reason = 'migration target ' .. f[7] .. ' is gone' }, now)
    t.status, t.epoch, f[7] = 'RECOVERING', t.epoch + 1, false
  end
  if t and CLAIMABLE[t.status] then
    local n = redis.call('HINCRBY', task_key(id), 'dispatches', 1)
    redis.call('ZADD', due_key(), now + base * math.pow(2, math.min(n - 1, 5)), id)
    out[#out + 1] = { id, tostring(t.epoch), f[5], f[6] or '0', f[7] or '', f[8] or DEFAULT_QUEUE, tostring(n) }
  else
    redis.call('ZREM', due_key(), id)
  end
end
return out
