-- A worker shuts down cleanly: its lease ends now.
-- ARGV: 3 worker id, 4 incarnation.
local worker = ARGV[3]
local key = worker_key(worker)
if redis.call('HGET', key, 'incarnation') ~= ARGV[4] then return { 'stale' } end
local now = now_ms()
redis.call('HSET', key, 'status', 'DOWN', 'lease_until', now, 'left_at', now)
redis.call('ZADD', leases_key(), now, worker)
emit({ 'type', EVENT.WORKER_LEFT, 'worker_id', worker, 'at', now })
return { 'ok' }
