-- A worker claims a task it received from the broker. The claim bumps the epoch: from now on only
-- writes carrying the new epoch are accepted, which fences every earlier owner.
-- ARGV: 3 task id, 4 worker id, 5 the epoch the dispatch message carried.
-- Returns {'ok', epoch, attempt, type, data, checkpoint, priority, checkpoint interval, progress}
-- or {'missing'} / {'stale', status, epoch} / {'not_target', target} / {'illegal', from, to}.
local id, worker, expected = ARGV[3], ARGV[4], tonumber(ARGV[5])
local key = task_key(id)
local f = redis.call('HMGET', key, 'status', 'epoch', 'target_worker', 'created_at', 'worker_id', 'attempt',
  'type', 'data', 'checkpoint_data', 'priority', 'checkpoint_interval_s', 'progress', 'released',
  'checkpoint_progress', 'checkpoints')
local status, epoch = f[1], tonumber(f[2])
if not status then return { 'missing' } end
local claimable = CLAIMABLE[status] or (status == 'MIGRATING' and f[13] == '1')
if epoch ~= expected or not claimable then return { 'stale', status, tostring(epoch) } end
if f[3] and f[3] ~= '' and f[3] ~= worker then return { 'not_target', f[3] } end
if redis.call('HGET', worker_key(worker), 'status') == 'FAILED' then return { 'worker_failed', worker } end
if not (allowed(status, 'ASSIGNED') and allowed('ASSIGNED', 'RUNNING')) then
  return { 'illegal', status, 'RUNNING' }
end

local now = now_ms()
local new_epoch = epoch + 1
local attempt = tonumber(f[6]) + 1
if attempt == 1 then
  redis.call('HSET', key, 'status', 'RUNNING', 'epoch', new_epoch, 'attempt', attempt,
    'worker_id', worker, 'updated_at', now, 'attempt_started_at', now, 'started_at', now)
else
  redis.call('HSET', key, 'status', 'RUNNING', 'epoch', new_epoch, 'attempt', attempt,
    'worker_id', worker, 'updated_at', now, 'attempt_started_at', now)
end
if f[3] or f[13] then redis.call('HDEL', key, 'target_worker', 'released', 'migration_target', 'migration_deadline') end
reindex(id, status, 'RUNNING', f[4])
if f[5] ~= worker then
  if f[5] then redis.call('ZREM', worker_tasks_key(f[5]), id) end
  redis.call('ZADD', worker_tasks_key(worker), f[4], id)
end
redis.call('SADD', worker_active_key(worker), id)
redis.call('ZREM', due_key(), id)
remember(id, transition(status, 'ASSIGNED', now, new_epoch, worker, 'claimed'),
  transition('ASSIGNED', 'RUNNING', now, new_epoch, worker, 'started'))
if f[9] then
  emit({ 'type', 'task.resumed', 'task_id', id, 'worker_id', worker, 'from', status, 'to', 'RUNNING',
    'epoch', new_epoch, 'previous_epoch', epoch, 'attempt', attempt, 'previous_worker', f[5] or '',
    'progress', f[14] or f[12] or '0', 'checkpoint', f[15] or '0', 'created_at', f[4], 'at', now })
else
  emit({ 'type', 'task.started', 'task_id', id, 'worker_id', worker, 'from', status, 'to', 'RUNNING',
    'epoch', new_epoch, 'attempt', attempt, 'previous_worker', f[5] or '', 'created_at', f[4], 'at', now })
end
return { 'ok', tostring(new_epoch), tostring(attempt), f[7], f[8] or '{}', f[9] or '', f[10] or '0', f[11] or '', f[12] or '0' }
