-- The owner records the outcome: COMPLETED with a result or FAILED with an error. Fenced, and the
-- transition table refuses a second outcome, so a result is recorded exactly once.
-- ARGV: 3 id, 4 epoch, 5 outcome (COMPLETED | FAILED), 6 result JSON or error text, 7 worker id.
-- Returns {'ok'} or {'missing'} / {'stale', status, epoch} / {'illegal', from, to}.
local id, epoch, outcome = ARGV[3], tonumber(ARGV[4]), ARGV[5]
local key = task_key(id)
local f = redis.call('HMGET', key, 'status', 'epoch', 'created_at', 'worker_id', 'attempt')
if not f[1] then return { 'missing' } end
if tonumber(f[2]) ~= epoch or not (f[1] == 'RUNNING' or f[1] == 'MIGRATING') then
  if epoch < tonumber(f[2]) then
    emit({ 'type', 'task.fenced', 'task_id', id, 'worker_id', ARGV[7], 'epoch', epoch,
      'current_epoch', f[2], 'status', f[1], 'at', now_ms() })
  end
  return { 'stale', f[1], f[2] }
end
if not allowed(f[1], outcome) then return { 'illegal', f[1], outcome } end

local now = now_ms()
if outcome == 'COMPLETED' then
  redis.call('HSET', key, 'status', outcome, 'result', ARGV[6], 'progress', 100, 'progress_message', 'completed',
    'finished_at', now, 'updated_at', now)
  index_progress(id, 100, f[3])
  redis.call('HINCRBY', totals_key(), 'completed', 1)
  local second = completed_second_key(math.floor(now / 1000))
  if redis.call('INCR', second) == 1 then redis.call('EXPIRE', second, 600) end
else
  redis.call('HSET', key, 'status', outcome, 'error', ARGV[6], 'finished_at', now, 'updated_at', now)
  redis.call('HINCRBY', totals_key(), 'failed', 1)
  local second = failed_second_key(math.floor(now / 1000))
  if redis.call('INCR', second) == 1 then redis.call('EXPIRE', second, 600) end
end
reindex(id, f[1], outcome, f[3])
redis.call('SREM', worker_active_key(f[4]), id)
remember(id, transition(f[1], outcome, now, epoch, ARGV[7], outcome == 'COMPLETED' and 'completed' or ARGV[6]))
emit({ 'type', outcome == 'COMPLETED' and 'task.completed' or 'task.failed', 'task_id', id,
  'worker_id', ARGV[7], 'from', f[1], 'to', outcome, 'epoch', epoch, 'attempt', f[5], 'created_at', f[3], 'at', now })
return { 'ok' }
