-- The owner reports progress and, optionally, a checkpoint. Fenced: refused unless the epoch is
-- the current one and the task is still running.
-- ARGV: 3 id, 4 epoch, 5 progress, 6 progress message, 7 checkpoint JSON or '', 8 worker id.
-- Returns {'ok', status, cancel requested ('1' or '0')} (the owner learns of a pending MIGRATING or cancel)
-- or {'missing'} / {'stale', status, epoch}.
local id, epoch = ARGV[3], tonumber(ARGV[4])
local key = task_key(id)
local f = redis.call('HMGET', key, 'status', 'epoch', 'created_at', 'cancel_requested_at')
if not f[1] then return { 'missing' } end
if tonumber(f[2]) ~= epoch or not (f[1] == 'RUNNING' or f[1] == 'MIGRATING') then
  if epoch < tonumber(f[2]) then
    fenced(id, ARGV[8], epoch, f[2], f[1])
  end
  return { 'stale', f[1], f[2] }
end

local now = now_ms()
redis.call('HSET', key, 'progress', ARGV[5], 'progress_message', ARGV[6], 'updated_at', now)
index_progress(id, ARGV[5], f[3])
if ARGV[7] ~= '' then
  redis.call('HSET', key, 'checkpoint_data', ARGV[7], 'last_checkpoint_at', now, 'checkpoint_progress', ARGV[5])
  local n = redis.call('HINCRBY', key, 'checkpoints', 1)
  emit({ 'type', EVENT.TASK_CHECKPOINT, 'task_id', id, 'worker_id', ARGV[8], 'epoch', epoch,
    'progress', ARGV[5], 'checkpoint', n, 'at', now })
end
redis.call('PUBLISH', progress_channel(), cjson.encode({
  task_id = id, worker_id = ARGV[8], progress = tonumber(ARGV[5]), message = ARGV[6], at = now
}))
return { 'ok', f[1], f[4] and '1' or '0' }
