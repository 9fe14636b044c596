-- Declares a worker FAILED and recovers every task it owns (see recover_task in lib.lua).
-- ARGV: 3 worker id, 4 reason, 5 max recoveries per task, 6 '1' to act only if the lease has expired
-- (a heartbeat may have renewed it since the detector looked), 7 '1' to act only if no heartbeat
-- arrived after ARGV[8] (ms; the moment the broker reported the worker's connection closed).
-- Returns {'alive'} if it turned out to be alive, else {'ok', declared (0/1), {id, epoch, type, priority, '', queue}...}
-- for each task to dispatch again.
local worker, reason, max_recoveries = ARGV[3], ARGV[4], tonumber(ARGV[5])
local key = worker_key(worker)
local now = now_ms()
local w = redis.call('HMGET', key, 'status', 'lease_until', 'last_heartbeat')
if not w[1] then return { 'missing' } end
local already = w[1] == 'FAILED' or w[1] == 'DOWN'
if not already then
  if ARGV[6] == '1' and tonumber(w[2] or '0') > now then return { 'alive' } end
  if ARGV[7] == '1' and tonumber(w[3] or '0') > tonumber(ARGV[8]) then return { 'alive' } end
  redis.call('HSET', key, 'status', 'FAILED', 'failed_at', now, 'failure_reason', reason)
  emit({ 'type', EVENT.WORKER_FAILED, 'worker_id', worker, 'reason', reason, 'at', now })
end

-- its last sign of life: the broker's word that its connection closed, or its last heartbeat
local lost_at = ARGV[7] == '1' and tonumber(ARGV[8]) or tonumber(w[3] or now)
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', worker_active_key(worker))) do
  local to, epoch = recover_task(id, worker, worker .. ' failed: ' .. reason, max_recoveries, now, lost_at)
  if to == 'RECOVERING' then
    local t = redis.call('HMGET', task_key(id), 'type', 'priority', 'queue')
    out[#out + 1] = { id, tostring(epoch), t[1], t[2] or '0', '', t[3] or DEFAULT_QUEUE }
  elseif not to then
    redis.call('SREM', worker_active_key(worker), id)
  end
end
return { 'ok', already and 0 or 1, out }
