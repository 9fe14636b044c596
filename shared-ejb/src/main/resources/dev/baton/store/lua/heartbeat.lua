-- A worker's heartbeat: renews its lease and refreshes what it tells about itself. The first
-- heartbeat of a new process (a new incarnation) announces that the worker joined.
-- ARGV: 3 worker id, 4 incarnation, 5 lease (ms), then field/value pairs to store.
-- Returns {'ok', status before this heartbeat}.
local worker, incarnation, lease = ARGV[3], ARGV[4], tonumber(ARGV[5])
local key = worker_key(worker)
local prev = redis.call('HMGET', key, 'incarnation', 'status')
local now = now_ms()
local fields = { 'id', worker, 'incarnation', incarnation, 'last_heartbeat', now, 'lease_until', now + lease }
for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', key, unpack(fields))
redis.call('ZADD', leases_key(), now + lease, worker)
if prev[1] ~= incarnation then
  redis.call('HSET', key, 'joined_at', now)
  emit({ 'type', 'worker.joined', 'worker_id', worker, 'at', now })
end
return { 'ok', prev[2] or '' }
