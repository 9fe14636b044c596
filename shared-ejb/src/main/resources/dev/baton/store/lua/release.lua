-- The source of a migration hands the task over at a safe point, with a final checkpoint; or the manager
-- forces it after the deadline (no epoch given, no checkpoint: the last one is used). The epoch moves on,
-- fencing the source; only the target may claim it (claim.lua), and if it has not within the redispatch
-- timeout the due scan takes over (due.lua).
-- ARGV: 3 id, 4 epoch or '' (forced), 5 checkpoint JSON or '', 6 progress, 7 actor, 8 reason,
-- 9 redispatch timeout (ms).
-- Returns {'ok', epoch, target, type, priority} or {'missing'} / {'stale', status, epoch}.
local id = ARGV[3]
local key = task_key(id)
local f = redis.call('HMGET', key, 'status', 'epoch', 'worker_id', 'migration_target', 'released', 'type', 'priority',
  'created_at')
if not f[1] then return { 'missing' } end
if f[1] ~= 'MIGRATING' or f[5] == '1' or (ARGV[4] ~= '' and tonumber(ARGV[4]) ~= tonumber(f[2])) then
  return { 'stale', f[1], f[2] }
end
local now = now_ms()
local epoch = tonumber(f[2]) + 1
if ARGV[5] ~= '' then
  redis.call('HSET', key, 'checkpoint_data', ARGV[5], 'last_checkpoint_at', now, 'checkpoint_progress', ARGV[6],
    'progress', ARGV[6])
  redis.call('HINCRBY', key, 'checkpoints', 1)
  index_progress(id, ARGV[6], f[8])
end
redis.call('HSET', key, 'epoch', epoch, 'released', '1', 'target_worker', f[4], 'released_at', now, 'updated_at', now)
redis.call('ZREM', migrations_key(), id)
if f[3] then redis.call('SREM', worker_active_key(f[3]), id) end
redis.call('ZADD', due_key(), now + tonumber(ARGV[9]), id)
emit({ 'type', 'task.released', 'task_id', id, 'worker_id', f[3] or '', 'target', f[4], 'epoch', epoch,
  'forced', ARGV[4] == '' and '1' or '0', 'reason', ARGV[8], 'actor', ARGV[7], 'at', now })
return { 'ok', tostring(epoch), f[4], f[6], f[7] or '0' }
