-- A worker claims a task it received from the broker. The claim bumps the epoch: from now on only
-- writes carrying the new epoch are accepted, which fences every earlier owner.
-- ARGV: 3 task id, 4 worker id, 5 the epoch the dispatch message carried.
-- Returns {'ok', epoch, attempt, type, data, checkpoint, priority, checkpoint interval, progress, retries,
-- max retries, retry backoff, retry delay, retry max delay, time limit, soft time limit, parents' results}
-- or {'missing'} /
-- {'stale', status, epoch} / {'not_target', target} / {'worker_failed', worker} / {'illegal', from, to} /
-- {'parked', reason}.
-- A task cancelled while it waited for a new owner, or past its expiry before it ever started, ends here.
-- Its queue decides here, atomically, whether it may start (paused, stopped, concurrency and rate limits:
-- so they hold across every worker); if not, the queue holds it back (parked) and the message is dropped.
local id, worker, expected = ARGV[3], ARGV[4], tonumber(ARGV[5])
local t, f = read_task(id, 'target_worker', 'attempt', 'type', 'data', 'checkpoint_data', 'priority',
  'checkpoint_interval_s', 'progress', 'checkpoint_progress', 'checkpoints', 'retries', 'max_retries', 'retry_backoff',
  'retry_delay_ms', 'retry_max_delay_ms', 'cancel_reason', 'time_limit_s', 'soft_time_limit_s', 'expires_at',
  'parent_results', 'queue', 'lost_at')
if not t then return { 'missing' } end
if t.epoch ~= expected or not CLAIMABLE[t.status] then return { 'stale', t.status, tostring(t.epoch) } end
if f[5] and f[5] ~= '' and f[5] ~= worker then return { 'not_target', f[5] } end
if redis.call('HGET', worker_key(worker), 'status') == 'FAILED' then return { 'worker_failed', worker } end
local now = now_ms()
if f[20] then
  -- cancelled while its owner was being replaced (recovery, migration): it ends here instead of running
  change(t, 'CANCELLED', { epoch = t.epoch + 1, reason = f[20] }, now)
  return { 'stale', 'CANCELLED', tostring(t.epoch + 1) }
end
if f[23] and f[6] == '0' and tonumber(f[23]) <= now then
  -- never started and past its expiry (the message came late): it ends here
  change(t, 'CANCELLED', { epoch = t.epoch + 1, reason = 'expired' }, now)
  return { 'stale', 'CANCELLED', tostring(t.epoch + 1) }
end

t.queue = f[25] or DEFAULT_QUEUE
local held, retry_at, starts = queue_gate(t.queue, now)
if held then
  park(t, t.queue, held, now, retry_at)
  return { 'parked', held }
end

local epoch = t.epoch + 1
local attempt = tonumber(f[6]) + 1
local set = { 'attempt', attempt, 'attempt_started_at', now }
if attempt == 1 then set[#set + 1] = 'started_at'; set[#set + 1] = now end
local resumed = f[9] ~= false
local event = { 'attempt', attempt, 'previous_worker', t.worker or '', 'created_at', t.created_at }
if resumed then
  for _, x in ipairs({ 'previous_epoch', t.epoch, 'progress', f[13] or f[12] or '0', 'checkpoint', f[14] or '0' }) do
    event[#event + 1] = x
  end
end
if not change(t, 'RUNNING', { via = 'ASSIGNED', epoch = epoch, worker = worker, via_reason = 'claimed',
  reason = 'started', set = set, event = event, event_type = resumed and EVENT.TASK_RESUMED or EVENT.TASK_STARTED }, now) then
  return { 'illegal', t.status, 'RUNNING' }
end
if starts then redis.call('ZADD', starts, now, id .. ':' .. epoch) end
-- Prometheus' histograms: the wait before the first start; the time from losing a worker to running again
if attempt == 1 then observe('wait', f[7] or '?', now - t.created_at) end
if f[26] then
  observe('recovery', '', now - tonumber(f[26]))
  redis.call('HDEL', task_key(id), 'lost_at')
end
if f[21] then
  -- the manager's fallback, should the worker not enforce the hard limit (see timers.lua)
  redis.call('ZADD', timers_key(), now + tonumber(f[21]) * 1000 + LIMIT_GRACE_MS, 'limit:' .. id)
end
return { 'ok', tostring(epoch), tostring(attempt), f[7], f[8] or '{}', f[9] or '', f[10] or '0', f[11] or '', f[12] or '0',
  f[15] or '0', f[16] or '0', f[17] or '', f[18] or '', f[19] or '', f[21] or '', f[22] or '', f[24] or '' }
