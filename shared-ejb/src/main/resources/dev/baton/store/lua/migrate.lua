-- Asks a RUNNING task to migrate: it goes MIGRATING, its owner keeps it until its next safe point, where
-- it writes a final checkpoint and releases it (release.lua); the manager forces the release after the
-- deadline. ARGV: 3 id, 4 target worker, 5 timeout (ms), 6 reason, 7 actor.
-- Returns {'ok', epoch, source} or {'missing'} / {'not_running', status} / {'same_worker', worker} /
-- {'target_gone', target}.
local id, target = ARGV[3], ARGV[4]
local key = task_key(id)
local f = redis.call('HMGET', key, 'status', 'epoch', 'worker_id', 'created_at')
if not f[1] then return { 'missing' } end
if f[1] ~= 'RUNNING' then return { 'not_running', f[1] } end
if f[3] == target then return { 'same_worker', target } end
local now = now_ms()
if not worker_alive(target, now) then return { 'target_gone', target } end
if not allowed('RUNNING', 'MIGRATING') then return { 'illegal', 'RUNNING', 'MIGRATING' } end
local deadline = now + tonumber(ARGV[5])
redis.call('HSET', key, 'status', 'MIGRATING', 'migration_target', target, 'migration_deadline', deadline,
  'migration_requested_at', now, 'updated_at', now)
redis.call('ZADD', migrations_key(), deadline, id)
reindex(id, 'RUNNING', 'MIGRATING', f[4])
remember(id, transition('RUNNING', 'MIGRATING', now, tonumber(f[2]), f[3], ARGV[6]))
emit({ 'type', 'task.migrating', 'task_id', id, 'worker_id', f[3], 'target', target, 'from', 'RUNNING',
  'to', 'MIGRATING', 'epoch', f[2], 'reason', ARGV[6], 'actor', ARGV[7], 'at', now })
return { 'ok', f[2], f[3] }
