-- Repairs what a crash could leave between states; run by a manager at start and now and then.
-- ARGV: 3 max recoveries, 4 grace (ms) after a lease ends before a silent owner counts as gone.
-- Returns {scheduled, recovered, {worker ids whose tasks were recovered}...}.
local max_recoveries, grace = tonumber(ARGV[3]), tonumber(ARGV[4])
local now = now_ms()
local scheduled, recovered, gone = 0, 0, {}

-- Waiting for a worker but not on the dispatch schedule (e.g. the manager died between two steps), and
-- not held back by its queue (parked: its queue's pump sends it).
for status in pairs(CLAIMABLE) do
  for _, id in ipairs(redis.call('ZRANGE', status_key(status), 0, -1)) do
    if not redis.call('ZSCORE', due_key(), id) and redis.call('HEXISTS', task_key(id), 'parked_reason') == 0 then
      redis.call('ZADD', due_key(), now, id)
      scheduled = scheduled + 1
    end
  end
end

-- Waiting for a timer that is not kept (data from before timers were kept, or a manual edit).
for status in pairs(TIMED) do
  for _, id in ipairs(redis.call('ZRANGE', status_key(status), 0, -1)) do
    if not redis.call('ZSCORE', timers_key(), 'wake:' .. id) then
      redis.call('ZADD', timers_key(), tonumber(redis.call('HGET', task_key(id), 'wake_at') or now), 'wake:' .. id)
      scheduled = scheduled + 1
    end
  end
end

-- Owned by a worker that is gone: declared failed, left, unknown, or silent past its lease and the grace.
for status in pairs(OWNED) do
  for _, id in ipairs(redis.call('ZRANGE', status_key(status), 0, -1)) do
    local owner = redis.call('HGET', task_key(id), 'worker_id')
    if owner then
      local w = redis.call('HMGET', worker_key(owner), 'status', 'lease_until', 'last_heartbeat')
      local silent = tonumber(w[2] or '0') + grace < now
      if not w[1] or w[1] == 'FAILED' or w[1] == 'DOWN' or silent then
        if recover_task(id, owner, 'its worker ' .. owner .. ' is gone (' .. (w[1] or 'unknown') .. ')', max_recoveries, now,
          tonumber(w[3] or now)) then
          recovered = recovered + 1
          gone[#gone + 1] = owner
        end
      end
    end
  end
end
return { scheduled, recovered, gone }
