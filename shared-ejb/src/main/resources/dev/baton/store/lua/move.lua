-- A transition decided by the manager (recovery, cancellation, dead-lettering, ...).
-- ARGV: 3 id, 4 target status, 5 expected epoch or '' for any, 6 allowed current states
-- (comma-separated) or '' for any the table allows, 7 '1' to bump the epoch (fencing the owner),
-- 8 reason, 9 actor, 10 dispatch delay (ms) or '' to leave the task off the dispatch schedule.
-- Returns {'ok', epoch, from} or {'missing'} / {'stale', status, epoch} / {'illegal', from, to}.
local id, to, expected, only = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local key = task_key(id)
local f = redis.call('HMGET', key, 'status', 'epoch', 'created_at', 'worker_id')
local from = f[1]
if not from then return { 'missing' } end
if expected ~= '' and tonumber(f[2]) ~= tonumber(expected) then return { 'stale', from, f[2] } end
if only ~= '' and not string.find(',' .. only .. ',', ',' .. from .. ',', 1, true) then
  return { 'stale', from, f[2] }
end
if not allowed(from, to) then return { 'illegal', from, to } end

local now = now_ms()
local epoch = tonumber(f[2])
if ARGV[7] == '1' then epoch = epoch + 1 end
redis.call('HSET', key, 'status', to, 'epoch', epoch, 'updated_at', now)
if OWNED[from] and not OWNED[to] and f[4] then
  redis.call('SREM', worker_active_key(f[4]), id)
end
if FINAL[to] then redis.call('HSET', key, 'finished_at', now) end
if to == 'FAILED' or to == 'DEAD' then redis.call('HSET', key, 'error', ARGV[8]) end
reindex(id, from, to, f[3])
if ARGV[10] ~= '' then
  redis.call('ZADD', due_key(), now + tonumber(ARGV[10]), id)
else
  redis.call('ZREM', due_key(), id)
end
remember(id, transition(from, to, now, epoch, ARGV[9], ARGV[8]))
emit({ 'type', 'task.' .. string.lower(to), 'task_id', id, 'worker_id', f[4] or '', 'from', from, 'to', to,
  'epoch', epoch, 'reason', ARGV[8], 'actor', ARGV[9], 'at', now })
return { 'ok', tostring(epoch), from }
