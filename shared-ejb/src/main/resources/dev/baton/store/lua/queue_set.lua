-- Changes a queue: its state (pause: nothing new starts; stop: nothing new starts and its running tasks
-- are asked to hand back at their next step boundary, with a checkpoint, and wait; resume or start: it runs
-- again, from those checkpoints) and/or its limits. Logged; the pump looks at it at once.
-- ARGV: 3 queue, 4 state ('' to keep), 5 concurrency ('' to keep, '-' to remove), 6 rate max ('' to keep,
-- '-' to remove), 7 rate window (ms), 8 actor, 9 deadline for a stopped task's hand-back (ms).
-- Returns {state, {id, epoch, worker} of the running tasks asked to stop...}.
local q, state, conc, rmax, rper, actor = ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local now = now_ms()
local key = queue_key(q)
local before = redis.call('HGET', key, 'state') or 'active'
if state ~= '' then redis.call('HSET', key, 'state', state) end
if conc == '-' then redis.call('HDEL', key, 'concurrency') elseif conc ~= '' then redis.call('HSET', key, 'concurrency', conc) end
if rmax == '-' then
  redis.call('HDEL', key, 'rate_max', 'rate_per_ms')
  redis.call('DEL', queue_starts_key(q))
elseif rmax ~= '' then
  redis.call('HSET', key, 'rate_max', rmax, 'rate_per_ms', rper)
end
redis.call('HSET', key, 'changed_at', now, 'changed_by', actor)
redis.call('ZADD', queues_key(), 'NX', now, q)
local after = redis.call('HGET', key, 'state') or 'active'

local stopping = {}
if after == 'stopped' and before ~= 'stopped' then
  local deadline = now + tonumber(ARGV[9])
  for _, id in ipairs(redis.call('ZRANGE', status_key('RUNNING'), 0, -1)) do
    local t, f = read_task(id, 'queue')
    if (f[5] or DEFAULT_QUEUE) == q and change(t, 'MIGRATING', { reason = 'queue ' .. q .. ' stopped', actor = actor,
      deadline = deadline, event = { 'target', '', 'queue', q },
      set = { 'migration_target', '', 'migration_deadline', deadline, 'migration_requested_at', now } }, now) then
      stopping[#stopping + 1] = { id, tostring(t.epoch), t.worker or '' }
    end
  end
end
emit({ 'type', EVENT.QUEUE_CHANGED, 'queue', q, 'state', after, 'previous_state', before, 'concurrency',
  redis.call('HGET', key, 'concurrency') or '', 'rate_max', redis.call('HGET', key, 'rate_max') or '',
  'rate_per_ms', redis.call('HGET', key, 'rate_per_ms') or '', 'actor', actor, 'stopping', #stopping, 'at', now })
if after == 'active' then redis.call('ZADD', timers_key(), 'LT', now, 'pump:' .. q) end
return { after, stopping }
