-- A worker's heartbeat: renews its lease and refreshes what it tells about itself. The first
-- heartbeat of a new process (a new incarnation) announces that the worker joined.
-- A worker declared FAILED that heartbeats again rejoins (its tasks were recovered meanwhile).
-- A new process of a known worker (a new incarnation) first recovers the tasks its previous process left:
-- that process died without handing them back.
-- ARGV: 3 worker id, 4 incarnation, 5 lease (ms), 6 status (UP or OVERLOADED), 7 max recoveries, then
-- field/value pairs. Returns {'ok', status before this heartbeat, incarnation before}.
local worker, incarnation, lease, status = ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6]
local key = worker_key(worker)
local prev = redis.call('HMGET', key, 'incarnation', 'status', 'last_heartbeat')
local now = now_ms()
local fields = { 'id', worker, 'incarnation', incarnation, 'status', status, 'last_heartbeat', now, 'lease_until', now + lease }
for i = 8, #ARGV do fields[#fields + 1] = ARGV[i] end
if prev[1] and prev[1] ~= incarnation then
  for _, id in ipairs(redis.call('SMEMBERS', worker_active_key(worker))) do
    if not recover_task(id, worker, worker .. ' restarted; its previous process left the task', tonumber(ARGV[7]), now,
      tonumber(prev[3] or now)) then
      redis.call('SREM', worker_active_key(worker), id)
    end
  end
end
redis.call('HSET', key, unpack(fields))
redis.call('ZADD', leases_key(), now + lease, worker)
if prev[1] ~= incarnation then
  redis.call('HSET', key, 'joined_at', now)
  emit({ 'type', EVENT.WORKER_JOINED, 'worker_id', worker, 'restarted', prev[1] and '1' or '0', 'at', now })
elseif prev[2] == 'FAILED' then
  redis.call('HSET', key, 'joined_at', now)
  emit({ 'type', EVENT.WORKER_REJOINED, 'worker_id', worker, 'at', now })
elseif prev[2] ~= status and (status == 'OVERLOADED' or prev[2] == 'OVERLOADED') then
  emit({ 'type', status == 'OVERLOADED' and EVENT.WORKER_OVERLOADED or EVENT.WORKER_UNLOADED, 'worker_id', worker,
    'factor', redis.call('HGET', key, 'overload_factor') or '1', 'at', now })
end
return { 'ok', prev[2] or '', prev[1] or '' }
